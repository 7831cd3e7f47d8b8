"""Logins with NemLog-in over SAML (OIOSAML 3), against a real pysaml2 identity provider made in
the test (``saml_idp.py``) with its own key and certificate: our signed AuthnRequest is read and
its signature checked by the IdP, its signed and encrypted assertion is posted back to us."""

from __future__ import annotations

import base64
import logging
import shutil
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from saml2 import time_util

from inddrag.accounts import saml, services
from inddrag.accounts.models import ExternalIdentity, User
from inddrag.lib.identity_settings import saml_provider
from tests.accounts import saml_idp
from tests.accounts.saml_idp import IdP, key_pair

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("xmlsec1"), reason="xmlsec1 is not installed"),
]

CPR_NUMBER = "0102031234"
UUID = "https://data.gov.dk/model/core/eid/person/uuid/0b5e"
REFUSED = "Login kunne ikke gennemføres"


@pytest.fixture
def idp(tmp_path, settings, monkeypatch):
    """NemLog-in as configured for Inddrag, and the IdP trusting Inddrag's published metadata."""
    provider = IdP(tmp_path)
    sp_key, sp_cert = key_pair(tmp_path, "sp")
    enc_key, enc_cert = key_pair(tmp_path, "sp-encryption")
    env = {
        "INDDRAG_SAML_ENTITY_ID": "https://inddrag.test/saml/metadata/",
        "INDDRAG_SAML_IDP_METADATA_FILE": str(provider.metadata_file),
        "INDDRAG_SAML_KEY_FILE": sp_key,
        "INDDRAG_SAML_CERT_FILE": sp_cert,
        "INDDRAG_SAML_ENCRYPTION_KEY_FILE": enc_key,
        "INDDRAG_SAML_ENCRYPTION_CERT_FILE": enc_cert,
        "INDDRAG_SAML_CPR_ATTRIBUTE": saml_idp.CPR,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings.INDDRAG_SAML = saml_provider()
    settings.INDDRAG_BASE_URL = "http://testserver"
    settings.INDDRAG_CPR_HMAC_KEY = "a-test-key-for-cpr-numbers-0123456789"
    metadata = Client().get("/saml/metadata/")
    assert metadata.status_code == 200
    provider.trust(metadata.content.decode())
    yield provider
    saml._clients.clear()


def start(client: Client, idp: IdP, path: str = "/log-ind/nemlogin/"):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(saml_idp.SSO)
    return idp.read_request(response["Location"])


def post_back(client: Client, response: str, relay: str):
    return client.post("/saml/acs/", {"SAMLResponse": response, "RelayState": relay})


def log_in(client: Client, idp: IdP, path: str = "/log-ind/nemlogin/", **kwargs):
    request, query = start(client, idp, path)
    return post_back(client, idp.response(request, **kwargs), query["RelayState"])


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def test_our_metadata_names_the_endpoints_and_both_certificates(idp):
    xml = Client().get("/saml/metadata/").content.decode()
    assert 'entityID="https://inddrag.test/saml/metadata/"' in xml
    assert "http://testserver/saml/acs/" in xml and "http://testserver/saml/sls/" in xml
    assert 'AuthnRequestsSigned="true"' in xml and 'WantAssertionsSigned="true"' in xml
    assert 'use="signing"' in xml and 'use="encryption"' in xml


def test_the_authn_request_is_signed_with_our_key(idp):
    location = Client().get("/log-ind/nemlogin/")["Location"]
    query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    assert query["SigAlg"] == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    idp.read_request(location)  # the IdP checks the signature against our metadata
    forged = location.replace("Signature=", "Signature=AAAA")
    with pytest.raises(Exception, match="not signed correctly"):
        idp.read_request(forged)


def test_the_first_login_makes_an_account_keyed_on_the_persistent_name_id(idp):
    client = Client(enforce_csrf_checks=True)  # NemLog-in's POST comes with no CSRF token
    request, query = start(client, idp)
    assert request.message.issuer.text == "https://inddrag.test/saml/metadata/"
    assert query["SigAlg"].endswith("rsa-sha256")  # the IdP checked the signature in start()
    saml_response = idp.response(request, encrypt=True)
    assert "EncryptedAssertion" in base64.b64decode(saml_response).decode()
    response = post_back(client, saml_response, query["RelayState"])
    assert response.status_code == 302
    assert response["Location"] == reverse("processes:home")
    identity = ExternalIdentity.objects.get()
    assert (identity.provider, identity.subject) == ("nemlogin", UUID)
    assert identity.assurance == "substantial"
    assert identity.user.get_full_name() == "Anna Borger"
    assert signed_in(client)
    assert client.session[services.ASSURANCE_KEY] == "substantial"
    # The second login (an unencrypted, signed assertion) finds the same account.
    log_in(Client(), idp, encrypt=False, attributes={saml_idp.EMAIL: ["ny@example.dk"]})
    assert User.objects.count() == 1
    assert User.objects.get().email == "ny@example.dk"


def test_a_low_level_signs_in_but_is_refused_for_a_case(idp, rf):
    client = Client()
    log_in(client, idp, level="Low")
    assert signed_in(client)
    request = rf.get("/")
    request.session = client.session
    request.user = User.objects.get()
    assert services.session_assurance(request) == "low"
    assert not services.has_case_assurance(request)


def test_a_minimum_level_refuses_the_login_itself(idp, settings):
    settings.INDDRAG_SAML = {**settings.INDDRAG_SAML, "min_assurance": "substantial"}
    client = Client()
    response = log_in(client, idp, level="Low")
    assert response.status_code == 400
    assert "ikke på et højt nok sikringsniveau" in response.content.decode()
    assert not signed_in(client) and User.objects.count() == 0


def test_an_unsigned_response_is_refused(idp, caplog):
    client = Client(enforce_csrf_checks=True)  # NemLog-in's POST comes with no CSRF token
    with caplog.at_level(logging.WARNING, logger="inddrag.accounts"):
        response = log_in(client, idp, sign=False, encrypt=False)
    assert response.status_code == 400
    html = response.content.decode()
    assert REFUSED in html
    assert "Dette felt er påkrævet" not in html  # no login form was sent: no form errors
    assert not signed_in(client) and User.objects.count() == 0
    assert any("NemLog-in refused" in r.getMessage() for r in caplog.records)


def test_an_altered_response_is_refused(idp):
    client = Client()
    request, query = start(client, idp)
    xml = base64.b64decode(idp.response(request, encrypt=False)).decode()
    altered = xml.replace("Anna Borger", "Eve Angriber")
    assert altered != xml
    response = post_back(client, base64.b64encode(altered.encode()).decode(), query["RelayState"])
    assert response.status_code == 400
    assert not signed_in(client) and User.objects.count() == 0


def test_a_response_to_someone_elses_request_or_a_forged_relay_is_refused(idp):
    client = Client()
    request, query = start(client, idp)
    other = idp.response(request, in_response_to="id-not-ours")
    assert post_back(client, other, query["RelayState"]).status_code == 400
    assert post_back(client, idp.response(request), "forged").status_code == 400
    assert User.objects.count() == 0


def test_an_expired_assertion_is_refused(idp, monkeypatch):
    client = Client()
    request, query = start(client, idp)
    saml_response = idp.response(request)  # valid for five minutes
    real = time_util.utc_now
    monkeypatch.setattr(time_util, "utc_now", lambda: real() + 7 * 60)  # read seven minutes on
    response = post_back(client, saml_response, query["RelayState"])
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert not signed_in(client) and User.objects.count() == 0


def test_a_replayed_assertion_is_refused(idp):
    client = Client()
    request, query = start(client, idp)
    saml_response = idp.response(request)
    assert post_back(client, saml_response, query["RelayState"]).status_code == 302
    again = Client()
    assert post_back(again, saml_response, query["RelayState"]).status_code == 400
    assert not signed_in(again)


def test_the_cpr_number_is_kept_only_as_a_keyed_hash_and_never_logged(idp, caplog):
    client = Client()
    with caplog.at_level(logging.DEBUG):
        log_in(client, idp, attributes={saml_idp.CPR: [CPR_NUMBER]})
        client.post(reverse("accounts:logout"))
    identity = ExternalIdentity.objects.get()
    assert identity.cpr_key == services.cpr_key(CPR_NUMBER)
    for record in caplog.records:
        assert CPR_NUMBER not in record.getMessage()
    out = StringIO()
    call_command("dumpdata", stdout=out)
    assert CPR_NUMBER not in out.getvalue()
    for session in Session.objects.all():
        assert CPR_NUMBER not in repr(session.get_decoded())


def test_next_stays_on_this_site(idp):
    response = log_in(Client(), idp, "/log-ind/nemlogin/?next=https://evil.example/")
    assert response["Location"] == reverse("processes:home")
    response = log_in(Client(), idp, "/log-ind/nemlogin/?next=/om-principperne/")
    assert response["Location"] == "/om-principperne/"


def test_logout_sends_a_signed_logout_request_to_nemlogin(idp):
    client = Client()
    log_in(client, idp)
    response = client.post(reverse("accounts:logout"))
    assert not signed_in(client)
    assert response["Location"].startswith(saml_idp.SLO)
    query = {k: v[0] for k, v in parse_qs(urlsplit(response["Location"]).query).items()}
    assert {"SAMLRequest", "SigAlg", "Signature"} <= set(query)
    request = idp.server.parse_logout_request(
        query["SAMLRequest"], "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
        sigalg=query["SigAlg"], signature=query["Signature"], relay_state=query.get("RelayState"),
    )  # fmt: skip
    assert request.message.name_id.text == UUID


def test_a_single_logout_request_from_nemlogin_ends_the_session(idp):
    client = Client()
    log_in(client, idp)
    query = idp.logout_request(
        "https://inddrag.test/saml/metadata/", UUID, "http://testserver/saml/sls/"
    )
    response = client.get("/saml/sls/", query)
    assert response.status_code == 302
    assert response["Location"].startswith(saml_idp.SLO)
    assert "SAMLResponse" in response["Location"]
    assert not signed_in(client)


def test_an_unsigned_logout_request_is_refused(idp):
    client = Client()
    log_in(client, idp)
    query = idp.logout_request(
        "https://inddrag.test/saml/metadata/", UUID, "http://testserver/saml/sls/"
    )
    query.pop("Signature")
    assert client.get("/saml/sls/", query).status_code == 400
    assert signed_in(client)


def test_the_login_page_offers_nemlogin(idp):
    html = Client().get(reverse("accounts:login")).content.decode()
    assert 'href="/log-ind/nemlogin/"' in html and "Log ind med MitID" in html


def test_without_configuration_the_saml_urls_answer_404(settings):
    settings.INDDRAG_SAML = None
    for path in ("/log-ind/nemlogin/", "/saml/sls/", "/saml/metadata/"):
        assert Client().get(path).status_code == 404
    assert Client().post("/saml/acs/").status_code == 404
    assert "nemlogin" not in Client().get(reverse("accounts:login")).content.decode()
