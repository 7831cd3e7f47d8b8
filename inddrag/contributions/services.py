"""Taking part and being answered: submission, screening, publication, answers, e-mails."""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import override

from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.contributions import screened, screening, search
from inddrag.contributions.models import (
    REDACTED,
    Answer,
    Attachment,
    Consent,
    Contribution,
    Flag,
    ProjectEvaluation,
    ProjectEvaluationReceipt,
    Source,
)
from inddrag.contributions.uploads import CheckedFile
from inddrag.documents.models import Change
from inddrag.idempotency import services as idempotency
from inddrag.lib import page_cache
from inddrag.lib.calendar import deadline_passed, local_date
from inddrag.notifications import services as notifications
from inddrag.notifications.models import Notification
from inddrag.processes.models import Activity, Process

# The contributor's private receipt link: scrubbed from e-mails once they are sent.
PRIVATE_LINK = re.compile(r"/bidrag/[A-Za-z0-9_-]{20,}/")
# The private link to the evaluation after the decision (in the decision e-mail): scrubbed too.
EVALUATION_LINK = re.compile(r"/bidrag/evaluering/[A-Za-z0-9_-]{20,}/")


class ContributionClosed(Exception):
    """No activity takes contributions right now."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class SubmissionData:
    text: str
    speaking_as: str
    consent: str
    on_behalf_of: str = ""
    name: str = ""
    email: str = ""
    district: object | None = None
    age_band: str = ""
    activity: Activity | None = None
    # Set only from a stakeholder's personal invitation link (never from what the form posts).
    stakeholder: object | None = None
    internal: bool = False  # an invited internal stakeholder's contribution: never public
    # The paragraph of a published hearing version the contribution comments on.
    version: object | None = None
    block_id: str = ""


@dataclass
class SubmissionResult:
    contribution: Contribution
    token: str | None  # the private link's secret; None when the submission was a repeat
    created: bool
    flags: list[Flag] = field(default_factory=list)


# --- Submitting ---------------------------------------------------------------------------------


def _receipt_number(contribution: Contribution) -> str:
    year = timezone.localtime(contribution.received_at).year
    return f"B-{year}-{contribution.pk:06d}"


def submit(
    process: Process,
    data: SubmissionData,
    files: list[CheckedFile],
    *,
    source: str = Source.ONLINE,
    registered_by=None,
    idempotency_key: str | None = None,
    received_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> SubmissionResult:
    """Save a contribution with its attachments in one transaction, screen it, and queue the
    receipt e-mail after commit. Online and API submissions need an open activity; staff can
    register contributions received elsewhere at any time (marked when after the deadline).

    A repeat with the same ``idempotency_key`` returns the first contribution (created=False)
    with its private link, even after the deadline; the same key with other content raises
    ``IdempotencyConflict``.
    """
    now = now or timezone.now()
    stored: list[Attachment] = []
    flags: list[Flag] = []
    made: list[Contribution] = []

    def create() -> tuple[Contribution, str]:
        contribution, token = _create(
            process, data, files, stored, flags, source, registered_by, received_at, now
        )
        made.append(contribution)
        return contribution, token

    def count() -> None:
        # The transaction's last write: the counter's UPDATE locks the process's row until the
        # commit, so concurrent posts to the same process wait on each other only for a commit.
        Process.objects.add_to_counters(process.pk, contributions_received=1)

    try:
        once = idempotency.run_once(
            SCOPE % process.pk,
            (idempotency_key or "").strip() or None,
            create,
            fingerprint=_fingerprint(data, files),
            last=count,
        )
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    # A new contribution is the one just saved; a repeat's is read back.
    contribution = made[0] if once.created else Contribution.objects.get(pk=once.object_id)
    token = once.unsealed
    if token is not None and Contribution.hash_token(token) != contribution.access_token_hash:
        token = None  # never hand out a link that is not this contribution's
    return SubmissionResult(contribution, token, created=once.created, flags=flags)


# Idempotency keys of contributions are per process: the form's, the API's and staff's.
SCOPE = "contributions:%d"


def _create(
    process: Process,
    data: SubmissionData,
    files: list[CheckedFile],
    stored: list[Attachment],
    flags: list[Flag],
    source: str,
    registered_by,
    received_at: datetime.datetime | None,
    now: datetime.datetime,
) -> tuple[Contribution, str]:
    activity = data.activity
    if source in (Source.ONLINE, Source.API):
        activity = process.open_activity(now)
        if activity is None:
            raise ContributionClosed(process.closed_message(now))
    received = received_at or now
    deadline = activity.ends_at if activity is not None else process.last_deadline()
    token = secrets.token_urlsafe(32)
    contribution = Contribution(
        process=process,
        activity=activity,
        text=data.text,
        speaking_as=data.speaking_as,
        on_behalf_of=data.on_behalf_of,
        name=data.name,
        email=data.email,
        consent=data.consent,
        district=data.district,
        age_band=data.age_band,
        stakeholder=data.stakeholder,
        internal=data.internal,
        version=data.version,
        block_id=data.block_id if data.version is not None else "",
        source=source,
        received_at=received,
        after_deadline=bool(deadline and deadline_passed(deadline, received)),
        registered_by=registered_by,
        access_token_hash=Contribution.hash_token(token),
    )
    attachments = [
        Attachment(
            contribution=contribution,
            original_name=checked.safe_name,
            content_type=checked.content_type,
            size=len(checked.data),
        )
        for checked in files
    ]
    # Screened before anything is written, and the publication decided from the findings, so
    # the contribution is inserted as it will stay (no read-back of its flags, no second save).
    found = _screen(contribution, files, attachments)
    refresh_publication(contribution, flags=found, attachments=attachments, save=False)
    # Not counted here: submit() adds it to the counters as the transaction's last write.
    contribution.save(force_insert=True, count=False)
    contribution.receipt_number = _receipt_number(contribution)
    contribution.save(update_fields=["receipt_number"])
    for checked, attachment in zip(files, attachments, strict=True):
        attachment.file.save(checked.safe_name, ContentFile(checked.data), save=False)
        stored.append(attachment)
        attachment.save()
    flags.extend(Flag.objects.bulk_create(found))
    page_cache.changed(
        contribution.process_id
    )  # the saves above did too; the flags may hold it back
    if contribution.email and _may_send_receipt(contribution.email, now):
        _receipt_notification(contribution, token)
    return contribution, token


def _fingerprint(data: SubmissionData, files: list[CheckedFile]) -> str:
    """A digest of what was sent, to tell a repeat from a different contribution."""
    digest = hashlib.sha256()
    for part in (
        data.text,
        data.speaking_as,
        data.consent,
        data.on_behalf_of,
        data.name,
        data.email,
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    for checked in files:
        digest.update(hashlib.sha256(checked.data).digest())
    return digest.hexdigest()


def _screen(
    contribution: Contribution, files: list[CheckedFile], attachments: list[Attachment]
) -> list[Flag]:
    flags = [
        Flag(
            contribution=contribution,
            field=field,
            kind=f.kind,
            match=f.match[:200],
            start=f.start,
            end=f.end,
        )
        for field, value in (
            (Flag.Field.TEXT, contribution.text),
            (Flag.Field.NAME, contribution.name),
            (Flag.Field.ON_BEHALF_OF, contribution.on_behalf_of),
        )
        for f in screening.scan(value)
    ]
    for attachment in attachments:
        # The file name is published with the file: "Indsigelse Stationsvej 12.pdf".
        flags += [
            Flag(
                contribution=contribution,
                attachment=attachment,
                field=Flag.Field.FILE_NAME,
                kind=f.kind,
                match=f.match[:200],
                start=f.start,
                end=f.end,
            )
            for f in screening.scan(screening.file_name_text(attachment.original_name))
        ]
    for checked, attachment in zip(files, attachments, strict=True):
        try:
            text = screening.extract_text(checked.data, checked.kind)
        except screening.UnreadableFile:
            # Images, encrypted or damaged files: a person has to look before publication.
            flags.append(
                Flag(
                    contribution=contribution,
                    attachment=attachment,
                    kind=Flag.Kind.UNSCREENED,
                    match=attachment.original_name[:200],
                )
            )
            continue
        attachment.extracted_text = text[:200000]  # saved with the attachment
        flags += [
            Flag(
                contribution=contribution,
                attachment=attachment,
                kind=f.kind,
                match=f.match[:200],
                start=f.start,
                end=f.end,
            )
            for f in screening.scan(text)
        ]
    return flags  # not saved yet: the contribution and its attachments are saved first


# --- Publication --------------------------------------------------------------------------------


def refresh_publication(
    contribution: Contribution,
    *,
    flags: list[Flag] | None = None,
    attachments: list[Attachment] | None = None,
    save: bool = True,
) -> None:
    """Publish the contribution when it may be published, otherwise keep it back. ``submit``
    passes the new contribution's findings and attachments, not yet saved (``save=False``)."""
    flags = list(contribution.flags.all()) if flags is None else flags
    if contribution.consent == Consent.NONE or contribution.internal:
        state = Contribution.Publication.PRIVATE
    elif contribution.publication == Contribution.Publication.DECLINED:
        state = Contribution.Publication.DECLINED
    elif any(f.resolution == Flag.Resolution.OPEN for f in flags) or (
        contribution.process.review_before_publishing and contribution.reviewed_at is None
    ):
        state = Contribution.Publication.PENDING
    else:
        state = Contribution.Publication.PUBLISHED
    text = name = ""
    if state == Contribution.Publication.PUBLISHED:

        def redacted(field: str, value: str) -> str:
            spans = [
                (f.start, f.end)
                for f in flags
                if f.attachment_id is None
                and f.field == field
                and f.resolution == Flag.Resolution.REDACTED
            ]
            return screening.redact(value, spans, REDACTED)

        text = redacted(Flag.Field.TEXT, contribution.text)
        if contribution.on_behalf_of:
            name = redacted(Flag.Field.ON_BEHALF_OF, contribution.on_behalf_of)
        else:
            name = redacted(Flag.Field.NAME, contribution.name)
        withheld = {
            f.attachment_id
            for f in flags
            if f.attachment_id is not None and f.resolution == Flag.Resolution.REDACTED
        }
        if attachments is None:
            attachments = list(contribution.attachments.all())
        for attachment in attachments:
            should = attachment.pk is not None and attachment.pk in withheld
            if attachment.withheld != should:
                attachment.withheld = should
                if save:
                    attachment.save(update_fields=["withheld"])
    contribution.publication = state
    contribution.published_text = text
    contribution.published_name = name
    if save:
        contribution.save(update_fields=["publication", "published_text", "published_name"])


