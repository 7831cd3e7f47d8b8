"""Involving broadly, in a real browser: staff put a suggested stakeholder on the hearing list
and invite it; the stakeholder answers through the personal link; staff see the tick. The
hearing list, the breadth page and the public page have no axe-core WCAG 2.1 A/AA violations."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from inddrag.contributions.models import AgeBand, Contribution, SpeakingAs
from inddrag.processes.models import Activity, Process
from inddrag.stakeholders.models import HearingListEntry, PopulationFigure, Stakeholder
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import ActivityFactory, DistrictFactory, StaffFactory, complete_project
from tests.factories.contributions import ContributionFactory
from tests.factories.stakeholders import StakeholderFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _clean(page, name: str) -> None:
    violations = axe_violations(page)
    screenshot(page, name)
    assert violations == [], f"{page.url}: {violations}"


def _setup():
    staff = StaffFactory(username="planlaegger5")
    process = complete_project(
        status=Process.Status.OPEN,
        published_at=timezone.now(),
        responsible=staff,
        centre=staff.centre,
        review_before_publishing=False,
    )
    now = timezone.now()
    ActivityFactory(
        process=process,
        title="Høring om idrætsparken",
        method=Activity.Method.HEARING,
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=20),
    )
    sport = TopicFactory(name="Idræt og fritid")
    process.topic_tags.add(sport)
    club = StakeholderFactory(
        name="Skovlunde Idrætsforening",
        type=Stakeholder.Type.ASSOCIATION,
        contact_name="Birgitte Hansen",
        email="formand@skovlunde-if.example",
        topics=[sport],
    )
    ballerup = DistrictFactory(name="Ballerup", postcode="2750", order=1)
    skovlunde = DistrictFactory(name="Skovlunde", postcode="2740", order=2)
    for district, count in ((ballerup, 30000), (skovlunde, 12000)):
        for band in (AgeBand.AGE_30_49, AgeBand.AGE_65_79):
            PopulationFigure.objects.create(
                district=district, age_band=band, count=count, year=2025, source="FOLK1A"
            )
    for _ in range(6):  # enough for one group to show on the charts
        ContributionFactory(
            process=process,
            district=ballerup,
            age_band=AgeBand.AGE_30_49,
            speaking_as=SpeakingAs.PRIVATE,
        )
    return staff, process, club


def test_invite_from_suggestions_answer_through_the_link_and_see_the_tick(
    page, browser, live_server
):
    staff, process, club = _setup()
    base = live_server.url
    hearing_list = f"{base}/personale/forloeb/{process.pk}/hoeringsliste/"

    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill(staff.username)
    page.get_by_label("Adgangskode").fill("hemmelig-kode-1")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base}/personale/")

    # From the edit page to the hearing list; refresh the suggestions.
    page.goto(f"{base}/personale/forloeb/{process.pk}/")
    page.get_by_role("link", name="Høringslisten").click()
    page.wait_for_url(hearing_list)
    page.locator(
        f'form[action="/personale/forloeb/{process.pk}/hoeringsliste/forslag/"] button'
    ).click()
    page.wait_for_load_state()
    entry = HearingListEntry.objects.get(process=process, stakeholder=club)
    assert entry.state == HearingListEntry.State.SUGGESTED
    _clean(page, "50-hoeringsliste-forslag")

    # Accept the suggestion, then send the invitations.
    accept = f"/personale/forloeb/{process.pk}/hoeringsliste/{entry.pk}/accepter/"
    page.locator(f'form[action="{accept}"] button').click()
    page.wait_for_load_state()
    entry.refresh_from_db()
    assert entry.state == HearingListEntry.State.ACCEPTED
    page.locator(
        f'form[action="/personale/forloeb/{process.pk}/hoeringsliste/inviter/"] button'
    ).click()
    page.wait_for_load_state()
    entry.refresh_from_db()
    assert entry.invited_at is not None
    invitations = [m for m in mail.outbox if club.email in m.to]
    assert len(invitations) == 1
    link = re.search(r"https?://\S+/invitation/[^/\s]+/", invitations[0].body).group(0)
    _clean(page, "51-hoeringsliste-inviteret")

    # The stakeholder opens the link in their own browser and sends the prefilled form.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    guest = context.new_page()
    path = re.sub(r"^https?://[^/]+", "", link)
    guest.goto(base + path)
    guest.wait_for_url(re.compile(rf"/forloeb/{process.pk}/"))
    assert guest.locator("#id_name").input_value() == "Birgitte Hansen"
    guest.get_by_role("textbox", name="Dit bidrag").fill(
        "Idrætsforeningen ønsker belysning på stien til kunstgræsbanen."
    )
    guest.get_by_role("radio", name=re.compile("^Ja, med mit navn")).check()
    guest.get_by_role("button", name="Send bidrag").click()
    guest.wait_for_url(re.compile(r"/bidrag/[^/]+/"))
    context.close()
    contribution = Contribution.objects.get(text__startswith="Idrætsforeningen")
    assert contribution.stakeholder_id == club.pk

    # Staff see the tick on the hearing list.
    page.goto(hearing_list)
    row = page.locator("tr", has_text="Skovlunde Idrætsforening")
    assert "✓" in row.inner_text()
    _clean(page, "52-hoeringsliste-besvaret")

    # The breadth page and the public page.
    page.goto(f"{base}/personale/forloeb/{process.pk}/bredde/")
    assert page.locator("svg[role=img]").count() == 3
    assert "Forening" in page.locator("table.breadth-types").inner_text()
    _clean(page, "53-bredde")
    page.goto(f"{base}/forloeb/{process.pk}/")
    assert page.get_by_role("heading", name="Hvem deltog?").is_visible()
    _clean(page, "54-offentlig-side-hvem-deltog")
