"""The principle 5 checks that read the hearing list: statutory stakeholders, "look beyond",
one internal discipline and one group outside the municipality."""

from __future__ import annotations

import pytest

from inddrag.principles.checks import run_checks
from inddrag.principles.plan import load_plan
from inddrag.processes.models import Process, Proportionality, TargetGroup
from inddrag.stakeholders.models import HearingListEntry, Stakeholder
from tests.factories import ProcessFactory, add_target_groups, complete_project, cph
from tests.factories.stakeholders import HearingDutyFactory, StakeholderFactory, TopicFactory

pytestmark = pytest.mark.django_db

NOW = cph(2027, 1, 15, 12, 0)
Entry = HearingListEntry


def results(process: Process, code: str):
    fresh = load_plan(process.pk)
    return [r for r in run_checks(fresh, now=NOW) if r.code == code]


def severities(process: Process, code: str) -> list[str]:
    return [r.severity for r in results(process, code)]


def entry(process, stakeholder, reason=Entry.Reason.SHOULD, state=Entry.State.ACCEPTED, **kw):
    return Entry.objects.create(
        process=process, stakeholder=stakeholder, reason=reason, state=state, **kw
    )


@pytest.fixture
def elderly():
    return TopicFactory(name="Ældre")


@pytest.fixture
def seniorraad(elderly):
    duty = HearingDutyFactory(
        stakeholder=StakeholderFactory(name="Seniorrådet", type=Stakeholder.Type.COUNCIL),
        topics=[elderly],
        legal_basis="Retssikkerhedsloven § 30",
    )
    return duty.stakeholder


# --- Statutory stakeholders ---------------------------------------------------------------------


def test_no_matching_duty_reports_nothing(seniorraad):
    process = ProcessFactory()
    process.topic_tags.add(TopicFactory(name="Trafik"))
    assert severities(process, "p5_statutory") == []


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Process.Status.DRAFT, "warning"),
        (Process.Status.PUBLISHED, "warning"),
        (Process.Status.OPEN, "blocker"),
        (Process.Status.PROCESSING, "warning"),
        (Process.Status.DECIDED, "warning"),
        (Process.Status.CLOSED, "warning"),
    ],
)
def test_a_missing_statutory_stakeholder_blocks_while_the_process_is_open(
    seniorraad, elderly, status, expected
):
    process = ProcessFactory(status=status)
    process.topic_tags.add(elderly)
    found = results(process, "p5_statutory")
    assert [r.severity for r in found] == [expected]
    assert "Seniorrådet" in found[0].message
    assert ("Genåbn" in found[0].message) is (status not in ("draft", "published", "open"))


@pytest.mark.parametrize("state", [Entry.State.SUGGESTED, Entry.State.DISMISSED])
def test_suggested_or_dismissed_is_not_invited(seniorraad, elderly, state):
    process = ProcessFactory(status=Process.Status.OPEN)
    process.topic_tags.add(elderly)
    entry(process, seniorraad, Entry.Reason.MUST, state, dismiss_reason="Ikke relevant")
    assert severities(process, "p5_statutory") == ["blocker"]


def test_accepted_statutory_stakeholder_is_ok_and_public(seniorraad, elderly):
    process = ProcessFactory(status=Process.Status.OPEN)
    process.topic_tags.add(elderly, TopicFactory(name="Sundhed"))
    entry(process, seniorraad, Entry.Reason.MUST)
    found = results(process, "p5_statutory")
    assert [(r.severity, r.public) for r in found] == [("ok", True)]


def test_each_missing_stakeholder_is_named_once(seniorraad, elderly):
    health = TopicFactory(name="Sundhed")
    HearingDutyFactory(stakeholder=seniorraad, topics=[health], legal_basis="Sundhedsloven")
    handicap = StakeholderFactory(name="Handicaprådet", type=Stakeholder.Type.COUNCIL)
    HearingDutyFactory(stakeholder=handicap, topics=[elderly, health])
    process = ProcessFactory(status=Process.Status.PUBLISHED)
    process.topic_tags.add(elderly, health)
    messages = [r.message for r in results(process, "p5_statutory")]
    assert len(messages) == 2
    assert "Handicaprådet" in messages[0] and "Seniorrådet" in messages[1]
    entry(process, handicap, Entry.Reason.MUST)
    assert [r.severity for r in results(process, "p5_statutory")] == ["warning"]


def test_an_inactive_stakeholder_is_not_required(seniorraad, elderly):
    Stakeholder.objects.filter(pk=seniorraad.pk).update(active=False)
    process = ProcessFactory(status=Process.Status.OPEN)
    process.topic_tags.add(elderly)
    assert severities(process, "p5_statutory") == []


def test_cases_have_no_hearing_list_checks(seniorraad, elderly):
    process = ProcessFactory(kind=Process.Kind.CASE, status=Process.Status.OPEN)
    process.topic_tags.add(elderly)
    for code in ("p5_statutory", "p5_look_beyond", "p5_outside"):
        assert severities(process, code) == []


# --- Look beyond --------------------------------------------------------------------------------