def release_held_back(process: Process) -> None:
    """After a process stops reviewing before publishing: publish what may now be published."""
    for contribution in Contribution.objects.filter(
        process=process, publication=Contribution.Publication.PENDING
    ).select_related("process"):
        refresh_publication(contribution)


@transaction.atomic
def resolve_flag(flag: Flag, resolution: str, user) -> None:
    """Redact or approve one finding; the contribution is published once nothing is open."""
    if resolution not in (Flag.Resolution.REDACTED, Flag.Resolution.APPROVED):
        raise ValueError(resolution)
    flag.resolution = resolution
    flag.resolved_by = user
    flag.resolved_at = timezone.now()
    flag.save(update_fields=["resolution", "resolved_by", "resolved_at"])
    log_access(user, flag.contribution, AccessLog.Action.CHANGE, f"flag {flag.pk}: {resolution}")
    refresh_publication(flag.contribution)


@transaction.atomic
def approve(contribution: Contribution, user) -> None:
    """Mark the contribution as reviewed (publication follows if nothing is flagged)."""
    contribution.reviewed_by = user
    contribution.reviewed_at = timezone.now()
    if contribution.publication == Contribution.Publication.DECLINED:
        contribution.publication = Contribution.Publication.PENDING
        contribution.decline_reason = ""
    contribution.save(update_fields=["reviewed_by", "reviewed_at", "publication", "decline_reason"])
    log_access(user, contribution, AccessLog.Action.CHANGE, "reviewed")
    refresh_publication(contribution)


