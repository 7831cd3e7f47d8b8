"""The deadline's last minute is in time (issue #10, section 5): a page that says "kl. 23.59"
takes a post at 23:59:00, 23:59:30 and 23:59:59.999, not at 00:00:00 — on the form, in the API,
in staff's "received after the deadline", the timeline, the closed message and the reminders,
also on the days summer time begins and ends (Europe/Copenhagen)."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from inddrag.contributions import services
from inddrag.contributions.models import Contribution, Source
from inddrag.lib.calendar import COPENHAGEN, deadline_passed, to_the_minute
from inddrag.processes.models import Activity, Process
from inddrag.processes.services import build_timeline
from inddrag.stakeholders.services import due_reminders
from tests.factories import ActivityFactory, ProcessFactory, StaffFactory, cph
from tests.factories.stakeholders import StakeholderFactory, invite

pytestmark = pytest.mark.django_db

MS = datetime.timedelta(milliseconds=1)
UTC = datetime.UTC

# Deadlines as a page shows them, each with the moments just inside and just after. The last
# Sundays of March and October 2026 are the 29th and the 25th.
DEADLINES = {
    "an ordinary evening": cph(2026, 6, 10, 23, 59),
    "the evening summer time began": cph(2026, 3, 29, 23, 59),
    "the evening summer time ended": cph(2026, 10, 25, 23, 59),
    # 01:59 CET, and the next minute is 03:00 CEST (02:00–02:59 does not exist that night).
    "the minute before the clocks go forward": cph(2026, 3, 29, 1, 59),
    # 02:59 the first time (CEST); the next minute is 02:00 again (CET).
    "the minute before the clocks go back": datetime.datetime(
        2026, 10, 25, 2, 59, tzinfo=COPENHAGEN, fold=0
    ),
}


def inside(deadline: datetime.datetime) -> list[datetime.datetime]:
    """23:59:00, 23:59:30 and 23:59:59.999 of the deadline's minute."""
    start = to_the_minute(deadline)
    return [
        start,
        start + datetime.timedelta(seconds=30),
        start + datetime.timedelta(minutes=1) - MS,
    ]


def after(deadline: datetime.datetime) -> datetime.datetime:
    """The first moment of the next minute (00:00:00 the next day for 23:59)."""
    return to_the_minute(deadline).astimezone(UTC) + datetime.timedelta(minutes=1)


def hearing_until(deadline: datetime.datetime) -> tuple[Process, Activity]:
    process = ProcessFactory(status=Process.Status.OPEN, review_before_publishing=False)
    activity = ActivityFactory(
        process=process,
        method=Activity.Method.HEARING,
        starts_at=deadline - datetime.timedelta(days=30),
        ends_at=deadline,
    )
    # As every request reads it: from the database, in UTC. (Python never finds a Danish time
    # in the repeated hour equal to a moment of another zone, PEP 495.)
    activity.refresh_from_db()
    return process, activity


def contribution(**overrides) -> services.SubmissionData:
    values = {
        "text": "Jeg ønsker flere træer.",
        "speaking_as": "private",
        "consent": "anonymous",
    }
    return services.SubmissionData(**{**values, **overrides})


def test_the_next_minute_across_the_clock_changes_is_sixty_seconds_later():
    forward = DEADLINES["the minute before the clocks go forward"]
    assert after(forward).astimezone(COPENHAGEN).strftime("%H:%M %Z") == "03:00 CEST"
    back = DEADLINES["the minute before the clocks go back"]
    assert after(back).astimezone(COPENHAGEN).strftime("%H:%M %Z") == "02:00 CET"
    for deadline in DEADLINES.values():
        assert after(deadline) - deadline.astimezone(UTC) == datetime.timedelta(minutes=1)


@pytest.mark.parametrize("name", DEADLINES)
def test_the_rule(name):
    deadline = DEADLINES[name]
    for moment in inside(deadline):
        assert not deadline_passed(deadline, moment)
    assert deadline_passed(deadline, after(deadline))


