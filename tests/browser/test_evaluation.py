"""The evaluation of the principles in a real browser (issue #13, section 5): a manager creates
a round, the preparer reads the indicators and writes the assessment (a draft, then recorded
with the meeting), the round is done and published, and the public round page shows the
conclusions. Zero axe-core violations on every page on the way."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import Permission

from inddrag.evaluation.models import Assessment, AssessmentText, EvaluationRound
from inddrag.organisation.models import DecisionBody, ElectionPeriod
from inddrag.processes.models import Process
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import StaffFactory, complete_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "hemmelig-kode-1"


def _clean(page, name: str) -> None:
    violations = axe_violations(page)
    screenshot(page, name)
    assert violations == [], f"{page.url}: {violations}"


def _log_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(re.compile(r"/personale/$"))


def test_a_round_from_creation_to_the_public_page(page, live_server):
    ElectionPeriod.objects.create(starts_on=datetime.date(2026, 1, 1))
    project = complete_project(status=Process.Status.OPEN)  # spring 2027: the first half
    committee = project.milestones.get().body
    DecisionBody.objects.exclude(pk=committee.pk).update(kind=DecisionBody.Kind.COUNCIL)
    manager = StaffFactory(username="sekretariat", first_name="Mette", last_name="Holm")
    manager.user_permissions.add(Permission.objects.get(codename="manage_rounds"))
    preparer = StaffFactory(
        username="udvalgssekretaer", first_name="Peter", last_name="Friis", centre=project.centre
    )
    base = live_server.url

    # --- The manager creates the round from the evaluation page. --------------------------------
    _log_in(page, base, "sekretariat")
    page.get_by_role("link", name="Evaluering", exact=True).click()
    page.wait_for_url(re.compile(r"/personale/evaluering/"))
    _clean(page, "80-indikatorer")
    page.get_by_role("link", name="Evalueringsrunder og vurderinger").click()
    _clean(page, "81-runder-tom")
    page.get_by_role("link", name="Ny evalueringsrunde").click()
    page.wait_for_url(re.compile(r"/runder/ny/$"))
    _clean(page, "82-ny-runde")
    page.get_by_label("Titel").fill("Midtvejs 2026–2027")
    page.get_by_label("Den halvdel af valgperioden, der evalueres").select_option(value="2026-1")
    deadline = datetime.date.today() + datetime.timedelta(days=30)
    page.get_by_label("Frist for vurderingerne").fill(deadline.isoformat())
    for select in page.locator("select[name^=udvalg_], select[name^=center_]").all():
        select.select_option(label="Peter Friis")
    page.get_by_role("button", name="Opret runden").click()
    page.wait_for_url(re.compile(r"/runder/\d+/$"))
    round_ = EvaluationRound.objects.get()
    assert page.get_by_text("vurderinger mangler stadig").is_visible()
    _clean(page, "83-runde")

    # --- The preparer reads the indicators and writes the assessment. ---------------------------
    _log_in(page, base, "udvalgssekretaer")
    assessment = round_.assessments.get(body=committee)
    page.goto(f"{base}/personale/evaluering/runder/{round_.pk}/")
    page.get_by_role("link", name=committee.name).click()
    page.wait_for_url(re.compile(rf"/vurderinger/{assessment.pk}/$"))
    assert page.get_by_text("Offentliggjort med en fuldstændig ramme").is_visible()
    _clean(page, "84-vurdering")
    for n in range(1, 6):
        section = page.locator(f"section[aria-labelledby=principle-{n}]")
        section.get_by_label("Det gik godt").fill(f"Princip {n}: det gik godt i forløbet.")
    page.get_by_role("button", name="Gem udkastet").click()
    page.wait_for_url(re.compile(rf"/vurderinger/{assessment.pk}/$"))
    assert page.get_by_text("Udkastet er gemt.").is_visible()
    assert AssessmentText.objects.filter(assessment=assessment).count() == 5
    # a CPR number in a text is refused next to the field, and the draft is kept as it was
    section = page.locator("section[aria-labelledby=principle-2]")
    section.get_by_label("Det vil vi gøre").fill("Ring til borgeren 010203-1234")
    page.get_by_role("button", name="Gem udkastet").click()
    assert page.get_by_text("offentliggøres med runden").first.is_visible()
    _clean(page, "85-vurdering-fejl")
    section.get_by_label("Det vil vi gøre").fill("Vi svarer hurtigere efter fristen.")
    page.get_by_label("Behandlet den").fill(datetime.date.today().isoformat())
    page.get_by_label("Link til dagsordenspunktet").fill("https://ballerup.dk/dagsorden/7")
    page.get_by_role("button", name="Registrér vurderingen").click()
    page.wait_for_url(re.compile(rf"/vurderinger/{assessment.pk}/$"))
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.RECORDED
    assert "010203" not in AssessmentText.objects.get(assessment=assessment, principle=2).will_do
    _clean(page, "86-vurdering-registreret")
    # the report for the committee's agenda (the tests' task backend runs it at once)
    page.get_by_role("button", name="Lav rapporten (DOCX og PDF)").click()
    page.get_by_text("Rapporten er klar").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Hent som PDF")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    _clean(page, "86b-vurdering-rapport")

    # --- The rest are recorded; the manager publishes the round. --------------------------------
    from inddrag.evaluation import services

    for other in round_.assessments.exclude(pk=assessment.pk):
        services.save_texts(other, {n: {"went_well": "Godt."} for n in range(1, 6)}, preparer)
        services.record_assessment(other, datetime.date.today(), "", preparer)
    _log_in(page, base, "sekretariat")
    page.goto(f"{base}/personale/evaluering/runder/{round_.pk}/")
    assert page.get_by_text("runden er afsluttet").is_visible()
    page.get_by_role("button", name="Offentliggør runden").click()
    page.wait_for_url(re.compile(rf"/runder/{round_.pk}/$"))
    _clean(page, "87-runde-offentliggjort")

    # --- Anyone reads the public round page. ----------------------------------------------------
    page.context.clear_cookies()
    page.goto(f"{base}/")
    page.get_by_role("link", name="Sådan lever vi op til principperne").click()
    page.get_by_role("link", name="Midtvejs 2026–2027").click()
    page.wait_for_url(re.compile(rf"/evaluering/{round_.pk}/$"))
    assert page.get_by_text("Princip 1: det gik godt i forløbet.").is_visible()
    assert page.get_by_text("Vi svarer hurtigere efter fristen.").is_visible()
    _clean(page, "88-offentlig-runde")
    page.set_viewport_size({"width": 390, "height": 844})
    _clean(page, "89-offentlig-runde-mobil")
