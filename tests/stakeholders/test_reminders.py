"""Reminders go once, only to invited stakeholders who have not answered, N days before the
deadline (issue 5, §2 and §4)."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from inddrag.notifications.models import Notification
from inddrag.stakeholders import services
from tests.factories import ActivityFactory, ProcessFactory
from tests.factories.contributions import ContributionFactory
from tests.factories.stakeholders import StakeholderFactory, accepted, invite

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def hearing(ends_in: datetime.timedelta, **kwargs):
    now = timezone.now()
    process = ProcessFactory(status="open", **kwargs)
    ActivityFactory(process=process, starts_at=now - 20 * DAY, ends_at=now + ends_in)
    return process


def reminded() -> list[str]:
    return sorted(m.to[0] for m in mail.outbox if m.subject.startswith("Påmindelse"))


def test_only_those_who_have_not_answered_are_reminded_once(
    settings, django_capture_on_commit_callbacks
):
    settings.INDDRAG_REMINDER_DAYS = 5
    process = hearing(3 * DAY)
    silent = StakeholderFactory(name="Tavs forening", email="tavs@example.dk")
    answered = StakeholderFactory(name="Svarende forening", email="svar@example.dk")
    entry, token = invite(process, silent)
    invite(process, answered)
    accepted(process, StakeholderFactory(name="Ikke inviteret", email="ikke@example.dk"))
    ContributionFactory(process=process, stakeholder=answered)
    mail.outbox.clear()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_hearing_reminders", stdout=out)
    assert reminded() == ["tavs@example.dk"]
    assert "1 reminder" in out.getvalue()
    # The same personal link as in the invitation.
    assert f"/invitation/{token}/" in mail.outbox[0].body
    entry.refresh_from_db()
    assert entry.reminded_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_hearing_reminders", stdout=StringIO())
    assert reminded() == ["tavs@example.dk"]
    assert Notification.objects.filter(kind="reminder").count() == 1


@pytest.mark.parametrize(
    ("ends_in", "expected"),
    [
        (10 * DAY, 0),  # too early
        (4 * DAY, 1),
        (5 * DAY - datetime.timedelta(minutes=1), 1),
        (-DAY, 0),  # the deadline has passed
    ],
)
def test_only_within_the_days_before_the_deadline(ends_in, expected):
    process = hearing(ends_in)
    invite(process, StakeholderFactory())
    assert services.send_reminders(days=5) == expected


def test_activities_that_take_no_contributions_are_left():
    now = timezone.now()
    process = ProcessFactory(status="open")
    ActivityFactory(
        process=process, method="public_meeting", starts_at=now - DAY, ends_at=now + DAY
    )
    entry = accepted(process, StakeholderFactory())
    entry.invited_at = now
    entry.save()
    assert services.send_reminders(days=5) == 0
