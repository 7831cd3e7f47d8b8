"""Partshøring, the decision and the citizen's evaluation (issue #11, sections 2 and 5).

Staff: send the draft decision for comments, record the decision. The citizen, on "Min sag":
answer the partshøring, evaluate the case once decided. Both download the draft's and the
answer's file. Every view is a 404 to anyone who does not take part in the case."""

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
    CaseDecisionForm,
    DecisionInputFormSet,
    EvaluationForm,
    HearingAnswerForm,
    HearingForm,
    WhatMattersForm,
)
from inddrag.cases.models import CaseFile
from inddrag.cases.sections import case_or_404, decision_of, hearing_of, viewer_or_404
from inddrag.cases.services import Viewer
from inddrag.cases.views.public import _page
from inddrag.lib import downloads
from inddrag.lib.calendar import local_date
from inddrag.processes.models import Process
from inddrag.processes.permissions import EDIT, VIEW, process_view

STAFF_PAGE = "staff:processes:edit"


# --- Staff ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@process_view(EDIT)
def hearing(request: HttpRequest, process: Process) -> HttpResponse:
    """Send the draft decision to the citizen for comments, with a deadline."""
    case = case_or_404(process)
    if hearing_of(case) is not None or decision_of(case) is not None:
        return redirect(reverse(STAFF_PAGE, args=[process.pk]) + "#partshoering")
    today = local_date(timezone.now())
    form = HearingForm(request.POST or None, request.FILES or None, case=case, today=today)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.send_hearing(
                    case,
                    draft=form.cleaned_data["draft"],
                    deadline=form.cleaned_data["deadline"],
                    upload=form.cleaned_data["file"],
                    by=request.user,
                )
            except services.CaseRefused as refused:
                form.add_error(refused.field, refused.message)
            else:
                messages.success(request, _("The draft decision was sent to the citizen."))
                return redirect(reverse(STAFF_PAGE, args=[process.pk]) + "#partshoering")
        status = 422
    context = {"process": process, "case": case, "form": form}
    return render(request, "cases/staff/hearing.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@process_view(EDIT)
def decision(request: HttpRequest, process: Process) -> HttpResponse:
    """Record the decision, with how each of the citizen's inputs was used."""
    case = case_or_404(process)
    if decision_of(case) is not None:
        return redirect(reverse(STAFF_PAGE, args=[process.pk]) + "#afgoerelse")
    initial = services.decision_inputs(case)
    form = CaseDecisionForm(
        request.POST or None,
        initial={
            "complaint_guidance": _(
                "You can complain about the decision to Ankestyrelsen. Send the complaint to "
                "us: we look at the case again first, and if we do not agree with you, we "
                "send it on to Ankestyrelsen. You can complain in writing or by phone."
            )
        },
    )
    inputs = DecisionInputFormSet(request.POST or None, initial=initial, prefix="input")
    status = 200
    if request.method == "POST":
        if form.is_valid() and inputs.is_valid():
            rows = [(row["source"], row["said"], row["used"]) for row in inputs.cleaned_data if row]
            try:
                services.record_case_decision(case, form.data_object(rows), request.user)
            except services.CaseRefused as refused:
                if refused.field == "inputs":
                    # The inputs as they are now, with what was written for each kept.
                    form.add_error(None, refused.message)
                    used = {source: text for source, _said, text in rows}
                    inputs = DecisionInputFormSet(
                        initial=[
                            {**row, "used": used.get(row["source"], "")}
                            for row in services.decision_inputs(case)
                        ],
                        prefix="input",
                    )
                else:
                    form.add_error(refused.field, refused.message)
            else:
                messages.success(
                    request, _("The decision was recorded and the citizen was told by e-mail.")
                )
                return redirect(reverse(STAFF_PAGE, args=[process.pk]) + "#afgoerelse")
        status = 422
    context = {
        "process": process,
        "case": case,
        "form": form,
        "inputs": inputs,
        "hearing": hearing_of(case),
        "complaint_deadline": services.complaint_deadline(local_date(timezone.now())),
    }
    return render(request, "cases/staff/decision.html", context, status=status)


# --- The citizen ----------------------------------------------------------------------------------


def _back(process: Process, anchor: str) -> HttpResponse:
    return redirect(reverse("cases:detail", args=[process.pk]) + anchor)


def _acting(request: HttpRequest, process: Process, *, hearing: bool) -> tuple[CaseFile, Viewer]:
    """The case and its viewer, who must be the citizen — or, for the partshøring, a
    representative who may write (forvaltningsloven § 8); anyone else who sees it: a 403."""
    case = case_or_404(process)
    viewer = viewer_or_404(case, request.user)
    if not (viewer.may_answer_hearing if hearing else viewer.is_citizen):
        raise PermissionDenied
    return case, viewer


def _what_matters(case: CaseFile) -> WhatMattersForm:
    return WhatMattersForm(initial={"text": case.what_matters})


@require_POST
@process_view(VIEW)
@case_assurance_required
def answer(request: HttpRequest, process: Process) -> HttpResponse:
    """The citizen (or their representative) answers the partshøring: no comments, or comments
    with an optional file."""
    case, viewer = _acting(request, process, hearing=True)
    form = HearingAnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.answer_hearing(
                case,
                answer=form.cleaned_data["answer"],
                comment=form.cleaned_data["comment"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except services.CaseRefused as refused:
            messages.error(request, refused.message)
            return _back(process, "#partshoering")
        messages.success(
            request, _("Thank you. Your answer was sent; you can change it until the deadline.")
        )
        return _back(process, "#partshoering")
    return _page(request, process, case, _what_matters(case), 422, viewer=viewer, answer_form=form)


@require_POST
@process_view(VIEW)
@case_assurance_required
def evaluation(request: HttpRequest, process: Process) -> HttpResponse:
    """The citizen's evaluation, stored without the citizen or the case."""
    case, viewer = _acting(request, process, hearing=False)
    form = EvaluationForm(request.POST)
    if form.is_valid():
        try:
            services.evaluate(case, form.data_object())
        except services.CaseRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Thank you for your evaluation."))
        return _back(process, "#evaluering")
    return _page(
        request, process, case, _what_matters(case), 422, viewer=viewer, evaluation_form=form
    )


def _hearing_for(request: HttpRequest, process: Process):
    """The partshøring, for those who may see it: not a professional (a 404, as if none)."""
    case = case_or_404(process)
    if viewer_or_404(case, request.user).professional is not None:
        return None
    return hearing_of(case)


@require_http_methods(["GET", "HEAD"])
@process_view(VIEW)
@case_assurance_required
def draft_file(request: HttpRequest, process: Process) -> HttpResponse:
    found = _hearing_for(request, process)
    if found is None:
        raise Http404
    return downloads.download(
        found.draft_file, filename=found.draft_file_name, content_type=found.draft_file_type
    )


@require_http_methods(["GET", "HEAD"])
@process_view(VIEW)
@case_assurance_required
def answer_file(request: HttpRequest, process: Process) -> HttpResponse:
    found = _hearing_for(request, process)
    if found is None:
        raise Http404
    return downloads.download(
        found.answer_file, filename=found.answer_file_name, content_type=found.answer_file_type
    )
