"""Cases (issue #11, sections 1, 2 "Det vigtigste for mig" and 4 "Mine sager"): opening a case
from its type, "Min sag", the steps, and the caseworker's list — each private to the case's
participants."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inddrag.audit.models import AccessLog
from inddrag.cases import services
from inddrag.cases.forms import CaseForm
from inddrag.cases.models import CaseFile, CaseStep
from inddrag.lib.calendar import local_date
from inddrag.processes.models import FrameItem, Process
from tests.factories import StaffFactory, UserFactory
from tests.factories.cases import case_type, open_case
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _form(kind, citizen: str, **extra) -> dict:
    return {
        "case_type": kind.pk,
        "citizen": citizen,
        "title": "Badebænk og toiletstol",
        "esdh_reference": "2026-011873",
        "contact_phone": "44 77 23 41",
        "contact_email": "jonas@kommune.example",
        "contact_hours": "Mandag–torsdag kl. 9–12",
        "form_token": "x" * 32,
        **extra,
    }


# --- Opening a case from its type ------------------------------------------------------------


def test_a_case_opened_from_its_type_copies_frame_and_steps_and_logs_it():
    caseworker, citizen = StaffFactory(), UserFactory()
    kind = case_type(processing_weeks=8)
    case = open_case(
        caseworker=caseworker, citizen=citizen, kind=kind, today=datetime.date(2026, 3, 2)
    )

    process = case.process
    assert process.kind == Process.Kind.CASE and process.title == "Badebænk"
    assert process.responsible == caseworker and process.centre == kind.centre
    assert set(process.participants.all()) == {caseworker, citizen}
    assert case.deadline == datetime.date(2026, 4, 27)  # 8 weeks
    assert [(f.kind, f.text, f.reason) for f in process.frame_items.all()] == [
        (FrameItem.Kind.OPEN, "Hvilket hjælpemiddel", ""),
        (FrameItem.Kind.FIXED, "Betingelserne", "De står i loven."),
    ]
    assert [(s.title, s.planned_on) for s in case.steps.all()] == [
        ("Første samtale", datetime.date(2026, 3, 2)),
        ("Hjemmebesøg", datetime.date(2026, 3, 9)),
        ("Afgørelse", datetime.date(2026, 4, 11)),
    ]
    assert case.current_step().title == "Første samtale"
    log = AccessLog.objects.get(object_type="processes.process", object_id=process.pk)
    assert log.action == AccessLog.Action.CHANGE and log.user == caseworker
    assert kind.name in log.detail


def test_the_create_page_opens_the_case_and_lands_on_its_staff_page():
    caseworker, citizen = StaffFactory(), UserFactory(email="karen@example.com")
    kind = case_type()
    response = _client(caseworker).post(
        reverse("staff:cases:create"), _form(kind, "KAREN@example.com")
    )
    case = CaseFile.objects.get()
    assert response.status_code == 302
    assert (
        response["Location"] == reverse("staff:processes:edit", args=[case.process_id]) + "#sagen"
    )
    assert case.citizen == citizen and case.process.esdh_reference == "2026-011873"
    assert case.process.summary == kind.description  # left empty: the type's own
    # The same form sent twice opens one case.
    _client(caseworker).post(reverse("staff:cases:create"), _form(kind, citizen.username))
    assert CaseFile.objects.count() == 1
    page = _client(caseworker).get(reverse("staff:processes:edit", args=[case.process_id]))
    assert "Hjemmebesøg" in page.content.decode()
    assert reverse("staff:cases:steps", args=[case.process_id]) in page.content.decode()


@pytest.mark.parametrize(
    ("citizen", "message"),
    [
        ("ingen-saadan", "Der findes ingen konto med det brugernavn eller den e-mail."),
        ("010203-1234", "Skriv ikke et CPR-nummer. Brug borgerens brugernavn eller e-mail."),
        ("staff", "Det er en medarbejderkonto. Sagens borger skal have en borgerkonto."),
    ],
)
def test_the_citizen_must_be_a_citizen_account(citizen, message):
    caseworker = StaffFactory(username="staff")
    kind = case_type()
    response = _client(caseworker).post(reverse("staff:cases:create"), _form(kind, citizen))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Process.objects.filter(kind=Process.Kind.CASE).exists()


def test_bad_input_shows_danish_errors_next_to_the_fields_and_saves_nothing():
    caseworker = StaffFactory()
    UserFactory(username="karen")
    response = _client(caseworker).post(
        reverse("staff:cases:create"),
        _form(
            case_type(), "karen", contact_phone="ring til mig", esdh_reference="2026 01", title=""
        ),
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Skriv et telefonnummer med cifre og mellemrum" in html
    assert "Brug kun tal, bogstaver, punktummer, bindestreger og skråstreger" in html
    assert not Process.objects.exists() and not CaseFile.objects.exists()


def test_a_failure_halfway_leaves_no_half_saved_case(monkeypatch):
    kind = case_type()

    def broken(*args, **kwargs):
        raise IntegrityError("the steps could not be saved")

    monkeypatch.setattr(CaseStep.objects, "bulk_create", broken)
    with pytest.raises(IntegrityError):
        open_case(kind=kind)
    assert not Process.objects.exists() and not CaseFile.objects.exists()
    assert not FrameItem.objects.exists() and not AccessLog.objects.exists()


def test_the_form_help_says_the_cpr_number_is_never_stored():
    assert "CPR" in str(CaseForm().fields["citizen"].help_text)


# --- "Min sag" -----------------------------------------------------------------------------------


def test_min_sag_shows_the_case_to_its_participants_only():
    case = open_case(title="Badebænk og toiletstol")
    url = reverse("cases:detail", args=[case.process_id])
    caseworker = case.process.responsible
    for outsider in (None, UserFactory(), StaffFactory(centre=case.process.centre)):
        assert _client(outsider).get(url).status_code == 404
    response = _client(case.citizen).get(url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Badebænk og toiletstol",
        caseworker.display_name,
        "44 77 23 41",
        "jonas@kommune.example",
        "Mandag–torsdag kl. 9–12",
        "Hvilket hjælpemiddel",
        "De står i loven.",
        "Kommunen giver støtte til hjælpemidler efter serviceloven.",
        'href="https://www.retsinformation.dk/"',
        'aria-current="step"',
        "Du er her",
    ):
        assert text in html, text
    assert case.deadline.strftime("%Y") in html
    log = AccessLog.objects.filter(object_id=case.process_id, action=AccessLog.Action.VIEW)
    assert log.get().user == case.citizen
    # The old address of the case sends its participants on, and is a 404 to others.
    old = reverse("processes:detail", args=[case.process_id])
    assert _client(case.citizen).get(old)["Location"] == url
    assert _client(UserFactory()).get(old).status_code == 404


def test_du_er_her_is_the_first_step_not_done():
    case = open_case()
    first = case.steps.first()
    first.done_on = local_date(timezone.now())
    first.save()
    html = _client(case.citizen).get(reverse("cases:detail", args=[case.process_id])).content
    current = html.decode().split('aria-current="step"')[1].split("</li>")[0]
    assert "Hjemmebesøg" in current


def test_the_citizen_writes_what_matters_most_and_the_caseworker_sees_it():
    case = open_case()
    url = reverse("cases:detail", args=[case.process_id])
    text = "Jeg vil kunne gå i bad selv om morgenen."
    response = _client(case.citizen).post(url, {"text": text})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.what_matters == text and case.what_matters_by == case.citizen
    assert AccessLog.objects.filter(
        object_id=case.process_id, action=AccessLog.Action.CHANGE, user=case.citizen
    ).exists()
    staff_page = _client(case.process.responsible).get(
        reverse("staff:processes:edit", args=[case.process_id])
    )
    assert text in staff_page.content.decode()
    # The citizen can update it.
    _client(case.citizen).post(url, {"text": "Noget andet."})
    case.refresh_from_db()
    assert case.what_matters == "Noget andet."
    # Saved again unchanged (the browser sends line breaks as CRLF): nothing is written.
    saved_at, changes = case.what_matters_at, AccessLog.objects.filter(action="change").count()
    _client(case.citizen).post(url, {"text": "Noget andet."})
    case.refresh_from_db()
    assert case.what_matters_at == saved_at
    assert AccessLog.objects.filter(action="change").count() == changes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Skriv, hvad der er vigtigst for dig."),
        ("x" * 2001, "Skriv højst 2.000 tegn (du skrev 2.001)."),
        ("bad\x00", "Teksten indeholder tegn, der ikke kan gemmes."),
    ],
)
def test_what_matters_is_checked_for_length_and_characters(text, message):
    case = open_case()
    response = _client(case.citizen).post(
        reverse("cases:detail", args=[case.process_id]), {"text": text}
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    case.refresh_from_db()
    assert case.what_matters == ""


def test_only_the_citizen_writes_what_matters_most():
    case = open_case()
    url = reverse("cases:detail", args=[case.process_id])
    assert (
        _client(case.process.responsible).post(url, {"text": "Skrevet af andre"}).status_code == 403
    )
    assert _client(UserFactory()).post(url, {"text": "Skrevet af andre"}).status_code == 404
    case.refresh_from_db()
    assert case.what_matters == ""


# --- The steps ------------------------------------------------------------------------------------


def _steps_data(case, **changes) -> dict:
    steps = list(case.steps.all())
    data = {
        "trin-TOTAL_FORMS": len(steps) + 1,
        "trin-INITIAL_FORMS": len(steps),
        "trin-MIN_NUM_FORMS": 0,
        "trin-MAX_NUM_FORMS": 1000,
    }
    for n, step in enumerate(steps):
        data |= {
            f"trin-{n}-id": step.pk,
            f"trin-{n}-title": step.title,
            f"trin-{n}-kind": step.kind,
            f"trin-{n}-planned_on": step.planned_on.isoformat() if step.planned_on else "",
            f"trin-{n}-done_on": "",
            f"trin-{n}-order": step.order,
        }
    return data | changes


def test_the_caseworker_adjusts_the_steps():
    case = open_case(today=datetime.date(2026, 1, 5))
    url = reverse("staff:cases:steps", args=[case.process_id])
    caseworker = case.process.responsible
    assert _client(caseworker).get(url).status_code == 200
    data = _steps_data(
        case,
        **{
            "trin-0-done_on": "2026-01-05",
            "trin-1-planned_on": "2026-01-20",
            "trin-2-DELETE": "on",
            "trin-3-title": "Partshøring",
            "trin-3-kind": "hearing",
            "trin-3-planned_on": "2026-02-10",
            "trin-3-order": "3",
        },
    )
    assert _client(caseworker).post(url, data).status_code == 302
    assert [(s.title, s.planned_on, s.done_on) for s in case.steps.all()] == [
        ("Første samtale", datetime.date(2026, 1, 5), datetime.date(2026, 1, 5)),
        ("Hjemmebesøg", datetime.date(2026, 1, 20), None),
        ("Partshøring", datetime.date(2026, 2, 10), None),
    ]
    assert AccessLog.objects.filter(detail="case steps", user=caseworker).count() == 1


def test_a_step_cannot_be_done_in_the_future():
    case = open_case()
    tomorrow = local_date(timezone.now()) + datetime.timedelta(days=1)
    response = _client(case.process.responsible).post(
        reverse("staff:cases:steps", args=[case.process_id]),
        _steps_data(case, **{"trin-0-done_on": tomorrow.isoformat()}),
    )
    assert response.status_code == 422
    assert (
        "Et trin kan ikke være udført på en dag, der endnu ikke er kommet."
        in response.content.decode()
    )
    assert not case.steps.filter(done_on__isnull=False).exists()


def test_the_steps_page_of_a_project_or_of_another_case_is_a_404():
    from tests.factories import complete_project

    project = complete_project()
    editor = project.responsible
    assert _client(editor).get(reverse("staff:cases:steps", args=[project.pk])).status_code == 404
    case = open_case()
    other_caseworker = StaffFactory(centre=case.process.centre)
    url = reverse("staff:cases:steps", args=[case.process_id])
    assert _client(other_caseworker).get(url).status_code == 404
    assert _client(case.citizen).get(url).status_code == 404


# --- "Mine sager" ---------------------------------------------------------------------------------


def _cases(caseworker, n: int, **kwargs) -> list[CaseFile]:
    kind = kwargs.pop("kind", None) or case_type()
    return [
        open_case(caseworker=caseworker, kind=kind, title=f"Sag {i}", **kwargs) for i in range(n)
    ]


@pytest.mark.parametrize("rows", [1, 30])
def test_mine_sager_has_a_constant_query_count(django_assert_num_queries, rows):
    caseworker = StaffFactory()
    cases = _cases(caseworker, rows)
    client = _client(caseworker)
    last = sorted(cases, key=lambda c: (c.deadline, c.pk))[min(rows, 25) - 1]
    assert_queries(
        django_assert_num_queries,
        8,  # session, user, count, the rows, their steps and professionals (checks), types, log
        lambda: client.get(reverse("staff:cases:mine")),
        shows=[last.process.title, last.citizen.display_name, "Første samtale"],
    )


def test_mine_sager_lists_only_my_cases_sorted_filtered_and_warned():
    caseworker = StaffFactory()
    today = local_date(timezone.now())
    kind, other_kind = case_type("Boligændring"), case_type("Hjælpemidler")
    soon = open_case(
        caseworker=caseworker, kind=kind, title="Snart", today=today - datetime.timedelta(days=50)
    )
    later = open_case(caseworker=caseworker, kind=other_kind, title="Senere", today=today)
    open_case(title="En andens sag")
    client = _client(caseworker)
    html = client.get(reverse("staff:cases:mine")).content.decode()
    assert html.index("Snart") < html.index("Senere") and "En andens sag" not in html
    assert "deadline-warning" in html.split("Snart")[1].split("</tr>")[0]  # 6 days left
    assert "deadline-warning" not in html.split("Senere")[1].split("</tr>")[0]
    html = client.get(reverse("staff:cases:mine"), {"sort": "-frist"}).content.decode()
    assert html.index("Senere") < html.index("Snart")
    html = client.get(reverse("staff:cases:mine"), {"type": other_kind.pk}).content.decode()
    assert "Senere" in html and "Snart" not in html
    html = client.get(reverse("staff:cases:mine"), {"type": "999999"}).content.decode()
    assert "Snart" in html and "Senere" in html  # an unknown type is dropped, and said so
    # Each case listed is logged as seen.
    seen = set(
        AccessLog.objects.filter(action=AccessLog.Action.VIEW, user=caseworker).values_list(
            "object_id", flat=True
        )
    )
    assert {soon.process_id, later.process_id} <= seen


def test_mine_sager_is_for_staff_only():
    url = reverse("staff:cases:mine")
    assert _client(None).get(url).status_code == 302
    assert _client(UserFactory()).get(url).status_code == 404
    assert _client(UserFactory()).get(reverse("staff:cases:create")).status_code == 404


# --- Never public ---------------------------------------------------------------------------------


def test_a_case_never_appears_in_public_lists_or_the_api():
    case = open_case(title="Hemmelig sag om badebænk")
    anonymous = Client()
    for url in (reverse("processes:home"), reverse("processes:list"), "/api/v1/processes"):
        response = anonymous.get(url)
        assert response.status_code == 200
        assert "Hemmelig sag" not in response.content.decode(), url
    assert anonymous.get(f"/api/v1/processes/{case.process_id}").status_code == 404
    # Its own citizen sees it on the front page, linked to "Min sag".
    home = _client(case.citizen).get(reverse("processes:home")).content.decode()
    assert reverse("cases:detail", args=[case.process_id]) in home


def test_services_cases_of_includes_cases_i_am_responsible_for():
    caseworker = StaffFactory()
    case = open_case(caseworker=caseworker)
    case.process.participants.remove(caseworker)
    assert list(services.cases_of(caseworker)) == [case]
    assert list(services.cases_of(StaffFactory())) == []


def test_a_cases_staff_page_shows_what_a_case_has_not_a_projects_parts():
    """A caseworker is not asked for phases, target groups or staff hours: the details are the
    case's few, the frame is the only row list, and the project's row URLs are a 404."""
    caseworker = StaffFactory()
    case = open_case(caseworker=caseworker, title="Badebænk")
    client = _client(caseworker)
    url = reverse("staff:processes:edit", args=[case.process_id])
    html = client.get(url).content.decode()
    assert 'id="ramme"' in html
    for absent in (
        'id="faser"',
        'id="aktiviteter"',
        'name="target_groups"',
        'name="planned_hours"',
    ):
        assert absent not in html
    assert reverse("cases:detail", args=[case.process_id]) in html
    data = {
        "title": "Badebænk og greb",
        "summary": case.process.summary,
        "centre": case.process.centre_id,
        "responsible": caseworker.pk,
        "esdh_reference": "",
        "kle_number": "",
    }
    assert client.post(url, data).status_code == 302
    case.process.refresh_from_db()
    assert case.process.title == "Badebænk og greb"
    assert case.process.influence_level == "involve"  # untouched
    phase = reverse("staff:processes:row_add", args=[case.process_id, "faser"])
    assert client.post(phase, {"title": "Fase"}).status_code == 404


def test_what_matters_refuses_a_cpr_number():
    citizen = UserFactory()
    case = open_case(citizen=citizen)
    page = _client(citizen).post(
        reverse("cases:detail", args=[case.process_id]),
        {"text": "Det vigtigste er badet. Mit personnummer er 010203-1234."},
    )
    assert page.status_code == 422 and "CPR-nummer" in page.content.decode()
    case.refresh_from_db()
    assert case.what_matters == ""
