"""The lifecycle and the timeline."""

from __future__ import annotations

import datetime

import pytest

from inddrag.processes import services
from inddrag.processes.models import Process
from tests.factories import ActivityFactory, PhaseFactory, ProcessFactory, complete_project, cph

pytestmark = pytest.mark.django_db

BEFORE = cph(2027, 1, 15, 12, 0)


def test_full_lifecycle(staff):
    process = complete_project()
    for status in ("published", "open", "processing", "decided", "closed"):
        if status == "decided":
            # A project is decided by recording the decision, not by the status button.
            with pytest.raises(services.TransitionRefused):
                services.change_status(
                    Process.objects.get(pk=process.pk), status, staff, now=BEFORE
                )
            milestone = process.milestones.get()
            services.record_decision(
                Process.objects.get(pk=process.pk),
                services.DecisionData(
                    body=milestone.body,
                    meeting_date=milestone.meeting_date,
                    agenda_title="Endelig vedtagelse",
                    text="Vedtaget.",
                ),
                staff,
                now=BEFORE,
            )
        else:
            services.change_status(Process.objects.get(pk=process.pk), status, staff, now=BEFORE)
        process.refresh_from_db()
        assert process.status == status
    assert process.published_at == BEFORE


def test_a_case_is_decided_with_the_status_button(staff):
    process = complete_project(kind="case", status="processing")
    services.change_status(Process.objects.get(pk=process.pk), "decided", staff, now=BEFORE)
    process.refresh_from_db()
    assert process.status == "decided"


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("draft", "open"),
        ("draft", "decided"),
        ("open", "draft"),
        ("closed", "open"),
        ("decided", "processing"),
        ("published", "nonsense"),
    ],
)
def test_invalid_transitions_are_refused(staff, start, target):
    process = complete_project(status=start)
    with pytest.raises(services.TransitionRefused):
        services.change_status(Process.objects.get(pk=process.pk), target, staff, now=BEFORE)
    process.refresh_from_db()
    assert process.status == start


def test_publishing_is_refused_while_a_blocker_remains(staff):
    process = ProcessFactory(influence_level="")
    with pytest.raises(services.TransitionRefused) as refusal:
        services.change_status(Process.objects.get(pk=process.pk), "published", staff, now=BEFORE)
    codes = {p.code for p in refusal.value.problems}
    assert {"p1_open_items", "p1_influence_level"} <= codes
    process.refresh_from_db()
    assert process.status == "draft" and process.published_at is None


def test_withdrawing_keeps_the_first_publication_date(staff):
    process = complete_project()
    services.change_status(Process.objects.get(pk=process.pk), "published", staff, now=BEFORE)
    services.change_status(Process.objects.get(pk=process.pk), "draft", staff, now=BEFORE)
    later = BEFORE + datetime.timedelta(days=1)
    services.change_status(Process.objects.get(pk=process.pk), "published", staff, now=later)
    process.refresh_from_db()
    assert process.published_at == BEFORE


def test_timeline_orders_entries_and_marks_you_are_here():
    process = complete_project()
    phase = PhaseFactory(
        process=process, starts_on=datetime.date(2027, 2, 1), ends_on=datetime.date(2027, 2, 28)
    )
    ActivityFactory(
        process=process,
        phase=phase,
        title="Workshop",
        starts_at=cph(2027, 2, 10, 17, 0),
        ends_at=cph(2027, 2, 10, 20, 0),
    )
    timeline = services.build_timeline(
        Process.objects.get(pk=process.pk), now=cph(2027, 2, 15, 12, 0)
    )
    kinds = [e.kind for e in timeline]
    assert kinds == ["phase", "activity", "milestone"]
    assert timeline[0].state == "current"
    assert [c.title for c in timeline[0].children] == ["Workshop"]
    assert timeline[0].children[0].state == "past"
    # Between entries, a "you are here" marker appears before the first future one.
    timeline = services.build_timeline(
        Process.objects.get(pk=process.pk), now=cph(2027, 4, 15, 12, 0)
    )
    assert [e.kind for e in timeline] == ["phase", "activity", "now", "milestone"]
