"""The retention policy: each kind goes on the day its period is up, not a second before; what
the public record needs stays; a second run changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from inddrag.audit.models import AccessLog
from inddrag.contributions.models import Contribution, Flag, SpeakingAs
from inddrag.idempotency.models import IdempotencyKey
from inddrag.memos.gathering import who
from inddrag.notifications.models import Notification
from inddrag.privacy.models import RetentionRun
from inddrag.privacy.services import apply_retention, run_retention
from inddrag.processes.models import Process
from inddrag.stakeholders.models import Stakeholder
from tests.factories import DistrictFactory, ProcessFactory, StaffFactory, UserFactory
from tests.factories.contributions import (
    AnswerFactory,
    ContributionFactory,
    PublishedContributionFactory,
    attach,
)
from tests.factories.stakeholders import StakeholderFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2028, 6, 1, 12, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)
SECOND = datetime.timedelta(seconds=1)


def decided(ended: datetime.datetime, kind: str = Process.Kind.PROJECT) -> Process:
    return ProcessFactory(kind=kind, status=Process.Status.DECIDED, ended_at=ended)


def email_about(contribution: Contribution, created: datetime.datetime, **kwargs) -> Notification:
    return Notification.objects.create(
        kind=Notification.Kind.RECEIPT,
        to=contribution.email or "x@example.dk",
        subject="Tak for dit bidrag",
        body="Hej Anna, tak.",
        status=kwargs.pop("status", Notification.Status.SENT),
        created_at=created,
        about_type=ContentType.objects.get_for_model(Contribution),
        about_id=contribution.pk,
    )


@pytest.mark.parametrize(
    ("age", "anonymised"), [(730 * DAY, True), (730 * DAY - SECOND, False), (900 * DAY, True)]
)
def test_contributors_are_anonymised_exactly_730_days_after_the_decision(age, anonymised):
    process = decided(NOW - age)
    contribution = ContributionFactory(
        process=process, district=DistrictFactory(), age_band="30-49", on_behalf_of="min mor"
    )
    apply_retention(NOW)
    contribution.refresh_from_db()
    assert (contribution.anonymised_at is not None) is anonymised
    if anonymised:
        assert (contribution.name, contribution.email, contribution.district) == ("", "", None)
        assert (contribution.age_band, contribution.on_behalf_of) == ("", "")
    else:
        assert contribution.name == "Anna Jensen" and contribution.email


def test_the_period_is_read_from_the_setting(settings):
    settings.INDDRAG_RETENTION_CONTRIBUTION_DAYS = 10
    contribution = ContributionFactory(process=decided(NOW - 10 * DAY))
    kept = ContributionFactory(process=decided(NOW - 9 * DAY))
    apply_retention(NOW)
    assert Contribution.objects.get(pk=contribution.pk).anonymised_at == NOW
    assert Contribution.objects.get(pk=kept.pk).anonymised_at is None


def test_open_processes_are_never_touched():
    process = ProcessFactory(status=Process.Status.OPEN)
    contribution = ContributionFactory(process=process, received_at=NOW - 3000 * DAY)
    apply_retention(NOW)
    assert Contribution.objects.get(pk=contribution.pk).email == contribution.email


def test_the_published_text_and_answer_stay_and_the_unredacted_original_goes():
    process = decided(NOW - 800 * DAY)
    contribution = PublishedContributionFactory(
        process=process,
        text="Mit cpr er 010203-1234. Byg en cykelsti.",
        published_text="Mit cpr er [skjult]. Byg en cykelsti.",
        published_name="Anna Jensen",
    )
    Flag.objects.create(contribution=contribution, kind=Flag.Kind.CPR, match="010203-1234")
    answer = AnswerFactory(contribution=contribution, reason="Cykelstien kommer i 2029.")
    apply_retention(NOW)
    contribution.refresh_from_db()
    assert (
        contribution.text == contribution.published_text == "Mit cpr er [skjult]. Byg en cykelsti."
    )
    assert contribution.publication == Contribution.Publication.PUBLISHED
    assert contribution.published_name == "" and contribution.public_name == ""
    assert not contribution.flags.exists()  # a finding quotes the CPR number
    assert contribution.answer.reason == answer.reason
    assert who(contribution) == "Borger (anonym)"


def test_an_association_keeps_its_name_a_private_person_does_not():
    process = decided(NOW - 800 * DAY)
    association = PublishedContributionFactory(
        process=process, speaking_as=SpeakingAs.ASSOCIATION, on_behalf_of="Ballerup Cykelklub"
    )
    person = PublishedContributionFactory(process=process, on_behalf_of="min nabo")
    apply_retention(NOW)
    association.refresh_from_db()
    person.refresh_from_db()
    assert association.on_behalf_of == association.published_name == "Ballerup Cykelklub"
    assert association.name == association.email == ""
    assert person.on_behalf_of == person.published_name == ""


def test_the_memos_stored_screening_is_made_anew_from_what_is_left():
    process = decided(NOW - 800 * DAY)
    person = PublishedContributionFactory(
        process=process, on_behalf_of="min nabo Anna", published_name="Anna Andersen"
    )
    person.refresh_from_db()
    assert "Anna" in repr(person.screened)
    apply_retention(NOW)
    person.refresh_from_db()
    assert "Anna" not in repr(person.screened)
    assert person.screened["on_behalf_of"][1] == person.screened["published_name"][1] == ""


def test_an_unpublished_contribution_loses_its_text_and_unpublished_attachments_leave_storage():
    process = decided(NOW - 800 * DAY)
    private = ContributionFactory(process=process, publication=Contribution.Publication.PRIVATE)
    hidden = attach(private, "mit-brev.pdf")
    published = PublishedContributionFactory(process=process)
    shown = attach(published, "tegning.pdf")
    withheld = attach(published, "med-cpr.pdf")
    withheld.withheld = True
    withheld.save()
    paths = {a.pk: a.file.name for a in (hidden, shown, withheld)}
    report = apply_retention(NOW)
    assert Contribution.objects.get(pk=private.pk).text == ""
    assert list(published.attachments.values_list("pk", flat=True)) == [shown.pk]
    assert not private.attachments.exists()
    assert default_storage.exists(paths[shown.pk])
    assert not default_storage.exists(paths[hidden.pk])
    assert not default_storage.exists(paths[withheld.pk])
    assert report.counts["attachments_deleted"] == 2


def test_cases_lose_text_attachments_and_participants_after_their_own_period(settings):
    settings.INDDRAG_RETENTION_CASE_DAYS = 100
    case = decided(NOW - 100 * DAY, kind=Process.Kind.CASE)
    case.participants.add(UserFactory(), StaffFactory())
    contribution = ContributionFactory(process=case, text="Min mors helbred …")
    attach(contribution)
    younger = decided(NOW - 99 * DAY, kind=Process.Kind.CASE)
    younger.participants.add(UserFactory())
    report = apply_retention(NOW)
    contribution.refresh_from_db()
    assert contribution.text == "" and contribution.name == ""
    assert not contribution.attachments.exists()
    assert case.participants.count() == 0 and younger.participants.count() == 1
    assert report.counts == {"cases": 1, "attachments_deleted": 1, "case_participants": 2}


def test_sent_emails_lose_address_and_body_after_90_days():
    contribution = ContributionFactory()
    old = email_about(contribution, NOW - 90 * DAY)
    young = email_about(contribution, NOW - 90 * DAY + SECOND)
    waiting = email_about(contribution, NOW - 200 * DAY, status=Notification.Status.PENDING)
    apply_retention(NOW)
    old.refresh_from_db()
    assert (old.to, old.body, old.subject) == ("", "", "Tak for dit bidrag")
    assert Notification.objects.get(pk=young.pk).to
    assert Notification.objects.get(pk=waiting.pk).to  # not sent yet: left for the sender


def test_idempotency_keys_go_after_7_days():
    old = IdempotencyKey.objects.create(scope="s", key_hash="a", created_at=NOW - 7 * DAY)
    young = IdempotencyKey.objects.create(scope="s", key_hash="b", created_at=NOW - 6 * DAY)
    apply_retention(NOW)
    assert list(IdempotencyKey.objects.values_list("pk", flat=True)) == [young.pk]
    assert old.pk != young.pk


def test_a_stakeholder_contact_goes_365_days_after_it_was_made_inactive():
    active = StakeholderFactory(contact_name="Bo Berg", phone="44 77 20 00")
    gone = StakeholderFactory(contact_name="Ida Ild", phone="12 34 56 78", active=False)
    Stakeholder.objects.filter(pk=gone.pk).update(inactive_since=NOW - 365 * DAY)
    recent = StakeholderFactory(contact_name="Ulla Ung", active=False)
    Stakeholder.objects.filter(pk=recent.pk).update(inactive_since=NOW - 364 * DAY)
    apply_retention(NOW)
    gone.refresh_from_db()
    assert (gone.contact_name, gone.email, gone.phone) == ("", "", "")
    assert gone.name  # the organisation stays
    assert Stakeholder.objects.get(pk=active.pk).contact_name == "Bo Berg"
    assert Stakeholder.objects.get(pk=recent.pk).contact_name == "Ulla Ung"


def test_marking_a_stakeholder_inactive_starts_the_clock_and_reactivating_stops_it():
    stakeholder = StakeholderFactory()
    assert stakeholder.inactive_since is None
    stakeholder.active = False
    stakeholder.save(update_fields=["active"])
    assert Stakeholder.objects.get(pk=stakeholder.pk).inactive_since is not None
    stakeholder.active = True
    stakeholder.save(update_fields=["active"])
    assert Stakeholder.objects.get(pk=stakeholder.pk).inactive_since is None


def test_access_log_entries_go_after_five_years():
    staff = StaffFactory()
    old = AccessLog.objects.create(user=staff, action="view", object_type="x", object_id=1)
    young = AccessLog.objects.create(user=staff, action="view", object_type="x", object_id=2)
    AccessLog.objects.filter(pk=old.pk).update(at=NOW - 1825 * DAY)
    AccessLog.objects.filter(pk=young.pk).update(at=NOW - 1824 * DAY)
    apply_retention(NOW)
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [young.pk]


def test_login_records_go_after_their_period():
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as LoginLog

    for model in (LoginLog, AccessAttempt, AccessFailureLog):
        extra = {"failures_since_start": 1} if model is AccessAttempt else {}
        old = model.objects.create(
            username="planlaegger", ip_address="192.0.2.1", user_agent="Firefox", **extra
        )
        young = model.objects.create(
            username="sagsbehandler", ip_address="192.0.2.2", user_agent="Firefox", **extra
        )
        model.objects.filter(pk=old.pk).update(attempt_time=NOW - 180 * DAY)
        model.objects.filter(pk=young.pk).update(attempt_time=NOW - 179 * DAY)
    report = apply_retention(NOW)
    assert report.counts == {"login_log": 1, "login_attempts": 1, "login_failures": 1}
    for model in (LoginLog, AccessAttempt, AccessFailureLog):
        assert list(model.objects.values_list("username", flat=True)) == ["sagsbehandler"]


def _everything_due() -> None:
    process = decided(NOW - 800 * DAY)
    contribution = PublishedContributionFactory(process=process)
    attach(ContributionFactory(process=process))
    email_about(contribution, NOW - 100 * DAY)
    IdempotencyKey.objects.create(scope="s", key_hash="a", created_at=NOW - 8 * DAY)
    stakeholder = StakeholderFactory(active=False)
    Stakeholder.objects.filter(pk=stakeholder.pk).update(inactive_since=NOW - 400 * DAY)


def _snapshot() -> list:
    return [
        list(Contribution.objects.order_by("pk").values()),
        list(Notification.objects.order_by("pk").values()),
        list(Stakeholder.objects.order_by("pk").values()),
        list(IdempotencyKey.objects.order_by("pk").values()),
    ]


def test_a_second_run_changes_nothing_and_each_run_is_recorded():
    _everything_due()
    first = apply_retention(NOW)
    assert first.counts == {
        "contributions": 2,
        "attachments_deleted": 1,
        "notifications": 1,
        "idempotency": 1,
        "stakeholder_contacts": 1,
    }
    after_first = _snapshot()
    second = apply_retention(NOW + DAY)
    assert second.counts == {}
    assert _snapshot() == after_first
    assert list(RetentionRun.objects.values_list("counts", flat=True)) == [{}, first.counts]


def test_a_dry_run_reports_what_would_happen_and_changes_nothing(capsys):
    _everything_due()
    before = _snapshot()
    report = apply_retention(NOW, dry_run=True)
    assert report.counts["contributions"] == 2 and report.counts["attachments_deleted"] == 1
    assert _snapshot() == before
    assert not RetentionRun.objects.exists()


def test_the_command_and_the_task(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    _everything_due()
    before = _snapshot()
    call_command("apply_retention", "--dry-run", stdout=(out := _Out()))
    assert "contributions: 2 would be handled" in out.text
    assert "INDDRAG_RETENTION_CONTRIBUTION_DAYS = 730 days" in out.text
    assert _snapshot() == before
    call_command("apply_retention", stdout=(out := _Out()))
    assert "contributions: 2 handled" in out.text
    assert run_retention.enqueue().return_value == {}


class _Out:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text
