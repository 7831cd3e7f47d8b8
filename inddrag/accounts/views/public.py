"""Logging in: staff land on their work queue, everyone else where they came from or on the
front page (which lists a citizen's own cases) — never on a staff page they cannot see. The
admin's own login page is this one too, so it has the same limits.

A staff or admin account with an authenticator app logs in in two steps: the password (this
view) leaves only a note in the session of who is half-way, and the code (``LoginCodeView``)
signs the person in. Until then nobody is signed in.

A login through an identity provider (OpenID Connect, ``oidc_start`` and ``oidc_callback``) ends
in the same ``login()``, with the assurance level the provider vouched for in the session; the
logout then also ends the session at the provider where it offers that."""

from __future__ import annotations

import logging
import time
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import FormView
from joserfc.errors import JoseError

from inddrag.accounts import oidc, saml, services
from inddrag.accounts.forms import CodeForm, LoginForm, _minutes
from inddrag.accounts.middleware import DIRECTORY_LOGOUT_KEY, IDLE_LOGOUT_KEY
from inddrag.accounts.permissions import STEP_UP_KEY, is_staff_member
from inddrag.lib.ratelimit import seconds_to_wait

log = logging.getLogger(__name__)

PENDING_KEY = "two_factor_pending"
PENDING_SECONDS = 5 * 60  # the code must follow the password within five minutes


def safe_next(request: HttpRequest, url: str | None) -> str:
    """``url`` if it is a path on this site, else ""."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def default_redirect(user) -> str:
    if is_staff_member(user):
        return reverse("staff:dashboard")
    return reverse("processes:home")


class LoginView(auth_views.LoginView):
    template_name = "accounts/public/login.html"
    authentication_form = LoginForm
    http_method_names = ["get", "head", "post"]  # not PUT, which FormView takes as a POST

    def get_default_redirect_url(self) -> str:
        return default_redirect(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["saml_provider"] = saml.config() is not None
        context["citizen_provider"] = (
            context["saml_provider"] or oidc.config(oidc.CITIZEN) is not None
        )
        context["staff_provider"] = oidc.config(oidc.STAFF) is not None
        context["step_up"] = self.request.session.pop(STEP_UP_KEY, False)
        context["directory_logout"] = self.request.session.pop(DIRECTORY_LOGOUT_KEY, False)
        if self.request.session.pop(IDLE_LOGOUT_KEY, False):
            minutes = settings.INDDRAG_SESSION_IDLE_MINUTES
            context["idle_message"] = ngettext(
                "You were logged out because nothing happened for %(minutes)s minute.",
                "You were logged out because nothing happened for %(minutes)s minutes.",
                minutes,
            ) % {"minutes": minutes}
        return context

    def form_valid(self, form: LoginForm) -> HttpResponse:
        user = form.get_user()
        if services.asks_for_code(user):
            self.request.session[PENDING_KEY] = {
                "user": user.pk,
                "backend": user.backend,
                "at": time.time(),
                "next": self.get_redirect_url(),
            }
            return redirect("accounts:login_code")
        return super().form_valid(form)

    def form_invalid(self, form: LoginForm) -> HttpResponse:
        response = super().form_invalid(form)
        if form.has_error("__all__", "throttled"):
            response.status_code = 429
        return response


class LoginCodeView(FormView):
    """The second step: the code from the authenticator app (or a backup code). Wrong codes
    count as failed logins for django-axes, so password and code share one lockout; the
    address's rate limit counts these posts too."""

    template_name = "accounts/public/login_code.html"
    form_class = CodeForm
    http_method_names = ["get", "head", "post"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        pending = request.session.get(PENDING_KEY)
        self.user = None
        if pending and time.time() - pending["at"] <= PENDING_SECONDS:
            self.user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
        if self.user is None:
            request.session.pop(PENDING_KEY, None)
            return redirect("accounts:login")
        self.pending = pending
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.user}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        credentials = {"username": self.user.get_username()}
        wait = seconds_to_wait(request, "login", settings.INDDRAG_LOGIN_RATE)
        if wait is not None:
            minutes = _minutes(wait)
            return self._refused(
                ngettext(
                    "Too many login attempts from your address. Try again in %(minutes)s minute.",
                    "Too many login attempts from your address. Try again in %(minutes)s minutes.",
                    minutes,
                )
                % {"minutes": minutes}
            )
        if AxesProxyHandler.is_locked(request, credentials):
            return self._locked()
        form = self.get_form()
        if not form.is_valid():
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                return self._locked()
            return self.form_invalid(form)
        user = self.user
        user.otp_device = form.device  # django-otp marks the session verified at login
        request.session.pop(PENDING_KEY, None)
        auth_login(request, user, backend=self.pending["backend"])
        return HttpResponseRedirect(
            safe_next(request, self.pending.get("next")) or default_redirect(user)
        )

    def _locked(self) -> HttpResponse:
        """The account is locked: the half-way login is forgotten, the password step refuses
        too until the lockout has passed."""
        self.request.session.pop(PENDING_KEY, None)
        return self._refused(
            LoginForm.error_messages["locked_out"]
            % {"minutes": settings.INDDRAG_LOGIN_LOCKOUT_MINUTES}
        )

    def _refused(self, message: str) -> HttpResponse:
        """Refused before the code is even looked at: the reason above an empty form, 429."""
        context = self.get_context_data(form=CodeForm(user=self.user), refusal=message)
        return self.render_to_response(context, status=429)


