"""Helpers for tests of the outcome of a process: documents with a hearing and a final version,
changes linked to contributions, answered contributions, a recorded decision."""

from __future__ import annotations

import datetime

from django.utils import timezone

from inddrag.contributions.models import Answer, Contribution
from inddrag.documents import diff
from inddrag.documents.models import Change, Document, DocumentVersion
from inddrag.processes import services
from inddrag.processes.models import Process
from tests.factories import StaffFactory
from tests.factories.contributions import AnswerFactory, PublishedContributionFactory

HEARING_BLOCKS = [
    {"id": "b1", "type": "heading", "level": 1, "text": "Lokalplan 7 for Skovlunde Bymidte"},
    {"id": "b2", "type": "paragraph", "text": "Bebyggelsen må højst have fire etager."},
    {"id": "b3", "type": "paragraph", "text": "Træerne langs Ballerup Byvej kan fældes."},
    {"id": "b4", "type": "list_item", "level": 1, "ordered": False, "text": "Cykelstier"},
    {"id": "b5", "type": "table", "rows": [["Område", "Etager"], ["A", "4"]]},
]

FINAL_BLOCKS = [
    {"id": "b1", "type": "heading", "level": 1, "text": "Lokalplan 7 for Skovlunde Bymidte"},
    {"id": "b2", "type": "paragraph", "text": "Bebyggelsen må højst have tre etager."},
    {"id": "b3", "type": "paragraph", "text": "Træerne langs Ballerup Byvej bevares."},
    {"id": "b4", "type": "list_item", "level": 1, "ordered": False, "text": "Cykelstier"},
    {"id": "b5", "type": "table", "rows": [["Område", "Etager"], ["A", "3"]]},
]


def document(
    process: Process,
    *,
    final_published: bool = False,
    final_label: str = DocumentVersion.Label.FINAL,
    title: str = "Forslag til lokalplan 7",
) -> tuple[Document, DocumentVersion, DocumentVersion]:
    """A document with a published hearing version and a final version."""
    author = process.responsible
    doc = Document.objects.create(process=process, title=title, kind=Document.Kind.LOCAL_PLAN)
    hearing = DocumentVersion.objects.create(
        document=doc,
        label=DocumentVersion.Label.HEARING,
        dated=datetime.date(2027, 3, 1),
        author=author,
        blocks=HEARING_BLOCKS,
        published=True,
    )
    final = DocumentVersion.objects.create(
        document=doc,
        label=final_label,
        dated=datetime.date(2027, 5, 1),
        author=author,
        blocks=FINAL_BLOCKS,
        published=final_published,
    )
    return doc, hearing, final


def link(
    hearing: DocumentVersion,
    final: DocumentVersion,
    phrase: str,
    explanation: str,
    contributions: list[Contribution],
) -> Change:
    """The change whose new text contains ``phrase``, explained and linked like staff do."""
    block = next(
        b
        for b in diff.compare(hearing.blocks, final.blocks)
        if b.status != "equal" and phrase in "".join(s.text for s in b.segments)
    )
    change = Change.objects.create(
        from_version=hearing,
        to_version=final,
        key=block.key,
        **diff.change_fields(block),
        explanation=explanation,
    )
    change.contributions.set(contributions)
    return change


def answered(
    process: Process, count: int = 2, *, published: bool = False, **kwargs
) -> list[Contribution]:
    """Published contributions with drafted (or published) answers."""
    contributions = []
    for n in range(count):
        contribution = PublishedContributionFactory(
            process=process, text=f"Bidrag {n}: byg lavere, og bevar træerne.", **kwargs
        )
        AnswerFactory(
            contribution=contribution,
            outcome=Answer.Outcome.ACCOMMODATED,
            reason=f"Svar {n}: vi bygger lavere.",
            published_at=timezone.now() if published else None,
        )
        contributions.append(contribution)
    return contributions


def decision_data(process: Process, final: DocumentVersion | None = None, **overrides):
    milestone = process.milestones.order_by("-meeting_date").first()
    values = {
        "body": milestone.body,
        "meeting_date": milestone.meeting_date,
        "agenda_title": "Punkt 4: Lokalplan 7, endelig vedtagelse",
        "agenda_url": "https://dagsorden.example/punkt-4",
        "text": "Udvalget vedtog lokalplanen med de foreslåede ændringer.",
        "final_version": final,
    }
    values.update(overrides)
    return services.DecisionData(**values)


def decide(process: Process, final: DocumentVersion | None = None, user=None, **overrides):
    """Record the decision as staff would (the process must be processing or open)."""
    return services.record_decision(
        Process.objects.get(pk=process.pk),
        decision_data(process, final, **overrides),
        user or StaffFactory(),
        now=timezone.now(),
    )
