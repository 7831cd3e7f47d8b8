"""The staff edit page: one id per element, and row lists that depend on each other refresh
together (a new decision point is offered by the activity form at once)."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import DecisionBodyFactory, complete_project

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.labels: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "label" and "for" in attributes:
            self.labels.append(attributes["for"])


def _parse(html: str) -> _Ids:
    parser = _Ids()
    parser.feed(html)
    return parser


def test_every_id_on_the_edit_page_is_unique_and_every_label_finds_its_field(staff, staff_client):
    process = complete_project(responsible=staff, centre=staff.centre)
    html = staff_client.get(reverse("staff:processes:edit", args=[process.pk])).content.decode()
    parsed = _parse(html)
    duplicates = [name for name, count in Counter(parsed.ids).items() if count > 1]
    assert duplicates == []
    assert "aktiviteter-title" in parsed.ids and "faser-title" in parsed.ids
    assert set(parsed.labels) <= set(parsed.ids)


def test_the_edit_form_of_a_row_has_ids_of_its_own(staff, staff_client):
    process = complete_project(responsible=staff, centre=staff.centre)
    activity = process.activities.get()
    url = reverse("staff:processes:row_edit", args=[process.pk, "aktiviteter", activity.pk])
    parsed = _parse(staff_client.get(url).content.decode())
    assert f"aktiviteter-{activity.pk}-title" in parsed.ids
    assert [name for name, count in Counter(parsed.ids).items() if count > 1] == []


def test_a_new_decision_point_is_offered_to_the_activities_at_once(staff, staff_client):
    process = complete_project(responsible=staff, centre=staff.centre)
    body = DecisionBodyFactory(name="Børne- og Skoleudvalget")
    response = staff_client.post(
        reverse("staff:processes:row_add", args=[process.pk, "milepaele"]),
        {"body": body.pk, "meeting_date": "2027-09-01", "decides": "Godkender planen"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    # The decision points themselves, and the activities swapped in too, offering the new one.
    assert 'id="milepaele"' in html
    assert '<section id="aktiviteter" class="edit-section"' in html
    activities = html[html.index('<section id="aktiviteter"') :]
    assert 'hx-swap-oob="true"' in activities[:200]
    assert "Børne- og Skoleudvalget" in activities


def test_the_checks_panel_opened_directly_is_the_edit_page(staff, staff_client):
    """The panel is a fragment for htmx; a bookmark or a typed address gets a whole page."""
    process = complete_project(responsible=staff, centre=staff.centre)
    url = reverse("staff:processes:checks", args=[process.pk])
    response = staff_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:processes:edit", args=[process.pk]) + (
        "#checks-panel"
    )
    fragment = staff_client.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert 'id="checks-panel"' in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
