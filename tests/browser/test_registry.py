"""The stakeholder registry in a real browser: axe-core finds no violations."""

from __future__ import annotations

import pytest

from inddrag.stakeholders.models import Stakeholder
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import DistrictFactory, StaffFactory
from tests.factories.stakeholders import HearingDutyFactory, StakeholderFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV_BROKEN = (
    "navn;type;e-mail;bydele\nSeniorrådet;Råd;;Ballerup\nSpejderne;Spejdertrop;s@x.example;\n"
)
CSV_CLEAN = (
    "navn;type;e-mail;bydele;emner\nSkovlunde Boldklub;Forening;bk@x.example;Ballerup;Ældre\n"
)


def _check(page, name: str) -> None:
    violations = axe_violations(page)
    screenshot(page, name)
    assert violations == [], f"{page.url}: {violations}"


def _visit(page, url: str, name: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    _check(page, name)


def test_registry_pages_have_no_accessibility_violations(page, live_server):
    StaffFactory(username="planlaegger")
    ballerup = DistrictFactory(name="Ballerup", postcode="2750")
    aeldre = TopicFactory(name="Ældre")
    senior = StakeholderFactory(
        name="Seniorrådet",
        type=Stakeholder.Type.COUNCIL,
        districts=[ballerup],
        topics=[aeldre],
    )
    duty = HearingDutyFactory(stakeholder=senior, topics=[aeldre])
    StakeholderFactory.create_batch(30)
    base = live_server.url
    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill("planlaegger")
    page.get_by_label("Adgangskode").fill("hemmelig-kode-1")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base}/personale/")

    _visit(page, f"{base}/personale/interessenter/", "20-register")
    _visit(page, f"{base}/personale/interessenter/?type=council&internal=external", "21-filter")
    _visit(page, f"{base}/personale/interessenter/{senior.pk}/", "22-interessent")
    _visit(page, f"{base}/personale/interessenter/{senior.pk}/rediger/", "23-rediger")
    page.get_by_label("E-mail").fill("ikke-en-adresse")
    page.get_by_role("button", name="Gem").click()
    page.locator(".form-error-message").first.wait_for()
    _check(page, "24-rediger-fejl")
    _visit(page, f"{base}/personale/interessenter/ny/", "25-ny")
    _visit(page, f"{base}/personale/interessenter/pligter/", "26-pligter")
    _visit(page, f"{base}/personale/interessenter/pligter/{duty.pk}/", "27-pligt")

    _visit(page, f"{base}/personale/interessenter/import/", "28-import")
    page.get_by_label("Fil").set_input_files(
        {"name": "fejl.csv", "mimeType": "text/csv", "buffer": CSV_BROKEN.encode()}
    )
    page.get_by_role("button", name="Kontrollér filen").click()
    page.get_by_text("E-mailadressen mangler.").wait_for()
    _check(page, "29-import-fejl")

    page.goto(f"{base}/personale/interessenter/import/")
    page.get_by_label("Fil").set_input_files(
        {"name": "ok.csv", "mimeType": "text/csv", "buffer": CSV_CLEAN.encode()}
    )
    page.get_by_role("button", name="Kontrollér filen").click()
    page.get_by_text("Ingen fejl fundet").wait_for()
    _check(page, "30-import-ok")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url(f"{base}/personale/interessenter/")
    _check(page, "31-importeret")
    assert Stakeholder.objects.filter(name="Skovlunde Boldklub").exists()
