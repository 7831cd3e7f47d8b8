"""What the hearing memo (høringsnotat) says, gathered once and rendered three ways: the staff
preview (HTML), DOCX and PDF.

``build_memo(process)`` reads everything in a fixed number of queries, however many contributions
the process has, and returns plain dataclasses in Danish (the memo is for the committee's agenda,
whatever language the member of staff reads the site in).

Nothing personal leaves here unless it may: a private person is named only with their consent,
and every text that comes from a contributor (or is written about one) is screened for CPR
numbers, phone numbers and e-mail addresses, which are replaced with "[skjult]".
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.fields.json import KT
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from inddrag.contributions import screened
from inddrag.contributions.models import (
    Answer,
    Consent,
    Contribution,
    Source,
    SpeakingAs,
)
from inddrag.documents import diff
from inddrag.documents.models import Change, Document, DocumentVersion
from inddrag.lib.calendar import calendar_span
from inddrag.lib.formatting import full_date, moment, period
from inddrag.memos.models import MemoTopic
from inddrag.processes.models import Process, TargetGroup
from inddrag.stakeholders.models import HearingListEntry

EXCERPT_CHARS = screened.EXCERPT_CHARS  # the start that stands in for a missing summary
_READ_CHARS = screened.READ_CHARS  # read from the database for the excerpt; screened, then cut
# The screening of the texts: done when they are saved, and on the fly for a stale one.
clean, excerpt, _one_line = screened.clean, screened.excerpt, screened.one_line


# --- What the memo holds ------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class Period:
    """A period in which contributions were taken (the hearing, or a call for ideas)."""

    title: str
    method: str
    dates: str  # "1.–31. marts 2027"
    days: int  # calendar days, Danish time


@dataclass(frozen=True)
class ActivityHeld:
    title: str
    method: str
    when: str
    location: str


@dataclass(frozen=True)
class Party:
    """A stakeholder on the hearing list, and whether they answered."""

    name: str
    type: str
    answered: bool


@dataclass(frozen=True)
class Hearing:
    periods: list[Period]
    activities: list[ActivityHeld]
    # The parties heard: the hearing list, "(har svaret)" where they answered; the target groups
    # when the process has no hearing list.
    target_groups: list[str]
    respondents: list[str]  # organisations, councils and authorities that answered
    total: int
    by_category: list[Count]  # "udtaler mig som"
    by_source: list[Count]
    parties: list[Party] = field(default_factory=list)  # the hearing list itself


@dataclass(frozen=True)
class LinkedChange:
    explanation: str
    excerpt: str


@dataclass(frozen=True)
class Item:
    """One contribution as the memo shows it."""

    number: int
    receipt_number: str
    who: str  # a name only where it may be shown, else "Borger (anonym)" or the category
    named: bool  # whether ``who`` is a name (else it says the category already)
    category: str
    summary: str
    # "staff": written by staff; "excerpt": none written yet, the start of the text instead;
    # "missing": none written, and the text may not be quoted (not for publication).
    summary_kind: str
    outcome: str  # the answer's outcome, "" when not answered
    reason: str
    assessment: str  # the outcome and the reason, or "Ikke besvaret endnu"
    recommendation: str  # "Ingen indstilling endnu" when not given
    changes: list[LinkedChange] = field(default_factory=list)
    pk: int = 0  # the contribution's (the preview's anchors and links)

    @property
    def label(self) -> str:
        return f"{self.receipt_number} — {self.who}"


@dataclass(frozen=True)
class TopicSection:
    title: str
    items: list[Item]
    other: bool = False  # the contributions without a topic ("Øvrige bidrag")
    anchor: str = ""  # "emne-2": the section's place in the preview
    continued: bool = False  # in the preview: begun on an earlier page
    summary: str = ""  # staff's summary of the topic (screened)
    # "12 enslydende bidrag (…): nr. 3–14": the campaigns and duplicates the analysis found
    # among the section's contributions (``Contribution.duplicate_group``).
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ChangeNote:
    explanation: str
    receipt_numbers: list[str]


@dataclass(frozen=True)
class ChangedBlock:
    block: diff.DiffBlock
    notes: list[ChangeNote]


@dataclass(frozen=True)
class DocumentChanges:
    title: str
    from_label: str  # "Høringsudgave, 1. marts 2027"
    to_label: str
    blocks: list[ChangedBlock]


@dataclass(frozen=True)
class MemoContent:
    title: str  # "Høringsnotat — <process title>"
    process_title: str
    made: str  # "27. november 2026 kl. 14.03"
    hearing: Hearing | None  # None only on the preview's later pages
    sections: list[TopicSection]
    documents: list[DocumentChanges]
    recommendations: list[Count]

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]


@dataclass(frozen=True)
class SectionOutline:
    """A section of the contributions in the preview's table of contents."""

    title: str
    other: bool
    count: int
    first: int  # the number of its first contribution
    page: int  # the preview page it begins on
    anchor: str