@require_safe
def oidc_start(request: HttpRequest, provider: str) -> HttpResponse:
    """To the provider's login page (code flow, PKCE, state and nonce kept in the session).
    ``next`` is remembered only when it is a path on this site. A 404 when not configured."""
    oidc.config_or_404(provider)
    request.session[oidc.NEXT_KEY] = safe_next(request, request.GET.get("next"))
    callback = request.build_absolute_uri(reverse(f"accounts:oidc_{provider}_callback"))
    try:
        return oidc.authorize_redirect(request, provider, callback)
    except (requests.RequestException, ValueError, KeyError, RuntimeError) as exc:
        log.warning("OpenID provider %s not reachable: %s", provider, type(exc).__name__)
        return _refused(
            request, _("The login service cannot be reached just now. Try again later.")
        )


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    """The login page with the reason above it, 400; nobody is signed in. Shown as for a GET
    (NemLog-in's answer is a POST, but no login form was sent: no form errors, no CSRF check,
    no count against the address's login rate)."""
    request.method = "GET"
    response = LoginView.as_view(extra_context={"login_error": message})(request)
    response.status_code = 400
    return response


GENERIC_REFUSAL = gettext_lazy(
    "The login could not be completed, and nothing was saved. Try again, or contact the "
    "municipality if it happens again."
)
REFUSALS = {
    "no staff group": gettext_lazy(
        "Your work account does not give access to Inddrag. Ask your manager or IT support."
    ),
    "closed": gettext_lazy("Your account here is closed. Contact the municipality."),
    "assurance": gettext_lazy(
        "Your MitID login was not at a high enough assurance level. Log in again with MitID."
    ),
}


@require_safe
def oidc_callback(request: HttpRequest, provider: str) -> HttpResponse:
    """The provider sends the person back here with a code: the token is fetched and checked,
    the account found by the provider's subject (or made), and the person signed in. Anything
    wrong — state, nonce, signature, issuer, audience, expiry, no staff group — signs nobody in,
    saves nothing, and is written in the log without any claim's value."""
    oidc.config_or_404(provider)
    next_url = request.session.pop(oidc.NEXT_KEY, "")
    try:
        token, claims = oidc.finish(request, provider)
        login = oidc.to_login(provider, claims)
        user = services.sign_in_external(login)
    except services.IdentityRefused as exc:
        reason = str(exc)
        log.warning("Login through %s refused: %s", provider, reason)
        return _refused(request, str(REFUSALS.get(reason, GENERIC_REFUSAL)))
    except (
        AuthlibBaseError,
        JoseError,
        requests.RequestException,
        ValueError,
        KeyError,
        RuntimeError,
    ) as exc:
        log.warning("Login through %s refused: %s", provider, type(exc).__name__)
        return _refused(request, str(GENERIC_REFUSAL))
    auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    oidc.remember(request, provider, token, login.assurance)
    return HttpResponseRedirect(safe_next(request, next_url) or default_redirect(user))


