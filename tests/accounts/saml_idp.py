"""A real SAML identity provider for the tests: pysaml2's own ``saml2.server.Server`` with an
RSA key and a certificate made for the run (cryptography), speaking OIOSAML 3's attributes: it
reads our signed AuthnRequest, and answers with signed (and encrypted) assertions, signed
logout requests — or, on request, with something wrong."""

from __future__ import annotations

import base64
import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

ENTITY_ID = "https://saml.test-nemlog-in.example/idp"
SSO = "https://saml.test-nemlog-in.example/sso"
SLO = "https://saml.test-nemlog-in.example/slo"
LOA = "https://data.gov.dk/concept/core/nsis/loa"
NAME = "https://data.gov.dk/model/core/eid/fullName"
EMAIL = "https://data.gov.dk/model/core/eid/email"
CPR = "https://data.gov.dk/model/core/eid/cprNumber"


def key_pair(folder: Path, name: str) -> tuple[str, str]:
    """A 2048-bit RSA key and a self-signed certificate, as PEM files."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = folder / f"{name}.key", folder / f"{name}.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_path), str(cert_path)


class IdP:
    def __init__(self, folder: Path) -> None:
        self.key_file, self.cert_file = key_pair(folder, "idp")
        self.metadata_file = folder / "idp-metadata.xml"
        self.metadata_file.write_text(str(entity_descriptor(self._config(None))))
        self.server: Server | None = None

    def _config(self, sp_metadata: str | None) -> IdPConfig:
        return IdPConfig().load(
            {
                "entityid": ENTITY_ID,
                "xmlsec_binary": "/usr/bin/xmlsec1",
                "key_file": self.key_file,
                "cert_file": self.cert_file,
                "metadata": {"inline": [sp_metadata]} if sp_metadata else {},
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [(SSO, BINDING_HTTP_REDIRECT)],
                            "single_logout_service": [(SLO, BINDING_HTTP_REDIRECT)],
                        },
                        "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                        "want_authn_requests_signed": True,
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": 5},
                                "attribute_restrictions": None,
                                "name_form": NAME_FORMAT_URI,
                            }
                        },
                    }
                },
            }
        )

    def trust(self, sp_metadata: str) -> None:
        """Load the SP's metadata (as NemLog-in does at registration)."""
        self.server = Server(config=self._config(sp_metadata))

    def read_request(self, location: str) -> tuple[Any, dict[str, str]]:
        """Our AuthnRequest from the redirect URL, its signature checked."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
        request = self.server.parse_authn_request(
            query["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState"),
            sigalg=query["SigAlg"],
            signature=query["Signature"],
        )
        return request, query

    def response(
        self,
        request,
        *,
        subject: str = "https://data.gov.dk/model/core/eid/person/uuid/0b5e",
        level: str = "Substantial",
        attributes: dict[str, list[str]] | None = None,
        sign: bool = True,
        encrypt: bool = True,
        in_response_to: str | None = None,
    ) -> str:
        """A SAMLResponse (base64) as NemLog-in posts it."""
        identity = {LOA: [level], NAME: ["Anna Borger"], EMAIL: ["anna@example.dk"]}
        identity.update(attributes or {})
        message = request.message
        response = self.server.create_authn_response(
            identity=identity,
            in_response_to=in_response_to or message.id,
            destination=message.assertion_consumer_service_url,
            sp_entity_id=message.issuer.text,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=subject),
            authn={"class_ref": f"{LOA}/{level}", "authn_auth": ENTITY_ID},
            sign_assertion=sign,
            sign_response=sign,
            encrypt_assertion=encrypt,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
        )
        return base64.b64encode(str(response).encode()).decode()

    def logout_request(self, sp_entity_id: str, subject: str, destination: str) -> dict:
        """An IdP-initiated, signed LogoutRequest (redirect binding): the query to send."""
        _id, request = self.server.create_logout_request(
            destination,
            issuer_entity_id=sp_entity_id,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=subject),
            sign=False,
        )
        info = self.server.apply_binding(
            BINDING_HTTP_REDIRECT, str(request), destination, relay_state="", sign=True,
            sigalg=SIG_RSA_SHA256,
        )  # fmt: skip
        location = dict(info["headers"])["Location"]
        return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
