"""Every write of a case, with its access log entry.

``create_case`` opens a case from its type in one transaction: the process (kind "case"), its
``CaseFile``, the frame and steps copied from the type, the caseworker and the citizen as
participants, and the log entry. ``save_what_matters`` keeps the citizen's "Det vigtigste for
mig"; ``save_steps`` the caseworker's adjusted steps.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from inddrag.accounts.models import User
from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.cases.models import CaseFile, CaseStep, CaseType
from inddrag.idempotency import services as idempotency
from inddrag.idempotency.services import Once
from inddrag.lib.calendar import local_date
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
        )
    )