@transaction.atomic
def decline(contribution: Contribution, reason: str, user) -> None:
    if not reason.strip():
        raise ValueError("a reason is required")
    contribution.publication = Contribution.Publication.DECLINED
    contribution.decline_reason = reason.strip()[:500]
    contribution.published_text = ""
    contribution.published_name = ""
    contribution.reviewed_by = user
    contribution.reviewed_at = timezone.now()
    contribution.save(
        update_fields=[
            "publication",
            "decline_reason",
            "published_text",
            "published_name",
            "reviewed_by",
            "reviewed_at",
        ]
    )
    log_access(user, contribution, AccessLog.Action.CHANGE, "declined publication")


# --- What the public sees: "Det sagde I — det gjorde vi" ----------------------------------------


def published_outcomes(process: Process) -> list[tuple[str, str, int]]:
    """(outcome, label, count) of the published answers, in the outcomes' order; one query."""
    counts = dict(
        Answer.objects.filter(contribution__process=process, published_at__isnull=False)
        .order_by()
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .values_list("outcome", "n")
    )
    return [(code, label, counts[code]) for code, label in Answer.Outcome.choices if code in counts]


def published_with_answers(process: Process, query: str = "") -> QuerySet[Contribution]:
    """The published contributions, newest first, with their answer and the attachments that
    are not withheld (``public_attachments``); those whose published text matches ``query``."""
    published = (
        Contribution.objects.published()
        .filter(process=process)
        .select_related("answer__frame_item")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=Attachment.objects.filter(withheld=False),
                to_attr="public_attachments",
            )
        )
        .order_by("-received_at", "-pk")
    )
    if query:
        # The published text, or a receipt number (the links from a visible change to its
        # contributions); best first on PostgreSQL (``contributions.search``).
        published = search.search_published(published, query, connection.vendor)
    return published