@pytest.mark.parametrize("name", DEADLINES)
def test_the_activity_is_open_through_its_last_minute(name):
    process, activity = hearing_until(DEADLINES[name])
    for moment in inside(activity.ends_at):
        assert activity.is_open(moment)
        assert process.open_activity(moment) == activity
        assert process.next_deadline(moment) == activity.ends_at
    late = after(activity.ends_at)
    assert not activity.is_open(late)
    assert process.open_activity(late) is None
    assert process.next_deadline(late) is None
    assert process.closed_message(late).startswith("Fristen var")


@pytest.mark.parametrize("name", DEADLINES)
def test_the_form_takes_a_post_in_the_last_minute_and_refuses_the_next(client, name):
    process, activity = hearing_until(DEADLINES[name])
    address = reverse("contributions:submit", args=[process.pk])
    fields = {"text": "Træer.", "speaking_as": "private", "consent": "anonymous"}
    for n, moment in enumerate(inside(activity.ends_at)):
        with mock.patch("django.utils.timezone.now", return_value=moment):
            response = client.post(address, {**fields, "text": f"Bidrag {n}"})
        assert response.status_code == 302, moment
    with mock.patch("django.utils.timezone.now", return_value=after(activity.ends_at)):
        response = client.post(address, fields)
    assert response.status_code == 409
    assert Contribution.objects.count() == 3
    assert not Contribution.objects.filter(after_deadline=True).exists()


@pytest.mark.parametrize("name", DEADLINES)
def test_the_api_takes_a_post_in_the_last_minute_and_answers_409_the_next(settings, name):
    settings.INDDRAG_API_RATE = "1000/m"
    process, activity = hearing_until(DEADLINES[name])
    client = Client()
    address = f"/api/v1/processes/{process.pk}/contributions"
    fields = {"text": "Træer.", "speaking_as": "private", "consent": "anonymous"}
    for n, moment in enumerate(inside(activity.ends_at)):
        with mock.patch("django.utils.timezone.now", return_value=moment):
            response = client.post(address, {**fields, "text": f"Bidrag {n}"}, "application/json")
        assert response.status_code == 201, moment
    with mock.patch("django.utils.timezone.now", return_value=after(activity.ends_at)):
        response = client.post(address, fields, "application/json")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Fristen var")


@pytest.mark.parametrize("name", DEADLINES)
def test_staff_registration_marks_after_the_deadline_from_the_next_minute(name):
    process, activity = hearing_until(DEADLINES[name])
    staff = StaffFactory(centre=process.centre)
    late = after(activity.ends_at)
    for moment in [*inside(activity.ends_at), late]:
        result = services.submit(
            process,
            contribution(activity=activity),
            [],
            source=Source.LETTER,
            registered_by=staff,
            received_at=moment,
            now=late + datetime.timedelta(days=1),
        )
        assert result.contribution.after_deadline == (moment == late), moment


def test_the_page_shows_the_minute_that_is_in_time(client):
    deadline = DEADLINES["an ordinary evening"]
    process, _activity = hearing_until(deadline)
    with mock.patch("django.utils.timezone.now", return_value=inside(deadline)[-1]):
        html = client.get(process.get_absolute_url()).content.decode()
    assert "10. juni 2026 kl. 23.59" in html
    assert 'name="form_token"' in html  # the form is still there at 23:59:59.999


def test_the_timeline_calls_the_activity_current_through_its_last_minute():
    deadline = DEADLINES["an ordinary evening"]
    process, activity = hearing_until(deadline)

    def state(moment):
        entries = [e for e in build_timeline(process, moment) if e.obj == activity]
        return entries[0].state

    assert [state(m) for m in inside(deadline)] == ["current"] * 3
    assert state(after(deadline)) == "past"


def test_a_reminder_is_still_due_in_the_last_minute(settings):
    settings.INDDRAG_REMINDER_DAYS = 5
    deadline = DEADLINES["an ordinary evening"]
    process, _activity = hearing_until(deadline)
    entry, _token = invite(process, StakeholderFactory(email="forening@example.dk"))
    for moment in inside(deadline):
        assert list(due_reminders(moment)) == [entry]
    assert list(due_reminders(after(deadline))) == []


def test_the_demo_deadlines_are_whole_minutes():
    """Nothing to migrate: every end is stored as the minute shown; the comparison does the
    rest. (The demo's and the forms' ends have no seconds.)"""
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    ends = list(Activity.objects.values_list("ends_at", flat=True))
    assert ends
    assert all(end == to_the_minute(end) for end in ends)
