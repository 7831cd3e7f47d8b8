"""A staff member's own two-step login: enrol an authenticator app (a QR code, or the key typed
by hand, confirmed with a code), see how many backup codes are left, or move to a new phone.
With ``INDDRAG_STAFF_2FA=required`` every staff page sends an unverified staff member here."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from inddrag.accounts import services
from inddrag.accounts.forms import EnrolForm
from inddrag.accounts.views.public import default_redirect, safe_next

KEY_SESSION_KEY = "two_factor_new_key"


@require_http_methods(["GET", "HEAD", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if services.mode() == services.OFF or not services.applies_to(user):
        raise Http404
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    verified = user.is_verified()
    if services.has_device(user) and not verified:
        # A device, but this session never showed its code: log in again, with the code.
        logout(request)
        return redirect_to_login(next_url or reverse("accounts:two_factor"))
    if verified and request.method != "POST" and "ny" not in request.GET:
        return render(
            request,
            "accounts/security/two_factor.html",
            {"backup_codes_left": services.backup_codes_left(user), "next": next_url},
        )
    key = request.session.get(KEY_SESSION_KEY)
    if not key or request.method != "POST":
        key = request.session[KEY_SESSION_KEY] = services.new_secret()
    form = EnrolForm(request.POST or None, user=user, key=key)
    if request.method == "POST" and form.is_valid() and form.save():
        request.session.pop(KEY_SESSION_KEY, None)
        otp_login(request, form.device)
        return render(
            request,
            "accounts/security/backup_codes.html",
            {"codes": form.backup_codes, "next": next_url or default_redirect(user)},
        )
    context = {
        "form": form,
        "next": next_url,
        "required": services.is_required_for(user),
        "qr_code": mark_safe(services.qr_svg(services.config_url(user, key))),  # noqa: S308 — our own SVG
        "secret": services.secret_for_typing(key),
    }
    return render(request, "accounts/security/enrol.html", context)
