"""Meetings and home visits in a case (issue #11, section 2).

Staff: propose a meeting with one to five times, propose new times, cancel, write the summary
afterwards (the meeting is then held). The citizen, on "Min sag": pick a time with their needs,
ask for another time, change their needs until the meeting starts; every participant downloads
a booked meeting as an .ics file. Every view is a 404 to anyone who does not take part in the
case, and for a meeting of another case."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inddrag.accounts.permissions import case_assurance_required
from inddrag.cases import services
from inddrag.cases.forms import (
    CancelMeetingForm,
    MeetingForm,
    MeetingNeedsForm,
    MeetingPickForm,
    MeetingSummaryForm,
    OtherTimeForm,
    SlotsForm,
    WhatMattersForm,
)
from inddrag.cases.models import CaseFile, CaseMeeting
from inddrag.cases.sections import case_or_404, viewer_or_404
from inddrag.cases.views.public import _page
from inddrag.idempotency import services as idempotency
from inddrag.processes.models import Process
from inddrag.processes.permissions import EDIT, VIEW, process_view, shown

ACTION, MEETING = "action", "meeting"  # the hidden fields of the staff page's forms
NEW = "nyt"  # the prefix of the form proposing a meeting


def _meeting_of(case: CaseFile, meeting_pk: object) -> CaseMeeting:
    """One meeting of this case with its times; a 404 for another case's or none."""
    try:
        pk = int(str(meeting_pk))
    except ValueError:
        raise Http404 from None
    meeting = CaseMeeting.objects.filter(pk=pk, case=case).prefetch_related("slots").first()
    if meeting is None:
        raise Http404
    meeting.case = case
    return meeting


# --- Staff ----------------------------------------------------------------------------------------


def _staff_forms(meeting: CaseMeeting, now, errors: dict) -> dict:
    """The forms a meeting offers the caseworker now (one shown again with its errors)."""
    pk, status = meeting.pk, meeting.status
    chosen = meeting.chosen
    forms = {}
    if status == CaseMeeting.Status.PROPOSED:
        forms["times"] = errors.get("times") or SlotsForm(now=now, prefix=f"tider-{pk}")
    if status in (CaseMeeting.Status.PROPOSED, CaseMeeting.Status.BOOKED):
        forms["cancel"] = errors.get("cancel") or CancelMeetingForm(prefix=f"aflys-{pk}")
    if (status == CaseMeeting.Status.BOOKED and chosen and chosen.starts_at <= now) or (
        status == CaseMeeting.Status.HELD
    ):
        forms["summary"] = errors.get("summary") or MeetingSummaryForm(
            prefix=f"referat-{pk}", initial={"summary": meeting.summary}
        )
    forms.update(errors)  # a refused form is shown with its message, whatever the status now
    return forms


@require_http_methods(["GET", "HEAD", "POST"])
@process_view(EDIT)
def meetings(request: HttpRequest, process: Process) -> HttpResponse:
    """The case's meetings: propose one, see the citizen's choice, needs and requests, propose
    new times, cancel, and write the summary afterwards."""
    case = case_or_404(process)
    now = timezone.now()
    form = MeetingForm(now=now, prefix=NEW)
    failed: tuple[int, dict] | None = None
    status = 200
    if request.method == "POST":
        action = request.POST.get(ACTION)
        if action not in ("times", "cancel", "summary"):  # the form proposing a meeting
            form = MeetingForm(request.POST, now=now, prefix=NEW)
            if form.is_valid():
                key = idempotency.form_key(request.POST.get(idempotency.FORM_FIELD))
                try:
                    once = services.propose_meeting(
                        case, form.data_object(), request.user, key=key, now=now
                    )
                except services.CaseRefused as refused:
                    form.add_error(None, refused.message)
                else:
                    if once.created:
                        messages.success(
                            request,
                            _("The meeting was proposed. The citizen got an e-mail with a link."),
                        )
                    return _staff_back(process, once.object_id)
        else:
            meeting = _meeting_of(case, request.POST.get(MEETING))
            bound = {
                "times": lambda: SlotsForm(request.POST, now=now, prefix=f"tider-{meeting.pk}"),
                "cancel": lambda: CancelMeetingForm(request.POST, prefix=f"aflys-{meeting.pk}"),
                "summary": lambda: MeetingSummaryForm(request.POST, prefix=f"referat-{meeting.pk}"),
            }[action]()
            if bound.is_valid():
                try:
                    _staff_action(action, meeting, bound.cleaned_data, request.user, now)
                except services.CaseRefused as refused:
                    bound.add_error(None, refused.message)
                else:
                    messages.success(request, STAFF_DONE[action]())
                    return _staff_back(process, meeting.pk)
            failed = (meeting.pk, {action: bound})
        status = 422
    rows = []
    for meeting in services.meetings_of(case):
        errors = failed[1] if failed and failed[0] == meeting.pk else {}
        rows.append(
            {
                "meeting": meeting,
                "slots": list(meeting.slots.all()),
                "chosen": meeting.chosen,
                "location": services.meeting_location(meeting),
                "forms": _staff_forms(meeting, now, errors),
            }
        )
    context = {
        "process": process,
        "case": case,
        "rows": rows,
        "form": form,
        "form_token": idempotency.new_key(),
        "action": ACTION,
        "meeting_field": MEETING,
    }
    return render(request, "cases/staff/meetings.html", context, status=status)


