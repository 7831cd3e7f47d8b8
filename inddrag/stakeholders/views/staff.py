"""Staff pages for stakeholders (principle 5): the registry with its statutory duties, import and
export; the hearing list of a process with its suggestions and invitations; and who took part.

Contact details are personal data: each view of a stakeholder's detail or edit page, and each
export, is noted for the access log (``audit.reads``). The pages of a process are a 404 to anyone
who may not edit it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from inddrag.accounts.permissions import staff_required
from inddrag.audit import reads
from inddrag.principles.plan import ProcessPlan
from inddrag.processes.models import Process
from inddrag.processes.permissions import EDIT, process_view
from inddrag.stakeholders import importing, services
from inddrag.stakeholders.breadth import breadth
from inddrag.stakeholders.forms import (
    AddForm,
    DismissForm,
    HearingDutyForm,
    ImportForm,
    StakeholderFilter,
    StakeholderForm,
)
from inddrag.stakeholders.models import HearingDuty, HearingListEntry, Stakeholder, Topic

PAGE_SIZE = 25
# --- The registry -----------------------------------------------------------------------------


@staff_required
def stakeholder_list(request: HttpRequest) -> HttpResponse:
    rows = (
        Stakeholder.objects.only("pk", "name", "type", "active")
        .prefetch_related("districts", Prefetch("topics", queryset=Topic.objects.only("name")))
        .order_by("name")
    )
    filterset = StakeholderFilter(request.GET or None, queryset=rows)
    ignored = False
    if filterset.is_bound and not filterset.is_valid():
        # An unknown filter value (a topic that was deleted, say) is dropped, and said so.
        data = request.GET.copy()
        for name in filterset.form.errors:
            data.pop(name, None)
        filterset = StakeholderFilter(data, queryset=rows)
        ignored = True
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "stakeholders/staff/registry/list.html",
        {
            "filter": filterset,
            "ignored_filter": ignored,
            "page": page,
            "query": query.urlencode(),
        },
    )


def _stakeholder(request: HttpRequest, pk: int) -> Stakeholder:
    """The stakeholder with its contact details: the view is noted for the access log."""
    stakeholder = get_object_or_404(
        Stakeholder.objects.select_related("centre").prefetch_related("districts", "topics"),
        pk=pk,
    )
    reads.shown(request, stakeholder)
    return stakeholder


@staff_required
def stakeholder_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = _stakeholder(request, pk)
    duties = stakeholder.duties.prefetch_related("topics")
    return render(
        request,
        "stakeholders/staff/registry/detail.html",
        {"stakeholder": stakeholder, "duties": duties},
    )


@staff_required
def stakeholder_create(request: HttpRequest) -> HttpResponse:
    form = StakeholderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        stakeholder = services.save_stakeholder(form, request.user)
        messages.success(request, _("%(name)s was added.") % {"name": stakeholder.name})
        return redirect("staff:stakeholders:detail", pk=stakeholder.pk)
    return render(
        request,
        "stakeholders/staff/registry/form.html",
        {"form": form, "stakeholder": None},
        status=422 if form.is_bound else 200,
    )


@staff_required
def stakeholder_edit(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = _stakeholder(request, pk)
    form = StakeholderForm(request.POST or None, instance=stakeholder)
    if request.method == "POST" and form.is_valid():
        services.save_stakeholder(form, request.user)
        messages.success(request, _("The changes were saved."))
        return redirect("staff:stakeholders:detail", pk=stakeholder.pk)
    return render(
        request,
        "stakeholders/staff/registry/form.html",
        {"form": form, "stakeholder": stakeholder},
        status=422 if form.is_bound else 200,
    )


@staff_required
@require_POST
def stakeholder_toggle_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate a stakeholder, or activate it again (see ``services.toggle_active``)."""
    stakeholder = get_object_or_404(Stakeholder, pk=pk)
    services.toggle_active(stakeholder, request.user)
    if stakeholder.active:
        messages.success(request, _("%(name)s is active again.") % {"name": stakeholder.name})
    else:
        messages.success(request, _("%(name)s was deactivated.") % {"name": stakeholder.name})
    return redirect("staff:stakeholders:detail", pk=stakeholder.pk)


# --- Statutory hearing duties -------------------------------------------------------------------


@staff_required
def duty_list(request: HttpRequest) -> HttpResponse:
    duties = (
        HearingDuty.objects.select_related("stakeholder")
        .prefetch_related("topics")
        .order_by("stakeholder__name", "pk")
    )
    return render(request, "stakeholders/staff/registry/duty_list.html", {"duties": duties})


