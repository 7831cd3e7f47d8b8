"""The provider logins in a real browser (issue #12, section 4): Chromium goes through the whole
round trip against identity providers served over HTTP on 127.0.0.1 from threads of the test —
the OpenID provider of ``tests/accounts/oidc_provider.py`` (code flow with PKCE, state, nonce,
a signed ID token) and pysaml2's IdP of ``tests/accounts/saml_idp.py`` (our signed AuthnRequest
by redirect, its signed and encrypted answer posted back to us by a page that submits itself).

Signed in: a citizen sees "Dine sager" and opens the case whose citizen is the account keyed on
the provider's subject (or NameID); staff land on their work queue with centre and role from
their groups. Refused — a tampered ``state``, a wrong ``nonce``, an expired token; a wrong
signature, an expired assertion, a replayed one — each ends on the login page with a Danish
message, a log line, and nobody signed in. A MitID login at level Low signs in, but a case sends
the citizen to log in again. No axe violations on the login page (both buttons) or on any of the
error pages."""

from __future__ import annotations

import logging
import re
import shutil
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from saml2 import time_util

from inddrag.accounts import saml
from inddrag.accounts.models import ExternalIdentity, User
from inddrag.lib.identity_settings import oidc_provider, saml_provider
from inddrag.organisation.models import Centre
from tests.accounts.oidc_provider import Provider
from tests.accounts.saml_idp import ServedIdP, key_pair
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import UserFactory
from tests.factories.cases import open_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NSIS = "https://data.gov.dk/concept/core/nsis/loa/"
UUID = "https://data.gov.dk/model/core/eid/person/uuid/7c1a"
REFUSED = "Login kunne ikke gennemføres, og intet er gemt"
STEP_UP = "Din sag kræver et login med MitID"


# --- Helpers --------------------------------------------------------------------------------------


def _clean(page, name: str) -> None:
    violations = axe_violations(page)
    screenshot(page, name)
    assert violations == [], f"{page.url}: {violations}"


def _nobody_signed_in() -> bool:
    return not any(SESSION_KEY in s.get_decoded() for s in Session.objects.all())


def _citizen_with_case(provider: str, subject: str, title: str):
    """A citizen known by the provider's subject, whose case the caseworker has opened."""
    user = UserFactory(first_name="Karen", last_name="Jensen", email="karen@example.dk")
    ExternalIdentity.objects.create(
        provider=provider,
        subject=subject,
        user=user,
        assurance="substantial",
        last_login=timezone.now(),
    )
    return user, open_case(citizen=user, title=title)


def _logged(caplog, text: str) -> bool:
    return any(text in record.getMessage() for record in caplog.records)


# --- OpenID Connect -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def oidc_server():
    server = Provider()
    yield server
    server.stop()


@pytest.fixture
def oidc(oidc_server, settings, monkeypatch):
    """The citizens' MitID broker and the staff directory, both at the test's OpenID provider
    (the settings as the environment gives them: ``INDDRAG_*_OIDC_*``)."""
    oidc_server.reset()
    for prefix in ("INDDRAG_CITIZEN_OIDC", "INDDRAG_STAFF_OIDC"):
        monkeypatch.setenv(f"{prefix}_ISSUER", oidc_server.issuer)
        monkeypatch.setenv(f"{prefix}_CLIENT_ID", oidc_server.client_id)
        monkeypatch.setenv(f"{prefix}_CLIENT_SECRET", oidc_server.client_secret)
    monkeypatch.setenv("INDDRAG_STAFF_OIDC_ROLES", "grp-staff=staff; grp-admin=admin")
    monkeypatch.setenv("INDDRAG_STAFF_OIDC_CENTRES", "grp-social=Center for Social")
    settings.INDDRAG_OIDC_PROVIDERS = {
        "citizen": oidc_provider("INDDRAG_CITIZEN_OIDC"),
        "staff": oidc_provider("INDDRAG_STAFF_OIDC", staff=True),
    }
    settings.INDDRAG_SAML = None
    return oidc_server


