"""What the analysis pages show: gathered in a fixed number of queries, texts screened.

Every text quoted from a contribution passes ``contributions.screened.clean`` first (CPR numbers,
phone numbers, e-mail and street addresses and the watch list's words become "[skjult]")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Page
from django.db.models import Count, Min, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from inddrag.analysis import danish, services
from inddrag.analysis.forms import MergeForm, RunForm, SummaryForm
from inddrag.analysis.models import ParagraphLink
from inddrag.contributions import screened
from inddrag.contributions.models import Contribution
from inddrag.documents import blocks as document_blocks
from inddrag.documents.services import hearing_versions
from inddrag.memos.forms import TopicForm
from inddrag.memos.models import MemoTopic
from inddrag.processes.models import Process

EXCERPT = 300
SHOWN_SENTENCES = 3
QUOTE_CHARS = 400  # a "sentence" without full stops can be a whole letter
SHARED_SAMPLE = 200  # members read to find the sentences a group's letter consists of


def state(process: Process) -> dict:
    services.expire_stale(process)
    runs = list(process.analyses.all()[:5])
    active = next((a for a in runs if a.status in services.ACTIVE), None)
    done = next((a for a in runs if a.status == a.Status.DONE), None)
    return {
        "process": process,
        "latest": runs[0] if runs else None,
        "active": active,
        "done": done,
        "new_since": services.new_since(process, done) if done else 0,
    }


def _excerpt(text: str, limit: int = EXCERPT) -> str:
    return screened.excerpt(screened.clean(text), limit)


def overview(process: Process, forms: dict) -> dict:
    """The analysis page: its state, the topics with what the analysis says of each, the
    campaigns and duplicate groups, and how many paragraph suggestions there are."""
    context = state(process)
    topics = list(
        MemoTopic.objects.filter(process=process)
        .select_related("profile", "profile__typical")
        .annotate(n=Count("contributions"))
        .order_by("-n", "order", "name")
    )
    # The quoted sentences are read from the contributions as they are now: one anonymised
    # (its text removed on request or after the retention period), deleted or changed since
    # shows none; each is screened; only a published one may go into the memo's summary.
    refs = [
        ref
        for t in topics
        if getattr(t, "profile", None) is not None
        for ref in t.profile.sentences
    ]
    sources = {
        c.pk: c
        for c in Contribution.objects.filter(
            pk__in={ref["contribution"] for ref in refs}, anonymised_at__isnull=True
        ).only("pk", "text", "published_text", "publication", "internal")
    }
    for topic in topics:
        profile = getattr(topic, "profile", None)
        topic.profile_typical = bool(profile and profile.typical_id)
        topic.typical_excerpt = _excerpt(profile.typical.text) if topic.profile_typical else ""
        topic.words = profile.words if profile else []
        quotes = [_quote(ref, sources) for ref in (profile.sentences if profile else [])]
        quotes = [q for q in quotes if q is not None]
        topic.sentences = quotes[:SHOWN_SENTENCES]
        public = [q["sentence"] for q in quotes if q["public"]][:SHOWN_SENTENCES]
        draft = "\n".join(f"„{sentence}“" for sentence in public)
        # The quoted sentences of published contributions, for the button that puts them in
        # the summary as a draft (the memo is public).
        topic.draft = draft if len(draft) <= SummaryForm.MAX else ""
        topic.suggested = bool(
            profile and profile.suggested and profile.name == topic.name and not topic.summary
        )
        topic.rename_form = forms.get(("rename", topic.pk)) or TopicForm(
            initial={"name": topic.name}, prefix=f"topic-{topic.pk}"
        )
        topic.rename_form.fields["name"].label = _("Name of the topic")
        topic.merge_form = forms.get(("merge", topic.pk)) or MergeForm(topic=topic, topics=topics)
        topic.summary_form = forms.get(("summary", topic.pk)) or SummaryForm(
            topic=topic, initial={"summary": topic.summary}
        )
    groups = list(
        Contribution.objects.filter(process=process)
        .exclude(duplicate_group="")
        .values("duplicate_group")
        .annotate(
            n=Count("pk"),
            first=Min("pk"),
            answered=Count("pk", filter=Q(answer__isnull=False)),
        )
        .filter(n__gt=1)  # a group whose other members were deleted is no group
        .order_by("-n", "first")
    )
    firsts = {
        c.pk: c.text
        for c in Contribution.objects.filter(pk__in=[g["first"] for g in groups]).only("text")
    }
    for g in groups:
        g["excerpt"] = _excerpt(firsts.get(g["first"], ""), 200)
    counts = Contribution.objects.filter(process=process).aggregate(
        total=Count("pk"), without=Count("pk", filter=Q(topic__isnull=True))
    )
    context.update(
        {
            "run_form": forms.get("run") or RunForm(),
            "topics": topics,
            "groups": groups,
            "counts": counts,
            "links": ParagraphLink.objects.filter(analysis__process=process).count(),
        }
    )
    return context


def _quote(ref: dict, sources: dict[int, Contribution]) -> dict | None:
    """A stored quote (where the sentence stands in its contribution) as it reads now, screened;
    None when the contribution is gone, anonymised, or no longer has that sentence there."""
    source = sources.get(ref.get("contribution"))
    if source is None:
        return None
    sentence = source.text[ref["start"] : ref["end"]]
    if not sentence or services.check(sentence) != ref["check"]:
        return None
    public = (
        source.publication == Contribution.Publication.PUBLISHED
        and not source.internal
        and sentence in (source.published_text or "")
    )
    shown = screened.excerpt(screened.clean(sentence), QUOTE_CHARS)
    return {"contribution": source.pk, "sentence": shown, "public": public}


def group_members(process: Process, group: str) -> list[Contribution]:
    if not re.fullmatch(r"d\d{1,6}", group or ""):
        return []
    return list(
        Contribution.objects.filter(process=process, duplicate_group=group)
        .select_related("answer")
        .only(
            "pk",
            "receipt_number",
            "received_at",
            "process_id",
            "answer__outcome",
            "answer__published_at",
        )
        .order_by("received_at", "pk")
    )


def fingerprint(members: list[Contribution]) -> str:
    """Which contributions a group has: answering all of them is refused if the group changed
    (the analysis ran again) after the page was shown."""
    return services.check(",".join(str(m.pk) for m in sorted(members, key=lambda m: m.pk)))


@dataclass
class Copy:
    contribution: Contribution
    added: list[str] = field(default_factory=list)  # its sentences the shared letter lacks
    missing: int = 0  # the shared letter's sentences it lacks


def _key(sentence: str) -> str:
    return " ".join(danish.folded(sentence).split())


def _sentences(text: str) -> list[str]:
    """The screened text's sentences, without those that are only what screening hid."""
    return [
        s
        for s in danish.sentences(screened.clean(text))
        if re.search(r"\w", s.replace(screened.REDACTED, ""))
    ]


