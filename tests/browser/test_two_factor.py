"""Two-step login in a real browser: a staff member enrols an authenticator app (the key read
off the page, the code computed as the phone would), sees the backup codes, and logs in again
with password and code. The enrolment page, the code step and the backup codes page have no
axe violations at 1280 and 390 pixels."""

from __future__ import annotations

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import axe_violations, screenshot
from tests.factories import StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "hemmelig-kode-1"


def _code(key: bytes, seconds_from_now: float = 0) -> str:
    totp = TOTP(key, 30, 0, 6, 0)
    totp.time = time.time() + seconds_from_now
    return f"{totp.token():06d}"


def _log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_staff_member_enrols_and_logs_in_with_a_code(browser, live_server, settings, width):
    settings.INDDRAG_STAFF_2FA = "required"
    staff = StaffFactory()
    page = browser.new_page(viewport={"width": width, "height": 900})
    _log_in(page, live_server.url, staff.username)
    # Required, no app yet: the staff page sends them to enrol first.
    assert "/konto/to-trins-login/" in page.url
    assert page.get_by_role("heading", name="Opsæt to-trins-login").is_visible()
    assert page.locator("svg.qr-code").is_visible()
    assert axe_violations(page) == []
    screenshot(page, f"two-factor-enrol-{width}")
    secret = page.locator("code.otp-secret").inner_text()
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    page.get_by_label("Kode fra appen").fill("000000" if _code(key) != "000000" else "111111")
    page.get_by_role("button", name="Slå to-trins-login til").click()
    assert page.get_by_text("Koden passer ikke").is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Kode fra appen").fill(_code(key))
    page.get_by_role("button", name="Slå to-trins-login til").click()
    assert page.get_by_role("heading", name="To-trins-login er slået til").is_visible()
    assert page.locator("ul.backup-codes li").count() == 8
    assert axe_violations(page) == []
    screenshot(page, f"two-factor-backup-codes-{width}")
    page.get_by_role("link", name="Fortsæt").click()
    page.wait_for_load_state()
    assert page.url.endswith("/personale/")  # the page first asked for
    # Log out, and in again: password, then the code of the next step (this one was used).
    page.get_by_role("button", name="Log ud").click()
    _log_in(page, live_server.url, staff.username)
    assert "/log-ind/kode/" in page.url
    assert axe_violations(page) == []
    screenshot(page, f"two-factor-code-{width}")
    device = TOTPDevice.objects.get(user=staff)
    page.get_by_label("Kode").fill(_code(device.bin_key, 30))  # the next step: one step drift
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()
    assert page.url.endswith("/personale/")
    page.close()