def test_a_citizen_logs_in_with_mitid_over_openid_connect_and_opens_her_case(
    page, live_server, oidc
):
    user, case = _citizen_with_case("citizen", "pid-karen", "Badebænk og greb ved toilettet")
    oidc.claims = {"sub": "pid-karen", "name": "Karen Jensen", "acr": f"{NSIS}Substantial"}
    base = live_server.url
    page.goto(f"{base}/log-ind/")
    assert page.get_by_role("link", name="Log ind med MitID").is_visible()
    assert page.get_by_role("link", name="Medarbejderlogin").is_visible()
    _clean(page, "80-log-ind-med-udbydere")
    page.get_by_role("link", name="Log ind med MitID").click()
    page.wait_for_url(f"{base}/")
    # The code flow went through the provider's endpoints, with PKCE (the provider checks it).
    assert oidc.seen.index("/authorize") < oidc.seen.index("/token")
    assert page.get_by_role("heading", name="Dine sager").is_visible()
    page.get_by_role("link", name="Badebænk og greb ved toilettet").click()
    page.wait_for_url(f"{base}/sager/{case.process_id}/")
    assert page.get_by_role("heading", name="Badebænk og greb ved toilettet").is_visible()
    _clean(page, "81-min-sag-efter-mitid")
    # No second account: the login found Karen by the broker's subject.
    assert User.objects.filter(role=User.Role.CITIZEN).count() == 1
    assert ExternalIdentity.objects.get().user == user


def test_a_member_of_staff_logs_in_through_the_directory(page, live_server, oidc):
    social = Centre.objects.create(name="Center for Social")
    oidc.claims = {"sub": "emp-7", "name": "Bo Ansat", "groups": ["grp-staff", "grp-social"]}
    base = live_server.url
    page.goto(f"{base}/log-ind/")
    page.get_by_role("link", name="Medarbejderlogin").click()
    page.wait_for_url(f"{base}/personale/")
    assert page.get_by_role("button", name="Log ud").is_visible()
    staff = ExternalIdentity.objects.get(provider="staff", subject="emp-7").user
    assert (staff.role, staff.centre, staff.is_staff) == (User.Role.STAFF, social, False)
    assert staff.get_full_name() == "Bo Ansat"
    _clean(page, "82-personale-efter-medarbejderlogin")


def _forged(location: str) -> str:
    """The way back from the provider, its ``state`` replaced (a forged or replayed callback)."""
    parts = urlsplit(location)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query["state"] = "forged-" + query["state"][:8]
    return parts._replace(query=urlencode(query)).geturl()


@pytest.mark.parametrize("wrong", ["state", "nonce", "expired"])
def test_a_wrong_answer_from_the_provider_is_refused_in_danish(
    page, live_server, oidc, caplog, wrong
):
    oidc.claims = {"sub": "pid-eve", "name": "Eve Angriber", "acr": f"{NSIS}Substantial"}
    if wrong == "state":
        oidc.ask = True  # the provider shows its page; the link back is altered in the browser
    elif wrong == "nonce":
        oidc.tamper = {"nonce": "another-nonce"}
    else:
        oidc.tamper = {"exp": int(time.time()) - 3600}
    base = live_server.url
    with caplog.at_level(logging.WARNING, logger="inddrag.accounts"):
        page.goto(f"{base}/log-ind/")
        page.get_by_role("link", name="Log ind med MitID").click()
        if wrong == "state":
            page.wait_for_url(re.compile(re.escape(oidc.issuer) + "/authorize"))
            page.goto(_forged(page.locator("#approve").get_attribute("href")))
        page.wait_for_url(re.compile(r"/log-ind/mitid/retur/"))
        page.wait_for_load_state()
    if wrong == "state":
        assert "state=forged-" in page.url
    assert page.get_by_role("alert").get_by_text(REFUSED).is_visible()
    assert page.get_by_role("link", name="Log ind med MitID").is_visible()  # still logged out
    assert not page.get_by_role("button", name="Log ud").count()
    _clean(page, f"83-oidc-afvist-{wrong}")
    reason = {"state": "MismatchingStateError", "nonce": "InvalidClaimError"}
    assert _logged(caplog, f"Login through citizen refused: {reason.get(wrong, 'Expired')}")
    assert _nobody_signed_in()
    assert not ExternalIdentity.objects.exists() and not User.objects.exists()