STAFF_DONE = {
    "times": lambda: _("The new times were sent. The citizen got an e-mail with a link."),
    "cancel": lambda: _("The meeting was cancelled. The citizen got an e-mail with a link."),
    "summary": lambda: _("The summary was saved. The citizen can read it on “My case”."),
}


def _staff_action(action: str, meeting: CaseMeeting, data: dict, user, now) -> None:
    if action == "times":
        services.propose_new_times(meeting, data["slots"], user, now)
    elif action == "cancel":
        services.cancel_meeting(meeting, data["reason"], user, now)
    else:
        services.record_meeting_summary(meeting, data["summary"], user, now)


def _staff_back(process: Process, meeting_pk: int) -> HttpResponse:
    return redirect(reverse("staff:cases:meetings", args=[process.pk]) + f"#moede-{meeting_pk}")


# --- The citizen ----------------------------------------------------------------------------------


def _own_meeting(request: HttpRequest, process: Process, meeting_pk: int) -> CaseMeeting:
    """The case's citizen only (other participants: a 403), a meeting of this case only."""
    case = case_or_404(process)
    if case.citizen_id != request.user.pk:
        raise PermissionDenied
    return _meeting_of(case, meeting_pk)


def _back(process: Process, meeting: CaseMeeting) -> HttpResponse:
    return redirect(reverse("cases:detail", args=[process.pk]) + f"#moede-{meeting.pk}")


def _again(request: HttpRequest, process: Process, meeting: CaseMeeting, kind: str, form):
    """Min sag again with the form and its errors next to the fields (422)."""
    case = meeting.case
    what_matters = WhatMattersForm(initial={"text": case.what_matters})
    return _page(
        request,
        process,
        case,
        what_matters,
        422,
        viewer=viewer_or_404(case, request.user),
        meeting_forms={(meeting.pk, kind): form},
    )


@require_POST
@process_view(VIEW)
@case_assurance_required
def pick(request: HttpRequest, process: Process, meeting_pk: int) -> HttpResponse:
    """The citizen picks a time and says what they need (a double submit books once)."""
    meeting = _own_meeting(request, process, meeting_pk)
    form = MeetingPickForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _again(request, process, meeting, "pick", form)
    try:
        booked = services.book_meeting(
            meeting, form.cleaned_data["slot"], form.needs(), request.user
        )
    except services.CaseRefused as refused:
        messages.error(request, refused.message)
    else:
        if booked:
            messages.success(
                request,
                _("Thank you. The time is booked, and your caseworker can see what you need."),
            )
        else:
            messages.info(request, _("You had already chosen that time. It is booked."))
    return _back(process, meeting)


@require_POST
@process_view(VIEW)
@case_assurance_required
def other_time(request: HttpRequest, process: Process, meeting_pk: int) -> HttpResponse:
    """ "None of the times suit me": the caseworker sees the message and proposes new times."""
    meeting = _own_meeting(request, process, meeting_pk)
    form = OtherTimeForm(request.POST, prefix=f"anden-{meeting.pk}")
    if not form.is_valid():
        return _again(request, process, meeting, "other", form)
    try:
        services.ask_for_another_time(meeting, form.cleaned_data["message"], request.user)
    except services.CaseRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request, _("Thank you. Your caseworker will find other times and write to you.")
        )
    return _back(process, meeting)


@require_POST
@process_view(VIEW)
@case_assurance_required
def needs(request: HttpRequest, process: Process, meeting_pk: int) -> HttpResponse:
    """The citizen changes their needs for a booked meeting, until it starts."""
    meeting = _own_meeting(request, process, meeting_pk)
    form = MeetingNeedsForm(request.POST, prefix=f"m{meeting.pk}")
    if not form.is_valid():
        return _again(request, process, meeting, "needs", form)
    try:
        changed = services.save_meeting_needs(meeting, form.needs(), request.user)
    except services.CaseRefused as refused:
        messages.error(request, refused.message)
    else:
        if changed:
            messages.success(request, _("Thank you. Your caseworker can see what you need."))
    return _back(process, meeting)


@require_http_methods(["GET", "HEAD"])
@process_view(VIEW)
@case_assurance_required
def calendar(request: HttpRequest, process: Process, meeting_pk: int) -> HttpResponse:
    """A booked meeting as an .ics file for the participants' calendars (a 404 for a meeting
    with no time chosen, a cancelled one, or one of another case)."""
    case = case_or_404(process)
    meeting = _meeting_of(case, meeting_pk)
    if meeting.status not in (CaseMeeting.Status.BOOKED, CaseMeeting.Status.HELD):
        raise Http404
    try:
        body = services.meeting_calendar(meeting, case)
    except services.CaseRefused:
        raise Http404 from None
    shown(request, process, f"calendar of meeting {meeting.pk}")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="moede.ics"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