@dataclass(frozen=True)
class MemoPreview:
    """One page of the staff preview: the memo's structure, and its contributions from
    ``first`` to ``last`` with the same content as the memo. The hearing is on the first page,
    the recommended changes on the last (where the memo has them)."""

    content: MemoContent
    outline: list[SectionOutline]
    page: Page  # of contribution ids
    total: int

    @property
    def first_page(self) -> bool:
        return not self.page.has_previous()

    @property
    def last_page(self) -> bool:
        return not self.page.has_next()


# --- Screening and names ------------------------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """The memo's words for the choices, translated once per memo (not once per contribution)."""

    anonymous: str
    not_answered: str
    no_recommendation: str
    not_quoted: str
    speaking_as: dict[str, str]
    outcome: dict[str, str]
    recommendation: dict[str, str]


def words() -> Words:
    """Call inside ``override(settings.LANGUAGE_CODE)``."""
    return Words(
        anonymous=_("Citizen (anonymous)"),
        not_answered=_("Not answered yet"),
        no_recommendation=_("No recommendation yet"),
        not_quoted=_("No summary yet (the contribution is not published, so it is not quoted)."),
        speaking_as={value: str(label) for value, label in SpeakingAs.choices},
        outcome={value: str(label) for value, label in Answer.Outcome.choices},
        recommendation={value: str(label) for value, label in Answer.Recommendation.choices},
    )


class _Screened:
    """The screened texts of one memo: stored values where they are current, screened on the
    fly where not (``screened.stored_or_screened``); a name screened once per memo."""

    def __init__(self) -> None:
        self.rules = screened.rules()
        self.names: dict[tuple[str, str, str], str] = {}

    def value(self, stored: dict | None, field: str, text: str) -> str:
        return screened.stored_or_screened(stored, field, text or "", self.rules)

    def name(self, stored: dict | None, field: str, text: str) -> str:
        key = (field, text or "")  # the same text is the same name, stored or screened now
        if key not in self.names:
            self.names[key] = self.value(stored, field, text)
        return self.names[key]


def who(
    contribution: Contribution, words_: Words | None = None, screen: _Screened | None = None
) -> str:
    """Who sent it, as the memo may say it.

    Organisations, councils, businesses and authorities are not private persons: their name (the
    "on behalf of") is shown. A person's own name is shown only with consent to publication with
    the name; otherwise a private person is "Borger (anonym)" and anyone else their category.
    """
    screen = screen or _Screened()
    stored = getattr(contribution, "screened", None)
    published = contribution.publication == Contribution.Publication.PUBLISHED
    if contribution.consent == Consent.WITH_NAME and published:
        name = screen.name(stored, "published_name", contribution.published_name)
    elif contribution.speaking_as != SpeakingAs.PRIVATE:
        name = screen.name(stored, "on_behalf_of", contribution.on_behalf_of)
    else:
        name = ""
    return name or _anonymous(contribution, words_)


def _anonymous(contribution: Contribution, words_: Words | None = None) -> str:
    if contribution.speaking_as == SpeakingAs.PRIVATE:
        return words_.anonymous if words_ else _("Citizen (anonymous)")
    if words_:
        return words_.speaking_as.get(contribution.speaking_as, contribution.speaking_as)
    return str(contribution.get_speaking_as_display())


# --- Gathering ----------------------------------------------------------------------------------


def _hearing_days(start: datetime.datetime, end: datetime.datetime) -> int:
    """Calendar days in Danish time; 30 days and 23.59 reads as 31 days (as the checks count)."""
    span = calendar_span(start, end)
    return span.days + (1 if span.seconds >= 12 * 3600 else 0)