# --- NemLog-in (SAML) -----------------------------------------------------------------------------

needs_xmlsec = pytest.mark.skipif(not shutil.which("xmlsec1"), reason="xmlsec1 is not installed")


@pytest.fixture
def nemlogin(tmp_path, settings, monkeypatch, live_server):
    """NemLog-in at 127.0.0.1, trusting the metadata Inddrag publishes at /saml/metadata/, and
    Inddrag configured with NemLog-in's metadata (``INDDRAG_SAML_*``)."""
    idp = ServedIdP(tmp_path)
    sp_key, sp_cert = key_pair(tmp_path, "sp")
    enc_key, enc_cert = key_pair(tmp_path, "sp-encryption")
    for name, value in {
        "INDDRAG_SAML_ENTITY_ID": f"{live_server.url}/saml/metadata/",
        "INDDRAG_SAML_IDP_METADATA_FILE": str(idp.metadata_file),
        "INDDRAG_SAML_KEY_FILE": sp_key,
        "INDDRAG_SAML_CERT_FILE": sp_cert,
        "INDDRAG_SAML_ENCRYPTION_KEY_FILE": enc_key,
        "INDDRAG_SAML_ENCRYPTION_CERT_FILE": enc_cert,
    }.items():
        monkeypatch.setenv(name, value)
    settings.INDDRAG_SAML = saml_provider()
    settings.INDDRAG_OIDC_PROVIDERS = {}
    settings.INDDRAG_BASE_URL = live_server.url
    metadata = Client().get("/saml/metadata/")
    assert metadata.status_code == 200
    idp.trust(metadata.content.decode())
    yield idp
    idp.stop()
    saml._clients.clear()


def _to_nemlogin_and_back(page, base: str, path: str = "/log-ind/") -> None:
    page.goto(f"{base}{path}")
    page.get_by_role("link", name="Log ind med MitID").click()
    # NemLog-in's page posts the answer to /saml/acs/ by itself; we land where it sends us:
    # where we came from (or the front page), or the refusal at /saml/acs/.
    page.wait_for_url(
        lambda url: url.startswith(base) and ("/saml/acs/" in url or "/log-ind/" not in url)
    )
    page.wait_for_load_state()


@needs_xmlsec
def test_a_citizen_logs_in_through_nemlogin(page, live_server, nemlogin):
    user, case = _citizen_with_case("nemlogin", UUID, "Hjemmehjælp om morgenen")
    nemlogin.answer = {"subject": UUID, "level": "Substantial", "encrypt": True}
    base = live_server.url
    page.goto(f"{base}/log-ind/")
    assert page.get_by_role("link", name="Log ind med MitID").get_attribute("href") == (
        "/log-ind/nemlogin/"
    )
    _to_nemlogin_and_back(page, base)
    assert page.url == f"{base}/"
    assert len(nemlogin.requests) == 1  # one signed AuthnRequest, read and checked by the IdP
    assert page.get_by_role("button", name="Log ud").is_visible()
    identity = ExternalIdentity.objects.get()
    assert (identity.provider, identity.subject, identity.user) == ("nemlogin", UUID, user)
    assert identity.assurance == "substantial"
    page.get_by_role("link", name="Hjemmehjælp om morgenen").click()
    page.wait_for_url(f"{base}/sager/{case.process_id}/")
    assert page.get_by_role("heading", name="Hjemmehjælp om morgenen").is_visible()
    _clean(page, "84-min-sag-efter-nemlogin")


def _refused_at_acs(page, base: str, caplog, name: str, reason: str) -> None:
    assert page.url == f"{base}/saml/acs/"
    assert page.get_by_role("alert").get_by_text(REFUSED).is_visible()
    assert not page.get_by_role("button", name="Log ud").count()
    _clean(page, name)
    assert _logged(caplog, f"Login through NemLog-in refused: {reason}")
    assert _nobody_signed_in()