# --- Answers ------------------------------------------------------------------------------------


@transaction.atomic
def answer(
    contributions: QuerySet[Contribution] | list[Contribution],
    *,
    outcome: str,
    reason: str,
    frame_item=None,
    author,
) -> int:
    """Draft the same answer for each contribution; published answers are left unchanged."""
    count = 0
    for contribution in contributions:
        # Lock the answer row, so a concurrent "publish answers" cannot interleave.
        existing = Answer.objects.select_for_update().filter(contribution=contribution).first()
        if existing and existing.is_published:
            continue
        if (
            existing
            and (existing.outcome, existing.reason) == (outcome, reason)
            and existing.frame_item_id
            == (frame_item.pk if frame_item and outcome == Answer.Outcome.OUTSIDE_FRAME else None)
        ):
            count += 1  # the same draft again: nothing to write
            continue
        item = existing or Answer(contribution=contribution)
        item.outcome = outcome
        item.reason = reason
        item.frame_item = frame_item if outcome == Answer.Outcome.OUTSIDE_FRAME else None
        item.author = author
        item.full_clean()
        if existing is None:
            item.save()
        else:
            # Never write published_at from here, and only while the answer is still a draft.
            Answer.objects.filter(pk=item.pk, published_at__isnull=True).update(
                outcome=item.outcome,
                reason=item.reason,
                frame_item=item.frame_item,
                author=item.author,
                updated_at=timezone.now(),
                screened=screened.screened_fields(item, screened.ANSWER_FIELDS),
            )
            page_cache.changed(contribution.process_id)
            # The row is locked above and still a draft: only "without a reason" can change.
            Process.objects.add_to_counters(
                contribution.process_id,
                answers_without_reason=item.counted()["answers_without_reason"]
                - existing._counted["answers_without_reason"],
            )
        count += 1
    return count