def _target_groups(process: Process) -> list[str]:
    """The target groups in the order of the list staff choose from."""
    codes = set(process.target_group_codes())
    return [str(label) for value, label in TargetGroup.choices if value in codes]


def _parties(process: Process) -> list[Party]:
    """The hearing list's accepted entries, ticked where the stakeholder answered (one query)."""
    entries = (
        HearingListEntry.objects.filter(process=process, state=HearingListEntry.State.ACCEPTED)
        .select_related("stakeholder")
        .annotate(
            answered=Exists(
                Contribution.objects.filter(
                    process=OuterRef("process"), stakeholder=OuterRef("stakeholder")
                )
            )
        )
        .order_by("stakeholder__name", "pk")
    )
    return [
        Party(
            name=_one_line(e.stakeholder.name),
            type=str(e.stakeholder.get_type_display()),
            answered=e.answered,
        )
        for e in entries
    ]


def _parties_heard(parties: list[Party], process: Process) -> list[str]:
    if not parties:
        return _target_groups(process)
    return [_("%(name)s (answered)") % {"name": p.name} if p.answered else p.name for p in parties]


def _respondents(rows, screen: _Screened) -> list[str]:
    """The organisations, councils and authorities that answered: ``rows`` are (speaking_as,
    on_behalf_of, stored screening) of the contributions."""
    names: dict[str, None] = {}
    for speaking_as, on_behalf_of, stored in rows:
        if speaking_as != SpeakingAs.PRIVATE and on_behalf_of.strip():
            names.setdefault(screen.name(stored, "on_behalf_of", on_behalf_of), None)
    return sorted(names, key=str.casefold)


def _hearing(process: Process, rows: list, respondents: list[str]) -> Hearing:
    """The facts of the hearing; ``rows`` (contributions or ``_Row``) give the counts."""
    activities = sorted(process.activities.all(), key=lambda a: (a.starts_at, a.pk))
    periods = [
        Period(
            title=_one_line(a.title),
            method=str(a.get_method_display()),
            dates=period(a.starts_at, a.ends_at),
            days=_hearing_days(a.starts_at, a.ends_at),
        )
        for a in activities
        if a.takes_contributions
    ]
    held = [
        ActivityHeld(
            title=_one_line(a.title),
            method=str(a.get_method_display()),
            when=period(a.starts_at, a.ends_at),
            location=_one_line(a.location),
        )
        for a in activities
    ]
    categories = Counter(c.speaking_as for c in rows)
    sources = Counter(c.source for c in rows)
    parties = _parties(process)
    return Hearing(
        periods=periods,
        activities=held,
        target_groups=_parties_heard(parties, process),
        parties=parties,
        respondents=respondents,
        total=len(rows),
        by_category=[
            Count(str(label), categories[value])
            for value, label in SpeakingAs.choices
            if categories[value]
        ],
        by_source=[
            Count(str(label), sources[value]) for value, label in Source.choices if sources[value]
        ],
    )


_ITEM_FIELDS = (
    "pk",
    "receipt_number",
    "speaking_as",
    "on_behalf_of",
    "consent",
    "source",
    "publication",
    "published_name",
    "summary",
    "screened",
    "topic_id",
    "duplicate_group",
    "received_at",
    "answer__id",
    "answer__contribution_id",
    "answer__outcome",
    "answer__reason",
    "answer__recommendation",
    "answer__screened",
)


def _memo_rows(process: Process):
    """The process's contributions in the memo, oldest first. Internal contributions (from
    invited employees and disciplines) are never public, and the memo is a public document, so
    they are left out of it."""
    return Contribution.objects.filter(process=process, internal=False).order_by(
        "received_at", "pk"
    )


def _with_texts(rows):
    """With the answer, the screened texts and the start of the published text (no more of the
    texts is read)."""
    return (
        rows.select_related("answer")
        .only(*_ITEM_FIELDS)
        .annotate(published_start=Substr("published_text", 1, _READ_CHARS))
    )


def _contributions(process: Process) -> list[Contribution]:
    """Every contribution with its answer, oldest first; only the start of the texts is read."""
    return list(_with_texts(_memo_rows(process)))


def _answer_of(contribution: Contribution) -> Answer | None:
    try:
        return contribution.answer
    except Answer.DoesNotExist:
        return None


