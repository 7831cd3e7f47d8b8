"""Text no database can store (a NUL, a lone surrogate) is a Danish error next to the field, on
the public form as in the API, and a NUL in an address is a 400 page — never a 500 (issue #10,
section 2)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inddrag.contributions.forms import ContributionFields
from inddrag.contributions.models import Contribution
from inddrag.lib.forms import has_unstorable_characters
from tests.contributions.test_public_form import form_token, page, post
from tests.factories import ProcessFactory
from tests.factories.contributions import open_hearing

pytestmark = pytest.mark.django_db

UNSTORABLE = "Teksten indeholder tegn, der ikke kan gemmes."
VALID = {"text": "Flere træer.", "speaking_as": "private", "consent": "anonymous"}


@pytest.mark.parametrize("field", ["text", "name", "on_behalf_of"])
@pytest.mark.parametrize("bad", ["\ud800", "\udfff", "\x00"])
def test_the_contribution_fields_refuse_unstorable_characters(field, bad):
    form = ContributionFields({**VALID, field: f"Hej {bad} med dig"})
    assert not form.is_valid()
    assert form.errors[field] == [UNSTORABLE]


def test_ordinary_danish_and_emoji_are_storable():
    assert not has_unstorable_characters("Æblet ø å — „citat“ 👍🏽 \u00a0 \t\n")
    form = ContributionFields({**VALID, "text": "Æblet ø å — „citat“ 👍🏽"})
    assert form.is_valid(), form.errors


def test_a_nul_in_the_public_form_is_shown_next_to_the_field_and_the_text_kept(client):
    process, _activity = open_hearing()
    response = post(client, process, text="Mit bidrag\x00 om træer")
    assert response.status_code == 422
    html = response.content.decode()
    assert UNSTORABLE in html
    assert "Mit bidrag" in html
    assert not Contribution.objects.exists()


def test_bytes_that_are_no_utf8_in_a_form_post_do_not_crash(client):
    """A browser cannot send a lone surrogate in a form; the bytes of one (ED A0 80) are read as
    U+FFFD by Django, which can be stored."""
    process, _activity = open_hearing()
    token = form_token(page(client, process))
    raw = (
        b"text=Tr%C3%A6er+%ED%A0%80+tak&speaking_as=private&consent=anonymous&form_token="
        + token.encode()
    )
    response = client.post(
        reverse("contributions:submit", args=[process.pk]),
        raw,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302
    assert Contribution.objects.get().text == "Træer \ufffd\ufffd\ufffd tak"


@pytest.mark.parametrize("query", ["q=%00", "q=tr%C3%A6%00er", "district=1%00", "side=%00"])
def test_a_nul_in_a_public_address_is_a_danish_400_page(client, query):
    response = client.get(f"{reverse('processes:list')}?{query}")
    assert response.status_code == 400
    assert "Adressen indeholder tegn, der ikke kan bruges." in response.content.decode()


@pytest.mark.parametrize("side", ["99999999999999999999", "-1", "0", "x", "1e9", ""])
def test_any_page_number_of_the_public_list_shows_a_page(client, side):
    ProcessFactory(status="open", published_at="2026-01-01T10:00:00+01:00")
    response = client.get(reverse("processes:list"), {"side": side})
    assert response.status_code == 200