@transaction.atomic
def publish_answers(
    process: Process,
    user,
    now: datetime.datetime | None = None,
    *,
    notify: bool = True,
    preliminary: bool = False,
) -> int:
    """Publish every drafted answer of the process and e-mail each contributor theirs.

    ``preliminary`` marks them "Foreløbigt svar": published before the politicians have decided.
    ``notify=False`` publishes without the answer e-mails: recording the decision sends one
    e-mail with the decision and the answer instead (``notify_decision``)."""
    now = now or timezone.now()
    drafts = list(
        Answer.objects.select_for_update(of=("self",))
        .filter(contribution__process=process, published_at__isnull=True)
        .select_related("contribution", "contribution__process", "frame_item")
        .order_by("contribution__received_at", "pk")  # e-mailed in the order they came in
    )
    # One UPDATE for them all, and the process's counter moved by as many in the same
    # transaction (the rows are locked above, so none of them was published meanwhile).
    Answer.objects.filter(pk__in=[draft.pk for draft in drafts]).update(
        published_at=now, preliminary=preliminary
    )
    page_cache.changed(process.pk)
    Process.objects.add_to_counters(process.pk, answers_published=len(drafts))
    for draft in drafts:
        draft.published_at = now
        draft.preliminary = preliminary
        draft._counted = draft.counted()
        if notify and draft.contribution.email:
            _answer_notification(draft)
    detail = f"published {len(drafts)} {'preliminary ' if preliminary else ''}answers"
    log_access(user, process, AccessLog.Action.CHANGE, detail)
    return len(drafts)


@dataclass(frozen=True)
class PublishPreview:
    """What publishing the drafted answers does: how many become public, who is e-mailed,
    and whether the politicians have decided yet."""

    answers: int
    mailed: int
    decided: bool


def publish_preview(process: Process) -> PublishPreview:
    drafts = Answer.objects.filter(contribution__process=process, published_at__isnull=True)
    return PublishPreview(
        answers=drafts.count(),
        mailed=drafts.exclude(contribution__email="").count(),
        decided=process.status in (Process.Status.DECIDED, Process.Status.CLOSED),
    )


def finalise_answers(process: Process) -> int:
    """The decision is taken: answers published before it are no longer preliminary."""
    page_cache.changed(process.pk)
    return Answer.objects.filter(contribution__process=process, preliminary=True).update(
        preliminary=False
    )


# --- E-mail -------------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.INDDRAG_BASE_URL.rstrip("/") + path


RECEIPTS_PER_ADDRESS_PER_DAY = 10


def _may_send_receipt(address: str, now: datetime.datetime) -> bool:
    """At most a few receipts a day to one address, so the form cannot be used to flood
    someone's inbox. The contribution is saved either way."""
    since = now - datetime.timedelta(days=1)
    recent = notifications.sent_recently(Notification.Kind.RECEIPT, address, since)
    return recent < RECEIPTS_PER_ADDRESS_PER_DAY


def _receipt_notification(contribution: Contribution, token: str) -> Notification:
    with override(settings.LANGUAGE_CODE):
        context = {
            "contribution": contribution,
            "process": contribution.process,
            "link": _absolute(contribution.receipt_url(token)),
            "process_link": _absolute(contribution.process.get_absolute_url()),
        }
        return notifications.queue(
            about=contribution,
            kind=Notification.Kind.RECEIPT,
            to=contribution.email,
            subject=_("We have received your contribution %(number)s")
            % {"number": contribution.receipt_number},
            body=render_to_string("contributions/email/receipt.txt", context),
        )


def _answer_notification(answer_: Answer) -> Notification:
    contribution = answer_.contribution
    with override(settings.LANGUAGE_CODE):
        context = {
            "contribution": contribution,
            "answer": answer_,
            "process": contribution.process,
            "process_link": _absolute(contribution.process.get_absolute_url()),
        }
        return notifications.queue(
            about=contribution,
            kind=Notification.Kind.ANSWER,
            to=contribution.email,
            subject=_("Our answer to your contribution %(number)s")
            % {"number": contribution.receipt_number},
            body=render_to_string("contributions/email/answer.txt", context),
        )