def _summary(contribution: Contribution, words_: Words, screen: _Screened) -> tuple[str, str]:
    """Staff's summary; else the start of the (published) text. A contribution that is not
    published because the contributor said no, or staff declined it, is never quoted."""
    stored = contribution.screened
    if contribution.summary.strip():
        return screen.value(stored, "summary", contribution.summary), "staff"
    state = contribution.publication
    if state == Contribution.Publication.PUBLISHED:
        start = contribution.published_start or ""
        return screen.value(stored, "published_text", start), "excerpt"
    # Not (yet) cleared for publication: the memo is public, so only staff's summary is used.
    return words_.not_quoted, "missing"


def _item(
    number: int,
    contribution: Contribution,
    changes: list[LinkedChange],
    words_: Words,
    screen: _Screened,
) -> Item:
    summary, kind = _summary(contribution, words_, screen)
    sender, anonymous = who(contribution, words_, screen), _anonymous(contribution, words_)
    answer = _answer_of(contribution)
    outcome = words_.outcome.get(answer.outcome, answer.outcome) if answer else ""
    reason = screen.value(answer.screened, "reason", answer.reason) if answer else ""
    if not answer:
        assessment = words_.not_answered
    else:
        assessment = f"{outcome}. {reason}" if reason else outcome
    recommendation = answer.recommendation if answer else ""
    return Item(
        number=number,
        receipt_number=contribution.receipt_number or f"#{contribution.pk}",
        who=sender,
        named=sender != anonymous,
        category=words_.speaking_as.get(contribution.speaking_as, contribution.speaking_as),
        summary=summary,
        summary_kind=kind,
        outcome=outcome,
        reason=reason,
        assessment=assessment,
        recommendation=(
            words_.recommendation.get(recommendation, recommendation)
            if recommendation
            else words_.no_recommendation
        ),
        changes=changes,
        pk=contribution.pk,
    )


def _changes(process: Process) -> list[Change]:
    """The linked changes of the process's documents, with the receipt numbers they came from."""
    return list(
        Change.objects.filter(from_version__document__process=process)
        .only("pk", "from_version_id", "to_version_id", "key", "excerpt", "explanation")
        .prefetch_related(
            Prefetch(
                "contributions",
                queryset=Contribution.objects.filter(process=process, internal=False)
                .only("pk", "receipt_number")
                .order_by("received_at", "pk"),
            )
        )
    )


def _version_label(version: DocumentVersion) -> str:
    return f"{version.get_label_display()}, {full_date(version.dated)}"


def _compared_versions(
    documents: list[Document],
) -> list[tuple[Document, DocumentVersion, DocumentVersion]]:
    """For each document: its (last) hearing version and the version to compare it with — the
    latest final version after it, else the latest version after it."""
    pairs = []
    for document in documents:
        versions = sorted(document.versions.all(), key=lambda v: (v.dated, v.pk))
        hearing = [v for v in versions if v.label == DocumentVersion.Label.HEARING]
        if not hearing:
            continue
        start = hearing[-1]
        later = [v for v in versions if (v.dated, v.pk) > (start.dated, start.pk)]
        if not later:
            continue
        final = [v for v in later if v.label == DocumentVersion.Label.FINAL]
        pairs.append((document, start, (final or later)[-1]))
    return pairs


def _documents(process: Process, changes: list[Change]) -> list[DocumentChanges]:
    documents = list(
        Document.objects.filter(process=process).prefetch_related(
            # The memo is public: only published versions are compared.
            Prefetch(
                "versions", queryset=DocumentVersion.objects.filter(published=True).defer("blocks")
            )
        )
    )
    pairs = _compared_versions(documents)
    wanted = {v.pk for _document, old, new in pairs for v in (old, new)}
    blocks = dict(
        DocumentVersion.objects.filter(pk__in=wanted, published=True).values_list("pk", "blocks")
    )
    result = []
    for document, old, new in pairs:
        notes: dict[str, list[ChangeNote]] = {}
        for change in changes:
            if change.from_version_id == old.pk and change.to_version_id == new.pk:
                notes.setdefault(change.key, []).append(
                    ChangeNote(
                        explanation=clean(change.explanation).strip(),
                        receipt_numbers=[
                            c.receipt_number or f"#{c.pk}" for c in change.contributions.all()
                        ],
                    )
                )
        changed = diff.changes_only(
            diff.compare(blocks.get(old.pk) or [], blocks.get(new.pk) or [])
        )
        result.append(
            DocumentChanges(
                title=_one_line(document.title),
                from_label=_version_label(old),
                to_label=_version_label(new),
                blocks=[ChangedBlock(block, notes.get(block.key, [])) for block in changed],
            )
        )
    return result


