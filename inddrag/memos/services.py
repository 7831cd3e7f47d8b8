"""Topics, and producing the hearing memo in a background task.

``request_memo`` records a memo as queued and enqueues its production to run once the
surrounding transaction has committed (``lib.tasks.enqueue_with_transaction``). ``produce`` (the
task's body) builds the content, writes the DOCX and the PDF, and reports its progress on the
memo as it goes; any error ends it "failed" with the error, and a memo that a worker never
finished is marked failed once it is stale.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.contributions import screened
from inddrag.contributions.models import Answer, Contribution
from inddrag.contributions.screened import CONTRIBUTION_FIELDS
from inddrag.lib import page_cache
from inddrag.lib.tasks import enqueue_with_transaction
from inddrag.memos.docx_file import render_docx
from inddrag.memos.gathering import build_memo
from inddrag.memos.models import Memo, MemoTopic
from inddrag.memos.pdf_file import render_pdf
from inddrag.processes.models import Process

logger = logging.getLogger(__name__)

# A memo still queued or running after this long was lost (a worker stopped): it is failed.
STALE_AFTER = datetime.timedelta(minutes=30)
ACTIVE = (Memo.Status.QUEUED, Memo.Status.RUNNING)

# Progress reported as the memo is produced (percent).
STARTED, GATHERED, DOCX_WRITTEN, PDF_WRITTEN = 5, 30, 60, 90


class TopicError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- Topics -------------------------------------------------------------------------------------


def _topic_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise TopicError(_("Write the topic's name."))
    if len(name) > 120:
        raise TopicError(_("The topic's name can be at most 120 characters."))
    return name


def _taken(process: Process, name: str, exclude: int | None = None) -> bool:
    others = MemoTopic.objects.filter(process=process, name__iexact=name)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    return others.exists()


def add_topic(process: Process, name: str, user) -> MemoTopic:
    name = _topic_name(name)
    if _taken(process, name):
        raise TopicError(_("The process already has a topic called “%(name)s”.") % {"name": name})
    try:
        with transaction.atomic():
            last = MemoTopic.objects.filter(process=process).aggregate(n=Max("order"))["n"]
            topic = MemoTopic.objects.create(
                process=process, name=name, order=min((last or 0) + 1, 32767)
            )
    except IntegrityError:  # created at the same moment by someone else
        raise TopicError(
            _("The process already has a topic called “%(name)s”.") % {"name": name}
        ) from None
    log_access(user, process, AccessLog.Action.CHANGE, f"topic added: {topic.pk}")
    return topic


def rename_topic(topic: MemoTopic, name: str, user) -> MemoTopic:
    name = _topic_name(name)
    if name == topic.name:
        return topic  # saved unchanged: nothing changes (nor is the topic taken as staff's)
    if _taken(topic.process, name, exclude=topic.pk):
        raise TopicError(_("The process already has a topic called “%(name)s”.") % {"name": name})
    topic.name = name
    try:
        with transaction.atomic():
            topic.save(update_fields=["name"])
            # Naming a topic accepts it: its contributions stay in it when the analysis of the
            # contributions runs again (``Contribution.topic_by_staff``).
            Contribution.objects.filter(topic=topic).update(topic_by_staff=True)
    except IntegrityError:
        raise TopicError(
            _("The process already has a topic called “%(name)s”.") % {"name": name}
        ) from None
    log_access(user, topic.process, AccessLog.Action.CHANGE, f"topic renamed: {topic.pk}")
    return topic


def delete_topic(topic: MemoTopic, user) -> int:
    """Delete the topic; its contributions keep everything else and become "Øvrige bidrag".
    Returns how many contributions had it."""
    with transaction.atomic():
        # Its contributions are free for the analysis to suggest a topic for again.
        count = Contribution.objects.filter(topic=topic).update(topic=None, topic_by_staff=False)
        process = topic.process
        topic.delete()
    log_access(user, process, AccessLog.Action.CHANGE, "topic deleted")
    return count


def assign_topic(
    process: Process, contribution_ids: list[int], topic: MemoTopic | None, user
) -> int:
    """Give the contributions (of this process only) the topic, or none."""
    if topic is not None and topic.process_id != process.pk:
        raise ValueError("the topic belongs to another process")
    count = Contribution.objects.filter(process=process, pk__in=contribution_ids).update(
        topic=topic, topic_by_staff=True
    )
    log_access(user, process, AccessLog.Action.CHANGE, f"topic set on {count} contributions")
    return count


def merge_topics(source: MemoTopic, target: MemoTopic, user) -> int:
    """Move every contribution of ``source`` to ``target`` (of the same process) and delete
    ``source``; its summary is added to the target's. Returns how many contributions moved."""
    if source.process_id != target.process_id:
        raise ValueError("the topics belong to different processes")
    if source.pk == target.pk:
        raise TopicError(_("Choose another topic to merge it into."))
    with transaction.atomic():
        count = Contribution.objects.filter(topic=source).update(topic=target, topic_by_staff=True)
        Contribution.objects.filter(topic=target).update(topic_by_staff=True)
        if source.summary.strip():
            joined = "\n\n".join(t for t in (target.summary.strip(), source.summary.strip()) if t)
            target.summary = joined[: MemoTopic._meta.get_field("summary").max_length]
            target.save(update_fields=["summary"])
        process = source.process
        source.delete()
    log_access(user, process, AccessLog.Action.CHANGE, f"topic merged into {target.pk}")
    return count


