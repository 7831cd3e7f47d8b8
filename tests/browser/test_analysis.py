"""Staff analyse a hearing's contributions in a real browser: run the analysis, merge two
topics, answer a campaign at once and see the topics in the hearing memo's preview; every page
passes axe-core (WCAG 2.1 A and AA) with no violations, at 1280 and 390 pixels."""

from __future__ import annotations

import pytest

from inddrag.analysis.models import Analysis
from inddrag.contributions.models import Answer, Contribution
from inddrag.memos.models import MemoTopic
from tests.analysis.test_runs import NAMES, hearing
from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _clean(page, name: str) -> None:
    violations = axe_violations(page)
    screenshot(page, name)
    assert violations == [], f"{page.url}: {violations}"


def test_analyse_merge_answer_a_campaign_and_see_the_memo(page, live_server, staff):
    process = hearing(staff)
    base = live_server.url
    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill(staff.username)
    page.get_by_label("Adgangskode").fill("hemmelig-kode-1")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base}/personale/")

    page.goto(f"{base}/personale/forloeb/{process.pk}/bidrag/")
    page.get_by_role("link", name="Emner og kampagner (analyse)").click()
    assert page.get_by_text("Bidragene er ikke analyseret endnu.").is_visible()
    _clean(page, "60-analyse-foer")
    page.get_by_role("button", name="Analysér bidragene").click()
    page.get_by_text("Senest analyseret").wait_for()
    assert Analysis.objects.get(process=process).status == Analysis.Status.DONE
    _clean(page, "61-analyse")

    topics = list(MemoTopic.objects.filter(process=process))
    assert len(topics) >= 2
    source, target = topics[0], topics[1]
    moved = Contribution.objects.filter(topic=source).count()
    item = page.locator(f"#topic-{source.pk}")
    item.get_by_label("Flet sammen med").select_option(label=target.name)
    item.get_by_role("button", name="Flet").click()
    page.get_by_text(f"„{source.name}“ er flettet sammen med „{target.name}“").wait_for()
    assert not MemoTopic.objects.filter(pk=source.pk).exists()
    assert Contribution.objects.filter(topic=target).count() >= moved

    page.get_by_role("link", name=f"{len(NAMES)} enslydende bidrag").click()
    assert page.get_by_text("Den tekst, de har til fælles").is_visible()
    _clean(page, "62-kampagne")
    page.get_by_label("Ikke imødekommet", exact=True).check()
    page.get_by_label("Begrundelse").fill("Kommuneplanen fastsætter fem etager mod stationen.")
    page.get_by_role("button", name="Gem svaret som udkast").click()
    page.get_by_text(f"{len(NAMES)} svar blev gemt som udkast").wait_for()
    group = Contribution.objects.filter(process=process).exclude(duplicate_group="")
    campaign = group.values("duplicate_group").distinct()
    assert campaign.count() >= 1
    assert Answer.objects.filter(
        contribution__duplicate_group=campaign[0]["duplicate_group"]
    ).count() == len(NAMES)

    page.goto(f"{base}/personale/forloeb/{process.pk}/hoeringsnotat/")
    assert page.get_by_role("heading", name=target.name).first.is_visible()
    assert page.get_by_text(f"{len(NAMES)} enslydende bidrag").first.is_visible()
    _clean(page, "63-hoeringsnotat-med-emner")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/personale/forloeb/{process.pk}/analyse/")
    _clean(page, "64-analyse-mobil")
    page.goto(f"{base}/personale/forloeb/{process.pk}/analyse/afsnit/")
    _clean(page, "65-afsnit-mobil")
