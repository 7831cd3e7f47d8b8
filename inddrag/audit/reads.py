"""Every view of personal data, logged from one place.

A page that shows personal data says so while it loads it: ``shown(request, obj)`` (one object,
e.g. a case or a stakeholder), ``shown_each(request, objects)`` (each object of a list, e.g. the
cases on the dashboard) or ``shown(request, Model, detail)`` (many objects at once with no one
to name, e.g. an export or an admin list: ``object_id`` is empty, ``detail`` says what). The
loaders do it — ``processes.permissions.process_view`` and ``shown`` there for a process, the
contribution, document and stakeholder loaders — so a view rarely says it itself; the Django
admin does it through ``PersonalDataAdmin``.

``AccessLogMiddleware`` writes what a request noted, once, after the response: one ``AccessLog``
row (action "view") per object, all in one insert, and only when the response showed it — a
success other than 204. A 403, a 404, a redirect after a POST or a form sent back with errors
leave no view entry (a write leaves its own "change" entry from its service). The detail of each
row starts with the page's URL name (``staff:contributions:inbox``), then what the page added.

``tests/audit/test_coverage.py`` walks every staff URL and admin page and fails on a page that
shows personal data without leaving a row here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from inddrag.audit.models import AccessLog

_SHOWN = "_personal_data_shown"
Key = tuple[str, int | None]


def _noted(request: HttpRequest) -> dict[Key, list[str]]:
    noted = getattr(request, _SHOWN, None)
    if noted is None:
        noted = {}
        setattr(request, _SHOWN, noted)
    return noted


def note(request: HttpRequest, object_type: str, object_id: int | None, detail: str = "") -> None:
    """Note that the response shows ``object_type`` #``object_id`` (None: many at once)."""
    details = _noted(request).setdefault((object_type, object_id), [])
    if detail and detail not in details:
        details.append(detail)


def shown(request: HttpRequest, obj: Model | type[Model], detail: str = "") -> None:
    """The response shows ``obj`` (an instance), or many of a model (the class) at once."""
    if isinstance(obj, type):
        note(request, obj._meta.label_lower, None, detail)
    else:
        note(request, obj._meta.label_lower, obj.pk, detail)


def shown_each(request: HttpRequest, objects: Iterable[Model], detail: str = "") -> None:
    """The response lists each of ``objects``: one row each (one insert for all)."""
    for obj in objects:
        shown(request, obj, detail)


def noted(request: HttpRequest) -> dict[Key, list[str]]:
    """What the request has noted so far (for tests and the middleware)."""
    return dict(getattr(request, _SHOWN, None) or {})


def showed_something(status: int) -> bool:
    """A success with a body: 2xx but 204 (nothing to swap, nothing shown)."""
    return 200 <= status < 300 and status != 204


class AccessLogMiddleware:
    """Writes the reads a request noted, once, after a response that showed them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        noted = getattr(request, _SHOWN, None)
        user = getattr(request, "user", None)
        if (
            noted
            and showed_something(response.status_code)
            and getattr(user, "is_authenticated", False)
        ):
            page = request.resolver_match.view_name if request.resolver_match else request.path
            AccessLog.objects.bulk_create(
                AccessLog(
                    user=user,
                    action=AccessLog.Action.VIEW,
                    object_type=object_type,
                    object_id=object_id,
                    detail=" ".join([page, "; ".join(details)]).strip()[:300],
                )
                for (object_type, object_id), details in noted.items()
            )
        setattr(request, _SHOWN, {})
        return response


def _object_id(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class PersonalDataAdmin(admin.ModelAdmin):
    """A ModelAdmin for a model that holds personal data: its list, an object's change page, its
    history and the delete confirmation are logged (``admin.site``'s other pages show none)."""

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            query = request.GET.urlencode()
            shown(
                request,
                self.model,
                f"admin list: {changelist.result_count} rows" + (f", {query}" if query else ""),
            )
        return response

    def _one(self, request: HttpRequest, object_id: str, what: str) -> None:
        note(request, self.model._meta.label_lower, _object_id(object_id), f"admin {what}")

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None
    ) -> HttpResponse:
        self._one(request, object_id, "change page")
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        self._one(request, object_id, "history")
        return super().history_view(request, object_id, extra_context)

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None):
        self._one(request, object_id, "delete confirmation")
        return super().delete_view(request, object_id, extra_context)
