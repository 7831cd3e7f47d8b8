"""Who may see and change a process — the one place views, API and templates ask.

``process_view(action)`` is the loader every page of a process starts with: it loads the process
named by the URL's ``pk`` (with its plan when asked), answers 404 to anyone who may not do
``action`` with it — a private process is indistinguishable from one that does not exist — and
writes every access to a citizen's case to the access log.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse

from inddrag.accounts.permissions import is_staff_member, staff_required
from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.principles.plan import load_plan
from inddrag.processes.models import Process, ProcessQuerySet

VIEW = "view"
EDIT = "edit"


def is_participant(user, process: Process) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if process.responsible_id == user.pk:
        return True
    return process.participants.filter(pk=user.pk).exists()


def can_view(user, process: Process) -> bool:
    """A case only to its participants; a draft only to staff who may edit it; the rest to all."""
    if process.is_case:
        return is_participant(user, process)
    if process.status == Process.Status.DRAFT:
        return can_edit(user, process)
    return True


def can_view_publicly(user, process: Process) -> bool:
    """The public side of a project: published and visible (no drafts, no cases)."""
    return (
        not process.is_case and process.status != Process.Status.DRAFT and can_view(user, process)
    )


def can_edit(user, process: Process) -> bool:
    """Staff edit the projects of their own centre and those they are responsible for.

    A case may be edited only by a member of staff who takes part in it.
    """
    if not is_staff_member(user):
        return False
    if process.is_case:
        return is_participant(user, process)
    return process.responsible_id == user.pk or (
        user.centre_id is not None and process.centre_id == user.centre_id
    )


def editable_processes(user) -> ProcessQuerySet:
    if not is_staff_member(user):
        return Process.objects.none()
    own_projects = Q(kind=Process.Kind.PROJECT) & (
        Q(responsible=user) | Q(centre_id=user.centre_id) if user.centre_id else Q(responsible=user)
    )
    own_cases = Q(kind=Process.Kind.CASE) & (Q(responsible=user) | Q(participants=user))
    return Process.objects.filter(own_projects | own_cases).distinct()


RULES: dict[str, Callable[..., bool]] = {VIEW: can_view, EDIT: can_edit}


def process_view(
    action: str = VIEW, *, plan: bool = False, projects_only: bool = False
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view of one process (URL argument ``pk``).

    The view is called with the process — or with its ``ProcessPlan`` when ``plan`` is set —
    in place of ``pk``. ``action`` is "view" (anyone ``can_view``) or "edit" (staff who
    ``can_edit``; anonymous visitors go to the login page). ``projects_only`` makes a case a
    404 (a case has no hearing list, breadth page, hearing memo or political decision)."""
    if action not in RULES:
        raise ValueError(f"unknown action {action!r}")
    allowed = RULES[action]

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
            loaded = load_plan(pk) if plan else _load(pk)
            process = loaded.process if plan and loaded is not None else loaded
            if (
                process is None
                or (projects_only and process.is_case)
                or not allowed(request.user, process)
            ):
                raise Http404
            if process.is_case:
                name = request.resolver_match.view_name if request.resolver_match else ""
                log_access(request.user, process, AccessLog.Action.VIEW, name)
            return view(request, loaded, *args, **kwargs)

        return staff_required(wrapper) if action == EDIT else wrapper

    return decorator


def _load(pk: int) -> Process | None:
    return Process.objects.select_related("centre", "responsible").filter(pk=pk).first()
