"""JSON API v1: published projects only; contributions can be sent. One router per app
(``processes.py``, ``contributions.py``). OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.operation import Operation

from inddrag.api.contributions import router as contributions_router
from inddrag.api.processes import router as processes_router

# The module each router's functions were first published from: operation ids are part of the
# contract (clients are generated from them), so moving a function must not rename its operation.
FIRST_MODULE = {"inddrag.api.processes": "inddrag.api.api"}


class InddragAPI(NinjaAPI):
    @property
    def urls(self) -> tuple[list[Any], str, str]:
        """The API's URLs; its schema and documentation pages answer only GET and HEAD (405 to a
        POST, like every other page that takes no input)."""
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if pattern.name in ("openapi-json", "openapi-view"):
                pattern.callback = require_safe(pattern.callback)
        return patterns, app_name, namespace

    def get_openapi_operation_id(self, operation: Operation) -> str:
        module = operation.view_func.__module__
        name = f"{FIRST_MODULE.get(module, module)}.{operation.view_func.__name__}"
        return name.replace(".", "_")


api = InddragAPI(
    title="Inddrag API",
    version="1",
    description=(
        "Access to a municipality's published involvement processes (projects), for "
        "integrations and open data: read the processes and their published contributions and "
        "answers, and send a contribution while an activity is open. Drafts, citizens' cases, "
        "e-mail addresses and unpublished text are never exposed. Field names are stable within "
        "v1; see docs/api.md."
    ),
    urls_namespace="api-v1",
)
api.add_router("", processes_router)
api.add_router("", contributions_router)


# --- Errors in Danish, in the shape every 422 of the API has ------------------------------------


def _message(error: dict) -> str:
    """A pydantic error about a path or query parameter, in the contributor's language."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size"):
        return _("Must be a whole number.")
    if kind == "greater_than_equal":
        return _("Must be at least %(min)s.") % {"min": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("Must be at most %(max)s.") % {"max": ctx.get("le")}
    if kind == "missing":
        return _("This field is required.")
    return _("The value is not valid.")


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422 ``{"detail": [{"field", "message"}]}`` (as ``FieldErrorsOut``), in Danish, for a
    parameter that is not what the endpoint takes (``limit=x``, ``offset=-1`` …)."""
    with translation.override(settings.LANGUAGE_CODE):
        detail = []
        for error in exc.errors:
            names = [str(part) for part in error.get("loc", ()) if isinstance(part, str)]
            field = names[-1] if names and names[-1] not in ("query", "path") else "body"
            detail.append({"field": field, "message": _message(error)})
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(RecursionError)
def too_deep(request: HttpRequest, exc: RecursionError) -> HttpResponse:
    """A guard for every endpoint: input nested so deep that reading it runs out of stack is
    a 400, not a 500."""
    with translation.override(settings.LANGUAGE_CODE):
        message = _("The request body is nested too deeply.")
    return api.create_response(request, {"detail": message}, status=400)
