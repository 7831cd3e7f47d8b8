"""The indicators per principle (issue #13, section 1) at their boundaries."""

from __future__ import annotations

import datetime

import pytest

from inddrag.cases.models import CaseDecision, CaseHearing, StepKind
from inddrag.contributions.models import Answer
from inddrag.evaluation.indicators import Period, Scope, evaluate, half_period
from inddrag.organisation.models import ElectionPeriod
from inddrag.processes.models import Decision, FrameItem, Process
from tests.factories import (
    ActivityFactory,
    DecisionBodyFactory,
    FrameItemFactory,
    MilestoneFactory,
    ProcessFactory,
    complete_project,
    cph,
)
from tests.factories.cases import case_file_for
from tests.factories.contributions import AnswerFactory, ContributionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 12, 1)
PERIOD = Period(datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))


def committee_of(process: Process) -> Scope:
    body = process.milestones.get().body
    return Scope(Scope.COMMITTEE, body.pk, body.name)


def centre_of(process: Process) -> Scope:
    return Scope(Scope.CENTRE, process.centre_id, process.centre.name)


def figure(scope: Scope, code: str, period: Period = PERIOD, *, previous: bool = False):
    indicator = evaluate(scope, period, today=TODAY).indicator(code)
    return indicator.previous if previous else indicator.current


def test_an_empty_period_says_no_processes_never_zero():
    process = complete_project(status=Process.Status.DECIDED)
    empty = Period(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31))
    evaluation = evaluate(committee_of(process), empty, today=TODAY)
    assert evaluation.projects == 0
    for principle in evaluation.principles:
        for indicator in principle.indicators:
            for f in (indicator.current, indicator.previous):
                assert f.share is None
                assert f.denominator in (None, 0)
            assert indicator.change is None or indicator.definition.kind == "count"


def test_complete_frame_and_fixed_reasons():
    good = complete_project(status=Process.Status.OPEN)
    body = good.milestones.get().body
    bad = ProcessFactory(status=Process.Status.OPEN, influence_level="")
    MilestoneFactory(process=bad, body=body)
    ActivityFactory(process=bad)
    FrameItem.objects.create(process=bad, kind=FrameItem.Kind.FIXED, text="Budget", reason="")
    scope = committee_of(good)
    f = figure(scope, "p1_frame")
    assert (f.numerator, f.denominator) == (1, 2)
    assert f.hits == {good.pk}
    f = figure(scope, "p1_fixed_reasons")
    assert (f.numerator, f.denominator) == (1, 2)


def test_drafts_are_never_counted():
    draft = complete_project(status=Process.Status.DRAFT)
    f = figure(committee_of(draft), "p1_frame")
    assert f.denominator == 0 and f.projects == ()


def test_a_process_spanning_two_periods_counts_in_both():
    process = complete_project(status=Process.Status.DECIDED)
    Decision.objects.create(
        process=process,
        body=process.milestones.get().body,
        meeting_date=datetime.date(2028, 2, 1),
        agenda_title="Punkt 4",
        text="Vedtaget.",
    )
    scope = committee_of(process)
    this = figure(scope, "p1_frame", PERIOD)
    after = figure(
        scope, "p1_frame", Period(datetime.date(2028, 1, 1), datetime.date(2028, 12, 31))
    )
    assert this.projects == after.projects == (process.pk,)
    # Seen from 2028, 2027 is the previous period.
    before = figure(
        scope,
        "p1_frame",
        Period(datetime.date(2028, 1, 1), datetime.date(2028, 12, 31)),
        previous=True,
    )
    assert before.projects == (process.pk,)


def test_an_unpublished_answer_is_not_counted_as_published():
    process = complete_project(status=Process.Status.PROCESSING)
    published = ContributionFactory(process=process)
    drafted = ContributionFactory(process=process)
    ContributionFactory(process=process)  # not answered
    AnswerFactory(
        contribution=published,
        outcome=Answer.Outcome.OUTSIDE_FRAME,
        published_at=cph(2027, 4, 11, 12, 0),
    )
    AnswerFactory(contribution=drafted, published_at=None)
    scope = committee_of(process)
    f = figure(scope, "p2_answered")
    assert (f.numerator, f.denominator) == (1, 3)
    f = figure(scope, "p1_outside_frame")
    assert (f.numerator, f.denominator) == (1, 1)
    f = figure(scope, "p2_accommodated")
    assert (f.numerator, f.denominator) == (0, 1)
    f = figure(scope, "p2_answer_days")
    assert f.value == 10  # the hearing ended 1 April 2027 00:00, the answer 11 April


