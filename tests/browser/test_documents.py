"""Reading visible changes in a real browser: axe-core finds no WCAG 2.1 A/AA violations on the
public document pages or the staff pages for documents."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from inddrag.documents.diff import compare
from inddrag.documents.importers import blocks_from_text
from inddrag.documents.models import Change, DocumentVersion
from inddrag.processes.models import Process
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import ProcessFactory, StaffFactory
from tests.factories.contributions import ContributionFactory, PublishedContributionFactory
from tests.factories.documents import FINAL_TEXT, DocumentFactory, VersionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLE_OLD = {"type": "table", "rows": [["Delområde", "Etager"], ["I", "4"], ["II", "3"]]}
TABLE_NEW = {"type": "table", "rows": [["Delområde", "Etager"], ["I", "3"], ["II", "3"]]}


def _clean(tab, name: str) -> None:
    violations = axe_violations(tab)
    screenshot(tab, name)
    assert violations == [], f"{tab.url}: {violations}"


def _documents():
    staff = StaffFactory(username="planlaegger")
    process = ProcessFactory(
        status=Process.Status.PROCESSING,
        published_at=timezone.now(),
        responsible=staff,
        centre=staff.centre,
    )
    document = DocumentFactory(process=process)
    hearing = VersionFactory(
        document=document,
        blocks=[
            *blocks_from_text(FINAL_TEXT.replace("tre etager", "fire etager"))[:-1],
            {"id": "b99", **TABLE_OLD},
        ],
    )
    final = VersionFactory(
        document=document,
        label=DocumentVersion.Label.FINAL,
        dated=datetime.date(2027, 6, 1),
        blocks=[*blocks_from_text(FINAL_TEXT), {"id": "b99", **TABLE_NEW}],
    )
    contribution = PublishedContributionFactory(
        process=process, version=hearing, block_id="b6", text="Byg højst tre etager."
    )
    ContributionFactory(process=process, text="Et bidrag, der ikke er offentliggjort.")
    key = next(b.key for b in compare(hearing.blocks, final.blocks) if "tre" in str(b.segments))
    change = Change.objects.create(
        from_version=hearing,
        to_version=final,
        key=key,
        explanation="Naboerne ønskede lavere byggeri, så bygningerne bliver højst tre etager.",
    )
    change.contributions.set([contribution])
    return staff, hearing, final


def test_public_document_pages(page, live_server):
    _staff, hearing, final = _documents()
    base = live_server.url
    page.goto(f"{base}/dokumenter/sammenlign/{hearing.pk}/{final.pk}/")
    assert page.locator("del").filter(has_text="fire").count() >= 1
    assert page.locator("ins").filter(has_text="tre").count() >= 1
    assert page.get_by_text("Naboerne ønskede lavere byggeri").is_visible()
    _clean(page, "40-synlige-rettelser")
    page.get_by_role("link", name="Vis kun ændringer").click()
    page.wait_for_url("**kun_aendringer=1")
    assert page.get_by_text("Området skal have grønne friarealer").count() == 0
    _clean(page, "41-synlige-rettelser-kun-aendringer")
    page.goto(f"{base}/dokumenter/udgave/{hearing.pk}/")
    page.get_by_text("1 bidrag til dette afsnit").click()
    assert page.get_by_text("Byg højst tre etager.").is_visible()
    _clean(page, "42-hoeringsudgave")
    page.goto(f"{base}/forloeb/{hearing.document.process_id}/")
    _clean(page, "43-forloeb-med-dokumenter")


def test_staff_document_pages(page, live_server):
    staff, hearing, final = _documents()
    base = live_server.url
    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill(staff.username)
    page.get_by_label("Adgangskode").fill("hemmelig-kode-1")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base}/personale/")
    process = hearing.document.process
    for name, url in [
        ("44-personale-dokumenter", f"/personale/forloeb/{process.pk}/dokumenter/"),
        ("45-personale-dokument", f"/personale/dokumenter/{hearing.document_id}/"),
        ("46-personale-udgave", f"/personale/dokumenter/udgave/{final.pk}/"),
        ("47-personale-sammenlign", f"/personale/dokumenter/sammenlign/{hearing.pk}/{final.pk}/"),
    ]:
        page.goto(base + url)
        _clean(page, name)
    page.get_by_role("link", name="Ret forklaringen og koblingerne").first.click()
    page.wait_for_load_state()
    _clean(page, "48-personale-forklar-aendring")
