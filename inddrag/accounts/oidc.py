"""OpenID Connect: the code flow with PKCE against two providers, each configured from the
environment (``settings.INDDRAG_OIDC_PROVIDERS``): "citizen" (a broker in front of MitID) and
"staff" (the municipality's directory). Authlib speaks the protocol — discovery, state, nonce,
PKCE, the ID token's signature (JWKS), issuer, audience and expiry; this module maps the claims
to an ``ExternalLogin`` for ``services.sign_in_external``. Nothing here logs a claim's value."""

from __future__ import annotations

import logging
import time
from typing import Any

from authlib.integrations.django_client import DjangoIntegration, DjangoOAuth2App
from django.conf import settings
from django.http import Http404, HttpRequest

from inddrag.accounts import services
from inddrag.accounts.models import ExternalIdentity, User

log = logging.getLogger(__name__)

CITIZEN = ExternalIdentity.Provider.CITIZEN.value
STAFF = ExternalIdentity.Provider.STAFF.value
METADATA_SECONDS = 3600  # the provider's discovery document is read again after an hour
TIMEOUT_SECONDS = 10

# In the session (no claim values: they could hold a CPR number).
ID_TOKEN_KEY = "oidc_id_token"  # noqa: S105 — the hint for the provider's logout; not kept with a CPR claim
REFRESH_KEY = "oidc_refresh_token"
CHECKED_KEY = "oidc_checked_at"
NEXT_KEY = "oidc_next"

_clients: dict[tuple[str, str], DjangoOAuth2App] = {}


def now() -> float:
    """The clock of the directory's re-check (the tests move it)."""
    return time.time()


def config(provider: str) -> dict[str, Any] | None:
    return settings.INDDRAG_OIDC_PROVIDERS.get(provider)


def config_or_404(provider: str) -> dict[str, Any]:
    found = config(provider)
    if found is None:
        raise Http404
    return found


def client(provider: str) -> DjangoOAuth2App:
    """Authlib's client for the provider, kept between requests (with its discovery document
    and keys) and made anew when the settings change or the document is an hour old."""
    conf = config_or_404(provider)
    key = (provider, repr(sorted((k, repr(v)) for k, v in conf.items())))
    app = _clients.get(key)
    loaded = app.server_metadata.get("_loaded_at", time.time()) if app else 0
    if app is None or time.time() - loaded > METADATA_SECONDS:
        app = DjangoOAuth2App(
            framework=DjangoIntegration(f"oidc_{provider}"),
            name=provider,
            client_id=conf["client_id"],
            client_secret=conf["client_secret"],
            server_metadata_url=conf["discovery_url"],
            client_kwargs={
                "scope": conf["scopes"],
                "code_challenge_method": "S256",
                "timeout": TIMEOUT_SECONDS,
            },
        )
        for old in [k for k in _clients if k[0] == provider]:
            del _clients[old]
        _clients[key] = app
    return app


def claims_options(provider: str) -> dict[str, Any]:
    """The ID token must come from the configured issuer (else: the discovery document's)."""
    issuer = config_or_404(provider)["issuer"] or client(provider).load_server_metadata().get(
        "issuer"
    )
    return {"iss": {"essential": True, "values": [issuer]}, "sub": {"essential": True}}


def _text(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name) if name else None
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip() if value is not None else ""


def assurance(conf: dict[str, Any], claims: dict[str, Any]) -> str:
    """The NSIS level from the configured claim; anything unknown counts as "low"."""
    value = _text(claims, conf["assurance_claim"]).lower()
    return conf["assurance_values"].get(value, "low")


def groups(conf: dict[str, Any], claims: dict[str, Any]) -> list[str]:
    value = claims.get(conf["groups_claim"]) or []
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    return [str(v) for v in value]


def to_login(provider: str, claims: dict[str, Any]) -> services.ExternalLogin:
    """The claims in Inddrag's terms. Staff need a group in ``..._ROLES``; the centre is the
    first of their groups found in ``..._CENTRES``."""
    conf = config_or_404(provider)
    common = {
        "provider": provider,
        "subject": _text(claims, conf["subject_claim"]),
        "name": _text(claims, conf["name_claim"]),
        "email": _text(claims, conf["email_claim"]),
        "assurance": assurance(conf, claims),
        "cpr": _text(claims, conf["cpr_claim"]) if conf["cpr_claim"] else "",
    }
    if provider != STAFF:
        return services.ExternalLogin(**common)
    member_of = groups(conf, claims)
    roles = {conf["roles"][g] for g in member_of if g in conf["roles"]}
    if not roles:
        raise services.IdentityRefused("no staff group")
    centre = next((conf["centres"][g] for g in member_of if g in conf["centres"]), "")
    return services.ExternalLogin(
        **common, role=User.Role.STAFF, admin="admin" in roles, centre=centre
    )


def authorize_redirect(request: HttpRequest, provider: str, redirect_uri: str):
    return client(provider).authorize_redirect(request, redirect_uri)


def finish(request: HttpRequest, provider: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The provider's answer at the callback: the token response and the ID token's claims,
    checked (state, PKCE, nonce, signature, issuer, audience, expiry). Raises on anything
    wrong; a token response without an ID token is refused too."""
    app = client(provider)
    token = app.authorize_access_token(request, claims_options=claims_options(provider), leeway=60)
    claims = token.get("userinfo")
    if not claims:
        raise services.IdentityRefused("no id token")
    return token, dict(claims)


def remember(request: HttpRequest, provider: str, token: dict[str, Any], level: str) -> None:
    """After ``login()``: what the session needs about the provider (never a claim's value)."""
    session = request.session
    session[services.PROVIDER_KEY] = provider
    session[services.ASSURANCE_KEY] = level
    if not config_or_404(provider)["cpr_claim"] and token.get("id_token"):
        session[ID_TOKEN_KEY] = token["id_token"]
    if provider == STAFF:
        session[CHECKED_KEY] = now()
        if token.get("refresh_token"):
            session[REFRESH_KEY] = token["refresh_token"]


def still_allowed(request: HttpRequest) -> bool:
    """Staff: ask the directory again with the refresh token; False when it refuses (the person
    has left, or is blocked), cannot be reached, or there is no refresh token."""
    refresh = request.session.get(REFRESH_KEY)
    if not refresh or config(STAFF) is None:
        return False
    app = client(STAFF)
    try:
        metadata = app.load_server_metadata()
        with app._get_oauth_client(**metadata) as session:
            token = session.refresh_token(metadata["token_endpoint"], refresh_token=refresh)
    except Exception as exc:  # refused, or not reachable: either way the session ends
        log.warning("Staff session not confirmed by the directory: %s", type(exc).__name__)
        return False
    if token.get("refresh_token"):
        request.session[REFRESH_KEY] = token["refresh_token"]
    request.session[CHECKED_KEY] = now()
    return True


def logout_url(provider: str, id_token: str | None, after: str) -> str | None:
    """The provider's end-session address (RP-initiated logout) when its discovery document
    names one, else None."""
    if config(provider) is None:
        return None
    app = client(provider)
    try:
        if not app.load_server_metadata().get("end_session_endpoint"):
            return None
        return app.create_logout_url(
            post_logout_redirect_uri=after,
            id_token_hint=id_token,
            client_id=app.client_id,
        )["url"]
    except Exception as exc:
        log.warning("No logout at the identity provider: %s", type(exc).__name__)
        return None
