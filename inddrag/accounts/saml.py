"""SAML 2.0 with NemLog-in (OIOSAML 3), through pysaml2: a signed AuthnRequest (redirect
binding, RSA-SHA256), assertions that must be signed and may be encrypted to our key, the NSIS
level and the person's identifier from the assertion, single logout both ways, and our metadata
at a stable URL for the registration with NemLog-in.

The response comes back as a cross-site POST, which carries no session cookie (SameSite=Lax):
the request it answers is therefore named in a signed RelayState (``django.core.signing``, ten
minutes), and each assertion is accepted once (its id is kept in the cache until it expires).
pysaml2's own log is held at WARNING (settings.LOGGING): it writes whole assertions below that."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import Http404, HttpRequest
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.ident import code as encode_name_id
from saml2.ident import decode as decode_name_id
from saml2.metadata import entity_descriptor
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from inddrag.accounts import services
from inddrag.accounts.models import ExternalIdentity

log = logging.getLogger(__name__)

NEMLOGIN = ExternalIdentity.Provider.NEMLOGIN.value
RELAY_SALT = "inddrag.saml.relay"
RELAY_MAX_AGE = 10 * 60
NAME_ID_KEY = "saml_name_id"  # for single logout: the persistent pseudonym, never a CPR number
SESSION_INDEX_KEY = "saml_session_index"


class _Client(Saml2Client):
    """pysaml2's client keeps who is signed in in memory; Inddrag keeps it in the Django
    session instead, and ends that itself."""

    def local_logout(self, name_id) -> bool:
        return True


_clients: dict[str, _Client] = {}


def config() -> dict[str, Any] | None:
    return settings.INDDRAG_SAML


def config_or_404() -> dict[str, Any]:
    found = config()
    if found is None:
        raise Http404
    return found


def _absolute(name: str) -> str:
    return settings.INDDRAG_BASE_URL.rstrip("/") + reverse(name)


def sp_config() -> SPConfig:
    conf = config_or_404()
    metadata = (
        {"remote": [{"url": conf["metadata_url"]}]}
        if conf["metadata_url"]
        else {"local": [conf["metadata_file"]]}
    )
    return SPConfig().load(
        {
            "entityid": conf["entity_id"],
            "xmlsec_binary": conf["xmlsec_binary"],
            "key_file": conf["key_file"],
            "cert_file": conf["cert_file"],
            "encryption_keypairs": [
                {"key_file": conf["encryption_key_file"], "cert_file": conf["encryption_cert_file"]}
            ],
            "metadata": metadata,
            "allow_unknown_attributes": True,
            "accepted_time_diff": 60,
            "service": {
                "sp": {
                    "name": settings.INDDRAG_SITE_NAME,
                    "endpoints": {
                        "assertion_consumer_service": [
                            (_absolute("accounts:saml_acs"), BINDING_HTTP_POST)
                        ],
                        "single_logout_service": [
                            (_absolute("accounts:saml_sls"), BINDING_HTTP_REDIRECT)
                        ],
                    },
                    "authn_requests_signed": True,
                    "logout_requests_signed": True,
                    "logout_responses_signed": True,
                    "want_assertions_signed": True,
                    "want_response_signed": False,
                    "want_assertions_or_response_signed": True,
                    "allow_unsolicited": False,
                    "name_id_format": NAMEID_FORMAT_PERSISTENT,
                    "signing_algorithm": SIG_RSA_SHA256,
                    "digest_algorithm": DIGEST_SHA256,
                    "requested_attribute_name_format": NAME_FORMAT_URI,
                }
            },
        }
    )


def client() -> _Client:
    conf = config_or_404()
    key = repr(sorted(conf.items())) + settings.INDDRAG_BASE_URL
    found = _clients.get(key)
    if found is None:
        _clients.clear()
        found = _clients[key] = _Client(config=sp_config())
    return found


def metadata_xml() -> str:
    """Our metadata (entity id, ACS and SLO addresses, signing and encryption certificates)."""
    return str(entity_descriptor(sp_config()))


def idp_entity_id(sp: _Client) -> str:
    idps = list(sp.metadata.identity_providers())
    if len(idps) != 1:
        raise ValueError("the metadata must name exactly one identity provider")
    return idps[0]


def start_url(next_url: str) -> str:
    """The IdP's login address with a signed AuthnRequest; the request's id and ``next`` ride
    in the signed RelayState."""
    sp = client()
    request_id = f"id-{secrets.token_hex(16)}"
    relay = signing.dumps({"id": request_id, "next": next_url}, salt=RELAY_SALT)
    _id, info = sp.prepare_for_authenticate(
        entityid=idp_entity_id(sp),
        binding=BINDING_HTTP_REDIRECT,
        sigalg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
        relay_state=relay,
        message_id=request_id,
    )
    return dict(info["headers"])["Location"]


def _first(identity: dict[str, list[str]], name: str) -> str:
    values = identity.get(name) or []
    return str(values[0]).strip() if values else ""


def consume(saml_response: str, relay_state: str) -> tuple[services.ExternalLogin, str, dict]:
    """The IdP's POST: checked by pysaml2 (signature of the assertion, decryption, audience,
    destination, time window, InResponseTo one of ours), then once only. Returns the login, the
    ``next`` path and what single logout needs."""
    conf = config_or_404()
    relay = signing.loads(relay_state, salt=RELAY_SALT, max_age=RELAY_MAX_AGE)
    sp = client()
    response = sp.parse_authn_request_response(
        saml_response, BINDING_HTTP_POST, outstanding={relay["id"]: relay["next"]}
    )
    if response is None or response.assertion is None:
        raise services.IdentityRefused("no assertion")
    assertion_id = response.assertion.id
    if not cache.add(f"saml-assertion:{assertion_id}", True, timeout=24 * 3600):
        raise services.IdentityRefused("replayed")
    identity = response.get_identity()
    subject = (
        _first(identity, conf["subject_attribute"])
        if conf["subject_attribute"]
        else (response.name_id.text or "").strip()
    )
    level = conf["assurance_values"].get(
        _first(identity, conf["assurance_attribute"]).lower(), "low"
    )
    if not services.meets(level, conf["min_assurance"]):
        raise services.IdentityRefused("assurance")
    login = services.ExternalLogin(
        provider=NEMLOGIN,
        subject=subject,
        name=_first(identity, conf["name_attribute"]),
        email=_first(identity, conf["email_attribute"]),
        assurance=level,
        cpr=_first(identity, conf["cpr_attribute"]) if conf["cpr_attribute"] else "",
    )
    session_info = response.session_info()
    logout = {
        NAME_ID_KEY: encode_name_id(response.name_id),
        SESSION_INDEX_KEY: session_info.get("session_index") or "",
    }
    return login, relay.get("next", ""), logout


def logout_url(request: HttpRequest, name_id: str, session_index: str) -> str | None:
    """SP-initiated single logout: the IdP's address with a signed LogoutRequest, or None when
    its metadata names no single-logout service."""
    if config() is None or not name_id:
        return None
    sp = client()
    idp = idp_entity_id(sp)
    try:
        services_ = sp.metadata.single_logout_service(idp, BINDING_HTTP_REDIRECT, "idpsso")
        destination = services_[0]["location"]
    except (IndexError, KeyError, TypeError):
        return None
    _id, logout_request = sp.create_logout_request(
        destination,
        issuer_entity_id=idp,
        name_id=decode_name_id(name_id),
        session_indexes=[session_index] if session_index else None,
        sign=False,
    )
    info = sp.apply_binding(
        BINDING_HTTP_REDIRECT,
        str(logout_request),
        destination,
        relay_state="",
        sign=True,
        sigalg=SIG_RSA_SHA256,
    )
    return dict(info["headers"])["Location"]


def answer_logout_request(request: HttpRequest, name_id: str | None) -> tuple[bool, str]:
    """IdP-initiated single logout (redirect binding, signed): whether it is about the person
    signed in here, and the address of our signed LogoutResponse."""
    query = request.GET
    if not query.get("Signature") or not query.get("SigAlg"):
        raise services.IdentityRefused("unsigned logout request")
    sp = client()
    ours = decode_name_id(name_id) if name_id else None
    info = sp.handle_logout_request(
        query["SAMLRequest"],
        ours,
        BINDING_HTTP_REDIRECT,
        sign=True,
        sign_alg=SIG_RSA_SHA256,
        relay_state=query.get("RelayState", ""),
        sigalg=query["SigAlg"],
        signature=query["Signature"],
    )
    location = dict(info["headers"])["Location"]
    parsed = sp.parse_logout_request(
        query["SAMLRequest"],
        BINDING_HTTP_REDIRECT,
        relay_state=query.get("RelayState", ""),
        sigalg=query["SigAlg"],
        signature=query["Signature"],
    )
    return ours is not None and parsed.message.name_id == ours, location
