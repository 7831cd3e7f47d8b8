"""The scheduler: each daily job once a day at its time (Europe/Copenhagen), across schedulers;
a missed day run once on start; a failure logged and recorded. The clock is fixed."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, time
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from inddrag.operations import services
from inddrag.operations.models import ScheduledRun

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CPH)


@pytest.fixture
def ran(settings, monkeypatch):
    """One job at 07:00; the commands it would run are recorded instead of run."""
    settings.INDDRAG_SCHEDULE = {"send_hearing_reminders": time(7, 0)}
    calls: list[str] = []

    def fake(name, stdout, stderr):
        calls.append(name)
        stdout.write("3 reminder(s) queued.\n")

    monkeypatch.setattr(services, "call_command", fake)
    return calls


def _done(job: str, day: date) -> ScheduledRun:
    return ScheduledRun.objects.create(
        job=job, day=day, started_at=at(day.day, 7), outcome="done", claimed_by="other:1"
    )


def test_due_at_its_time_of_day(ran):
    _done("send_hearing_reminders", date(2026, 3, 9))
    results = services.run_due(at(10, 7, 0))
    assert ran == ["send_hearing_reminders"]
    assert results == [services.Result("send_hearing_reminders", date(2026, 3, 10), "done")]
    entry = ScheduledRun.objects.get(day=date(2026, 3, 10))
    assert entry.outcome == "done"
    assert entry.output == "3 reminder(s) queued.\n"
    assert entry.started_at == at(10, 7, 0)
    assert entry.finished_at is not None
    assert entry.claimed_by


def test_not_due_before_its_time_of_day(ran):
    _done("send_hearing_reminders", date(2026, 3, 9))
    results = services.run_due(at(10, 6, 59))
    assert ran == []
    assert results == [services.Result("send_hearing_reminders", date(2026, 3, 9), "claimed")]
    assert ScheduledRun.objects.count() == 1


def test_once_a_day_however_often_the_scheduler_looks(ran):
    _done("send_hearing_reminders", date(2026, 3, 9))
    for minute in (0, 1, 30):
        services.run_due(at(10, 7, minute))
    services.run_due(at(10, 23, 59))
    assert ran == ["send_hearing_reminders"]
    services.run_due(at(11, 7, 0))
    assert ran == ["send_hearing_reminders"] * 2


def test_claimed_by_another_scheduler_is_left_alone(ran):
    _done("send_hearing_reminders", date(2026, 3, 10))
    assert services.run_due(at(10, 8)) == [
        services.Result("send_hearing_reminders", date(2026, 3, 10), "claimed")
    ]
    assert ran == []


def test_a_claim_lost_in_a_race_is_left_alone(ran, monkeypatch):
    """Another scheduler inserts between the look and the insert: the unique constraint decides."""
    _done("send_hearing_reminders", date(2026, 3, 10))
    real_filter = ScheduledRun.objects.filter

    class Blind:
        def exists(self):
            return False

    monkeypatch.setattr(ScheduledRun.objects, "filter", lambda **kw: Blind())
    assert services.claim("send_hearing_reminders", date(2026, 3, 10), at(10, 8)) is None
    monkeypatch.setattr(ScheduledRun.objects, "filter", real_filter)
    assert ran == []
    assert ScheduledRun.objects.count() == 1


def test_a_missed_day_is_run_once_when_the_scheduler_starts_late(ran):
    """Down over 07:00 on the 9th, started at 05:00 on the 10th: the 9th is run, once; the 10th
    at 07:00. Older missed days are not run one by one (the commands catch up by themselves)."""
    services.run_due(at(10, 5))
    services.run_due(at(10, 6))
    assert list(ScheduledRun.objects.values_list("day", flat=True)) == [date(2026, 3, 9)]
    services.run_due(at(10, 7))
    assert ran == ["send_hearing_reminders"] * 2
    assert sorted(ScheduledRun.objects.values_list("day", flat=True)) == [
        date(2026, 3, 9),
        date(2026, 3, 10),
    ]


def test_a_failure_is_logged_and_recorded_and_the_next_job_still_runs(
    settings, monkeypatch, caplog
):
    settings.INDDRAG_SCHEDULE = {"apply_retention": time(2, 30), "send_case_reminders": time(3)}
    calls = []

    def fake(name, stdout, stderr):
        calls.append(name)
        if name == "apply_retention":
            raise RuntimeError("the disk is full")

    monkeypatch.setattr(services, "call_command", fake)
    results = services.run_due(at(10, 4))
    assert calls == ["apply_retention", "send_case_reminders"]
    assert [r.outcome for r in results] == ["failed", "done"]
    failed = ScheduledRun.objects.get(job="apply_retention")
    assert failed.outcome == "failed"
    assert "RuntimeError: the disk is full" in failed.output
    assert failed.finished_at is not None
    record = next(r for r in caplog.records if r.name == "inddrag.operations.services")
    assert record.levelname == "ERROR"
    assert record.getMessage() == "Scheduled job apply_retention for 2026-03-10 failed"
    assert record.exc_info
    # Not retried the same day.
    services.run_due(at(10, 5))
    assert calls == ["apply_retention", "send_case_reminders"]


def test_a_job_set_off_is_never_run(ran, settings):
    settings.INDDRAG_SCHEDULE = {"send_hearing_reminders": None}
    assert services.run_due(at(10, 8)) == []
    assert ran == []


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Winter (CET, UTC+1): 07:00 in Copenhagen is 06:00 UTC.
        (datetime(2026, 1, 15, 5, 59, tzinfo=UTC), date(2026, 1, 14)),
        (datetime(2026, 1, 15, 6, 0, tzinfo=UTC), date(2026, 1, 15)),
        # Summer (CEST, UTC+2): 05:00 UTC.
        (datetime(2026, 7, 1, 4, 59, tzinfo=UTC), date(2026, 6, 30)),
        (datetime(2026, 7, 1, 5, 0, tzinfo=UTC), date(2026, 7, 1)),
        # Just after midnight in Copenhagen is still the day before in UTC.
        (datetime(2026, 7, 1, 22, 30, tzinfo=UTC), date(2026, 7, 1)),
    ],
)
def test_the_time_of_day_is_copenhagens(moment, expected):
    assert services.due_day(time(7, 0), moment) == expected


def test_a_time_that_does_not_exist_on_the_spring_forward_night_runs_after_it():
    """02:30 is skipped on 29 March 2026 (02:00 → 03:00): the job runs at 03:00 that day."""
    before = datetime(2026, 3, 29, 0, 59, tzinfo=UTC)  # 01:59 CET
    after = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 03:00 CEST
    assert services.due_day(time(2, 30), before) == date(2026, 3, 28)
    assert services.due_day(time(2, 30), after) == date(2026, 3, 29)


def test_once_runs_the_real_daily_commands_and_a_second_scheduler_runs_nothing(settings):
    """--once with the real commands on an empty database: each done once; a second run (another
    scheduler, or cron) finds every job claimed."""
    out = StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    entries = ScheduledRun.objects.all()
    assert sorted(e.job for e in entries) == sorted(settings.INDDRAG_SCHEDULE)
    assert {e.outcome for e in entries} == {"done"}
    assert "reminder(s) queued." in ScheduledRun.objects.get(job="send_hearing_reminders").output
    assert out.getvalue().count(": done") == len(settings.INDDRAG_SCHEDULE) == 5
    again = StringIO()
    call_command("run_scheduler", "--once", stdout=again)
    assert again.getvalue() == ""
    assert ScheduledRun.objects.count() == 5


def test_an_unknown_command_in_the_schedule_stops_the_scheduler(settings):
    settings.INDDRAG_SCHEDULE = {"send_everything": time(7)}
    with pytest.raises(CommandError, match="No such command: send_everything"):
        call_command("run_scheduler", "--once")


@pytest.mark.django_db(transaction=True)
def test_four_schedulers_at_the_same_moment_run_a_job_once(settings, monkeypatch):
    """Real concurrent claims (PostgreSQL: the unique index makes the later inserts wait and fail);
    every scheduler passes the cheap look first, so the insert alone decides."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    settings.INDDRAG_SCHEDULE = {"send_hearing_reminders": time(7, 0)}
    calls = []
    monkeypatch.setattr(services, "call_command", lambda name, **kw: calls.append(name))
    start = threading.Barrier(4)
    real_claim = services.claim

    class Blind:
        def exists(self):
            return False

    def claim(job, day, moment):
        start.wait(timeout=10)
        return real_claim(job, day, moment)

    monkeypatch.setattr(services, "claim", claim)
    monkeypatch.setattr(ScheduledRun.objects, "filter", lambda **kw: Blind())
    outcomes = []

    def scheduler():
        try:
            outcomes.extend(r.outcome for r in services.run_due(at(10, 7)))
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["claimed", "claimed", "claimed", "done"]
    assert calls == ["send_hearing_reminders"]
    assert ScheduledRun.objects.count() == 1
