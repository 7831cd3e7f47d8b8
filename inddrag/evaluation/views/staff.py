"""The indicators per principle for a committee or a centre management, and the projects behind
one figure. For every member of staff: the figures are counts of public projects and of cases
(never a case listed, never a figure of the citizens' evaluations below the threshold, and those
only with the evaluation report's permission), so the pages show no personal data and are not
logged (tests/audit/test_coverage.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inddrag.accounts.permissions import can_see_evaluation_report, staff_required
from inddrag.evaluation import indicators, reports, services
from inddrag.evaluation.forms import (
    AssessmentForm,
    BehindFilter,
    IndicatorFilter,
    RecordForm,
    RoundForm,
)
from inddrag.evaluation.models import PRINCIPLES, Assessment, EvaluationReport, EvaluationRound
from inddrag.idempotency import services as idempotency
from inddrag.lib import downloads
from inddrag.lib.calendar import local_date
from inddrag.principles.services import principle_title


def _report_row(
    round_: EvaluationRound,
    assessment: Assessment | None,
    state: reports.ReportState,
    back: str,
) -> dict:
    """One report's box: its state, and where its button posts (``back``: "round" when the
    round page asks, so the answer returns there)."""
    if assessment is None:
        make = reverse("staff:evaluation:round_report", args=[round_.pk])
    else:
        make = reverse("staff:evaluation:assessment_report", args=[assessment.pk])
    if back == "round" or assessment is None:
        page = reverse("staff:evaluation:round", args=[round_.pk]) + "#reports"
    else:
        page = reverse("staff:evaluation:assessment", args=[assessment.pk]) + "#report"
    return {
        "page": page,
        "key": f"a{assessment.pk}" if assessment is not None else "round",
        "label": assessment.scope_name if assessment is not None else _("The whole round"),
        "make_url": make,
        "state": state,
        "next": back,
    }


def reports_section(round_: EvaluationRound, assessments: list[Assessment]) -> dict:
    """The round's reports: its own and one per assessment, each with its state (one query)."""
    states = reports.report_states(round_)
    empty = reports.ReportState(None, None, None)
    rows = [_report_row(round_, None, states.get(None, empty), "round")]
    rows += [_report_row(round_, a, states.get(a.pk, empty), "round") for a in assessments]
    return {"template": "evaluation/staff/_reports.html", "rows": rows}


def _query(form: IndicatorFilter) -> str:
    """The chosen scope and period as a query string, for the links to the projects behind."""
    query = {"scope": form.data.get("scope", ""), "period": form.data.get("period", "")}
    if query["period"] == "custom":
        query.update(start=form.data.get("start", ""), end=form.data.get("end", ""))
    return urlencode(query)


@require_http_methods(["GET", "HEAD"])
@staff_required
def indicators_page(request: HttpRequest) -> HttpResponse:
    today = local_date(timezone.now())
    form = IndicatorFilter(request.GET.dict(), today=today)
    if not form.is_valid():
        context = {"filter": form, "evaluation": None}
        return render(request, "evaluation/staff/indicators.html", context, status=422)
    scope, period = form.chosen()
    evaluation = indicators.evaluate(scope, period, today=today)
    context = {
        "filter": form,
        "evaluation": evaluation,
        "query": _query(form),
        "sees_evaluations": can_see_evaluation_report(request.user),
    }
    return render(request, "evaluation/staff/indicators.html", context)


@require_http_methods(["GET", "HEAD"])
@staff_required
def behind(request: HttpRequest) -> HttpResponse:
    today = local_date(timezone.now())
    form = BehindFilter(request.GET.dict(), today=today)
    if not form.is_valid():
        context = {"filter": form, "indicator": None}
        return render(request, "evaluation/staff/behind.html", context, status=422)
    scope, period = form.chosen()
    code = form.cleaned_data["indikator"]
    previous = form.cleaned_data["tidligere"]
    evaluation = indicators.evaluate(scope, period, today=today, codes=[code])
    indicator = evaluation.indicator(code) if evaluation.principles else None
    figure = None
    rows = []
    if indicator is not None:
        figure = indicator.previous if previous else indicator.current
        projects = indicators.load_projects(figure.projects)
        rows = [(p, p.pk in figure.hits) for p in projects]
    context = {
        "filter": form,
        "evaluation": evaluation,
        "indicator": indicator,
        "figure": figure,
        "rows": rows,
        "previous": previous,
        "share": indicator is not None and indicator.definition.kind == indicators.SHARE,
        "shown_period": evaluation.previous_period if previous else evaluation.period,
        "query": _query(form),
    }
    return render(request, "evaluation/staff/behind.html", context)


