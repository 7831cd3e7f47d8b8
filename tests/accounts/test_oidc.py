"""Logins through OpenID Connect, against a real provider served over HTTP from a thread
(``oidc_provider.py``): the full code flow with PKCE, state and nonce, a signed ID token checked
against the provider's keys. No mocks of the protocol and no network beyond 127.0.0.1."""

from __future__ import annotations

import logging
import subprocess
import sys
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from inddrag.accounts import oidc, services
from inddrag.accounts.models import ExternalIdentity, User
from inddrag.accounts.permissions import STEP_UP_KEY, case_assurance_required
from inddrag.audit.models import AccessLog
from inddrag.lib.identity_settings import oidc_provider
from inddrag.organisation.models import Centre
from tests.accounts.oidc_provider import Provider

pytestmark = pytest.mark.django_db

CPR = "0102031234"
NSIS = "https://data.gov.dk/concept/core/nsis/loa/"
REFUSED = "Login kunne ikke gennemføres"


@pytest.fixture(scope="module")
def idp():
    provider = Provider()
    yield provider
    provider.stop()


@pytest.fixture
def provider(idp, settings, monkeypatch):
    """Both providers configured against the test provider (same client; different configs)."""
    idp.reset()
    for prefix in ("INDDRAG_CITIZEN_OIDC", "INDDRAG_STAFF_OIDC"):
        monkeypatch.setenv(f"{prefix}_ISSUER", idp.issuer)
        monkeypatch.setenv(f"{prefix}_CLIENT_ID", idp.client_id)
        monkeypatch.setenv(f"{prefix}_CLIENT_SECRET", idp.client_secret)
    monkeypatch.setenv("INDDRAG_CITIZEN_OIDC_CPR_CLAIM", "dk:cpr")
    monkeypatch.setenv("INDDRAG_STAFF_OIDC_ROLES", "grp-staff=staff; grp-admin=admin")
    monkeypatch.setenv(
        "INDDRAG_STAFF_OIDC_CENTRES",
        "grp-miljo=Center for Miljø, Plan og Byggeri; grp-social=Center for Social",
    )
    settings.INDDRAG_OIDC_PROVIDERS = {
        "citizen": oidc_provider("INDDRAG_CITIZEN_OIDC"),
        "staff": oidc_provider("INDDRAG_STAFF_OIDC", staff=True),
    }
    settings.INDDRAG_CPR_HMAC_KEY = "a-test-key-for-cpr-numbers-0123456789"
    return idp


