"""Recording the decision: the service, the staff form, and the decided process page."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from inddrag.audit.models import AccessLog
from inddrag.contributions.models import Answer, Contribution
from inddrag.contributions.services import recount
from inddrag.documents.models import DocumentVersion
from inddrag.notifications.models import Notification
from inddrag.processes import services
from inddrag.processes.models import Decision, Process
from tests.factories import ActivityFactory, StaffFactory, complete_project
from tests.factories.contributions import ContributionFactory
from tests.processes.outcome import answered, decide, decision_data, document, link
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(staff):
    return complete_project(
        status=Process.Status.PROCESSING,
        responsible=staff,
        centre=staff.centre,
        published_at=timezone.now(),
    )


# --- The service --------------------------------------------------------------------------------


def test_recording_decides_publishes_and_mails_once(
    process, staff, django_capture_on_commit_callbacks
):
    _doc, hearing, final = document(process)
    first, second = answered(process, 2)
    silent = answered(process, 1, email="")[0]
    unanswered = ContributionFactory(process=process, email="uden@example.dk")
    link(hearing, final, "tre etager", "Vi bygger lavere mod naboerne.", [first])
    link(hearing, final, "bevares", "Træerne bevares.", [first, second])

    with django_capture_on_commit_callbacks(execute=True):
        result = services.record_decision(
            Process.objects.get(pk=process.pk), decision_data(process, final), staff
        )

    process.refresh_from_db()
    final.refresh_from_db()
    assert process.status == Process.Status.DECIDED
    assert result.newly_decided and result.created
    assert result.answers_published == 3
    assert final.published
    decision = Decision.objects.get(process=process)
    assert decision.final_version == final
    assert decision.recorded_by == staff
    assert not Answer.objects.filter(contribution__process=process, published_at=None).exists()

    # One e-mail per contributor with an address — the decision, not a separate answer e-mail.
    kinds = list(Notification.objects.values_list("kind", flat=True))
    assert kinds.count(Notification.Kind.DECISION) == 3
    assert Notification.Kind.ANSWER not in kinds
    assert result.notified == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [first.email, second.email, unanswered.email]
    )
    body = next(m.body for m in mail.outbox if m.to == [first.email])
    assert "Udvalget vedtog lokalplanen" in body
    assert "Punkt 4: Lokalplan 7" in body
    assert "Svar 0: vi bygger lavere." in body
    assert "Vi bygger lavere mod naboerne." in body and "Træerne bevares." in body
    assert f"/dokumenter/udgave/{final.pk}/" in body
    second_body = next(m.body for m in mail.outbox if m.to == [second.email])
    assert "Træerne bevares." in second_body
    assert "Vi bygger lavere mod naboerne." not in second_body
    waiting = next(m.body for m in mail.outbox if m.to == [unanswered.email])
    assert "ikke besvaret" in waiting
    assert silent.email == ""
    assert "Trafik" not in mail.outbox[0].subject
    assert process.title in mail.outbox[0].subject

    transitions = AccessLog.objects.filter(
        object_id=process.pk, action=AccessLog.Action.TRANSITION
    ).values_list("detail", flat=True)
    assert list(transitions) == ["processing → decided"]
    assert AccessLog.objects.filter(object_id=process.pk, detail__startswith="decision ").exists()


def test_an_answer_published_earlier_comes_again_with_the_decision(
    process, staff, django_capture_on_commit_callbacks
):
    (earlier,) = answered(process, 1, published=True)
    with django_capture_on_commit_callbacks(execute=True):
        decide(process, user=staff)
    assert [m.to for m in mail.outbox] == [[earlier.email]]
    assert "Svar 0" in mail.outbox[0].body


def test_recording_the_decision_makes_preliminary_answers_final(process, staff):
    (earlier,) = answered(process, 1, published=True)
    Answer.objects.filter(contribution=earlier).update(preliminary=True)
    decide(process, user=staff)
    assert not Answer.objects.get(contribution=earlier).preliminary


def test_nothing_is_sent_when_the_transaction_rolls_back(process, staff):
    answered(process, 1)
    from django.db import transaction

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        decide(process, user=staff)
        raise Boom
    process.refresh_from_db()
    assert process.status == Process.Status.PROCESSING
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_from_open_in_one_step_once_no_activity_is_open(staff):
    process = complete_project(status=Process.Status.OPEN, responsible=staff, centre=staff.centre)
    decide(process, user=staff)
    process.refresh_from_db()
    assert process.status == Process.Status.DECIDED
    details = list(
        AccessLog.objects.filter(object_id=process.pk, action="transition")
        .order_by("pk")
        .values_list("detail", flat=True)
    )
    assert details == ["open → processing", "processing → decided"]


def test_refused_while_an_activity_is_still_open(staff):
    process = complete_project(status=Process.Status.OPEN, responsible=staff, centre=staff.centre)
    now = timezone.now()
    ActivityFactory(
        process=process,
        title="Høring om stien",
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3),
    )
    answered(process, 1)
    with pytest.raises(services.TransitionRefused) as refused:
        decide(process, user=staff)
    assert "Høring om stien" in refused.value.message
    process.refresh_from_db()
    assert process.status == Process.Status.OPEN
    assert not Decision.objects.exists()
    assert not Notification.objects.exists()


@pytest.mark.parametrize("status", [Process.Status.DRAFT, Process.Status.PUBLISHED])
def test_refused_before_input_was_asked_for(staff, status):
    process = complete_project(status=status, responsible=staff, centre=staff.centre)
    with pytest.raises(services.TransitionRefused):
        decide(process, user=staff)
    assert not Decision.objects.exists()


def test_a_version_of_another_process_is_refused(process, staff):
    other = complete_project(status=Process.Status.PROCESSING)
    _doc, _hearing, foreign = document(other)
    with pytest.raises(services.TransitionRefused):
        decide(process, foreign, user=staff)
    process.refresh_from_db()
    foreign.refresh_from_db()
    assert process.status == Process.Status.PROCESSING
    assert not foreign.published
    assert not Decision.objects.exists()


def test_a_correction_updates_without_mailing_again(
    process, staff, django_capture_on_commit_callbacks
):
    answered(process, 2)
    with django_capture_on_commit_callbacks(execute=True):
        decide(process, user=staff)
    assert len(mail.outbox) == 2
    _doc, _hearing, final = document(process)
    with django_capture_on_commit_callbacks(execute=True):
        result = decide(process, final, user=StaffFactory(), text="Rettet beslutningstekst.")
    assert not result.newly_decided and not result.created
    assert len(mail.outbox) == 2
    decision = Decision.objects.get()
    assert decision.text == "Rettet beslutningstekst."
    assert decision.final_version == final
    assert decision.recorded_by == staff  # the first recorder is kept
    final.refresh_from_db()
    assert final.published


def test_the_status_button_does_not_decide_a_project(process, staff):
    with pytest.raises(services.TransitionRefused) as refused:
        services.change_status(Process.objects.get(pk=process.pk), "decided", staff)
    assert "beslutningen" in refused.value.message.lower()


# --- The staff form -----------------------------------------------------------------------------


def _url(process: Process) -> str:
    return reverse("staff:processes:decision", args=[process.pk])


def _post_data(process: Process, final: DocumentVersion | None = None, **overrides) -> dict:
    milestone = process.milestones.get()
    data = {
        "body": milestone.body_id,
        "meeting_date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "agenda_title": "Punkt 4: Lokalplan 7",
        "agenda_url": "dagsorden.example/punkt-4",
        "text": "Vedtaget med ændringer.",
        "final_version": final.pk if final else "",
    }
    data.update(overrides)
    return data


def test_only_staff_who_may_edit_see_the_form(process, client, staff_client):
    assert staff_client.get(_url(process)).status_code == 200
    other = StaffFactory()
    client.force_login(other)
    assert client.get(_url(process)).status_code == 404
    assert client.post(_url(process), _post_data(process)).status_code == 404
    client.logout()
    response = client.get(_url(process))
    assert response.status_code == 302 and "/log-ind/" in response["Location"]
    process.refresh_from_db()
    assert process.status == Process.Status.PROCESSING


def test_a_case_has_no_decision_form(staff, staff_client):
    case = complete_project(kind=Process.Kind.CASE, status=Process.Status.PROCESSING)
    case.participants.add(staff)
    assert staff_client.get(_url(case)).status_code == 404


def test_the_form_suggests_the_meeting_and_the_final_version(process, staff_client):
    milestone = process.milestones.get()
    milestone.meeting_date = timezone.localdate() - datetime.timedelta(days=2)
    milestone.agenda_url = "https://dagsorden.example/møde"
    milestone.save()
    _doc, hearing, final = document(process)
    form = staff_client.get(_url(process)).context["form"]
    assert form.initial["body"] == milestone.body_id
    assert form.initial["meeting_date"] == milestone.meeting_date
    assert form.initial["final_version"] == final.pk
    choices = [value for value, _label in form.fields["final_version"].choices if value]
    assert [c.value for c in choices] == [final.pk, hearing.pk]


def test_posting_the_form_records_the_decision(process, staff_client):
    _doc, _hearing, final = document(process)
    answered(process, 2)
    response = staff_client.post(_url(process), _post_data(process, final), follow=True)
    assert response.redirect_chain[-1][0] == reverse("staff:processes:edit", args=[process.pk])
    process.refresh_from_db()
    assert process.status == Process.Status.DECIDED
    decision = Decision.objects.get()
    assert decision.agenda_url == "https://dagsorden.example/punkt-4"
    html = response.content.decode()
    assert "Besluttet" in html
    assert "2 bidragydere får en e-mail" in html


def test_a_version_of_another_process_is_not_a_choice(process, staff_client):
    other = complete_project(status=Process.Status.PROCESSING)
    _doc, _hearing, foreign = document(other)
    response = staff_client.post(_url(process), _post_data(process, foreign))
    assert response.status_code == 422
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("days", "status"),
    [(0, 302), (1, 422)],  # today is allowed, tomorrow is not
)
def test_the_meeting_cannot_be_in_the_future(process, staff_client, days, status):
    date = (timezone.localdate() + datetime.timedelta(days=days)).isoformat()
    response = staff_client.post(_url(process), _post_data(process, meeting_date=date))
    assert response.status_code == status


def test_the_form_requires_body_title_and_text(process, staff_client):
    response = staff_client.post(
        _url(process), _post_data(process, body="", agenda_title=" ", text="  ")
    )
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"body", "agenda_title", "text"}


def test_the_form_explains_why_it_is_refused(staff, staff_client):
    process = complete_project(status=Process.Status.OPEN, responsible=staff, centre=staff.centre)
    now = timezone.now()
    ActivityFactory(
        process=process,
        title="Høring om stien",
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=1),
    )
    response = staff_client.get(_url(process))
    assert "Høring om stien" in response.content.decode()
    assert staff_client.post(_url(process), _post_data(process)).status_code == 409
    process.refresh_from_db()
    assert process.status == Process.Status.OPEN


def test_the_form_warns_about_unanswered_contributions(process, staff_client):
    ContributionFactory(process=process)
    html = staff_client.get(_url(process)).content.decode()
    assert "1 bidrag har endnu ikke fået svar" in html


def test_the_edit_page_links_to_documents_and_the_decision(process, staff_client):
    html = staff_client.get(reverse("staff:processes:edit", args=[process.pk])).content.decode()
    assert reverse("staff:documents:list", args=[process.pk]) in html
    assert _url(process) in html
    assert 'value="decided"' not in html  # no status button: the decision form decides


# --- The process page ---------------------------------------------------------------------------


def _decided_with_changes(process, staff):
    _doc, hearing, final = document(process)
    first, second = answered(process, 2)
    link(hearing, final, "tre etager", "Vi bygger lavere mod naboerne.", [first])
    decide(process, final, user=staff)
    return first, second, final


def test_the_decided_page_shows_the_decision_first(process, staff, client):
    _first, _second, final = _decided_with_changes(process, staff)
    html = client.get(process.get_absolute_url()).content.decode()
    decision = html.index('id="beslutning"')
    documents = html.index('id="dokumenter"')
    feedback = html.index('id="det-sagde-i"')
    frame = html.index('id="frame-heading"')
    assert decision < documents < feedback < frame
    assert "Udvalget vedtog lokalplanen" in html
    assert 'href="https://dagsorden.example/punkt-4"' in html
    assert reverse("documents:version", args=[final.pk]) in html


def test_before_the_decision_the_documents_follow_the_frame(process, client):
    document(process)
    answered(process, 1, published=True)
    html = client.get(process.get_absolute_url()).content.decode()
    assert 'id="beslutning"' not in html
    frame = html.index('id="frame-heading"')
    documents = html.index('id="dokumenter"')
    timeline = html.index('id="timeline-heading"')
    feedback = html.index('id="det-sagde-i"')
    assert frame < documents < timeline < feedback


def test_you_said_we_did_counts_and_lists_the_changes_from_input(process, staff, client):
    first, second, _final = _decided_with_changes(process, staff)
    response = client.get(process.get_absolute_url())
    html = response.content.decode()
    assert [c.explanation for c in response.context["input_changes"]] == [
        "Vi bygger lavere mod naboerne."
    ]
    section = html[html.index('id="det-sagde-i"') :]
    assert "1</span> ændring kom fra input" in section
    # The answer to the contribution behind the change shows it; the other answer does not.
    first_item = section[section.index(f'id="bidrag-{first.pk}"') :]
    first_item = first_item[: first_item.index("</article>")]
    assert "Vi bygger lavere mod naboerne." in first_item
    second_item = section[section.index(f'id="bidrag-{second.pk}"') :]
    second_item = second_item[: second_item.index("</article>")]
    assert "Vi bygger lavere mod naboerne." not in second_item


def test_changes_to_an_unpublished_version_are_not_shown(process, client):
    _doc, hearing, final = document(process, final_published=False)
    (contribution,) = answered(process, 1, published=True)
    link(hearing, final, "tre etager", "Hemmelig ændring.", [contribution])
    response = client.get(process.get_absolute_url())
    assert response.context["input_changes"] == []
    assert "Hemmelig ændring." not in response.content.decode()


def test_the_receipt_shows_the_changes_the_contribution_led_to(process, staff, client):
    from inddrag.contributions.services import SubmissionData, submit

    _doc, hearing, final = document(process, final_published=True)
    result = submit(
        process,
        SubmissionData(text="Byg lavere.", speaking_as="private", consent="name"),
        [],
        source="letter",
    )
    Answer.objects.create(
        contribution=result.contribution,
        outcome=Answer.Outcome.ACCOMMODATED,
        reason="Vi bygger lavere.",
        published_at=timezone.now(),
    )
    link(hearing, final, "tre etager", "Vi bygger lavere mod naboerne.", [result.contribution])
    html = client.get(reverse("contributions:receipt", args=[result.token])).content.decode()
    assert "Vi bygger lavere mod naboerne." in html
    assert reverse("documents:compare", args=[hearing.pk, final.pk]) in html


@pytest.mark.parametrize("rows", [10, 1000])
def test_the_decided_page_query_count_does_not_grow(
    process, staff, client, django_assert_num_queries, rows
):
    _doc, hearing, final = document(process)
    contributions = answered(process, 2)
    link(hearing, final, "tre etager", "Lavere.", contributions)
    link(hearing, final, "bevares", "Træerne bevares.", contributions[:1])
    Contribution.objects.bulk_create(
        Contribution(
            process=process,
            receipt_number=f"B-2027-{n:06d}",
            text=f"Bidrag {n}",
            published_text=f"Bidrag {n}",
            speaking_as="private",
            consent="anonymous",
            publication=Contribution.Publication.PUBLISHED,
            received_at=timezone.now(),
        )
        for n in range(rows)
    )
    recount(Process.objects.filter(pk=process.pk))  # bulk_create passes by the counters
    for contribution in Contribution.objects.filter(answer__isnull=True)[: rows // 2]:
        Answer.objects.create(contribution=contribution, outcome="noted", reason="Tak.")
    decide(process, final, user=staff)
    # The process with its plan and decision (7); the feedback: outcomes, count, page,
    # attachments, the changes per answer (5); the changes from input (1); the documents
    # section (2).
    response = assert_queries(
        django_assert_num_queries,
        19,
        lambda: client.get(process.get_absolute_url()),
        shows=f"B-2027-{rows - 1:06d}",  # the last one made is the newest: first on the page
    )
    assert response.context["decision"] is not None


def test_memo_downloads_appear_once_a_memo_is_ready(process, staff, client):
    from inddrag.memos.models import Memo

    url = reverse("memos:pdf", args=[process.pk])
    Memo.objects.create(process=process, status=Memo.Status.RUNNING)
    assert url not in client.get(process.get_absolute_url()).content.decode()
    Memo.objects.create(process=process, status=Memo.Status.DONE)
    # Finished but not published: staff read it through first.
    assert url not in client.get(process.get_absolute_url()).content.decode()
    Memo.objects.filter(status=Memo.Status.DONE).update(published_at=timezone.now())
    html = client.get(process.get_absolute_url()).content.decode()
    assert url in html and reverse("memos:docx", args=[process.pk]) in html
    # After the decision the links sit in the decision section.
    decide(process, user=staff)
    html = client.get(process.get_absolute_url()).content.decode()
    start = html.index('id="beslutning"')
    assert url in html[start : html.index("</section>", start)]
