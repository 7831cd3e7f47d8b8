"""The person search as the data protection officer uses it: the results and the erase
confirmation (POST pages the demo walk cannot reach by links) have no axe violations."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class _Null:
    def write(self, _text: str) -> None:
        pass


@pytest.mark.parametrize("width", [1280, 390])
def test_search_results_and_the_erase_confirmation(browser, live_server, width):
    call_command("seed_demo", stdout=_Null(), stderr=_Null())
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_server.url}/log-ind/")
    page.get_by_label("Brugernavn").fill("databeskyttelse")
    page.get_by_label("Adgangskode").fill("inddrag-demo")
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("link", name="Persondata").click()
    page.get_by_label("E-mailadresse").fill("borger1@ballerup.example")
    page.get_by_role("button", name="Søg").click()
    assert page.get_by_role("heading", name="Fundet").is_visible()
    assert axe_violations(page) == []
    screenshot(page, f"privacy-results-{width}")
    page.get_by_role("button", name="Slet …").click()
    assert page.get_by_role("heading", name="Hvad der skal gemmes, og hvorfor").is_visible()
    assert axe_violations(page) == []
    screenshot(page, f"privacy-erase-{width}")
    page.close()
