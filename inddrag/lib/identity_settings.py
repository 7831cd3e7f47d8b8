"""Reading the identity providers' settings from the environment (OpenID Connect): one function
per provider, so settings.py stays a list of names. Nothing here imports an app."""

from __future__ import annotations

import os
import re
import shutil
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from inddrag.lib.env import env_str

LEVELS = ("low", "substantial", "high")

# What an assurance claim may say, in the words NSIS and the brokers use; a provider adds its own
# with ..._ASSURANCE_VALUES. Anything not listed counts as "low".
DEFAULT_ASSURANCE_VALUES = {
    "https://data.gov.dk/concept/core/nsis/loa/low": "low",
    "https://data.gov.dk/concept/core/nsis/loa/substantial": "substantial",
    "https://data.gov.dk/concept/core/nsis/loa/high": "high",
    "low": "low",
    "substantial": "substantial",
    "high": "high",
    "lav": "low",
    "betydelig": "substantial",
    "høj": "high",
}


def env_level(name: str, default: str) -> str:
    value = env_str(name, default).strip().lower()
    if value not in LEVELS:
        raise ImproperlyConfigured(f"{name} must be low, substantial or high.")
    return value


def env_mapping(name: str) -> dict[str, str]:
    """``key=value; key=value`` (semicolons, as centre names hold commas)."""
    raw = os.environ.get(name, "")
    mapping: dict[str, str] = {}
    for item in raw.split(";"):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ImproperlyConfigured(f"{name}: {item.strip()!r} is not key=value.")
        mapping[key.strip()] = value.strip()
    return mapping


def oidc_provider(prefix: str, *, staff: bool = False) -> dict | None:
    """The settings of one OpenID provider from ``<prefix>_*``, or None when it has no client id
    (then its button is absent and its URLs answer 404)."""
    client_id = env_str(f"{prefix}_CLIENT_ID", "").strip()
    if not client_id:
        return None
    issuer = env_str(f"{prefix}_ISSUER", "").strip().rstrip("/")
    discovery = env_str(f"{prefix}_DISCOVERY_URL", "").strip()
    if not discovery:
        if not issuer:
            raise ImproperlyConfigured(f"{prefix}_ISSUER or {prefix}_DISCOVERY_URL is required.")
        discovery = f"{issuer}/.well-known/openid-configuration"
    secret = env_str(f"{prefix}_CLIENT_SECRET", "").strip()
    if not secret:
        raise ImproperlyConfigured(f"{prefix}_CLIENT_SECRET is required with {prefix}_CLIENT_ID.")
    values = {**DEFAULT_ASSURANCE_VALUES}
    for key, level in env_mapping(f"{prefix}_ASSURANCE_VALUES").items():
        if level.lower() not in LEVELS:
            raise ImproperlyConfigured(
                f"{prefix}_ASSURANCE_VALUES: {level!r} must be low, substantial or high."
            )
        values[key.lower()] = level.lower()
    config = {
        "client_id": client_id,
        "client_secret": secret,
        "issuer": issuer,
        "discovery_url": discovery,
        "scopes": env_str(f"{prefix}_SCOPES", "openid profile email"),
        "subject_claim": env_str(f"{prefix}_SUBJECT_CLAIM", "sub"),
        "name_claim": env_str(f"{prefix}_NAME_CLAIM", "name"),
        "email_claim": env_str(f"{prefix}_EMAIL_CLAIM", "email"),
        "assurance_claim": env_str(f"{prefix}_ASSURANCE_CLAIM", "acr"),
        "assurance_values": values,
        "cpr_claim": env_str(f"{prefix}_CPR_CLAIM", "").strip(),
    }
    if "openid" not in config["scopes"].split():
        raise ImproperlyConfigured(f"{prefix}_SCOPES must include openid.")
    if staff:
        config["groups_claim"] = env_str(f"{prefix}_GROUPS_CLAIM", "groups")
        config["centres"] = env_mapping(f"{prefix}_CENTRES")
        roles = env_mapping(f"{prefix}_ROLES")
        for group, role in roles.items():
            if role not in ("staff", "admin"):
                raise ImproperlyConfigured(
                    f"{prefix}_ROLES: {group}={role} must be staff or admin."
                )
        if not roles:
            raise ImproperlyConfigured(
                f"{prefix}_ROLES is required: which groups may sign in as staff "
                "(group=staff; group=admin)."
            )
        config["roles"] = roles
    return config


