"""A real, minimal OpenID provider for the tests, served over HTTP on 127.0.0.1 from a thread: a
discovery document, the keys (JWKS, an RSA key made for the run), an authorize endpoint that
approves at once and sends the browser back with a code (or, with ``ask``, shows a page with
a link back, for the browser test to alter), a token endpoint that checks the
client's secret, the code and its PKCE verifier and signs an ID token, refresh tokens, and an
end-session endpoint. Knobs let a test make it lie (wrong nonce, issuer, audience, key, an
expired token) or refuse a refresh (a person who has left the directory). No network."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from html import escape
from typing import Any
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from joserfc import jwt
from joserfc.jwk import RSAKey


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


class Provider:
    client_id = "inddrag-test"
    client_secret = "test-client-secret-0123456789"

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key"}, private=True)
        self.other_key = RSAKey.generate_key(2048, parameters={"kid": "test-key"}, private=True)
        self.server: WSGIServer = make_server("127.0.0.1", 0, self.app, handler_class=_QuietHandler)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.reset()

    def reset(self) -> None:
        self.claims: dict[str, Any] = {"sub": "subject-1", "name": "Anna Borger"}
        self.tamper: dict[str, Any] = {}
        self.codes: dict[str, dict[str, Any]] = {}
        self.refresh_tokens: dict[str, dict[str, Any]] = {}
        self.refuse_refresh = False
        self.end_session = True
        self.ask = False  # True: /authorize shows a page with a link back instead of a redirect
        self.seen: list[str] = []  # paths requested, in order

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- the endpoints ---------------------------------------------------------------------

    def app(self, environ: dict[str, Any], start_response) -> list[bytes]:
        path = environ["PATH_INFO"]
        self.seen.append(path)
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if path == "/.well-known/openid-configuration":
            return self._json(start_response, self.discovery())
        if path == "/jwks":
            return self._json(start_response, {"keys": [self.key.as_dict(private=False)]})
        if path == "/authorize":
            return self._authorize(start_response, query)
        if path == "/token" and environ["REQUEST_METHOD"] == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()}
            return self._token(start_response, environ, form)
        if path == "/logout":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"logged out"]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    def discovery(self) -> dict[str, Any]:
        document = {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }
        if self.end_session:
            document["end_session_endpoint"] = f"{self.issuer}/logout"
        return document

    def _authorize(self, start_response, query: dict[str, str]) -> list[bytes]:
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            return self._json(start_response, {"error": "invalid_request"}, "400 Bad Request")
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return self._json(start_response, {"error": "invalid_request"}, "400 Bad Request")
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "nonce": query.get("nonce"),
            "challenge": query["code_challenge"],
            "redirect_uri": query["redirect_uri"],
            "claims": dict(self.claims),
        }
        back = {"code": code, "state": self.tamper.get("state", query.get("state", ""))}
        location = f"{query['redirect_uri']}?{urlencode(back)}"
        if self.ask:  # a page the person approves on (the browser test alters its link)
            page = (
                '<!doctype html><html lang="da"><head><meta charset="utf-8">'
                "<title>Log ind (test)</title></head><body>"
                f'<a id="approve" href="{escape(location)}">Godkend</a></body></html>'
            )
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [page.encode()]
        start_response("302 Found", [("Location", location)])
        return [b""]

    def _client_ok(self, environ: dict[str, Any], form: dict[str, str]) -> bool:
        header = environ.get("HTTP_AUTHORIZATION", "")
        if header.startswith("Basic "):
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
            return user == self.client_id and password == self.client_secret
        return (form.get("client_id"), form.get("client_secret")) == (
            self.client_id,
            self.client_secret,
        )

    def _token(self, start_response, environ, form: dict[str, str]) -> list[bytes]:
        if not self._client_ok(environ, form):
            return self._json(start_response, {"error": "invalid_client"}, "401 Unauthorized")
        if form.get("grant_type") == "refresh_token":
            grant = self.refresh_tokens.get(form.get("refresh_token", ""))
            if grant is None or self.refuse_refresh:
                return self._json(start_response, {"error": "invalid_grant"}, "400 Bad Request")
            return self._json(start_response, self._tokens(grant["claims"], None))
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
            return self._json(start_response, {"error": "invalid_grant"}, "400 Bad Request")
        verifier = form.get("code_verifier", "")
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if challenge != grant["challenge"]:
            return self._json(start_response, {"error": "invalid_grant"}, "400 Bad Request")
        return self._json(start_response, self._tokens(grant["claims"], grant["nonce"]))

    def _tokens(self, claims: dict[str, Any], nonce: str | None) -> dict[str, Any]:
        now = int(time.time())
        payload = {
            "iss": self.tamper.get("iss", self.issuer),
            "aud": self.tamper.get("aud", self.client_id),
            "iat": now - 5,
            "exp": self.tamper.get("exp", now + 300),
            **claims,
        }
        if nonce is not None:
            payload["nonce"] = self.tamper.get("nonce", nonce)
        key = self.other_key if self.tamper.get("bad_signature") else self.key
        id_token = jwt.encode({"alg": "RS256", "kid": "test-key"}, payload, key)
        refresh = secrets.token_urlsafe(16)
        self.refresh_tokens[refresh] = {"claims": claims}
        return {
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
            "refresh_token": refresh,
        }

    @staticmethod
    def _json(start_response, body: dict[str, Any], status: str = "200 OK") -> list[bytes]:
        data = json.dumps(body).encode()
        start_response(status, [("Content-Type", "application/json")])
        return [data]
