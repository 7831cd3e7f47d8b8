"""A citizen's own case in a real browser (issue #11, section 6): the caseworker's journey —
open a case from its type, answer the citizen, send the partshøring, record the decision — and the
citizen's — log in, read the frame, write "Det vigtigste for mig", write a message, answer the
partshøring, read the decision and evaluate. Zero axe-core violations on every page on the way."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from inddrag.cases.models import (
    CaseDecision,
    CaseEvaluation,
    CaseFile,
    CaseHearing,
    CaseMeeting,
)
from inddrag.lib.calendar import local_date
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import StaffFactory, UserFactory
from tests.factories.cases import case_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "hemmelig-kode-1"


def _clean(page, name: str) -> None:
    violations = axe_violations(page)
    screenshot(page, name)
    assert violations == [], f"{page.url}: {violations}"


def _log_in(page, base: str, username: str, lands: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(re.compile(lands))


def test_a_case_from_opening_to_decision_as_caseworker_and_citizen(page, live_server):
    caseworker = StaffFactory(username="sagsbehandler-b", first_name="Jonas", last_name="Holm")
    UserFactory(
        username="karen-b", first_name="Karen", last_name="Jensen", email="karen@example.com"
    )
    kind = case_type("Hjælpemidler til badeværelset", hearing_days=14, hearing_minimum_days=7)
    base = live_server.url

    # --- The caseworker opens the case from its type. -------------------------------------------
    _log_in(page, base, caseworker.username, r"/personale/$")
    page.goto(f"{base}/personale/sager/")
    _clean(page, "70-mine-sager-tom")
    page.get_by_role("link", name="Ny sag").click()
    page.wait_for_url(re.compile(r"/personale/sager/ny/$"))
    _clean(page, "71-ny-sag")
    page.get_by_label("Sagstype").select_option(label=kind.name)
    page.get_by_label("Borgerens brugernavn eller e-mail").fill("karen-b")
    page.get_by_label("Emne").fill("Badebænk og greb ved toilettet")
    page.get_by_role("button", name="Opret sagen").click()
    page.wait_for_url(re.compile(r"/personale/forloeb/\d+/"))
    case = CaseFile.objects.get()
    _clean(page, "72-sagens-side")

    # --- The citizen reads the frame and writes what matters most, and a message. -----------------
    _log_in(page, base, "karen-b", r"/$")
    page.goto(f"{base}/sager/{case.process_id}/")
    _clean(page, "73-min-sag")
    assert page.get_by_text("Hvilket hjælpemiddel").is_visible()  # what I can influence
    assert page.get_by_text("De står i loven.").is_visible()  # what is fixed, and why
    page.get_by_role("textbox", name="Det vigtigste for mig").fill(
        "At jeg kan klare badet selv om morgenen."
    )
    page.get_by_role("button", name="Gem").first.click()
    page.wait_for_url(re.compile(r"#det-vigtigste$"))
    page.wait_for_load_state()
    assert page.get_by_text("Senest gemt").is_visible()
    page.get_by_role("textbox", name="Din besked").fill(
        "Jeg bor på 2. sal uden elevator. Kan I komme hjem til mig?"
    )
    page.get_by_role("button", name="Send beskeden").click()
    page.wait_for_url(re.compile(r"/sager/\d+/"))
    assert page.get_by_text("Jeg bor på 2. sal uden elevator.").is_visible()
    _clean(page, "74-min-sag-besked")

    # --- The caseworker answers, and sends the draft decision for comments. -----------------------
    _log_in(page, base, caseworker.username, r"/personale/$")
    page.goto(f"{base}/personale/sager/")
    assert page.get_by_text("1 besked", exact=False).first.is_visible()
    page.goto(f"{base}/personale/forloeb/{case.process_id}/beskeder/")
    _clean(page, "75-beskeder")
    page.get_by_label("Dit svar").first.fill("Ja, vi kommer på hjemmebesøg.")
    page.get_by_role("button", name="Svar", exact=True).first.click()
    page.wait_for_url(re.compile(r"/beskeder/"))
    # ... proposes a home visit ...
    page.goto(f"{base}/personale/forloeb/{case.process_id}/moeder/")
    _clean(page, "75b-moeder")
    page.get_by_label("Hjemmebesøg").check()
    page.get_by_label("Det skal vi tale om").fill("Vi ser på badeværelset og afprøver en bænk.")
    page.get_by_label("Hvem deltager fra kommunen").fill("Jonas Holm og en ergoterapeut")
    visit = local_date(timezone.now()) + datetime.timedelta(days=5)
    page.get_by_label("Tid 1: begynder").fill(f"{visit.isoformat()}T10:00")
    page.get_by_label("Tid 1: slutter").fill(f"{visit.isoformat()}T11:00")
    page.get_by_role("button", name="Foreslå mødet").click()
    page.wait_for_url(re.compile(r"/moeder/"))
    assert CaseMeeting.objects.filter(case=case).count() == 1
    page.goto(f"{base}/personale/forloeb/{case.process_id}/partshoering/")
    _clean(page, "76-partshoering")
    page.get_by_label("Udkastet til afgørelse").fill(
        "Vi vil bevilge en badebænk, men ikke greb, fordi de kan købes i almindelig handel."
    )
    page.get_by_role("button", name="Send til borgeren").click()
    page.wait_for_url(re.compile(r"/personale/forloeb/\d+/"))
    hearing = CaseHearing.objects.get()
    assert hearing.deadline == local_date(timezone.now()) + datetime.timedelta(days=14)

    # --- The citizen picks the meeting's time and answers the partshøring. ----------------------
    _log_in(page, base, "karen-b", r"/$")
    page.goto(f"{base}/sager/{case.process_id}/")
    page.locator("form.meeting-pick-form").get_by_role("radio").first.check()
    page.get_by_role("button", name="Book tiden").click()
    page.wait_for_url(re.compile(r"/sager/\d+/"))
    assert CaseMeeting.objects.get(case=case).status == CaseMeeting.Status.BOOKED
    assert page.get_by_role("link", name=re.compile("kalender", re.I)).count() >= 1
    assert page.get_by_text("Ja, vi kommer på hjemmebesøg.").is_visible()
    page.get_by_label("Jeg har bemærkninger").check()
    page.get_by_role("textbox", name="Dine bemærkninger").fill(
        "Jeg kan ikke rejse mig fra toilettet uden greb."
    )
    page.get_by_role("button", name="Send mit svar").click()
    page.wait_for_url(re.compile(r"/sager/\d+/"))
    _clean(page, "77-min-sag-svaret")

    # --- The caseworker records the decision, saying how each input was used. ---------------------
    _log_in(page, base, caseworker.username, r"/personale/$")
    page.goto(f"{base}/personale/forloeb/{case.process_id}/sagsafgoerelse/")
    _clean(page, "78-afgoerelse")
    page.get_by_label("Delvist bevilget").check()
    page.get_by_label("Begrundelse").fill(
        "Badebænken er et hjælpemiddel efter serviceloven § 112. Greb kan købes i almindelig "
        "handel og er derfor ikke omfattet."
    )
    used = page.get_by_label("Sådan brugte vi det")
    assert used.count() == 3  # what matters, the message, the partshøring comment
    for n, text in enumerate(
        (
            "Bænken gør, at du kan bade selv.",
            "Vi holdt mødet hjemme hos dig.",
            "Vi har set på det igen, men greb er stadig ikke omfattet.",
        )
    ):
        used.nth(n).fill(text)
    page.get_by_role("button", name="Registrér afgørelsen, og giv borgeren besked").click()
    page.wait_for_url(re.compile(r"/personale/forloeb/\d+/"))
    decision = CaseDecision.objects.get()
    assert decision.outcome == CaseDecision.Outcome.PARTLY
    assert decision.inputs.count() == 3

    # --- The citizen reads the decision and evaluates. --------------------------------------------
    _log_in(page, base, "karen-b", r"/$")
    page.goto(f"{base}/sager/{case.process_id}/")
    assert page.get_by_text("Bænken gør, at du kan bade selv.").is_visible()
    assert page.get_by_text(decision.complaint_deadline.strftime("%Y")).first.is_visible()
    _clean(page, "79-min-sag-afgjort")
    for group in page.locator("fieldset.scale").all() or page.locator("fieldset").all():
        radios = group.get_by_role("radio")
        if radios.count() == 5:
            radios.nth(3).check()
    page.get_by_role("button", name="Send min evaluering").click()
    page.wait_for_url(re.compile(r"/sager/\d+/"))
    assert CaseEvaluation.objects.count() == 1
