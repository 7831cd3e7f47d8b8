"""The checks that close the holes a first hour found: an empty process, a decision nobody
feeds, hearing types beyond planloven § 24, holidays, a frame with nothing fixed on purpose —
and every message naming its row, with a link and the concrete fix."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from inddrag.principles.checks import Severity, blockers, run_checks
from inddrag.principles.plan import load_plan
from inddrag.processes.models import Activity, FrameItem, InfluenceLevel, Process
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

BEFORE = cph(2027, 1, 15, 12, 0)


def results(process: Process, code: str, now: datetime.datetime = BEFORE):
    return [r for r in run_checks(load_plan(process.pk), now=now) if r.code == code]


def _bare(**kwargs) -> Process:
    """A project with a frame and target groups, but no activity and no decision point."""
    process = ProcessFactory(**kwargs)
    FrameItemFactory(process=process, kind=FrameItem.Kind.OPEN)
    add_target_groups(process, "citizens", "employees")
    return process


# --- A process with nothing to take part in ---------------------------------------------------


def test_a_project_that_asks_for_input_without_any_activity_cannot_be_published():
    process = _bare()
    (result,) = results(process, "p2_way_to_take_part")
    assert result.severity == Severity.BLOCKER
    assert result.link == "#aktiviteter"
    assert "aktivitet" in result.message
    assert result in blockers(run_checks(load_plan(process.pk), now=BEFORE))


def test_a_project_that_only_informs_needs_no_activity():
    process = _bare(influence_level=InfluenceLevel.INFORM)
    assert results(process, "p2_way_to_take_part") == []


def test_one_activity_is_a_way_to_take_part_and_says_so_publicly():
    process = complete_project()
    (result,) = results(process, "p2_way_to_take_part")
    assert (result.severity, result.public) == (Severity.OK, True)


def test_an_empty_process_is_not_ready():
    process = ProcessFactory(influence_level="")
    checks = run_checks(load_plan(process.pk), now=BEFORE)
    codes = {c.code for c in blockers(checks)}
    assert {"p1_open_items", "p1_influence_level", "p2_way_to_take_part"} <= codes


# --- Decision points that nothing feeds ---------------------------------------------------------


def test_a_decision_point_between_the_start_and_the_fed_one_is_a_warning():
    process = complete_project()  # hearing March 2027, committee 1 June 2027 (fed)
    early = MilestoneFactory(process=process, meeting_date=datetime.date(2027, 3, 10))
    (result,) = results(process, "p3_decision_points_fed")
    assert result.severity == Severity.WARNING
    assert result.link == f"#milepaele-{early.pk}"
    assert early.body.name in result.message


def test_a_decision_before_the_involvement_begins_and_later_bodies_are_not_reported():
    process = complete_project()
    MilestoneFactory(process=process, meeting_date=datetime.date(2027, 2, 1))  # to hearing
    MilestoneFactory(process=process, meeting_date=datetime.date(2027, 6, 20))  # the council
    assert results(process, "p3_decision_points_fed") == []


# --- Concrete fixes with links ------------------------------------------------------------------


def test_a_too_short_hearing_names_the_earliest_allowed_deadline():
    process = complete_project()
    activity = process.activities.get()
    activity.ends_at = cph(2027, 3, 28, 23, 59)  # 4 weeks from 1 March would be 29 March 00:00
    activity.save()
    (result,) = [r for r in results(process, "p4_hearing_minimum") if r.severity == "blocker"]
    assert "29. marts 2027 kl. 00.00" in result.message
    assert "Planloven § 24" in result.message
    assert result.link == f"#aktiviteter-{activity.pk}"


def test_too_little_time_before_the_meeting_names_the_last_day_to_end(settings):
    settings.INDDRAG_PROCESSING_WORKING_DAYS = 10
    process = complete_project()
    MilestoneFactory(process=process, meeting_date=datetime.date(2027, 4, 8))
    activity = process.activities.get()
    activity.feeds_milestone = None
    activity.save()
    (result,) = [r for r in results(process, "p3_processing_time") if r.severity == "warning"]
    # Ten working days before Thursday 8 April 2027: Easter Monday (29 March) does not count.
    assert "senest 21. marts 2027" in result.message  # neither that day nor the meeting counts
    assert result.link == f"#aktiviteter-{activity.pk}"


def test_a_missing_reason_and_a_missing_level_link_to_their_place():
    process = ProcessFactory(influence_level="")
    item = FrameItemFactory(process=process, kind=FrameItem.Kind.FIXED, reason="")
    (level,) = results(process, "p1_influence_level")
    assert level.link == "#group-id_influence_level"
    (reason,) = results(process, "p1_fixed_reasons")
    assert reason.link == f"#ramme-{item.pk}"


def test_the_missing_statutory_stakeholder_links_to_the_hearing_list():
    from tests.factories.stakeholders import HearingDutyFactory, StakeholderFactory, TopicFactory

    process = complete_project(status=Process.Status.PUBLISHED)
    topic = TopicFactory(name="Ældre")
    process.topic_tags.set([topic])
    HearingDutyFactory(stakeholder=StakeholderFactory(name="Seniorrådet"), topics=[topic])
    (result,) = results(process, "p5_statutory")
    assert "Seniorrådet" in result.message
    assert result.link == reverse("staff:stakeholders:hearing_list", args=[process.pk])


def test_the_edit_page_links_each_message_to_its_row(staff, staff_client):
    process = complete_project(responsible=staff, centre=staff.centre)
    item = FrameItemFactory(process=process, kind=FrameItem.Kind.FIXED, reason="")
    html = staff_client.get(reverse("staff:processes:edit", args=[process.pk])).content.decode()
    assert f'href="#ramme-{item.pk}" class="check-link"' in html
    assert f'id="ramme-{item.pk}"' in html


# --- Everything open, on purpose ----------------------------------------------------------------


def test_confirming_that_everything_is_open_ends_the_warning():
    process = complete_project()
    process.frame_items.filter(kind=FrameItem.Kind.FIXED).delete()
    (result,) = results(process, "p1_fixed_reasons")
    assert result.severity == Severity.WARNING
    assert result.link == "#group-id_frame_all_open"
    Process.objects.filter(pk=process.pk).update(frame_all_open=True)
    (result,) = results(process, "p1_fixed_reasons")
    assert (result.severity, result.public) == (Severity.OK, True)


def test_a_field_a_blocker_needs_is_not_labelled_optional(staff, staff_client):
    process = ProcessFactory(responsible=staff, centre=staff.centre, influence_level="")
    html = staff_client.get(reverse("staff:processes:edit", args=[process.pk])).content.decode()
    legend = html[html.index('id="group-id_influence_level"') :][:600]
    assert "valgfrit" not in legend


# --- Hearing types beyond planloven § 24, and holidays -----------------------------------------


@pytest.mark.parametrize(
    ("hearing_type", "weeks", "law"),
    [
        ("environmental_assessment", 8, "Miljøvurderingsloven § 32"),
        ("school_structure", 8, "Folkeskoleloven § 24 a"),
    ],
)
def test_other_statutory_hearings_have_their_minimum_and_legal_basis(hearing_type, weeks, law):
    process = complete_project()
    activity = process.activities.get()
    activity.hearing_type = hearing_type
    activity.starts_at = cph(2027, 3, 1, 0, 0)
    activity.ends_at = cph(2027, 3, 1, 0, 0) + datetime.timedelta(weeks=weeks, minutes=-1)
    activity.save()
    (result,) = results(process, "p4_hearing_minimum")
    assert result.severity == Severity.BLOCKER
    assert law in result.message
    activity.ends_at += datetime.timedelta(minutes=1)
    activity.save()
    assert [r.severity for r in results(process, "p4_hearing_minimum")] == [Severity.OK]


def test_a_hearing_without_a_statutory_minimum_says_so():
    process = complete_project()
    Activity.objects.filter(process=process).update(hearing_type="policy")
    (result,) = results(process, "p4_hearing_minimum")
    assert result.severity == Severity.OK
    assert "ingen minimumsperiode" in result.message


def test_a_hearing_over_the_summer_holidays_needs_extra_days():
    process = complete_project()
    activity = process.activities.get()
    activity.starts_at = cph(2027, 7, 1, 0, 0)  # 4 weeks of a local plan, into weeks 28–31
    activity.ends_at = cph(2027, 7, 29, 0, 0)
    activity.feeds_milestone = None
    activity.save()
    (result,) = results(process, "p4_holidays")
    assert result.severity == Severity.WARNING
    assert "sommerferien" in result.message
    assert result.link == f"#aktiviteter-{activity.pk}"
    # Weeks 28–31 of 2027: 12 July – 8 August; 18 of them (12–29 July) are in the hearing as
    # planned. 28 days outside them: 1–11 July and 9–25 August, so it must run until 26 August.
    assert "sommerferien (18 dage i uge 28–31)" in result.message
    assert "26. august 2027" in result.message
    activity.ends_at = cph(2027, 8, 26, 0, 0)
    activity.save()
    assert results(process, "p4_holidays") == []


def test_two_weeks_before_christmas_are_enough():
    process = complete_project()
    ActivityFactory(
        process=process,
        method=Activity.Method.IDEAS,
        starts_at=cph(2027, 12, 10, 0, 0),
        ends_at=cph(2027, 12, 31, 0, 0),
    )
    assert results(process, "p4_holidays") == []


def test_a_hearing_over_christmas_needs_extra_days():
    process = complete_project()
    ActivityFactory(
        process=process,
        method=Activity.Method.IDEAS,
        title="Idéer til julebelysningen",
        starts_at=cph(2027, 12, 17, 0, 0),
        ends_at=cph(2028, 1, 5, 0, 0),
    )
    (result,) = results(process, "p4_holidays")
    # 24 December – 1 January: 9 days lost; 14 days outside them end on 8 January.
    assert "jul og nytår (9 dage)" in result.message
    assert "9. januar 2028" in result.message


def test_a_meeting_is_not_a_hearing_period():
    process = complete_project()
    ActivityFactory(
        process=process,
        method=Activity.Method.PUBLIC_MEETING,
        starts_at=cph(2027, 7, 20, 19, 0),
        ends_at=cph(2027, 7, 20, 21, 0),
    )
    assert results(process, "p4_holidays") == []


# --- The activity form: input in Inddrag needs no place -----------------------------------------


def _activity_data(**overrides) -> dict:
    data = {
        "title": "Høring",
        "method": "hearing",
        "starts_at": "2027-03-01T00:00",
        "ends_at": "2027-04-01T00:00",
        "location": "",
        "online_url": "",
    }
    return {**data, **overrides}


def test_a_hearing_in_inddrag_needs_no_place_or_link(staff, staff_client):
    process = ProcessFactory(responsible=staff, centre=staff.centre)
    url = reverse("staff:processes:row_add", args=[process.pk, "aktiviteter"])
    response = staff_client.post(url, _activity_data())
    assert response.status_code == 302
    assert process.activities.count() == 1


def test_a_meeting_needs_a_place_or_a_link(staff, staff_client):
    process = ProcessFactory(responsible=staff, centre=staff.centre)
    url = reverse("staff:processes:row_add", args=[process.pk, "aktiviteter"])
    response = staff_client.post(url, _activity_data(method="public_meeting"))
    assert response.status_code == 422
    assert "Angiv, hvor det foregår" in response.content.decode()
    assert not process.activities.exists()
