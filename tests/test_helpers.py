"""The test helpers fail when they should: tests/queries.py and tests/permissions.py."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inddrag.processes.models import FrameItem, Process
from tests.factories import FrameItemFactory, ProcessFactory, StaffFactory, UserFactory
from tests.permissions import ALLOWED, LOGIN, access_failures, assert_access, get, post
from tests.queries import assert_constant_queries, assert_queries

pytestmark = pytest.mark.django_db


def _cost(fetch) -> int:
    """How many queries ``fetch`` runs now (the pages' own tests pin the numbers)."""
    fetch()  # warm: the session, the content types
    with CaptureQueriesContext(connection) as queries:
        fetch()
    return len(queries)


# --- tests/queries.py ---------------------------------------------------------------------------


@pytest.fixture
def process():
    return ProcessFactory(status=Process.Status.OPEN, title="Ny skolevej i Måløv")


def test_assert_queries_checks_count_status_and_text(client, process, django_assert_num_queries):
    def page():
        return client.get(reverse("processes:list"))

    n = _cost(page)
    response = assert_queries(django_assert_num_queries, n, page, shows=process.title)
    assert len(response.captured_queries) == n
    with pytest.raises(AssertionError, match="is not on the page"):
        assert_queries(django_assert_num_queries, n, page, shows="Ikke her")
    with pytest.raises(AssertionError, match="status 200, expected 404"):
        assert_queries(django_assert_num_queries, n, page, status=404)
    with pytest.raises(pytest.fail.Exception, match=f"Expected to perform {n - 1} queries"):
        assert_queries(django_assert_num_queries, n - 1, page)


def test_assert_queries_looks_in_the_values_of_json(client, process, django_assert_num_queries):
    def api():
        return client.get("/api/v1/processes")

    n = _cost(api)
    assert_queries(django_assert_num_queries, n, api, shows=["skolevej", str(process.pk)])
    with pytest.raises(AssertionError, match="none of the JSON values"):
        assert_queries(django_assert_num_queries, n, api, shows="summary")  # a key, no value


def test_assert_constant_queries_fails_when_the_count_grows(
    staff_client, staff, django_assert_num_queries
):
    process = ProcessFactory(centre=staff.centre, responsible=staff, status=Process.Status.OPEN)
    edit = reverse("staff:processes:edit", args=[process.pk])

    made = itertools.count(1)

    def grow(n: int) -> str:
        items = [FrameItemFactory(process=process, text=f"Punkt {next(made)}.") for _ in range(n)]
        return items[-1].text

    def page():
        return staff_client.get(edit)

    grow(1)
    n = _cost(page)
    responses = assert_constant_queries(django_assert_num_queries, page, grow, n, sizes=(1, 3))
    assert len(responses) == 2

    def one_query_a_row():  # the page, and an N+1 before it
        for item in FrameItem.objects.filter(process=process):
            FrameItem.objects.filter(pk=item.pk).exists()
        return page()

    # Four rows already: n + 6 queries after one more, n + 7 after two.
    with pytest.raises(pytest.fail.Exception, match=f"but {n + 7} were done\nwith 2 rows"):
        assert_constant_queries(
            django_assert_num_queries, one_query_a_row, grow, n + 6, sizes=(1, 2)
        )


# --- tests/permissions.py -----------------------------------------------------------------------


def test_every_failing_cell_is_reported_at_once(process):
    edit = reverse("staff:processes:edit", args=[process.pk])
    users = {"anonymous": None, "citizen": UserFactory(), "staff": StaffFactory()}
    calls = [get(edit, label="edit"), post(edit, {"title": "x"}, label="edit")]
    # Wrong on purpose: everyone is expected to be let in.
    cells, failures = access_failures(calls, dict.fromkeys(users, ALLOWED), users)
    assert cells == 6
    assert failures == [
        f"edit (GET {edit}) as anonymous: expected ALLOWED (200,), got 302 to "
        f"{reverse('accounts:login')}?next={edit}",
        f"edit (GET {edit}) as citizen: expected ALLOWED (200,), got 404",
        f"edit (GET {edit}) as staff: expected ALLOWED (200,), got 404",
        f"edit (POST {edit}) as anonymous: expected ALLOWED (200, 302, 422), got 302 to "
        f"{reverse('accounts:login')}?next={edit}",
        f"edit (POST {edit}) as citizen: expected ALLOWED (200, 302, 422), got 404",
        f"edit (POST {edit}) as staff: expected ALLOWED (200, 302, 422), got 404",
    ]
    with pytest.raises(AssertionError, match=r"(?s)6 of 6 cells failed:.*as staff"):
        assert_access(calls, dict.fromkeys(users, ALLOWED), users)
    assert assert_access(calls, {"anonymous": LOGIN, "citizen": 404, "staff": 404}, users) == 6


def test_each_cell_is_rolled_back(process):
    """A POST that is let in changes nothing for the cells after it."""
    staff = StaffFactory(centre=process.centre)
    item = FrameItemFactory(process=process)
    delete = reverse("staff:processes:row_delete", args=[process.pk, "ramme", item.pk])
    users = {"first": staff, "second": staff}
    assert_access([post(delete)], {"first": 302, "second": 302}, users)
    assert process.frame_items.filter(pk=item.pk).exists()
