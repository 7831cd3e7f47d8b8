"""Running the analysis of a process's contributions and keeping what it suggests.

``request_analysis`` records a run as queued and enqueues it with the caller's transaction (as
the hearing memo: ``lib.tasks.enqueue_with_transaction``); ``run`` (the task's body) reads the
contributions, screens them, calls the engine (``engine.analyse``) and stores its suggestions
where staff use them: topics as the hearing memo's topics (``memos.MemoTopic``, with a
``TopicProfile``), each contribution's topic and duplicate group on the contribution, the
paragraph suggestions as ``ParagraphLink``. Nothing is sent or published by it.

What staff chose is kept (docs/analysis.md, "What staff decide"):

- a contribution whose topic staff set by hand (``topic_by_staff``, also set by naming or merging
  a topic) is never moved, and its topic keeps its name;
- the default run (``Mode.KEEP``) keeps every topic a contribution already has — staff's and
  earlier suggestions — and places only the contributions without one: into the existing topic
  their text is closest to, or into new topics when they form a group of their own;
- ``Mode.REGROUP`` suggests every topic anew but staff's; suggested topics left empty are removed.

Screening comes before anything is shown: what a run stores to be shown — the summary draft's
sentences — is screened as the hearing memo screens (``contributions.screened.clean``: CPR
numbers, phone numbers, e-mail and street addresses and the watch list's words become
"[skjult]"); characteristic words are never numbers or addresses; and the pages screen every
text they quote (``page.py``). The engine itself reads the texts as written (as the dev set's
figures were measured): screening 10,000 whole texts before it cost 6 s of an 18 s run.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from inddrag.analysis import engine
from inddrag.analysis.models import Analysis, ParagraphLink, TopicProfile
from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.contributions import screened
from inddrag.contributions.models import Contribution
from inddrag.documents import blocks as document_blocks
from inddrag.documents.services import hearing_versions
from inddrag.lib.tasks import enqueue_with_transaction
from inddrag.memos.models import MemoTopic
from inddrag.processes.models import CONTRIBUTION_METHODS, Process

logger = logging.getLogger(__name__)

STALE_AFTER = datetime.timedelta(minutes=30)  # a run queued or running this long was lost
ACTIVE = (Analysis.Status.QUEUED, Analysis.Status.RUNNING)
STARTED, READ, ANALYSED = 5, 15, 75
SUMMARY_SENTENCES = 5  # kept per topic; the page shows 3, the draft takes the public ones
LINKS_PER_PARAGRAPH = 5
LINK_MIN_WORDS = 2  # a suggestion sharing one word with a paragraph ("tid", "nord") is noise
PARAGRAPH_MIN_CHARS = 40  # headings and one-line list items are not matched
CHUNK = 500  # ids per UPDATE … WHERE id IN (…)
PREFIX = "m"  # engine topic ids of existing topics: "m<MemoTopic.pk>"
# A suggested topic needs this many contributions; fewer, and texts that fit no topic (the
# engine's "andet"), stay without a topic: the memo's "Øvrige bidrag", for staff to place.
MIN_SUGGESTED = 2


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


# --- Asking for a run ---------------------------------------------------------------------------


def expire_stale(process: Process, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return Analysis.objects.filter(
        process=process, status__in=ACTIVE, created_at__lt=now - STALE_AFTER
    ).update(status=Analysis.Status.FAILED, error=_stale_error(), finished_at=now)


def _stale_error() -> str:
    return _("The analysis was not finished in time. Run it again.")


def active_analysis(process: Process) -> Analysis | None:
    return Analysis.objects.filter(process=process, status__in=ACTIVE).first()


def latest_done(process: Process) -> Analysis | None:
    return Analysis.objects.filter(process=process, status=Analysis.Status.DONE).first()


def request_analysis(
    process: Process, user=None, mode: str = Analysis.Mode.KEEP, automatic: bool = False
) -> Analysis:
    """Queue a run; while one is queued or running, that one is returned instead."""
    if mode not in Analysis.Mode.values:
        raise ValueError(mode)
    expire_stale(process)
    with transaction.atomic():
        # One at a time per process: the row lock makes a double click wait for the first.
        Process.objects.select_for_update().filter(pk=process.pk).first()
        existing = active_analysis(process)
        if existing is not None:
            return existing
        analysis = Analysis.objects.create(
            process=process, requested_by=user, mode=mode, automatic=automatic
        )
        if user is not None:
            log_access(user, process, AccessLog.Action.CHANGE, f"analysis requested: {mode}")
        enqueue_with_transaction(analyse_contributions, analysis.pk)
    return analysis


def new_since(process: Process, analysis: Analysis | None) -> int:
    """Contributions received after ``analysis`` was started (all, without one)."""
    rows = Contribution.objects.filter(process=process)
    if analysis is not None:
        rows = rows.filter(received_at__gt=analysis.created_at)
    return rows.count()


# --- The run ------------------------------------------------------------------------------------


def _progress(analysis: Analysis, progress: int) -> None:
    analysis.progress = progress
    Analysis.objects.filter(pk=analysis.pk).update(progress=progress)


def run(analysis_id: int) -> str:
    """The task's body: analyse, store the suggestions, report progress; any error fails the
    run and leaves the suggestions of the previous run as they were."""
    analysis = Analysis.objects.select_related("process").filter(pk=analysis_id).first()
    if analysis is None or analysis.status != Analysis.Status.QUEUED:
        return "skipped"
    claimed = Analysis.objects.filter(pk=analysis.pk, status=Analysis.Status.QUEUED).update(
        status=Analysis.Status.RUNNING, progress=STARTED
    )
    if not claimed:
        return "skipped"
    try:
        _analyse(analysis)
    except Exception as exc:  # the run says so; nothing half-stored (one transaction below)
        logger.exception("Analysis %s failed", analysis.pk)
        Analysis.objects.filter(pk=analysis.pk).update(
            status=Analysis.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:500],
            finished_at=timezone.now(),
        )
        return "failed"
    return "done"


def _analyse(analysis: Analysis) -> None:
    process = analysis.process
    rows = list(
        Contribution.objects.filter(process=process)
        .only("pk", "text", "topic_id", "topic_by_staff", "duplicate_group")
        .order_by("received_at", "pk")
    )
    _progress(analysis, READ)
    texts = {row.pk: row.text for row in rows}
    existing = set(MemoTopic.objects.filter(process=process).values_list("pk", flat=True))
    keep_all = analysis.mode == Analysis.Mode.KEEP
    pinned: dict[str, str] = {}
    fixed: set[int] = set()  # contributions whose topic no run changes
    for row in rows:
        kept = row.topic_id in existing and (keep_all or row.topic_by_staff)
        if row.topic_id is not None and kept:
            pinned[str(row.pk)] = f"{PREFIX}{row.topic_id}"
            fixed.add(row.pk)
        elif row.topic_by_staff:  # staff took its topic away: it stays without one
            fixed.add(row.pk)
    started = time.perf_counter()
    result = engine.analyse([(str(row.pk), texts[row.pk]) for row in rows], pinned=pinned)
    summaries = {
        topic_id: engine.summarise(result, topic_id, k=SUMMARY_SENTENCES)
        for topic_id in result.topics
    }
    paragraphs = _paragraphs(process)
    links = engine.link_paragraphs(
        result, [(key, text) for key, (_, _, text) in paragraphs.items()], limit=LINKS_PER_PARAGRAPH
    )
    seconds = time.perf_counter() - started
    _progress(analysis, ANALYSED)
    with transaction.atomic():
        # One run stores at a time; topics are named once (unique per process).
        Process.objects.select_for_update().filter(pk=process.pk).first()
        rows, fixed = _as_now(process, rows, fixed)
        topic_pk, new_topics = _store_topics(analysis, result, summaries, rows, fixed, texts)
        groups = _store_groups(process, result, rows)
        present = {row.pk for row in rows}
        ParagraphLink.objects.filter(analysis__process=process).delete()
        ParagraphLink.objects.bulk_create(
            ParagraphLink(
                analysis=analysis,
                version_id=paragraphs[key][0],
                block_id=paragraphs[key][1],
                contribution_id=int(link.contribution),
                score=round(link.score, 4),
                words=list(link.words)[:20],
            )
            for key, found in links.items()
            for link in found
            if len(set(link.words)) >= LINK_MIN_WORDS and int(link.contribution) in present
        )
        analysis.status = Analysis.Status.DONE
        analysis.progress = 100
        analysis.finished_at = timezone.now()
        analysis.contributions = len(rows)
        analysis.topics = len(set(topic_pk.values()))
        analysis.groups = len(groups)
        analysis.grouped = sum(len(members) for members in groups.values())
        analysis.new_topics = new_topics
        analysis.seconds = round(seconds, 3)
        analysis.error = ""
        analysis.save()
    _progress(analysis, 100)


def _as_now(
    process: Process, rows: list[Contribution], fixed: set[int]
) -> tuple[list[Contribution], set[int]]:
    """The rows as they are now, under the process's lock: what staff did while the engine ran
    wins. A contribution deleted meanwhile is left out; one whose topic staff set, changed or
    took away meanwhile is not moved."""
    now = {
        pk: (topic_id, by_staff)
        for pk, topic_id, by_staff in Contribution.objects.filter(process=process).values_list(
            "pk", "topic_id", "topic_by_staff"
        )
    }
    kept = []
    fixed = set(fixed)
    for row in rows:
        if row.pk not in now:
            continue
        topic_id, by_staff = now[row.pk]
        if by_staff or topic_id != row.topic_id:
            fixed.add(row.pk)
        row.topic_id, row.topic_by_staff = topic_id, by_staff
        kept.append(row)
    return kept, fixed


def _sentence_refs(sentences: list[engine.SummarySentence], texts: dict[int, str]) -> list[dict]:
    """Where each quoted sentence stands in its contribution — not the sentence itself: a page
    reads it from the contribution's text as it is then (so an anonymised or changed text shows
    nothing), screens it, and offers only published ones for the memo."""
    refs = []
    for sentence in sentences:
        pk = int(sentence.contribution)
        start = texts.get(pk, "").find(sentence.sentence)
        if start < 0:
            continue
        end = start + len(sentence.sentence)
        refs.append(
            {"contribution": pk, "start": start, "end": end, "check": check(sentence.sentence)}
        )
    return refs


def check(text: str) -> str:
    """A short fingerprint of a quoted sentence: it is shown only while the text still has it."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _paragraphs(process: Process) -> dict[str, tuple[int, str, str]]:
    """The hearing versions' paragraphs worth matching: key → (version pk, block id, text)."""
    found: dict[str, tuple[int, str, str]] = {}
    for version in hearing_versions(process):
        for block in version.hearing_blocks or []:
            if block.get("type") not in ("paragraph", "list_item", "table"):
                continue
            text = document_blocks.plain_text(block)
            if len(text.strip()) >= PARAGRAPH_MIN_CHARS and block.get("id"):
                found[f"{version.pk}:{block['id']}"] = (version.pk, str(block["id"]), text)
    return found


