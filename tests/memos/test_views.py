"""The staff pages (preview with progress and files, topics, a contribution's part in the memo)
and the public downloads: who may see what."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inddrag.contributions.models import Answer, Contribution
from inddrag.memos import services
from inddrag.memos.models import Memo, MemoTopic
from inddrag.processes.models import Process
from tests.factories import StaffFactory
from tests.factories.memos import CPR, many, memo_process
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(staff):
    return memo_process(staff)


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def produced(process, user) -> Memo:
    memo = Memo.objects.create(process=process, requested_by=user)
    assert services.produce(memo.pk) == "done"
    memo.refresh_from_db()
    return memo


def preview_url(process) -> str:
    return reverse("staff:memos:preview", args=[process.pk])


def topics_url(process) -> str:
    return reverse("staff:memos:topics", args=[process.pk])


# --- Who may see it -----------------------------------------------------------------------------


def _staff_requests(data, memo) -> list[tuple[str, str]]:
    pk = data.process.pk
    return [
        ("get", preview_url(data.process)),
        ("post", reverse("staff:memos:make", args=[pk])),
        ("get", reverse("staff:memos:progress", args=[pk])),
        ("get", reverse("staff:memos:download", args=[pk, memo.pk, "docx"])),
        ("get", reverse("staff:memos:download", args=[pk, memo.pk, "pdf"])),
        ("get", topics_url(data.process)),
        ("post", topics_url(data.process)),
        ("post", reverse("staff:memos:assign", args=[pk])),
        ("post", reverse("staff:memos:topic_rename", args=[pk, data.traffic.pk])),
        ("post", reverse("staff:memos:topic_delete", args=[pk, data.traffic.pk])),
        ("post", reverse("staff:memos:contribution", args=[pk, data.named.pk])),
    ]


def test_other_staff_and_citizens_get_404(data, staff, citizen):
    memo = produced(data.process, staff)
    outsider = StaffFactory()  # another centre
    for user in (outsider, citizen):
        client = client_for(user)
        for method, url in _staff_requests(data, memo):
            assert getattr(client, method)(url, {"name": "X"}).status_code == 404, (user, url)
    assert MemoTopic.objects.filter(process=data.process).count() == 2
    assert Memo.objects.count() == 1


def test_anonymous_is_sent_to_login(data, staff, client):
    memo = produced(data.process, staff)
    for method, url in _staff_requests(data, memo):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login"))


def test_a_colleague_of_the_same_centre_may(data, staff):
    colleague = StaffFactory(centre=staff.centre)
    assert client_for(colleague).get(preview_url(data.process)).status_code == 200


# --- The preview --------------------------------------------------------------------------------


def test_preview_shows_the_memo_content(data, staff_client):
    response = staff_client.get(preview_url(data.process))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Høringsnotat — {data.process.title}" in html
    assert "1. Høringen" in html
    assert "Offentlig høring (Høring): 1.–31. marts 2026 (31 dage)" in html
    assert "Trafik og parkering" in html
    assert "Ønsker lavere byggeri af hensyn til lyset." in html
    assert "Borger (anonym)" in html
    assert "Ikke besvaret endnu" in html
    assert '<del><span class="sr-only">Slettet: </span>fire</del>' in html
    assert '<ins><span class="sr-only">Tilføjet: </span>tre</ins>' in html
    assert "Lav høringsnotat (DOCX og PDF)" in html
    assert "Der er ikke lavet et høringsnotat endnu." in html
    for hidden in ("Hemmelig Person", "Ole Formand", CPR):
        assert hidden not in html


def test_preview_query_count_does_not_grow(data, staff_client, django_assert_num_queries):
    def grow(n: int) -> str:  # what page 1 says of the count
        many(data.process, n, topic=data.green)
        return f"{Contribution.objects.filter(process=data.process).count()} bidrag i alt."

    staff_client.get(preview_url(data.process))
    # Session and user, the process, the memos, and what the page gathers: every
    # contribution's topic and counts, page 1's contributions in full, the hearing and its
    # respondents — the same with 4 and 5 contributions (one page, so the changes too), with 65
    # and 265 (page 1 of several), and on the last page with 565 and 765 (the changes, no
    # hearing).
    _one_page, response = assert_constant_queries(
        django_assert_num_queries,
        lambda: staff_client.get(preview_url(data.process)),
        grow,
        17,
        sizes=(0, 1),
    )
    assert response.content.decode().count('class="memo-item"') == 5
    _few, response = assert_constant_queries(
        django_assert_num_queries,
        lambda: staff_client.get(preview_url(data.process)),
        grow,
        14,
        sizes=(60, 260),
    )
    assert response.content.decode().count('class="memo-item"') == 50
    # The last page has the recommended changes instead of the hearing.
    _few, response = assert_constant_queries(
        django_assert_num_queries,
        lambda: staff_client.get(preview_url(data.process) + "?side=99"),
        grow,
        13,
        sizes=(300, 500),
    )
    assert 'id="memo-changes"' in response.content.decode()


def test_make_the_memo_from_the_page(data, staff_client, django_capture_on_commit_callbacks):
    url = reverse("staff:memos:make", args=[data.process.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == preview_url(data.process) + "#memo-files"
    memo = Memo.objects.get()
    assert memo.status == Memo.Status.DONE
    html = staff_client.get(preview_url(data.process)).content.decode()
    docx = reverse("staff:memos:download", args=[data.process.pk, memo.pk, "docx"])
    assert docx in html
    assert "Hent høringsnotatet som PDF" in html
    # Made, but only staff see it until someone has read it through and published it.
    assert "Kun medarbejdere kan se dette notat, indtil du offentliggør det." in html
    assert reverse("staff:memos:publish", args=[data.process.pk, memo.pk]) in html
    assert Client().get(reverse("memos:pdf", args=[data.process.pk])).status_code == 404


def publish_url(memo: Memo) -> str:
    return reverse("staff:memos:publish", args=[memo.process_id, memo.pk])


def test_publish_the_memo_after_a_confirmation(data, staff, staff_client):
    from inddrag.audit.models import AccessLog

    memo = produced(data.process, staff)
    html = staff_client.get(publish_url(memo)).content.decode()
    assert "Offentliggør høringsnotatet?" in html
    assert "Ingen får en e-mail." in html
    assert reverse("staff:memos:download", args=[data.process.pk, memo.pk, "pdf"]) in html
    memo.refresh_from_db()
    assert memo.published_at is None  # looking changes nothing

    response = staff_client.post(publish_url(memo))
    assert response["Location"] == preview_url(data.process) + "#memo-files"
    memo.refresh_from_db()
    assert memo.published_at is not None and memo.published_by == staff
    assert AccessLog.objects.filter(detail=f"memo published: {memo.pk}").exists()
    assert Client().get(reverse("memos:pdf", args=[data.process.pk])).status_code == 200
    html = staff_client.get(preview_url(data.process)).content.decode()
    assert "Alle kan hente det fra forløbets side." in html


def test_a_new_memo_stays_internal_until_it_replaces_the_published_one(data, staff, staff_client):
    first = produced(data.process, staff)
    staff_client.post(publish_url(first))
    second = produced(data.process, staff)
    # The published memo is kept and still served; the new one waits for its own publication.
    assert Memo.objects.filter(pk=first.pk).exists()
    public = Client().get(reverse("memos:docx", args=[data.process.pk]))
    assert public.status_code == 200
    with first.docx.open("rb") as stored:
        assert b"".join(public.streaming_content) == stored.read()
    html = staff_client.get(publish_url(second)).content.decode()
    assert "Det erstatter notatet offentliggjort den" in html
    staff_client.post(publish_url(second))
    assert list(Memo.objects.values_list("pk", flat=True)) == [second.pk]


def test_a_draft_has_no_memo_to_publish(staff, staff_client):
    data = memo_process(staff, status=Process.Status.DRAFT)
    memo = produced(data.process, staff)
    response = staff_client.post(publish_url(memo), follow=True)
    assert "Offentliggør forløbet først" in response.content.decode()
    memo.refresh_from_db()
    assert memo.published_at is None


def test_only_a_finished_memo_of_the_process_can_be_published(data, staff, staff_client):
    running = Memo.objects.create(process=data.process, status=Memo.Status.RUNNING)
    assert staff_client.post(publish_url(running)).status_code == 404
    other = memo_process(staff)
    theirs = produced(other.process, staff)
    url = reverse("staff:memos:publish", args=[data.process.pk, theirs.pk])
    assert staff_client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.published_at is None


def test_progress_partial_polls_while_active_and_stops_when_done(data, staff, staff_client):
    memo = Memo.objects.create(
        process=data.process, requested_by=staff, status=Memo.Status.RUNNING, progress=30
    )
    url = reverse("staff:memos:progress", args=[data.process.pk])
    html = staff_client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert "Høringsnotatet bliver lavet." in html
    assert 'value="30"' in html
    assert "Opdatér" in html  # without JavaScript: a link to reload
    # Nothing changed since the last poll: nothing to swap.
    assert staff_client.get(url, {"v": "running-30"}).status_code == 204
    Memo.objects.filter(pk=memo.pk).delete()
    done = produced(data.process, staff)
    html = staff_client.get(url, {"v": "running-30"}).content.decode()
    assert "hx-trigger" not in html
    assert "Høringsnotatet er klar" in html
    assert reverse("staff:memos:download", args=[data.process.pk, done.pk, "pdf"]) in html


def test_make_with_htmx_returns_the_progress(
    data, staff_client, django_capture_on_commit_callbacks
):
    url = reverse("staff:memos:make", args=[data.process.pk])
    with django_capture_on_commit_callbacks(execute=False):
        response = staff_client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Høringsnotatet venter på at blive lavet." in response.content.decode()


def test_a_failed_memo_shows_its_error(data, staff, staff_client):
    Memo.objects.create(
        process=data.process, status=Memo.Status.FAILED, error="RuntimeError: printer on fire"
    )
    html = staff_client.get(preview_url(data.process)).content.decode()
    assert "Høringsnotatet kunne ikke laves" in html
    assert "RuntimeError: printer on fire" in html


def test_staff_download_is_an_attachment_also_for_a_draft(staff, staff_client):
    data = memo_process(staff, status=Process.Status.DRAFT)
    memo = produced(data.process, staff)
    response = staff_client.get(
        reverse("staff:memos:download", args=[data.process.pk, memo.pk, "docx"])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "hoeringsnotat-lokalplan" in response["Content-Disposition"]
    bad = reverse("staff:memos:download", args=[data.process.pk, memo.pk, "exe"])
    assert staff_client.get(bad).status_code == 404


# --- Public downloads ---------------------------------------------------------------------------


def test_public_downloads_of_a_public_process(data, staff, client):
    services.publish_memo(produced(data.process, staff), staff)
    for name, content_type, magic in (
        (
            "memos:docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
        ("memos:pdf", "application/pdf", b"%PDF-"),
    ):
        response = client.get(reverse(name, args=[data.process.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith("attachment;")
        assert b"".join(response.streaming_content).startswith(magic)


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        (Process.Kind.PROJECT, Process.Status.DRAFT),
        (Process.Kind.CASE, Process.Status.OPEN),
    ],
)
def test_drafts_and_cases_have_no_public_memo(staff, client, kind, status):
    data = memo_process(staff, kind=kind, status=status)
    produced(data.process, staff)
    for name in ("memos:docx", "memos:pdf"):
        assert client.get(reverse(name, args=[data.process.pk])).status_code == 404
        # Not even for their own staff: the public address is for public documents only.
        assert client_for(staff).get(reverse(name, args=[data.process.pk])).status_code == 404


def test_no_public_memo_until_one_is_done(data, staff, client):
    Memo.objects.create(process=data.process, status=Memo.Status.FAILED, error="x")
    Memo.objects.create(process=data.process, status=Memo.Status.RUNNING)
    assert client.get(reverse("memos:pdf", args=[data.process.pk])).status_code == 404
    assert client.get(reverse("memos:pdf", args=[999999])).status_code == 404


# --- Topics -------------------------------------------------------------------------------------


def test_add_rename_and_delete_topics(data, staff_client):
    url = topics_url(data.process)
    response = staff_client.post(url, {"name": "  Skole   og institutioner "})
    assert response.status_code == 302
    topic = MemoTopic.objects.get(process=data.process, name="Skole og institutioner")
    assert topic.order == 3
    html = staff_client.get(url).content.decode()
    assert "Emnet „Skole og institutioner“ er tilføjet." in html

    rename = reverse("staff:memos:topic_rename", args=[data.process.pk, topic.pk])
    response = staff_client.post(rename, {f"topic-{topic.pk}-name": "Skoler"})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.name == "Skoler"

    delete = reverse("staff:memos:topic_delete", args=[data.process.pk, data.traffic.pk])
    assert staff_client.post(delete).status_code == 302
    assert not MemoTopic.objects.filter(pk=data.traffic.pk).exists()
    data.named.refresh_from_db()
    assert data.named.topic is None
    html = staff_client.get(url).content.decode()
    assert "Dets 2 bidrag står nu under „Øvrige bidrag“." in html


def test_topic_names_are_unique_per_process_with_danish_errors(data, staff, staff_client):
    url = topics_url(data.process)
    response = staff_client.post(url, {"name": "trafik OG parkering"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Forløbet har allerede et emne, der hedder „trafik OG parkering“." in html
    response = staff_client.post(url, {"name": "   "})
    assert response.status_code == 422
    assert "Skriv emnets navn." in response.content.decode()
    response = staff_client.post(url, {"name": "x" * 121})
    assert "Emnets navn må højst være på 120 tegn." in response.content.decode()
    rename = reverse("staff:memos:topic_rename", args=[data.process.pk, data.green.pk])
    response = staff_client.post(rename, {f"topic-{data.green.pk}-name": "Trafik og parkering"})
    assert response.status_code == 422
    assert "Forløbet har allerede et emne" in response.content.decode()
    # Another process may have a topic of the same name.
    other = memo_process(staff)
    assert MemoTopic.objects.filter(name="Trafik og parkering").count() == 2
    assert other.traffic.process_id != data.process.pk


def test_a_topic_of_another_process_is_404(data, staff, staff_client):
    other = memo_process(staff)
    for name in ("staff:memos:topic_rename", "staff:memos:topic_delete"):
        url = reverse(name, args=[data.process.pk, other.traffic.pk])
        assert staff_client.post(url, {"name": "X"}).status_code == 404
    assert MemoTopic.objects.filter(pk=other.traffic.pk).exists()


def test_assign_a_topic_to_many(data, staff, staff_client):
    rows = many(data.process, 3)
    url = reverse("staff:memos:assign", args=[data.process.pk])
    ids = [c.pk for c in rows]
    response = staff_client.post(url, {"contributions": ids, "topic": data.green.pk})
    assert response.status_code == 302
    assert set(Contribution.objects.filter(pk__in=ids).values_list("topic_id", flat=True)) == {
        data.green.pk
    }
    response = staff_client.post(url, {"contributions": ids[:1], "topic": ""})
    assert Contribution.objects.get(pk=ids[0]).topic_id is None
    # Nothing ticked, a topic of another process, a contribution of another process.
    other = memo_process(staff)
    response = staff_client.post(url, {"topic": data.green.pk})
    assert response.status_code == 422
    assert "Sæt kryds ved mindst ét bidrag." in response.content.decode()
    response = staff_client.post(url, {"contributions": ids, "topic": other.traffic.pk})
    assert response.status_code == 422
    assert "Vælg et af forløbets emner." in response.content.decode()
    response = staff_client.post(url, {"contributions": [other.named.pk], "topic": ""})
    assert response.status_code == 404
    other.named.refresh_from_db()
    assert other.named.topic == other.traffic


def test_topics_page_lists_contributions_without_a_topic(data, staff_client):
    html = staff_client.get(topics_url(data.process)).content.decode()
    assert "1 af 4 bidrag har intet emne." in html
    assert data.unanswered.receipt_number in html
    assert data.named.receipt_number not in html  # it has a topic
    html = staff_client.get(topics_url(data.process), {"vis": "all"}).content.decode()
    assert data.named.receipt_number in html


# --- A contribution's part in the memo ----------------------------------------------------------


def detail_url(contribution) -> str:
    return reverse("staff:contributions:detail", args=[contribution.process_id, contribution.pk])


def memo_form_url(contribution) -> str:
    return reverse("staff:memos:contribution", args=[contribution.process_id, contribution.pk])


def test_the_contribution_page_has_the_memo_form(data, staff_client):
    html = staff_client.get(detail_url(data.named)).content.decode()
    assert "Til høringsnotatet" in html
    assert 'name="memo-summary"' in html
    assert 'name="memo-topic"' in html
    assert 'name="memo-recommendation"' in html
    assert "Etagehøjden sænkes efter høringssvar om lys." in html  # the linked change
    html = staff_client.get(detail_url(data.unanswered)).content.decode()
    assert 'name="memo-recommendation"' not in html
    assert (
        "Indstillingen (ændring eller ingen ændring) sættes, når bidraget har fået et svar." in html
    )


def test_staff_set_summary_topic_and_recommendation(data, staff_client):
    response = staff_client.post(
        memo_form_url(data.anonymous),
        {
            "memo-summary": "  Ønsker mindre trafik på Ballerup Byvej. ",
            "memo-topic": data.green.pk,
            "memo-recommendation": "change",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#memo")
    data.anonymous.refresh_from_db()
    assert data.anonymous.summary == "Ønsker mindre trafik på Ballerup Byvej."
    assert data.anonymous.topic == data.green
    assert data.anonymous.answer.recommendation == "change"
    staff_client.post(
        memo_form_url(data.anonymous),
        {"memo-summary": "", "memo-topic": "", "memo-recommendation": ""},
    )
    data.anonymous.refresh_from_db()
    assert data.anonymous.topic is None
    assert data.anonymous.answer.recommendation == ""


def test_a_published_answer_keeps_its_recommendation(data, staff_client):
    Answer.objects.filter(contribution=data.named).update(published_at="2026-05-01T10:00:00Z")
    html = staff_client.get(detail_url(data.named)).content.decode()
    assert 'name="memo-recommendation"' not in html
    assert "svaret er offentliggjort og låst" in html
    staff_client.post(
        memo_form_url(data.named),
        {"memo-summary": "Nyt resumé.", "memo-topic": "", "memo-recommendation": "no_change"},
    )
    data.named.refresh_from_db()
    assert data.named.summary == "Nyt resumé."
    assert data.named.answer.recommendation == "change"


def test_memo_form_errors_are_shown_on_the_page(data, staff, staff_client):
    other = memo_process(staff)
    response = staff_client.post(
        memo_form_url(data.named),
        {"memo-summary": "x" * 2001, "memo-topic": other.green.pk},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Vælg et af forløbets emner." in html
    data.named.refresh_from_db()
    assert data.named.topic == data.traffic


def test_the_publish_page_costs_the_same_however_many_memos_were_made(
    data, staff, staff_client, django_assert_num_queries
):
    from tests.queries import assert_constant_queries

    made: list[Memo] = []

    def grow(n: int) -> str:
        for _ in range(n):
            memo = Memo.objects.create(process=data.process, status=Memo.Status.DONE)
            made.append(memo)
        return "Offentliggør høringsnotatet?"

    assert_constant_queries(
        django_assert_num_queries,
        lambda: staff_client.get(publish_url(made[-1])),
        grow,
        5,  # session, user, the process, the memo, the memos of the process
        sizes=(1, 8),
    )


# --- The preview a page at a time, with the stored screening ------------------------------------


def test_the_preview_pages_the_contributions_with_the_memos_content(data, staff_client):
    from inddrag.memos.gathering import build_memo

    rows = many(data.process, 96, topic=data.green)  # 100 in all: two pages of 50
    memo = build_memo(data.process)
    first = staff_client.get(preview_url(data.process)).content.decode()
    second = staff_client.get(preview_url(data.process) + "?side=2").content.decode()
    assert first.count('class="memo-item"') == second.count('class="memo-item"') == 50
    assert 'id="memo-hearing"' in first and 'id="memo-hearing"' not in second
    assert 'id="memo-changes"' in second and 'id="memo-changes"' not in first
    assert "Side 1 af 2" in first and "Side 2 af 2" in second
    # Each page shows its contributions as the memo numbers and words them.
    for item in memo.items:
        page = first if item.number <= 50 else second
        assert f'id="bidrag-{item.pk}"' in page
        assert f"{item.number}. {item.receipt_number} — {item.who}" in page
    # The table of contents links each topic to the page it begins on; a topic carried on to
    # the next page says so.
    assert 'href="?side=2#emne-3">Øvrige bidrag</a>' in first.replace(' lang="da"', "")
    assert "Grønne områder (fortsat)" in second
    # A contribution's link goes to the page that has it.
    last_green = rows[-1]
    response = staff_client.get(preview_url(data.process) + f"?bidrag={last_green.pk}")
    assert f'id="bidrag-{last_green.pk}"' in response.content.decode()
    detail = staff_client.get(
        reverse("staff:contributions:detail", args=[data.process.pk, data.club.pk])
    ).content.decode()
    assert f"?bidrag={data.club.pk}#bidrag-{data.club.pk}" in detail


def test_a_cpr_number_is_never_shown_whether_the_screening_is_stored_or_not(data, staff_client):
    from inddrag.contributions import screened
    from inddrag.memos.gathering import build_memo

    secret = f"Ring til mig, CPR {CPR}, på 12 34 56 78."
    # Stored as it should be (save), left empty (bulk_create), and stale: stored for another
    # text (an update() around save) and under older rules.
    club = Contribution.objects.get(pk=data.club.pk)
    club.summary = secret
    club.save()
    assert club.screened["summary"][1] == "Ring til mig, CPR [skjult], på [skjult]."
    [empty] = many(data.process, 1, topic=data.green)
    Contribution.objects.filter(pk=empty.pk).update(summary=secret, on_behalf_of=CPR)
    assert Contribution.objects.get(pk=empty.pk).screened == {}
    stale = Contribution.objects.get(pk=data.named.pk)
    stale.summary = "Ønsker lavere byggeri."
    stale.save()
    Contribution.objects.filter(pk=stale.pk).update(summary=secret)
    old_rules = Contribution.objects.get(pk=data.anonymous.pk)
    old_rules.summary = secret
    old_rules.screened = {"summary": [screened.fingerprint(secret, b"0:old"), secret]}
    Contribution.objects.filter(pk=old_rules.pk).update(summary=secret, screened=old_rules.screened)
    answer = Answer.objects.get(contribution=data.club)
    Answer.objects.filter(pk=answer.pk).update(reason=secret)
    html = staff_client.get(preview_url(data.process)).content.decode()
    everything = html + repr(build_memo(data.process))
    for hidden in (CPR, "0102031234", "12 34 56 78"):
        assert hidden not in everything
    assert html.count("Ring til mig, CPR [skjult], på [skjult].") == 5
