"""The case's part of its staff page ("process_staff", slot "top"): the case type, the citizen,
the processing deadline, "Det vigtigste for mig" and the steps with a link to adjust them; the
messages and the meetings. Nothing for a project (no query either). And the parts "Min sag"
shows of the partshøring, the decision and the meetings."""

from __future__ import annotations

import datetime

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.http import Http404

from inddrag.accounts.models import User
from inddrag.cases.forms import (
    EvaluationForm,
    HearingAnswerForm,
    MeetingNeedsForm,
    MeetingPickForm,
    OtherTimeForm,
)
from inddrag.cases.models import (
    DECISION,
    CaseDecision,
    CaseFile,
    CaseHearing,
    CaseMeeting,
    CaseMeetingSlot,
    CaseMessage,
    CaseStep,
)
from inddrag.cases.services import (
    Viewer,
    has_evaluated,
    meeting_location,
    meetings_of,
    viewer_of,
)
from inddrag.lib.calendar import local_date
from inddrag.lib.sections import Section, SectionRequest, register
from inddrag.processes.models import Process

WARN_DAYS = 14  # days left to the processing deadline from which a case is shown as urgent


def load_case(process_pk: int) -> CaseFile | None:
    """A case's own data with its type, citizen and steps (two queries)."""
    return (
        CaseFile.objects.select_related(
            "case_type", "citizen", "what_matters_by", "hearing", "decision"
        )
        .prefetch_related(Prefetch("steps", queryset=CaseStep.objects.order_by("order", "pk")))
        .filter(process_id=process_pk)
        .first()
    )


def case_or_404(process: Process) -> CaseFile:
    """The case's own data for a page of a case; a 404 for a project or a case without it."""
    case = load_case(process.pk) if process.is_case else None
    if case is None:
        raise Http404
    return case


def viewer_or_404(case: CaseFile, user: User) -> Viewer:
    """How ``user`` sees the case (``process_view`` has let them in); a 404 if not at all."""
    viewer = viewer_of(case, user)
    if viewer is None:
        raise Http404
    return viewer


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
        **hearing_decision_parts(case, None, section.now, {}),
    }


def hearing_of(case: CaseFile) -> CaseHearing | None:
    """The case's partshøring, or None (no query when loaded by ``load_case``)."""
    try:
        return case.hearing
    except CaseHearing.DoesNotExist:
        return None


def decision_of(case: CaseFile) -> CaseDecision | None:
    try:
        return case.decision
    except CaseDecision.DoesNotExist:
        return None


def hearing_decision_parts(
    case: CaseFile, viewer: Viewer | None, now: datetime.datetime, state: dict
) -> dict:
    """What "Min sag" and the staff page (``viewer`` None) show of the partshøring, the decision
    and the evaluation; ``state`` holds a form shown again with its errors. A professional sees
    no partshøring, and the decision only when their role may; the evaluation is the citizen's."""
    hearing, decision = hearing_of(case), decision_of(case)
    if viewer is not None and viewer.professional is not None:
        hearing = None
        decision = decision if viewer.sees(DECISION) else None
    is_citizen = viewer is not None and viewer.is_citizen
    may_answer = viewer is not None and viewer.may_answer_hearing
    parts = {
        "hearing": hearing,
        "hearing_open": hearing is not None and decision is None and hearing.is_open(now),
        "decision": decision,
        "decision_inputs": list(decision.inputs.all()) if decision else [],
    }
    if may_answer and parts["hearing_open"]:
        parts["answer_form"] = state.get("answer_form") or HearingAnswerForm(
            initial={"answer": hearing.answer, "comment": hearing.comment}
        )
    if is_citizen and decision is not None:
        parts["evaluated"] = has_evaluated(case)
        if not parts["evaluated"]:
            parts["evaluation_form"] = state.get("evaluation_form") or EvaluationForm()
    return parts


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


