"""The indicators per principle for a committee or a centre management, and the projects behind
one figure. For every member of staff: the figures are counts of public projects and of cases
(never a case listed, never a figure of the citizens' evaluations below the threshold, and those
only with the evaluation report's permission), so the pages show no personal data and are not
logged (tests/audit/test_coverage.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from inddrag.accounts.permissions import can_see_evaluation_report, staff_required
from inddrag.evaluation import indicators
from inddrag.evaluation.forms import BehindFilter, IndicatorFilter
from inddrag.lib.calendar import local_date


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
