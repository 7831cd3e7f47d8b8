"""The privacy notice: the periods it states are the settings the retention run uses, and every
form that collects personal data links to it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories.contributions import open_hearing

pytestmark = pytest.mark.django_db

NOTICE = reverse("pages:privacy")


def test_the_notice_states_the_periods_from_the_settings(client, settings):
    settings.INDDRAG_RETENTION_CONTRIBUTION_DAYS = 1234
    settings.INDDRAG_RETENTION_NOTIFICATION_DAYS = 77
    settings.INDDRAG_RETENTION_ACCESS_LOG_DAYS = 4321
    settings.INDDRAG_PRIVACY_DPO_EMAIL = "dpo@kommune.example"
    page = client.get(NOTICE).content.decode()
    assert "1234 dage efter at forløbet blev besluttet" in page
    assert "77 dage efter at e-mailen blev skrevet" in page
    assert "4321 dage" in page
    assert "dpo@kommune.example" in page
    assert "artikel 6, stk. 1, litra e" in page and "Datatilsynet" in page


def test_the_notice_in_english(client):
    client.cookies["django_language"] = "en"
    response = client.get(NOTICE, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200


@pytest.mark.parametrize("url", ["/", reverse("accounts:login")])
def test_the_footer_and_the_login_link_to_the_notice(client, url):
    assert f'href="{NOTICE}"' in client.get(url).content.decode()


def test_the_contribution_form_links_to_the_notice(client):
    process, _ = open_hearing()
    page = client.get(process.get_absolute_url()).content.decode()
    form = page[page.index('id="id_text"') : page.index("</form>", page.index('id="id_text"'))]
    assert f'href="{NOTICE}"' in form and "Læs hvordan vi behandler dine oplysninger" in form
