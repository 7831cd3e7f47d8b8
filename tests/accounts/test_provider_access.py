"""The role × URL test of a citizen's case (issue #11) run with people who logged in through the
identity providers (issue #12, section 5) — not ``force_login``: each test client goes the real
way, through the OpenID provider of ``oidc_provider.py`` (code flow with PKCE, over HTTP on
127.0.0.1) or through pysaml2's IdP of ``saml_idp.py`` (a signed AuthnRequest, a signed and
encrypted assertion posted to our ACS).

Two cases: one whose citizen logged in with MitID through an OpenID broker, one whose citizen
came through NemLog-in (SAML). For each, every URL named ``cases:*`` (read from the resolver and
filled in with the case's pk and the pks of its document, grant and meeting) and every URL named
``staff:cases:*`` is tried — GET, and for the URLs that take only POST also an empty POST — by:

- the case's citizen: the page (200), a file (200), a POST-only URL on GET 405, an empty POST
  the form's 422 or the view's redirect — as for a citizen signed in with a password;
- a relative (through OpenID) with a grant to see the case: the page and what it shows, and a
  403 for what only the citizen or a writer may do;
- a stranger signed in through the same provider at the same level: 404 for every page of the
  case (405 for a POST-only URL on GET: the method is refused before anything is looked up);
- the case's citizen signed in at level Low: sent to log in again (302 to /log-ind/?next=…);
- and every one of them a 404 on the staff pages of the case.

Each cell runs in a savepoint rolled back afterwards, so a POST that withdraws a grant does not
change the next cell."""

from __future__ import annotations

import datetime
import re
import shutil
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from inddrag.accounts import saml, services
from inddrag.accounts.models import ExternalIdentity
from inddrag.cases.models import CaseFile, CaseGrant, CaseHearing, CaseMessage, CaseMessageFile
from inddrag.lib.calendar import local_date
from inddrag.lib.identity_settings import oidc_provider, saml_provider
from tests.accounts.oidc_provider import Provider
from tests.accounts.saml_idp import IdP, key_pair
from tests.factories.cases import booked_meeting, open_case
from tests.test_leak_matrix import all_patterns

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("xmlsec1"), reason="xmlsec1 is not installed"),
]

NSIS = "https://data.gov.dk/concept/core/nsis/loa/"
UUID = "https://data.gov.dk/model/core/eid/person/uuid/"


@pytest.fixture(scope="module")
def oidc_server():
    server = Provider()
    yield server
    server.stop()


@pytest.fixture
def providers(oidc_server, tmp_path, settings, monkeypatch):
    """The citizens' OpenID broker and NemLog-in, both on, as from the environment."""
    oidc_server.reset()
    monkeypatch.setenv("INDDRAG_CITIZEN_OIDC_ISSUER", oidc_server.issuer)
    monkeypatch.setenv("INDDRAG_CITIZEN_OIDC_CLIENT_ID", oidc_server.client_id)
    monkeypatch.setenv("INDDRAG_CITIZEN_OIDC_CLIENT_SECRET", oidc_server.client_secret)
    idp = IdP(tmp_path)
    sp_key, sp_cert = key_pair(tmp_path, "sp")
    monkeypatch.setenv("INDDRAG_SAML_ENTITY_ID", "https://inddrag.test/saml/metadata/")
    monkeypatch.setenv("INDDRAG_SAML_IDP_METADATA_FILE", str(idp.metadata_file))
    monkeypatch.setenv("INDDRAG_SAML_KEY_FILE", sp_key)
    monkeypatch.setenv("INDDRAG_SAML_CERT_FILE", sp_cert)
    settings.INDDRAG_OIDC_PROVIDERS = {"citizen": oidc_provider("INDDRAG_CITIZEN_OIDC")}
    settings.INDDRAG_SAML = saml_provider()
    settings.INDDRAG_BASE_URL = "http://testserver"
    idp.trust(Client().get("/saml/metadata/").content.decode())
    yield oidc_server, idp
    saml._clients.clear()


