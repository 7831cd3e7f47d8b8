"""Factories for the test suite."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

from inddrag.accounts.models import User
from inddrag.organisation.models import Centre, DecisionBody, District
from inddrag.processes.models import (
    Activity,
    FrameItem,
    InfluenceLevel,
    Milestone,
    Phase,
    Process,
    ProcessTargetGroup,
    Proportionality,
    TargetGroup,
)

CPH = ZoneInfo("Europe/Copenhagen")


def cph(*args: int) -> datetime.datetime:
    """A moment given in Danish wall-clock time."""
    return datetime.datetime(*args, tzinfo=CPH)


class CentreFactory(DjangoModelFactory):
    class Meta:
        model = Centre
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Center nr. {n}")
    contact_email = factory.Sequence(lambda n: f"center{n}@kommune.example")
    contact_phone = "44 77 00 00"


class DecisionBodyFactory(DjangoModelFactory):
    class Meta:
        model = DecisionBody
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Udvalg {n}")
    kind = DecisionBody.Kind.COMMITTEE


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Bydel {n}")
    postcode = "2750"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Jensen{n}")
    role = User.Role.CITIZEN
    password = factory.PostGenerationMethodCall("set_password", "hemmelig-kode-1")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    role = User.Role.STAFF
    centre = factory.SubFactory(CentreFactory)
    title = "Planlægger"


class ProcessFactory(DjangoModelFactory):
    class Meta:
        model = Process

    kind = Process.Kind.PROJECT
    title = factory.Sequence(lambda n: f"Lokalplan {n} for Ballerup Bymidte")
    summary = "Kommunen vil gerne høre din mening om den nye lokalplan."
    centre = factory.SubFactory(CentreFactory)
    responsible = factory.SubFactory(StaffFactory, centre=factory.SelfAttribute("..centre"))
    status = Process.Status.DRAFT
    influence_level = InfluenceLevel.CONSULT
    proportionality = Proportionality.STANDARD
    planned_hours = 40


class FrameItemFactory(DjangoModelFactory):
    class Meta:
        model = FrameItem

    process = factory.SubFactory(ProcessFactory)
    kind = FrameItem.Kind.OPEN
    text = "Placering af legepladsen"
    reason = ""


class PhaseFactory(DjangoModelFactory):
    class Meta:
        model = Phase

    process = factory.SubFactory(ProcessFactory)
    title = "Høringsfase"
    starts_on = datetime.date(2027, 3, 1)
    ends_on = datetime.date(2027, 4, 30)


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    process = factory.SubFactory(ProcessFactory)
    title = "Offentlig høring"
    method = Activity.Method.HEARING
    starts_at = factory.LazyFunction(lambda: cph(2027, 3, 1, 0, 0))
    ends_at = factory.LazyFunction(lambda: cph(2027, 4, 1, 0, 0))
    location = "Ballerup Rådhus"


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    process = factory.SubFactory(ProcessFactory)
    body = factory.SubFactory(DecisionBodyFactory)
    meeting_date = datetime.date(2027, 6, 1)
    decides = "Endelig vedtagelse"


def add_target_groups(process: Process, *groups: str) -> None:
    for group in groups:
        ProcessTargetGroup.objects.create(process=process, group=group)


def complete_project(**kwargs) -> Process:
    """A project that passes every check: frame, hearing, milestone well after, broad groups."""
    process = ProcessFactory(**kwargs)
    FrameItemFactory(process=process, kind=FrameItem.Kind.OPEN, text="Legepladsens placering")
    FrameItemFactory(
        process=process,
        kind=FrameItem.Kind.FIXED,
        text="Antallet af boliger",
        reason="det er fastlagt i kommuneplanen.",
    )
    milestone = MilestoneFactory(process=process, meeting_date=datetime.date(2027, 6, 1))
    ActivityFactory(
        process=process,
        hearing_type="local_plan",
        starts_at=cph(2027, 3, 1, 0, 0),
        ends_at=cph(2027, 4, 1, 0, 0),
        feeds_milestone=milestone,
    )
    add_target_groups(process, TargetGroup.CITIZENS, TargetGroup.EMPLOYEES)
    return process
