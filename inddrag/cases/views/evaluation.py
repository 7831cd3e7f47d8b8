"""The report of the citizens' evaluations of cases (issue #11, section 5): for staff with the
permission ``cases.view_evaluation_report`` (centre management, administrators), a 404 to
everyone else. Counts, means and distributions per case type, centre and month, never below the
privacy threshold (``services.evaluation_summary``); the same figures as CSV. It shows no one's
personal data — the evaluations are anonymous and the comments screened — so it is not logged."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from inddrag.accounts.permissions import evaluation_report_required
from inddrag.cases import services
from inddrag.cases.forms import EvaluationReportFilter
from inddrag.lib.calendar import local_date


def _filters(request: HttpRequest) -> EvaluationReportFilter:
    return EvaluationReportFilter(request.GET.dict(), today=local_date(timezone.now()))


def _rows(groups) -> list[dict]:
    return [
        {"group": g, "hidden": services.hidden_reason(g, services.evaluation_threshold())}
        for g in groups
    ]


@require_http_methods(["GET", "HEAD"])
@evaluation_report_required
def report(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    if not filters.is_valid():
        context = {"filter": filters, "summary": None}
        return render(request, "cases/staff/evaluation_report.html", context, status=422)
    summary = services.evaluation_summary(**filters.period())
    query = request.GET.copy()
    context = {
        "filter": filters,
        "summary": summary,
        "total": _rows([summary.total])[0],
        "sections": [
            ("type", _rows(summary.by_case_type)),
            ("centre", _rows(summary.by_centre)),
            ("month", _rows(summary.by_month)),
        ],
        "questions": [str(label) for _key, label in services.EVALUATION_QUESTIONS],
        "query": query.urlencode(),
    }
    return render(request, "cases/staff/evaluation_report.html", context)


@require_http_methods(["GET", "HEAD"])
@evaluation_report_required
def report_csv(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    if not filters.is_valid():
        context = {"filter": filters, "summary": None}
        return render(request, "cases/staff/evaluation_report.html", context, status=422)
    summary = services.evaluation_summary(**filters.period(), with_comments=False)
    response = HttpResponse(
        services.evaluation_csv(summary), content_type="text/csv; charset=utf-8"
    )
    name = f"evaluering-af-sager-{summary.first_month:%Y-%m}-{summary.last_month:%Y-%m}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
