"""Factories for cases: a case type with its default frame and steps, and a case opened from it
the way a caseworker does (``cases.services.create_case``)."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from inddrag.cases.models import (
    CaseFile,
    CaseMeeting,
    CaseType,
    CaseTypeFrameItem,
    CaseTypeStep,
    MeetingKind,
    StepKind,
)
from inddrag.cases.services import CaseData, create_case
from inddrag.processes.models import FrameItem, Process
from tests.factories import CentreFactory, StaffFactory, UserFactory

_numbers = itertools.count(1)


def case_type(name: str = "", **kwargs) -> CaseType:
    """A case type with two frame items (one open, one fixed) and three steps."""
    kind = CaseType.objects.create(
        name=name or f"Hjælpemidler {next(_numbers)}",
        centre=kwargs.pop("centre", None) or CentreFactory(),
        description="Sagen handler om et hjælpemiddel til hverdagen.",
        legal_basis="Serviceloven § 112",
        legal_url="https://www.retsinformation.dk/",
        rules="Kommunen giver støtte til hjælpemidler efter serviceloven.",
        processing_weeks=kwargs.pop("processing_weeks", 8),
        **kwargs,
    )
    CaseTypeFrameItem.objects.create(
        case_type=kind, kind=FrameItem.Kind.OPEN, text="Hvilket hjælpemiddel", order=1
    )
    CaseTypeFrameItem.objects.create(
        case_type=kind,
        kind=FrameItem.Kind.FIXED,
        text="Betingelserne",
        reason="De står i loven.",
        order=2,
    )
    for order, (title, step_kind, day) in enumerate(
        (
            ("Første samtale", StepKind.CONTACT, 0),
            ("Hjemmebesøg", StepKind.MEETING, 7),
            ("Afgørelse", StepKind.DECISION, 40),
        ),
        start=1,
    ):
        CaseTypeStep.objects.create(
            case_type=kind, title=title, kind=step_kind, day=day, order=order
        )
    return kind


def open_case(
    *,
    caseworker=None,
    citizen=None,
    kind: CaseType | None = None,
    title: str = "Badebænk",
    today: datetime.date | None = None,
) -> CaseFile:
    """A case opened from its type by a caseworker, for a citizen."""
    caseworker = caseworker or StaffFactory()
    citizen = citizen or UserFactory()
    once = create_case(
        CaseData(
            case_type=kind or case_type(),
            citizen=citizen,
            title=title,
            contact_phone="44 77 23 41",
            contact_email="jonas@kommune.example",
            contact_hours="Mandag–torsdag kl. 9–12",
        ),
        caseworker,
        today=today,
    )
    return CaseFile.objects.select_related("process").get(process_id=once.object_id)


def case_file_for(process: Process, citizen=None) -> CaseFile:
    """Give an existing case (kind "case") its own data, with one step."""
    case = CaseFile.objects.create(
        process=process,
        case_type=case_type(),
        citizen=citizen or UserFactory(),
        opened_on=datetime.date(2026, 1, 5),
        deadline=datetime.date(2026, 3, 2),
    )
    case.steps.create(title="Hjemmebesøg", kind=StepKind.MEETING, order=1)
    return case


def booked_meeting(case: CaseFile, *, days: int = 3, **fields) -> CaseMeeting:
    """A home visit in ``days`` days, its time chosen by the citizen."""
    now = timezone.now()
    meeting = CaseMeeting.objects.create(
        case=case,
        kind=fields.pop("kind", MeetingKind.HOME_VISIT),
        purpose=fields.pop("purpose", "Vi ser på badeværelset sammen"),
        attendees=fields.pop("attendees", "Ergoterapeut"),
        status=CaseMeeting.Status.BOOKED,
        times_proposed_at=now,
        booked_at=now,
        **fields,
    )
    starts = now + datetime.timedelta(days=days)
    meeting.slots.create(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), chosen=True
    )
    return meeting
