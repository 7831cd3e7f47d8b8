"""The public process page: the process's header and every registered section, in order.

``render_public`` is called by this app's view and by the views that show the page again with a
form of their own (a contribution with errors hands its form to the "take_part" section through
``state``), so no app imports another app's views.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from inddrag.lib.sections import render_sections
from inddrag.principles.plan import ProcessPlan
from inddrag.processes import permissions
from inddrag.processes.sections import PUBLIC


def render_public(
    request: HttpRequest,
    plan: ProcessPlan,
    *,
    now: datetime.datetime | None = None,
    status: int = 200,
    state: dict[str, Any] | None = None,
) -> HttpResponse:
    now = now or timezone.now()
    process = plan.process
    context = {
        "process": process,
        "plan": plan,
        "can_edit": permissions.can_edit(request.user, process),
        "now": now,
        "sections": render_sections(PUBLIC, request, plan, now, state),
    }
    return render(request, "processes/public/detail.html", context, status=status)