def through_oidc(server: Provider, subject: str, level: str) -> Client:
    """A browser's round trip: to Inddrag, to the provider (a real HTTP request), back."""
    client = Client()
    server.claims = {"sub": subject, "name": f"Borger {subject}", "acr": f"{NSIS}{level}"}
    to_provider = client.get("/log-ind/mitid/")
    at_provider = requests.get(to_provider["Location"], allow_redirects=False, timeout=10)
    back = urlsplit(at_provider.headers["Location"])
    assert client.get(f"{back.path}?{back.query}").status_code == 302
    assert client.session[services.PROVIDER_KEY] == "citizen"
    return client


def through_nemlogin(idp: IdP, subject: str, level: str) -> Client:
    """To NemLog-in with our signed AuthnRequest (its signature checked by the IdP), and its
    signed, encrypted answer posted back to our ACS."""
    client = Client()
    location = client.get("/log-ind/nemlogin/")["Location"]
    request, query = idp.read_request(location)
    answer = idp.response(request, subject=UUID + subject, level=level)
    response = client.post(
        "/saml/acs/", {"SAMLResponse": answer, "RelayState": query["RelayState"]}
    )
    assert response.status_code == 302
    assert client.session[services.PROVIDER_KEY] == "nemlogin"
    return client


def _account(client: Client):
    return ExternalIdentity.objects.get(user_id=client.session[SESSION_KEY]).user


def _case_of(citizen, caseworker=None) -> CaseFile:
    """A case with everything its pages take: a message with a document, a partshøring with
    its draft as a file, a booked meeting."""
    case = open_case(citizen=citizen, caseworker=caseworker, title=f"Sag for {citizen.pk}")
    message = CaseMessage.objects.create(case=case, author=citizen, text="Hej", is_input=True)
    document = CaseMessageFile(
        message=message, original_name="brev.pdf", content_type="application/pdf", size=10
    )
    document.file.save("brev.pdf", ContentFile(b"%PDF-1.4 brev"))
    hearing = CaseHearing(
        case=case,
        draft="Udkast: vi forventer at bevilge",
        deadline=local_date(timezone.now()) + datetime.timedelta(days=14),
        sent_at=timezone.now(),
        sent_by=case.process.responsible,
        draft_file_name="udkast.pdf",
        draft_file_type="application/pdf",
    )
    hearing.draft_file.save("udkast.pdf", ContentFile(b"%PDF-1.4 udkast"))
    case.document_pk = document.pk
    case.meeting_pk = booked_meeting(case).pk
    return case


def _grant(case: CaseFile, person) -> CaseGrant:
    return CaseGrant.objects.create(
        case=case,
        person=person,
        level="see",
        basis="citizen",
        expires_on=local_date(timezone.now()) + datetime.timedelta(days=30),
        granted_by=case.citizen,
    )


# --- The URLs of a case ---------------------------------------------------------------------------

CASE_URLS = [(route, name) for route, name in all_patterns() if name.startswith("cases:")]
STAFF_URLS = [(route, name) for route, name in all_patterns() if name.startswith("staff:cases:")]


def _url(name: str, route: str, case: CaseFile, grant: CaseGrant) -> str:
    values = {
        "pk": case.process_id,
        "file_pk": case.document_pk,
        "grant_pk": grant.pk,
        "meeting_pk": case.meeting_pk,
    }
    wanted = re.findall(r"<(?:\w+:)?(\w+)>", route)
    unknown = set(wanted) - set(values)
    assert not unknown, f"{name}: say which object {unknown} names in this test"
    return reverse(name, kwargs={k: values[k] for k in wanted})


# What the case's citizen and the relative (a grant to see) get, GET and an empty POST; a URL
# not named here fails the test, so a new page of a case is not left out unnoticed.
CITIZEN_AND_RELATIVE = {
    # name: (citizen GET, citizen POST, relative GET, relative POST)
    "cases:detail": (200, 422, 200, 403),  # POST: "Det vigtigste for mig", empty
    "cases:hearing_answer": (405, 422, 405, 403),
    "cases:hearing_draft_file": (200, 405, 200, 405),
    "cases:hearing_answer_file": (404, 405, 404, 405),  # not answered with a file yet
    "cases:evaluation": (405, 422, 405, 403),
    "cases:message": (405, 422, 405, 403),
    "cases:attachment": (200, 405, 200, 405),
    "cases:grant": (405, 422, 405, 403),
    "cases:withdraw_grant": (405, 302, 405, 403),  # the citizen withdraws the relative's grant
    "cases:meeting_pick": (405, 422, 405, 403),
    "cases:meeting_other_time": (405, 422, 405, 403),
    "cases:meeting_needs": (405, 302, 405, 403),  # no needs: saved as none
    "cases:meeting_ics": (200, 405, 200, 405),
}


