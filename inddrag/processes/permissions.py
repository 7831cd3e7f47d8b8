"""Who may see and change a process — the one place views, API and templates ask."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q
from django.http import Http404

from inddrag.processes.models import Process, ProcessQuerySet


def is_staff_member(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_municipal_staff)


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


def load_or_404(user, pk: int, allowed: Callable[..., bool]) -> Process:
    """The process with its plan if ``allowed(user, process)``; a 404 if it is missing or not
    allowed, so a private process is indistinguishable from one that does not exist."""
    process = Process.objects.with_plan().filter(pk=pk).first()
    if process is None or not allowed(user, process):
        raise Http404
    return process
