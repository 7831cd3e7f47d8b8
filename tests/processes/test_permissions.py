"""Who sees and edits what: anonymous, citizen, staff of the centre, staff of another centre."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inddrag.audit.models import AccessLog
from inddrag.processes.models import Process
from inddrag.processes.permissions import can_edit, can_view, editable_processes
from tests.factories import StaffFactory, UserFactory, complete_project
from tests.factories.cases import case_file_for
from tests.permissions import ALLOWED, LOGIN, assert_access, get, post

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user:
        client.force_login(user)
    return client


@pytest.fixture
def draft():
    return complete_project(status=Process.Status.DRAFT)


@pytest.fixture
def published():
    return complete_project(status=Process.Status.OPEN)


@pytest.fixture
def case():
    return complete_project(kind=Process.Kind.CASE, status=Process.Status.OPEN)


def _detail(pk: int) -> str:
    return reverse("processes:detail", args=[pk])


def test_who_sees_the_process_page(draft, case, published):
    """A published project to everyone; a draft to staff who may edit it; a case to those who
    take part in it; a process that does not exist to no one."""
    participant = UserFactory()
    case.participants.add(participant)
    users = {
        "anonymous": None,
        "citizen": UserFactory(),
        "citizen taking part in the case": participant,
        "staff of another centre": StaffFactory(),
        "staff of the draft's centre": StaffFactory(centre=draft.centre),
        "staff of the case's centre": StaffFactory(centre=case.centre),
        "responsible for the case": case.responsible,
    }
    assert_access(
        [
            get(_detail(published.pk), label="published", expect=dict.fromkeys(users, 200)),
            get(_detail(draft.pk), label="draft", expect={"staff of the draft's centre": 200}),
            get(
                _detail(case.pk),
                label="case",
                # Its participants are sent on to "Min sag" (tests/cases).
                expect={"citizen taking part in the case": 302, "responsible for the case": 302},
            ),
            get(_detail(999999), label="unknown"),
        ],
        dict.fromkeys(users, 404),
        users,
    )


def test_who_may_use_the_staff_pages(published):
    """Anonymous visitors go to the login page; citizens and staff of another centre get a 404
    (the dashboard is every member of staff's); staff of the process's centre are let in."""
    item = published.frame_items.first()
    users = {
        "anonymous": None,
        "citizen": UserFactory(),
        "staff of another centre": StaffFactory(),
        "staff of the centre": StaffFactory(centre=published.centre),
    }
    edit = reverse("staff:processes:edit", args=[published.pk])
    cells = assert_access(
        [
            get(
                reverse("staff:dashboard"),
                label="dashboard",
                expect={"staff of another centre": 200},
            ),
            get(edit, label="edit"),
            post(edit, {"title": "x"}, label="edit"),
            post(
                reverse("staff:processes:status", args=[published.pk]),
                {"status": "processing"},
                label="status",
            ),
            post(
                reverse("staff:processes:row_delete", args=[published.pk, "ramme", item.pk]),
                label="row_delete",
            ),
        ],
        {
            "anonymous": LOGIN,
            "citizen": 404,
            "staff of another centre": 404,
            "staff of the centre": ALLOWED,
        },
        users,
    )
    assert cells == 20


def test_citizen_sees_a_case_only_when_participating(case):
    outsider, participant = UserFactory(), UserFactory()
    case.participants.add(participant)
    assert _client(outsider).get(reverse("processes:detail", args=[case.pk])).status_code == 404
    response = _client(participant).get(reverse("processes:detail", args=[case.pk]))
    assert response.status_code == 302  # on to "Min sag" (tests/cases)
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert not AccessLog.objects.filter(object_id=case.pk).exists()  # a redirect shows nothing
    case_file_for(case)
    assert _client(participant).get(response["Location"]).status_code == 200
    log = AccessLog.objects.get(object_id=case.pk)
    assert log.user == participant
    assert log.action == AccessLog.Action.VIEW


def test_other_staff_cannot_see_a_case_they_do_not_take_part_in(case):
    colleague_same_centre = StaffFactory(centre=case.centre)
    assert not can_view(colleague_same_centre, case)
    assert not can_edit(colleague_same_centre, case)
    assert can_view(case.responsible, case)


def test_draft_visible_to_staff_who_may_edit_it(draft):
    same_centre = StaffFactory(centre=draft.centre)
    other_centre = StaffFactory()
    assert can_view(same_centre, draft) and can_edit(same_centre, draft)
    assert not can_view(other_centre, draft) and not can_edit(other_centre, draft)
    # Their pages: test_who_sees_the_process_page.


def test_citizen_can_never_edit(published):
    assert not can_edit(UserFactory(), published)
    # Their pages: test_who_may_use_the_staff_pages.


def test_anonymous_is_sent_to_login_from_staff_pages(published):
    target = reverse("staff:processes:edit", args=[published.pk])
    response = _client().get(target)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={target}"


def test_staff_of_another_centre_gets_404_on_edit_and_actions(published):
    other = StaffFactory()
    client = _client(other)
    assert client.get(reverse("staff:processes:edit", args=[published.pk])).status_code == 404
    assert (
        client.post(
            reverse("staff:processes:edit", args=[published.pk]), {"title": "x"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("staff:processes:status", args=[published.pk]), {"status": "processing"}
        ).status_code
        == 404
    )
    item = published.frame_items.first()
    url = reverse("staff:processes:row_delete", args=[published.pk, "ramme", item.pk])
    assert client.post(url).status_code == 404
    assert published.frame_items.filter(pk=item.pk).exists()
    published.refresh_from_db()
    assert published.status == Process.Status.OPEN


def test_editable_processes_lists_own_centre_and_responsibility(draft, case):
    staff = StaffFactory(centre=draft.centre)
    own = complete_project(responsible=staff)
    assert set(editable_processes(staff)) == {draft, own}
    assert set(editable_processes(case.responsible)) >= {case}
    assert list(editable_processes(UserFactory())) == []
