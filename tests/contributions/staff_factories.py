"""Factories and helpers for the staff side of contributions (inbox, screening, answers)."""

from __future__ import annotations

import datetime
import itertools

from inddrag.contributions import services
from inddrag.contributions.models import Consent, Contribution, Source, SpeakingAs
from inddrag.processes.models import FrameItem, Process
from tests.factories import ActivityFactory, FrameItemFactory, ProcessFactory, cph

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
    return Contribution.objects.bulk_create(rows)
