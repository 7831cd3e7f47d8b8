"""Every write of a case, with its access log entry.

``create_case`` opens a case from its type in one transaction: the process (kind "case"), its
``CaseFile``, the frame and steps copied from the type, the caseworker and the citizen as
participants, and the log entry. ``save_what_matters`` keeps the citizen's "Det vigtigste for
mig"; ``save_steps`` the caseworker's adjusted steps; ``send_message`` and ``answer_message`` the
messages both ways (the citizen is e-mailed a link, never the content).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import (
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from inddrag.accounts.models import User
from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.cases.models import CaseFile, CaseMessage, CaseMessageFile, CaseStep, CaseType
from inddrag.contributions.uploads import CheckedFile
from inddrag.idempotency import services as idempotency
from inddrag.idempotency.services import Once
from inddrag.lib.calendar import local_date
from inddrag.notifications import services as notifications
from inddrag.notifications.models import Notification
from inddrag.processes.models import FrameItem, InfluenceLevel, Process, Proportionality

CREATE_SCOPE = "case:create:%s"


@dataclass(frozen=True)
class CaseData:
    """What the caseworker fills in to open a case."""

    case_type: CaseType
    citizen: User
    title: str
    summary: str = ""
    esdh_reference: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    contact_hours: str = ""


def create_case(
    data: CaseData,
    caseworker: User,
    *,
    key: str | None = None,
    today: datetime.date | None = None,
) -> Once:
    """Open a case from its type (one transaction; a repeat with the same ``key`` returns the
    case the first request created). ``Once.object_id`` is the process's pk."""
    opened_on = today or local_date(timezone.now())
    case_type = data.case_type

    def create() -> Process:
        process = Process.objects.create(
            kind=Process.Kind.CASE,
            title=data.title,
            summary=data.summary or case_type.description,
            centre_id=case_type.centre_id,
            responsible=caseworker,
            status=Process.Status.OPEN,
            # A citizen takes part in their own case (retssikkerhedsloven § 4): "involve", the
            # light way a single case needs.
            influence_level=InfluenceLevel.INVOLVE,
            proportionality=Proportionality.LIGHT,
            esdh_reference=data.esdh_reference,
        )
        process.participants.add(caseworker, data.citizen)
        case = CaseFile.objects.create(
            process=process,
            case_type=case_type,
            citizen=data.citizen,
            contact_phone=data.contact_phone,
            contact_email=data.contact_email,
            contact_hours=data.contact_hours,
            opened_on=opened_on,
            deadline=case_type.deadline(opened_on),
        )
        FrameItem.objects.bulk_create(
            FrameItem(process=process, kind=item.kind, text=item.text, reason=item.reason, order=n)
            for n, item in enumerate(case_type.frame_items.all(), start=1)
        )
        CaseStep.objects.bulk_create(
            CaseStep(
                case=case,
                title=step.title,
                kind=step.kind,
                planned_on=opened_on + datetime.timedelta(days=step.day),
                order=n,
            )
            for n, step in enumerate(case_type.steps.all(), start=1)
        )
        log_access(caseworker, process, AccessLog.Action.CHANGE, f"case opened: {case_type.name}")
        return process

    return idempotency.run_once(CREATE_SCOPE % caseworker.pk, key, create)


def save_what_matters(case: CaseFile, text: str, by: User) -> None:
    """The citizen's "Det vigtigste for mig": who wrote it and when are kept with it."""
    case.what_matters = text
    case.what_matters_by = by
    case.what_matters_at = timezone.now()
    case.save(update_fields=["what_matters", "what_matters_by", "what_matters_at"])
    log_access(by, case.process, AccessLog.Action.CHANGE, "what matters most to me")


@transaction.atomic
def save_steps(case: CaseFile, formset, by: User) -> None:
    """Save the caseworker's steps (a valid formset of ``CaseStep``): changed, added and
    deleted rows in one transaction, with one log entry."""
    steps = formset.save(commit=False)
    for step in formset.deleted_objects:
        step.delete()
    for step in steps:
        step.case = case
        step.save()
    log_access(by, case.process, AccessLog.Action.CHANGE, "case steps")


# --- Reading ------------------------------------------------------------------------------------


