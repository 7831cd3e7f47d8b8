"""The public process page in the order a citizen needs it: what is this — can I take part now
(one way per activity, the form first) — what can I influence — how and until when — the
timeline with "Du er her" — what happened; with a short contents list."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from inddrag.processes.models import Activity, Process
from tests.factories import ActivityFactory, PhaseFactory, complete_project
from tests.factories.contributions import PublishedContributionFactory

pytestmark = pytest.mark.django_db


def _page(client, process) -> str:
    response = client.get(reverse("processes:detail", args=[process.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def open_hearing():
    process = complete_project(
        status=Process.Status.OPEN,
        published_at=timezone.now(),
        how_to_take_part="Du kan også sende et brev til rådhuset.",
    )
    now = timezone.now()
    phase = PhaseFactory(
        process=process,
        title="Høringsfasen",
        starts_on=(now - datetime.timedelta(days=3)).date(),
        ends_on=(now + datetime.timedelta(days=20)).date(),
    )
    ActivityFactory(
        process=process,
        phase=phase,
        title="Høring om skolestien",
        method=Activity.Method.HEARING,
        starts_at=now - datetime.timedelta(days=2),
        ends_at=now + datetime.timedelta(days=14),
        online_url="https://andet-sted.example/hoering",
    )
    ActivityFactory(
        process=process,
        phase=phase,
        title="Borgermøde på skolen",
        method=Activity.Method.PUBLIC_MEETING,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=2),
        location="Skovlunde Skole",
    )
    return process


def test_the_way_to_take_part_is_the_form_first_and_once(client, open_hearing):
    html = _page(client, open_hearing)
    top = html[: html.index('id="rammen"')]
    # One primary way for the hearing: the form on this page, with its deadline.
    assert '<a class="button button-primary" href="#send-bidrag">Send dit bidrag</a>' in top
    assert "Høring om skolestien: send dit bidrag her på siden" in top
    assert "Frist:" in top
    # No link elsewhere competing with it at the top; the meeting with its time and place.
    assert "andet-sted.example" not in top
    assert "Borgermøde på skolen" in top and "Skovlunde Skole" in top
    # On the timeline the other site is only a second way ("Også"), after the form's link.
    hearing = html[html.index("Høring om skolestien</strong>") :]
    hearing = hearing[: hearing.index('class="timeline-entry')]
    assert hearing.index('href="#send-bidrag"') < hearing.index("Også:")
    # Staff's own text on taking part comes after the form, as the other ways.
    other_ways = html.index('id="saadan-deltager-du"')
    assert html.index('id="send-bidrag"') < other_ways
    assert "Andre måder at deltage" in html[other_ways : other_ways + 200]


def test_the_page_is_in_the_order_a_citizen_needs(client, open_hearing):
    PublishedContributionFactory(process=open_hearing)
    html = _page(client, open_hearing)
    order = [
        'class="take-part-now',
        'id="rammen"',
        'id="send-bidrag"',
        'id="saadan-deltager-du"',
        'id="tidslinje"',
        'id="det-sagde-i"',
        'id="principperne"',
        'id="kontakt"',
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_the_contents_list_leads_to_every_section_on_the_page(client, open_hearing):
    html = _page(client, open_hearing)
    nav = html[html.index('class="page-contents"') :]
    nav = nav[: nav.index("</nav>")]
    targets = re.findall(r'href="#([a-z-]+)">([^<]+)<', nav)
    labels = dict(targets)
    assert labels["rammen"] == "Det kan du påvirke"
    assert labels["send-bidrag"] == "Send dit bidrag"
    assert labels["saadan-deltager-du"] == "Andre måder at deltage"
    assert labels["tidslinje"] == "Tidslinje"
    for anchor, _label in targets:
        assert f'id="{anchor}"' in html, anchor


def test_you_are_here_on_the_activity_going_on_today(client, open_hearing):
    html = _page(client, open_hearing)
    # The hearing and the meeting, both today; not the phase around them.
    assert html.count('class="you-are-here-tag"') == 2
    assert html.count('aria-current="step"') == 2
    phase = html[html.index("Høringsfasen</strong>") - 400 : html.index("Høringsfasen</strong>")]
    assert "you-are-here" not in phase


@pytest.mark.parametrize("status", [Process.Status.PUBLISHED, Process.Status.DECIDED])
def test_you_are_here_on_a_process_with_nothing_going_on(client, status):
    process = complete_project(status=status, published_at=timezone.now())
    html = _page(client, process)
    assert 'class="you-are-here"' in html and 'aria-current="step"' in html


def test_a_past_activity_has_no_link_to_take_part(client):
    process = complete_project(status=Process.Status.OPEN, published_at=timezone.now())
    now = timezone.now()
    ActivityFactory(
        process=process,
        title="Idéindsamling i foråret",
        method=Activity.Method.IDEAS,
        starts_at=now - datetime.timedelta(days=60),
        ends_at=now - datetime.timedelta(days=30),
        online_url="https://ideer.example/forår",
    )
    assert "ideer.example" not in _page(client, process)


def test_a_closed_process_lists_its_written_contributions_not_a_form(client):
    process = complete_project(status=Process.Status.PROCESSING, published_at=timezone.now())
    html = _page(client, process)
    nav = html[
        html.index('class="page-contents"') : html.index("</nav>", html.index("page-contents"))
    ]
    assert "Skriftlige bidrag" in nav and "Send dit bidrag" not in nav
