"""Answering contributions: one or many at a time, drafts until published, an e-mail to each
contributor, locked once published, and e-mail failures retried without losing anything."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from inddrag.contributions.forms import MAX_SELECTED
from inddrag.contributions.models import Answer, Contribution
from inddrag.notifications.models import Notification
from inddrag.notifications.services import MAX_DELIVERY_ATTEMPTS
from inddrag.processes.models import FrameItem
from tests.factories import FrameItemFactory
from tests.factories.contributions import hearing_process, submitted
from tests.notifications.backends import BROKEN, FLAKY, FlakyBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(staff):
    return hearing_process(staff)


@pytest.fixture
def fixed(process):
    return process.frame_items.get(kind=FrameItem.Kind.FIXED)


def answer_url(contribution) -> str:
    return reverse("staff:contributions:answer", args=[contribution.process_id, contribution.pk])


def many_url(process) -> str:
    return reverse("staff:contributions:answer_many", args=[process.pk])


def publish_url(process) -> str:
    return reverse("staff:contributions:publish", args=[process.pk])


def test_answer_one_as_a_draft(process, staff, staff_client):
    contribution = submitted(process)
    response = staff_client.post(
        answer_url(contribution), {"outcome": "accommodated", "reason": "Vi planter træerne."}
    )
    assert response.status_code == 302
    answer = Answer.objects.get(contribution=contribution)
    assert answer.outcome == Answer.Outcome.ACCOMMODATED
    assert answer.author == staff
    assert not answer.is_published
    html = staff_client.get(response["Location"]).content.decode()
    assert "Svarudkast" in html
    assert "Vi planter træerne." in html


def test_a_draft_can_be_changed(process, staff_client):
    contribution = submitted(process)
    staff_client.post(answer_url(contribution), {"outcome": "noted", "reason": "Tak."})
    staff_client.post(answer_url(contribution), {"outcome": "partly", "reason": "Delvist."})
    answer = Answer.objects.get()
    assert (answer.outcome, answer.reason) == ("partly", "Delvist.")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"outcome": "noted", "reason": "   "}, "reason", "Giv en begrundelse for udfaldet."),
        ({"outcome": "", "reason": "Tak."}, "outcome", "Dette felt er påkrævet."),
        ({"outcome": "maybe", "reason": "Tak."}, "outcome", "Marker en gyldig valgmulighed"),
        (
            {"outcome": "outside_frame", "reason": "Det ligger fast."},
            "frame_item",
            "Vælg det faste punkt i rammen, der forklarer",
        ),
    ],
)
def test_bad_answers_are_refused_in_danish_next_to_the_field(
    process, staff_client, data, field, message
):
    contribution = submitted(process)
    response = staff_client.post(answer_url(contribution), data)
    assert response.status_code == 422
    assert not Answer.objects.exists()
    html = response.content.decode()
    assert f'id="group-id_{field}"' in html
    assert message in " ".join(response.context["answer_form"].errors[field])


def test_outside_frame_points_to_a_fixed_item_of_this_process(process, staff, staff_client, fixed):
    contribution = submitted(process)
    open_item = process.frame_items.get(kind=FrameItem.Kind.OPEN)
    foreign = FrameItemFactory(
        process=hearing_process(staff), kind=FrameItem.Kind.FIXED, reason="fordi"
    )
    for item in (open_item, foreign):
        response = staff_client.post(
            answer_url(contribution),
            {"outcome": "outside_frame", "reason": "Ligger fast.", "frame_item": item.pk},
        )
        assert response.status_code == 422
        errors = response.context["answer_form"].errors["frame_item"]
        assert errors == ["Vælg et af forløbets faste punkter i rammen."]
    assert not Answer.objects.exists()
    staff_client.post(
        answer_url(contribution),
        {"outcome": "outside_frame", "reason": "Ligger fast.", "frame_item": fixed.pk},
    )
    assert Answer.objects.get().frame_item == fixed


def test_a_frame_item_is_dropped_for_other_outcomes(process, staff_client, fixed):
    contribution = submitted(process)
    staff_client.post(
        answer_url(contribution), {"outcome": "noted", "reason": "Tak.", "frame_item": fixed.pk}
    )
    assert Answer.objects.get().frame_item is None


def test_bulk_answer_and_publish_e_mails_each_contributor(
    process, staff_client, django_capture_on_commit_callbacks
):
    with_mail = [
        submitted(process, "Flere træer.", email="anna@example.dk"),
        submitted(process, "Flere bænke.", email="bo@example.dk"),
    ]
    without = submitted(process, "Et brev uden e-mail.")
    untouched = submitted(process, "Svares senere.", email="carl@example.dk")
    chosen = [*with_mail, without]
    response = staff_client.post(
        many_url(process),
        {
            "contributions": [c.pk for c in chosen],
            "outcome": "partly",
            "reason": "Vi planter flere træer, men ikke bænke.",
        },
    )
    assert response.status_code == 302
    assert Answer.objects.filter(published_at__isnull=True).count() == 3
    assert not Answer.objects.filter(contribution=untouched).exists()
    inbox = staff_client.get(reverse("staff:contributions:inbox", args=[process.pk]))
    assert "Offentliggør 3 svar…" in inbox.content.decode()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(publish_url(process), follow=True)
    html = response.content.decode()
    assert "3 svar blev offentliggjort." in html
    assert "2 borgere får deres svar på e-mail." in html
    assert Answer.objects.filter(published_at__isnull=False).count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.dk", "bo@example.dk"]
    assert all("Vi planter flere træer, men ikke bænke." in m.body for m in mail.outbox)
    assert Notification.objects.filter(kind="answer", status="sent").count() == 2

    # Published answers are locked: a new bulk answer leaves them as they are.
    response = staff_client.post(
        many_url(process),
        {"contributions": [with_mail[0].pk], "outcome": "noted", "reason": "Ændret."},
        follow=True,
    )
    assert "Offentliggjorte svar er låst" in response.content.decode()
    assert Answer.objects.get(contribution=with_mail[0]).reason.startswith("Vi planter")


def test_publishing_again_publishes_nothing(process, staff_client):
    response = staff_client.post(publish_url(process), follow=True)
    assert "Der var ingen svarudkast at offentliggøre." in response.content.decode()


def test_a_published_answer_is_locked_on_the_page(process, staff_client):
    contribution = submitted(process)
    staff_client.post(answer_url(contribution), {"outcome": "noted", "reason": "Tak."})
    staff_client.post(publish_url(process))
    html = staff_client.get(
        reverse("staff:contributions:detail", args=[process.pk, contribution.pk])
    ).content.decode()
    assert "Et offentliggjort svar er låst og kan ikke ændres." in html
    assert 'name="reason"' not in html.split('id="answer"')[1]
    response = staff_client.post(answer_url(contribution), {"outcome": "partly", "reason": "Nej"})
    assert response.status_code == 302
    assert Answer.objects.get().outcome == "noted"


def test_bulk_answer_needs_a_selection(process, staff_client):
    submitted(process)
    response = staff_client.post(many_url(process), {"outcome": "noted", "reason": "Tak."})
    assert response.status_code == 422
    assert "Sæt kryds ved mindst ét bidrag" in response.content.decode()
    assert not Answer.objects.exists()


def test_bulk_answer_keeps_the_selection_when_a_field_is_missing(process, staff_client):
    contribution = submitted(process)
    response = staff_client.post(
        many_url(process), {"contributions": [contribution.pk], "outcome": "noted"}
    )
    assert response.status_code == 422
    assert response.context["selected"] == {contribution.pk}
    assert f'value="{contribution.pk}" id="select-{contribution.pk}" checked' in (
        response.content.decode()
    )


def test_bulk_answer_with_another_process_id_is_404_and_saves_nothing(process, staff, staff_client):
    own = submitted(process)
    foreign = submitted(hearing_process(staff))
    response = staff_client.post(
        many_url(process),
        {"contributions": [own.pk, foreign.pk], "outcome": "noted", "reason": "Tak."},
    )
    assert response.status_code == 404
    assert not Answer.objects.exists()


def test_bulk_outside_frame_without_item_saves_nothing(process, staff_client):
    chosen = [submitted(process), submitted(process)]
    response = staff_client.post(
        many_url(process),
        {"contributions": [c.pk for c in chosen], "outcome": "outside_frame", "reason": "Nej."},
    )
    assert response.status_code == 422
    assert "frame_item" in response.context["answer_form"].errors
    assert not Answer.objects.exists()


# --- E-mail failures ----------------------------------------------------------------------------


def _publish_one(process, staff_client, capture, email="anna@example.dk") -> Contribution:
    contribution = submitted(process, "Flere træer.", email=email)
    staff_client.post(answer_url(contribution), {"outcome": "noted", "reason": "Tak."})
    with capture(execute=True):
        staff_client.post(publish_url(process))
    return contribution


def test_a_failed_send_is_retried_then_marked_failed(
    process, staff_client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = BROKEN
    contribution = _publish_one(process, staff_client, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(kind="answer")
    assert notification.attempts == MAX_DELIVERY_ATTEMPTS
    assert notification.status == Notification.Status.FAILED
    assert "the mail server is down" in notification.last_error
    assert Contribution.objects.filter(pk=contribution.pk).exists()
    assert Answer.objects.get().is_published
    html = staff_client.get(
        reverse("staff:contributions:detail", args=[process.pk, contribution.pk])
    ).content.decode()
    assert "Mislykkedes" in html


def test_a_send_that_fails_once_is_delivered_on_retry(
    process, staff_client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FLAKY
    FlakyBackend.calls = 0
    mail.outbox = []
    _publish_one(process, staff_client, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(kind="answer")
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 2
    assert [m.to for m in mail.outbox] == [["anna@example.dk"]]


def test_bulk_answer_is_limited_in_size(process, staff_client):
    submitted(process)
    ids = list(range(1, MAX_SELECTED + 2))
    response = staff_client.post(
        many_url(process), {"contributions": ids, "outcome": "noted", "reason": "Tak."}
    )
    assert response.status_code == 422
    assert "Besvar højst 500 bidrag ad gangen." in response.content.decode()


# --- Publishing: a confirmation first, preliminary before the decision ----------------------


def test_the_publish_page_says_what_happens_and_changes_nothing(process, staff_client):
    submitted(process, email="anna@example.dk")
    submitted(process, "Et brev.")
    for c in Contribution.objects.filter(process=process):
        staff_client.post(answer_url(c), {"outcome": "noted", "reason": "Tak."})
    html = staff_client.get(publish_url(process)).content.decode()
    assert "Offentliggør svarene?" in html
    assert "2 svarudkast bliver offentlige" in html
    assert "1 borger får sit svar på e-mail." in html
    assert "Politikerne har ikke besluttet endnu." in html
    assert 'name="preliminary"' in html and "checked" in html
    assert not Answer.objects.filter(published_at__isnull=False).exists()


def test_answers_published_before_the_decision_are_preliminary_until_it(
    process, staff, staff_client, client, django_capture_on_commit_callbacks
):
    from inddrag.contributions.services import approve

    contribution = submitted(process, email="anna@example.dk")
    approve(contribution, staff)
    staff_client.post(answer_url(contribution), {"outcome": "partly", "reason": "Delvist."})
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(publish_url(process), {"preliminary": "on"})
    answer = Answer.objects.get(contribution=contribution)
    assert answer.is_published and answer.preliminary
    assert "Foreløbigt svar: politikerne har ikke besluttet endnu" in mail.outbox[0].body
    public = client.get(process.get_absolute_url()).content.decode()
    assert "Foreløbigt svar" in public

    from inddrag.contributions.services import finalise_answers

    assert finalise_answers(process) == 1
    answer.refresh_from_db()
    assert not answer.preliminary
    assert "Foreløbigt svar" not in client.get(process.get_absolute_url()).content.decode()


def test_staff_can_publish_final_answers_before_the_decision(process, staff_client):
    contribution = submitted(process)
    staff_client.post(answer_url(contribution), {"outcome": "noted", "reason": "Tak."})
    staff_client.post(publish_url(process), {})  # the box unticked
    answer = Answer.objects.get(contribution=contribution)
    assert answer.is_published and not answer.preliminary


def test_after_the_decision_answers_are_never_preliminary(process, staff_client):
    from inddrag.processes.models import Process

    Process.objects.filter(pk=process.pk).update(status=Process.Status.DECIDED)
    contribution = submitted(process)
    staff_client.post(answer_url(contribution), {"outcome": "noted", "reason": "Tak."})
    assert 'name="preliminary"' not in staff_client.get(publish_url(process)).content.decode()
    staff_client.post(publish_url(process), {"preliminary": "on"})
    answer = Answer.objects.get(contribution=contribution)
    assert answer.is_published and not answer.preliminary


def test_publishing_is_logged_with_the_kind_of_answer(process, staff_client):
    from inddrag.audit.models import AccessLog

    contribution = submitted(process)
    staff_client.post(answer_url(contribution), {"outcome": "noted", "reason": "Tak."})
    staff_client.post(publish_url(process), {"preliminary": "on"})
    assert AccessLog.objects.filter(
        object_id=process.pk, detail="published 1 preliminary answers"
    ).exists()


def test_the_publish_page_costs_the_same_with_many_drafts(
    process, staff, staff_client, django_assert_num_queries
):
    from tests.queries import assert_constant_queries

    def grow(n: int) -> str:
        for _ in range(n):
            contribution = submitted(process, email="anna@example.dk")
            Answer.objects.create(contribution=contribution, outcome="noted", reason="Tak.")
        total = Answer.objects.filter(published_at__isnull=True).count()
        return f"Offentliggør {total} svar"

    # Session, user, the process and its plan, the two counts of the preview.
    assert_constant_queries(
        django_assert_num_queries,
        lambda: staff_client.get(publish_url(process)),
        grow,
        13,
        sizes=(1, 30),
    )
