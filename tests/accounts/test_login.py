"""Logging in lands each person somewhere they can see: staff on their work queue, a citizen on
the front page with their own cases — never on a staff page that answers 404."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inddrag.processes.models import Process
from tests.factories import ProcessFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "hemmelig-kode-1"


def _log_in(user, **extra) -> tuple[Client, object]:
    client = Client()
    response = client.post(
        reverse("accounts:login") + extra.pop("query", ""),
        {"username": user.username, "password": PASSWORD},
    )
    return client, response


def test_staff_land_on_their_work_queue():
    _client, response = _log_in(StaffFactory())
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:dashboard")


def test_a_citizen_lands_on_the_front_page_with_their_cases():
    citizen = UserFactory()
    case = ProcessFactory(kind=Process.Kind.CASE, title="Din sag om hjælpemidler")
    case.participants.add(citizen)
    ProcessFactory(kind=Process.Kind.CASE, title="En andens sag")
    client, response = _log_in(citizen)
    assert response["Location"] == reverse("processes:home")
    html = client.get(response["Location"]).content.decode()
    assert "Dine sager" in html
    assert reverse("cases:detail", args=[case.pk]) in html  # "Min sag"
    assert "Din sag om hjælpemidler" in html
    assert "En andens sag" not in html


def test_the_front_page_lists_no_cases_for_anyone_else():
    ProcessFactory(kind=Process.Kind.CASE, title="Din sag om hjælpemidler")
    assert "Dine sager" not in Client().get("/").content.decode()
    client, _ = _log_in(UserFactory())
    assert "Dine sager" not in client.get("/").content.decode()


def test_the_page_asked_for_comes_first():
    case = ProcessFactory(kind=Process.Kind.CASE)
    _client, response = _log_in(UserFactory(), query=f"?next={case.get_absolute_url()}")
    assert response["Location"] == case.get_absolute_url()
    # Never another site.
    _client, response = _log_in(UserFactory(), query="?next=https://example.com/")
    assert response["Location"] == reverse("processes:home")