# The order the citizen reads them in: what asks for an answer, what is coming, what is over.
_CITIZEN_ORDER = {
    CaseMeeting.Status.PROPOSED: 0,
    CaseMeeting.Status.BOOKED: 1,
    CaseMeeting.Status.HELD: 2,
    CaseMeeting.Status.CANCELLED: 3,
}


def meeting_rows(
    case: CaseFile, user: User | None, now: datetime.datetime, state: dict
) -> list[dict]:
    """The case's meetings for "Min sag" (two queries however many): each with its chosen
    time, its place, and for the case's citizen the forms to pick a time, ask for another one
    and change their needs. ``state["meeting_forms"]`` holds a form shown again with its
    errors, keyed by ``(meeting pk, "pick" | "other" | "needs")``."""
    is_citizen = user is not None and case.citizen_id == user.pk
    shown_again = state.get("meeting_forms", {})
    rows = []
    for meeting in meetings_of(case):
        slots = list(meeting.slots.all())
        chosen = meeting.chosen
        row = {
            "meeting": meeting,
            "slots": slots,
            "chosen": chosen,
            "location": meeting_location(meeting),
            "started": chosen is not None and chosen.starts_at <= now,
        }
        proposed = meeting.status == CaseMeeting.Status.PROPOSED
        upcoming = meeting.status == CaseMeeting.Status.BOOKED and not row["started"]
        if is_citizen and proposed:
            row["pick_form"] = shown_again.get((meeting.pk, "pick")) or MeetingPickForm(
                meeting=meeting,
                initial={name: getattr(meeting, name) for name in MeetingNeedsForm.base_fields},
            )
            row["other_form"] = shown_again.get((meeting.pk, "other")) or OtherTimeForm(
                prefix=f"anden-{meeting.pk}"
            )
        if is_citizen and upcoming:
            row["needs_form"] = shown_again.get((meeting.pk, "needs")) or MeetingNeedsForm.of(
                meeting
            )
        rows.append(row)
    rows.sort(
        key=lambda r: (
            _CITIZEN_ORDER[r["meeting"].status],
            (r["chosen"].starts_at if r["chosen"] else r["meeting"].created_at).timestamp()
            * (-1 if r["meeting"].status == CaseMeeting.Status.HELD else 1),
        )
    )
    return rows


def case_meetings(section: SectionRequest) -> dict | None:
    """The case's meetings on its staff page: what waits for the caseworker (the citizen asks
    for another time, a meeting held but without a summary), what waits for the citizen, and
    the next booked one (one query)."""
    process = section.subject.process
    if not process.is_case:
        return None
    chosen = CaseMeetingSlot.objects.filter(meeting=OuterRef("pk"), chosen=True)
    meetings = list(
        CaseMeeting.objects.filter(
            case__process_id=process.pk,
            status__in=(CaseMeeting.Status.PROPOSED, CaseMeeting.Status.BOOKED),
        )
        .annotate(
            starts_at=Subquery(chosen.values("starts_at")[:1]),
            ends_at=Subquery(chosen.values("ends_at")[:1]),
        )
        .only("status", "kind", "times_proposed_at", "other_time_at", "booked_at")
        .order_by("pk")
    )
    booked = sorted(
        (m for m in meetings if m.status == CaseMeeting.Status.BOOKED), key=lambda m: m.starts_at
    )
    return {
        "process": process,
        "asks": [m for m in meetings if m.asks_for_another_time],
        "waiting": [
            m
            for m in meetings
            if m.status == CaseMeeting.Status.PROPOSED and not m.asks_for_another_time
        ],
        "upcoming": [m for m in booked if m.starts_at > section.now],
        "no_summary": [m for m in booked if m.starts_at <= section.now],
    }


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
    register(
        Section(
            "process_staff",
            "case_meetings",
            "cases/staff/_meetings_summary.html",
            case_meetings,
            order=7,
            slot="top",
        )
    )
