"""The citizens' own view (issue #13, section 1): the projects' evaluations after the decision
beside the cases', for committees and centres, by principle, never from a cell (a project in a
month) under the privacy threshold."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from inddrag.cases.models import CaseEvaluation
from inddrag.cases.services import add_months
from inddrag.contributions.models import ProjectEvaluation
from inddrag.evaluation.indicators import Period, Scope, evaluate
from inddrag.evaluation.snapshot import snapshot
from inddrag.processes.models import Process
from inddrag.stakeholders.breadth import min_group
from tests.factories import MilestoneFactory, ProcessFactory, StaffFactory, complete_project
from tests.factories.cases import case_file_for
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 12, 1)
PERIOD = Period(datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))
MARCH = datetime.date(2027, 3, 1)


def answers(process: Process, n: int, month: datetime.date = MARCH, values=(4, 5, 2)) -> None:
    ProjectEvaluation.objects.bulk_create(
        ProjectEvaluation(
            process=process,
            month=month,
            knew_influence=values[0],
            felt_heard=values[1],
            time_enough=values[2],
        )
        for _ in range(n)
    )


def committee_of(process: Process) -> Scope:
    body = process.milestones.get().body
    return Scope(Scope.COMMITTEE, body.pk, body.name)


def groups(scope: Scope, period: Period = PERIOD, *, previous: bool = False) -> dict:
    indicator = evaluate(scope, period, today=TODAY).indicator("citizens")
    figure = indicator.previous if previous else indicator.current
    return {g.key: g for g in figure.evaluations}


@pytest.fixture
def project():
    return complete_project(status=Process.Status.DECIDED)


def test_a_project_over_the_threshold_is_shown_by_principle(project):
    answers(project, min_group())
    group = groups(committee_of(project))["projects"]
    assert group.label == "Projekter" and group.total.answers == min_group()
    figures = {principle: (q.key, q.mean) for principle, q in group.questions}
    assert figures == {1: ("knew_influence", 4), 2: ("felt_heard", 5), 4: ("time_enough", 2)}
    assert group.left_out_cells == 0


def test_under_the_threshold_nothing_is_shown(project):
    answers(project, min_group() - 1)
    group = groups(committee_of(project))["projects"]
    assert not group.total.shown and group.total.answers == 0
    assert group.total.questions == () and group.total.hidden == "few"
    assert group.left_out_cells == 1


def test_a_cell_under_the_threshold_is_left_out_beside_one_over_it(project):
    """Two projects of the committee in one month: the one under the threshold is counted
    nowhere, so the total is the other's answers only (the difference tells nothing)."""
    small = ProcessFactory(status=Process.Status.DECIDED, centre=project.centre)
    MilestoneFactory(process=small, body=project.milestones.get().body)
    answers(project, min_group())
    answers(small, min_group() - 1, values=(1, 1, 1))
    # … and the same project in another month, under the threshold there: left out too.
    answers(project, 1, month=datetime.date(2027, 4, 1), values=(1, 1, 1))
    group = groups(committee_of(project))["projects"]
    assert group.total.answers == min_group() and group.left_out_cells == 2
    assert [q.mean for _p, q in group.questions] == [4, 5, 2]
    # Two cells each under the threshold, together over it, are still not shown.
    ProjectEvaluation.objects.filter(process=project).delete()
    answers(project, min_group() - 1, values=(1, 1, 1))
    assert not groups(committee_of(project))["projects"].total.shown


def test_only_whole_months_and_only_the_scopes_projects(project):
    other = complete_project(status=Process.Status.DECIDED)  # another committee's
    answers(other, min_group())
    answers(project, min_group(), month=TODAY.replace(day=1))  # still being answered
    answers(project, min_group(), month=datetime.date(2026, 6, 1))  # the period before
    scope = committee_of(project)
    assert not groups(scope)["projects"].total.shown
    assert groups(scope, previous=True)["projects"].total.answers == min_group()
    # A draft is never the scope's.
    draft = ProcessFactory(status=Process.Status.DRAFT, centre=project.centre)
    MilestoneFactory(process=draft, body=project.milestones.get().body)
    answers(draft, min_group())
    assert not groups(scope)["projects"].total.shown


