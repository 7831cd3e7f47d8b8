"""Each principle check at its boundaries."""

from __future__ import annotations

import datetime

import pytest

from inddrag.principles.checks import Severity, blockers, run_checks, worst_severity
from inddrag.principles.plan import load_plan
from inddrag.processes.models import FrameItem, Process, Proportionality, TargetGroup
from tests.factories import (
    ActivityFactory,
    FrameItemFactory,
    MilestoneFactory,
    ProcessFactory,
    add_target_groups,
    complete_project,
    cph,
)

pytestmark = pytest.mark.django_db

BEFORE = cph(2027, 1, 15, 12, 0)  # long before the demo activities open


def results(process: Process, code: str, now: datetime.datetime = BEFORE):
    fresh = load_plan(process.pk)
    return [r for r in run_checks(fresh, now=now) if r.code == code]


def severities(process: Process, code: str, now: datetime.datetime = BEFORE) -> list[str]:
    return [r.severity for r in results(process, code, now)]


def test_complete_project_has_no_blockers_or_warnings():
    process = complete_project()
    checks = run_checks(load_plan(process.pk), now=BEFORE)
    assert blockers(checks) == []
    assert worst_severity(checks) == Severity.OK, [c.message for c in checks if c.severity != "ok"]


def test_checks_cost_no_queries_once_loaded(django_assert_num_queries):
    process = complete_project()
    fresh = load_plan(process.pk)
    with django_assert_num_queries(0):
        run_checks(fresh, now=BEFORE)


# --- P1 -----------------------------------------------------------------------------------------


def test_p1_requires_an_open_item():
    process = ProcessFactory()
    assert severities(process, "p1_open_items") == ["blocker"]
    FrameItemFactory(process=process, kind=FrameItem.Kind.OPEN)
    assert severities(process, "p1_open_items") == ["ok"]
    assert "1" in results(process, "p1_open_items")[0].message


def test_p1_every_fixed_item_needs_a_reason():
    process = ProcessFactory()
    FrameItemFactory(process=process, kind=FrameItem.Kind.FIXED, text="Højden", reason="  ")
    found = results(process, "p1_fixed_reasons")
    assert [r.severity for r in found] == ["blocker"]
    assert "Højden" in found[0].message


def test_p1_no_fixed_items_is_a_warning_to_confirm():
    process = ProcessFactory()
    FrameItemFactory(process=process, kind=FrameItem.Kind.OPEN)
    assert severities(process, "p1_fixed_reasons") == ["warning"]


def test_p1_influence_level_must_be_chosen():
    process = ProcessFactory(influence_level="")
    assert severities(process, "p1_influence_level") == ["blocker"]


def test_p1_frame_must_be_complete_before_an_activity_opens():
    process = ProcessFactory()
    ActivityFactory(process=process, starts_at=cph(2027, 3, 1, 9, 0))
    # Before the activity opens the missing frame is reported, but not as "opened".
    assert severities(process, "p1_frame_before_activity", now=cph(2027, 3, 1, 8, 59)) == []
    assert severities(process, "p1_frame_before_activity", now=cph(2027, 3, 1, 9, 0)) == ["blocker"]


# --- P3 -----------------------------------------------------------------------------------------


def _with_meeting(end: datetime.datetime, meeting: datetime.date) -> Process:
    process = ProcessFactory()
    MilestoneFactory(process=process, meeting_date=meeting)
    ActivityFactory(process=process, starts_at=end - datetime.timedelta(days=30), ends_at=end)
    return process


def test_p3_exactly_ten_working_days_is_enough(settings):
    settings.INDDRAG_PROCESSING_WORKING_DAYS = 10
    # Ends Friday 5 March 2027; meeting Monday 22 March: 8–12 and 15–19 March = 10 working days.
    process = _with_meeting(cph(2027, 3, 5, 23, 59), datetime.date(2027, 3, 22))
    found = results(process, "p3_processing_time")
    assert [r.severity for r in found] == ["ok"]
    assert "10" in found[0].message