def notify_decision(process: Process, decision) -> int:
    """E-mail every contributor who left an address: the decision, their answer (if published)
    and the published changes their contribution led to. Returns how many e-mails were queued."""
    contributions = (
        Contribution.objects.filter(process=process)
        .exclude(email="")
        .select_related("answer__frame_item")
        .prefetch_related(
            Prefetch(
                "changes",
                queryset=Change.objects.filter(
                    from_version__published=True, to_version__published=True
                ).order_by("pk"),
                to_attr="public_changes",
            )
        )
        .order_by("pk")
    )
    count = 0
    with override(settings.LANGUAGE_CODE):
        final = decision.final_version
        context = {
            "process": process,
            "decision": decision,
            "process_link": _absolute(process.get_absolute_url()),
            "final_link": _absolute(final.get_absolute_url()) if final and final.published else "",
        }
        closes = local_date(evaluation_closes(decision))
        for contribution in contributions:
            answer_ = getattr(contribution, "answer", None)
            token = secrets.token_urlsafe(32)
            contribution.evaluation_token_hash = Contribution.hash_token(token)
            notifications.queue(
                about=contribution,
                kind=Notification.Kind.DECISION,
                to=contribution.email,
                subject=_("The decision on “%(title)s”") % {"title": process.title},
                body=render_to_string(
                    "contributions/email/decision.txt",
                    {
                        **context,
                        "contribution": contribution,
                        "answer": answer_ if answer_ is not None and answer_.is_published else None,
                        "changes": contribution.public_changes,
                        "evaluation_link": _absolute(evaluation_url(token)),
                        "evaluation_closes": closes,
                    },
                ),
            )
            count += 1
    # Only the evaluation links' hashes: nothing a page shows (no page_cache.changed).
    Contribution.objects.bulk_update(list(contributions), ["evaluation_token_hash"])
    return count


# --- The process's counters -----------------------------------------------------------------


@dataclass(frozen=True)
class Drift:
    """A process whose kept counters differ from a recount: ``kept`` and ``counted`` by name."""

    process_id: int
    title: str
    kept: dict[str, int]
    counted: dict[str, int]


def count_contributions(process_ids: list[int]) -> dict[int, dict[str, int]]:
    """The counters of ``Process.COUNTERS`` as the rows say now, for each of ``process_ids``
    (two grouped queries, however many processes)."""
    counted = {pk: dict.fromkeys(Process.COUNTERS, 0) for pk in process_ids}
    received = (
        Contribution.objects.filter(process_id__in=process_ids)
        .order_by()
        .values_list("process_id")
        .annotate(n=Count("pk"))
    )
    for pk, n in received:
        counted[pk]["contributions_received"] = n
    answers = (
        Answer.objects.filter(contribution__process_id__in=process_ids)
        .order_by()
        .values_list("contribution__process_id")
        .annotate(
            answered=Count("pk"),
            published=Count("pk", filter=Q(published_at__isnull=False)),
            without_reason=Count("pk", filter=Q(reason="")),
        )
    )
    for pk, answered, published, without_reason in answers:
        counted[pk].update(
            contributions_answered=answered,
            answers_published=published,
            answers_without_reason=without_reason,
        )
    return counted


@transaction.atomic
def recount(processes: QuerySet[Process] | None = None, *, fix: bool = True) -> list[Drift]:
    """Recompute the contribution counters of ``processes`` (all by default) from the rows and
    return those that had drifted; with ``fix`` write the recount.

    The processes are locked first (``SELECT … FOR UPDATE``), then counted: a contribution being
    saved meanwhile either committed before the lock (and is counted) or moves the counter after
    the recount is written (its ``UPDATE`` waits for the lock), so none is counted twice or
    missed."""
    processes = Process.objects.all() if processes is None else processes
    rows = processes.order_by("pk").values_list("pk", "title", *Process.COUNTERS)
    kept = {
        row[0]: (row[1], dict(zip(Process.COUNTERS, row[2:], strict=True)))
        for row in (rows.select_for_update() if fix else rows)
    }
    drifts = []
    for pk, counted in count_contributions(list(kept)).items():
        title, stored = kept[pk]
        if stored != counted:
            drifts.append(Drift(pk, title, stored, counted))
            if fix:
                Process.objects.filter(pk=pk).update(**counted)
                page_cache.changed(pk)
    return drifts


