"""/healthz and /readyz: for the proxy, the container's HEALTHCHECK and a load balancer. No login,
no session, no access log; HealthCheckMiddleware answers them before the rest of the stack."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from inddrag.operations import health


def _uncached(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    # Django's request log would note a 503 as an error line each probe: the check logs the cause.
    response._has_been_logged = True
    return response


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Alive: the process answers. Nothing else is touched."""
    return _uncached(HttpResponse("ok", content_type="text/plain; charset=utf-8"))


@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """Ready: 200 when the database, the cache and the file storage answer, else 503; the JSON
    says which (``{"status": "ok", "checks": {"database": "ok", …}}``)."""
    outcomes = health.run_checks()
    ready = all(outcomes.values())
    body = {
        "status": "ok" if ready else "failed",
        "checks": {name: "ok" if ok else "failed" for name, ok in outcomes.items()},
    }
    return _uncached(JsonResponse(body, status=200 if ready else 503))
