"""The staff page of a process's hearing list (høringsliste): the suggestions with their reasons,
accepting and dismissing them, adding stakeholders by hand, sending the invitations, and who has
been invited, reminded and has answered.

Only staff who may edit the process get here; to everyone else each page is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from inddrag.processes import permissions
from inddrag.processes.models import Process
from inddrag.processes.staff_views import staff_required
from inddrag.stakeholders import services
from inddrag.stakeholders.hearing_forms import AddForm, DismissForm
from inddrag.stakeholders.models import HearingListEntry, Stakeholder

SEARCH_PARAM = "q"
SEARCH_LIMIT = 20

State = HearingListEntry.State
Reason = HearingListEntry.Reason


def _process(request: HttpRequest, pk: int) -> Process:
    """The project, or 404 for anyone who may not edit it (cases have no hearing list)."""
    process = Process.objects.select_related("centre").filter(pk=pk).first()
    if process is None or process.is_case or not permissions.can_edit(request.user, process):
        raise Http404
    return process


def _entry(process: Process, entry_pk: int) -> HearingListEntry:
    entry = (
        HearingListEntry.objects.select_related("stakeholder")
        .filter(pk=entry_pk, process=process)
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def _list_url(process: Process, anchor: str = "") -> str:
    url = reverse("hearing_list:list", args=[process.pk])
    return f"{url}#{anchor}" if anchor else url


@dataclass
class Page:
    must: list[HearingListEntry] = field(default_factory=list)
    should: list[HearingListEntry] = field(default_factory=list)
    beyond: list[HearingListEntry] = field(default_factory=list)
    accepted: list[HearingListEntry] = field(default_factory=list)
    dismissed: list[HearingListEntry] = field(default_factory=list)

    @property
    def suggested(self) -> int:
        return len(self.must) + len(self.should) + len(self.beyond)

    @property
    def to_invite(self) -> int:
        return sum(1 for e in self.accepted if e.invited_at is None)

    @property
    def invited(self) -> int:
        return sum(1 for e in self.accepted if e.invited_at is not None)

    @property
    def answered(self) -> int:
        return sum(1 for e in self.accepted if e.answered)


def _page(process: Process) -> Page:
    """Every entry of the list in two queries, however long the list is."""
    answered = services.answered_stakeholder_ids(process)
    page = Page()
    groups = {Reason.MUST: page.must, Reason.SHOULD: page.should, Reason.BEYOND: page.beyond}
    entries = (
        HearingListEntry.objects.filter(process=process)
        .select_related("stakeholder", "decided_by")
        .order_by("reason", "-score", "stakeholder__name", "pk")
    )
    for entry in entries:
        entry.answered = entry.stakeholder_id in answered
        if entry.state == State.ACCEPTED:
            page.accepted.append(entry)
        elif entry.state == State.DISMISSED:
            page.dismissed.append(entry)
        else:
            groups.get(entry.reason, page.beyond).append(entry)
    page.accepted.sort(key=lambda e: (e.stakeholder.name.casefold(), e.pk))
    return page


def _render(
    request: HttpRequest,
    process: Process,
    *,
    status: int = 200,
    dismiss_errors: dict[int, DismissForm] | None = None,
    add_form: AddForm | None = None,
) -> HttpResponse:
    page = _page(process)
    query = request.GET.get(SEARCH_PARAM, "").strip()[:100]
    results: list[Stakeholder] = []
    if query:
        on_list = {e.stakeholder_id for e in page.accepted}
        results = list(
            Stakeholder.objects.filter(active=True, name__icontains=query).order_by("name")[
                :SEARCH_LIMIT
            ]
        )
        for stakeholder in results:
            stakeholder.on_list = stakeholder.pk in on_list
    dismiss_errors = dismiss_errors or {}
    for entry in page.must + page.should + page.beyond:
        entry.dismiss_form = dismiss_errors.get(entry.pk) or DismissForm(prefix=f"e{entry.pk}")
    return render(
        request,
        "stakeholders/hearing/list.html",
        {
            "process": process,
            "page": page,
            "query": query,
            "results": results,
            "add_form": add_form,
            "has_errors": bool(dismiss_errors or (add_form and add_form.errors)),
        },
        status=status,
    )


@staff_required
def hearing_list(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _process(request, pk))


@staff_required
@require_POST
def refresh(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    count = services.refresh_suggestions(process)
    messages.success(
        request,
        ngettext(
            "The suggestions are up to date: %(count)d suggestion to consider.",
            "The suggestions are up to date: %(count)d suggestions to consider.",
            count,
        )
        % {"count": count},
    )
    return redirect(_list_url(process, "forslag"))


@staff_required
@require_POST
def accept(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    process = _process(request, pk)
    entry = _entry(process, entry_pk)
    services.accept(entry, request.user)
    messages.success(
        request, _("%(name)s is on the hearing list.") % {"name": entry.stakeholder.name}
    )
    return redirect(_list_url(process, "forslag"))


@staff_required
@require_POST
def dismiss(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    process = _process(request, pk)
    entry = _entry(process, entry_pk)
    if entry.invited_at is not None:
        messages.error(request, _("An invited stakeholder cannot be taken off the list."))
        return redirect(_list_url(process, "liste"))
    form = DismissForm(request.POST, prefix=f"e{entry.pk}")
    if not form.is_valid():
        return _render(request, process, status=422, dismiss_errors={entry.pk: form})
    services.dismiss(entry, form.cleaned_data["reason"], request.user)
    messages.success(request, _("%(name)s was dismissed.") % {"name": entry.stakeholder.name})
    return redirect(_list_url(process, "forslag"))


@staff_required
@require_POST
def add(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    form = AddForm(request.POST)
    if not form.is_valid():
        return _render(request, process, status=422, add_form=form)
    entry = services.add_manual(process, form.cleaned_data["stakeholder"], request.user)
    messages.success(
        request, _("%(name)s is on the hearing list.") % {"name": entry.stakeholder.name}
    )
    return redirect(_list_url(process, "liste"))


@staff_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    try:
        count = services.send_invitations(process)
    except services.NotYetPublished:
        messages.error(
            request, _("Publish the process before sending invitations: the link leads to it.")
        )
        return redirect(_list_url(process, "liste"))
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d invitation is being sent.",
                "%(count)d invitations are being sent.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("Everyone on the list has been invited already."))
    return redirect(_list_url(process, "liste"))
