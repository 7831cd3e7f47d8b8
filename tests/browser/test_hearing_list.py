"""Invite from the suggestions, answer through the personal link, see the tick — in a real
browser; axe-core finds no WCAG 2.1 A/AA violations on the pages of the hearing list."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from inddrag.contributions.models import Contribution
from inddrag.processes.models import Activity, Process
from inddrag.stakeholders import services
from inddrag.stakeholders.models import HearingListEntry, Stakeholder
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import ActivityFactory, StaffFactory, complete_project
from tests.factories.stakeholders import HearingDutyFactory, StakeholderFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _clean(page, name: str) -> None:
    violations = axe_violations(page)
    screenshot(page, name)
    assert violations == [], f"{page.url}: {violations}"


def test_invite_answer_and_see_the_tick(browser, page, live_server):
    staff = StaffFactory(username="hoeringsliste")
    process = complete_project(
        status=Process.Status.OPEN,
        published_at=timezone.now(),
        responsible=staff,
        centre=staff.centre,
    )
    now = timezone.now()
    ActivityFactory(
        process=process,
        method=Activity.Method.HEARING,
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=10),
    )
    elderly, health = TopicFactory(name="Ældre"), TopicFactory(name="Sundhed")
    elderly.related.add(health)
    process.topic_tags.set([elderly])
    HearingDutyFactory(
        stakeholder=StakeholderFactory(
            name="Seniorrådet", type=Stakeholder.Type.COUNCIL, contact_name="Karen Holm"
        ),
        topics=[elderly],
        legal_basis="Retssikkerhedsloven § 30",
    )
    StakeholderFactory(name="Ældresagen Ballerup", topics=[elderly])
    StakeholderFactory(name="Sundhedsplejen", type=Stakeholder.Type.DISCIPLINE, topics=[health])
    base = live_server.url
    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill(staff.username)
    page.get_by_label("Adgangskode").fill("hemmelig-kode-1")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base}/personale/")

    page.goto(f"{base}/personale/forloeb/{process.pk}/hoeringsliste/")
    _clean(page, "60-hoeringsliste-tom")
    page.get_by_role("button", name="Opdatér forslag").click()
    page.get_by_text("Lovpligtig: Retssikkerhedsloven § 30").wait_for()
    assert page.get_by_text("Beslægtet emne: Sundhed", exact=False).is_visible()
    _clean(page, "61-hoeringsliste-forslag")

    # A dismissal without a reason is refused, with the error next to the field.
    page.get_by_role("button", name="Afvis Ældresagen Ballerup").click()
    page.get_by_text("Skriv en kort begrundelse for at afvise forslaget.").first.wait_for()
    _clean(page, "62-hoeringsliste-fejl")
    page.get_by_role("textbox", name="Hvorfor afvise Ældresagen Ballerup?").fill(
        "Inviteres gennem Seniorrådet"
    )
    page.get_by_role("button", name="Afvis Ældresagen Ballerup").click()
    page.get_by_role("button", name="Acceptér Seniorrådet").click()
    page.get_by_role("button", name="Acceptér Sundhedsplejen").click()
    page.get_by_role("button", name="Send invitationer").click()
    page.get_by_text("2 invitationer bliver sendt.").wait_for()
    _clean(page, "63-hoeringsliste-inviteret")

    entry = HearingListEntry.objects.get(stakeholder__name="Seniorrådet")
    token = services.invitation_token(entry)
    guest = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    invited = guest.new_page()
    invited.goto(f"{base}/invitation/{token}/")
    assert invited.get_by_role("textbox", name="Dit navn").input_value() == "Karen Holm"
    _clean(invited, "64-invitation-formular")
    invited.get_by_role("textbox", name="Dit bidrag").fill("Husk bænke langs stien.")
    invited.get_by_role("radio", name=re.compile("^Ja, med mit navn")).check()
    invited.get_by_role("button", name="Send bidrag").click()
    invited.wait_for_url(re.compile(r"/bidrag/[^/]+/"))
    guest.close()
    assert Contribution.objects.get().stakeholder.name == "Seniorrådet"

    page.goto(f"{base}/personale/forloeb/{process.pk}/hoeringsliste/?opdateret=1")
    row = page.get_by_role("row", name=re.compile("Seniorrådet"))
    assert "Ja" in row.inner_text()
    _clean(page, "65-hoeringsliste-svaret")
