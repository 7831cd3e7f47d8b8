"""The staff pages of the stakeholder registry, and the demo seed."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from inddrag.audit.models import AccessLog
from inddrag.contributions.models import AgeBand
from inddrag.demo.management.commands import seed_demo
from inddrag.demo.stakeholders import seed_stakeholders
from inddrag.processes.models import Process
from inddrag.stakeholders.models import HearingDuty, PopulationFigure, Stakeholder, Topic
from tests.factories import CentreFactory, DistrictFactory
from tests.factories.stakeholders import HearingDutyFactory, StakeholderFactory, TopicFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"staff:stakeholders:{name}", args=args)


def test_list_url():
    assert url("list") == "/personale/interessenter/"


# --- Permissions --------------------------------------------------------------------------------


@pytest.fixture
def stakeholder():
    return StakeholderFactory(name="Seniorrådet", type=Stakeholder.Type.COUNCIL)


def _urls(stakeholder):
    duty = HearingDutyFactory(stakeholder=stakeholder)
    return [
        url("list"),
        url("create"),
        url("detail", stakeholder.pk),
        url("edit", stakeholder.pk),
        url("duties"),
        url("duty_create"),
        url("duty_edit", duty.pk),
        url("import"),
        url("export_csv"),
        url("export_xlsx"),
    ]


def test_anonymous_is_sent_to_login(client, stakeholder):
    for target in _urls(stakeholder):
        response = client.get(target)
        assert response.status_code == 302, target
        assert "log-ind" in response["Location"]


def test_citizens_get_404(client, citizen, stakeholder):
    client.force_login(citizen)
    for target in _urls(stakeholder):
        assert client.get(target).status_code == 404, target
    for name in ("toggle_active",):
        assert client.post(url(name, stakeholder.pk)).status_code == 404
    assert client.post(url("import_save"), {"payload": "x"}).status_code == 404
    stakeholder.refresh_from_db()
    assert stakeholder.active


def test_any_staff_member_may_use_the_registry(staff_client, stakeholder):
    for target in _urls(stakeholder):
        assert staff_client.get(target).status_code == 200, target


# --- List ---------------------------------------------------------------------------------------


def test_filters_and_search(staff_client):
    ballerup = DistrictFactory(name="Ballerup")
    trafik = TopicFactory(name="Trafik")
    StakeholderFactory(
        name="Vejdirektoratet",
        type=Stakeholder.Type.AUTHORITY,
        districts=[ballerup],
        topics=[trafik],
    )
    StakeholderFactory(name="Vej og trafik", type=Stakeholder.Type.DISCIPLINE, topics=[trafik])
    StakeholderFactory(name="Skovlunde Boldklub", type=Stakeholder.Type.ASSOCIATION, active=False)

    def names(**query):
        response = staff_client.get(url("list"), query)
        assert response.status_code == 200
        return [s.name for s in response.context["page"]]

    assert names() == ["Skovlunde Boldklub", "Vej og trafik", "Vejdirektoratet"]
    assert names(type="authority") == ["Vejdirektoratet"]
    assert names(district=ballerup.pk) == ["Vejdirektoratet"]
    assert names(topic=trafik.pk) == ["Vej og trafik", "Vejdirektoratet"]
    assert names(internal="internal") == ["Vej og trafik"]
    assert names(internal="external") == ["Skovlunde Boldklub", "Vejdirektoratet"]
    assert names(status="inactive") == ["Skovlunde Boldklub"]
    assert names(q="vej") == ["Vej og trafik", "Vejdirektoratet"]
    response = staff_client.get(url("list"), {"topic": 99999})
    assert response.context["ignored_filter"]


def test_pagination_by_25(staff_client):
    StakeholderFactory.create_batch(30)
    first = staff_client.get(url("list"))
    assert len(first.context["page"].object_list) == 25
    second = staff_client.get(url("list"), {"side": 2})
    assert len(second.context["page"].object_list) == 5


def test_list_query_count_is_constant(staff_client, django_assert_num_queries):
    districts = [DistrictFactory(), DistrictFactory()]
    topics = [TopicFactory(), TopicFactory(), TopicFactory()]
    numbers = itertools.count(9999, -1)

    def grow(n: int) -> str:
        # The list is by name: each one made sorts first, so the last is on the first page.
        made = [
            StakeholderFactory(name=f"Forening {next(numbers)}", districts=districts, topics=topics)
            for _ in range(n)
        ]
        return made[-1].name

    # The session, the user, the filter's districts and topics, the count, the page, its
    # districts and its topics.
    assert_constant_queries(
        django_assert_num_queries,
        lambda: staff_client.get(url("list")),
        grow,
        8,
        sizes=(5, 300),
    )


# --- Create, edit, deactivate -------------------------------------------------------------------


def test_create_with_danish_errors_next_to_fields(staff_client, stakeholder):
    response = staff_client.post(
        url("create"), {"name": "seniorrådet", "type": "council", "email": "ikke-en-adresse"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Der findes allerede en interessent med dette navn." in html
    assert "Indtast en gyldig e-mailadresse" in html
    assert 'id="id_email-error"' in html
    response = staff_client.post(url("create"), {"name": "Ny forening", "type": "association"})
    assert "Indtast interessentens e-mailadresse." in response.content.decode()
    assert Stakeholder.objects.count() == 1


def test_create_and_edit(staff_client, staff):
    centre = CentreFactory()
    topic = TopicFactory(name="Trafik")
    response = staff_client.post(
        url("create"),
        {
            "name": "Vej og trafik",
            "type": "discipline",
            "email": "vej@kommune.example",
            "topics": [topic.pk],
            "centre": centre.pk,
        },
    )
    assert response.status_code == 302
    created = Stakeholder.objects.get(name="Vej og trafik")
    assert created.is_internal and list(created.topics.all()) == [topic]
    response = staff_client.post(
        url("edit", created.pk),
        {"name": "Vej og trafik", "type": "discipline", "email": "ny@kommune.example"},
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.email == "ny@kommune.example"
    assert AccessLog.objects.filter(
        user=staff, object_type="stakeholders.stakeholder", object_id=created.pk
    ).exists()


def test_viewing_contact_details_is_logged(staff_client, staff, stakeholder):
    staff_client.get(url("detail", stakeholder.pk))
    staff_client.get(url("edit", stakeholder.pk))
    entries = AccessLog.objects.filter(
        user=staff,
        object_type="stakeholders.stakeholder",
        object_id=stakeholder.pk,
        action=AccessLog.Action.VIEW,
    )
    assert entries.count() == 2


def test_deactivate_and_activate_again(staff_client, stakeholder):
    staff_client.post(url("toggle_active", stakeholder.pk))
    stakeholder.refresh_from_db()
    assert not stakeholder.active
    staff_client.post(url("toggle_active", stakeholder.pk))
    stakeholder.refresh_from_db()
    assert stakeholder.active
    assert staff_client.get(url("toggle_active", stakeholder.pk)).status_code == 405


# --- Statutory duties ---------------------------------------------------------------------------


def test_manage_statutory_duties(staff_client, stakeholder):
    aeldre = TopicFactory(name="Ældre")
    response = staff_client.post(url("duty_create"), {"stakeholder": stakeholder.pk})
    assert response.status_code == 422
    assert "Angiv hjemmelen." in response.content.decode()
    response = staff_client.post(
        url("duty_create"),
        {
            "stakeholder": stakeholder.pk,
            "topics": [aeldre.pk],
            "legal_basis": "Retssikkerhedsloven § 30",
        },
    )
    assert response.status_code == 302
    duty = HearingDuty.objects.get()
    assert list(duty.topics.all()) == [aeldre]
    assert "Retssikkerhedsloven § 30" in staff_client.get(url("duties")).content.decode()
    staff_client.post(
        url("duty_edit", duty.pk),
        {"stakeholder": stakeholder.pk, "topics": [aeldre.pk], "legal_basis": "Rsl. § 30"},
    )
    duty.refresh_from_db()
    assert duty.legal_basis == "Rsl. § 30"
    staff_client.post(url("duty_delete", duty.pk))
    assert not HearingDuty.objects.exists()


# --- Seed ---------------------------------------------------------------------------------------


def test_seed_is_idempotent():
    seed_demo.seed()  # reference data, users and the demo processes
    first = seed_stakeholders()
    counts = (
        Topic.objects.count(),
        Stakeholder.objects.count(),
        HearingDuty.objects.count(),
        PopulationFigure.objects.count(),
    )
    second = seed_stakeholders()
    assert first == second
    assert counts == (
        Topic.objects.count(),
        Stakeholder.objects.count(),
        HearingDuty.objects.count(),
        PopulationFigure.objects.count(),
    )
    senior = Stakeholder.objects.get(name="Seniorrådet")
    assert "§ 30" in senior.duties.get().legal_basis
    assert "Ældre" in [t.name for t in senior.duties.get().topics.all()]
    assert "§ 37 a" in Stakeholder.objects.get(name="Handicaprådet").duties.get().legal_basis
    assert all(s.email.endswith(".example") for s in Stakeholder.objects.all())
    assert {s.type for s in Stakeholder.objects.all()} == set(Stakeholder.Type.values)
    total = sum(PopulationFigure.objects.values_list("count", flat=True))
    assert 50_000 <= total <= 54_000
    assert set(PopulationFigure.objects.values_list("age_band", flat=True)) == set(AgeBand.values)
    assert "illustrative" in PopulationFigure.objects.first().source
    tags = Process.objects.get(title="Ny ældrepolitik").topic_tags.all()
    assert sorted(t.name for t in tags) == ["Sundhed", "Ældre"]