class LogoutView(auth_views.LogoutView):
    """Ends the session here and, after a provider's login, at the provider too when its
    discovery document names an end-session endpoint (RP-initiated logout)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        provider = services.signed_in_through(request)
        id_token = request.session.get(oidc.ID_TOKEN_KEY)
        name_id = request.session.get(saml.NAME_ID_KEY, "")
        session_index = request.session.get(saml.SESSION_INDEX_KEY, "")
        response = super().post(request, *args, **kwargs)
        if provider == saml.NEMLOGIN:
            try:
                url = saml.logout_url(request, name_id, session_index)
            except Exception as exc:  # the IdP's metadata unreadable: logged out here only
                log.warning("No single logout at NemLog-in: %s", type(exc).__name__)
                url = None
            if url:
                return HttpResponseRedirect(url)
        if provider in (oidc.CITIZEN, oidc.STAFF):
            after = request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
            url = oidc.logout_url(provider, id_token, after)
            if url:
                return HttpResponseRedirect(url)
        return response


@require_safe
def saml_start(request: HttpRequest) -> HttpResponse:
    """To NemLog-in with a signed AuthnRequest; ``next`` only when it is a path on this site."""
    saml.config_or_404()
    try:
        url = saml.start_url(safe_next(request, request.GET.get("next")))
    except Exception as exc:  # the IdP's metadata cannot be read
        log.warning("NemLog-in not reachable: %s", type(exc).__name__)
        return _refused(
            request, _("The login service cannot be reached just now. Try again later.")
        )
    return HttpResponseRedirect(url)


@csrf_exempt  # NemLog-in posts here from its own site; the signed assertion is the check
@require_POST
def saml_acs(request: HttpRequest) -> HttpResponse:
    """NemLog-in's answer: pysaml2 checks the signature (and decrypts), the audience, the
    destination, the time window and that it answers one of our requests; each assertion is
    taken once. Anything wrong signs nobody in and saves nothing."""
    saml.config_or_404()
    try:
        login, next_url, single_logout = saml.consume(
            request.POST.get("SAMLResponse", ""), request.POST.get("RelayState", "")
        )
        user = services.sign_in_external(login)
    except services.IdentityRefused as exc:
        log.warning("Login through NemLog-in refused: %s", exc)
        return _refused(request, str(REFUSALS.get(str(exc), GENERIC_REFUSAL)))
    except Exception as exc:  # pysaml2 raises many kinds: each a refusal
        log.warning("Login through NemLog-in refused: %s", type(exc).__name__)
        return _refused(request, str(GENERIC_REFUSAL))
    auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[services.PROVIDER_KEY] = saml.NEMLOGIN
    request.session[services.ASSURANCE_KEY] = login.assurance
    request.session.update(single_logout)
    return HttpResponseRedirect(safe_next(request, next_url) or default_redirect(user))


@require_safe
def saml_sls(request: HttpRequest) -> HttpResponse:
    """Single logout: NemLog-in's answer to our logout (we are logged out already), or its
    signed request to end the session here (answered with our signed response)."""
    saml.config_or_404()
    if "SAMLResponse" in request.GET:
        return redirect(settings.LOGOUT_REDIRECT_URL)
    if "SAMLRequest" not in request.GET:
        return _refused(request, str(GENERIC_REFUSAL))
    try:
        ours, location = saml.answer_logout_request(request, request.session.get(saml.NAME_ID_KEY))
    except Exception as exc:
        log.warning("Single logout from NemLog-in refused: %s", type(exc).__name__)
        return _refused(request, str(GENERIC_REFUSAL))
    if ours:
        auth_logout(request)
    return HttpResponseRedirect(location)


@require_safe
def saml_metadata(request: HttpRequest) -> HttpResponse:
    """Our SAML metadata at a stable address, for the registration with NemLog-in."""
    saml.config_or_404()
    return HttpResponse(saml.metadata_xml(), content_type="application/samlmetadata+xml")
