"""Public pages: the front page, the list of processes and a process's own page."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from inddrag.principles.plan import ProcessPlan
from inddrag.processes import page
from inddrag.processes.filters import ProcessFilter
from inddrag.processes.models import Activity, Process
from inddrag.processes.permissions import VIEW, process_view


def _listing():
    return (
        Process.objects.public()
        .select_related("centre")
        .prefetch_related(
            "districts",
            Prefetch("activities", queryset=Activity.objects.order_by("starts_at")),
        )
    )


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    listing = _listing()
    context = {
        "open_now": listing.filter(status=Process.Status.OPEN).order_by("-published_at")[:6],
        "coming": listing.filter(status=Process.Status.PUBLISHED).order_by("-published_at")[:6],
        "decided": listing.filter(status=Process.Status.DECIDED).order_by("-updated_at")[:6],
        "my_cases": Process.objects.cases_of(request.user).order_by("-updated_at")[:20],
        "now": timezone.now(),
    }
    return render(request, "processes/public/home.html", context)


@require_safe
def process_list(request: HttpRequest) -> HttpResponse:
    queryset = _listing().order_by("-published_at", "-pk")
    filterset = ProcessFilter(request.GET or None, queryset=queryset)
    ignored = False
    if filterset.is_bound and not filterset.is_valid():
        # A tampered or outdated filter value (e.g. a district that no longer exists) is
        # dropped, so the form and the results agree; the page says so.
        data = request.GET.copy()
        for name in filterset.form.errors:
            data.pop(name, None)
        filterset = ProcessFilter(data, queryset=queryset)
        ignored = True
    paginator = Paginator(filterset.qs, settings.INDDRAG_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "processes/public/list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "ignored_filter": ignored,
            "now": timezone.now(),
        },
    )


@require_safe
@process_view(VIEW, plan=True)
def process_detail(request: HttpRequest, plan: ProcessPlan) -> HttpResponse:
    """A project's public page; a case's participants are sent on to "Min sag" (the cases
    app's page of the case, ``cases:detail``)."""
    if plan.process.is_case:
        return redirect("cases:detail", pk=plan.process.pk)
    return page.render_public(request, plan)
