"""How views of personal data are written to the access log (``inddrag.audit.reads``): once per
request, after a response that showed something, one insert however many objects; what the
staff page of a case says about who has seen it; the access log's admin, read-only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from inddrag.audit import reads
from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.processes.models import Process
from inddrag.stakeholders.models import Stakeholder
from tests.factories import StaffFactory, UserFactory, complete_project
from tests.factories.contributions import submitted
from tests.factories.stakeholders import StakeholderFactory
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db


def _through_middleware(user, view) -> HttpResponse:
    request = RequestFactory().get("/personale/noget/")
    request.user = user
    return reads.AccessLogMiddleware(view)(request)


@pytest.mark.parametrize(
    "status, logged", [(200, 1), (206, 1), (204, 0), (302, 0), (403, 0), (404, 0), (422, 0)]
)
def test_only_a_response_that_showed_something_is_logged(status, logged):
    staff, stakeholder = StaffFactory(), StakeholderFactory()

    def view(request):
        reads.shown(request, stakeholder)
        return HttpResponse(status=status)

    _through_middleware(staff, view)
    assert AccessLog.objects.filter(object_id=stakeholder.pk).count() == logged


def test_an_object_noted_twice_is_one_row_with_both_details_in_one_insert(
    django_assert_num_queries,
):
    staff, stakeholder = StaffFactory(), StakeholderFactory()

    def view(request):
        reads.shown(request, stakeholder, "first")
        reads.shown(request, stakeholder, "second")
        reads.shown(request, stakeholder, "first")
        reads.shown(request, Stakeholder, "export csv: 3 rows")
        return HttpResponse()

    with django_assert_num_queries(1):
        _through_middleware(staff, view)
    one, export = AccessLog.objects.order_by("pk")
    assert (one.object_id, one.detail) == (stakeholder.pk, "/personale/noget/ first; second")
    assert (export.object_type, export.object_id) == ("stakeholders.stakeholder", None)
    assert str(export).endswith("view stakeholders.stakeholder")


def test_an_exception_or_an_anonymous_visitor_leaves_no_row():
    stakeholder = StakeholderFactory()

    def refused(request):
        reads.shown(request, stakeholder)
        raise PermissionDenied

    with pytest.raises(PermissionDenied):
        _through_middleware(StaffFactory(), refused)

    def shown(request):
        reads.shown(request, stakeholder)
        return HttpResponse()

    _through_middleware(AnonymousUser(), shown)
    assert not AccessLog.objects.exists()


def test_the_middleware_must_be_installed(settings):
    from inddrag.audit.apps import middleware_installed

    assert middleware_installed() == []
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != reads.__name__ + ".AccessLogMiddleware"
    ]
    assert [e.id for e in middleware_installed()] == ["audit.E001"]


# --- Through the pages --------------------------------------------------------------------------


@pytest.fixture
def case():
    case = complete_project(kind=Process.Kind.CASE, status=Process.Status.OPEN)
    return case


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_case_page_that_answers_404_after_the_case_was_loaded_logs_nothing(case):
    staff = StaffFactory()
    case.participants.add(staff)
    other = submitted(complete_project(status=Process.Status.OPEN))
    url = reverse("staff:contributions:detail", args=[case.pk, other.pk])
    assert _client(staff).get(url).status_code == 404
    assert not AccessLog.objects.exists()


def test_a_change_to_a_case_is_logged_as_a_change_not_as_a_view(case):
    staff = StaffFactory()
    case.participants.add(staff)
    contribution = submitted(case)
    url = reverse("staff:contributions:approve", args=[case.pk, contribution.pk])
    response = _client(staff).post(url)
    assert response.status_code == 302
    assert list(AccessLog.objects.values_list("action", "detail")) == [("change", "reviewed")]


def test_a_contribution_to_a_case_logs_the_contribution_and_the_case_once_each(case):
    staff = StaffFactory()
    case.participants.add(staff)
    contribution = submitted(case)
    _client(staff).get(reverse("staff:contributions:detail", args=[case.pk, contribution.pk]))
    assert sorted(AccessLog.objects.values_list("object_type", "object_id", "detail")) == [
        ("contributions.contribution", contribution.pk, "staff:contributions:detail"),
        ("processes.process", case.pk, "staff:contributions:detail"),
    ]


def test_the_inbox_names_the_contributions_it_listed():
    project = complete_project(status=Process.Status.OPEN)
    first, second = submitted(project), submitted(project)
    _client(StaffFactory(centre=project.centre)).get(
        reverse("staff:contributions:inbox", args=[project.pk])
    )
    entry = AccessLog.objects.get()
    assert (entry.object_type, entry.object_id) == ("processes.process", project.pk)
    assert entry.detail == f"staff:contributions:inbox contributions {second.pk},{first.pk}"


def test_an_export_is_one_entry_saying_what_was_exported():
    StakeholderFactory.create_batch(3)
    staff = StaffFactory()
    client = _client(staff)
    for fmt in ("csv", "xlsx"):
        assert client.get(reverse(f"staff:stakeholders:export_{fmt}")).status_code == 200
    assert list(AccessLog.objects.order_by("pk").values_list("user", "object_id", "detail")) == [
        (staff.pk, None, "staff:stakeholders:export_csv export csv: all stakeholders, 3 rows"),
        (staff.pk, None, "staff:stakeholders:export_xlsx export xlsx: all stakeholders, 3 rows"),
    ]


@pytest.mark.parametrize("cases", [1, 30])
def test_the_dashboard_logs_each_case_listed_in_one_insert(django_assert_num_queries, cases):
    staff = StaffFactory()
    listed = []
    for _ in range(cases):
        case = complete_project(kind=Process.Kind.CASE, status=Process.Status.OPEN)
        case.participants.add(staff)
        listed.append(case)
    project = complete_project(responsible=staff, centre=staff.centre)
    client = _client(staff)
    assert_queries(
        django_assert_num_queries,
        # the dashboard's 12 (tests/processes), the cases' own data for their checks (one query;
        # their steps would be one more) and one insert for every case listed
        14,
        lambda: client.get(reverse("staff:dashboard")),
        shows=[listed[-1].title, project.title],
    )
    assert sorted(AccessLog.objects.values_list("object_id", flat=True)) == sorted(
        c.pk for c in listed
    )
    assert set(AccessLog.objects.values_list("detail", flat=True)) == {"staff:dashboard listed"}


# --- Who has seen this case -----------------------------------------------------------------------


def test_the_staff_page_of_a_case_says_who_has_seen_it(case):
    karen = StaffFactory(first_name="Karen", last_name="Holm")
    ole = StaffFactory(first_name="Ole", last_name="Berg")
    case.participants.add(karen, ole)
    edit = reverse("staff:processes:edit", args=[case.pk])
    html = _client(karen).get(edit).content.decode()
    assert "Hvem har set denne sag" in html
    assert "Ingen har set den endnu." in html  # this view is written after the page
    _client(ole).get(reverse("staff:documents:list", args=[case.pk]))
    _client(ole).get(edit)
    html = _client(karen).get(edit).content.decode()
    assert "Karen Holm" in html and "Ole Berg" in html
    table = html.split('id="seen-by"')[1]
    assert table.index("Ole Berg") < table.index("Karen Holm")  # the one seen last first
    assert '<td data-title="Visninger">2</td>' in table


def test_a_project_page_has_no_such_list():
    project = complete_project(status=Process.Status.OPEN)
    html = (
        _client(StaffFactory(centre=project.centre))
        .get(reverse("staff:processes:edit", args=[project.pk]))
        .content.decode()
    )
    assert "Hvem har set denne sag" not in html


@pytest.mark.parametrize("viewers", [1, 20])
def test_the_case_page_costs_the_same_however_many_have_seen_it(
    case, django_assert_num_queries, viewers
):
    staff = StaffFactory(first_name="Sidste", last_name=f"Seer{viewers}")
    case.participants.add(staff)
    for _ in range(viewers - 1):
        other = StaffFactory()
        case.participants.add(other)
        reads_client = _client(other)
        reads_client.get(reverse("staff:documents:list", args=[case.pk]))
    _client(staff).get(reverse("staff:documents:list", args=[case.pk]))
    client = _client(staff)
    assert_queries(
        django_assert_num_queries,
        # a case's edit page: the process and its plan with the case's data for the checks,
        # the frame (its only row list), the participants check, who has seen it, the case's
        # own data, its messages and its meetings (one query each: cases' sections) and the
        # access log entry of this view — no phases, activities, decision points or
        # contributions, which a case has not
        20,
        lambda: client.get(reverse("staff:processes:edit", args=[case.pk])),
        shows=f"Sidste Seer{viewers}",
    )


# --- The access log's admin ---------------------------------------------------------------------


def test_the_access_log_admin_is_read_only_and_filters():
    superuser = UserFactory(is_staff=True, is_superuser=True)
    stakeholder = StakeholderFactory()
    staff = StaffFactory(username="sagsbehandler7")
    _client(staff).get(reverse("staff:stakeholders:detail", args=[stakeholder.pk]))
    entry = AccessLog.objects.get()
    log_access(StaffFactory(), complete_project(), AccessLog.Action.CHANGE, "details")
    client = _client(superuser)
    assert client.get(reverse("admin:audit_accesslog_add")).status_code == 403
    change = reverse("admin:audit_accesslog_change", args=[entry.pk])
    assert client.post(change, {"detail": "rettet"}).status_code == 403
    delete = reverse("admin:audit_accesslog_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.detail == "staff:stakeholders:detail"
    changelist = reverse("admin:audit_accesslog_changelist")
    html = client.get(changelist).content.decode()
    for query in ("user__id__exact=", "object_type=", "action__exact=", "at__gte="):
        assert query in html, query
    filtered = client.get(
        changelist,
        {"user__id__exact": staff.pk, "action__exact": "view", "object_type": entry.object_type},
    )
    assert filtered.context["cl"].result_count == 1
    assert client.get(changelist, {"action__exact": "change"}).context["cl"].result_count == 1


def test_the_topics_page_names_what_it_listed_and_costs_the_same(django_assert_num_queries):
    from tests.queries import assert_constant_queries

    project = complete_project(status=Process.Status.OPEN)
    client = _client(StaffFactory(centre=project.centre))
    url = reverse("staff:memos:topics", args=[project.pk])
    made = []

    def grow(n: int) -> str:
        made.extend(submitted(project) for _ in range(n))
        return made[-1].receipt_number if len(made) <= 25 else made[24].receipt_number

    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), grow, 9)
    entry = AccessLog.objects.order_by("-pk").first()
    assert (entry.object_type, entry.object_id) == ("processes.process", project.pk)
    listed = ",".join(str(c.pk) for c in made[:25])  # the first page, oldest first
    assert entry.detail == f"staff:memos:topics contributions {listed}"
