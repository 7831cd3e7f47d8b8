"""The administrator's pages of the principles (permission ``principles.change_policy``, a 404
to anyone else): the current wording and thresholds with the history, and one form for each.
They show the municipality's own texts and the names of the staff who changed them, no
citizen's data, so they are not logged as views (tests/audit/test_coverage.py); every change is
(``principles.services``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inddrag.accounts.permissions import policy_required
from inddrag.principles import services
from inddrag.principles.forms import PrincipleForm, ThresholdForm
from inddrag.principles.models import NUMBERS, THRESHOLDS, Threshold


def _threshold(slug: str) -> Threshold:
    for threshold in THRESHOLDS.values():
        if threshold.slug == slug:
            return threshold
    raise Http404


@require_http_methods(["GET", "HEAD"])
@policy_required
def overview(request: HttpRequest) -> HttpResponse:
    context = {
        "wordings": services.wordings(),
        "thresholds": [(t, services.policy_value(t.key), t.default()) for t in THRESHOLDS.values()],
        "history": services.history(),
    }
    return render(request, "principles/staff/overview.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@policy_required
def principle(request: HttpRequest, number: int) -> HttpResponse:
    if number not in NUMBERS:
        raise Http404
    form = PrincipleForm(request.POST or None, number=number)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_principle(
                request.user, number, reason=form.cleaned_data["reason"], **form.texts()
            )
        except services.NothingChanged:
            form.add_error(None, _("Nothing is changed: change a text before you save."))
        else:
            messages.success(request, _("Principle %(n)d is changed.") % {"n": number})
            return redirect("staff:principles:overview")
    context = {"form": form, "number": number, "current": services.wording(number)}
    return render(
        request,
        "principles/staff/principle_form.html",
        context,
        status=422 if form.is_bound else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@policy_required
def threshold(request: HttpRequest, slug: str) -> HttpResponse:
    chosen = _threshold(slug)
    form = ThresholdForm(request.POST or None, threshold=chosen)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_policy(
                request.user,
                chosen.key,
                form.cleaned_data["value"],
                reason=form.cleaned_data["reason"],
            )
        except services.NothingChanged:
            form.add_error("value", _("This is the value now: choose another before you save."))
        else:
            messages.success(request, _("“%(what)s” is changed.") % {"what": chosen.label})
            return redirect("staff:principles:overview")
    context = {"form": form, "threshold": chosen, "value": services.policy_value(chosen.key)}
    return render(
        request,
        "principles/staff/threshold_form.html",
        context,
        status=422 if form.is_bound else 200,
    )