def test_timing_and_hearing_minimum():
    process = complete_project(status=Process.Status.OPEN)
    scope = committee_of(process)
    assert figure(scope, "p3_first_in_time").share == 100
    assert figure(scope, "p3_before_decision").share == 100
    f = figure(scope, "p4_minimum_kept")  # 31 days, local plan minimum 28
    assert (f.numerator, f.denominator) == (1, 1)
    assert figure(scope, "p4_hearing_margin").value == 3
    short = ActivityFactory(
        process=process,
        hearing_type="local_plan",
        starts_at=cph(2027, 4, 2, 0, 0),
        ends_at=cph(2027, 4, 20, 0, 0),
    )
    assert short.minimum_weeks == 4
    f = figure(scope, "p4_minimum_kept")
    assert (f.numerator, f.denominator) == (1, 2)


def test_cases_are_counted_for_the_centre_never_for_a_committee():
    case_process = ProcessFactory(kind=Process.Kind.CASE, status=Process.Status.OPEN)
    case = case_file_for(case_process)
    case.opened_on = datetime.date(2027, 2, 1)
    case.deadline = datetime.date(2027, 4, 1)
    case.save()
    case.steps.create(
        title="Vurdering", kind=StepKind.ASSESSMENT, order=2, done_on=datetime.date(2027, 2, 10)
    )
    case.steps.create(
        title="Samtale", kind=StepKind.CONTACT, order=0, done_on=datetime.date(2027, 2, 3)
    )
    scope = centre_of(case_process)
    evaluation = evaluate(scope, PERIOD, today=TODAY)
    assert evaluation.cases == 1 and evaluation.projects == 0
    f = evaluation.indicator("p3_cases_before_assessment").current
    assert (f.numerator, f.denominator, f.cases) == (1, 1, 1)
    assert f.projects == ()  # never listed
    assert evaluation.indicator("p4_case_in_time").current.denominator == 0
    assert evaluation.indicator("p4_case_hearing").current.denominator == 0

    CaseHearing.objects.create(
        case=case,
        draft="Udkast",
        deadline=datetime.date(2027, 3, 5),
        sent_at=cph(2027, 3, 1, 10, 0),  # 4 days; the type's shortest is 7
    )
    CaseDecision.objects.create(
        case=case,
        outcome="granted",
        reasons="Begrundelse",
        complaint_guidance="Klagevejledning",
        decided_on=datetime.date(2027, 4, 2),  # a day after the deadline
        complaint_deadline=datetime.date(2027, 6, 2),
        recorded_at=cph(2027, 4, 2, 10, 0),
    )
    evaluation = evaluate(scope, PERIOD, today=TODAY)
    f = evaluation.indicator("p4_case_hearing").current
    assert (f.numerator, f.denominator) == (0, 1)
    f = evaluation.indicator("p4_case_in_time").current
    assert (f.numerator, f.denominator) == (0, 1)
    # A committee never sees a case: its citizens' view is of projects only.
    citizens = evaluate(Scope(Scope.COMMITTEE, 0, "x"), PERIOD).indicator("citizens")
    assert [g.key for g in citizens.current.evaluations] == ["projects"]
    assert [g.key for g in evaluate(scope, PERIOD).indicator("citizens").current.evaluations] == [
        "cases",
        "projects",
    ]


def test_election_halves_and_their_previous():
    ElectionPeriod.objects.create(starts_on=datetime.date(2026, 1, 1))
    first = half_period(2026, 1)
    assert (first.start, first.end) == (datetime.date(2026, 1, 1), datetime.date(2027, 12, 31))
    second = half_period(2026, 2)
    assert second.previous() == first
    assert first.previous() == half_period(2022, 2)
    own = Period(datetime.date(2027, 1, 1), datetime.date(2027, 1, 31))
    assert own.previous() == Period(datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))


def test_committee_scope_by_decision_as_well_as_milestone():
    body = DecisionBodyFactory()
    process = ProcessFactory(status=Process.Status.DECIDED)
    FrameItemFactory(process=process)
    ActivityFactory(process=process)
    Decision.objects.create(
        process=process,
        body=body,
        meeting_date=datetime.date(2027, 6, 1),
        agenda_title="Punkt 1",
        text="Vedtaget.",
    )
    scope = Scope(Scope.COMMITTEE, body.pk, body.name)
    assert figure(scope, "p1_frame").projects == (process.pk,)


def test_change_and_counts_across_periods():
    process = complete_project(status=Process.Status.OPEN)
    scope = committee_of(process)
    evaluation = evaluate(scope, PERIOD, today=TODAY)
    frame = evaluation.indicator("p1_frame")
    assert frame.current.share == 100 and frame.previous.share is None
    assert frame.change is None and frame.change_text == ""
    changes = evaluation.indicator("p2_changes")
    assert changes.current.value == 0 and changes.previous.value is None  # no processes then
    later = evaluate(scope, Period(datetime.date(2028, 1, 1), datetime.date(2028, 12, 31)))
    assert later.indicator("p1_frame").change is None
