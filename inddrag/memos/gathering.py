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
import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from inddrag.contributions import screening
from inddrag.contributions.models import (
    REDACTED,
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
from inddrag.processes.models import Process, TargetGroup
from inddrag.stakeholders.models import HearingListEntry

EXCERPT_CHARS = 300  # the start of a contribution that stands in for a missing summary
_READ_CHARS = 800  # read from the database for the excerpt; screened before it is cut
# Characters that are not allowed in XML (DOCX) and have no place in a document anyway.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


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

    @property
    def label(self) -> str:
        return f"{self.receipt_number} — {self.who}"


@dataclass(frozen=True)
class TopicSection:
    title: str
    items: list[Item]
    other: bool = False  # the contributions without a topic ("Øvrige bidrag")


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
    hearing: Hearing
    sections: list[TopicSection]
    documents: list[DocumentChanges]
    recommendations: list[Count]

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]


# --- Screening and names ------------------------------------------------------------------------


def clean(text: str) -> str:
    """``text`` with control characters removed and what screening finds (CPR numbers, phone
    numbers, e-mail addresses, street addresses, watch-list words) replaced with "[skjult]"."""
    text = _CONTROL.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    findings = screening.scan(text)
    if not findings:
        return text
    return screening.redact(text, [(f.start, f.end) for f in findings], REDACTED)


def _one_line(text: str) -> str:
    return " ".join(_CONTROL.sub("", text or "").split())


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of ``text`` on one line, screened first and then cut at a word."""
    text = _one_line(clean(text))
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return f"{cut.rstrip(',.;:–- ')}…"


def who(contribution: Contribution) -> str:
    """Who sent it, as the memo may say it.

    Organisations, councils, businesses and authorities are not private persons: their name (the
    "on behalf of") is shown. A person's own name is shown only with consent to publication with
    the name; otherwise a private person is "Borger (anonym)" and anyone else their category.
    """
    published = contribution.publication == Contribution.Publication.PUBLISHED
    if contribution.consent == Consent.WITH_NAME and published:
        name = contribution.published_name
    elif contribution.speaking_as != SpeakingAs.PRIVATE:
        name = contribution.on_behalf_of
    else:
        name = ""
    return _one_line(clean(name)) or _anonymous(contribution)


def _anonymous(contribution: Contribution) -> str:
    if contribution.speaking_as == SpeakingAs.PRIVATE:
        return _("Citizen (anonymous)")
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


def _hearing(process: Process, contributions: list[Contribution]) -> Hearing:
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
    categories = Counter(c.speaking_as for c in contributions)
    sources = Counter(c.source for c in contributions)
    respondents: dict[str, None] = {}
    for c in contributions:
        if c.speaking_as != SpeakingAs.PRIVATE and c.on_behalf_of.strip():
            respondents.setdefault(_one_line(clean(c.on_behalf_of)), None)
    parties = _parties(process)
    return Hearing(
        periods=periods,
        activities=held,
        target_groups=_parties_heard(parties, process),
        parties=parties,
        respondents=sorted(respondents, key=str.casefold),
        total=len(contributions),
        by_category=[
            Count(str(label), categories[value])
            for value, label in SpeakingAs.choices
            if categories[value]
        ],
        by_source=[
            Count(str(label), sources[value]) for value, label in Source.choices if sources[value]
        ],
    )


def _contributions(process: Process) -> list[Contribution]:
    """Every contribution with its answer, oldest first; only the start of the texts is read.

    Internal contributions (from invited employees and disciplines) are never public, and the
    memo is a public document, so they are left out of it."""
    return list(
        Contribution.objects.filter(process=process, internal=False)
        .select_related("answer")
        .only(
            "pk",
            "receipt_number",
            "speaking_as",
            "on_behalf_of",
            "name",
            "consent",
            "source",
            "publication",
            "published_name",
            "summary",
            "topic_id",
            "received_at",
            "answer__id",
            "answer__contribution_id",
            "answer__outcome",
            "answer__reason",
            "answer__recommendation",
        )
        .annotate(
            text_start=Substr("text", 1, _READ_CHARS),
            published_start=Substr("published_text", 1, _READ_CHARS),
        )
        .order_by("received_at", "pk")
    )


def _answer_of(contribution: Contribution) -> Answer | None:
    try:
        return contribution.answer
    except Answer.DoesNotExist:
        return None


def _summary(contribution: Contribution) -> tuple[str, str]:
    """Staff's summary; else the start of the (published) text. A contribution that is not
    published because the contributor said no, or staff declined it, is never quoted."""
    if contribution.summary.strip():
        return _one_line(clean(contribution.summary)), "staff"
    state = contribution.publication
    if state == Contribution.Publication.PUBLISHED:
        return excerpt(contribution.published_start or ""), "excerpt"
    # Not (yet) cleared for publication: the memo is public, so only staff's summary is used.
    return _("No summary yet (the contribution is not published, so it is not quoted)."), "missing"


def _item(number: int, contribution: Contribution, changes: list[LinkedChange]) -> Item:
    summary, kind = _summary(contribution)
    sender, anonymous = who(contribution), _anonymous(contribution)
    answer = _answer_of(contribution)
    outcome = str(answer.get_outcome_display()) if answer else ""
    reason = clean(answer.reason).strip() if answer else ""
    if not answer:
        assessment = _("Not answered yet")
    else:
        assessment = f"{outcome}. {reason}" if reason else outcome
    return Item(
        number=number,
        receipt_number=contribution.receipt_number or f"#{contribution.pk}",
        who=sender,
        named=sender != anonymous,
        category=str(contribution.get_speaking_as_display()),
        summary=summary,
        summary_kind=kind,
        outcome=outcome,
        reason=reason,
        assessment=assessment,
        recommendation=(
            str(answer.get_recommendation_display())
            if answer and answer.recommendation
            else _("No recommendation yet")
        ),
        changes=changes,
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


def _build(process: Process, now: datetime.datetime) -> MemoContent:
    contributions = _contributions(process)
    changes = _changes(process)
    by_contribution: dict[int, list[LinkedChange]] = {}
    for change in changes:
        linked = LinkedChange(clean(change.explanation).strip(), _one_line(clean(change.excerpt)))
        for c in change.contributions.all():
            by_contribution.setdefault(c.pk, []).append(linked)
    topics = list(process.topics.all())
    grouped: dict[int | None, list[Contribution]] = {}
    for c in contributions:
        grouped.setdefault(c.topic_id, []).append(c)
    sections: list[TopicSection] = []
    number = 0

    def section(title: str, rows: list[Contribution], other: bool = False) -> None:
        nonlocal number
        items = []
        for c in rows:
            number += 1
            items.append(_item(number, c, by_contribution.get(c.pk, [])))
        sections.append(TopicSection(title, items, other))

    for topic in topics:
        if grouped.get(topic.pk):
            section(_one_line(topic.name), grouped[topic.pk])
    known = {t.pk for t in topics}
    rest = [c for c in contributions if c.topic_id is None or c.topic_id not in known]
    if rest:
        section(_("Other contributions"), rest, other=True)
    recommendations = Counter(
        a.recommendation if (a := _answer_of(c)) is not None else "" for c in contributions
    )
    title = _one_line(process.title)
    return MemoContent(
        title=_("Hearing memo — %(title)s") % {"title": title},
        process_title=title,
        made=moment(now),
        hearing=_hearing(process, contributions),
        sections=sections,
        documents=_documents(process, changes),
        recommendations=[
            Count(str(label), recommendations[value])
            for value, label in [*Answer.Recommendation.choices, ("", _("No recommendation yet"))]
            if recommendations[value]
        ],
    )
