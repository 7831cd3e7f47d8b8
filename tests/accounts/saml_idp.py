"""A real SAML identity provider for the tests: pysaml2's own ``saml2.server.Server`` with an
RSA key and a certificate made for the run (cryptography), speaking OIOSAML 3's attributes: it
reads our signed AuthnRequest, and answers with signed (and encrypted) assertions, signed
logout requests — or, on request, with something wrong. ``ServedIdP`` serves it over HTTP on
127.0.0.1 for the browser tests."""

from __future__ import annotations

import base64
import datetime
import threading
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

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
    def __init__(self, folder: Path, *, sso: str = SSO, slo: str = SLO) -> None:
        self.sso, self.slo = sso, slo
        self.key_file, self.cert_file = key_pair(folder, "idp")
        # A key NemLog-in's metadata does not name: what an impostor would sign with.
        self.impostor_key_file, self.impostor_cert_file = key_pair(folder, "impostor")
        self.metadata_file = folder / "idp-metadata.xml"
        self.metadata_file.write_text(str(entity_descriptor(self._config(None))))
        self.server: Server | None = None
        self.sp_metadata: str | None = None

    def _config(self, sp_metadata: str | None, *, impostor: bool = False) -> IdPConfig:
        return IdPConfig().load(
            {
                "entityid": ENTITY_ID,
                "xmlsec_binary": "/usr/bin/xmlsec1",
                "key_file": self.impostor_key_file if impostor else self.key_file,
                "cert_file": self.impostor_cert_file if impostor else self.cert_file,
                "metadata": {"inline": [sp_metadata]} if sp_metadata else {},
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [(self.sso, BINDING_HTTP_REDIRECT)],
                            "single_logout_service": [(self.slo, BINDING_HTTP_REDIRECT)],
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
        self.sp_metadata = sp_metadata
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
        impostor: bool = False,
    ) -> str:
        """A SAMLResponse (base64) as NemLog-in posts it. ``impostor``: signed with a key that
        NemLog-in's metadata does not name."""
        identity = {LOA: [level], NAME: ["Anna Borger"], EMAIL: ["anna@example.dk"]}
        identity.update(attributes or {})
        message = request.message
        server = (
            Server(config=self._config(self.sp_metadata, impostor=True))
            if impostor
            else self.server
        )
        response = server.create_authn_response(
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


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


class ServedIdP(IdP):
    """The same IdP served over HTTP on 127.0.0.1 from a thread, for the browser: ``/sso``
    takes our AuthnRequest (HTTP-Redirect binding, its signature checked) and answers with a
    page that posts the SAMLResponse to our ACS by itself (HTTP-POST binding), as NemLog-in's
    does (with ``auto_submit`` off, the person presses its button). ``answer`` says what the
    next response is like (the arguments of ``response``); ``/again`` serves the last page
    once more (a replay)."""

    def __init__(self, folder: Path) -> None:
        self.httpd: WSGIServer = make_server("127.0.0.1", 0, self.app, handler_class=_QuietHandler)
        base = f"http://127.0.0.1:{self.httpd.server_port}"
        super().__init__(folder, sso=f"{base}/sso", slo=f"{base}/slo")
        self.answer: dict[str, Any] = {}
        self.auto_submit = True
        self.last_page = b""
        self.requests: list[str] = []  # the AuthnRequests' ids, in order
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def app(self, environ: dict[str, Any], start_response) -> list[bytes]:
        path = environ["PATH_INFO"]
        if path == "/sso":
            location = f"{self.sso}?{environ.get('QUERY_STRING', '')}"
            try:
                request, query = self.read_request(location)
            except Exception as exc:  # an unsigned or forged request: NemLog-in refuses
                start_response("400 Bad Request", [("Content-Type", "text/plain")])
                return [f"refused: {type(exc).__name__}".encode()]
            self.requests.append(request.message.id)
            saml_response = self.response(request, **self.answer)
            self.last_page = self._post_page(
                request.message.assertion_consumer_service_url,
                saml_response,
                query.get("RelayState", ""),
            )
            return self._html(start_response, self.last_page)
        if path == "/again" and self.last_page:
            return self._html(start_response, self.last_page)
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    def _post_page(self, acs: str, saml_response: str, relay: str) -> bytes:
        return (
            '<!doctype html><html lang="da"><head><meta charset="utf-8">'
            "<title>NemLog-in (test)</title></head><body>"
            f'<form method="post" action="{escape(acs)}">'
            f'<input type="hidden" name="SAMLResponse" value="{escape(saml_response)}">'
            f'<input type="hidden" name="RelayState" value="{escape(relay)}">'
            '<button type="submit">Fortsæt</button></form>'
            + ("<script>document.forms[0].submit();</script>" if self.auto_submit else "")
            + "</body></html>"
        ).encode()

    @staticmethod
    def _html(start_response, body: bytes) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [body]
