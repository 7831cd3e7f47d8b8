"""The evaluation pages: who may see them, the choice of scope and period, the projects behind a
figure (never a case), and a constant query count."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from inddrag.organisation.models import ElectionPeriod
from inddrag.processes.models import Process
from tests.factories import (
    ActivityFactory,
    MilestoneFactory,
    ProcessFactory,
    StaffFactory,
    UserFactory,
    complete_project,
)
from tests.factories.cases import case_file_for
from tests.factories.contributions import AnswerFactory, ContributionFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

URL = reverse("staff:evaluation:indicators")
BEHIND = reverse("staff:evaluation:behind")
PERIOD = {"period": "custom", "start": "2027-01-01", "end": "2027-12-31"}


@pytest.fixture
def staff(client):
    user = StaffFactory()
    client.force_login(user)
    return user


def test_anonymous_goes_to_login_and_a_citizen_gets_404(client):
    assert client.get(URL).status_code == 302
    assert client.get(BEHIND).status_code == 302
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 404
    assert client.get(BEHIND).status_code == 404


def test_defaults_the_current_half_and_the_first_committee(client, staff):
    ElectionPeriod.objects.create(starts_on=datetime.date(2026, 1, 1))
    process = complete_project(status=Process.Status.OPEN)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert process.milestones.get().body.name in html
    assert "Principle 1" in html or "Princip 1" in html


def test_dates_in_the_wrong_order_are_refused_in_danish(client, staff):
    complete_project(status=Process.Status.OPEN)
    response = client.get(URL, {"period": "custom", "start": "2027-12-31", "end": "2027-01-01"})
    assert response.status_code == 422
    assert "Den sidste dag kan ikke være før den første." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"scope": "committee-\x00"},
        {"period": "custom", "start": "2027-01-01\x00", "end": "2027-02-01"},
        {"scope": "<script>alert(1)</script>"},
        {"period": "1900-9"},
    ],
)
def test_hostile_queries_are_refused(client, staff, query):
    complete_project(status=Process.Status.OPEN)
    response = client.get(URL, query)
    assert response.status_code in (400, 422)  # a NUL is refused before the view (pages)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_title_with_html_is_escaped_on_the_list(client, staff):
    process = complete_project(status=Process.Status.OPEN, title="<b>Fed</b> plan")
    scope = f"committee-{process.milestones.get().body_id}"
    response = client.get(BEHIND, {**PERIOD, "scope": scope, "indikator": "p1_frame"})
    html = response.content.decode()
    assert "&lt;b&gt;Fed&lt;/b&gt; plan" in html and "<b>Fed</b>" not in html


def test_a_case_is_counted_never_listed(client, staff):
    project = complete_project(status=Process.Status.OPEN, title="Den offentlige plan")
    case = ProcessFactory(
        kind=Process.Kind.CASE,
        status=Process.Status.OPEN,
        centre=project.centre,
        title="Fru Hansens badebænk",
    )
    file = case_file_for(case)
    file.opened_on = datetime.date(2027, 2, 1)
    file.save()
    query = {**PERIOD, "scope": f"centre-{project.centre_id}"}
    page = client.get(URL, query).content.decode()
    for code in ("p1_frame", "p4_case_in_time", "p3_cases_before_assessment"):
        behind = client.get(BEHIND, {**query, "indikator": code})
        assert behind.status_code == 200
        assert "Fru Hansens badebænk" not in behind.content.decode()
    assert "Fru Hansens badebænk" not in page
    assert (
        "Den offentlige plan"
        in client.get(BEHIND, {**query, "indikator": "p1_frame"}).content.decode()
    )


def test_an_unknown_indicator_is_refused(client, staff):
    response = client.get(BEHIND, {**PERIOD, "indikator": "p9_nothing"})
    assert response.status_code == 422


def test_previous_period_list(client, staff):
    process = complete_project(status=Process.Status.OPEN)
    scope = f"committee-{process.milestones.get().body_id}"
    query = {"period": "custom", "start": "2028-01-01", "end": "2028-12-31", "scope": scope}
    this = client.get(BEHIND, {**query, "indikator": "p1_frame"}).content.decode()
    before = client.get(BEHIND, {**query, "indikator": "p1_frame", "tidligere": "on"})
    assert process.title not in this
    assert process.title in before.content.decode()


def test_the_page_has_a_constant_query_count(client, staff, django_assert_num_queries):
    first = complete_project(status=Process.Status.OPEN)
    body = first.milestones.get().body
    query = {**PERIOD, "scope": f"committee-{body.pk}"}

    def grow(n: int) -> str:
        last = None
        for _ in range(n):
            last = ProcessFactory(status=Process.Status.PROCESSING, centre=first.centre)
            milestone = MilestoneFactory(process=last, body=body)
            ActivityFactory(process=last, feeds_milestone=milestone)
            for _c in range(2):
                AnswerFactory(contribution=ContributionFactory(process=last))
        return body.name

    assert_constant_queries(
        django_assert_num_queries, lambda: client.get(URL, query), grow, 23, sizes=(1, 8)
    )


def test_the_list_has_a_constant_query_count(client, staff, django_assert_num_queries):
    first = complete_project(status=Process.Status.OPEN)
    body = first.milestones.get().body
    query = {**PERIOD, "scope": f"committee-{body.pk}", "indikator": "p1_frame"}

    def grow(n: int) -> str:
        last = None
        for _ in range(n):
            last = ProcessFactory(status=Process.Status.OPEN, centre=first.centre)
            MilestoneFactory(process=last, body=body)
            ActivityFactory(process=last)
        return last.title

    assert_constant_queries(
        django_assert_num_queries, lambda: client.get(BEHIND, query), grow, 19, sizes=(1, 8)
    )


def test_a_centre_with_cases_has_a_constant_query_count(client, staff, django_assert_num_queries):
    first = complete_project(status=Process.Status.OPEN)
    query = {**PERIOD, "scope": f"centre-{first.centre_id}"}

    def grow(n: int) -> str:
        for _ in range(n):
            case = ProcessFactory(
                kind=Process.Kind.CASE, status=Process.Status.OPEN, centre=first.centre
            )
            file = case_file_for(case)
            file.opened_on = datetime.date(2027, 3, 1)
            file.save()
            project = ProcessFactory(status=Process.Status.OPEN, centre=first.centre)
            ActivityFactory(process=project)
            AnswerFactory(contribution=ContributionFactory(process=project))
        return first.centre.name

    assert_constant_queries(
        django_assert_num_queries, lambda: client.get(URL, query), grow, 28, sizes=(1, 6)
    )
