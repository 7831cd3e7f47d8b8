"""The analysis pages: what they show, the forms' errors, answering a campaign at once, the
paragraph suggestions, the query counts; and the memo's topic summaries and campaign notes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inddrag.analysis.models import Analysis
from inddrag.contributions.models import Answer, Contribution
from inddrag.memos.gathering import build_memo, build_preview
from inddrag.memos.models import MemoTopic
from tests.analysis.test_runs import (
    CAMPAIGN,
    GREEN,
    NAMES,
    PLAYGROUND,
    TRAFFIC,
    hearing,
    hearing_version,
    run,
)
from tests.factories.contributions import submitted

pytestmark = pytest.mark.django_db


def url(process, name="overview", *args) -> str:
    return reverse(f"staff:analysis:{name}", args=[process.pk, *args])


def campaign_group(process) -> str:
    return Contribution.objects.get(
        process=process, text=CAMPAIGN.format(name=f"{NAMES[0]} Hansen, tlf. 2012 3456")
    ).duplicate_group


def test_before_any_run_the_page_says_so(staff, staff_client):
    process = hearing(staff)
    response = staff_client.get(url(process))
    assert response.status_code == 200
    assert "Bidragene er ikke analyseret endnu." in response.content.decode()


def test_run_from_the_page(staff, staff_client, django_capture_on_commit_callbacks):
    process = hearing(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url(process, "run"), {"mode": "keep"})
    assert response.status_code == 302
    analysis = Analysis.objects.get(process=process)
    assert analysis.status == Analysis.Status.DONE and analysis.requested_by == staff
    page = staff_client.get(url(process)).content.decode()
    assert "enslydende bidrag" in page
    topic = MemoTopic.objects.filter(process=process).first()
    assert topic.name in page


def test_a_wrong_mode_is_refused_next_to_the_field(staff, staff_client):
    process = hearing(staff)
    response = staff_client.post(url(process, "run"), {"mode": "everything"})
    assert response.status_code == 422
    assert "Vælg en af de to muligheder." in response.content.decode()
    assert not Analysis.objects.exists()


def test_rename_merge_and_summary(staff, staff_client):
    process = hearing(staff)
    run(process, staff)
    first, second = MemoTopic.objects.filter(process=process)[:2]
    response = staff_client.post(url(process, "rename", first.pk), {f"topic-{first.pk}-name": ""})
    assert response.status_code == 422
    assert "Skriv emnets navn." in response.content.decode()
    response = staff_client.post(
        url(process, "rename", first.pk), {f"topic-{first.pk}-name": "Højde og skygge"}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.name == "Højde og skygge"
    assert all(c.topic_by_staff for c in Contribution.objects.filter(topic=first))
    text = "Mange ønsker lavere byggeri <script>alert(1)</script>"
    response = staff_client.post(
        url(process, "summary", first.pk), {f"summary-{first.pk}-summary": text}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.summary == text
    page = staff_client.get(url(process)).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    response = staff_client.post(
        url(process, "merge", first.pk), {f"merge-{first.pk}-target": str(first.pk)}
    )
    assert response.status_code == 422
    assert "Vælg et af forløbets andre emner." in response.content.decode()
    moved = Contribution.objects.filter(topic=first).count()
    response = staff_client.post(
        url(process, "merge", first.pk), {f"merge-{first.pk}-target": str(second.pk)}
    )
    assert response.status_code == 302
    assert not MemoTopic.objects.filter(pk=first.pk).exists()
    assert Contribution.objects.filter(topic=second).count() >= moved


def test_a_too_long_summary_is_refused(staff, staff_client):
    process = hearing(staff)
    run(process, staff)
    topic = MemoTopic.objects.filter(process=process).first()
    response = staff_client.post(
        url(process, "summary", topic.pk), {f"summary-{topic.pk}-summary": "x" * 4001}
    )
    assert response.status_code == 422
    assert "Resuméet må højst være på 4.000 tegn." in response.content.decode()
    topic.refresh_from_db()
    assert topic.summary == ""


def test_answer_a_campaign_at_once(staff, staff_client):
    process = hearing(staff)
    run(process, staff)
    group = campaign_group(process)
    members = list(Contribution.objects.filter(process=process, duplicate_group=group))
    page = staff_client.get(url(process, "group", group))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Vi beder kommunalbestyrelsen om at sænke højden til tre etager." in body
    assert "2012 3456" not in body  # the phone numbers in the signatures are screened
    shown = page.context["answer_form"].initial["members"]
    data = {
        "members": shown,
        "outcome": "not_accommodated",
        "reason": "Kommuneplanen fastsætter fem etager mod stationen.",
    }
    # Without a reason: refused next to the field, nothing saved.
    response = staff_client.post(url(process, "answer_group", group), {**data, "reason": ""})
    assert response.status_code == 422
    assert "Giv en begrundelse for udfaldet." in response.content.decode()
    assert not Answer.objects.filter(contribution__in=members).exists()
    response = staff_client.post(url(process, "answer_group", group), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Answer.objects.filter(contribution__in=members).count() == len(members)


def test_a_group_changed_since_the_page_was_shown_is_not_answered(staff, staff_client):
    process = hearing(staff)
    run(process, staff)
    group = campaign_group(process)
    shown = staff_client.get(url(process, "group", group)).context["answer_form"].initial
    submitted(process, CAMPAIGN.format(name="Lone Jensen"))
    run(process, staff)  # the group now has one more
    response = staff_client.post(
        url(process, "answer_group", group),
        {"members": shown["members"], "outcome": "noted", "reason": "Taget til efterretning."},
    )
    assert response.status_code == 422
    assert "Gruppen er ændret" in response.content.decode()
    assert not Answer.objects.filter(contribution__process=process).exists()


def test_a_campaign_of_more_than_500_is_answered_at_once(staff, staff_client):
    process = hearing(staff)
    for n in range(520):
        submitted(process, CAMPAIGN.format(name=f"Signe {n}"))
    run(process, staff)
    group = campaign_group(process)
    members = Contribution.objects.filter(process=process, duplicate_group=group)
    assert members.count() > 520
    page = staff_client.get(url(process, "group", group))
    data = {
        "members": page.context["answer_form"].initial["members"],
        "outcome": "noted",
        "reason": "Taget til efterretning.",
    }
    assert staff_client.post(url(process, "answer_group", group), data).status_code == 302
    assert Answer.objects.filter(contribution__in=members).count() == members.count()


def test_an_unknown_group_is_404(staff, staff_client):
    process = hearing(staff)
    run(process, staff)
    assert staff_client.get(url(process, "group", "d999")).status_code == 404
    assert staff_client.get(url(process, "group", "x; drop")).status_code == 404


def test_paragraphs_page_marks_the_shared_words(staff, staff_client):
    process = hearing(staff)
    hearing_version(process, staff, PLAYGROUND)
    run(process, staff)
    body = staff_client.get(url(process, "paragraphs")).content.decode()
    assert "<mark>træer</mark>" in body or "<mark>legeplads</mark>" in body


def _grow(staff, process):
    def grow(n: int) -> str:
        for i in range(n):
            submitted(process, f"{TRAFFIC[i % len(TRAFFIC)]} Nummer {i}.")
            submitted(process, CAMPAIGN.format(name=f"Signe {i}"))
        run(process, staff)
        return MemoTopic.objects.filter(process=process).order_by("-pk").first().name

    return grow


def test_overview_query_count_does_not_grow(staff, staff_client, django_assert_num_queries):
    from tests.queries import assert_constant_queries

    process = hearing(staff)
    assert_constant_queries(
        django_assert_num_queries, lambda: staff_client.get(url(process)), _grow(staff, process), 13
    )


def test_group_page_query_count_does_not_grow(staff, staff_client, django_assert_num_queries):
    from tests.queries import assert_constant_queries

    process = hearing(staff)
    run(process, staff)
    group = campaign_group(process)

    def grow(n: int) -> str:
        for i in range(n):
            submitted(process, CAMPAIGN.format(name=f"Signe {i}"))
        run(process, staff)
        oldest = Contribution.objects.filter(duplicate_group=group).order_by("received_at", "pk")
        return oldest.first().receipt_number

    assert_constant_queries(
        django_assert_num_queries,
        lambda: staff_client.get(url(process, "group", group)),
        grow,
        7,
    )


def test_memo_has_the_topic_summary_and_the_campaign_note(staff):
    process = hearing(staff)
    run(process, staff)
    topic = Contribution.objects.get(
        process=process, text=CAMPAIGN.format(name=f"{NAMES[0]} Hansen, tlf. 2012 3456")
    ).topic
    topic.summary = "Et flertal ønsker tre etager. Ring på 2012 3456."
    topic.save()
    content = build_memo(process)
    section = next(s for s in content.sections if s.title == topic.name)
    assert section.summary.startswith("Et flertal ønsker tre etager.")
    assert "2012 3456" not in section.summary  # screened like every text in the memo
    assert any(note.startswith(f"{len(NAMES)} enslydende bidrag") for note in section.notes)
    preview = build_preview(process)
    shown = next(s for s in preview.content.sections if s.title == topic.name)
    assert shown.notes == section.notes and shown.summary == section.summary


def test_green_and_traffic_are_apart(staff):
    process = hearing(staff)
    run(process, staff)
    green = {c.topic_id for c in Contribution.objects.filter(process=process, text__in=GREEN)}
    traffic = {c.topic_id for c in Contribution.objects.filter(process=process, text__in=TRAFFIC)}
    assert not green & traffic or len(green | traffic) > 1
