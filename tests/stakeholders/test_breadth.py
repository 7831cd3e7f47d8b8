"""Breadth — who took part: the hearing list by type (by name on the public page), contributions
next to the population, the privacy threshold (the public page leaves small groups out; staff see
the real counts, marked), the staff page and the public section."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from inddrag.contributions.models import AgeBand, SpeakingAs
from inddrag.principles.plan import load_plan
from inddrag.processes.models import Process
from inddrag.stakeholders.breadth import MIN_GROUP, Bar, breadth, suppress
from inddrag.stakeholders.models import HearingListEntry, PopulationFigure, Stakeholder
from tests.factories import DistrictFactory, ProcessFactory, StaffFactory, complete_project
from tests.factories.contributions import ContributionFactory
from tests.factories.stakeholders import StakeholderFactory

pytestmark = pytest.mark.django_db
Entry = HearingListEntry


@pytest.fixture
def districts():
    return [
        DistrictFactory(name="Ballerup", postcode="2750", order=1),
        DistrictFactory(name="Skovlunde", postcode="2740", order=2),
        DistrictFactory(name="Måløv", postcode="2760", order=3),
    ]


@pytest.fixture
def population(districts):
    ballerup, skovlunde, maaloev = districts
    rows = [(ballerup, 6000), (skovlunde, 3000), (maaloev, 1000)]
    for year, factor in ((2023, 2), (2025, 1)):  # only the latest year counts
        for district, count in rows:
            for band in (AgeBand.AGE_18_29, AgeBand.AGE_65_79):
                PopulationFigure.objects.create(
                    district=district,
                    age_band=band,
                    count=count * factor // 2,
                    year=year,
                    source="Danmarks Statistik, FOLK1A",
                )
    return districts


@pytest.fixture
def process(staff):
    return complete_project(status=Process.Status.OPEN, centre=staff.centre, responsible=staff)


def contribute(process, n, **kwargs):
    return [ContributionFactory(process=process, **kwargs) for _ in range(n)]


def bars(chart) -> dict[str, Bar]:
    return {bar.label: bar for bar in chart.bars}


# --- The privacy threshold ----------------------------------------------------------------------


def test_the_threshold_is_five():
    assert MIN_GROUP == 5


@pytest.mark.parametrize(("count", "hidden"), [(0, True), (1, True), (4, True), (5, False)])
def test_a_group_under_five_is_hidden(count, hidden):
    found = suppress([Bar("a", "A", count, 100), Bar("b", "B", 20, 100), Bar("c", "C", 0, 100)])
    assert found[0].hidden is hidden
    assert found[0].shown_count == (None if hidden else count)
    assert (found[0].share is None) is hidden
    assert found[0].width == 0 or not hidden


def test_one_hidden_group_hides_the_next_smallest_so_it_cannot_be_worked_out():
    found = suppress(
        [Bar("a", "A", 3, 40, index=0), Bar("b", "B", 7, 40, index=1), Bar("c", "C", 30, 40)]
    )
    assert [bar.hidden for bar in found] == [True, True, False]


def test_hidden_groups_never_reach_the_public_page_but_staff_see_them(
    process, population, staff_client, client
):
    ballerup, skovlunde, maaloev = population
    contribute(process, 6, district=ballerup, speaking_as=SpeakingAs.PRIVATE)
    contribute(process, 5, district=skovlunde, speaking_as=SpeakingAs.PRIVATE)
    contribute(process, 4, district=maaloev, speaking_as=SpeakingAs.BUSINESS)
    result = breadth(process)
    by_district = bars(result.district)
    assert by_district["Måløv"].hidden and by_district["Skovlunde"].hidden  # complementary
    assert not by_district["Ballerup"].hidden
    assert bars(result.speaking_as)["Virksomhed"].hidden

    public = client.get(process.get_absolute_url()).content.decode()
    section = public.split('id="breadth-heading"', 1)[1].split("</section>", 1)[0]
    assert "Ballerup" in section
    assert "Måløv" not in section and "Skovlunde" not in section and "Virksomhed" not in section
    assert "færre end" not in section  # not a number, not "fewer than": not there at all

    html = staff_client.get(
        reverse("staff:stakeholders:breadth", args=[process.pk])
    ).content.decode()
    # Staff see the real counts of the groups left out publicly, marked as such.
    assert "Måløv: 4 bidrag, 27 % (vises ikke offentligt)" in html
    assert '<td class="numeric">4</td>' in html
    assert html.count("vises ikke offentligt") >= 3


# --- Numbers ------------------------------------------------------------------------------------


def test_shares_next_to_the_latest_population(process, population):
    ballerup, skovlunde, _maaloev = population
    contribute(process, 10, district=ballerup, age_band=AgeBand.AGE_65_79)
    contribute(process, 10, district=skovlunde, age_band=AgeBand.AGE_65_79)
    contribute(process, 5, district=None, age_band="")
    result = breadth(process)
    assert result.total == 25
    assert result.population_year == 2025
    assert result.population_sources == ["Danmarks Statistik, FOLK1A"]
    district = bars(result.district)
    assert district["Ballerup"].share == pytest.approx(40)
    assert district["Ballerup"].population_share == pytest.approx(60)
    assert district["Skovlunde"].population_share == pytest.approx(30)
    assert district["Måløv"].hidden and district["Måløv"].population_share == pytest.approx(10)
    assert district["Ikke oplyst"].count == 5 and district["Ikke oplyst"].population_share is None
    age = bars(result.age)
    assert age["65–79"].share == pytest.approx(80)
    assert age["65–79"].population_share == pytest.approx(50)
    assert age["Under 18"].population_share == pytest.approx(0)


def test_without_population_figures_nothing_is_compared(process, districts):
    contribute(process, 5, district=districts[0])
    result = breadth(process)
    assert result.population_year is None
    assert not result.district.compares_population
    assert bars(result.district)["Ballerup"].population_share is None


def test_invited_and_answered_by_type(process):
    council = StakeholderFactory(name="Seniorrådet", type=Stakeholder.Type.COUNCIL)
    club = StakeholderFactory(name="Skovlunde Boldklub", type=Stakeholder.Type.ASSOCIATION)
    quiet = StakeholderFactory(name="Måløv Borgerforening", type=Stakeholder.Type.ASSOCIATION)
    ignored = StakeholderFactory(name="Erhvervsforeningen", type=Stakeholder.Type.BUSINESS)
    now = timezone.now()
    for stakeholder in (council, club, quiet):
        Entry.objects.create(
            process=process,
            stakeholder=stakeholder,
            reason=Entry.Reason.SHOULD,
            state=Entry.State.ACCEPTED,
            invited_at=None if stakeholder is quiet else now,
        )
    Entry.objects.create(
        process=process, stakeholder=ignored, reason=Entry.Reason.BEYOND, state="dismissed"
    )
    contribute(process, 2, stakeholder=club, speaking_as=SpeakingAs.ASSOCIATION)
    ContributionFactory(stakeholder=council)  # another process's contribution does not count
    plan = load_plan(process.pk)
    for result in (breadth(process), breadth(plan.process, plan.hearing_list)):
        rows = {row.type: (row.on_list, row.invited, row.answered) for row in result.by_type}
        assert rows == {"council": (1, 1, 0), "association": (2, 1, 1)}
        assert (result.on_list, result.answered) == (3, 1)


def test_public_breadth_leaves_out_internal_contributions(process, districts):
    contribute(process, 5, speaking_as=SpeakingAs.EMPLOYEE, internal=True)
    contribute(process, 5, speaking_as=SpeakingAs.PRIVATE)
    assert breadth(process).total == 10
    public = breadth(process, public=True)
    assert public.total == 5
    assert bars(public.speaking_as)["Medarbejder eller MED-udvalg"].hidden


@pytest.mark.parametrize("rows", [10, 300])
def test_breadth_costs_a_fixed_number_of_queries(
    process, population, rows, django_assert_num_queries
):
    ballerup = population[0]
    for _i in range(rows):
        ContributionFactory(process=process, district=ballerup, age_band=AgeBand.AGE_18_29)
    for _i in range(rows // 10):
        stakeholder = StakeholderFactory(type=Stakeholder.Type.ASSOCIATION)
        Entry.objects.create(process=process, stakeholder=stakeholder, reason="should")
    plan = load_plan(process.pk)
    with django_assert_num_queries(2):
        breadth(plan.process, plan.hearing_list)
    plain = Process.objects.get(pk=process.pk)
    with django_assert_num_queries(3):
        breadth(plain)


# --- The staff page -----------------------------------------------------------------------------


def test_staff_page_has_charts_with_a_text_alternative(process, population, staff_client):
    contribute(process, 6, district=population[0], age_band=AgeBand.AGE_18_29)
    response = staff_client.get(reverse("staff:stakeholders:breadth", args=[process.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 3
    assert 'aria-label="Bidrag fordelt på bydel. Ballerup: 6 bidrag, 100 %' in html
    assert html.count("<table") >= 3
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]


def test_only_staff_who_may_edit_see_the_page(process):
    url = reverse("staff:stakeholders:breadth", args=[process.pk])
    other = Client()
    other.force_login(StaffFactory())  # another centre
    assert other.get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


def test_edit_page_links_to_breadth(process, staff_client):
    html = staff_client.get(reverse("staff:processes:edit", args=[process.pk])).content.decode()
    assert reverse("staff:stakeholders:breadth", args=[process.pk]) in html


# --- The public page ----------------------------------------------------------------------------


def test_public_page_shows_groups_of_five_or_more_and_the_hearing_list_by_name(process, population):
    contribute(process, 7, district=population[0], speaking_as=SpeakingAs.PRIVATE)
    contribute(process, 2, district=population[1], speaking_as=SpeakingAs.BUSINESS)
    # A third group, so that hiding the small one (and, to protect it, the next smallest)
    # still leaves one group to show.
    contribute(process, 5, district=population[2], speaking_as=SpeakingAs.ASSOCIATION)
    council = StakeholderFactory(name="Seniorrådet", type=Stakeholder.Type.COUNCIL)
    club = StakeholderFactory(name="Skovlunde Boldklub", type=Stakeholder.Type.ASSOCIATION)
    for stakeholder in (council, club):
        Entry.objects.create(
            process=process, stakeholder=stakeholder, reason="must", state=Entry.State.ACCEPTED
        )
    ContributionFactory(
        process=process,
        stakeholder=club,
        speaking_as=SpeakingAs.ASSOCIATION,
        district=population[2],
    )
    html = Client().get(process.get_absolute_url()).content.decode()
    section = html.split('id="breadth-heading"', 1)[1].split("</section>", 1)[0]
    assert "Hvem deltog?" in html
    assert "Privatperson" in section and "Ballerup" in section
    assert "Virksomhed" not in section and "Skovlunde</text>" not in section  # under five
    # Organisations and councils are public by name (as in the API), with whether they answered.
    with translation.override("da"):
        assert f"<strong>{Stakeholder.Type.COUNCIL.label}:</strong> Seniorrådet" in section
    assert 'Skovlunde Boldklub <span class="answered-tag">(har svaret)</span>' in section
    assert "2 organisationer, råd og enheder er på høringslisten; 1 har svaret." in section


def test_no_breadth_section_before_the_process_opens_or_on_a_case(staff):
    published = complete_project(status=Process.Status.PUBLISHED)
    assert "breadth-heading" not in Client().get(published.get_absolute_url()).content.decode()
    case = ProcessFactory(kind=Process.Kind.CASE, status=Process.Status.OPEN, responsible=staff)
    client = Client()
    client.force_login(staff)
    assert "breadth-heading" not in client.get(case.get_absolute_url()).content.decode()


def test_population_year_is_shown(process, population):
    contribute(process, 5, district=population[0])
    html = Client().get(process.get_absolute_url()).content.decode()
    assert str(datetime.date(2025, 1, 1).year) in html


def test_hidden_groups_can_never_be_worked_out_from_the_total():
    from inddrag.stakeholders.breadth import Bar, suppress

    def bars(*counts):
        total = sum(counts)
        return [
            Bar(key=str(i), label=str(i), count=c, total=total, index=i)
            for i, c in enumerate(counts)
        ]

    # 7 and 2: showing 7 would reveal the 2 (total minus 7), so both are hidden.
    assert [b.hidden for b in suppress(bars(7, 2))] == [True, True]
    # 0 and 3 hidden (sum 3): the next smallest (6) is hidden too; 20 stays.
    assert [b.hidden for b in suppress(bars(20, 0, 3, 6))] == [False, True, True, True]
    # Hidden groups holding 5 or more together are safe as they are.
    assert [b.hidden for b in suppress(bars(20, 4, 3))] == [False, True, True]
    # Nothing hidden but zeros: nothing to protect.
    assert [b.hidden for b in suppress(bars(9, 0))] == [False, True]


def test_staff_page_of_a_process_without_contributions_says_none(process, population, staff_client):
    html = staff_client.get(
        reverse("staff:stakeholders:breadth", args=[process.pk])
    ).content.decode()
    assert "( %)" not in html and "vises ikke offentligt</text>" not in html
    assert "Ballerup: ingen bidrag" in html