def build_memo(process: Process, now: datetime.datetime | None = None) -> MemoContent:
    """Everything the hearing memo says, in Danish, in a fixed number of queries."""
    with override(settings.LANGUAGE_CODE):
        return _build(process, now or timezone.now())


def _linked(changes: list[Change]) -> dict[int, list[LinkedChange]]:
    by_contribution: dict[int, list[LinkedChange]] = {}
    for change in changes:
        linked = LinkedChange(clean(change.explanation).strip(), _one_line(clean(change.excerpt)))
        for c in change.contributions.all():
            by_contribution.setdefault(c.pk, []).append(linked)
    return by_contribution


def _grouped(topics: list, rows: list) -> list[tuple[str, bool, list, MemoTopic | None]]:
    """The sections in the memo's order: the topics in their order, then "Øvrige bidrag"
    (without a topic); ``rows`` (contributions or ``_Row``) oldest first within each."""
    grouped: dict[int | None, list] = {}
    for c in rows:
        grouped.setdefault(c.topic_id, []).append(c)
    sections = [(_one_line(t.name), False, grouped[t.pk], t) for t in topics if grouped.get(t.pk)]
    known = {t.pk for t in topics}
    rest = [c for c in rows if c.topic_id is None or c.topic_id not in known]
    if rest:
        sections.append((_("Other contributions"), True, rest, None))
    return sections


def _ranges(numbers: list[int]) -> str:
    """[3, 4, 5, 9] → "3–5, 9"."""
    parts: list[str] = []
    start = previous = None
    for n in sorted(numbers):
        if previous is not None and n == previous + 1:
            previous = n
            continue
        if start is not None:
            parts.append(f"{start}–{previous}" if previous != start else str(start))
        start = previous = n
    if start is not None:
        parts.append(f"{start}–{previous}" if previous != start else str(start))
    return ", ".join(parts)


def _notes(numbered: list[tuple[int, object]]) -> list[str]:
    """The campaigns and duplicates among a section's (number, row) pairs, largest first."""
    groups: dict[str, list[int]] = {}
    for number, row in numbered:
        if row.duplicate_group:
            groups.setdefault(row.duplicate_group, []).append(number)
    notes = []
    for numbers in sorted(groups.values(), key=lambda n: (-len(n), n[0])):
        if len(numbers) > 1:
            notes.append(
                ngettext(
                    "%(count)d identical contribution (the same text, with small differences): "
                    "no. %(numbers)s.",
                    "%(count)d identical contributions (the same text, with small differences): "
                    "no. %(numbers)s.",
                    len(numbers),
                )
                % {"count": len(numbers), "numbers": _ranges(numbers)}
            )
    return notes


def _topic_summary(topic: MemoTopic | None) -> str:
    return clean(topic.summary).strip() if topic is not None and topic.summary else ""


def _recommendations(counted: Counter, words_: Words) -> list[Count]:
    return [
        Count(str(label), counted[value])
        for value, label in [*Answer.Recommendation.choices, ("", words_.no_recommendation)]
        if counted[value]
    ]


def _build(process: Process, now: datetime.datetime) -> MemoContent:
    words_, screen = words(), _Screened()
    contributions = _contributions(process)
    changes = _changes(process)
    by_contribution = _linked(changes)
    sections: list[TopicSection] = []
    number = 0
    grouped = _grouped(list(process.topics.all()), contributions)
    for n, (title, other, rows, topic) in enumerate(grouped):
        items = []
        for c in rows:
            number += 1
            items.append(_item(number, c, by_contribution.get(c.pk, []), words_, screen))
        notes = _notes([(item.number, c) for item, c in zip(items, rows, strict=True)])
        sections.append(
            TopicSection(
                title,
                items,
                other,
                anchor=f"emne-{n + 1}",
                summary=_topic_summary(topic),
                notes=notes,
            )
        )
    recommendations = Counter(
        a.recommendation if (a := _answer_of(c)) is not None else "" for c in contributions
    )
    respondents = _respondents(
        ((c.speaking_as, c.on_behalf_of, c.screened) for c in contributions), screen
    )
    title = _one_line(process.title)
    return MemoContent(
        title=_("Hearing memo — %(title)s") % {"title": title},
        process_title=title,
        made=moment(now),
        hearing=_hearing(process, contributions, respondents),
        sections=sections,
        documents=_documents(process, changes),
        recommendations=_recommendations(recommendations, words_),
    )