def set_topic_summary(topic: MemoTopic, summary: str, user) -> MemoTopic:
    """Staff's summary of the topic (shown at the head of its section in the memo)."""
    summary = (summary or "").strip()
    if summary == topic.summary:
        return topic  # saved unchanged: nothing changes
    topic.summary = summary
    with transaction.atomic():
        topic.save(update_fields=["summary"])
        if summary:  # summing a topic up accepts it, as naming it does
            Contribution.objects.filter(topic=topic).update(topic_by_staff=True)
    log_access(user, topic.process, AccessLog.Action.CHANGE, f"topic summary: {topic.pk}")
    return topic


def set_memo_fields(
    contribution: Contribution,
    *,
    summary: str,
    topic: MemoTopic | None,
    recommendation: str | None,
    user,
) -> bool:
    """Staff's summary and topic, and the recommendation on a draft answer. Returns False when
    a recommendation was given but the answer is published (and so locked) or missing."""
    if topic is not None and topic.process_id != contribution.process_id:
        raise ValueError("the topic belongs to another process")
    with transaction.atomic():
        fields: dict = {"summary": summary.strip(), "topic": topic}
        if contribution.topic_id != (topic.pk if topic else None):
            fields["topic_by_staff"] = True  # a topic chosen by hand stays when analysed again
        Contribution.objects.filter(pk=contribution.pk).update(**fields)
        screened.rescreen(Contribution.objects.filter(pk=contribution.pk), CONTRIBUTION_FIELDS)
        saved = True
        if recommendation is not None:
            if recommendation not in ("", *Answer.Recommendation.values):
                raise ValueError(recommendation)
            saved = bool(
                Answer.objects.filter(contribution=contribution, published_at__isnull=True).update(
                    recommendation=recommendation
                )
            )
        log_access(user, contribution, AccessLog.Action.CHANGE, "memo: summary and topic")
    return saved


# --- The memo -----------------------------------------------------------------------------------


def _stale_error() -> str:
    with override(settings.LANGUAGE_CODE):
        return _("The memo was not finished in time. Try again.")


def expire_stale(process: Process, now: datetime.datetime | None = None) -> int:
    """Mark memos that a worker never finished as failed, so none stays "running" forever."""
    now = now or timezone.now()
    error = _stale_error()
    return Memo.objects.filter(
        process=process, status__in=ACTIVE, created_at__lt=now - STALE_AFTER
    ).update(status=Memo.Status.FAILED, error=error, finished_at=now)


def active_memo(process: Process) -> Memo | None:
    return Memo.objects.filter(process=process, status__in=ACTIVE).first()


def latest_done(process: Process) -> Memo | None:
    return Memo.objects.filter(process=process, status=Memo.Status.DONE).first()


def latest_published(process: Process) -> Memo | None:
    """The memo the public can download: the one staff published last."""
    return (
        Memo.objects.filter(process=process, status=Memo.Status.DONE, published_at__isnull=False)
        .order_by("-published_at", "-pk")
        .first()
    )


@transaction.atomic
def publish_memo(memo: Memo, user, now: datetime.datetime | None = None) -> None:
    """Make a finished memo the public one (the download on the process page and in the API).
    The memo it replaces is removed with its files; the step is logged."""
    if memo.status != Memo.Status.DONE:
        raise ValueError("only a finished memo can be published")
    now = now or timezone.now()
    Memo.objects.filter(pk=memo.pk).update(published_at=now, published_by=user)
    page_cache.changed(memo.process_id)  # the download on the process page and in the API
    memo.published_at, memo.published_by = now, user
    older = Memo.objects.filter(process_id=memo.process_id, published_at__isnull=False).exclude(
        pk=memo.pk
    )
    for old in older:
        _delete(old)
    log_access(user, memo.process, AccessLog.Action.CHANGE, f"memo published: {memo.pk}")