def shown_words(words) -> list[str]:
    """The characteristic words that may be shown (and name a topic): never a number, an e-mail
    or web address, or a word that screening hides (the watch list)."""
    return [
        w for w in words if not any(c.isdigit() or c in "@/" for c in w) and screened.clean(w) == w
    ]


def topic_name(words: list[str], taken: set[str]) -> str:
    """A suggested topic's name from its characteristic words: "Etager · skygge · højde"."""
    base = " · ".join(words[:3]).strip() or _("Topic")
    base = (base[:1].upper() + base[1:])[:110]
    name, n = base, 2
    while name.casefold() in taken:
        name, n = f"{base} ({n})", n + 1
    taken.add(name.casefold())
    return name


def _store_topics(
    analysis: Analysis,
    result: engine.Analysis,
    summaries: dict[str, list[engine.SummarySentence]],
    rows: list[Contribution],
    fixed: set[int],
    texts: dict[int, str],
) -> tuple[dict[str, int], int]:
    """Map the engine's topics to the memo's topics (existing ones kept, suggestions reused by
    their members where they can be, new ones named by their words), move the contributions
    that are not fixed, write the profiles, and remove suggested topics left empty."""
    process = analysis.process
    topics = {t.pk: t for t in MemoTopic.objects.filter(process=process).select_related("profile")}
    current = {row.pk: row.topic_id for row in rows}
    taken = {t.name.casefold() for t in topics.values()}
    topic_pk: dict[str, int] = {}
    vanished = set()  # a topic staff deleted or merged while the engine ran: nothing goes there
    for engine_id in result.topics:
        if engine_id.startswith(PREFIX):
            if int(engine_id[len(PREFIX) :]) in topics:
                topic_pk[engine_id] = int(engine_id[len(PREFIX) :])
            else:
                vanished.add(engine_id)
    # A new group mostly made of one suggested topic's former members takes that topic over, so
    # a run again does not rename what staff have already looked at.
    claimed = set(topic_pk.values())
    unplaced = {
        engine_id
        for engine_id, topic in result.topics.items()
        if engine_id not in topic_pk
        and (
            engine_id in vanished
            or not shown_words(topic.words)
            or len(topic.members) < MIN_SUGGESTED
        )
    }
    for engine_id, topic in result.topics.items():
        if engine_id in topic_pk or engine_id in unplaced:
            continue
        before = Counter(current[int(m)] for m in topic.members if current[int(m)] is not None)
        for old, n in before.most_common():
            profile = getattr(topics.get(old), "profile", None)
            if old not in claimed and profile is not None and profile.still_suggested():
                if n * 2 >= len(topic.members):
                    topic_pk[engine_id] = old
                    claimed.add(old)
                break
    new_topics = 0
    last = MemoTopic.objects.filter(process=process).aggregate(n=Max("order"))["n"] or 0
    for engine_id, topic in result.topics.items():
        if engine_id in topic_pk or engine_id in unplaced:
            continue
        last = min(last + 1, 32767)
        made = MemoTopic.objects.create(
            process=process, name=topic_name(shown_words(topic.words), taken), order=last
        )
        topics[made.pk] = made
        topic_pk[engine_id] = made.pk
        new_topics += 1
    # Move the contributions that are not fixed to their suggested topic.
    moves: dict[int | None, list[int]] = defaultdict(list)
    for item in result.results:
        pk = int(item.id)
        target = topic_pk.get(item.topic)  # None: "Øvrige bidrag"
        if pk not in fixed and current.get(pk) != target:
            moves[target].append(pk)
    for target, ids in moves.items():
        for chunk in _chunks(ids):
            Contribution.objects.filter(pk__in=chunk, topic_by_staff=False).update(topic_id=target)
    # Profiles: the words, the typical contribution, the summary draft. A topic staff have
    # chosen for a contribution (named, merged into, moved to) is no longer a suggestion.
    staff_topics = {row.topic_id for row in rows if row.topic_by_staff and row.topic_id}
    for engine_id, topic in result.topics.items():
        if engine_id not in topic_pk:
            continue
        pk = topic_pk[engine_id]
        memo_topic = topics[pk]
        old_profile = getattr(memo_topic, "profile", None)
        if old_profile is not None:
            suggested, given = old_profile.still_suggested(), old_profile.name
        else:
            suggested, given = not engine_id.startswith(PREFIX), memo_topic.name
        suggested = suggested and pk not in staff_topics
        TopicProfile.objects.update_or_create(
            topic_id=pk,
            defaults={
                "analysis": analysis,
                "words": shown_words(topic.words),
                "name": given,
                "typical_id": int(topic.typical) if topic.typical else None,
                "sentences": _sentence_refs(summaries.get(engine_id, []), texts),
                "suggested": suggested,
            },
        )
    # Suggested topics nobody is in any more (after a regroup) go; staff's topics stay.
    empty = (
        MemoTopic.objects.filter(
            process=process, profile__suggested=True, name=F("profile__name"), summary=""
        )
        .annotate(n=Count("contributions"))
        .filter(n=0)
    )
    empty.delete()
    return topic_pk, new_topics