def test_p3_nine_working_days_is_a_warning(settings):
    settings.INDDRAG_PROCESSING_WORKING_DAYS = 10
    process = _with_meeting(cph(2027, 3, 8, 12, 0), datetime.date(2027, 3, 22))
    found = results(process, "p3_processing_time")
    assert [r.severity for r in found] == ["warning"]
    assert "9" in found[0].message


def test_p3_easter_holidays_do_not_count(settings):
    settings.INDDRAG_PROCESSING_WORKING_DAYS = 10
    # Ends Fri 19 March 2027, meeting Mon 5 April: 22–24 and 29–31 March, 1 April is
    # Skærtorsdag, 2 April Langfredag → only 7 working days (incl. 31 March and Tues–Wed).
    process = _with_meeting(cph(2027, 3, 19, 16, 0), datetime.date(2027, 4, 5))
    assert severities(process, "p3_processing_time") == ["warning"]


def test_p3_the_setting_changes_the_threshold(settings):
    settings.INDDRAG_PROCESSING_WORKING_DAYS = 5
    process = _with_meeting(cph(2027, 3, 8, 12, 0), datetime.date(2027, 3, 22))
    assert severities(process, "p3_processing_time") == ["ok"]


def test_p3_the_end_moment_is_read_in_danish_time(settings):
    settings.INDDRAG_PROCESSING_WORKING_DAYS = 10
    # 23:30 UTC on Friday 5 March is already Saturday 6 March in Copenhagen: still 10 days.
    end = datetime.datetime(2027, 3, 5, 23, 30, tzinfo=datetime.UTC)
    process = _with_meeting(end, datetime.date(2027, 3, 22))
    assert severities(process, "p3_processing_time") == ["ok"]


def test_p3_activity_after_the_decision_it_feeds_is_a_blocker():
    process = ProcessFactory()
    milestone = MilestoneFactory(process=process, meeting_date=datetime.date(2027, 3, 10))
    ActivityFactory(
        process=process,
        starts_at=cph(2027, 3, 1, 9, 0),
        ends_at=cph(2027, 3, 10, 9, 0),
        feeds_milestone=milestone,
    )
    assert severities(process, "p3_not_after_decision") == ["blocker"]


def test_p3_activity_ending_the_day_before_its_decision_is_not_after_it():
    process = ProcessFactory()
    milestone = MilestoneFactory(process=process, meeting_date=datetime.date(2027, 3, 10))
    ActivityFactory(
        process=process,
        starts_at=cph(2027, 3, 1, 9, 0),
        ends_at=cph(2027, 3, 9, 23, 59),
        feeds_milestone=milestone,
    )
    assert severities(process, "p3_not_after_decision") == []
    assert severities(process, "p3_processing_time") == ["warning"]


def test_p3_activity_after_the_last_milestone_is_a_warning():
    process = ProcessFactory()
    MilestoneFactory(process=process, meeting_date=datetime.date(2027, 2, 1))
    ActivityFactory(process=process)
    assert severities(process, "p3_processing_time") == ["warning"]


def test_p3_no_milestones_is_a_warning():
    process = ProcessFactory()
    assert severities(process, "p3_milestones_planned") == ["warning"]


def test_p3_a_draft_whose_first_activity_has_opened_is_a_blocker():
    process = complete_project()
    start = cph(2027, 3, 1, 0, 0)
    assert severities(process, "p3_published_before_activity", now=start) == ["blocker"]
    almost = start - datetime.timedelta(seconds=1)
    assert severities(process, "p3_published_before_activity", now=almost) == []


def test_p3_published_after_the_first_activity_is_a_warning():
    process = complete_project(status=Process.Status.OPEN, published_at=cph(2027, 3, 2, 0, 0))
    assert severities(process, "p3_published_before_activity") == ["warning"]


