"""Staff pages of the stakeholder registry: list, detail, create, edit, deactivate, statutory
duties, import with preview, and export.

Any member of staff may use them. Contact details are personal data: each view of a
stakeholder's detail or edit page is written to the access log.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.processes.staff_views import staff_required
from inddrag.stakeholders import importing
from inddrag.stakeholders.models import HearingDuty, Stakeholder, Topic
from inddrag.stakeholders.registry_forms import (
    HearingDutyForm,
    ImportForm,
    StakeholderFilter,
    StakeholderForm,
)

PAGE_SIZE = 25


# --- The registry -------------------------------------------------------------------------------


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
        "stakeholders/registry/list.html",
        {
            "filter": filterset,
            "ignored_filter": ignored,
            "page": page,
            "query": query.urlencode(),
        },
    )


def _stakeholder(pk: int) -> Stakeholder:
    return get_object_or_404(
        Stakeholder.objects.select_related("centre").prefetch_related("districts", "topics"),
        pk=pk,
    )


@staff_required
def stakeholder_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = _stakeholder(pk)
    log_access(request.user, stakeholder, AccessLog.Action.VIEW, "stakeholder detail")
    duties = stakeholder.duties.prefetch_related("topics")
    return render(
        request,
        "stakeholders/registry/detail.html",
        {"stakeholder": stakeholder, "duties": duties},
    )


@staff_required
def stakeholder_create(request: HttpRequest) -> HttpResponse:
    form = StakeholderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        stakeholder = form.save()
        log_access(request.user, stakeholder, AccessLog.Action.CHANGE, "stakeholder created")
        messages.success(request, _("%(name)s was added.") % {"name": stakeholder.name})
        return redirect("stakeholders_registry:detail", pk=stakeholder.pk)
    return render(
        request,
        "stakeholders/registry/form.html",
        {"form": form, "stakeholder": None},
        status=422 if form.is_bound else 200,
    )


@staff_required
def stakeholder_edit(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = _stakeholder(pk)
    form = StakeholderForm(request.POST or None, instance=stakeholder)
    if request.method == "POST" and form.is_valid():
        form.save()
        log_access(request.user, stakeholder, AccessLog.Action.CHANGE, "stakeholder edited")
        messages.success(request, _("The changes were saved."))
        return redirect("stakeholders_registry:detail", pk=stakeholder.pk)
    log_access(request.user, stakeholder, AccessLog.Action.VIEW, "stakeholder edit form")
    return render(
        request,
        "stakeholders/registry/form.html",
        {"form": form, "stakeholder": stakeholder},
        status=422 if form.is_bound else 200,
    )


@staff_required
@require_POST
def stakeholder_toggle_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate a stakeholder (it is no longer suggested or invited), or activate it again.
    Nothing is deleted: hearing lists of earlier processes still name it."""
    stakeholder = get_object_or_404(Stakeholder, pk=pk)
    stakeholder.active = not stakeholder.active
    stakeholder.save(update_fields=["active"])
    detail = "stakeholder activated" if stakeholder.active else "stakeholder deactivated"
    log_access(request.user, stakeholder, AccessLog.Action.CHANGE, detail)
    if stakeholder.active:
        messages.success(request, _("%(name)s is active again.") % {"name": stakeholder.name})
    else:
        messages.success(request, _("%(name)s was deactivated.") % {"name": stakeholder.name})
    return redirect("stakeholders_registry:detail", pk=stakeholder.pk)


# --- Statutory hearing duties -------------------------------------------------------------------


@staff_required
def duty_list(request: HttpRequest) -> HttpResponse:
    duties = (
        HearingDuty.objects.select_related("stakeholder")
        .prefetch_related("topics")
        .order_by("stakeholder__name", "pk")
    )
    return render(request, "stakeholders/registry/duty_list.html", {"duties": duties})


def _duty_form(request: HttpRequest, duty: HearingDuty | None) -> HttpResponse:
    initial = {}
    if duty is None and request.GET.get("interessent", "").isdigit():
        initial["stakeholder"] = int(request.GET["interessent"])
    form = HearingDutyForm(request.POST or None, instance=duty, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The statutory duty was saved."))
        return redirect("stakeholders_registry:duties")
    return render(
        request,
        "stakeholders/registry/duty_form.html",
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
    duty = get_object_or_404(HearingDuty, pk=pk)
    duty.delete()
    messages.success(request, _("The statutory duty was deleted."))
    return redirect("stakeholders_registry:duties")


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
        "stakeholders/registry/import.html",
        {"form": form},
        status=422 if form.is_bound else 200,
    )


def _preview(request: HttpRequest, preview: importing.Preview, payload: str) -> HttpResponse:
    return render(
        request,
        "stakeholders/registry/import_preview.html",
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
        return redirect("stakeholders_registry:import")
    preview = importing.check(rows, create_topics=create_topics)
    if preview.has_errors:
        messages.error(request, _("Nothing was saved: correct the rows marked below."))
        return _preview(request, preview, request.POST["payload"])
    created, updated = importing.save(preview)
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
    return redirect("stakeholders_registry:list")


@staff_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(
            importing.export_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(importing.export_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interessenter.{fmt}"'
    return response
