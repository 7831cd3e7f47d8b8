"""Factories and helpers for contributions (the public form, the receipt and the published list)."""

from __future__ import annotations

import datetime
import io

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from pypdf import PdfWriter

from inddrag.contributions.models import Answer, Attachment, Consent, Contribution, SpeakingAs
from inddrag.processes.models import Activity, Process
from tests.factories import ActivityFactory, ProcessFactory


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


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
