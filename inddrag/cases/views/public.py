""" "Min sag": the citizen's page of their case (for its participants; a 404 to everyone else)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inddrag.cases import services
from inddrag.cases.forms import WhatMattersForm
from inddrag.cases.models import CaseFile
from inddrag.cases.sections import WARN_DAYS, hearing_decision_parts, load_case
from inddrag.lib.calendar import local_date
from inddrag.processes.models import FrameItem, Process
from inddrag.processes.permissions import VIEW, process_view


def _page(
    request: HttpRequest,
    process: Process,
    case: CaseFile,
    form: WhatMattersForm,
    status: int,
    **state,
) -> HttpResponse:
    frame = list(process.frame_items.all())
    days_left = case.days_left(local_date(timezone.now()))
    context = {
        "process": process,
        "case": case,
        "case_type": case.case_type,
        "steps": list(case.steps.all()),
        "current": case.current_step(),
        "open_items": [i for i in frame if i.kind == FrameItem.Kind.OPEN],
        "fixed_items": [i for i in frame if i.kind == FrameItem.Kind.FIXED],
        "days_left": days_left,
        "days_over": -days_left,
        "urgent": days_left <= WARN_DAYS,
        "form": form,
        "may_write": case.citizen_id == request.user.pk,
        **hearing_decision_parts(case, request.user, timezone.now(), state),
    }
    return render(request, "cases/public/my_case.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@process_view(VIEW)
def my_case(request: HttpRequest, process: Process) -> HttpResponse:
    """The case as its citizen needs it; the citizen writes "Det vigtigste for mig" here."""
    case = load_case(process.pk) if process.is_case else None
    if case is None:
        raise Http404
    if request.method != "POST":
        return _page(
            request, process, case, WhatMattersForm(initial={"text": case.what_matters}), 200
        )
    if case.citizen_id != request.user.pk:
        raise PermissionDenied
    form = WhatMattersForm(request.POST)
    if not form.is_valid():
        return _page(request, process, case, form, 422)
    services.save_what_matters(case, form.cleaned_data["text"], request.user)
    messages.success(
        request, _("Thank you. Your caseworker can now read what matters most to you.")
    )
    return redirect(reverse("cases:detail", args=[process.pk]) + "#det-vigtigste")
