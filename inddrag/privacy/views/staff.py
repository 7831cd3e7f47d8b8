"""Everything held about a person: find it, give it back (art. 15), erase it (art. 17).

Only for staff with the data protection permission. Every request is a POST, so the e-mail
address searched for never ends up in an address bar, a browser history or a server log."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inddrag.accounts.permissions import data_protection_required
from inddrag.privacy import services
from inddrag.privacy.forms import PersonSearchForm


def _invalid(request: HttpRequest, form: PersonSearchForm) -> HttpResponse:
    return render(request, "privacy/staff/search.html", {"form": form}, status=422)


@data_protection_required
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "privacy/staff/search.html", {"form": PersonSearchForm()})
    form = PersonSearchForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    records = services.find_person(**form.query)
    services.log_search(request.user, records)
    return render(
        request, "privacy/staff/search.html", {"form": form, "records": records, "searched": True}
    )


@data_protection_required
@require_POST
def export(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    records = services.find_person(**form.query)
    data = services.export_person(request.user, records)
    response = HttpResponse(data, content_type="application/zip")
    name = f"persondata-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@data_protection_required
@require_POST
def erase(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    records = services.find_person(**form.query)
    if request.POST.get("confirm") != "yes":
        services.log_search(request.user, records)
        return render(request, "privacy/staff/erase.html", {"form": form, "records": records})
    run = services.erase_person(request.user, records)
    messages.success(
        request,
        _("Erased: %(count)s records anonymised or removed. What had to be kept is kept.")
        % {"count": run.total},
    )
    return redirect("staff:privacy:search")
