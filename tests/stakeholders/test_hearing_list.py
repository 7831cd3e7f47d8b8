"""The staff hearing list page, invitations by e-mail, the memo's parties and the API (issue 5)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from inddrag.contributions.models import Contribution
from inddrag.memos.gathering import build_memo
from inddrag.notifications.models import Notification
from inddrag.processes.models import Process, TargetGroup
from inddrag.stakeholders import services
from inddrag.stakeholders.models import HearingListEntry, Stakeholder
from tests.factories import StaffFactory, UserFactory, add_target_groups
from tests.factories.contributions import ContributionFactory, open_hearing
from tests.factories.stakeholders import (
    HearingDutyFactory,
    StakeholderFactory,
    TopicFactory,
    accepted,
    invite,
)
from tests.notifications.backends import FLAKY, FlakyBackend
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db

State = HearingListEntry.State


@pytest.fixture
def process(staff):
    process, _activity = open_hearing(centre=staff.centre, responsible=staff)
    elderly = TopicFactory(name="Ældre")
    traffic = TopicFactory(name="Trafik")
    process.topic_tags.set([elderly, traffic])
    HearingDutyFactory(
        stakeholder=StakeholderFactory(name="Seniorrådet", type=Stakeholder.Type.COUNCIL),
        topics=[elderly],
        legal_basis="Retssikkerhedsloven § 30",
    )
    StakeholderFactory(name="Cyklistforeningen", topics=[traffic])
    return process


def url(process, name: str = "list", *args) -> str:
    page = "hearing_list" if name == "list" else f"hearing_{name}"
    return reverse(f"staff:stakeholders:{page}", args=[process.pk, *args])


def test_only_staff_who_may_edit_see_it(process, client):
    assert client.get(url(process)).status_code == 302  # to the login page
    other = Client()
    other.force_login(StaffFactory())  # another centre
    assert other.get(url(process)).status_code == 404
    assert other.post(url(process, "refresh")).status_code == 404
    citizen = Client()
    citizen.force_login(UserFactory())
    assert citizen.get(url(process)).status_code == 404


def test_update_suggestions_shows_each_with_its_reason(process, staff_client):
    response = staff_client.post(url(process, "refresh"), follow=True)
    html = response.content.decode()
    assert "Skal inviteres (lovpligtigt)" in html
    assert "Lovpligtig: Retssikkerhedsloven § 30" in html
    assert "Samme emne: Trafik" in html
    entries = {e.stakeholder.name: e for e in HearingListEntry.objects.all()}
    assert entries["Seniorrådet"].reason == "must"
    assert entries["Cyklistforeningen"].reason == "should"
    assert {e.state for e in entries.values()} == {State.SUGGESTED}


def test_update_never_duplicates_nor_resurrects_a_dismissal(process, staff, staff_client):
    services.refresh_suggestions(process)
    services.refresh_suggestions(process)
    assert HearingListEntry.objects.count() == 2
    entry = HearingListEntry.objects.get(stakeholder__name="Cyklistforeningen")
    services.dismiss(entry, "Ikke relevant her", staff)
    staff_client.post(url(process, "refresh"))
    entry.refresh_from_db()
    assert entry.state == State.DISMISSED
    assert entry.dismiss_reason == "Ikke relevant her"
    assert HearingListEntry.objects.count() == 2


def test_a_dismissal_needs_a_reason(process, staff_client):
    services.refresh_suggestions(process)
    entry = HearingListEntry.objects.get(stakeholder__name="Cyklistforeningen")
    response = staff_client.post(url(process, "dismiss", entry.pk), {f"e{entry.pk}-reason": "  "})
    assert response.status_code == 422
    assert "Skriv en kort begrundelse for at afvise forslaget." in response.content.decode()
    entry.refresh_from_db()
    assert entry.state == State.SUGGESTED
    response = staff_client.post(
        url(process, "dismiss", entry.pk), {f"e{entry.pk}-reason": "Dækkes af lokalrådet"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.state, entry.dismiss_reason) == (State.DISMISSED, "Dækkes af lokalrådet")
    html = staff_client.get(url(process)).content.decode()
    assert "Dækkes af lokalrådet" in html


def test_accept_and_add_by_hand(process, staff, staff_client):
    services.refresh_suggestions(process)
    entry = HearingListEntry.objects.get(stakeholder__name="Seniorrådet")
    staff_client.post(url(process, "accept", entry.pk))
    entry.refresh_from_db()
    assert (entry.state, entry.decided_by) == (State.ACCEPTED, staff)
    other = StakeholderFactory(name="Ballerup Handelsstandsforening")
    html = staff_client.get(url(process) + "?q=handel").content.decode()
    assert "Ballerup Handelsstandsforening" in html
    staff_client.post(url(process, "add"), {"stakeholder": other.pk})
    added = HearingListEntry.objects.get(stakeholder=other)
    assert (added.state, added.reason) == (State.ACCEPTED, "manual")
    assert staff_client.post(url(process, "add"), {"stakeholder": 99999}).status_code == 422


def test_an_entry_of_another_process_is_a_404(process, staff_client):
    other, _ = open_hearing(centre=process.centre)
    entry = accepted(other, StakeholderFactory())
    assert staff_client.post(url(process, "accept", entry.pk)).status_code == 404


def test_send_invitations_once_each_with_a_personal_link(
    process, staff_client, django_capture_on_commit_callbacks
):
    senior = Stakeholder.objects.get(name="Seniorrådet")
    entry = accepted(process, senior)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url(process, "invite"))
    entry.refresh_from_db()
    assert entry.invited_at is not None
    token = services.invitation_token(entry)
    assert entry.token_hash == HearingListEntry.hash_token(token)
    assert token not in entry.token_hash
    (message,) = mail.outbox
    assert message.to == [senior.email]
    assert f"/invitation/{token}/" in message.body
    assert process.title in message.subject
    sent = Notification.objects.get()
    assert sent.status == Notification.Status.SENT
    assert token not in sent.body  # the link leaves the outbox once sent
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url(process, "invite"))
    assert len(mail.outbox) == 1


def test_no_invitations_from_a_draft(process, staff_client):
    Process.objects.filter(pk=process.pk).update(status=Process.Status.DRAFT)
    accepted(process, Stakeholder.objects.get(name="Seniorrådet"))
    staff_client.post(url(process, "invite"))
    assert HearingListEntry.objects.get().invited_at is None


def test_a_failed_e_mail_is_retried(process, settings, django_capture_on_commit_callbacks):
    accepted(process, Stakeholder.objects.get(name="Seniorrådet"))
    settings.EMAIL_BACKEND = FLAKY
    FlakyBackend.calls = 0
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.send_invitations(process)
    email = Notification.objects.get()
    assert len(callbacks) == 2  # the first send, then the retry it enqueued
    assert (email.status, email.attempts) == (Notification.Status.SENT, 2)
    assert email.about == HearingListEntry.objects.get()
    assert [m.to for m in mail.outbox] == [[email.to]]


def test_answered_is_ticked(process, staff_client):
    senior = Stakeholder.objects.get(name="Seniorrådet")
    accepted(process, senior)
    accepted(process, Stakeholder.objects.get(name="Cyklistforeningen"))
    ContributionFactory(process=process, stakeholder=senior)
    response = staff_client.get(url(process))
    assert "1 har svaret" in response.content.decode().replace("\n", " ")
    assert services.answered_stakeholder_ids(process) == {senior.pk}


@pytest.mark.parametrize("n", [5, 300])
def test_query_count_does_not_grow(process, staff_client, django_assert_num_queries, n):
    for i in range(n):
        s = StakeholderFactory(name=f"Interessent {i:03d}")
        entry = HearingListEntry.objects.create(
            process=process,
            stakeholder=s,
            reason=["should", "beyond", "manual"][i % 3],
            state=[State.SUGGESTED, State.ACCEPTED, State.DISMISSED][i % 3],
            why="Samme emne: Trafik",
            dismiss_reason="Ikke relevant" if i % 3 == 2 else "",
        )
        if i % 4 == 0:
            ContributionFactory(process=process, stakeholder=s)
        del entry
    # The session, the user, the process, who answered, the entries and the search.
    response = assert_queries(
        django_assert_num_queries,
        6,
        lambda: staff_client.get(url(process) + "?q=Interessent"),
        shows=f"Interessent {n - 1:03d}",
    )
    page = response.context["page"]
    assert len(page.must + page.should + page.beyond + page.accepted + page.dismissed) == n


# --- The hearing memo ---------------------------------------------------------------------------


def test_memo_parties_are_the_hearing_list_ticked_where_they_answered(process):
    add_target_groups(process, TargetGroup.CITIZENS)
    assert build_memo(process).hearing.target_groups == ["Borgere"]  # no list yet
    senior = Stakeholder.objects.get(name="Seniorrådet")
    accepted(process, senior)
    accepted(process, Stakeholder.objects.get(name="Cyklistforeningen"))
    HearingListEntry.objects.create(
        process=process,
        stakeholder=StakeholderFactory(name="Afvist forening"),
        reason="should",
        state=State.DISMISSED,
        dismiss_reason="Nej",
    )
    ContributionFactory(process=process, stakeholder=senior)
    hearing = build_memo(process).hearing
    assert hearing.target_groups == ["Cyklistforeningen", "Seniorrådet (har svaret)"]
    assert [(p.name, p.answered) for p in hearing.parties] == [
        ("Cyklistforeningen", False),
        ("Seniorrådet", True),
    ]


# --- The API ------------------------------------------------------------------------------------


def test_api_hearing_list_without_contact_details(process, client):
    senior = Stakeholder.objects.get(name="Seniorrådet")
    invite(process, senior)
    accepted(process, Stakeholder.objects.get(name="Cyklistforeningen"))
    HearingListEntry.objects.create(
        process=process, stakeholder=StakeholderFactory(name="Kun foreslået"), reason="beyond"
    )
    ContributionFactory(process=process, stakeholder=senior)
    response = client.get(f"/api/v1/processes/{process.pk}")
    body = response.content.decode()
    assert response.json()["hearing_list"] == [
        {
            "name": "Cyklistforeningen",
            "type": "association",
            "type_label": "Forening",
            "invited": False,
            "answered": False,
        },
        {
            "name": "Seniorrådet",
            "type": "council",
            "type_label": "Råd",
            "invited": True,
            "answered": True,
        },
    ]
    assert senior.email not in body
    assert senior.contact_name not in body
    assert "Kun foreslået" not in body
    assert Contribution.objects.filter(stakeholder=senior).exists()