def origins(*providers: dict | None) -> list[str]:
    """The providers' addresses (scheme and host), which the logout form may be sent on to."""
    found: list[str] = []
    for provider in providers:
        if not provider:
            continue
        for url in (provider["issuer"], provider["discovery_url"]):
            parts = urlsplit(url)
            if parts.scheme and parts.netloc:
                origin = f"{parts.scheme}://{parts.netloc}"
                if origin not in found:
                    found.append(origin)
    return found


# OIOSAML 3 (NemLog-in) attribute names; a municipality checks them against NemLog-in's profile.
OIOSAML_NAME = "https://data.gov.dk/model/core/eid/fullName"
OIOSAML_EMAIL = "https://data.gov.dk/model/core/eid/email"
OIOSAML_CPR = "https://data.gov.dk/model/core/eid/cprNumber"
OIOSAML_LOA = "https://data.gov.dk/concept/core/nsis/loa"


def _file(name: str, default: str = "") -> str:
    path = env_str(name, default).strip()
    if path and not os.path.isfile(path):
        raise ImproperlyConfigured(f"{name}: no file at {path}.")
    return path


def saml_provider() -> dict | None:
    """NemLog-in (OIOSAML 3) from ``INDDRAG_SAML_*``, or None without an entity id."""
    entity_id = env_str("INDDRAG_SAML_ENTITY_ID", "").strip()
    if not entity_id:
        return None
    metadata_file = _file("INDDRAG_SAML_IDP_METADATA_FILE")
    metadata_url = env_str("INDDRAG_SAML_IDP_METADATA_URL", "").strip()
    if bool(metadata_file) == bool(metadata_url):
        raise ImproperlyConfigured(
            "Set one of INDDRAG_SAML_IDP_METADATA_FILE and INDDRAG_SAML_IDP_METADATA_URL."
        )
    key_file = _file("INDDRAG_SAML_KEY_FILE")
    cert_file = _file("INDDRAG_SAML_CERT_FILE")
    if not key_file or not cert_file:
        raise ImproperlyConfigured(
            "INDDRAG_SAML_KEY_FILE and INDDRAG_SAML_CERT_FILE are required (the signing key)."
        )
    xmlsec = env_str("INDDRAG_SAML_XMLSEC_BINARY", shutil.which("xmlsec1") or "")
    if not xmlsec or not os.path.isfile(xmlsec):
        raise ImproperlyConfigured("SAML needs the xmlsec1 program (apt-get install xmlsec1).")
    return {
        "entity_id": entity_id,
        "metadata_file": metadata_file,
        "metadata_url": metadata_url,
        "key_file": key_file,
        "cert_file": cert_file,
        "encryption_key_file": _file("INDDRAG_SAML_ENCRYPTION_KEY_FILE", key_file),
        "encryption_cert_file": _file("INDDRAG_SAML_ENCRYPTION_CERT_FILE", cert_file),
        "xmlsec_binary": xmlsec,
        "subject_attribute": env_str("INDDRAG_SAML_SUBJECT_ATTRIBUTE", "").strip(),
        "name_attribute": env_str("INDDRAG_SAML_NAME_ATTRIBUTE", OIOSAML_NAME),
        "email_attribute": env_str("INDDRAG_SAML_EMAIL_ATTRIBUTE", OIOSAML_EMAIL),
        "cpr_attribute": env_str("INDDRAG_SAML_CPR_ATTRIBUTE", "").strip(),
        "assurance_attribute": env_str("INDDRAG_SAML_ASSURANCE_ATTRIBUTE", OIOSAML_LOA),
        "assurance_values": dict(DEFAULT_ASSURANCE_VALUES),
        "min_assurance": env_level("INDDRAG_SAML_MIN_ASSURANCE", "low"),
    }


def saml_origins(provider: dict | None) -> list[str]:
    """The IdP's addresses the logout form may be sent on to: every Location in its metadata
    file, or the metadata URL's host."""
    if not provider:
        return []
    if provider["metadata_url"]:
        urls = [provider["metadata_url"]]
    else:
        with open(provider["metadata_file"], encoding="utf-8") as handle:
            urls = re.findall(r'Location="([^"]+)"', handle.read())
    found: list[str] = []
    for url in urls:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if parts.scheme in ("http", "https") and origin not in found:
            found.append(origin)
    return found
