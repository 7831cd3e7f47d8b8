"""Who else may see a case: a hook for the apps above ``processes``.

A case is seen by its participants (``Process.participants`` and the responsible caseworker).
An app that knows of other viewers — the cases app: a relative with an active grant, a
professional added with a role — registers a function here (in its ``AppConfig.ready()``) that
returns a ``Q`` on ``Process`` for the cases a user may see that way. ``processes`` never
imports that app: it only asks the registered functions. Seeing is all they give; editing a case
stays with the staff who take part in it (``permissions.can_edit``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

CaseViewers = Callable[[object], Q]

_case_viewers: list[CaseViewers] = []


def register_case_viewers(function: CaseViewers) -> None:
    """Add ``function(user) -> Q`` (on ``Process``): the cases ``user`` may also see."""
    if function not in _case_viewers:
        _case_viewers.append(function)


def extra_cases(user) -> Q | None:
    """The cases ``user`` may see beyond taking part, as one ``Q`` (None when no app says so)."""
    found = None
    for function in _case_viewers:
        q = function(user)
        found = q if found is None else found | q
    return found