@needs_xmlsec
def test_an_answer_signed_with_another_key_is_refused(page, live_server, nemlogin, caplog):
    nemlogin.answer = {"subject": UUID, "impostor": True}  # a key NemLog-in's metadata lacks
    with caplog.at_level(logging.WARNING, logger="inddrag.accounts"):
        _to_nemlogin_and_back(page, live_server.url)
    _refused_at_acs(page, live_server.url, caplog, "85-nemlogin-forkert-signatur", "Signature")
    assert not ExternalIdentity.objects.exists() and not User.objects.exists()


@needs_xmlsec
def test_an_expired_assertion_is_refused(page, live_server, nemlogin, caplog, monkeypatch):
    nemlogin.answer = {"subject": UUID}
    nemlogin.auto_submit = False  # the person leaves NemLog-in's last page open for a while
    base = live_server.url
    page.goto(f"{base}/log-ind/")
    page.get_by_role("link", name="Log ind med MitID").click()
    page.wait_for_url(re.compile(re.escape(nemlogin.sso)))
    # Seven minutes on (the assertion is valid for five): the clock pysaml2 reads at our ACS.
    real = time_util.utc_now
    with monkeypatch.context() as later, caplog.at_level(logging.WARNING, "inddrag.accounts"):
        later.setattr(time_util, "utc_now", lambda: real() + 7 * 60)
        page.get_by_role("button", name="Fortsæt").click()
        page.wait_for_url(f"{base}/saml/acs/")
        page.wait_for_load_state()
    _refused_at_acs(page, base, caplog, "85-nemlogin-udloebet", "ResponseLifetimeExceed")
    assert not ExternalIdentity.objects.exists() and not User.objects.exists()


@needs_xmlsec
def test_a_replayed_assertion_is_refused(page, live_server, nemlogin, caplog):
    nemlogin.answer = {"subject": UUID}
    base = live_server.url
    _to_nemlogin_and_back(page, base)
    assert page.get_by_role("button", name="Log ud").is_visible()
    # Another browser posts the same answer again (NemLog-in's page replayed).
    page.context.clear_cookies()
    Session.objects.all().delete()
    with caplog.at_level(logging.WARNING, logger="inddrag.accounts"):
        page.goto(f"{nemlogin.sso.rsplit('/', 1)[0]}/again")
        page.wait_for_url(f"{base}/saml/acs/")
        page.wait_for_load_state()
    _refused_at_acs(page, base, caplog, "86-nemlogin-afspillet-igen", "replayed")


@needs_xmlsec
def test_a_low_level_signs_in_but_a_case_asks_for_mitid_again(page, live_server, nemlogin, caplog):
    _user, case = _citizen_with_case("nemlogin", UUID, "Hjælp til indkøb")
    nemlogin.answer = {"subject": UUID, "level": "Low"}
    base = live_server.url
    _to_nemlogin_and_back(page, base)
    assert page.url == f"{base}/"
    assert page.get_by_role("button", name="Log ud").is_visible()  # signed in, at Low
    assert ExternalIdentity.objects.get().assurance == "low"
    with caplog.at_level(logging.INFO, logger="inddrag.accounts"):
        page.get_by_role("link", name="Hjælp til indkøb").click()
        page.wait_for_url(re.compile(r"/log-ind/\?next="))
    assert f"next=/sager/{case.process_id}/" in page.url.replace("%2F", "/")
    assert page.get_by_role("status").get_by_text(STEP_UP).is_visible()
    assert not page.get_by_role("heading", name="Hjælp til indkøb").count()
    _clean(page, "87-nemlogin-for-lavt-niveau")
    assert _logged(caplog, "sent to log in again")
    # Logging in again at Substantial opens the case.
    nemlogin.answer = {"subject": UUID, "level": "Substantial"}
    page.get_by_role("link", name="Log ind med MitID").click()
    page.wait_for_url(f"{base}/sager/{case.process_id}/")
    assert page.get_by_role("heading", name="Hjælp til indkøb").is_visible()
