"""Two-step login for staff and admin (TOTP): the password alone signs nobody in who has an
authenticator app; a code works once, within its 30 seconds (one step either side); backup codes
work once; wrong codes count towards the account's lockout; with 2FA required no staff page or
admin opens before the second factor; an administrator's reset is in the access log."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from inddrag.accounts import services
from inddrag.audit.models import AccessLog
from tests.accounts.helpers import code_for, code_for_key, make_device
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "hemmelig-kode-1"
LOGIN = reverse("accounts:login")
CODE = reverse("accounts:login_code")
ENROL = reverse("accounts:two_factor")


def _password(client: Client, user, next_url: str = "", ip: str = "192.0.2.10"):
    url = LOGIN + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": user.username, "password": PASSWORD}, REMOTE_ADDR=ip)


def _code(client: Client, code: str, ip: str = "192.0.2.10"):
    return client.post(CODE, {"code": code}, REMOTE_ADDR=ip)


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# --- The two steps -------------------------------------------------------------------------------


def test_with_an_app_the_password_alone_signs_nobody_in():
    staff = StaffFactory()
    device = make_device(staff)
    client = Client()
    response = _password(client, staff)
    assert response.status_code == 302 and response["Location"] == CODE
    assert not _signed_in(client)
    assert client.get(reverse("staff:dashboard")).status_code == 302  # still the login
    page = client.get(CODE)
    assert page.status_code == 200 and "Kode" in page.content.decode()
    response = _code(client, code_for(device))
    assert response.status_code == 302 and response["Location"] == reverse("staff:dashboard")
    assert _signed_in(client)
    assert client.session["otp_device_id"] == device.persistent_id  # the session is verified
    assert client.get(reverse("staff:dashboard")).status_code == 200


def test_the_page_asked_for_survives_the_second_step():
    staff = StaffFactory()
    device = make_device(staff)
    client = Client()
    _password(client, staff, next_url="/personale/forloeb/ny/")
    assert _code(client, code_for(device))["Location"] == "/personale/forloeb/ny/"


def test_without_an_app_in_optional_mode_the_password_is_enough():
    client = Client()
    assert _password(client, StaffFactory())["Location"] == reverse("staff:dashboard")
    assert _signed_in(client)


def test_citizens_are_never_asked_for_a_code(settings):
    settings.INDDRAG_STAFF_2FA = "required"
    citizen = UserFactory()
    make_device(citizen)  # even a stray device does not make a citizen type a code
    client = Client()
    assert _password(client, citizen)["Location"] == reverse("processes:home")
    assert _signed_in(client)
    assert client.get(ENROL).status_code == 404


def test_off_means_no_second_step_even_with_an_app(settings):
    settings.INDDRAG_STAFF_2FA = "off"
    staff = StaffFactory()
    make_device(staff)
    client = Client()
    assert _password(client, staff)["Location"] == reverse("staff:dashboard")
    assert client.get(ENROL).status_code == 404


def test_the_code_step_without_a_password_first_goes_back_to_the_login():
    assert Client().get(CODE)["Location"] == LOGIN
    assert Client().post(CODE, {"code": "123456"})["Location"] == LOGIN


def test_the_half_way_login_expires_after_five_minutes(monkeypatch):
    import time as real_time

    staff = StaffFactory()
    device = make_device(staff)
    client = Client()
    _password(client, staff)
    start = real_time.time()
    monkeypatch.setattr("inddrag.accounts.views.public.time.time", lambda: start + 301)
    assert _code(client, code_for(device))["Location"] == LOGIN
    assert not _signed_in(client)


# --- Wrong, expired, reused codes ----------------------------------------------------------------


def test_a_wrong_code_is_refused_next_to_the_field():
    staff = StaffFactory()
    device = make_device(staff)
    client = Client()
    _password(client, staff)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = _code(client, wrong)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Koden er forkert eller udløbet" in html
    assert 'id="id_code_error"' in html or "form-error-message" in html
    assert not _signed_in(client)
    assert _code(client, code_for(device)).status_code == 302  # the right one still works


def test_the_previous_step_is_accepted_but_an_older_code_has_expired():
    staff = StaffFactory()
    device = make_device(staff)
    client = Client()
    _password(client, staff)
    assert _code(client, code_for(device, -90)).status_code == 200  # three steps back: expired
    assert not _signed_in(client)
    assert _code(client, code_for(device, -30)).status_code == 302  # one step back: drift


def test_a_code_works_only_once():
    staff = StaffFactory()
    device = make_device(staff)
    code = code_for(device)
    first = Client()
    _password(first, staff)
    assert _code(first, code).status_code == 302
    second = Client()  # someone who saw the code over the shoulder
    _password(second, staff)
    response = _code(second, code)
    assert response.status_code == 200 and not _signed_in(second)
    device.refresh_from_db()
    # An earlier step than the one used is refused too.
    assert not device.verify_token(code_for(device, -30))


def test_wrong_codes_count_towards_the_lockout_and_the_password_cannot_reset_it():
    staff = StaffFactory()
    device = make_device(staff)
    client = Client()
    wrong = f"{(int(code_for(device)) + 7) % 1_000_000:06d}"
    for _ in range(4):
        _password(client, staff)  # the right password again does not reset the count
        assert _code(client, wrong).status_code == 200
    _password(client, staff)
    response = _code(client, wrong)  # the fifth failure locks
    assert response.status_code == 429
    assert "spærret i 15 minutter" in response.content.decode()
    # Locked: the password step refuses, the right code too.
    response = _password(client, staff)
    assert response.status_code == 429
    assert not _signed_in(client)


def test_the_code_step_counts_towards_the_address_rate_limit(settings):
    settings.INDDRAG_LOGIN_RATE = "2/m"
    staff = StaffFactory()
    device = make_device(staff)
    client = Client()
    _password(client, staff)  # one post
    assert _code(client, "000000").status_code in (200, 429)  # two
    response = _code(client, code_for(device))  # three: held back, even the right code
    assert response.status_code == 429
    assert "For mange loginforsøg fra din adresse" in response.content.decode()
    assert not _signed_in(client)


# --- Backup codes --------------------------------------------------------------------------------


def test_a_backup_code_works_once():
    staff = StaffFactory()
    make_device(staff)
    backup = StaticDevice.objects.create(user=staff, name="Reservekoder", confirmed=True)
    StaticToken.objects.create(device=backup, token="abcd2345")
    client = Client()
    _password(client, staff)
    assert _code(client, "ABCD 2345").status_code == 302  # spaces and capitals are forgiven
    again = Client()
    _password(again, staff)
    assert _code(again, "abcd2345").status_code == 200
    assert not _signed_in(again)


# --- Enrolment -----------------------------------------------------------------------------------


def _enrol_page(client: Client, url: str = ENROL) -> tuple[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    secret = re.search(r'<code class="otp-secret">([A-Z2-7 ]+)</code>', html).group(1)
    return html, secret


def test_enrolment_shows_an_inline_qr_code_and_the_key_in_groups_of_four():
    staff = StaffFactory()
    client = Client()
    client.force_login(staff)
    html, secret = _enrol_page(client)
    assert "<svg" in html and "<path" in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "style=" not in svg  # the CSP forbids inline style attributes
    groups = secret.split(" ")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert not TOTPDevice.objects.filter(user=staff).exists()  # nothing saved before the code


def test_enrolment_confirms_with_a_code_and_shows_backup_codes_once():
    staff = StaffFactory()
    client = Client()
    client.force_login(staff)
    _enrol_page(client)
    key = client.session["two_factor_new_key"]
    response = client.post(ENROL, {"code": "000000" if code_for_key(key) != "000000" else "1"})
    assert "Koden passer ikke" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff).exists()
    response = client.post(ENROL, {"code": code_for_key(key)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == services.BACKUP_CODE_COUNT
    device = TOTPDevice.objects.get(user=staff, confirmed=True)
    assert client.session["otp_device_id"] == device.persistent_id
    assert AccessLog.objects.filter(user=staff, object_id=staff.pk, action="change").exists()
    # The status page shows how many are left, never the codes.
    html = client.get(ENROL).content.decode()
    assert f"{services.BACKUP_CODE_COUNT} ubrugte reservekoder" in html
    assert codes[0] not in html
    # The same code cannot then log in (it was used to confirm).
    other = Client()
    _password(other, staff)
    assert _code(other, code_for_key(key)).status_code == 200


def test_required_sends_a_staff_member_without_an_app_to_enrol_before_any_staff_page(settings):
    settings.INDDRAG_STAFF_2FA = "required"
    staff = StaffFactory()
    client = Client()
    response = _password(client, staff)
    assert response["Location"] == reverse("staff:dashboard")
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2Fpersonale%2F"
    html, _ = _enrol_page(client, response["Location"])
    assert "Personale skal bruge to-trins-login" in html
    key = client.session["two_factor_new_key"]
    response = client.post(ENROL, {"code": code_for_key(key), "next": "/personale/"})
    assert 'href="/personale/"' in response.content.decode()
    assert client.get(reverse("staff:dashboard")).status_code == 200


def test_required_admin_needs_a_verified_session(settings):
    settings.INDDRAG_STAFF_2FA = "required"
    admin = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    client = Client()
    client.force_login(admin)  # a password-only session
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(ENROL)
    # With a device but a session that never showed the code: log in again.
    device = make_device(admin)
    response = client.get(response["Location"])
    assert response["Location"].startswith(LOGIN)
    assert not _signed_in(client)
    _password(client, admin)
    _code(client, code_for(device))
    assert client.get("/admin/").status_code == 200


def test_optional_lets_the_admin_in_with_the_password_alone():
    admin = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    client = Client()
    _password(client, admin)
    assert client.get("/admin/").status_code == 200


# --- The administrator's reset -------------------------------------------------------------------


def test_an_administrator_resets_a_lost_phone_and_it_is_logged():
    admin = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    staff = StaffFactory()
    device = make_device(staff)
    StaticDevice.objects.create(user=staff, name="Reservekoder", confirmed=True)
    # The staff member's verified session loses its verification with the device.
    staff_client = Client()
    _password(staff_client, staff)
    _code(staff_client, code_for(device))
    client = Client()
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [staff.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()
    entry = AccessLog.objects.get(user=admin, object_id=staff.pk, action="change")
    assert "Two-factor login reset" in entry.detail
    staff_client.get(reverse("staff:dashboard"))
    assert "otp_device_id" not in staff_client.session
    # Next login: the password alone (then enrolment, where required).
    fresh = Client()
    assert _password(fresh, staff)["Location"] == reverse("staff:dashboard")


def test_queries_a_verified_session_costs_one_more_per_page():
    """django-otp loads the session's device on each request (so a reset takes effect at once):
    one query, whatever the page shows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = StaffFactory()
    device = make_device(staff)
    verified = Client()
    _password(verified, staff)
    _code(verified, code_for(device))
    plain = Client()
    plain.force_login(staff)
    counts = []
    for client in (plain, verified):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("staff:dashboard")).status_code == 200
        counts.append(len(queries))
    assert counts[1] == counts[0] + 1


def test_queries_of_the_login_steps(django_assert_max_num_queries):
    """The figures in docs/security.md: the password step and the code step."""
    staff = StaffFactory()
    device = make_device(staff)
    client = Client()
    with django_assert_max_num_queries(7):
        assert _password(client, staff)["Location"] == CODE
    with django_assert_max_num_queries(22):
        assert _code(client, code_for(device)).status_code == 302


def test_the_admin_never_shows_a_secret_key_or_backup_codes():
    from django.contrib import admin

    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)