# --- P4 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hearing_type", "days"),
    [
        ("plan_proposal", 56),
        ("minor_municipal_plan", 28),
        ("local_plan", 28),
        ("minor_local_plan", 14),
    ],
)
def test_p4_hearing_of_exactly_the_statutory_minimum_passes(hearing_type, days):
    process = ProcessFactory()
    start = cph(2027, 5, 3, 0, 0)
    ActivityFactory(
        process=process,
        hearing_type=hearing_type,
        starts_at=start,
        ends_at=start + datetime.timedelta(days=days),
    )
    found = results(process, "p4_hearing_minimum")
    assert [r.severity for r in found] == ["ok"]
    assert found[0].message == f"Høringsperioden er {days} dage — lovens minimum er {days}."
    assert found[0].public


def test_p4_hearing_one_minute_short_is_a_blocker():
    process = ProcessFactory()
    start = cph(2027, 5, 3, 0, 0)
    ActivityFactory(
        process=process,
        hearing_type="local_plan",
        starts_at=start,
        ends_at=start + datetime.timedelta(days=28, minutes=-1),
    )
    found = results(process, "p4_hearing_minimum")
    assert [r.severity for r in found] == ["blocker"]
    assert "27 dage, 23 timer og 59 minutter" in found[0].message


def test_p4_eight_week_hearing_across_spring_dst_counts_calendar_days():
    process = ProcessFactory()
    ActivityFactory(
        process=process,
        hearing_type="plan_proposal",
        starts_at=cph(2027, 3, 1, 0, 0),
        ends_at=cph(2027, 4, 26, 0, 0),  # 56 calendar days, 55 d 23 h elapsed
    )
    assert severities(process, "p4_hearing_minimum") == ["ok"]


def test_p4_two_week_hearing_across_autumn_dst_one_minute_short():
    process = ProcessFactory()
    ActivityFactory(
        process=process,
        hearing_type="minor_local_plan",
        starts_at=cph(2027, 10, 25, 12, 0),
        ends_at=cph(2027, 11, 8, 11, 59),  # 14 d 0 h 59 min elapsed, 1 min short on the clock
    )
    assert severities(process, "p4_hearing_minimum") == ["blocker"]


def test_p4_planned_hours_missing_or_overrun():
    process = ProcessFactory(planned_hours=None)
    assert severities(process, "p4_planned_hours") == ["warning"]
    process.planned_hours = 10
    process.used_hours = 11
    process.save()
    assert severities(process, "p4_planned_hours") == ["warning"]
    process.used_hours = 10
    process.save()
    assert severities(process, "p4_planned_hours") == ["ok"]


def test_p4_extensive_process_needs_time_before_the_decision(settings):
    settings.INDDRAG_EXTENSIVE_PROCESSING_WORKING_DAYS = 20
    process = _with_meeting(cph(2027, 3, 5, 23, 59), datetime.date(2027, 3, 22))
    process.proportionality = Proportionality.EXTENSIVE
    process.save()
    assert severities(process, "p4_extensive_time") == ["warning"]
    process.proportionality = Proportionality.STANDARD
    process.save()
    assert severities(process, "p4_extensive_time") == []


# --- P5 -----------------------------------------------------------------------------------------


def test_p5_standard_process_needs_two_groups_including_employees():
    process = ProcessFactory(proportionality=Proportionality.STANDARD)
    add_target_groups(process, TargetGroup.CITIZENS)
    assert severities(process, "p5_breadth") == ["warning"]
    assert severities(process, "p5_employees") == ["warning"]
    add_target_groups(process, TargetGroup.BUSINESSES)
    assert severities(process, "p5_breadth") == ["ok"]
    assert severities(process, "p5_employees") == ["warning"]
    add_target_groups(process, TargetGroup.EMPLOYEES)
    assert severities(process, "p5_employees") == []


def test_p5_light_process_may_have_one_group():
    process = ProcessFactory(proportionality=Proportionality.LIGHT)
    add_target_groups(process, TargetGroup.CITIZENS)
    assert severities(process, "p5_breadth") == ["ok"]
    assert severities(process, "p5_employees") == []


def test_blockers_come_first():
    process = ProcessFactory(influence_level="")
    checks = run_checks(load_plan(process.pk), now=BEFORE)
    order = [c.severity for c in checks]
    assert order == sorted(order, key=["blocker", "warning", "ok"].index)