LOGIN = reverse_lazy("accounts:login")


class Matrix:
    """The cells tried, and those that did not answer as expected."""

    def __init__(self) -> None:
        self.cells = 0
        self.failures: list[str] = []

    def check(self, who: str, client: Client, method: str, url: str, expected: int) -> None:
        """One cell, in a savepoint rolled back afterwards. A 302 of a Low login must go to
        the login page, with the case page as ``next``."""
        self.cells += 1
        with transaction.atomic():
            response = getattr(client, method)(url)
            transaction.set_rollback(True)
        status, location = response.status_code, response.get("Location", "")
        cell = f"{who}, {method.upper()} {url}"
        if status != expected:
            self.failures.append(f"{cell}: {status}, expected {expected}")
        elif status == 302 and who.startswith("low") and not location.startswith(f"{LOGIN}?next="):
            self.failures.append(f"{cell}: to {location}, expected the login page")


def test_every_url_of_a_case_for_people_who_logged_in_through_each_provider(providers):
    server, idp = providers
    owner = {
        "oidc": through_oidc(server, "pid-owner", "Substantial"),
        "saml": through_nemlogin(idp, "owner", "Substantial"),
    }
    relative = through_oidc(server, "pid-relative", "Substantial")
    stranger = {
        "oidc": through_oidc(server, "pid-stranger", "Substantial"),
        "saml": through_nemlogin(idp, "stranger", "Substantial"),
    }
    # The case's own citizen, in another browser, at level Low.
    low = {
        "oidc": through_oidc(server, "pid-owner", "Low"),
        "saml": through_nemlogin(idp, "owner", "Low"),
    }
    assert _account(low["oidc"]) == _account(owner["oidc"])
    assert _account(low["saml"]) == _account(owner["saml"])
    assert set(CITIZEN_AND_RELATIVE) == {name for _route, name in CASE_URLS}

    matrix = Matrix()
    for tag, other in (("oidc", "saml"), ("saml", "oidc")):
        case = _case_of(_account(owner[tag]))
        grant = _grant(case, _account(relative))
        # Strangers: signed in through the same provider, and the other case's citizen.
        strangers = {
            f"{tag} case, stranger ({tag})": stranger[tag],
            f"{tag} case, citizen of the {other} case": owner[other],
        }
        for route, name in CASE_URLS:
            url = _url(name, route, case, grant)
            citizen_get, citizen_post, relative_get, relative_post = CITIZEN_AND_RELATIVE[name]
            for method, citizen, rel in (
                ("get", citizen_get, relative_get),
                ("post", citizen_post, relative_post),
            ):
                wrong_method = citizen == 405  # refused before anything is looked up
                matrix.check(f"{tag} case, its citizen", owner[tag], method, url, citizen)
                matrix.check(f"{tag} case, relative (oidc)", relative, method, url, rel)
                for who, client in strangers.items():
                    matrix.check(who, client, method, url, 405 if wrong_method else 404)
                matrix.check(f"low ({tag})", low[tag], method, url, 405 if wrong_method else 302)
        for route, name in STAFF_URLS:
            url = _url(name, route, case, grant)
            everyone = {"its citizen": owner[tag], "relative": relative, "low": low[tag]}
            for who, client in {**everyone, **strangers}.items():
                # The staff pages do not reveal themselves to citizens.
                matrix.check(f"{tag} case, {who}", client, "get", url, 404)
    assert not matrix.failures, "\n".join(matrix.failures)
    # Two cases × (each case URL × 2 methods × 5 people + each staff URL × 5 people): 360 today.
    assert matrix.cells == 2 * (len(CASE_URLS) * 2 * 5 + len(STAFF_URLS) * 5) >= 360
