"""Suggestions for the hearing list, ranked as specified, on hand-made cases (issue 5, §2)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from inddrag.contributions.models import Contribution, SpeakingAs
from inddrag.stakeholders.models import HearingListEntry, Stakeholder
from inddrag.stakeholders.suggestions import suggest
from tests.factories import CentreFactory, DistrictFactory, ProcessFactory
from tests.factories.stakeholders import HearingDutyFactory, StakeholderFactory, TopicFactory

pytestmark = pytest.mark.django_db

T = Stakeholder.Type


def took_part(stakeholder, process) -> None:
    Contribution.objects.create(
        process=process,
        text="Vores høringssvar.",
        speaking_as=SpeakingAs.ASSOCIATION,
        consent="name",
        received_at=timezone.now(),
        stakeholder=stakeholder,
    )


@pytest.fixture
def world():
    maalov = DistrictFactory(name="Måløv", postcode="2760")
    skovlunde = DistrictFactory(name="Skovlunde", postcode="2740")
    whole = DistrictFactory(name="Hele kommunen", postcode="", is_whole_municipality=True)
    traffic = TopicFactory(name="Trafik")
    elderly = TopicFactory(name="Ældre")
    health = TopicFactory(name="Sundhed")
    school = TopicFactory(name="Skole")
    elderly.related.add(health)
    process = ProcessFactory(title="Ny rundkørsel i Måløv")
    process.topic_tags.set([traffic, elderly])
    process.districts.set([maalov])
    return {
        "process": process,
        "maalov": maalov,
        "skovlunde": skovlunde,
        "whole": whole,
        "traffic": traffic,
        "elderly": elderly,
        "health": health,
        "school": school,
    }


def rows(process, **kwargs) -> list[tuple[str, str, str]]:
    return [(s.stakeholder.name, s.reason, s.why) for s in suggest(process, **kwargs)]


def test_must_should_and_beyond_ranked_with_reasons(world):
    w = world
    HearingDutyFactory(
        stakeholder=StakeholderFactory(name="Seniorrådet", type=T.COUNCIL),
        topics=[w["elderly"]],
        legal_basis="Retssikkerhedsloven § 30",
    )
    HearingDutyFactory(
        stakeholder=StakeholderFactory(name="Gammelt råd", type=T.COUNCIL, active=False),
        topics=[w["elderly"]],
    )
    StakeholderFactory(
        name="Måløv Lokalråd", type=T.COUNCIL, districts=[w["maalov"]], topics=[w["traffic"]]
    )
    StakeholderFactory(name="Cyklistforeningen", type=T.ASSOCIATION, topics=[w["traffic"]])
    StakeholderFactory(name="Erhvervsforum", type=T.BUSINESS, districts=[w["whole"]])
    StakeholderFactory(
        name="Skovlunde Skolebestyrelse",
        type=T.BOARD,
        districts=[w["skovlunde"]],
        topics=[w["school"]],
    )
    StakeholderFactory(
        name="Sundhedsplejen",
        type=T.DISCIPLINE,
        topics=[w["health"]],
        centre=CentreFactory(name="Center for Sundhed"),
    )
    housing = StakeholderFactory(name="Boligselskabet Vest", type=T.BUSINESS)
    earlier = ProcessFactory(title="Trafikplan 2025")
    earlier.topic_tags.set([w["traffic"]])
    took_part(housing, earlier)

    assert rows(w["process"]) == [
        ("Seniorrådet", "must", "Lovpligtig: Retssikkerhedsloven § 30"),
        ("Måløv Lokalråd", "should", "Samme bydel: Måløv; Samme emne: Trafik"),
        ("Cyklistforeningen", "should", "Samme emne: Trafik"),
        ("Erhvervsforum", "should", "Dækker hele kommunen"),
        # Took part in a similar process (strong) before a related topic with every bonus.
        ("Boligselskabet Vest", "beyond", "Deltog i 1 lignende forløb: „Trafikplan 2025“"),
        (
            "Sundhedsplejen",
            "beyond",
            "Beslægtet emne: Sundhed; Ny type på listen: Faglighed; "
            "Andet center: Center for Sundhed",
        ),
    ]


def test_should_is_ranked_by_overlap(world):
    w = world
    StakeholderFactory(name="A-forening", topics=[w["traffic"]])
    StakeholderFactory(name="B-forening", topics=[w["traffic"], w["elderly"]])
    StakeholderFactory(name="C-forening", districts=[w["maalov"]], topics=[w["traffic"]])
    StakeholderFactory(
        name="D-forening", districts=[w["maalov"]], topics=[w["traffic"], w["elderly"]]
    )
    assert [name for name, *_ in rows(w["process"])] == [
        "D-forening",
        "B-forening",
        "C-forening",
        "A-forening",
    ]


def test_a_type_not_yet_on_the_list_breaks_the_tie(world):
    w = world
    StakeholderFactory(name="Cyklistforeningen", type=T.ASSOCIATION, topics=[w["traffic"]])
    StakeholderFactory(name="Aforeningen for sundhed", type=T.ASSOCIATION, topics=[w["health"]])
    StakeholderFactory(name="Zundhedsfirma", type=T.BUSINESS, topics=[w["health"]])
    beyond = [s for s in suggest(w["process"]) if s.reason == "beyond"]
    assert [s.stakeholder.name for s in beyond] == ["Zundhedsfirma", "Aforeningen for sundhed"]
    assert "Ny type på listen: Virksomhed" in beyond[0].why
    assert "Ny type" not in beyond[1].why


def test_types_already_accepted_get_no_bonus(world):
    w = world
    firm = StakeholderFactory(name="Firma", type=T.BUSINESS)
    HearingListEntry.objects.create(
        process=w["process"], stakeholder=firm, reason="manual", state="accepted"
    )
    StakeholderFactory(name="Sundhedsfirma", type=T.BUSINESS, topics=[w["health"]])
    (s,) = [s for s in suggest(w["process"]) if s.reason == "beyond"]
    assert s.why == "Beslægtet emne: Sundhed"


def test_only_a_bonus_is_no_reason_and_the_best_n_are_kept(world):
    w = world
    StakeholderFactory(name="Uden forbindelse", type=T.AUTHORITY)
    for n in range(12):
        StakeholderFactory(name=f"Forening {n:02d}", topics=[w["health"]])
    beyond = [s for s in suggest(w["process"], limit=8) if s.reason == "beyond"]
    assert len(beyond) == 8
    assert "Uden forbindelse" not in [s.stakeholder.name for s in beyond]
    assert [s.stakeholder.name for s in beyond] == [f"Forening {n:02d}" for n in range(8)]


def test_no_topics_no_must_and_no_beyond(world):
    w = world
    w["process"].topic_tags.clear()
    HearingDutyFactory(stakeholder=StakeholderFactory(name="Seniorrådet"), topics=[w["elderly"]])
    StakeholderFactory(name="Sundhedsplejen", topics=[w["health"]])
    assert rows(w["process"]) == []


def test_deterministic(world):
    w = world
    for n in range(5):
        StakeholderFactory(name=f"Forening {n}", topics=[w["traffic"]])
    assert rows(w["process"]) == rows(w["process"])


@pytest.mark.parametrize("n", [5, 300])
def test_query_count_does_not_grow(world, django_assert_num_queries, n):
    w = world
    for i in range(n):
        StakeholderFactory(
            name=f"Interessent {i}",
            type=T.BUSINESS if i % 2 else T.ASSOCIATION,
            topics=[w["traffic"] if i % 3 else w["health"]],
            districts=[w["maalov"]] if i % 5 == 0 else [],
        )
    HearingDutyFactory(topics=[w["elderly"]])
    with django_assert_num_queries(9):
        suggest(w["process"])