def test_a_centre_has_two_groups_cases_and_projects(project):
    answers(project, min_group())
    case = ProcessFactory(kind=Process.Kind.CASE, status=Process.Status.DECIDED)
    file = case_file_for(case)
    CaseEvaluation.objects.bulk_create(
        CaseEvaluation(
            case_type_id=file.case_type_id,
            centre_id=file.case_type.centre_id,
            month=MARCH,
            knew_influence=2,
            felt_heard=2,
            time_enough=2,
        )
        for _ in range(min_group())
    )
    centre = Scope(Scope.CENTRE, project.centre_id, project.centre.name)
    found = groups(centre)
    assert list(found) == ["projects"] or list(found) == ["cases", "projects"]
    assert found["projects"].total.answers == min_group()
    centre = Scope(Scope.CENTRE, file.case_type.centre_id, "x")
    found = groups(centre)
    assert list(found) == ["cases", "projects"]
    assert found["cases"].label == "Sager" and found["cases"].total.answers == min_group()


def test_never_for_the_whole_municipality(project):
    answers(project, min_group())
    whole = evaluate(Scope(Scope.ALL, 0, "Kommunen"), PERIOD, today=TODAY)
    assert "citizens" not in {i.code for p in whole.principles for i in p.indicators}


def test_the_snapshot_keeps_the_groups_over_the_threshold_with_their_principles(project):
    answers(project, min_group())
    figures = snapshot(evaluate(committee_of(project), PERIOD, today=TODAY))
    [row] = [r for p in figures["principles"] for r in p["indicators"] if r["code"] == "citizens"]
    [group] = row["evaluations"]["groups"]
    assert group["label"] == "Projekter" and group["answers"] == min_group()
    assert [q["principle"] for q in group["questions"]] == [1, 2, 4]
    assert "princip 1" in row["definition"] and "princip 4" in row["definition"]
    assert row["previous_evaluations"] is None  # nothing in the period before
    public = snapshot(evaluate(committee_of(project), PERIOD, today=TODAY), public=True)
    assert not [r for p in public["principles"] for r in p["indicators"] if r["code"] == "citizens"]


# --- The page -------------------------------------------------------------------------------------

URL = reverse("staff:evaluation:indicators")


# The page counts up to the last complete month of today's date: read when the test runs, not
# when the module is imported (a suite that crosses midnight would otherwise disagree).
def last_month() -> datetime.date:
    return add_months(timezone.localdate().replace(day=1), -1)


def page_query() -> dict:
    return {
        "period": "custom",
        "start": add_months(last_month(), -6).isoformat(),
        "end": timezone.localdate().isoformat(),
    }


def _reader(client):
    user = StaffFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_evaluation_report"))
    client.force_login(user)
    return user


def test_the_page_shows_projects_by_principle_and_hides_a_small_group(client, project):
    _reader(client)
    query = {**page_query(), "scope": f"committee-{project.milestones.get().body_id}"}
    answers(project, min_group() - 1, month=last_month())
    html = client.get(URL, query).content.decode()
    assert "Projekter" in html and f"Færre end {min_group()} svar talt med" in html
    assert "Der spørges endnu ikke" not in html
    answers(project, 1, month=last_month())
    html = client.get(URL, query).content.decode()
    assert f"{min_group()} svar" in html
    assert "Princip 1: Vidste, hvad de kunne få indflydelse på" in html


def test_without_the_report_permission_no_figure_is_shown(client, project):
    client.force_login(StaffFactory())
    answers(project, min_group(), month=last_month())
    query = {**page_query(), "scope": f"committee-{project.milestones.get().body_id}"}
    html = client.get(URL, query).content.decode()
    assert "Princip 1: Vidste" not in html


def test_the_page_has_a_constant_query_count_with_evaluations(
    client, project, django_assert_num_queries
):
    _reader(client)
    body = project.milestones.get().body
    query = {**page_query(), "scope": f"committee-{body.pk}"}

    def grow(n: int) -> str:
        for month in range(n):
            extra = ProcessFactory(status=Process.Status.DECIDED, centre=project.centre)
            MilestoneFactory(process=extra, body=body)
            answers(extra, min_group(), month=add_months(last_month(), -month))
        return "Projekter"

    assert_constant_queries(
        django_assert_num_queries, lambda: client.get(URL, query), grow, 23, sizes=(1, 6)
    )
