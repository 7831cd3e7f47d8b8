"""Health checks answered before the rest of the middleware: no host check (the container's
HEALTHCHECK asks for localhost), no https redirect, no session, no language, no access log. So is
/metrics for an allowed scraper (anyone else goes on to the view's 404)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from inddrag.operations import metrics as site_metrics
from inddrag.operations.views.metrics import metrics
from inddrag.operations.views.public import healthz, readyz

VIEWS = {"/healthz": healthz, "/readyz": readyz}
METRICS = "/metrics"


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = VIEWS.get(request.path_info)
        if view is not None:
            return view(request)
        if request.path_info == METRICS and site_metrics.allowed(request):
            return metrics(request)
        return self.get_response(request)