def log_in(client: Client, idp: Provider, start: str = "/log-ind/mitid/", **claims):
    """The browser's round trip: to Inddrag, to the provider, back to Inddrag's callback."""
    if claims:
        idp.claims = claims
    to_provider = client.get(start)
    assert to_provider.status_code == 302, to_provider
    at_provider = requests.get(to_provider["Location"], allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302, at_provider.text
    back = urlsplit(at_provider.headers["Location"])
    assert back.netloc == "testserver"
    return client.get(f"{back.path}?{back.query}")


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


# --- the account ------------------------------------------------------------------------------


def test_the_first_login_makes_an_account_keyed_on_the_subject(provider):
    client = Client()
    response = log_in(
        client, provider, sub="pid-1", name="Anna Borger", email="anna@example.dk",
        acr=f"{NSIS}Substantial",
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("processes:home")
    identity = ExternalIdentity.objects.get()
    assert (identity.provider, identity.subject) == ("citizen", "pid-1")
    assert identity.assurance == "substantial"
    user = identity.user
    assert user.role == User.Role.CITIZEN
    assert (user.first_name, user.last_name, user.email) == ("Anna", "Borger", "anna@example.dk")
    assert not user.has_usable_password()
    assert signed_in(client) and client.session[SESSION_KEY] == str(user.pk)
    assert client.session[services.ASSURANCE_KEY] == "substantial"
    assert AccessLog.objects.filter(user=user, detail__startswith="Account made").count() == 1
    # PKCE and the code flow went through the provider's real endpoints.
    assert provider.seen.index("/authorize") < provider.seen.index("/token")


def test_a_changed_email_finds_the_same_account(provider):
    log_in(Client(), provider, sub="pid-1", name="Anna Borger", email="anna@example.dk")
    log_in(Client(), provider, sub="pid-1", name="Anna Borger", email="ny@example.dk")
    assert User.objects.count() == 1
    assert User.objects.get().email == "ny@example.dk"


def test_the_same_email_with_another_subject_is_another_person(provider):
    log_in(Client(), provider, sub="pid-1", email="delt@example.dk")
    log_in(Client(), provider, sub="pid-2", email="delt@example.dk")
    assert User.objects.count() == 2


def test_two_providers_with_the_same_subject_are_two_people(provider):
    log_in(Client(), provider, sub="same", name="Anna Borger")
    log_in(Client(), provider, "/log-ind/medarbejder/", sub="same", groups=["grp-staff"])
    assert ExternalIdentity.objects.count() == 2
    assert User.objects.count() == 2
    assert set(ExternalIdentity.objects.values_list("provider", flat=True)) == {"citizen", "staff"}


def test_a_closed_account_cannot_sign_in(provider):
    log_in(Client(), provider, sub="pid-1")
    User.objects.update(is_active=False)
    client = Client()
    response = log_in(client, provider, sub="pid-1")
    assert response.status_code == 400
    assert "Din konto her er lukket" in response.content.decode()
    assert not signed_in(client)


# --- refused answers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tamper",
    [
        {"nonce": "another-nonce"},
        {"state": "another-state"},
        {"bad_signature": True},
        {"iss": "https://evil.example"},
        {"aud": "another-client"},
        {"exp": 1_000_000_000},  # 2001
    ],
    ids=["nonce", "state", "signature", "issuer", "audience", "expired"],
)
def test_a_wrong_answer_is_refused_in_danish_and_saves_nothing(provider, tamper, caplog):
    provider.tamper = tamper
    client = Client()
    with caplog.at_level(logging.WARNING, logger="inddrag.accounts"):
        response = log_in(client, provider, sub="pid-1", name="Anna Borger")
    assert response.status_code == 400
    html = response.content.decode()
    assert REFUSED in html and "intet er gemt" in html
    assert not signed_in(client)
    assert User.objects.count() == 0
    assert ExternalIdentity.objects.count() == 0
    assert any("Login through citizen refused" in r.getMessage() for r in caplog.records)


def test_a_code_cannot_be_used_twice(provider):
    client = Client()
    to_provider = client.get("/log-ind/mitid/")
    back = urlsplit(
        requests.get(to_provider["Location"], allow_redirects=False, timeout=10).headers["Location"]
    )
    assert client.get(f"{back.path}?{back.query}").status_code == 302
    again = Client().get(f"{back.path}?{back.query}")  # another browser, the same code
    assert again.status_code == 400
    assert User.objects.count() == 1


def test_an_error_from_the_provider_is_refused(provider):
    client = Client()
    client.get("/log-ind/mitid/")
    response = client.get("/log-ind/mitid/retur/?error=access_denied&state=x")
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


# --- CPR --------------------------------------------------------------------------------------


def test_a_cpr_number_is_kept_only_as_a_keyed_hash_and_never_logged(provider, caplog):
    client = Client()
    with caplog.at_level(logging.DEBUG):
        log_in(client, provider, sub="pid-1", name="Anna Borger", **{"dk:cpr": CPR})
        client.get("/")
        client.post(reverse("accounts:logout"))
    identity = ExternalIdentity.objects.get()
    assert identity.cpr_key == services.cpr_key(CPR) == services.cpr_key("010203-1234")
    assert CPR not in identity.cpr_key and len(identity.cpr_key) == 64
    for record in caplog.records:
        assert CPR not in record.getMessage()
        assert "010203" not in record.getMessage()
    out = StringIO()
    call_command("dumpdata", stdout=out)
    assert CPR not in out.getvalue()
    for session in Session.objects.all():
        assert CPR not in repr(session.get_decoded())


def test_without_a_key_the_cpr_claim_stops_the_start():
    env = {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "test-only-secret-key-that-is-long-enough-0123456789",
        "INDDRAG_CITIZEN_OIDC_ISSUER": "https://broker.example",
        "INDDRAG_CITIZEN_OIDC_CLIENT_ID": "inddrag",
        "INDDRAG_CITIZEN_OIDC_CLIENT_SECRET": "secret",
        "INDDRAG_CITIZEN_OIDC_CPR_CLAIM": "dk:cpr",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import inddrag.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "INDDRAG_CPR_HMAC_KEY" in result.stderr


# --- staff ------------------------------------------------------------------------------------


def test_staff_get_centre_and_role_from_their_groups_at_every_login(provider):
    miljo = Centre.objects.create(name="Center for Miljø, Plan og Byggeri")
    social = Centre.objects.create(name="Center for Social")
    client = Client()
    response = log_in(
        client, provider, "/log-ind/medarbejder/", sub="emp-1", name="Bo Ansat",
        groups=["other", "grp-staff", "grp-miljo"],
    )  # fmt: skip
    assert response["Location"] == reverse("staff:dashboard")
    user = User.objects.get()
    assert (user.role, user.centre, user.is_staff) == (User.Role.STAFF, miljo, False)
    # Moved to another centre and made an administrator in the directory.
    log_in(
        Client(), provider, "/log-ind/medarbejder/", sub="emp-1", name="Bo Ansat",
        groups=["grp-admin", "grp-social"],
    )  # fmt: skip
    user.refresh_from_db()
    assert (user.centre, user.is_staff) == (social, True)
    assert AccessLog.objects.filter(user=user, detail__startswith="Role and centre").count() == 1


def test_someone_without_a_staff_group_cannot_sign_in(provider):
    client = Client()
    response = log_in(client, provider, "/log-ind/medarbejder/", sub="emp-2", groups=["other"])
    assert response.status_code == 400
    assert "Din arbejdskonto giver ikke adgang" in response.content.decode()
    assert User.objects.count() == 0
    assert not signed_in(client)


def test_staff_from_the_directory_are_not_asked_for_the_local_code(provider, settings):
    settings.INDDRAG_STAFF_2FA = "required"
    client = Client()
    log_in(client, provider, "/log-ind/medarbejder/", sub="emp-1", groups=["grp-staff"])
    assert client.get(reverse("staff:dashboard")).status_code == 200


def test_a_staff_member_who_left_the_directory_is_signed_out(provider, monkeypatch, settings):
    settings.INDDRAG_STAFF_OIDC_RECHECK_MINUTES = 15
    client = Client()
    log_in(client, provider, "/log-ind/medarbejder/", sub="emp-1", groups=["grp-staff"])
    start = oidc.now()
    asked = provider.seen.count("/token")  # the login's
    # Within the interval nobody asks the directory.
    monkeypatch.setattr(oidc, "now", lambda: start + 14 * 60)
    assert client.get(reverse("staff:dashboard")).status_code == 200
    assert provider.seen.count("/token") == asked
    # After it the directory confirms (a refresh): still signed in.
    monkeypatch.setattr(oidc, "now", lambda: start + 16 * 60)
    assert client.get(reverse("staff:dashboard")).status_code == 200
    assert provider.seen.count("/token") == asked + 1
    assert signed_in(client)
    # The person leaves; the directory refuses the next check: the session ends.
    provider.refuse_refresh = True
    monkeypatch.setattr(oidc, "now", lambda: start + 40 * 60)
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 302
    assert not signed_in(client)
    page = client.get(response["Location"]).content.decode()
    assert "no longer confirms" not in page
    assert "ikke længere bekræfter din arbejdskonto" in page
    # And cannot sign in again (the directory refuses the login itself too: no staff group).
    response = log_in(Client(), provider, "/log-ind/medarbejder/", sub="emp-1", groups=[])
    assert response.status_code == 400


# --- assurance ---------------------------------------------------------------------------------


def _request_for(client: Client):
    request = RequestFactory().get("/sag/1/")
    request.session = client.session
    request.user = User.objects.get(pk=client.session[SESSION_KEY])
    return request


def test_a_low_login_is_low_and_a_case_asks_for_more(provider, settings, caplog):
    client = Client()
    log_in(client, provider, sub="pid-1", acr=f"{NSIS}Low")
    request = _request_for(client)
    assert services.session_assurance(request) == "low"
    assert not services.has_case_assurance(request)

    @case_assurance_required
    def case_page(request):
        return HttpResponse("the case")

    with caplog.at_level(logging.INFO, logger="inddrag.accounts"):
        response = case_page(request)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=/sag/1/")
    assert request.session[STEP_UP_KEY] is True
    assert any(  # a log line says who was sent back, and why (no claim's value)
        "needs assurance substantial" in r.getMessage()
        and "at low through citizen" in r.getMessage()
        for r in caplog.records
    )
    settings.INDDRAG_CASE_ASSURANCE = "low"
    assert case_page(request).status_code == 200


def test_a_substantial_login_opens_the_case(provider):
    client = Client()
    log_in(client, provider, sub="pid-1", acr=f"{NSIS}Substantial")
    request = _request_for(client)
    assert services.session_assurance(request) == "substantial"
    assert case_assurance_required(lambda r: HttpResponse("ok"))(request).status_code == 200


def test_an_unknown_or_missing_level_is_low(provider):
    client = Client()
    log_in(client, provider, sub="pid-1", acr="something-else")
    assert client.session[services.ASSURANCE_KEY] == "low"


def test_the_login_page_asks_for_mitid_after_a_case_refused(provider):
    client = Client()
    session = client.session
    session[STEP_UP_KEY] = True
    session.save()
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Din sag kræver et login med MitID" in html


def test_a_local_password_counts_as_the_setting_says(settings, rf):
    user = User.objects.create_user("borger", password="hemmelig-kode-1")
    for level in ("low", "substantial"):
        settings.INDDRAG_LOCAL_LOGIN_ASSURANCE = level
        client = Client()
        credentials = {"username": "borger", "password": "hemmelig-kode-1"}
        client.post(reverse("accounts:login"), credentials)
        request = rf.get("/")
        request.session, request.user = client.session, user
        assert services.session_assurance(request) == level
        assert services.signed_in_through(request) == "local"
    request = rf.get("/")
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    assert services.session_assurance(request) is None


# --- where the login sends you, the page, logout ------------------------------------------------


def test_next_stays_on_this_site(provider):
    response = log_in(Client(), provider, "/log-ind/mitid/?next=https://evil.example/", sub="a")
    assert response["Location"] == reverse("processes:home")
    response = log_in(Client(), provider, "/log-ind/mitid/?next=//evil.example/", sub="a")
    assert response["Location"] == reverse("processes:home")
    response = log_in(Client(), provider, "/log-ind/mitid/?next=/om-principperne/", sub="a")
    assert response["Location"] == "/om-principperne/"


def test_the_login_page_offers_each_configured_provider(provider, settings):
    html = Client().get(reverse("accounts:login") + "?next=/om-principperne/").content.decode()
    assert "Log ind med MitID" in html
    assert "Medarbejderlogin" in html
    assert 'href="/log-ind/mitid/?next=/om-principperne/"' in html
    assert "Eller log ind med brugernavn og adgangskode" in html
    settings.INDDRAG_OIDC_PROVIDERS = {}
    html = Client().get(reverse("accounts:login")).content.decode()
    assert "Log ind med MitID" not in html and "Medarbejderlogin" not in html
    for path in ("/log-ind/mitid/", "/log-ind/mitid/retur/", "/log-ind/medarbejder/",
                 "/log-ind/medarbejder/retur/"):  # fmt: skip
        assert Client().get(path).status_code == 404


def test_the_provider_urls_take_get_only(provider):
    assert Client().post("/log-ind/mitid/").status_code == 405
    assert Client().post("/log-ind/mitid/retur/").status_code == 405


def test_logout_ends_the_session_here_and_at_the_provider(provider):
    client = Client()
    log_in(client, provider, "/log-ind/medarbejder/", sub="emp-1", groups=["grp-staff"])
    response = client.post(reverse("accounts:logout"))
    assert not signed_in(client)
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{provider.issuer}/logout"
    query = parse_qs(url.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/"]
    assert query["client_id"] == [provider.client_id]
    assert "id_token_hint" in query  # the staff provider has no CPR claim
    assert requests.get(response["Location"], timeout=10).status_code == 200


def test_logout_keeps_no_id_token_where_a_cpr_claim_is_configured(provider):
    client = Client()
    log_in(client, provider, sub="pid-1", **{"dk:cpr": CPR})
    assert oidc.ID_TOKEN_KEY not in client.session
    response = client.post(reverse("accounts:logout"))
    query = parse_qs(urlsplit(response["Location"]).query)
    assert "id_token_hint" not in query and query["client_id"] == [provider.client_id]


def test_logout_without_an_end_session_endpoint_stays_here(provider):
    provider.end_session = False
    oidc._clients.clear()  # the discovery document is read again
    client = Client()
    log_in(client, provider, sub="pid-1")
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("processes:home")
    assert not signed_in(client)
    oidc._clients.clear()
