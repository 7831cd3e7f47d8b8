"""Logging in: staff land on their work queue, everyone else where they came from or on the
front page (which lists a citizen's own cases) — never on a staff page they cannot see. The
admin's own login page is this one too, so it has the same limits."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse

from inddrag.accounts.forms import LoginForm
from inddrag.accounts.permissions import is_staff_member


class LoginView(auth_views.LoginView):
    template_name = "accounts/public/login.html"
    authentication_form = LoginForm
    http_method_names = ["get", "head", "post"]  # not PUT, which FormView takes as a POST

    def get_default_redirect_url(self) -> str:
        if is_staff_member(self.request.user):
            return reverse("staff:dashboard")
        return reverse("processes:home")

    def form_invalid(self, form: LoginForm) -> HttpResponse:
        response = super().form_invalid(form)
        if form.has_error("__all__", "throttled"):
            response.status_code = 429
        return response