def group(process: Process, name: str, members: list[Contribution], page: Page) -> dict:
    """A campaign or duplicate group: the letter they share (the sentences more than half of
    them have), and for each copy on the page the sentences it adds and how many it lacks."""
    sample = members[:SHARED_SAMPLE]
    # The texts of the sample and of the page only (a campaign may have thousands of copies).
    texts = dict(
        Contribution.objects.filter(
            pk__in={m.pk for m in sample} | {m.pk for m in page}
        ).values_list("pk", "text")
    )
    split = {m.pk: _sentences(texts.get(m.pk, "")) for m in sample}
    seen: Counter[str] = Counter()
    wording: dict[str, str] = {}
    for sentences in split.values():
        keys = {_key(s) for s in sentences}
        seen.update(keys)
        for s in sentences:
            wording.setdefault(_key(s), s)
    shared_keys = [k for k, n in seen.items() if n * 2 > len(sample)]
    first = split.get(sample[0].pk) or []
    order = {_key(s): i for i, s in enumerate(first)}
    shared = sorted(shared_keys, key=lambda k: order.get(k, len(order)))
    copies = []
    for member in page:
        sentences = split.get(member.pk) or _sentences(texts.get(member.pk, ""))
        keys = {_key(s) for s in sentences}
        copies.append(
            Copy(
                member,
                added=[s for s in sentences if _key(s) not in set(shared)],
                missing=sum(1 for k in shared if k not in keys),
            )
        )
    return {
        "process": process,
        "group": name,
        "count": len(members),
        "answered": sum(1 for m in members if hasattr(m, "answer") and m.answer is not None),
        "shared": [wording[k] for k in shared],
        "copies": copies,
        "page": page,
    }


def _mark(text: str, words: list[str]) -> SafeString:
    """The escaped text with each of ``words`` (whole words, any case) in <mark>."""
    if not words:
        return mark_safe(escape(text))  # noqa: S308 - escaped just above
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(r"(?<!\w)(" + alternatives + r")(?!\w)", re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped


def _window(text: str, words: list[str], limit: int = EXCERPT) -> str:
    """About ``limit`` characters of ``text`` around its first matching word."""
    text = " ".join(text.split())
    lowered = text.casefold()
    hits = [lowered.find(w.casefold()) for w in words if w and w.casefold() in lowered]
    start = max(0, min(hits) - limit // 3) if hits else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 40 else start
    piece = text[start : start + limit]
    return ("…" if start else "") + piece + ("…" if start + limit < len(text) else "")


def paragraphs(process: Process) -> dict:
    """The hearing versions' paragraphs that have suggestions, each with its contributions and
    the words they share marked."""
    links = list(
        ParagraphLink.objects.filter(analysis__process=process)
        .select_related("contribution")
        .only(
            "version_id",
            "block_id",
            "score",
            "words",
            "contribution__id",
            "contribution__receipt_number",
            "contribution__text",
            "contribution__block_id",
            "contribution__version_id",
        )
    )
    by_block: dict[tuple[int, str], list] = {}
    for link in links:
        text = screened.clean(link.contribution.text)
        link.marked = _mark(_window(text, link.words), link.words)
        link.chosen_here = (
            link.contribution.version_id == link.version_id
            and link.contribution.block_id == link.block_id
        )
        by_block.setdefault((link.version_id, link.block_id), []).append(link)
    documents = []
    for version in hearing_versions(process):
        rows = []
        for block in version.hearing_blocks or []:
            found = by_block.get((version.pk, str(block.get("id"))))
            if found:
                words = sorted({w for link in found for w in link.words}, key=str.casefold)
                rows.append(
                    {
                        "id": block.get("id"),
                        "text": _mark(document_blocks.plain_text(block), words),
                        "links": sorted(found, key=lambda link: -link.score),
                    }
                )
        if rows:
            documents.append({"version": version, "paragraphs": rows})
    return {
        "process": process,
        "documents": documents,
        "contribution_ids": sorted({link.contribution_id for link in links}),
    }
