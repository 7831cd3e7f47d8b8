"""Who sees and edits what: anonymous, citizen, staff of the centre, staff of another centre."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inddrag.audit.models import AccessLog
from inddrag.processes.models import Process
from inddrag.processes.permissions import can_edit, can_view, editable_processes
from tests.factories import StaffFactory, UserFactory, complete_project

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


def test_anonymous_gets_404_for_drafts_and_cases(draft, case, published):
    client = _client()
    assert client.get(reverse("processes:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("processes:detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("processes:detail", args=[published.pk])).status_code == 200
    assert client.get(reverse("processes:detail", args=[999999])).status_code == 404


def test_citizen_sees_a_case_only_when_participating(case):
    outsider, participant = UserFactory(), UserFactory()
    case.participants.add(participant)
    assert _client(outsider).get(reverse("processes:detail", args=[case.pk])).status_code == 404
    response = _client(participant).get(reverse("processes:detail", args=[case.pk]))
    assert response.status_code == 200
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
    assert (
        _client(other_centre).get(reverse("processes:detail", args=[draft.pk])).status_code == 404
    )
    assert _client(same_centre).get(reverse("processes:detail", args=[draft.pk])).status_code == 200


def test_citizen_can_never_edit(published):
    citizen = UserFactory()
    assert not can_edit(citizen, published)
    assert (
        _client(citizen).get(reverse("staff:processes:edit", args=[published.pk])).status_code
        == 404
    )
    assert _client(citizen).get(reverse("staff:dashboard")).status_code == 404


def test_anonymous_is_sent_to_login_from_staff_pages(published):
    response = _client().get(reverse("staff:processes:edit", args=[published.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


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
