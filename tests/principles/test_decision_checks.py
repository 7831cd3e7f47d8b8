"""The principle checks on a decided process: the recorded decision, the published final version,
and answers to every contribution — each at its boundary, and never reported twice."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from inddrag.documents.models import DocumentVersion
from inddrag.principles.checks import run_checks
from inddrag.principles.plan import load_plan
from inddrag.processes.models import Decision, Process
from tests.factories import ProcessFactory, complete_project, cph
from tests.factories.contributions import ContributionFactory
from tests.processes.outcome import answered, document

pytestmark = pytest.mark.django_db

MEETING = datetime.date(2027, 6, 1)  # complete_project's milestone
AFTER = cph(2027, 6, 2, 12, 0)


def checks(process: Process, now: datetime.datetime = AFTER) -> dict[str, list]:
    fresh = load_plan(process.pk)
    found: dict[str, list] = {}
    for result in run_checks(fresh, now=now):
        found.setdefault(result.code, []).append(result)
    return found


def severities(process: Process, code: str, now: datetime.datetime = AFTER) -> list[str]:
    return [r.severity for r in checks(process, now).get(code, [])]


def record(process: Process, final: DocumentVersion | None = None, **fields) -> Decision:
    milestone = process.milestones.get()
    values = {
        "body": milestone.body,
        "meeting_date": MEETING,
        "agenda_title": "Punkt 4",
        "text": "Vedtaget.",
        "final_version": final,
    }
    values.update(fields)
    return Decision.objects.create(process=process, **values)


def decided(**kwargs) -> Process:
    return complete_project(status=Process.Status.DECIDED, **kwargs)


# --- p2_decision_recorded -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Process.Status.PROCESSING, []),
        (Process.Status.DECIDED, ["warning"]),
        (Process.Status.CLOSED, ["warning"]),
    ],
)
def test_a_decided_project_records_its_decision(status, expected):
    process = complete_project(status=status)
    assert severities(process, "p2_decision_recorded") == expected
    if expected:
        record(process)
        assert severities(process, "p2_decision_recorded") == []


def test_a_case_is_not_asked_for_a_political_decision():
    process = complete_project(kind=Process.Kind.CASE, status=Process.Status.DECIDED)
    assert severities(process, "p2_decision_recorded") == []


# --- p2_final_version ---------------------------------------------------------------------------


def test_no_documents_nothing_to_publish():
    process = decided()
    record(process)
    assert severities(process, "p2_final_version") == []


def test_before_the_decision_the_final_version_is_not_asked_for():
    process = complete_project(status=Process.Status.PROCESSING)
    document(process)
    assert severities(process, "p2_final_version") == []


def test_decided_with_documents_but_no_published_final_version_is_a_blocker():
    process = decided()
    document(process)
    record(process)
    found = checks(process)["p2_final_version"]
    assert [r.severity for r in found] == ["blocker"]
    assert "endelig" in found[0].message.lower()


def test_a_published_version_labelled_other_than_final_does_not_count():
    process = decided()
    document(process, final_published=True, final_label=DocumentVersion.Label.OTHER)
    record(process)
    assert severities(process, "p2_final_version") == ["blocker"]


def test_the_decisions_final_version_published_is_ok_and_public():
    process = decided()
    _doc, _hearing, final = document(process, final_published=True)
    record(process, final)
    found = checks(process)["p2_final_version"]
    assert [(r.severity, r.public) for r in found] == [("ok", True)]
    assert "Forslag til lokalplan 7" in found[0].message


def test_the_decisions_final_version_unpublished_again_is_a_blocker():
    process = decided()
    _doc, _hearing, final = document(process, final_published=False)
    record(process, final)
    assert severities(process, "p2_final_version") == ["blocker"]


def test_a_published_final_version_not_chosen_in_the_decision_is_a_warning():
    process = decided()
    document(process, final_published=True)
    record(process)
    assert severities(process, "p2_final_version") == ["warning"]


def test_without_a_recorded_decision_only_the_missing_final_version_is_reported():
    process = decided()
    document(process, final_published=True)
    # The decision itself is reported by p2_decision_recorded, not again here.
    assert severities(process, "p2_final_version") == []
    assert severities(process, "p2_decision_recorded") == ["warning"]


# --- p2_all_answered and p2_answers_published on a decided process ------------------------------


def test_decided_before_the_planned_meeting_unanswered_is_a_blocker():
    process = decided()
    record(process, meeting_date=datetime.date(2027, 5, 20))
    ContributionFactory(process=process)
    before_the_milestone = cph(2027, 5, 25, 12, 0)
    found = checks(process, before_the_milestone)["p2_all_answered"]
    assert [r.severity for r in found] == ["blocker"]
    assert "20. maj 2027" in found[0].message  # the recorded meeting, not the planned one


def test_not_decided_before_the_meeting_unanswered_is_a_warning():
    process = complete_project(status=Process.Status.PROCESSING)
    ContributionFactory(process=process)
    day_before = cph(2027, 5, 31, 12, 0)
    assert severities(process, "p2_all_answered", day_before) == ["warning"]
    assert severities(process, "p2_all_answered", cph(2027, 6, 1, 0, 1)) == ["blocker"]


def test_decided_without_any_meeting_unanswered_is_a_blocker():
    process = ProcessFactory(status=Process.Status.DECIDED)
    ContributionFactory(process=process)
    found = checks(process, timezone.now())["p2_all_answered"]
    assert [r.severity for r in found] == ["blocker"]
    assert "besluttet" in found[0].message.lower()


def test_unanswered_contributions_are_reported_once():
    process = decided()
    record(process)
    ContributionFactory(process=process)
    ContributionFactory(process=process)
    found = checks(process)
    assert [r.severity for r in found["p2_all_answered"]] == ["blocker"]
    assert "p2_answers_published" not in found


def test_drafts_and_unanswered_are_reported_apart():
    process = decided()
    record(process)
    answered(process, 1)  # a drafted answer
    ContributionFactory(process=process)  # no answer
    found = checks(process)
    (unanswered,) = found["p2_all_answered"]
    (drafts,) = found["p2_answers_published"]
    assert unanswered.severity == "blocker" and unanswered.message.startswith("1 ")
    assert drafts.severity == "warning" and " 1 " in drafts.message


@pytest.mark.parametrize(
    ("day", "expected"),
    [(15, "warning"), (16, "blocker")],  # 14 days after the recorded meeting on the 1st
)
def test_answers_are_due_two_weeks_after_the_recorded_meeting(day, expected):
    process = decided()
    record(process, meeting_date=datetime.date(2027, 7, 1))
    answered(process, 1)
    now = cph(2027, 7, day, 12, 0)
    assert severities(process, "p2_answers_published", now) == [expected]


def test_all_answers_published_is_ok():
    process = decided()
    record(process)
    answered(process, 2, published=True)
    assert severities(process, "p2_answers_published") == ["ok"]
    assert severities(process, "p2_all_answered") == ["ok"]


def test_the_decision_checks_cost_no_queries(django_assert_num_queries):
    process = decided()
    _doc, _hearing, final = document(process, final_published=True)
    record(process, final)
    answered(process, 2)
    fresh = load_plan(process.pk)
    with django_assert_num_queries(0):
        run_checks(fresh, now=AFTER)
