"""Staff record the decision on a process with answered contributions and a final version; the
public process page shows the decision first and the visible changes, added text in <ins> and
deleted text in <del>. axe-core finds no WCAG 2.1 A/AA violations on the decision form and on the
decided process page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from inddrag.contributions.models import Answer
from inddrag.notifications.models import Notification
from inddrag.processes.models import Decision, Process
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import StaffFactory, complete_project
from tests.processes.outcome import answered, document, link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _clean(page, name: str) -> None:
    violations = axe_violations(page)
    screenshot(page, name)
    assert violations == [], f"{page.url}: {violations}"


def test_staff_record_the_decision_and_citizens_read_it(page, live_server):
    staff = StaffFactory(username="beslutter")
    process = complete_project(
        status=Process.Status.PROCESSING,
        published_at=timezone.now() - datetime.timedelta(days=60),
        responsible=staff,
        centre=staff.centre,
        title="Lokalplan 7 for Skovlunde Bymidte",
    )
    milestone = process.milestones.get()
    milestone.meeting_date = timezone.localdate() - datetime.timedelta(days=2)
    milestone.agenda_url = "https://dagsorden.example/teknik/punkt-4"
    milestone.save()
    _doc, hearing, final = document(process, final_published=False)
    first, _second = answered(process, 2)
    link(hearing, final, "tre etager", "Vi bygger lavere mod naboerne.", [first])
    base = live_server.url

    # Staff log in and open the decision form from the edit page.
    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill("beslutter")
    page.get_by_label("Adgangskode").fill("hemmelig-kode-1")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base}/personale/")
    page.goto(f"{base}/personale/forloeb/{process.pk}/")
    page.get_by_role("link", name="Registrér beslutningen").click()
    page.wait_for_url(re.compile(r"/beslutning/$"))
    _clean(page, "60-beslutning-formular")

    # The meeting, the body and the final version are suggested; staff write the rest.
    assert page.get_by_label("Mødedato").input_value() == milestone.meeting_date.isoformat()
    page.get_by_label("Dagsordenspunkt", exact=True).fill(
        "Punkt 4: Lokalplan 7, endelig vedtagelse"
    )
    page.get_by_role("textbox", name="Beslutningen").fill(
        "Teknik- og Miljøudvalget vedtog lokalplanen med de foreslåede ændringer."
    )
    page.get_by_role("button", name="Registrér beslutningen").click()
    page.wait_for_url(f"{base}/personale/forloeb/{process.pk}/")
    assert page.get_by_text("Beslutningen er registreret").is_visible()

    process.refresh_from_db()
    final.refresh_from_db()
    assert process.status == Process.Status.DECIDED
    assert Decision.objects.get(process=process).final_version == final
    assert final.published
    assert not Answer.objects.filter(published_at=None).exists()
    assert Notification.objects.filter(kind=Notification.Kind.DECISION).count() == 2

    # A citizen reads the decided process: the decision comes first, then the documents.
    page.context.clear_cookies()
    page.goto(f"{base}/forloeb/{process.pk}/")
    headings = page.locator("main section h2").all_inner_texts()
    assert headings[0] == "Beslutningen", headings
    assert headings.index("Dokumenter") == 1, headings
    assert page.get_by_role("link", name="Punkt 4: Lokalplan 7, endelig vedtagelse").is_visible()
    answer = page.locator(f"#bidrag-{first.pk}").locator("xpath=..")
    assert answer.get_by_text("Vi bygger lavere mod naboerne.").first.is_visible()
    _clean(page, "61-forloeb-besluttet")

    # The visible changes: added words in <ins>, deleted words in <del>.
    page.locator(f'a[href="/dokumenter/sammenlign/{hearing.pk}/{final.pk}/"]').first.click()
    page.wait_for_url(re.compile(r"/sammenlign/"))
    inserted = page.locator(".document-diff ins").all_inner_texts()
    deleted = page.locator(".document-diff del").all_inner_texts()
    assert any("tre" in text for text in inserted), inserted
    assert any("fire" in text for text in deleted), deleted
    assert any("bevares" in text for text in inserted), inserted
    screenshot(page, "62-beslutning-synlige-rettelser")
