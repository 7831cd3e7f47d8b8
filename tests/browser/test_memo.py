"""Staff make the hearing memo in a real browser: the preview, the topics page and the
contribution page pass axe-core (WCAG 2.1 A and AA) with no violations."""

from __future__ import annotations

import re

import pytest

from inddrag.memos.models import Memo
from tests.browser.conftest import axe_violations, screenshot
from tests.factories.memos import memo_process

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _clean(page, name: str) -> None:
    violations = axe_violations(page)
    screenshot(page, name)
    assert violations == [], f"{page.url}: {violations}"


def test_staff_preview_and_make_the_memo(page, live_server, staff):
    data = memo_process(staff)
    base = live_server.url
    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill(staff.username)
    page.get_by_label("Adgangskode").fill("hemmelig-kode-1")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base}/personale/")

    page.goto(f"{base}/personale/forloeb/{data.process.pk}/hoeringsnotat/")
    assert page.get_by_text("Ønsker lavere byggeri af hensyn til lyset.").is_visible()
    _clean(page, "40-hoeringsnotat")
    page.get_by_role("button", name="Lav høringsnotat (DOCX og PDF)").click()
    page.get_by_role("link", name="Hent høringsnotatet som PDF").wait_for()
    assert Memo.objects.get().status == Memo.Status.DONE
    _clean(page, "41-hoeringsnotat-klar")
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent høringsnotatet som Word (DOCX)").click()
    assert re.match(r"hoeringsnotat-.*\.docx$", download.value.suggested_filename)

    page.goto(f"{base}/personale/forloeb/{data.process.pk}/emner/?vis=all")
    _clean(page, "42-emner")
    page.goto(f"{base}/personale/forloeb/{data.process.pk}/bidrag/{data.named.pk}/")
    _clean(page, "43-bidrag-med-hoeringsnotat")
