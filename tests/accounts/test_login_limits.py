"""The login holds up to guessing: five wrong passwords lock the account (even the right password
is refused until the time has passed), one address cannot post more than the rate allows, and the
admin's login is the same page. Every refusal says why in Danish, next to the form, with 429."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

PASSWORD = "hemmelig-kode-1"


def _post(client: Client, username: str, password: str, ip: str = "192.0.2.10"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one():
    staff = StaffFactory()
    client = Client()
    for attempt in range(4):
        response = _post(client, staff.username, f"forkert-{attempt}")
        assert response.status_code == 200
        assert "Indtast venligst korrekt" in response.content.decode()
    assert _post(client, staff.username, "forkert-5").status_code == 429  # the fifth locks
    response = _post(client, staff.username, PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "spærret i 15 minutter" in html
    assert 'role="alert"' in html  # next to the form, not a bare error page
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session
    # From another address too: the lock is on the account.
    assert _post(Client(), staff.username, PASSWORD, ip="198.51.100.7").status_code == 429


def test_the_lock_passes_and_a_good_login_resets_the_count(settings):
    staff = StaffFactory()
    client = Client()
    for attempt in range(4):
        _post(client, staff.username, f"forkert-{attempt}")
    assert _post(client, staff.username, PASSWORD).status_code == 302  # the fifth is right
    client = Client()
    for attempt in range(4):  # the count started again after the good login
        assert _post(client, staff.username, f"forkert-{attempt}").status_code == 200
    assert _post(client, staff.username, PASSWORD).status_code == 302


def test_another_account_is_not_locked_by_someone_elses_failures():
    victim, other = StaffFactory(), StaffFactory()
    for attempt in range(6):
        _post(Client(), victim.username, f"forkert-{attempt}")
    assert _post(Client(), other.username, PASSWORD).status_code == 302


def test_one_address_is_limited_across_accounts(settings):
    settings.INDDRAG_LOGIN_RATE = "3/m"
    staff = StaffFactory()
    client = Client()
    for attempt in range(3):
        assert _post(client, f"gaet{attempt}", "x").status_code == 200
    response = _post(client, staff.username, PASSWORD)
    assert response.status_code == 429
    assert "For mange loginforsøg fra din adresse" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not held back.
    assert _post(Client(), staff.username, PASSWORD, ip="198.51.100.8").status_code == 302


def test_the_admin_signs_in_through_the_same_page():
    client = Client()
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=/admin/")
    # A post straight to the admin's login authenticates nothing.
    staff = StaffFactory()
    response = client.post("/admin/login/", {"username": staff.username, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_admin_answers_404_outside_the_configured_networks(settings):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    # The middleware reads the setting when it is built; build a fresh handler per client.
    from django.test.utils import override_settings

    with override_settings(INDDRAG_ADMIN_NETWORKS=["10.20.0.0/16", "2001:db8::/32"]):
        client = Client()
        client.force_login(admin)
        assert client.get("/admin/", REMOTE_ADDR="192.0.2.10").status_code == 404
        assert client.get("/admin/", REMOTE_ADDR="10.20.3.4").status_code == 200
        assert client.get("/admin/", REMOTE_ADDR="2001:db8::5").status_code == 200
        assert client.get("/admin/", REMOTE_ADDR="not an address").status_code == 404
        # The rest of the site does not care.
        assert client.get(reverse("processes:home"), REMOTE_ADDR="192.0.2.10").status_code == 200


def test_a_misspelt_admin_network_stops_the_start():
    from django.core.exceptions import ImproperlyConfigured

    from inddrag.lib.security import parse_networks

    with pytest.raises(ImproperlyConfigured, match=r"10\.0\.0\.300"):
        parse_networks(["10.0.0.300/8"])
