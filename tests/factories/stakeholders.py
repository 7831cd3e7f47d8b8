"""Factories for the stakeholder registry, shared by the stakeholder tests."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from inddrag.stakeholders import services
from inddrag.stakeholders.models import HearingDuty, HearingListEntry, Stakeholder, Topic


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Emne {n}")


class StakeholderFactory(DjangoModelFactory):
    class Meta:
        model = Stakeholder
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Forening nr. {n}")
    type = Stakeholder.Type.ASSOCIATION
    contact_name = "Birgitte Hansen"
    email = factory.Sequence(lambda n: f"interessent{n}@forening.example")
    phone = "44 77 12 34"
    active = True

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)

    @factory.post_generation
    def districts(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.districts.set(extracted)


class HearingDutyFactory(DjangoModelFactory):
    class Meta:
        model = HearingDuty
        skip_postgeneration_save = True

    stakeholder = factory.SubFactory(StakeholderFactory, type=Stakeholder.Type.COUNCIL)
    legal_basis = "Retssikkerhedsloven § 30"

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)


def accepted(process, stakeholder, **kwargs) -> HearingListEntry:
    return HearingListEntry.objects.create(
        process=process, stakeholder=stakeholder, reason="manual", state="accepted", **kwargs
    )


def invite(process, stakeholder) -> tuple[HearingListEntry, str]:
    """Put the stakeholder on the list and invite them; returns the entry and its link token."""
    entry = accepted(process, stakeholder)
    services.send_invitations(process)
    entry.refresh_from_db()
    return entry, services.invitation_token(entry)
