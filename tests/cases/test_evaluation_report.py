"""The report of the citizens' evaluations of cases (issue #11, section 5): for staff with the
permission only; figures per case type, centre and month, never from fewer answers than the
privacy threshold — not even by the difference of two filters; comments screened; the same
figures as CSV; a constant number of queries however many evaluations."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from inddrag.audit.models import AccessLog
from inddrag.cases import services
from inddrag.cases.models import CaseEvaluation
from inddrag.lib.calendar import local_date
from inddrag.stakeholders.breadth import MIN_GROUP
from tests.factories import CentreFactory, StaffFactory, UserFactory
from tests.factories.cases import case_type
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db

URL = reverse("staff:cases:evaluation_report")
CSV_URL = reverse("staff:cases:evaluation_report_csv")
N = MIN_GROUP  # services.evaluation_threshold() without an administrator's value
HIDDEN = f"Færre end {N} svar — vises ikke for at beskytte den enkelte"


def _today():
    from django.utils import timezone

    return local_date(timezone.now())


def _month(back: int) -> datetime.date:
    """The first day of the month ``back`` months before this one (1: the last complete)."""
    return services.add_months(_today().replace(day=1), -back)


def _evaluations(kind, month: datetime.date, n: int, answers=(4, 5, 3), comment: str = ""):
    CaseEvaluation.objects.bulk_create(
        CaseEvaluation(
            case_type=kind,
            centre_id=kind.centre_id,
            month=month,
            knew_influence=answers[0],
            felt_heard=answers[1],
            time_enough=answers[2],
            comment=comment,
        )
        for _ in range(n)
    )


def _manager():
    user = StaffFactory()
    group, _ = Group.objects.get_or_create(name="Centerledelse")
    group.permissions.add(Permission.objects.get(codename="view_evaluation_report"))
    user.groups.add(group)
    return user


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- Who may see it -------------------------------------------------------------------------------


def test_only_staff_with_the_permission_see_the_report_and_its_menu_item():
    manager, staff = _manager(), StaffFactory()
    admin = UserFactory(is_superuser=True, is_staff=True, role="staff")
    for url in (URL, CSV_URL):
        assert Client().get(url).status_code == 302  # to the login page
        assert _client(UserFactory()).get(url).status_code == 404  # a citizen
        assert _client(staff).get(url).status_code == 404  # staff without the permission
        assert _client(manager).get(url).status_code == 200
        assert _client(admin).get(url).status_code == 200
        assert _client(manager).post(url).status_code in (403, 405)
    assert URL in _client(manager).get(reverse("staff:cases:mine")).content.decode()
    assert URL not in _client(staff).get(reverse("staff:cases:mine")).content.decode()


def test_the_report_is_not_logged_it_shows_no_personal_data():
    kind = case_type()
    _evaluations(kind, _month(1), N)
    before = AccessLog.objects.count()
    assert _client(_manager()).get(URL).status_code == 200
    assert AccessLog.objects.count() == before


# --- The figures ----------------------------------------------------------------------------------


def test_figures_per_question_mean_distribution_and_share_answering_4_or_5():
    kind = case_type(name="Hjælpemidler")
    _evaluations(kind, _month(1), 3, answers=(5, 4, 2))
    _evaluations(kind, _month(1), 2, answers=(1, 4, 3))
    summary = services.evaluation_summary(_month(12), _month(1))
    total = summary.total
    assert total.shown and total.answers == 5
    knew, heard, time = total.questions
    assert knew.distribution == (2, 0, 0, 0, 3)
    assert knew.mean == pytest.approx(3.4)
    assert knew.high_share == pytest.approx(60.0)
    assert heard.distribution == (0, 0, 0, 5, 0) and heard.high_share == 100
    assert time.distribution == (0, 3, 2, 0, 0) and time.high_share == 0
    assert [g.label for g in summary.by_case_type] == ["Hjælpemidler"]
    assert len(summary.by_month) == 12 and summary.by_month[-1].answers == 5

    page = _client(_manager()).get(URL, {"first": _month(1).isoformat()[:7]}).content.decode()
    assert "3,4" in page and "60 %" in page and "5 svar" in page


def test_n_minus_one_answers_show_nothing_not_even_the_mean():
    kind = case_type(name="Boligændring")
    _evaluations(kind, _month(1), N - 1, answers=(1, 1, 1), comment="Alt var dårligt")
    summary = services.evaluation_summary(_month(12), _month(1))
    assert not summary.total.shown and summary.total.questions == ()
    assert summary.total.hidden == "few" and summary.comments == ()
    assert all(not g.shown for g in (*summary.by_case_type, *summary.by_centre, *summary.by_month))

    response = _client(_manager()).get(URL)
    page = response.content.decode()
    assert HIDDEN in page
    assert "1,0" not in page and "Alt var dårligt" not in page
    assert f"{N - 1} svar" not in page
    rows = list(
        csv.reader(
            io.StringIO(_client(_manager()).get(CSV_URL).content.decode("utf-8-sig")), delimiter=";"
        )
    )
    total = rows[1]
    assert total[2] == "" and set(total[3:-1]) == {""} and total[-1] == HIDDEN


def test_exactly_the_threshold_is_shown():
    kind = case_type()
    _evaluations(kind, _month(1), N)
    assert services.evaluation_summary(_month(1), _month(1)).total.answers == N


def test_a_small_month_of_a_type_is_counted_nowhere_so_no_filter_can_isolate_it():
    """Type A: N answers in one month, N-1 in the next (all 1s there). Whatever the filters,
    the N-1 answers are in no figure, so no difference between two figures finds them."""
    centre = CentreFactory()
    a, b = case_type(name="A", centre=centre), case_type(name="B", centre=centre)
    _evaluations(a, _month(2), N, answers=(5, 5, 5))
    _evaluations(a, _month(1), N - 1, answers=(1, 1, 1))
    _evaluations(b, _month(1), N, answers=(3, 3, 3))

    selections = [
        {"first_month": f, "last_month": t, "centre_id": c, "case_type_id": k}
        for f in (_month(2), _month(1))
        for t in (_month(2), _month(1))
        if f <= t
        for c in (None, centre.pk)
        for k in (None, a.pk, b.pk)
    ]
    for selection in selections:
        summary = services.evaluation_summary(**selection)
        for group in (summary.total, *summary.by_case_type, *summary.by_centre, *summary.by_month):
            # Never a figure with a 1 in it: the small cell is in none.
            assert all(q.distribution[0] == 0 for q in group.questions), (selection, group)
            assert group.answers in (0, N, 2 * N), (selection, group)
    whole = services.evaluation_summary(_month(2), _month(1))
    assert whole.total.answers == 2 * N and whole.left_out_cells == 1
    by_type = {g.label: g for g in whole.by_case_type}
    assert by_type["A"].answers == N and by_type["B"].answers == N
    last_month = services.evaluation_summary(_month(1), _month(1), case_type_id=a.pk)
    assert last_month.total.hidden == "few"


def test_a_group_whose_answers_are_all_in_small_months_says_so():
    kind = case_type(name="Børnefaglig undersøgelse")
    _evaluations(kind, _month(1), N - 1)
    _evaluations(kind, _month(2), N - 1)
    summary = services.evaluation_summary(_month(12), _month(1))
    assert summary.by_case_type[0].hidden == "few_each" and not summary.by_case_type[0].shown
    page = _client(_manager()).get(URL).content.decode()
    assert "for hver sagstype og måned" in page


def test_the_month_still_being_answered_is_not_in_the_report():
    kind = case_type()
    _evaluations(kind, _month(0), N + 3)
    summary = services.evaluation_summary(_month(12), _month(0))
    assert summary.last_month == _month(1) and summary.total.hidden == "none"


def test_comments_only_from_counted_answers_screened_and_escaped():
    kind = case_type(name="Hjælpemidler")
    _evaluations(kind, _month(1), N - 2, comment="Tak for hjælpen <script>alert(1)</script>")
    _evaluations(kind, _month(1), 1, comment="Ring til mig på 12 34 56 78")
    _evaluations(kind, _month(1), 1, comment="Mit cpr er 010203-1234")
    _evaluations(kind, _month(2), N - 1, comment="Fra en lille måned")
    summary = services.evaluation_summary(_month(12), _month(1))
    (group,) = summary.comments
    assert group.held_back == 2
    assert group.comments == ("Tak for hjælpen <script>alert(1)</script>",) * (N - 2)

    page = _client(_manager()).get(URL).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "12 34 56 78" not in page and "010203" not in page and "lille måned" not in page
    assert "2 kommentarer er holdt tilbage" in page


def test_filters_by_centre_case_type_and_period():
    one, two = case_type(name="Et"), case_type(name="To")
    _evaluations(one, _month(1), N, answers=(5, 5, 5))
    _evaluations(two, _month(3), N, answers=(2, 2, 2))
    client = _client(_manager())
    first = _month(6).isoformat()[:7]
    page = client.get(URL, {"first": first, "case_type": one.pk}).content.decode()
    assert "5,0" in page and "2,0" not in page
    page = client.get(URL, {"first": first, "centre": two.centre_id}).content.decode()
    assert "2,0" in page and "5,0" not in page
    month = _month(3).isoformat()[:7]
    page = client.get(URL, {"first": month, "last": month}).content.decode()
    assert "2,0" in page and "5,0" not in page


@pytest.mark.parametrize(
    "query",
    [
        {"first": "2099-01"},
        {"last": "x"},
        {"centre": "999999"},
        {"case_type": "abc"},
    ],
)
def test_bad_filters_get_danish_errors_and_no_figures(query):
    response = _client(_manager()).get(URL, query)
    assert response.status_code == 422
    assert "Marker en gyldig valgmulighed" in response.content.decode()


def test_a_nul_byte_in_the_filter_is_refused():
    response = _client(_manager()).get(URL, {"first": "2020-01\x00"})
    assert response.status_code == 400


def test_months_in_the_wrong_order_are_refused_in_danish():
    response = _client(_manager()).get(
        URL, {"first": _month(1).isoformat()[:7], "last": _month(3).isoformat()[:7]}
    )
    assert response.status_code == 422
    assert "Til-måneden kan ikke ligge før fra-måneden" in response.content.decode()
    assert (
        _client(_manager())
        .get(CSV_URL, {"first": _month(1).isoformat()[:7], "last": _month(3).isoformat()[:7]})
        .status_code
        == 422
    )


def test_the_csv_has_the_same_figures_and_neutralises_formulas():
    kind = case_type(name="=HYPERLINK(1)")
    _evaluations(kind, _month(1), N, answers=(4, 5, 3))
    response = _client(_manager()).get(CSV_URL)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, total = rows[0], rows[1]
    assert len(header) == len(total) == 3 + 3 * 7 + 1
    assert total[2] == str(N) and total[3] == "4,0" and total[4] == "100,0"
    assert total[5:10] == ["0", "0", "0", str(N), "0"]
    by_type = next(r for r in rows if r[0] == "Sagstype")
    assert by_type[1] == "'=HYPERLINK(1)"


# --- Queries --------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 100])
def test_the_report_has_a_constant_query_count(django_assert_num_queries, rows):
    kinds = [case_type(name=f"Type {i}") for i in range(3)]
    for i in range(rows):
        _evaluations(kinds[i % 3], _month(1 + i % 6), 1, comment=f"Kommentar {i}")
    client = _client(_manager())
    assert_queries(
        django_assert_num_queries,
        # session, user, its permissions (own and its groups'), the figures, the comments, the
        # centres and case types of the filter
        8,
        lambda: client.get(URL),
        shows="Type 2" if rows > 1 else "Type 0",
    )
    assert_queries(django_assert_num_queries, 5, lambda: client.get(CSV_URL))  # no comments


def test_a_too_long_evaluation_comment_is_refused_in_danish_not_a_crash():
    from django.utils import translation

    from inddrag.cases.forms import EvaluationForm

    data = {"knew_influence": "3", "felt_heard": "3", "time_enough": "3", "comment": "x" * 2001}
    with translation.override("da"):
        form = EvaluationForm(data)
        assert not form.is_valid()
        assert form.errors["comment"] == ["Skriv højst 2.000 tegn (du skrev 2.001)."]
