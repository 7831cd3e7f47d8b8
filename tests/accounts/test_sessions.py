"""A signed-in session: cookies the browser keeps to itself, a new session key at login, an idle
timeout with a Danish message on the login page, and a ``next=`` that only leads to this site."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from inddrag.accounts import middleware
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "hemmelig-kode-1"
LOGIN = reverse("accounts:login")


def _log_in(client: Client, user, query: str = ""):
    return client.post(LOGIN + query, {"username": user.username, "password": PASSWORD})


def test_the_session_cookie_is_httponly_lax_and_secure_in_production():
    client = Client()
    _log_in(client, StaffFactory())
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    # Secure outside debug and the demo (the test settings are production's, over http).
    assert settings.SESSION_COOKIE_SECURE is True and cookie["secure"] is True


def test_logging_in_gives_a_new_session_key():
    client = Client()
    client.get(LOGIN)
    session = client.session
    session["planted"] = "by someone else"  # a session that exists before the login
    session.save()
    before = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = before
    assert _log_in(client, StaffFactory()).status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after and after != before


@pytest.mark.parametrize(
    "hostile",
    [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "http:evil.example",
    ],
)
def test_next_only_leads_to_this_site(hostile):
    from urllib.parse import quote

    response = _log_in(Client(), StaffFactory(), query=f"?next={quote(hostile)}")
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:dashboard")


def test_a_local_next_is_followed():
    response = _log_in(Client(), UserFactory(), query="?next=/forloeb/")
    assert response["Location"] == "/forloeb/"


# --- Idle timeout -------------------------------------------------------------------------------


class _Clock:
    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.value = start

    def __call__(self) -> float:
        return self.value

    def advance(self, minutes: int = 0, seconds: int = 0) -> None:
        self.value += minutes * 60 + seconds


@pytest.fixture
def clock(monkeypatch) -> _Clock:
    clock = _Clock()
    monkeypatch.setattr(middleware, "now", clock)
    return clock


def test_a_request_29_59_after_the_last_keeps_the_session(clock):
    client = Client()
    _log_in(client, StaffFactory())
    clock.advance(minutes=29, seconds=59)
    assert client.get(reverse("staff:dashboard")).status_code == 200
    # …and that request counts as activity: another 29:59 later still signed in.
    clock.advance(minutes=29, seconds=59)
    assert client.get(reverse("staff:dashboard")).status_code == 200


def test_a_request_30_01_after_the_last_logs_out_and_the_login_page_says_why(clock):
    client = Client()
    _log_in(client, StaffFactory())
    clock.advance(minutes=30, seconds=1)
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session
    html = client.get(response["Location"]).content.decode()
    assert "Du blev logget ud, fordi der ikke skete noget i 30 minutter" in html
    # Shown once.
    assert "ikke skete noget" not in client.get(LOGIN).content.decode()


def test_the_idle_time_is_configurable(clock, settings):
    settings.INDDRAG_SESSION_IDLE_MINUTES = 5
    client = Client()
    _log_in(client, StaffFactory())
    clock.advance(minutes=5, seconds=1)
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 302
    assert "i 5 minutter" in client.get(response["Location"]).content.decode()


def test_activity_is_written_at_most_once_a_minute(clock):
    client = Client()
    _log_in(client, StaffFactory())
    stamp = client.session[middleware.LAST_ACTIVITY_KEY]
    clock.advance(seconds=59)
    client.get(reverse("processes:home"))
    assert client.session[middleware.LAST_ACTIVITY_KEY] == stamp  # not rewritten
    clock.advance(seconds=2)
    client.get(reverse("processes:home"))
    assert client.session[middleware.LAST_ACTIVITY_KEY] == stamp + 61


def test_a_page_read_within_the_minute_does_not_save_the_session(clock, django_assert_num_queries):
    client = Client()
    _log_in(client, StaffFactory())
    clock.advance(seconds=30)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("processes:home"))
    assert not any("django_session" in q["sql"] and "UPDATE" in q["sql"] for q in queries)


def test_visitors_without_a_login_get_no_session(clock):
    client = Client()
    client.get(reverse("processes:home"))
    assert settings.SESSION_COOKIE_NAME not in client.cookies


# --- Passwords ---------------------------------------------------------------------------------


def test_passwords_need_twelve_characters():
    user = StaffFactory.build(username="planlaegger", first_name="Anna", last_name="Berg")
    with pytest.raises(ValidationError) as error:
        validate_password("kort-kode-1", user)  # 11 characters
    assert any(e.code == "password_too_short" for e in error.value.error_list)
    validate_password("lang-kode-12", user)  # 12 characters


def test_the_other_validators_still_apply():
    user = StaffFactory.build(username="planlaegger")
    for bad in ("123456789012345", "1q2w3e4r5t6y", "planlaegger123"):
        with pytest.raises(ValidationError):
            validate_password(bad, user)


def test_the_demo_password_passes_the_policy_for_the_demo_users():
    from inddrag.demo.processes import DEMO_PASSWORD, USERS

    assert len(DEMO_PASSWORD) == 12
    for data in USERS:
        user = StaffFactory.build(
            username=data.username, first_name=data.first_name, last_name=data.last_name
        )
        validate_password(DEMO_PASSWORD, user)