# --- Rounds and assessments -----------------------------------------------------------------------

MANAGE = "evaluation.manage_rounds"


def _manager_or_404(request: HttpRequest) -> None:
    if not request.user.has_perm(MANAGE):
        raise Http404


def _round_or_404(pk: int) -> EvaluationRound:
    return get_object_or_404(services.rounds(), pk=pk)


@require_http_methods(["GET", "HEAD"])
@staff_required
def rounds(request: HttpRequest) -> HttpResponse:
    """Every round with how many of its assessments are recorded."""
    context = {
        "rounds": list(services.rounds()),
        "can_manage": request.user.has_perm(MANAGE),
        "today": local_date(timezone.now()),
    }
    return render(request, "evaluation/staff/rounds.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def round_create(request: HttpRequest) -> HttpResponse:
    _manager_or_404(request)
    today = local_date(timezone.now())
    form = RoundForm(request.POST or None, today=today)
    status = 200
    if request.method == "POST":
        key = idempotency.form_key(request.POST.get(idempotency.FORM_FIELD))
        made = idempotency.repeat_of(services.CREATE_SCOPE % request.user.pk, key)
        if made is not None:  # the same form sent again: the round it made
            return redirect("staff:evaluation:round", made)
        if form.is_valid():
            once = services.create_round(form.round_data(), request.user, key=key)
            if once.created:
                messages.success(
                    request,
                    _("The round was created, and each preparer was e-mailed a link."),
                )
            return redirect("staff:evaluation:round", once.object_id)
        status = 422
    context = {"form": form, "form_token": idempotency.new_key(), "round": None}
    return render(request, "evaluation/staff/round_form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _manager_or_404(request)
    round_ = _round_or_404(pk)
    today = local_date(timezone.now())
    form = RoundForm(request.POST or None, today=today, instance=round_)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if services.change_round(round_, form.round_data(), request.user):
                messages.success(request, _("The round was saved."))
            return redirect("staff:evaluation:round", round_.pk)
        status = 422
    context = {"form": form, "round": round_}
    return render(request, "evaluation/staff/round_form.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
@staff_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's dashboard: each assessment, who prepares it, and which are missing."""
    round_ = _round_or_404(pk)
    assessments = services.assessments_of(round_)
    today = local_date(timezone.now())
    context = {
        "round": round_,
        "assessments": assessments,
        "missing": [a for a in assessments if not a.is_recorded],
        "done": bool(assessments) and all(a.is_recorded for a in assessments),
        "can_manage": request.user.has_perm(MANAGE),
        "today": today,
        "overdue": round_.deadline < today,
        "reports": reports_section(round_, assessments),
    }
    return render(request, "evaluation/staff/round.html", context)


@require_http_methods(["POST"])
@staff_required
def round_publish(request: HttpRequest, pk: int) -> HttpResponse:
    _manager_or_404(request)
    round_ = _round_or_404(pk)
    if request.POST.get("step") == "unpublish":
        services.unpublish_round(round_, request.user)
        messages.success(request, _("The round's public page was taken down."))
        return redirect("staff:evaluation:round", round_.pk)
    try:
        services.publish_round(round_, request.user)
    except services.RoundError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The round's public page is published."))
    return redirect("staff:evaluation:round", round_.pk)


def _assessment_or_404(pk: int) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related(
            "round__election_period", "body", "centre", "preparer", "recorded_by", "updated_by"
        ),
        pk=pk,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    """One committee's or centre management's assessment: per principle the indicators, then
    what went well, what did not, and what they will do; saved as a draft, then recorded with
    the meeting where it was treated. Every member of staff may read it; the preparer and the
    rounds' managers write it."""
    item = _assessment_or_404(pk)
    today = local_date(timezone.now())
    writable = (
        services.can_write(item, request.user)
        and not item.is_recorded
        and not item.round.is_published
    )
    texts = services.texts_of(item)
    form = AssessmentForm(texts=texts)
    record = RecordForm(today=today, round_=item.round)
    status = 200
    if request.method == "POST":
        if not services.can_write(item, request.user):
            raise Http404
        action = request.POST.get("step")
        if action != "reopen" and item.is_recorded:
            # Sent twice, or from a page opened before it was recorded: nothing is changed.
            messages.info(request, _("The assessment is recorded. Reopen it to change it."))
            return redirect("staff:evaluation:assessment", item.pk)
        try:
            if action == "reopen":
                services.reopen_assessment(item, request.user)
                messages.success(request, _("The assessment is a draft again."))
                return redirect("staff:evaluation:assessment", item.pk)
            form = AssessmentForm(request.POST, texts=texts)
            if action == "record":
                record = RecordForm(request.POST, today=today, round_=item.round)
            if form.is_valid() and (action != "record" or record.is_valid()):
                with transaction.atomic():
                    services.save_texts(item, form.texts(), request.user)
                    if action == "record":
                        services.record_assessment(
                            item,
                            record.cleaned_data["treated_on"],
                            record.cleaned_data["agenda_url"],
                            request.user,
                        )
                if action == "record":
                    messages.success(request, _("The assessment is recorded."))
                else:
                    messages.success(request, _("The draft was saved."))
                return redirect("staff:evaluation:assessment", item.pk)
            status = 422
        except services.RoundError as error:
            messages.error(request, str(error))
            status = 409
    figures = services.figures_of(item, today=today)
    by_number = {p["number"]: p for p in figures["principles"]}
    principles = [
        {
            "number": n,
            "title": principle_title(n),
            "figures": by_number.get(n),
            "fields": form.fields_of(n),
            "text": texts[n],
        }
        for n in PRINCIPLES
    ]
    context = {
        "assessment": item,
        "round": item.round,
        "form": form,
        "record": record,
        "writable": writable,
        "can_write": services.can_write(item, request.user),
        "figures": figures,
        "principles": principles,
        # The citizens' evaluations of cases: only with the evaluation report's permission, as
        # on the indicators page.
        "citizens": by_number.get(0) if can_see_evaluation_report(request.user) else None,
        "previous": services.previous_assessment(item),
        "report": _report_row(
            item.round, item, reports.report_state(item.round, item), "assessment"
        ),
    }
    return render(request, "evaluation/staff/assessment.html", context, status=status)


# --- Reports --------------------------------------------------------------------------------------

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _report_made(
    request: HttpRequest, round_: EvaluationRound, assessment: Assessment | None
) -> HttpResponse:
    report = reports.request_report(round_, assessment, request.user)
    back = "round" if assessment is None or request.POST.get("next") == "round" else "assessment"
    if request.htmx:
        state = reports.report_state(round_, assessment)
        row = _report_row(round_, assessment, state, back)
        return render(request, "evaluation/staff/_report.html", {"row": row})
    if report.status == EvaluationReport.Status.DONE:
        messages.success(request, _("The report is ready."))
    else:
        messages.success(request, _("The report is being made. This page shows when it is ready."))
    if back == "round":
        return redirect(reverse("staff:evaluation:round", args=[round_.pk]) + "#reports")
    return redirect("staff:evaluation:assessment", assessment.pk)


@require_http_methods(["POST"])
@staff_required
def round_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Make the report of the whole round (every member of staff; logged as a change)."""
    round_ = get_object_or_404(EvaluationRound.objects.select_related("election_period"), pk=pk)
    return _report_made(request, round_, None)


@require_http_methods(["POST"])
@staff_required
def assessment_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Make the report of one assessment (every member of staff; logged as a change)."""
    item = _assessment_or_404(pk)
    return _report_made(request, item.round, item)


def _report_or_404(pk: int, **filters) -> EvaluationReport:
    return get_object_or_404(
        EvaluationReport.objects.select_related(
            "round__election_period", "assessment__body", "assessment__centre"
        ),
        pk=pk,
        **filters,
    )


@require_http_methods(["GET", "HEAD"])
@staff_required
def report_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's box for htmx polling; 204 (nothing to swap) while nothing has changed."""
    report = _report_or_404(pk)
    state = reports.report_state(report.round, report.assessment)
    active = state.active
    if active is not None and request.GET.get("v") == f"{active.status}-{active.progress}":
        return HttpResponse(status=204)
    back = "round" if request.GET.get("next") == "round" else "assessment"
    row = _report_row(report.round, report.assessment, state, back)
    return render(request, "evaluation/staff/_report.html", {"row": row})


@require_http_methods(["GET", "HEAD"])
@staff_required
def report_download(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    """A finished report's DOCX or PDF."""
    if kind not in CONTENT_TYPES:
        raise Http404
    report = _report_or_404(pk, status=EvaluationReport.Status.DONE)
    return downloads.download(
        getattr(report, kind),
        filename=reports.file_name(report, kind),
        content_type=CONTENT_TYPES[kind],
    )