@dataclass(frozen=True)
class MemoState:
    latest: Memo | None  # the newest memo of the process, whatever its state
    active: Memo | None  # queued or being made
    done: Memo | None  # the newest finished one
    published: Memo | None = None  # the one the public can download


def memo_state(process: Process, now: datetime.datetime | None = None) -> MemoState:
    """What the memo page shows. Reading only: a memo a worker never finished is shown as
    failed here, and marked so when the next memo is requested (``expire_stale``)."""
    now = now or timezone.now()
    memos = list(Memo.objects.filter(process=process).select_related("published_by")[:10])
    for memo in memos:
        if memo.status in ACTIVE and memo.created_at < now - STALE_AFTER:
            memo.status, memo.error = Memo.Status.FAILED, _stale_error()
    return MemoState(
        latest=memos[0] if memos else None,
        active=next((m for m in memos if m.status in ACTIVE), None),
        done=next((m for m in memos if m.status == Memo.Status.DONE), None),
        published=next((m for m in memos if m.status == Memo.Status.DONE and m.published_at), None),
    )


def request_memo(process: Process, user) -> Memo:
    """Queue the production of the memo (DOCX and PDF); while one is queued or running, that
    one is returned instead of starting another."""
    expire_stale(process)
    with transaction.atomic():
        # One at a time per process: the row lock makes a double click wait for the first.
        Process.objects.select_for_update().filter(pk=process.pk).first()
        existing = active_memo(process)
        if existing is not None:
            return existing
        memo = Memo.objects.create(process=process, requested_by=user)
        log_access(user, process, AccessLog.Action.CHANGE, f"memo requested: {memo.pk}")
        enqueue_with_transaction(produce_memo, memo.pk)  # never a memo without its task
    return memo


def _progress(memo: Memo, progress: int, status: str = Memo.Status.RUNNING) -> None:
    memo.status, memo.progress = status, progress
    Memo.objects.filter(pk=memo.pk).update(status=status, progress=progress)


def file_name(process: Process, extension: str) -> str:
    """ "hoeringsnotat-lokalplan-123-for-ballerup-bymidte.pdf" — Danish letters spelled out."""
    title = process.title.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))
    slug = slugify(title)[:80].strip("-")
    return f"hoeringsnotat-{slug}.{extension}" if slug else f"hoeringsnotat.{extension}"


def produce(memo_id: int) -> str:
    """Build the memo's content, write the DOCX and the PDF, and save them on the memo."""
    memo = Memo.objects.select_related("process").filter(pk=memo_id).first()
    if memo is None or memo.status != Memo.Status.QUEUED:
        return "skipped"  # gone, or already taken by another worker
    claimed = Memo.objects.filter(pk=memo.pk, status=Memo.Status.QUEUED).update(
        status=Memo.Status.RUNNING, progress=STARTED
    )
    if not claimed:
        return "skipped"
    process = memo.process
    try:
        with override(settings.LANGUAGE_CODE):
            content = build_memo(process)
            _progress(memo, GATHERED)
            docx = render_docx(content)
            _progress(memo, DOCX_WRITTEN)
            pdf = render_pdf(content)
            _progress(memo, PDF_WRITTEN)
        memo.docx.save(file_name(process, "docx"), ContentFile(docx), save=False)
        memo.pdf.save(file_name(process, "pdf"), ContentFile(pdf), save=False)
        memo.status = Memo.Status.DONE
        memo.progress = 100
        memo.error = ""
        memo.finished_at = timezone.now()
        memo.save(update_fields=["docx", "pdf", "status", "progress", "error", "finished_at"])
    except Exception as exc:  # any error: the memo says so, and nothing is left half-done
        logger.exception("Hearing memo %s failed", memo.pk)
        for stored in (memo.docx, memo.pdf):
            if stored:
                stored.delete(save=False)
        Memo.objects.filter(pk=memo.pk).update(
            status=Memo.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:500],
            finished_at=timezone.now(),
            docx="",
            pdf="",
        )
        return "failed"
    _prune(memo)
    return "done"


def _prune(memo: Memo) -> None:
    """Only the newest memo and the published one are kept: older finished and failed ones are
    removed with their files."""
    older = (
        Memo.objects.filter(
            process_id=memo.process_id,
            status__in=(Memo.Status.DONE, Memo.Status.FAILED),
            created_at__lte=memo.created_at,
        )
        .exclude(pk=memo.pk)
        .filter(published_at__isnull=True)
    )
    for old in older:
        _delete(old)


def _delete(memo: Memo) -> None:
    for stored in (memo.docx, memo.pdf):
        if stored:
            stored.delete(save=False)
    memo.delete()


@task()
def produce_memo(memo_id: int) -> str:
    """The background task (django-tasks; ``manage.py db_worker`` runs it)."""
    return produce(memo_id)
