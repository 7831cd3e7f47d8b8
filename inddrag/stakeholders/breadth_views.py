"""The staff page on breadth: who took part in a process, next to the population."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from inddrag.processes import permissions
from inddrag.processes.staff_views import staff_required
from inddrag.stakeholders.breadth import breadth


@staff_required
def process_breadth(request: HttpRequest, pk: int) -> HttpResponse:
    process = permissions.load_or_404(request.user, pk, permissions.can_edit)
    return render(
        request,
        "stakeholders/breadth/process.html",
        {"process": process, "breadth": breadth(process)},
    )