def _duty_form(request: HttpRequest, duty: HearingDuty | None) -> HttpResponse:
    initial = {}
    if duty is None and request.GET.get("interessent", "").isdigit():
        initial["stakeholder"] = int(request.GET["interessent"])
    form = HearingDutyForm(request.POST or None, instance=duty, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_duty(form, request.user)
        messages.success(request, _("The statutory duty was saved."))
        return redirect("staff:stakeholders:duties")
    return render(
        request,
        "stakeholders/staff/registry/duty_form.html",
        {"form": form, "duty": duty},
        status=422 if form.is_bound else 200,
    )


@staff_required
def duty_create(request: HttpRequest) -> HttpResponse:
    return _duty_form(request, None)


@staff_required
def duty_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _duty_form(request, get_object_or_404(HearingDuty, pk=pk))


@staff_required
@require_POST
def duty_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.delete_duty(get_object_or_404(HearingDuty, pk=pk), request.user)
    messages.success(request, _("The statutory duty was deleted."))
    return redirect("staff:stakeholders:duties")


# --- Import and export --------------------------------------------------------------------------


@staff_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Step 1: upload a file and see every row with its errors; nothing is saved."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = importing.read_table(form.cleaned_data["file"])
        except importing.UploadError as error:
            form.add_error("file", str(error))
        else:
            create_topics = form.cleaned_data["create_topics"]
            preview = importing.check(rows, create_topics=create_topics)
            payload = importing.sign_rows(rows, request.user.pk, create_topics)
            return _preview(request, preview, payload)
    return render(
        request,
        "stakeholders/staff/registry/import.html",
        {"form": form},
        status=422 if form.is_bound else 200,
    )


def _preview(request: HttpRequest, preview: importing.Preview, payload: str) -> HttpResponse:
    return render(
        request,
        "stakeholders/staff/registry/import_preview.html",
        {"preview": preview, "payload": payload},
        status=422 if preview.has_errors else 200,
    )


@staff_required
@require_POST
def import_save(request: HttpRequest) -> HttpResponse:
    """Step 2: save every row of the checked upload in one transaction — only if none has an
    error. The rows are checked again: the registry may have changed in between."""
    try:
        rows, create_topics = importing.unsign_rows(
            request.POST.get("payload", ""), request.user.pk
        )
    except importing.UploadError as error:
        messages.error(request, str(error))
        return redirect("staff:stakeholders:import")
    preview = importing.check(rows, create_topics=create_topics)
    if preview.has_errors:
        messages.error(request, _("Nothing was saved: correct the rows marked below."))
        return _preview(request, preview, request.POST["payload"])
    created, updated = importing.save(preview, request.user)
    messages.success(
        request,
        ngettext(
            "%(created)d stakeholder created",
            "%(created)d stakeholders created",
            created,
        )
        % {"created": created}
        + ", "
        + ngettext("%(updated)d updated.", "%(updated)d updated.", updated) % {"updated": updated},
    )
    return redirect("staff:stakeholders:list")


@staff_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every stakeholder with its contact details: one access log entry per export, saying what."""
    rows = list(importing.export_rows())
    if fmt == "xlsx":
        response = HttpResponse(
            importing.export_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(importing.export_csv(rows), content_type="text/csv; charset=utf-8")
    reads.shown(request, Stakeholder, f"export {fmt}: all stakeholders, {len(rows) - 1} rows")
    response["Content-Disposition"] = f'attachment; filename="interessenter.{fmt}"'
    return response


# --- The hearing list of a process -------------------------------------------------------------

SEARCH_PARAM = "q"
SEARCH_LIMIT = 20

State = HearingListEntry.State
Reason = HearingListEntry.Reason


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
    url = reverse("staff:stakeholders:hearing_list", args=[process.pk])
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
        "stakeholders/staff/hearing_list.html",
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


@process_view(EDIT, projects_only=True)
def hearing_list(request: HttpRequest, process: Process) -> HttpResponse:
    return _render(request, process)


@process_view(EDIT, projects_only=True)
@require_POST
def refresh(request: HttpRequest, process: Process) -> HttpResponse:
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


@process_view(EDIT, projects_only=True)
@require_POST
def accept(request: HttpRequest, process: Process, entry_pk: int) -> HttpResponse:
    entry = _entry(process, entry_pk)
    services.accept(entry, request.user)
    messages.success(
        request, _("%(name)s is on the hearing list.") % {"name": entry.stakeholder.name}
    )
    return redirect(_list_url(process, "forslag"))


@process_view(EDIT, projects_only=True)
@require_POST
def dismiss(request: HttpRequest, process: Process, entry_pk: int) -> HttpResponse:
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


@process_view(EDIT, projects_only=True)
@require_POST
def add(request: HttpRequest, process: Process) -> HttpResponse:
    form = AddForm(request.POST)
    if not form.is_valid():
        return _render(request, process, status=422, add_form=form)
    entry = services.add_manual(process, form.cleaned_data["stakeholder"], request.user)
    messages.success(
        request, _("%(name)s is on the hearing list.") % {"name": entry.stakeholder.name}
    )
    return redirect(_list_url(process, "liste"))


@process_view(EDIT, projects_only=True)
@require_POST
def invite(request: HttpRequest, process: Process) -> HttpResponse:
    try:
        count = services.send_invitations(process, request.user)
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


# --- Who took part ------------------------------------------------------------------------------


@process_view(EDIT, plan=True, projects_only=True)
def process_breadth(request: HttpRequest, plan: ProcessPlan) -> HttpResponse:
    return render(
        request,
        "stakeholders/staff/breadth.html",
        {"process": plan.process, "breadth": breadth(plan.process, plan.hearing_list)},
    )
