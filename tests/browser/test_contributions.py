"""A citizen sends a contribution; staff answer it; the citizen sees the answer. axe-core on each
new page finds no WCAG 2.1 A/AA violations."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from inddrag.contributions.models import Answer, Contribution
from inddrag.processes.models import Activity, Process
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import ActivityFactory, StaffFactory, complete_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _clean(page, name: str) -> None:
    violations = axe_violations(page)
    screenshot(page, name)
    assert violations == [], f"{page.url}: {violations}"


def test_citizen_contributes_and_staff_answer(page, live_server):
    staff = StaffFactory(username="sagsbehandler2")
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
        title="Høring om skolestien",
        method=Activity.Method.HEARING,
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=10),
    )
    base = live_server.url

    # The citizen writes, with script in the text, and sends.
    page.goto(f"{base}/forloeb/{process.pk}/")
    _clean(page, "20-forloeb-med-formular")
    page.get_by_role("textbox", name="Dit bidrag").fill(
        'Flyt stien væk fra vejen. <script>alert("x")</script>'
    )
    page.get_by_role("textbox", name="Dit navn").fill("Anna Borger")
    page.get_by_role("textbox", name="Din e-mailadresse").fill("anna@example.dk")
    page.get_by_role("radio", name=re.compile("^Ja, med mit navn")).check()
    page.get_by_role("button", name="Send bidrag").click()
    page.wait_for_url(re.compile(r"/bidrag/[^/]+/"))
    receipt_url = page.url
    contribution = Contribution.objects.get()
    assert contribution.receipt_number in page.content()
    _clean(page, "21-kvittering")
    # The private link to copy, and a print view without the site's navigation.
    path = receipt_url.split("#")[0].removeprefix(base)
    assert page.locator("#receipt-link").input_value().endswith(path)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Kopiér linket").click()
    page.get_by_text("Linket er kopieret.").wait_for(timeout=5000)
    assert page.evaluate("navigator.clipboard.readText()").endswith(path)
    page.emulate_media(media="print")
    assert not page.locator("header.header").is_visible()
    assert page.locator("#receipt-link").is_visible()
    page.emulate_media(media="screen")

    # The contribution is published at once (nothing flagged), with the script as text.
    page.goto(f"{base}/forloeb/{process.pk}/")
    assert page.get_by_text('<script>alert("x")</script>', exact=False).first.is_visible()

    # Staff answer it and publish the answer.
    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill("sagsbehandler2")
    page.get_by_label("Adgangskode").fill("hemmelig-kode-1")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base}/personale/")
    page.goto(f"{base}/personale/forloeb/{process.pk}/bidrag/")
    _clean(page, "22-personale-indbakke")
    page.goto(f"{base}/personale/forloeb/{process.pk}/bidrag/{contribution.pk}/")
    _clean(page, "23-personale-bidrag")
    page.get_by_label("Imødekommet", exact=True).check()
    page.get_by_label("Begrundelse").fill("Stien flyttes fem meter væk fra vejen.")
    page.get_by_role("button", name="Gem svaret som udkast").click()
    page.wait_for_load_state()
    assert Answer.objects.get().published_at is None
    page.goto(f"{base}/personale/forloeb/{process.pk}/bidrag/")
    page.get_by_role("link", name="Offentliggør 1 svar…").click()
    page.wait_for_url(re.compile(r"/offentliggoer-svar/"))
    _clean(page, "22b-personale-offentliggoer-svar")
    # Before the decision the answer is marked preliminary unless staff untick the box.
    assert page.get_by_label("Markér svarene „Foreløbigt svar“").is_checked()
    page.get_by_role("button", name="Offentliggør 1 svar").click()
    page.wait_for_url(re.compile(r"/bidrag/$"))
    answer = Answer.objects.get()
    assert answer.published_at is not None and answer.preliminary

    # The citizen sees the answer on the private link.
    page.context.clear_cookies()
    page.goto(receipt_url)
    assert page.get_by_text("Stien flyttes fem meter væk fra vejen.").is_visible()
    assert "Foreløbigt svar." in page.locator(".answer-preliminary").inner_text()
    _clean(page, "24-kvittering-med-svar")
