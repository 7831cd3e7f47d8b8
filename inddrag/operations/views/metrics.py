"""/metrics for Prometheus (docs/deployment.md "Metrics"): a 404 unless the scraper is allowed
(``metrics.allowed``). HealthCheckMiddleware answers an allowed scraper first — it asks an app
server by its address over plain http, which the host check and the https redirect would
refuse; anyone else gets this view's 404 after the whole stack, like any unknown page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed

from inddrag.operations import metrics as site_metrics


def metrics(request: HttpRequest) -> HttpResponse:
    if not site_metrics.allowed(request):
        raise Http404  # whatever the method: not even a 405 says it is here
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    body, content_type = site_metrics.exposition()
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response