# --- The staff preview, a page at a time --------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """What the preview reads of every contribution: enough for the counts and the order."""

    pk: int
    topic_id: int | None
    speaking_as: str
    source: str
    recommendation: str | None
    duplicate_group: str


def build_preview(
    process: Process,
    page: str | int | None = None,
    *,
    contribution: int | None = None,
    per_page: int = 50,
    now: datetime.datetime | None = None,
) -> MemoPreview:
    """A page of the memo for the staff preview, in a fixed number of queries however many
    contributions there are: the whole memo's structure and counts, and the full content of
    ``per_page`` contributions. ``contribution`` (an id) chooses the page that has it."""
    with override(settings.LANGUAGE_CODE):
        return _preview(process, page, contribution, per_page, now or timezone.now())


def _preview(
    process: Process,
    page_number: str | int | None,
    contribution: int | None,
    per_page: int,
    now: datetime.datetime,
) -> MemoPreview:
    words_, screen = words(), _Screened()
    rows = [
        _Row(*values)
        for values in _memo_rows(process).values_list(
            "pk", "topic_id", "speaking_as", "source", "answer__recommendation", "duplicate_group"
        )
    ]
    grouped = _grouped(list(process.topics.all()), rows)
    order = [row.pk for _title, _other, section, _topic in grouped for row in section]
    paginator = Paginator(order, per_page)
    if contribution is not None and contribution in (
        position := {pk: i for i, pk in enumerate(order)}
    ):
        page_number = position[contribution] // per_page + 1
    page = paginator.get_page(page_number)
    begin = (page.number - 1) * per_page
    end = begin + len(page.object_list)
    loaded = {c.pk: c for c in _with_texts(_memo_rows(process).filter(pk__in=page.object_list))}
    changes = _changes(process)
    by_contribution = _linked(changes)
    outline, sections = [], []
    index = 0
    for n, (title, other, section, topic) in enumerate(grouped):
        anchor = f"emne-{n + 1}"
        outline.append(
            SectionOutline(title, other, len(section), index + 1, index // per_page + 1, anchor)
        )
        items = [
            _item(i + 1, loaded[row.pk], by_contribution.get(row.pk, []), words_, screen)
            for i, row in enumerate(section, start=index)
            if begin <= i < end and row.pk in loaded
        ]
        if items:
            first_here = index >= begin
            sections.append(
                TopicSection(
                    title,
                    items,
                    other,
                    anchor=anchor,
                    continued=not first_here,
                    summary=_topic_summary(topic) if first_here else "",
                    notes=_notes(list(enumerate(section, start=index + 1))) if first_here else [],
                )
            )
        index += len(section)
    hearing = None
    if not page.has_previous():
        respondents = _memo_rows(process).exclude(speaking_as=SpeakingAs.PRIVATE)
        named = respondents.exclude(on_behalf_of="").values_list(
            "speaking_as", "on_behalf_of", KT("screened__on_behalf_of")
        )
        hearing = _hearing(
            process,
            rows,
            _respondents(((a, b, _stored_entry("on_behalf_of", c)) for a, b, c in named), screen),
        )
    title = _one_line(process.title)
    content = MemoContent(
        title=_("Hearing memo — %(title)s") % {"title": title},
        process_title=title,
        made=moment(now),
        hearing=hearing,
        sections=sections,
        documents=[] if page.has_next() else _documents(process, changes),
        recommendations=_recommendations(Counter(row.recommendation or "" for row in rows), words_),
    )
    return MemoPreview(content, outline, page, len(rows))


def _stored_entry(field_name: str, value) -> dict:
    """One stored entry, as ``KT`` reads it (JSON text), in the shape of ``screened``."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return {field_name: value} if isinstance(value, list) else {}
