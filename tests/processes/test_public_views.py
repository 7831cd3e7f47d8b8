"""The public pages: front page, list with filters and pagination, process page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inddrag.processes.models import Activity, Process
from tests.factories import (
    ActivityFactory,
    CentreFactory,
    DistrictFactory,
    FrameItemFactory,
    MilestoneFactory,
    PhaseFactory,
    ProcessFactory,
    complete_project,
)
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db


def test_front_page_groups_open_coming_and_decided(client):
    open_now = ProcessFactory(status=Process.Status.OPEN, title="Åben nu")
    coming = ProcessFactory(status=Process.Status.PUBLISHED, title="Kommer snart")
    decided = ProcessFactory(status=Process.Status.DECIDED, title="Besluttet i går")
    ProcessFactory(status=Process.Status.DRAFT, title="Hemmelig kladde")
    ProcessFactory(kind=Process.Kind.CASE, status=Process.Status.OPEN, title="Borgers sag")
    response = client.get(reverse("processes:home"))
    assert list(response.context["open_now"]) == [open_now]
    assert list(response.context["coming"]) == [coming]
    assert list(response.context["decided"]) == [decided]
    html = response.content.decode()
    assert "Hemmelig kladde" not in html and "Borgers sag" not in html
    assert reverse("pages:accessibility") in html
    assert '<html lang="da">' in html


def test_list_filters_by_district_status_centre_and_method(client):
    skovlunde = DistrictFactory(name="Skovlunde", postcode="2740")
    maaloev = DistrictFactory(name="Måløv", postcode="2760")
    centre = CentreFactory(name="Center for Miljø, Plan og Byggeri")
    a = ProcessFactory(status=Process.Status.OPEN, centre=centre, title="Cykelsti")
    a.districts.add(skovlunde)
    ActivityFactory(process=a, method=Activity.Method.WORKSHOP)
    ActivityFactory(process=a, method=Activity.Method.WORKSHOP)
    b = ProcessFactory(status=Process.Status.DECIDED, title="Skolestruktur")
    b.districts.add(maaloev)
    ActivityFactory(process=b, method=Activity.Method.HEARING)
    ProcessFactory(status=Process.Status.DRAFT, title="Kladde")

    def titles(**params):
        response = client.get(reverse("processes:list"), params)
        assert response.status_code == 200
        return [p.title for p in response.context["page"]]

    assert sorted(titles()) == ["Cykelsti", "Skolestruktur"]
    assert titles(district=skovlunde.pk) == ["Cykelsti"]
    assert titles(status="decided") == ["Skolestruktur"]
    # Unknown values (e.g. "draft", not a public status) are left out with a notice.
    assert sorted(titles(status="draft")) == ["Cykelsti", "Skolestruktur"]
    response = client.get(reverse("processes:list"), {"status": "draft", "centre": centre.pk})
    assert [p.title for p in response.context["page"]] == ["Cykelsti"]
    assert response.context["ignored_filter"]
    assert titles(centre=centre.pk) == ["Cykelsti"]
    assert titles(method="workshop") == ["Cykelsti"]  # once, though it has two workshops
    assert titles(q="skole") == ["Skolestruktur"]
    assert sorted(titles(district="999999")) == ["Cykelsti", "Skolestruktur"]


def test_list_paginates(client, settings):
    settings.INDDRAG_PAGE_SIZE = 10
    for n in range(23):
        ProcessFactory(status=Process.Status.OPEN, title=f"Forløb {n}")
    first = client.get(reverse("processes:list"))
    assert len(first.context["page"]) == 10
    third = client.get(reverse("processes:list"), {"side": 3, "status": "open"})
    assert len(third.context["page"]) == 3
    assert "status=open&amp;side=2" in third.content.decode()
    assert client.get(reverse("processes:list"), {"side": "abc"}).status_code == 200
    assert client.get(reverse("processes:list"), {"side": "999"}).context["page"].number == 3


def test_process_page_shows_frame_promise_timeline_and_contact(client):
    process = complete_project(status=Process.Status.PUBLISHED)
    response = client.get(reverse("processes:detail", args=[process.pk]))
    html = response.content.decode()
    assert "Det kan du få indflydelse på" in html
    assert "Det ligger fast" in html
    assert "Legepladsens placering" in html
    assert "det er fastlagt i kommuneplanen." in html
    assert process.influence_promise in html
    assert "Du er her" in html
    assert process.centre.contact_email in html
    assert "Høringsperioden er 31 dage — lovens minimum er 28." in html


def test_timeline_marks_the_current_activity(client):
    process = complete_project(status=Process.Status.OPEN)
    now = timezone.now()
    ActivityFactory(
        process=process,
        title="Workshop nu",
        method=Activity.Method.WORKSHOP,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=2),
        location="Ballerup Rådhus",
    )
    html = client.get(reverse("processes:detail", args=[process.pk])).content.decode()
    # Open now, with its time and place, in the box at the top.
    top = html[: html.index('id="rammen"')]
    assert "Du kan deltage nu" in top and "Workshop nu" in top and "Ballerup Rådhus" in top
    current = html[html.index('aria-current="step"') :]
    assert current.index("Du er her") < current.index("Workshop nu") < current.index("</li>")
    assert "(nu)" not in html


def test_static_pages(client):
    for name in ("pages:accessibility", "pages:principles"):
        response = client.get(reverse(name))
        assert response.status_code == 200
    assert "Tilgængelighedserklæring" in client.get(reverse("pages:accessibility")).content.decode()


def test_every_page_has_the_site_icon(client):
    html = client.get(reverse("processes:home")).content.decode()
    assert '<link rel="icon" href="/static/inddrag/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/inddrag/favicon.svg"


def test_english_is_available(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get(reverse("processes:home")).content.decode()
    assert '<html lang="en">' in html
    assert "Open for input now" in html


# --- Query counts that do not grow with data ---------------------------------------------------


def _many(rows: int) -> list[Process]:
    """At least three public processes, open, coming and decided in turn; each one published
    after the one before, so the last one made comes first in its group."""
    district = DistrictFactory(name="Ballerup", postcode="2750")
    statuses = [Process.Status.OPEN, Process.Status.PUBLISHED, Process.Status.DECIDED]
    start = timezone.now() - datetime.timedelta(days=1)
    made = []
    for n in range(max(rows, 3)):
        process = ProcessFactory(
            status=statuses[n % 3],
            title=f"Forløb {n}",
            published_at=start + datetime.timedelta(minutes=n),
        )
        process.districts.add(district)
        ActivityFactory(process=process)
        made.append(process)
    return made


@pytest.mark.parametrize("rows", [1, 50])
def test_front_page_query_count(client, django_assert_num_queries, rows):
    made = _many(rows)
    assert_queries(
        django_assert_num_queries,
        9,
        lambda: client.get(reverse("processes:home")),
        shows=[made[-1].title, made[-1].get_absolute_url()],
    )


@pytest.mark.parametrize("rows", [1, 50])
def test_list_query_count(client, django_assert_num_queries, rows):
    made = _many(rows)
    last_open = [p for p in made if p.status == Process.Status.OPEN][-1]
    response = assert_queries(
        django_assert_num_queries,
        6,
        lambda: client.get(reverse("processes:list"), {"status": "open"}),
        shows=[last_open.title, last_open.get_absolute_url()],
    )
    assert response.context["page"].paginator.count == len(made[::3])


@pytest.mark.parametrize("rows", [1, 50])
def test_detail_query_count(client, django_assert_num_queries, rows):
    process = complete_project(status=Process.Status.OPEN)
    for n in range(rows):
        FrameItemFactory(process=process, text=f"Punkt {n}")
        phase = PhaseFactory(process=process)
        ActivityFactory(process=process, phase=phase)
        MilestoneFactory(process=process)
    # The process with its plan (1 + 6 prefetches) and the documents section.
    assert_queries(
        django_assert_num_queries,
        12,
        lambda: client.get(reverse("processes:detail", args=[process.pk])),
        shows=[process.title, f"Punkt {rows - 1}"],
    )


def test_danish_even_when_the_browser_asks_for_english(client):
    html = client.get(reverse("processes:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content
    assert b'<html lang="da">' in html


def test_not_found_page_is_friendly_and_in_danish(client, settings):
    settings.DEBUG = False
    response = client.get("/forloeb/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Vi kunne ikke finde siden" in html
    assert reverse("processes:list") in html
