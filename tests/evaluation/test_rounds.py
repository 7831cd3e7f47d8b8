"""Evaluation rounds and assessments (issue #13, section 2): creating a round with a preparer
for every committee and centre management, drafts, recording, reopening, the dashboard of what
is missing, the reminders, publishing, access, hostile input and query counts."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from inddrag.audit.models import AccessLog
from inddrag.evaluation import services
from inddrag.evaluation.models import Assessment, AssessmentText, EvaluationRound
from inddrag.lib.calendar import local_date
from inddrag.notifications.models import Notification
from inddrag.organisation.models import DecisionBody, ElectionPeriod
from inddrag.processes.models import Process
from tests.factories import (
    CentreFactory,
    DecisionBodyFactory,
    StaffFactory,
    UserFactory,
    complete_project,
)
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

TODAY = local_date(timezone.now())
ROUNDS = reverse("staff:evaluation:rounds")
CREATE = reverse("staff:evaluation:round_create")


def manager() -> object:
    user = StaffFactory(first_name="Mette", last_name="Leder")
    user.user_permissions.add(Permission.objects.get(codename="manage_rounds"))
    return user


@pytest.fixture
def period():
    return ElectionPeriod.objects.create(starts_on=datetime.date(TODAY.year - 1, 1, 1))


@pytest.fixture
def scopes():
    committee = DecisionBodyFactory(
        name="Klima- og Miljøudvalget", kind=DecisionBody.Kind.COMMITTEE
    )
    other = DecisionBodyFactory(name="Børne- og Skoleudvalget", kind=DecisionBody.Kind.COMMITTEE)
    council = DecisionBodyFactory(name="Kommunalbestyrelsen", kind=DecisionBody.Kind.COUNCIL)
    centre = CentreFactory(name="Center for Miljø og Teknik")
    return committee, other, council, centre


def targets():
    from inddrag.organisation.models import Centre

    return [(b, None) for b in DecisionBody.objects.filter(kind=DecisionBody.Kind.COMMITTEE)] + [
        (None, c) for c in Centre.objects.all()
    ]


def form_data(election, scopes, preparer, **extra) -> dict:
    data = {
        "title": "Forår — midtvejs",
        "period": f"{election.starts_on.year}-1",
        "deadline": (TODAY + datetime.timedelta(days=30)).isoformat(),
        "form_token": "k" * 32,
    }
    for body, centre in targets():
        data[f"udvalg_{body.pk}" if body else f"center_{centre.pk}"] = preparer.pk
    data.update(extra)
    return data


def make_round(period, scopes, preparer, by=None, **kwargs) -> EvaluationRound:
    data = services.RoundData(
        title=kwargs.get("title", "Forår — midtvejs"),
        election_period=period,
        half=kwargs.get("half", 1),
        deadline=kwargs.get("deadline", TODAY + datetime.timedelta(days=30)),
        preparers=[(b, c, preparer) for b, c in targets()],
    )
    once = services.create_round(data, by or preparer)
    return EvaluationRound.objects.get(pk=once.object_id)


def fill(assessment: Assessment, by) -> None:
    services.save_texts(
        assessment,
        {
            n: {"went_well": f"Godt {n}", "went_badly": "", "will_do": f"Vi vil {n}"}
            for n in range(1, 6)
        },
        by,
    )


# --- Creating a round ---------------------------------------------------------------------------


def test_a_manager_creates_a_round_with_one_assessment_per_committee_and_centre(
    client, period, scopes
):
    boss = manager()
    preparer = StaffFactory(email="forbereder@balk.dk")
    client.force_login(boss)
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, form_data(period, scopes, preparer))
    round_ = EvaluationRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:evaluation:round", args=[round_.pk])
    committee, other, council, _centre = scopes
    names = {a.scope_name for a in round_.assessments.all()}
    assert {committee.name, other.name, "Centerledelsen, Center for Miljø og Teknik"} <= names
    assert len(names) == len(targets())  # every committee and every centre, once
    assert not round_.assessments.filter(body=council).exists()  # the council is not a committee
    assert round_.period_start == datetime.date(period.starts_on.year, 1, 1)
    # each preparer gets a link to the assessment
    mails = Notification.objects.filter(to="forbereder@balk.dk")
    assert mails.count() == len(targets())
    assert "/personale/evaluering/vurderinger/" in mails.first().body
    assert AccessLog.objects.filter(object_type="evaluation.evaluationround").exists()


def test_a_double_submit_creates_one_round(client, period, scopes):
    client.force_login(manager())
    preparer = StaffFactory()
    data = form_data(period, scopes, preparer)
    first = client.post(CREATE, data)
    second = client.post(CREATE, data)
    assert EvaluationRound.objects.count() == 1
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": "   "}, "title", "Giv runden en titel."),
        ({"deadline": "2001-01-01"}, "deadline", "Fristen kan ikke ligge i fortiden."),
        ({"deadline": "31-12-2030"}, "deadline", "Indtast en gyldig dato."),
        ({"period": "1900-1"}, "period", None),
        ({"title": "x" * 121}, "title", None),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_saved(
    client, period, scopes, change, field, message
):
    client.force_login(manager())
    response = client.post(CREATE, form_data(period, scopes, StaffFactory(), **change))
    assert response.status_code == 422
    assert field in response.context["form"].errors
    if message:
        assert message in response.content.decode()
    assert not EvaluationRound.objects.exists()
    assert not Assessment.objects.exists()


def test_a_preparer_must_be_chosen_for_every_assessment(client, period, scopes):
    client.force_login(manager())
    data = form_data(period, scopes, StaffFactory())
    committee = scopes[0]
    data[f"udvalg_{committee.pk}"] = ""
    response = client.post(CREATE, data)
    assert response.status_code == 422
    assert "Vælg, hvem der forbereder denne vurdering." in response.content.decode()
    # a citizen cannot be made a preparer
    data[f"udvalg_{committee.pk}"] = UserFactory().pk
    response = client.post(CREATE, data)
    assert response.status_code == 422
    assert not EvaluationRound.objects.exists()


def test_one_round_per_half(client, period, scopes):
    preparer = StaffFactory()
    make_round(period, scopes, preparer)
    client.force_login(manager())
    response = client.post(CREATE, {**form_data(period, scopes, preparer), "form_token": "o" * 32})
    assert response.status_code == 422
    assert "Der er allerede en evalueringsrunde for denne halvdel." in response.content.decode()
    assert EvaluationRound.objects.count() == 1


def test_only_managers_create_and_edit_rounds(client, period, scopes):
    round_ = make_round(period, scopes, StaffFactory())
    client.force_login(StaffFactory())
    assert client.get(CREATE).status_code == 404
    assert client.post(CREATE, form_data(period, scopes, StaffFactory())).status_code == 404
    edit = reverse("staff:evaluation:round_edit", args=[round_.pk])
    assert client.get(edit).status_code == 404
    publish = reverse("staff:evaluation:round_publish", args=[round_.pk])
    assert client.post(publish).status_code == 404
    # but every member of staff may read the round
    assert client.get(reverse("staff:evaluation:round", args=[round_.pk])).status_code == 200
    client.force_login(UserFactory())
    assert client.get(ROUNDS).status_code == 404
    assert client.get(reverse("staff:evaluation:round", args=[round_.pk])).status_code == 404


def test_changing_the_preparer_emails_the_new_one_and_keeps_the_half(client, period, scopes):
    old = StaffFactory(email="gammel@balk.dk")
    round_ = make_round(period, scopes, old)
    new = StaffFactory(email="ny@balk.dk")
    client.force_login(manager())
    data = {**form_data(period, scopes, old), "period": f"{period.starts_on.year}-2"}
    data[f"udvalg_{scopes[0].pk}"] = new.pk
    data["title"] = "Forår — midtvejs (rettet)"
    response = client.post(reverse("staff:evaluation:round_edit", args=[round_.pk]), data)
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.half == 1  # the half is fixed (the field is disabled)
    assert round_.title == "Forår — midtvejs (rettet)"
    assert round_.assessments.get(body=scopes[0]).preparer == new
    assert Notification.objects.filter(to="ny@balk.dk").count() == 1


# --- Writing and recording an assessment ----------------------------------------------------------


def test_the_preparer_saves_a_draft_then_records_it_with_the_meeting(client, period, scopes):
    preparer = StaffFactory()
    complete_project(status=Process.Status.OPEN)
    round_ = make_round(period, scopes, preparer)
    assessment = round_.assessments.get(body=scopes[0])
    url = reverse("staff:evaluation:assessment", args=[assessment.pk])
    client.force_login(preparer)
    page = client.get(url)
    assert page.status_code == 200
    assert "Princip 1" in page.content.decode() or "Principle 1" in page.content.decode()
    texts = {f"p{n}_went_well": f"Godt ved princip {n}" for n in range(1, 6)}
    response = client.post(url, {**texts, "step": "save", "p3_will_do": "Tidligere inddragelse"})
    assert response.status_code == 302
    assert AssessmentText.objects.filter(assessment=assessment).count() == 5
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    # a meeting in the future cannot be recorded; nothing changes
    # two days ahead: TODAY is read at import, and the suite may cross midnight
    future = (local_date(timezone.now()) + datetime.timedelta(days=2)).isoformat()
    response = client.post(url, {**texts, "step": "record", "treated_on": future})
    assert response.status_code == 422
    assert "dagen kan ikke ligge i fremtiden" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    response = client.post(
        url,
        {
            **texts,
            "step": "record",
            "treated_on": TODAY.isoformat(),
            "agenda_url": "https://ballerup.dk/dagsorden/42",
        },
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.is_recorded
    assert assessment.treated_on == TODAY
    assert assessment.figures["principles"][0]["number"] == 1
    # the recorded assessment cannot be changed without reopening it; the record sent twice
    # changes nothing either
    response = client.post(url, {**texts, "p1_went_well": "ændret", "step": "save"})
    assert response.status_code == 302
    response = client.post(
        url, {**texts, "step": "record", "treated_on": "2020-01-01"}, follow=True
    )
    assert "Genåbn den for at ændre den." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.treated_on == TODAY
    assert AssessmentText.objects.get(assessment=assessment, principle=1).went_well != "ændret"
    client.post(url, {"step": "reopen"})
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT and assessment.figures is None


def test_an_assessment_is_recorded_only_when_every_principle_is_considered(period, scopes):
    preparer = StaffFactory()
    round_ = make_round(period, scopes, preparer)
    assessment = round_.assessments.first()
    services.save_texts(assessment, {1: {"went_well": "x"}, 2: {"will_do": "y"}}, preparer)
    with pytest.raises(services.RoundError, match="3, 4, 5"):
        services.record_assessment(assessment, TODAY, "", preparer)
    assessment.refresh_from_db()
    assert not assessment.is_recorded


@pytest.mark.parametrize(
    "text",
    [
        "Borgeren med cpr 010203-1234 klagede",
        "Skriv til jens.hansen@example.com",
        "Ring på 20 30 40 50",
    ],
)
def test_personal_data_in_an_assessment_is_refused_next_to_the_field(client, period, scopes, text):
    preparer = StaffFactory()
    assessment = make_round(period, scopes, preparer).assessments.first()
    client.force_login(preparer)
    url = reverse("staff:evaluation:assessment", args=[assessment.pk])
    response = client.post(url, {"p2_went_badly": text, "p1_went_well": "Fint", "step": "save"})
    assert response.status_code == 422
    assert "offentliggøres med runden" in response.content.decode()
    assert not AssessmentText.objects.exists()  # nothing half-saved, also not principle 1


def test_html_in_an_assessment_is_shown_as_text(client, period, scopes):
    preparer = StaffFactory()
    assessment = make_round(period, scopes, preparer).assessments.first()
    fill(assessment, preparer)
    services.save_texts(
        assessment, {1: {"went_well": "<script>alert(1)</script>", "will_do": "x"}}, preparer
    )
    client.force_login(StaffFactory())
    html = client.get(reverse("staff:evaluation:assessment", args=[assessment.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_other_staff_read_but_cannot_write(client, period, scopes):
    preparer = StaffFactory()
    assessment = make_round(period, scopes, preparer).assessments.first()
    client.force_login(StaffFactory())
    url = reverse("staff:evaluation:assessment", args=[assessment.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="p1_went_well"' not in page.content.decode()
    assert client.post(url, {"p1_went_well": "x", "step": "save"}).status_code == 404
    assert not AssessmentText.objects.exists()
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_the_manager_may_write_any_assessment(client, period, scopes):
    assessment = make_round(period, scopes, StaffFactory()).assessments.first()
    client.force_login(manager())
    url = reverse("staff:evaluation:assessment", args=[assessment.pk])
    assert client.post(url, {"p1_went_well": "x", "step": "save"}).status_code == 302


# --- The dashboard and publishing -----------------------------------------------------------------


def test_the_round_shows_which_assessments_are_missing_and_is_done_when_all_are_recorded(
    client, period, scopes
):
    preparer = StaffFactory()
    round_ = make_round(period, scopes, preparer)
    client.force_login(manager())
    url = reverse("staff:evaluation:round", args=[round_.pk])
    html = client.get(url).content.decode()
    assert f"{round_.assessments.count()} vurderinger mangler stadig." in html
    for assessment in round_.assessments.all():
        fill(assessment, preparer)
        services.record_assessment(assessment, TODAY, "", preparer)
    assert services.is_done(round_)
    html = client.get(url).content.decode()
    assert "Offentliggør runden" in html or "Publish the round" in html


def test_a_round_without_assessments_is_not_done(period):
    round_ = EvaluationRound.objects.create(
        title="Tom", election_period=period, half=2, deadline=TODAY
    )
    assert not services.is_done(round_)
    with pytest.raises(services.RoundError):
        services.publish_round(round_, StaffFactory())


def test_publishing_is_refused_until_done_then_the_public_page_shows_the_conclusions(
    client, period, scopes
):
    preparer = StaffFactory()
    round_ = make_round(period, scopes, preparer)
    public = reverse("evaluation:round", args=[round_.pk])
    assert client.get(public).status_code == 404
    client.force_login(manager())
    publish = reverse("staff:evaluation:round_publish", args=[round_.pk])
    client.post(publish, {"step": "publish"})
    round_.refresh_from_db()
    assert round_.published_at is None
    for assessment in round_.assessments.all():
        fill(assessment, preparer)
        services.record_assessment(assessment, TODAY, "https://ballerup.dk/d/1", preparer)
    client.post(publish, {"step": "publish"})
    round_.refresh_from_db()
    assert round_.published_at is not None and round_.figures["public"] is True
    client.logout()
    html = client.get(public).content.decode()
    assert "Vi vil 3" in html and "Klima- og Miljøudvalget" in html
    assert round_.title in client.get(reverse("evaluation:rounds")).content.decode()
    # a published round's assessments cannot be changed or reopened
    assessment = round_.assessments.first()
    with pytest.raises(services.RoundError):
        services.reopen_assessment(assessment, preparer)
    services.unpublish_round(round_, preparer)
    assert client.get(public).status_code == 404


def test_the_public_figures_never_show_a_figure_about_people_under_the_threshold(period, scopes):
    project = complete_project(status=Process.Status.OPEN)
    from tests.factories.contributions import AnswerFactory, ContributionFactory

    for _ in range(3):  # three contributions, two answered: 67 % must not be shown publicly
        ContributionFactory(process=project)
    for contribution in project.contributions.all()[:2]:
        AnswerFactory(contribution=contribution, published_at=timezone.now())
    # complete_project's involvement is in spring 2027: the first half of the 2026 period
    election, _ = ElectionPeriod.objects.get_or_create(starts_on=datetime.date(2026, 1, 1))
    round_ = make_round(election, scopes, StaffFactory())

    def row(figures, code):
        return next(r for p in figures["principles"] for r in p["indicators"] if r["code"] == code)

    public = services.council_figures(round_)
    answered = row(public, "p2_answered")
    assert answered["current"]["hidden"] is True
    assert answered["current"]["share"] is None and "67" not in answered["current"]["text"]
    assert answered["change"] == ""
    # a share of projects is a public fact: shown however few
    assert row(public, "p1_frame")["current"]["hidden"] is False
    assert row(public, "p1_frame")["current"]["text"] == "100 %"
    # never the citizens' evaluations of cases on the public page
    assert not any(
        r["kind"] == "evaluations" for p in public["principles"] for r in p["indicators"]
    )
    # staff see the figure
    from inddrag.evaluation import indicators
    from inddrag.evaluation.snapshot import snapshot

    staff = snapshot(
        indicators.evaluate(indicators.whole_municipality(), services.period_of(round_))
    )
    assert row(staff, "p2_answered")["current"]["text"] == "67 %"
    assert row(staff, "p2_answered")["current"]["detail"] == "2 af 3"
    # at the threshold it is shown publicly too
    for _ in range(2):
        AnswerFactory(
            contribution=ContributionFactory(process=project), published_at=timezone.now()
        )
    public = services.council_figures(round_)
    assert row(public, "p2_answered")["current"]["text"] == "80 %"


# --- Reminders ------------------------------------------------------------------------------------


def test_reminders_14_and_3_days_before_and_the_day_after_each_once(period, scopes):
    preparer = StaffFactory(email="forbereder@balk.dk")
    deadline = TODAY + datetime.timedelta(days=20)
    round_ = make_round(period, scopes, preparer, deadline=deadline)
    recorded = round_.assessments.first()
    n = round_.assessments.count() - 1
    fill(recorded, preparer)
    services.record_assessment(recorded, TODAY, "", preparer)
    Notification.objects.all().delete()
    day = lambda offset: deadline - datetime.timedelta(days=offset)  # noqa: E731
    assert services.send_reminders(today=day(15)) == 0
    assert services.send_reminders(today=day(14)) == n  # not the recorded one
    assert services.send_reminders(today=day(13)) == 0
    assert services.send_reminders(today=day(2)) == n  # the 3-day reminder, a day late
    assert services.send_reminders(today=day(1)) == 0
    assert services.send_reminders(today=day(0)) == 0
    assert services.send_reminders(today=day(-1)) == n
    assert services.send_reminders(today=day(-30)) == 0
    assert Notification.objects.filter(kind=Notification.Kind.REMINDER).count() == 3 * n
    assert "frist" in Notification.objects.last().body.lower()


def test_a_new_deadline_restarts_the_reminders(period, scopes):
    preparer = StaffFactory(email="f@balk.dk")
    round_ = make_round(period, scopes, preparer, deadline=TODAY + datetime.timedelta(days=3))
    n = round_.assessments.count()
    assert services.send_reminders(today=TODAY) == n
    data = services.RoundData(
        title=round_.title,
        election_period=period,
        half=1,
        deadline=TODAY + datetime.timedelta(days=10),
        preparers=[(a.body, a.centre, a.preparer) for a in round_.assessments.all()],
    )
    services.change_round(round_, data, preparer)
    assert services.send_reminders(today=TODAY) == n  # the 14-day reminder for the new deadline


# --- Query counts ---------------------------------------------------------------------------------


def test_the_rounds_list_has_a_constant_query_count(client, django_assert_num_queries):
    client.force_login(manager())
    periods = iter(range(1900, 2100, 4))
    body = DecisionBodyFactory(kind=DecisionBody.Kind.COMMITTEE)
    preparer = StaffFactory()

    def grow(n):
        last = None
        for _ in range(n):
            period = ElectionPeriod.objects.create(starts_on=datetime.date(next(periods), 1, 1))
            last = EvaluationRound.objects.create(
                title=f"Runde {period.pk}", election_period=period, half=1, deadline=TODAY
            )
            Assessment.objects.create(round=last, body=body, preparer=preparer)
        return last.title

    assert_constant_queries(
        django_assert_num_queries, lambda: client.get(ROUNDS), grow, 5, sizes=(2, 12)
    )


def test_the_round_and_public_pages_have_a_constant_query_count(
    client, django_assert_num_queries, period
):
    boss = manager()
    preparer = StaffFactory()
    round_ = EvaluationRound.objects.create(
        title="Runde", election_period=period, half=1, deadline=TODAY
    )

    def grow(n):
        last = None
        for _ in range(n):
            last = Assessment.objects.create(
                round=round_,
                body=DecisionBodyFactory(kind=DecisionBody.Kind.COMMITTEE),
                preparer=preparer,
                status=Assessment.Status.RECORDED,
                treated_on=TODAY,
            )
            for principle in range(1, 6):
                AssessmentText.objects.create(
                    assessment=last, principle=principle, will_do=f"Gør {last.pk}"
                )
        return last.body.name

    client.force_login(boss)
    url = reverse("staff:evaluation:round", args=[round_.pk])
    # the seventh: every report of the round at once (tests/evaluation/test_reports.py)
    assert_constant_queries(
        django_assert_num_queries, lambda: client.get(url), grow, 7, sizes=(2, 8)
    )
    EvaluationRound.objects.filter(pk=round_.pk).update(
        published_at=timezone.now(), figures={"principles": [], "projects": 0, "threshold": 5}
    )
    client.logout()
    public = reverse("evaluation:round", args=[round_.pk])
    assert_constant_queries(
        django_assert_num_queries, lambda: client.get(public), grow, 3, sizes=(1, 6)
    )


def test_reading_rounds_and_assessments_writes_no_view_entry(client, period, scopes):
    """They show counts, committees and staff names: not personal data of citizens, so they are
    not logged as views (tests/audit/test_coverage.py lists them); writes are logged."""
    preparer = StaffFactory()
    round_ = make_round(period, scopes, preparer)
    client.force_login(manager())
    before = AccessLog.objects.filter(action=AccessLog.Action.VIEW).count()
    for url in (
        ROUNDS,
        reverse("staff:evaluation:round", args=[round_.pk]),
        reverse("staff:evaluation:assessment", args=[round_.assessments.first().pk]),
        reverse("staff:evaluation:round_edit", args=[round_.pk]),
    ):
        assert client.get(url).status_code == 200
    assert AccessLog.objects.filter(action=AccessLog.Action.VIEW).count() == before


def test_editing_a_round_may_add_a_committee_but_does_not_require_those_left_out(client, period):
    """A round made for some committees (the demo's previous round) is saved unchanged; a
    committee not in it can be added by choosing its preparer."""
    first = DecisionBodyFactory(name="Teknik- og Miljøudvalget", kind=DecisionBody.Kind.COMMITTEE)
    later = DecisionBodyFactory(name="Kultur- og Fritidsudvalget", kind=DecisionBody.Kind.COMMITTEE)
    preparer = StaffFactory(email="p@balk.dk")
    once = services.create_round(
        services.RoundData(
            title="Kun ét udvalg",
            election_period=period,
            half=1,
            deadline=TODAY + datetime.timedelta(days=9),
            preparers=[(first, None, preparer)],
        ),
        preparer,
    )
    round_ = EvaluationRound.objects.get(pk=once.object_id)
    client.force_login(manager())
    url = reverse("staff:evaluation:round_edit", args=[round_.pk])
    form = client.get(url).context["form"]
    assert form.fields[f"udvalg_{later.pk}"].required is False
    data = {
        "title": round_.title,
        "deadline": round_.deadline.isoformat(),
        f"udvalg_{first.pk}": preparer.pk,
    }
    assert client.post(url, data).status_code == 302
    assert round_.assessments.count() == 1
    data[f"udvalg_{later.pk}"] = preparer.pk
    assert client.post(url, data).status_code == 302
    assert round_.assessments.filter(body=later).exists()


def test_the_citizens_evaluations_of_cases_only_with_the_report_permission(client, period, scopes):
    """As on the indicators page: a centre management's assessment shows the citizens'
    evaluations of cases only to staff with cases.view_evaluation_report."""
    preparer = StaffFactory()
    round_ = make_round(period, scopes, preparer)
    centre_assessment = round_.assessments.filter(centre__isnull=False).first()
    url = reverse("staff:evaluation:assessment", args=[centre_assessment.pk])
    client.force_login(preparer)
    assert client.get(url).context["citizens"] is None
    preparer.user_permissions.add(Permission.objects.get(codename="view_evaluation_report"))
    client.force_login(preparer)
    citizens = client.get(url).context["citizens"]
    assert citizens is not None and citizens["number"] == 0


def test_the_assessment_page_has_a_constant_query_count(client, django_assert_num_queries):
    """The page measures the indicators of its committee afresh (a draft): the same number of
    queries with 1 and with 6 projects of the committee."""
    election, _ = ElectionPeriod.objects.get_or_create(starts_on=datetime.date(2026, 1, 1))
    first = complete_project(status=Process.Status.OPEN)
    body = first.milestones.get().body
    DecisionBody.objects.filter(pk=body.pk).update(kind=DecisionBody.Kind.COMMITTEE)
    preparer = StaffFactory()
    once = services.create_round(
        services.RoundData(
            title="Runde",
            election_period=election,
            half=1,
            deadline=TODAY + datetime.timedelta(days=9),
            preparers=[(body, None, preparer)],
        ),
        preparer,
    )
    assessment = Assessment.objects.get(round_id=once.object_id)
    client.force_login(preparer)
    url = reverse("staff:evaluation:assessment", args=[assessment.pk])

    def grow(n):
        last = None
        for _ in range(n):
            last = complete_project(status=Process.Status.OPEN)
            last.milestones.update(body=body)
        return f"{Process.objects.exclude(status=Process.Status.DRAFT).count()} projekter"

    assert_constant_queries(
        django_assert_num_queries, lambda: client.get(url), grow, 24, sizes=(1, 6)
    )