# --- The contributor's evaluation after the decision (issue #13) ---------------------------------

EVALUATION_DAYS = 90  # how long after the decision is recorded a contributor may evaluate


class EvaluationRefused(Exception):
    """The evaluation cannot be taken: not decided, closed, or already answered."""

    def __init__(self, message: str, *, already: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.already = already


@dataclass(frozen=True)
class ProjectEvaluationData:
    knew_influence: int
    felt_heard: int
    time_enough: int
    comment: str = ""


def evaluation_url(token: str) -> str:
    return reverse("contributions:evaluation", args=[token])


def evaluation_closes(decision) -> datetime.datetime:
    """The last moment the contributors of a decided project may evaluate it."""
    return decision.recorded_at + datetime.timedelta(days=EVALUATION_DAYS)


def _contribution_key(contribution: Contribution) -> str:
    return salted_hmac(
        "inddrag.contributions.evaluation", str(contribution.pk), algorithm="sha256"
    ).hexdigest()


def for_evaluation(token: str, *, receipt: bool) -> Contribution | None:
    """The contribution of a private link (the decision e-mail's evaluation link, or the
    receipt link when ``receipt``), with its process and decision; None for an unknown one."""
    if len(token) > 200:
        return None
    field = "access_token_hash" if receipt else "evaluation_token_hash"
    return (
        Contribution.objects.select_related("process__decision")
        .filter(**{field: Contribution.hash_token(token)})
        .first()
    )


def _decision_of(contribution: Contribution):
    return getattr(contribution.process, "decision", None)


def evaluation_state(contribution: Contribution, now: datetime.datetime | None = None) -> str:
    """ "undecided", "open", "evaluated" or "closed" (one query: the receipt)."""
    now = now or timezone.now()
    decision = _decision_of(contribution)
    if decision is None or contribution.process.kind != Process.Kind.PROJECT:
        return "undecided"
    if ProjectEvaluationReceipt.objects.filter(
        contribution_key=_contribution_key(contribution)
    ).exists():
        return "evaluated"
    if now > evaluation_closes(decision):
        return "closed"
    return "open"


def evaluate_project(
    contribution: Contribution,
    data: ProjectEvaluationData,
    now: datetime.datetime | None = None,
) -> ProjectEvaluation:
    """Store the contributor's evaluation without the contribution or the person: the
    project and the month only, the comment screened (held back when the screening finds
    personal data). Once per contribution: the receipt's primary key holds it, also under a
    double submit. Not logged: a log entry would tie the answer to the contribution by its time."""
    now = now or timezone.now()
    decision = _decision_of(contribution)
    if decision is None or contribution.process.kind != Process.Kind.PROJECT:
        raise EvaluationRefused(_("You can evaluate the project once it has been decided."))
    if now > evaluation_closes(decision):
        raise EvaluationRefused(_("The evaluation of this project has closed."))
    comment = data.comment.strip()
    try:
        with transaction.atomic():
            ProjectEvaluationReceipt.objects.create(
                contribution_key=_contribution_key(contribution)
            )
            return ProjectEvaluation.objects.create(
                process_id=contribution.process_id,
                month=local_date(now).replace(day=1),
                knew_influence=data.knew_influence,
                felt_heard=data.felt_heard,
                time_enough=data.time_enough,
                comment=comment,
                comment_held_back=bool(comment) and bool(screening.scan(comment)),
            )
    except IntegrityError:
        raise EvaluationRefused(
            _("You have already evaluated this project. Thank you."), already=True
        ) from None
