"""Public pages: the front page, the list of processes and a process's own page."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from inddrag.audit.services import log_access
from inddrag.contributions.views import process_page_context
from inddrag.documents.views import process_documents_context
from inddrag.principles.checks import by_principle, run_checks
from inddrag.processes import permissions, services
from inddrag.processes.filters import ProcessFilter
from inddrag.processes.models import Activity, Process


def _listing():
    return (
        Process.objects.public()
        .select_related("centre")
        .prefetch_related(
            "districts",
            Prefetch("activities", queryset=Activity.objects.order_by("starts_at")),
        )
    )


def home(request: HttpRequest) -> HttpResponse:
    listing = _listing()
    context = {
        "open_now": listing.filter(status=Process.Status.OPEN).order_by("-published_at")[:6],
        "coming": listing.filter(status=Process.Status.PUBLISHED).order_by("-published_at")[:6],
        "decided": listing.filter(status=Process.Status.DECIDED).order_by("-updated_at")[:6],
        "now": timezone.now(),
    }
    return render(request, "processes/home.html", context)


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
        "processes/list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "ignored_filter": ignored,
            "now": timezone.now(),
        },
    )


def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = permissions.load_or_404(request.user, pk, permissions.can_view)
    if process.is_case:
        log_access(request.user, process, detail="process page")
    return render_detail(request, process)


def render_detail(
    request: HttpRequest,
    process: Process,
    *,
    now: datetime.datetime | None = None,
    status: int = 200,
    **take_part,
) -> HttpResponse:
    """The process page; the contributions views render it again with the citizen's form."""
    now = now or timezone.now()
    checks = run_checks(process, now=now)
    public_checks = by_principle([c for c in checks if c.public])
    contributions_context = process_page_context(request, process, now, **take_part)
    feedback = contributions_context["feedback"]
    if feedback is not None:
        services.attach_public_changes(list(feedback.page))
    return render(
        request,
        "processes/detail.html",
        {
            "process": process,
            "decision": services.public_decision(process),
            "input_changes": services.input_changes(process) if feedback is not None else [],
            **process_documents_context(request, process),
            "open_items": [i for i in process.frame_items.all() if i.kind == "open"],
            "fixed_items": [i for i in process.frame_items.all() if i.kind == "fixed"],
            "timeline": services.build_timeline(process, now),
            "open_activities": process.open_activities(now),
            "public_checks": public_checks,
            "can_edit": permissions.can_edit(request.user, process),
            "now": now,
            **contributions_context,
        },
        status=status,
    )