def cases_of(user: User) -> QuerySet[CaseFile]:
    """The cases a member of staff takes part in (or is responsible for), with what the list
    "Mine sager" shows: the type, the citizen and the next step (two subqueries, no more
    queries however many rows)."""
    next_step = CaseStep.objects.filter(case=OuterRef("pk"), done_on__isnull=True).order_by(
        "order", "pk"
    )
    own = Process.objects.filter(
        Q(participants=user) | Q(responsible=user), kind=Process.Kind.CASE
    ).values("pk")
    return (
        CaseFile.objects.filter(process__in=own)
        .select_related("process", "case_type", "citizen")
        .annotate(
            next_step_title=Subquery(next_step.values("title")[:1]),
            next_step_on=Subquery(next_step.values("planned_on")[:1]),
            unanswered=Coalesce(
                Subquery(
                    CaseMessage.objects.filter(
                        case=OuterRef("pk"), is_input=True, answered_at__isnull=True
                    )
                    .order_by()
                    .values("case")
                    .annotate(n=Count("pk"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
                0,
            ),
        )
    )


# --- Messages -----------------------------------------------------------------------------------

MESSAGE_SCOPE = "case:message:%d:%d"  # per case and author


def _fingerprint(text: str, files: list[CheckedFile]) -> str:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
    for checked in files:
        digest.update(b"\0" + checked.safe_name.encode() + b"\0")
        digest.update(hashlib.sha256(checked.data).digest())
    return digest.hexdigest()


def send_message(
    case: CaseFile,
    author: User,
    text: str,
    files: list[CheckedFile] = (),
    *,
    key: str | None = None,
) -> Once:
    """Save a message with its documents in one transaction (a repeat with the same ``key``
    returns the first message). From the case's citizen it is an input for the caseworker to
    answer; from anyone else the citizen is e-mailed a link to the case."""
    files = list(files)
    stored: list[CaseMessageFile] = []

    def create() -> CaseMessage:
        message = CaseMessage.objects.create(
            case=case, author=author, text=text, is_input=author.pk == case.citizen_id
        )
        for checked in files:
            document = CaseMessageFile(
                message=message,
                original_name=checked.safe_name,
                content_type=checked.content_type,
                size=len(checked.data),
            )
            document.file.save(checked.safe_name, ContentFile(checked.data), save=False)
            stored.append(document)
            document.save()
        log_access(author, case.process, AccessLog.Action.CHANGE, f"message {message.pk}")
        if not message.is_input:
            _notify_citizen(case, message, _("New message in your case"))
        return message

    try:
        return idempotency.run_once(
            MESSAGE_SCOPE % (case.pk, author.pk), key, create, fingerprint=_fingerprint(text, files)
        )
    except Exception:
        for document in stored:
            document.file.delete(save=False)
        raise


@transaction.atomic
def answer_message(message: CaseMessage, text: str, by: User) -> None:
    """The caseworker's answer to an input (a later answer replaces it); the citizen is e-mailed
    a link to the case."""
    message.answer = text
    message.answered_by = by
    message.answered_at = timezone.now()
    message.save(update_fields=["answer", "answered_by", "answered_at"])
    log_access(by, message.case.process, AccessLog.Action.CHANGE, f"answer to message {message.pk}")
    _notify_citizen(message.case, message, _("Your caseworker has answered you"))


def _notify_citizen(case: CaseFile, message: CaseMessage, subject: str) -> Notification | None:
    """A link to "Min sag" only: what was written stays on the case (the e-mail may be read by
    others and is kept in the outbox)."""
    address = case.citizen.email
    if not address:
        return None
    with override(settings.LANGUAGE_CODE):
        link = settings.INDDRAG_BASE_URL.rstrip("/") + reverse(
            "cases:detail", args=[case.process_id]
        )
        return notifications.queue(
            about=message,
            kind=Notification.Kind.ANSWER,
            to=address,
            subject=str(subject),
            body=render_to_string(
                "cases/email/message.txt",
                {"citizen": case.citizen, "link": link + "#beskeder"},
            ),
        )


def messages_of(case: CaseFile) -> list[CaseMessage]:
    """The case's messages, oldest first, with their authors and documents (two queries)."""
    return list(
        CaseMessage.objects.filter(case=case)
        .select_related("author", "answered_by")
        .prefetch_related(Prefetch("files", queryset=CaseMessageFile.objects.order_by("pk")))
        .order_by("sent_at", "pk")
    )


SEEN_BY_ROWS = 50


def seen_by_staff(process: Process) -> list[dict]:
    """ "Hvem har set min sag": the staff who have opened the case, the one seen last first —
    name, job title, how many times, first and last time (one query on the access log, at most
    ``SEEN_BY_ROWS`` people)."""
    rows = (
        AccessLog.objects.filter(
            object_type=Process._meta.label_lower,
            object_id=process.pk,
            action=AccessLog.Action.VIEW,
            user__role=User.Role.STAFF,
        )
        .values("user_id", "user__first_name", "user__last_name", "user__username", "user__title")
        .annotate(views=Count("pk"), first=Min("at"), last=Max("at"))
        .order_by("-last", "user_id")[:SEEN_BY_ROWS]
    )
    return [
        {
            "name": " ".join(n for n in (r["user__first_name"], r["user__last_name"]) if n)
            or r["user__username"],
            "title": r["user__title"],
            "views": r["views"],
            "first": r["first"],
            "last": r["last"],
        }
        for r in rows
    ]
