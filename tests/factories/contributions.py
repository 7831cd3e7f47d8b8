"""Factories for contributions: as citizens send them, and as staff register and answer them."""

from __future__ import annotations

import datetime
import itertools

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from inddrag.contributions import services
from inddrag.contributions.models import (
    Answer,
    Attachment,
    Consent,
    Contribution,
    Source,
    SpeakingAs,
)
from inddrag.processes.models import Activity, FrameItem, Process
from tests.factories import ActivityFactory, FrameItemFactory, ProcessFactory, cph
from tests.factories.files import blank_pdf


class ContributionFactory(DjangoModelFactory):
    class Meta:
        model = Contribution

    process = factory.SubFactory(ProcessFactory, status=Process.Status.OPEN)
    receipt_number = factory.Sequence(lambda n: f"B-2026-{n + 1:06d}")
    text = factory.Sequence(lambda n: f"Bidrag nummer {n}: flere træer langs vejen.")
    speaking_as = SpeakingAs.PRIVATE
    name = "Anna Jensen"
    email = factory.Sequence(lambda n: f"borger{n}@example.dk")
    consent = Consent.WITH_NAME
    received_at = factory.LazyFunction(timezone.now)
    publication = Contribution.Publication.PENDING
    published_text = ""


class PublishedContributionFactory(ContributionFactory):
    publication = Contribution.Publication.PUBLISHED
    published_text = factory.SelfAttribute("text")
    published_name = factory.LazyAttribute(lambda c: getattr(c, "on_behalf_of", "") or c.name)


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    contribution = factory.SubFactory(PublishedContributionFactory)
    outcome = Answer.Outcome.ACCOMMODATED
    reason = "Vi planter træerne i 2027."
    published_at = factory.LazyFunction(timezone.now)


def attach(contribution: Contribution, name: str = "bilag.pdf", data: bytes | None = None):
    """Store an attachment on ``contribution`` through the storage, like a real submission."""
    from django.core.files.base import ContentFile

    data = data if data is not None else blank_pdf()
    attachment = Attachment(
        contribution=contribution,
        original_name=name,
        content_type="application/pdf",
        size=len(data),
    )
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    return attachment


def open_hearing(now: datetime.datetime | None = None, **process_kwargs) -> tuple:
    """A public project with a hearing open now (three days each way)."""
    now = now or timezone.now()
    process_kwargs.setdefault("status", Process.Status.OPEN)
    process_kwargs.setdefault("review_before_publishing", False)
    process = ProcessFactory(**process_kwargs)
    activity = ActivityFactory(
        process=process,
        method=Activity.Method.HEARING,
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3),
    )
    return process, activity


# --- The staff side: a hearing of staff's centre, contributions as staff register them -------

RECEIVED = cph(2026, 3, 10, 12, 0)
_numbers = itertools.count(1)


def hearing_process(staff, **kwargs) -> Process:
    """An open project of ``staff``'s centre with a hearing (1–31 March 2026), an open and a
    fixed frame item."""
    kwargs.setdefault("status", Process.Status.OPEN)
    kwargs.setdefault("review_before_publishing", True)
    process = ProcessFactory(responsible=staff, centre=staff.centre, **kwargs)
    ActivityFactory(process=process, starts_at=cph(2026, 3, 1, 0, 0), ends_at=cph(2026, 4, 1, 0, 0))
    FrameItemFactory(process=process, kind=FrameItem.Kind.OPEN, text="Legepladsens placering")
    FrameItemFactory(
        process=process,
        kind=FrameItem.Kind.FIXED,
        text="Antallet af boliger",
        reason="det er fastlagt i kommuneplanen.",
    )
    return process


def submitted(
    process: Process,
    text: str = "Jeg ønsker flere træer langs vejen.",
    *,
    received_at: datetime.datetime = RECEIVED,
    source: str = Source.LETTER,
    **fields,
) -> Contribution:
    """A contribution through ``services.submit`` (screened, with its flags), as staff would
    register a letter, so that no activity needs to be open."""
    fields.setdefault("speaking_as", SpeakingAs.PRIVATE)
    fields.setdefault("consent", Consent.WITH_NAME)
    fields.setdefault("name", "Anna Jensen")
    data = services.SubmissionData(text=text, **fields)
    result = services.submit(
        process,
        data,
        [],
        source=source,
        received_at=received_at,
    )
    return result.contribution


def bulk(process: Process, n: int, **fields) -> list[Contribution]:
    """``n`` contributions in one INSERT, for query-count tests."""
    start = next(_numbers) * 100000
    rows = [
        Contribution(
            process=process,
            receipt_number=f"B-2026-{start + i:07d}"[:20],
            text=f"Bidrag {i}: mere grønt og færre biler i bymidten.",
            speaking_as=SpeakingAs.PRIVATE,
            consent=Consent.WITH_NAME,
            name=f"Borger {i}",
            received_at=RECEIVED,
            **fields,
        )
        for i in range(n)
    ]
    created = Contribution.objects.bulk_create(rows)
    services.recount(Process.objects.filter(pk=process.pk))  # bulk_create passes by the counters
    return created
