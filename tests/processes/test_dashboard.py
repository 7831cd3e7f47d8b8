"""The staff start page as a work queue, and processes handed over to another centre."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from inddrag.accounts.models import User
from inddrag.contributions.models import Flag
from inddrag.processes.models import Process
from tests.factories import (
    ActivityFactory,
    CentreFactory,
    MilestoneFactory,
    ProcessFactory,
    StaffFactory,
    complete_project,
    cph,
)
from tests.factories.contributions import submitted

pytestmark = pytest.mark.django_db


def _titles(html: str) -> list[str]:
    """The process titles of the queue, in the order shown."""
    return re.findall(r'<a href="/personale/forloeb/\d+/">([^<]+)</a>', html)


def test_what_needs_doing_first_comes_first(staff, staff_client):
    quiet = complete_project(responsible=staff, centre=staff.centre, title="Stille forløb")
    busy = complete_project(responsible=staff, centre=staff.centre, title="Travlt forløb")
    submitted(busy, "Ring til mig på 12 34 56 78.")  # a phone number: flagged, unanswered
    ProcessFactory(responsible=staff, centre=staff.centre, title="Mangler alt", influence_level="")
    html = staff_client.get(reverse("staff:dashboard")).content.decode()
    assert _titles(html) == ["Mangler alt", "Travlt forløb", "Stille forløb"]
    assert quiet.title in html


def test_waiting_contributions_link_to_the_inbox_filtered_that_way(staff, staff_client):
    process = complete_project(responsible=staff, centre=staff.centre)
    flagged = submitted(process, "Mit nummer er 12 34 56 78.")
    submitted(process, "Flere træer, tak.")
    assert flagged.flags.filter(resolution=Flag.Resolution.OPEN).exists()
    html = staff_client.get(reverse("staff:dashboard")).content.decode()
    inbox = reverse("staff:contributions:inbox", args=[process.pk])
    assert f'href="{inbox}?state=flagged">1 markeret af screeningen' in html
    assert f'href="{inbox}?state=review">2 nye, der skal læses' in html
    assert f'href="{inbox}?state=unanswered">2 ikke besvaret' in html


def test_next_deadline_and_next_meeting(staff, staff_client):
    process = ProcessFactory(responsible=staff, centre=staff.centre)
    now = timezone.now()
    day = timezone.localdate() + datetime.timedelta(days=10)
    ActivityFactory(
        process=process,
        starts_at=now - datetime.timedelta(days=1),
        ends_at=cph(day.year, day.month, day.day, 12, 0),
    )
    MilestoneFactory(process=process, meeting_date=now.date() - datetime.timedelta(days=30))
    later = MilestoneFactory(process=process, meeting_date=now.date() + datetime.timedelta(days=40))
    html = staff_client.get(reverse("staff:dashboard")).content.decode()
    assert later.body.name in html
    assert "kl. 12.00" in html


def test_a_process_handed_to_another_centre_says_where_it_went(staff, staff_client):
    colleague = StaffFactory(centre=CentreFactory(name="Center for Miljø og Teknik"))
    data = {
        "title": "Ny cykelsti langs Ballerup Boulevard",
        "summary": "Hvor skal cykelstien gå?",
        "centre": colleague.centre.pk,
        "responsible": colleague.pk,
        "proportionality": "standard",
        "used_hours": "0",
        "review_before_publishing": "on",
    }
    response = staff_client.post(reverse("staff:processes:create"), data, follow=True)
    process = Process.objects.get()
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("staff:dashboard")
    assert "tilhører nu" in html and colleague.display_name in html
    assert "Center for Miljø og Teknik" in html
    assert 'id="handed-over-heading"' in html
    assert staff_client.get(reverse("staff:processes:edit", args=[process.pk])).status_code == 404


def test_the_administrator_is_not_offered_as_responsible(staff, staff_client):
    User.objects.create_superuser("admin", "admin@example.dk", "x", role=User.Role.STAFF)
    response = staff_client.get(reverse("staff:processes:create"))
    choices = [label for _value, label in response.context["form"].fields["responsible"].choices]
    assert all("admin" not in str(label) for label in choices)
    assert any(staff.display_name in str(label) for label in choices)
