"""Guards around a signed-in session: it ends after ``INDDRAG_SESSION_IDLE_MINUTES`` without
a request; with ``INDDRAG_STAFF_2FA=required`` no staff page or admin page opens before the
second factor is verified (the person is sent to enrol, or to log in with the code) — except
for staff who came through the municipality's directory, which has its own multi-factor rules;
and such a staff session is checked with the directory again every
``INDDRAG_STAFF_OIDC_RECHECK_MINUTES`` (someone who has left is signed out)."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from inddrag.accounts import oidc, services

LAST_ACTIVITY_KEY = "last_activity"
IDLE_LOGOUT_KEY = "logged_out_idle"
WRITE_EVERY_SECONDS = 60  # a session is written at most once a minute just to note activity


def now() -> float:
    """The clock the idle timeout reads (the tests move it)."""
    return time.time()


class IdleTimeoutMiddleware:
    """Notes the time of the last request in the session (only when more than a minute has
    passed, so reading pages does not write the session each time); a request that comes more
    than the idle time after the last one is served logged out, and the login page says why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session:  # signed in; no query for visitors without a session
            current = now()
            last = session.get(LAST_ACTIVITY_KEY)
            if last is not None and current - last > settings.INDDRAG_SESSION_IDLE_MINUTES * 60:
                logout(request)
                request.session[IDLE_LOGOUT_KEY] = True
            elif last is None or current - last >= WRITE_EVERY_SECONDS:
                session[LAST_ACTIVITY_KEY] = current
        return self.get_response(request)


def mark_activity(sender, request: HttpRequest, user, **kwargs) -> None:
    """``user_logged_in`` receiver: the idle time counts from the login."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = now()


class SecondFactorMiddleware:
    """With two-factor login required, a staff or admin account whose session is not verified
    reaches no page under /personale/ or /admin/: without an authenticator app it is sent to
    enrol, with one (a session from before the rule) it must log in again with the code."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefixes = ("/personale/", "/admin/")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            services.mode() == services.REQUIRED
            and request.path.startswith(self.prefixes)
            and SESSION_KEY in request.session
            and services.applies_to(request.user)
            and services.signed_in_through(request) != oidc.STAFF
            and not request.user.is_verified()
        ):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('accounts:two_factor')}?{query}")
        return self.get_response(request)


DIRECTORY_LOGOUT_KEY = "logged_out_directory"


class DirectoryRecheckMiddleware:
    """A staff session that came through the directory (OpenID Connect) is confirmed with it
    again after ``INDDRAG_STAFF_OIDC_RECHECK_MINUTES`` (a refresh-token request): when the
    directory refuses — the person has left or is blocked — or cannot be reached, the session
    ends here and the login page says why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session and session.get(services.PROVIDER_KEY) == oidc.STAFF:
            checked = session.get(oidc.CHECKED_KEY, 0)
            due = oidc.now() - checked > settings.INDDRAG_STAFF_OIDC_RECHECK_MINUTES * 60
            if due and not oidc.still_allowed(request):
                logout(request)
                request.session[DIRECTORY_LOGOUT_KEY] = True
        return self.get_response(request)