def test_look_beyond_needs_one_suggestion_considered():
    process = ProcessFactory(proportionality=Proportionality.STANDARD)
    assert severities(process, "p5_look_beyond") == []  # nothing suggested: nothing to consider
    first = entry(process, StakeholderFactory(), Entry.Reason.BEYOND, Entry.State.SUGGESTED)
    entry(process, StakeholderFactory(), Entry.Reason.SHOULD, Entry.State.ACCEPTED)
    assert severities(process, "p5_look_beyond") == ["warning"]
    first.state = Entry.State.DISMISSED
    first.dismiss_reason = "   "
    first.save()
    assert severities(process, "p5_look_beyond") == ["warning"]  # a dismissal needs a reason
    first.dismiss_reason = "Deltog sidste år uden at svare"
    first.save()
    assert severities(process, "p5_look_beyond") == []
    first.state = Entry.State.ACCEPTED
    first.dismiss_reason = ""
    first.save()
    assert severities(process, "p5_look_beyond") == []


def test_look_beyond_is_not_asked_of_a_light_process():
    process = ProcessFactory(proportionality=Proportionality.LIGHT)
    entry(process, StakeholderFactory(), Entry.Reason.BEYOND, Entry.State.SUGGESTED)
    assert severities(process, "p5_look_beyond") == []


# --- One internal discipline and one group outside ----------------------------------------------


@pytest.mark.parametrize("proportionality", [Proportionality.STANDARD, Proportionality.EXTENSIVE])
def test_an_internal_stakeholder_counts_as_a_discipline(proportionality):
    process = ProcessFactory(proportionality=proportionality)
    add_target_groups(process, TargetGroup.CITIZENS, TargetGroup.BOARDS)
    assert severities(process, "p5_employees") == ["warning"]
    discipline = StakeholderFactory(name="Vej og Park", type=Stakeholder.Type.DISCIPLINE)
    suggested = entry(process, discipline, state=Entry.State.SUGGESTED)
    assert severities(process, "p5_employees") == ["warning"]
    suggested.state = Entry.State.ACCEPTED
    suggested.save()
    assert severities(process, "p5_employees") == []


@pytest.mark.parametrize("kind", sorted(Stakeholder.INTERNAL_TYPES))
def test_every_internal_type_counts(kind):
    process = ProcessFactory()
    entry(process, StakeholderFactory(type=kind))
    assert severities(process, "p5_employees") == []
    assert severities(process, "p5_outside") == ["warning"]


def test_outside_group_from_target_groups_or_hearing_list():
    process = ProcessFactory()
    add_target_groups(process, TargetGroup.EMPLOYEES, TargetGroup.COUNCILS, TargetGroup.BOARDS)
    assert severities(process, "p5_outside") == ["warning"]
    entry(process, StakeholderFactory(type=Stakeholder.Type.CENTRE))
    assert severities(process, "p5_outside") == ["warning"]  # a centre is inside
    entry(process, StakeholderFactory(type=Stakeholder.Type.BUSINESS))
    assert severities(process, "p5_outside") == []


@pytest.mark.parametrize(
    "group",
    [
        TargetGroup.CITIZENS,
        TargetGroup.BUSINESSES,
        TargetGroup.ASSOCIATIONS,
        TargetGroup.AUTHORITIES,
    ],
)
def test_outside_target_groups(group):
    process = ProcessFactory()
    add_target_groups(process, group)
    assert severities(process, "p5_outside") == []


def test_light_process_needs_neither():
    process = ProcessFactory(proportionality=Proportionality.LIGHT)
    assert severities(process, "p5_employees") == []
    assert severities(process, "p5_outside") == []


def test_the_complete_project_passes_every_p5_check():
    process = complete_project()
    found = [r for r in run_checks(load_plan(process.pk), now=NOW)]
    assert [r.code for r in found if r.principle == 5 and r.severity != "ok"] == []


def test_the_p5_checks_cost_no_queries(seniorraad, elderly, django_assert_num_queries):
    process = complete_project(status=Process.Status.OPEN)
    process.topic_tags.add(elderly)
    for _n in range(5):
        entry(process, StakeholderFactory(), Entry.Reason.BEYOND, Entry.State.SUGGESTED)
    entry(process, StakeholderFactory(type=Stakeholder.Type.MED))
    fresh = load_plan(process.pk)
    with django_assert_num_queries(0):
        found = run_checks(fresh, now=NOW)
    assert {r.code for r in found if r.severity != "ok"} >= {"p5_statutory", "p5_look_beyond"}


def test_opening_is_refused_while_a_statutory_stakeholder_is_missing(db):
    from inddrag.processes import services
    from inddrag.processes.models import Process
    from inddrag.stakeholders.models import HearingListEntry
    from tests.factories import StaffFactory, complete_project
    from tests.factories.stakeholders import HearingDutyFactory, StakeholderFactory, TopicFactory

    topic = TopicFactory(name="Ældre (test)")
    council = StakeholderFactory(name="Seniorrådet (test)", type="council")
    duty = HearingDutyFactory(stakeholder=council, legal_basis="Retssikkerhedsloven § 30")
    duty.topics.add(topic)
    process = complete_project(status=Process.Status.PUBLISHED)
    process.topic_tags.add(topic)
    staff = StaffFactory()
    with pytest.raises(services.TransitionRefused) as refusal:
        services.change_status(Process.objects.get(pk=process.pk), "open", staff)
    assert "p5_statutory" in {p.code for p in refusal.value.problems}
    HearingListEntry.objects.create(
        process=process, stakeholder=council, reason="must", state="accepted"
    )
    services.change_status(Process.objects.get(pk=process.pk), "open", staff)
    process.refresh_from_db()
    assert process.status == Process.Status.OPEN
