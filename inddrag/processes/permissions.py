"""Who may see and change a process — the one place views, API and templates ask.

``process_view(action)`` is the loader every page of a process starts with: it loads the process
named by the URL's ``pk`` (with its plan when asked), answers 404 to anyone who may not do
``action`` with it — a private process is indistinguishable from one that does not exist — and
notes the view of personal data for the access log (``shown``; written by
``inddrag.audit.reads`` after a successful response): every page of a case, and the pages of a
project that show its contributors' data (``personal_data=True``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse

from inddrag.accounts.permissions import is_staff_member, staff_required
from inddrag.audit import reads
from inddrag.principles.plan import load_plan
from inddrag.processes import access
from inddrag.processes.models import Process, ProcessQuerySet

VIEW = "view"
EDIT = "edit"


def is_participant(user, process: Process) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if process.responsible_id == user.pk:
        return True
    return process.participants.filter(pk=user.pk).exists()


def may_see_case(user, process: Process) -> bool:
    """A case to its participants, and to those another app lets see it (a relative with an
    active grant, a professional added with a role: ``processes.access``) — one query more."""
    if is_participant(user, process):
        return True
    extra = access.extra_cases(user) if getattr(user, "is_authenticated", False) else None
    return extra is not None and Process.objects.filter(extra, pk=process.pk).exists()


def can_view(user, process: Process) -> bool:
    """A case only to its participants (and those ``processes.access`` adds); a draft only to
    staff who may edit it; the rest to all."""
    if process.is_case:
        return may_see_case(user, process)
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

    A case may be edited only by a member of staff who takes part in it (never by a relative
    or a professional who may only see it).
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


def shown(
    request: HttpRequest, process: Process, detail: str = "", *, personal_data: bool = False
) -> None:
    """Note a view of ``process`` for the access log: always for a case (everything about it is
    about a citizen), for a project when the page shows personal data (``personal_data``)."""
    if process.is_case or personal_data:
        reads.shown(request, process, detail)


def process_view(
    action: str = VIEW,
    *,
    plan: bool = False,
    projects_only: bool = False,
    personal_data: bool = False,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view of one process (URL argument ``pk``).

    The view is called with the process — or with its ``ProcessPlan`` when ``plan`` is set —
    in place of ``pk``. ``action`` is "view" (anyone ``can_view``) or "edit" (staff who
    ``can_edit``; anonymous visitors go to the login page). ``projects_only`` makes a case a
    404 (a case has no hearing list, breadth page, hearing memo or political decision).
    ``personal_data`` says the page shows the contributors' personal data, so a view of a
    project's page is logged too (a case's always is)."""
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
            shown(request, process, personal_data=personal_data)
            return view(request, loaded, *args, **kwargs)

        return staff_required(wrapper) if action == EDIT else wrapper

    return decorator


def _load(pk: int) -> Process | None:
    return Process.objects.select_related("centre", "responsible").filter(pk=pk).first()
