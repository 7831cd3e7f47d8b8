"""The case's part of its staff page ("process_staff", slot "top"): the case type, the citizen,
the processing deadline, "Det vigtigste for mig" and the steps with a link to adjust them.
Nothing for a project (no query either)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from inddrag.cases.models import CaseFile, CaseMessage, CaseStep
from inddrag.lib.calendar import local_date
from inddrag.lib.sections import Section, SectionRequest, register

WARN_DAYS = 14  # days left to the processing deadline from which a case is shown as urgent


def load_case(process_pk: int) -> CaseFile | None:
    """A case's own data with its type, citizen and steps (two queries)."""
    return (
        CaseFile.objects.select_related("case_type", "citizen", "what_matters_by")
        .prefetch_related(Prefetch("steps", queryset=CaseStep.objects.order_by("order", "pk")))
        .filter(process_id=process_pk)
        .first()
    )


def case_summary(section: SectionRequest) -> dict | None:
    process = section.subject.process
    if not process.is_case:
        return None
    case = load_case(process.pk)
    if case is None:
        return None
    days_left = case.days_left(local_date(section.now))
    return {
        "case": case,
        "steps": list(case.steps.all()),
        "current": case.current_step(),
        "days_left": days_left,
        "days_over": -days_left,
        "urgent": days_left <= WARN_DAYS,
    }


def case_messages(section: SectionRequest) -> dict | None:
    """The case's messages on its staff page: how many, how many inputs not answered (one
    query), with a link to the messages page."""
    process = section.subject.process
    if not process.is_case:
        return None
    counts = CaseMessage.objects.filter(case__process_id=process.pk).aggregate(
        total=Count("pk"),
        unanswered=Count("pk", filter=Q(is_input=True, answered_at__isnull=True)),
    )
    return {"process": process, **counts}


def register_sections() -> None:
    register(
        Section(
            "process_staff",
            "case",
            "cases/staff/_case_summary.html",
            case_summary,
            order=5,
            slot="top",
        )
    )
    register(
        Section(
            "process_staff",
            "case_messages",
            "cases/staff/_messages_summary.html",
            case_messages,
            order=6,
            slot="top",
        )
    )