def _store_groups(
    process: Process, result: engine.Analysis, rows: list[Contribution]
) -> dict[str, list[int]]:
    """Each contribution's duplicate group ("d1", "d2", … by size), "" for none. Only the rows
    whose group changes are written (an UPDATE rewrites the row and its search columns)."""
    groups = {
        name: [int(m) for m in members]
        for name, members in result.duplicate_groups.items()
        if len(members) > 1
    }
    ordered = sorted(groups.values(), key=lambda m: (-len(m), min(m)))
    named = {f"d{n}": members for n, members in enumerate(ordered, start=1)}
    wanted = {pk: name for name, members in named.items() for pk in members}
    changes: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        if row.duplicate_group != wanted.get(row.pk, ""):
            changes[wanted.get(row.pk, "")].append(row.pk)
    for name, ids in changes.items():
        for chunk in _chunks(ids):
            Contribution.objects.filter(process=process, pk__in=chunk).update(duplicate_group=name)
    return named


@task()
def analyse_contributions(analysis_id: int) -> str:
    """The background task (django-tasks; ``manage.py db_worker`` runs it)."""
    return run(analysis_id)


# --- After a hearing closes ---------------------------------------------------------------------


def closed_hearings_to_analyse(now: datetime.datetime | None = None) -> list[Process]:
    """Processes whose last activity taking contributions has ended, with contributions, and no
    analysis started after that end: the daily job analyses each of them once."""
    now = now or timezone.now()
    candidates = (
        Process.objects.filter(kind=Process.Kind.PROJECT, contributions_received__gt=0)
        .annotate(
            last_end=Max(
                "activities__ends_at", filter=Q(activities__method__in=CONTRIBUTION_METHODS)
            )
        )
        .filter(last_end__lt=now - datetime.timedelta(minutes=1))  # the deadline minute is over
    )
    due = []
    for process in candidates:
        if not Analysis.objects.filter(process=process, created_at__gte=process.last_end).exists():
            due.append(process)
    return due


def analyse_closed_hearings(now: datetime.datetime | None = None) -> int:
    """Queue an analysis (keeping every topic) for each closed hearing not yet analysed since."""
    queued = 0
    for process in closed_hearings_to_analyse(now):
        request_analysis(process, None, Analysis.Mode.KEEP, automatic=True)
        queued += 1
    return queued
