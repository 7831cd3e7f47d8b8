"""The analysis run in the product: topics stored as the memo's topics, staff's choices kept,
groups on the contributions, screening before anything is shown, the daily job."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import F
from django.utils import timezone

from inddrag.analysis import services
from inddrag.analysis.models import Analysis, ParagraphLink, TopicProfile
from inddrag.contributions.models import Contribution
from inddrag.documents.models import Document, DocumentVersion
from inddrag.memos import services as memo_services
from inddrag.memos.models import MemoTopic
from tests.factories import ActivityFactory
from tests.factories.contributions import hearing_process, submitted

pytestmark = pytest.mark.django_db

CAMPAIGN = (
    "Kære Ballerup Kommune. Vi protesterer mod at der bygges fem etager ved stationen. "
    "Byggeriet vil skygge for haverne i Stationsbyen og ødelægge udsigten. "
    "Vi beder kommunalbestyrelsen om at sænke højden til tre etager. "
    "Med venlig hilsen {name}"
)
NAMES = ["Anne", "Bo", "Carl", "Dorte", "Emil", "Frida", "Gitte", "Hans", "Ida", "Jens", "Karin"]
TRAFFIC = [
    "Der kommer alt for meget trafik på Banegårdsvej, når de nye boliger er bygget.",
    "Trafikken i myldretiden er allerede slem; flere biler vil gøre vejen farlig for børnene.",
    "Parkeringspladserne rækker ikke: hvor skal beboernes biler holde?",
    "Der mangler parkering til gæster, og trafikken vil vokse på de små veje.",
    "Lav en vejbump på Banegårdsvej, trafikken kører for stærkt allerede.",
]
GREEN = [
    "Bevar de gamle træer på grunden, de giver skygge og fuglesang.",
    "Legepladsen skal være grøn med træer og buske, ikke asfalt.",
    "Vi ønsker flere grønne områder og træer mellem husene.",
    "Plant flere træer langs stien, og lav en lille park med bænke.",
    "De grønne arealer er for små; børnene har brug for en stor legeplads.",
]


def hearing(staff):
    process = hearing_process(staff)
    for n, name in enumerate(NAMES):
        submitted(process, CAMPAIGN.format(name=f"{name} Hansen, tlf. {20 + n}12 3456"))
    for text in TRAFFIC + GREEN:
        submitted(process, text)
    return process


def run(process, user=None, mode=Analysis.Mode.KEEP) -> Analysis:
    analysis = services.request_analysis(process, user, mode)
    services.run(analysis.pk)  # the task (its enqueueing waits for a commit the test never makes)
    analysis.refresh_from_db()
    assert analysis.status == Analysis.Status.DONE, analysis.error
    return analysis


def test_a_run_suggests_topics_and_finds_the_campaign(staff):
    process = hearing(staff)
    analysis = run(process, staff)
    assert analysis.contributions == len(NAMES) + len(TRAFFIC) + len(GREEN)
    campaign = Contribution.objects.filter(process=process, text__startswith="Kære Ballerup")
    groups = set(campaign.values_list("duplicate_group", flat=True))
    assert len(groups) == 1 and groups != {""}
    assert analysis.groups >= 1 and analysis.grouped >= len(NAMES)
    # Every contribution has a suggested topic, made by the analysis, with a profile.
    assert not Contribution.objects.filter(process=process, topic__isnull=True).exists()
    assert not Contribution.objects.filter(process=process, topic_by_staff=True).exists()
    topics = MemoTopic.objects.filter(process=process)
    assert topics.count() == analysis.topics >= 2
    for topic in topics:
        assert topic.profile.suggested and topic.profile.words
        assert topic.name.split(" · ")[0].lower() in [w.lower() for w in topic.profile.words]
    # The campaign's copies share one topic.
    assert campaign.values("topic").distinct().count() == 1


def test_nothing_shown_that_screening_hides(staff, staff_client, settings):
    from django.urls import reverse

    settings.INDDRAG_SCREENING_WORDS = ["stationsbyen"]
    process = hearing(staff)
    run(process, staff)
    # Quotes are kept as places in the texts, never as copies of them.
    for profile in TopicProfile.objects.filter(topic__process=process):
        assert all(
            set(ref) == {"contribution", "start", "end", "check"} for ref in profile.sentences
        )
        assert "stationsbyen" not in " ".join(profile.words).lower()
        assert "stationsbyen" not in profile.topic.name.lower()
    body = staff_client.get(reverse("staff:analysis:overview", args=[process.pk])).content
    body = body.decode()
    assert "[skjult]" in body
    assert not any(f"{20 + n}12 3456" in body for n in range(len(NAMES)))
    assert "Stationsbyen" not in body and "stationsbyen" not in body


def test_only_published_contributions_are_offered_for_the_memo_summary(staff, staff_client):
    from django.urls import reverse

    process = hearing(staff)
    run(process, staff)
    page = reverse("staff:analysis:overview", args=[process.pk])
    body = staff_client.get(page).content.decode()
    assert "Sæt citaterne fra offentliggjorte bidrag ind" not in body  # none is published
    Contribution.objects.filter(process=process, text__in=GREEN).update(
        publication=Contribution.Publication.PUBLISHED, published_text=F("text")
    )
    body = staff_client.get(page).content.decode()
    assert "Sæt citaterne fra offentliggjorte bidrag ind" in body
    green = Contribution.objects.filter(text=GREEN[0]).first().topic
    draft = staff_client.get(page).context["topics"]
    drafts = {t.pk: t.draft for t in draft}
    assert drafts[green.pk] and all(
        any(line.strip("„“") in text for text in GREEN) for line in drafts[green.pk].splitlines()
    )


def test_staff_choices_are_kept_when_run_again(staff):
    process = hearing(staff)
    run(process, staff)
    traffic = Contribution.objects.get(process=process, text=TRAFFIC[0])
    green = Contribution.objects.get(process=process, text=GREEN[0])
    topic = green.topic
    memo_services.rename_topic(topic, "Grønne områder", staff)
    mine = memo_services.add_topic(process, "Min egen", staff)
    memo_services.assign_topic(process, [traffic.pk], mine, staff)
    for mode in (Analysis.Mode.KEEP, Analysis.Mode.REGROUP):
        run(process, staff, mode)
        traffic.refresh_from_db()
        green.refresh_from_db()
        assert traffic.topic_id == mine.pk and traffic.topic_by_staff
        assert green.topic_id == topic.pk and green.topic_by_staff
        assert MemoTopic.objects.get(pk=topic.pk).name == "Grønne områder"
    assert MemoTopic.objects.filter(pk=mine.pk).exists()


def test_keep_places_new_contributions_into_existing_topics(staff):
    process = hearing(staff)
    run(process, staff)
    before = dict(Contribution.objects.filter(process=process).values_list("pk", "topic_id"))
    topics_before = set(MemoTopic.objects.filter(process=process).values_list("pk", flat=True))
    new = submitted(process, CAMPAIGN.format(name="Lone Jensen"))
    run(process, staff)
    after = dict(Contribution.objects.filter(process=process).values_list("pk", "topic_id"))
    assert {pk: after[pk] for pk in before} == before  # nothing moved
    new.refresh_from_db()
    campaign_topic = Contribution.objects.get(pk=min(before)).topic_id
    assert new.topic_id == campaign_topic and new.topic_id in topics_before
    first = Contribution.objects.get(pk=min(before))
    assert new.duplicate_group == first.duplicate_group != ""


def test_a_topic_taken_away_by_staff_stays_away(staff):
    process = hearing(staff)
    run(process, staff)
    one = Contribution.objects.get(process=process, text=GREEN[1])
    memo_services.assign_topic(process, [one.pk], None, staff)
    run(process, staff, Analysis.Mode.REGROUP)
    one.refresh_from_db()
    assert one.topic_id is None


def test_merge_moves_and_deletes(staff):
    process = hearing(staff)
    run(process, staff)
    first, second = MemoTopic.objects.filter(process=process)[:2]
    memo_services.set_topic_summary(first, "Om højden.", staff)
    n = Contribution.objects.filter(topic=first).count()
    moved = memo_services.merge_topics(first, second, staff)
    assert moved == n
    assert not MemoTopic.objects.filter(pk=first.pk).exists()
    second.refresh_from_db()
    assert "Om højden." in second.summary
    assert not Contribution.objects.filter(topic=second, topic_by_staff=False).exists()


def test_an_empty_process_runs_and_finds_nothing(staff):
    process = hearing_process(staff)
    analysis = run(process, staff)
    assert (analysis.contributions, analysis.topics, analysis.groups) == (0, 0, 0)


def test_one_run_at_a_time_and_a_failure_is_reported(staff, monkeypatch):
    process = hearing(staff)
    queued = Analysis.objects.create(process=process)
    assert services.request_analysis(process, staff) == queued  # the queued one, not another

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services.engine, "analyse", broken)
    assert services.run(queued.pk) == "failed"
    queued.refresh_from_db()
    assert queued.status == Analysis.Status.FAILED and "boom" in queued.error
    assert not MemoTopic.objects.filter(process=process).exists()  # nothing half-stored


def test_a_stale_run_is_failed(staff):
    process = hearing_process(staff)
    old = Analysis.objects.create(process=process)
    Analysis.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert services.expire_stale(process) == 1
    old.refresh_from_db()
    assert old.status == Analysis.Status.FAILED


PLAYGROUND = "Der anlægges en legeplads med træer og grønne områder mellem husene."
PARKING = "Der etableres parkering til beboere og gæster langs Banegårdsvej."


def hearing_version(process, staff, *paragraphs: str) -> DocumentVersion:
    """A published hearing version: a heading, then the paragraphs (b2, b3, …)."""
    document = Document.objects.create(process=process, title="Forslag til lokalplan")
    blocks = [{"id": "b1", "type": "heading", "level": 1, "text": "Lokalplan"}]
    blocks += [
        {"id": f"b{n}", "type": "paragraph", "text": text}
        for n, text in enumerate(paragraphs, start=2)
    ]
    return DocumentVersion.objects.create(
        document=document,
        label=DocumentVersion.Label.HEARING,
        dated=datetime.date(2026, 3, 1),
        author=staff,
        published=True,
        blocks=blocks,
    )


def test_paragraph_links_point_at_the_hearing_version(staff):
    process = hearing(staff)
    version = hearing_version(process, staff, PLAYGROUND, PARKING)
    run(process, staff)
    links = ParagraphLink.objects.filter(version=version)
    green = links.filter(block_id="b2").values_list("contribution__text", flat=True)
    parking = links.filter(block_id="b3").values_list("contribution__text", flat=True)
    assert set(green) & set(GREEN)
    assert set(parking) & set(TRAFFIC)
    assert not links.filter(block_id="b1").exists()  # a heading is not matched


def test_the_daily_job_analyses_a_closed_hearing_once(staff):
    process = hearing(staff)
    now = timezone.now()
    process.activities.all().delete()
    ActivityFactory(
        process=process,
        method="hearing",
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(hours=2),
    )
    assert services.analyse_closed_hearings(now) == 1
    assert Analysis.objects.filter(process=process, automatic=True).count() == 1
    assert services.analyse_closed_hearings(now) == 0  # once after it closed
    open_one = hearing(staff)
    open_one.activities.all().delete()
    ActivityFactory(
        process=open_one,
        method="hearing",
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3),
    )
    assert services.analyse_closed_hearings(now) == 0


def test_what_fits_no_topic_stays_without_one(staff):
    process = hearing(staff)
    lone = submitted(process, "Test")
    odd = submitted(process, "Hvornår åbner svømmehallen efter ferien?")
    run(process, staff)
    lone.refresh_from_db()
    odd.refresh_from_db()
    assert lone.topic_id is None and odd.topic_id is None  # "Øvrige bidrag" in the memo
    assert not MemoTopic.objects.filter(process=process, name__in=["Test", "Emne"]).exists()


def test_a_summed_up_topic_is_staffs_and_no_longer_a_suggestion(staff):
    process = hearing(staff)
    run(process, staff)
    topic = MemoTopic.objects.filter(process=process, profile__suggested=True).first()
    memo_services.set_topic_summary(topic, "Om trafikken.", staff)
    assert all(c.topic_by_staff for c in Contribution.objects.filter(topic=topic))
    run(process, staff, Analysis.Mode.REGROUP)
    assert MemoTopic.objects.get(pk=topic.pk).summary == "Om trafikken."
    assert not TopicProfile.objects.get(topic=topic).suggested


def test_a_quote_from_an_anonymised_contribution_is_not_shown(staff, staff_client):
    from django.urls import reverse
    from django.utils.html import escape

    process = hearing(staff)
    run(process, staff)
    profile = TopicProfile.objects.filter(topic__process=process).exclude(sentences=[]).first()
    ref = profile.sentences[0]
    source = Contribution.objects.get(pk=ref["contribution"])
    shown = f"<q>{escape(source.text[ref['start'] : ref['end']])}</q>"
    url = reverse("staff:analysis:overview", args=[process.pk])
    assert shown in staff_client.get(url).content.decode()
    Contribution.objects.filter(pk=source.pk).update(
        anonymised_at=timezone.now(), text="", published_text=""
    )
    assert shown not in staff_client.get(url).content.decode()
    # Nothing of its text is kept by the analysis either: only where the sentence stood.
    assert source.text[ref["start"] : ref["end"]] not in str(
        list(TopicProfile.objects.values_list("sentences", "words"))
    )


def test_a_renamed_topic_is_kept_even_when_emptied(staff):
    process = hearing(staff)
    run(process, staff)
    topic, other = MemoTopic.objects.filter(process=process)[:2]
    memo_services.rename_topic(topic, "Højde og skygge", staff)
    ids = list(Contribution.objects.filter(topic=topic).values_list("pk", flat=True))
    memo_services.assign_topic(process, ids, other, staff)
    run(process, staff, Analysis.Mode.REGROUP)
    assert MemoTopic.objects.filter(pk=topic.pk, name="Højde og skygge").exists()


def test_what_staff_do_while_a_run_works_wins(staff, monkeypatch):
    process = hearing(staff)
    run(process, staff)
    green = Contribution.objects.get(process=process, text=GREEN[0])
    doomed = green.topic
    mine = memo_services.add_topic(process, "Min egen", staff)
    moved = Contribution.objects.get(process=process, text=TRAFFIC[0])
    new = submitted(process, "Plant flere træer og lav en park med bænke langs stien.")
    original = services.engine.analyse

    def meanwhile(*args, **kwargs):
        result = original(*args, **kwargs)
        memo_services.delete_topic(doomed, staff)  # deleted while the engine ran
        memo_services.assign_topic(process, [new.pk, moved.pk], mine, staff)  # moved meanwhile
        return result

    monkeypatch.setattr(services.engine, "analyse", meanwhile)
    run(process, staff)
    new.refresh_from_db()
    moved.refresh_from_db()
    assert new.topic_id == mine.pk and new.topic_by_staff
    assert moved.topic_id == mine.pk
    assert not MemoTopic.objects.filter(pk=doomed.pk).exists()
    # No empty topic made in its place.
    for topic in MemoTopic.objects.filter(process=process).exclude(pk=mine.pk):
        assert Contribution.objects.filter(topic=topic).exists(), topic.name
