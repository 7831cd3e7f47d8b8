"""Relatives, representatives and professionals in a citizen's case (issue #11, section 3):
a grant lets its holder see the case (and write, with "see and write") until it expires or is
withdrawn; a professional sees only the parts of their role; nobody but the case's staff edits."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from inddrag.audit.models import AccessLog
from inddrag.cases import services
from inddrag.cases.models import (
    CaseGrant,
    CaseHearing,
    CaseMessage,
    CaseMessageFile,
    CaseProfessional,
    GrantBasis,
    GrantLevel,
)
from inddrag.lib.calendar import local_date
from inddrag.notifications.models import Notification
from inddrag.processes.models import Process
from inddrag.processes.permissions import can_edit, can_view
from tests.factories import StaffFactory, UserFactory
from tests.factories.cases import case_type, open_case
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    """Read when the test runs: a suite that crosses midnight would otherwise expire a grant."""
    return local_date(timezone.now())


WHAT_MATTERS = "At min mor kan blive boende hjemme"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _grant(case, person, level=GrantLevel.SEE, days=30, basis=GrantBasis.CITIZEN, **kwargs):
    return CaseGrant.objects.create(
        case=case,
        person=person,
        level=level,
        basis=basis,
        expires_on=today() + datetime.timedelta(days=days),
        granted_by=kwargs.pop("granted_by", case.citizen),
        **kwargs,
    )


@pytest.fixture
def case():
    kind = case_type(second_discipline="Ergoterapeut")
    made = open_case(
        kind=kind,
        caseworker=StaffFactory(first_name="Jonas", last_name="Holm"),
        citizen=UserFactory(first_name="Karen", last_name="Holt", email="karen@example.com"),
    )
    message = CaseMessage.objects.create(
        case=made, author=made.citizen, text="Min ryg gør ondt", is_input=True
    )
    document = CaseMessageFile(
        message=message, original_name="brev.pdf", content_type="application/pdf", size=10
    )
    document.file.save("brev.pdf", ContentFile(b"%PDF-1.4 brev"))
    CaseHearing.objects.create(
        case=made,
        draft="Udkast: vi forventer at bevilge",
        deadline=today() + datetime.timedelta(days=14),
        sent_at=timezone.now(),
        sent_by=made.process.responsible,
    )
    made.document_pk = document.pk
    return made


def _urls(case) -> list[str]:
    pk = case.process_id
    return [
        reverse("cases:detail", args=[pk]),
        reverse("cases:attachment", args=[pk, case.document_pk]),
        reverse("cases:hearing_draft_file", args=[pk]),
        reverse("processes:detail", args=[pk]),
    ]


# --- Relatives ------------------------------------------------------------------------------------


def test_a_relative_sees_the_case_with_a_line_saying_so_and_never_edits_it(case):
    relative = UserFactory(first_name="Ole")
    _grant(case, relative)
    response = _client(relative).get(reverse("cases:detail", args=[case.process_id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Du ser sagen som pårørende for Karen" in html
    assert "Min ryg gør ondt" in html and "Udkast: vi forventer" in html
    assert "Hvem kan se din sag" not in html  # the citizen's own
    assert can_view(relative, case.process) and not can_edit(relative, case.process)
    assert not case.process.participants.filter(pk=relative.pk).exists()
    # Listed on the front page's "Dine sager".
    assert case.process in Process.objects.cases_of(relative)
    assert "Badebænk" in _client(relative).get(reverse("processes:home")).content.decode()


def test_a_see_only_relative_cannot_post(case):
    relative = UserFactory()
    _grant(case, relative)
    client = _client(relative)
    pk = case.process_id
    for url, data in (
        (reverse("cases:detail", args=[pk]), {"text": "Noget"}),
        (reverse("cases:message", args=[pk]), {"text": "Hej", "form_token": "t" * 32}),
        (reverse("cases:hearing_answer", args=[pk]), {"answer": "none"}),
        (reverse("cases:evaluation", args=[pk]), {}),
        (reverse("cases:grant", args=[pk]), {}),
    ):
        assert client.post(url, data).status_code == 403, url
    assert not CaseMessage.objects.filter(author=relative).exists()


def test_a_write_relative_writes_what_matters_and_a_message(case):
    relative = UserFactory(first_name="Ole", last_name="Holt")
    _grant(case, relative, level=GrantLevel.WRITE)
    client = _client(relative)
    pk = case.process_id
    response = client.post(reverse("cases:detail", args=[pk]), {"text": WHAT_MATTERS})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.what_matters == WHAT_MATTERS and case.what_matters_by == relative
    response = client.post(
        reverse("cases:message", args=[pk]), {"text": "Jeg er hendes søn", "form_token": "r" * 32}
    )
    assert response.status_code == 302
    message = CaseMessage.objects.get(author=relative)
    assert message.is_input and message.unanswered  # the caseworker answers it
    # The citizen sees who wrote what.
    html = _client(case.citizen).get(reverse("cases:detail", args=[pk])).content.decode()
    assert "Ole Holt" in html and "Jeg er hendes søn" in html
    # A relative (not a representative) may not answer the partshøring.
    answer = client.post(reverse("cases:hearing_answer", args=[pk]), {"answer": "none"})
    assert answer.status_code == 403


def test_a_representative_who_may_write_answers_the_partshoering(case):
    guardian = UserFactory()
    _grant(
        case,
        guardian,
        level=GrantLevel.WRITE,
        basis=GrantBasis.VAERGEMAAL,
        granted_by=case.process.responsible,
    )
    client = _client(guardian)
    html = client.get(reverse("cases:detail", args=[case.process_id])).content.decode()
    assert "på vegne af Karen" in html
    response = client.post(
        reverse("cases:hearing_answer", args=[case.process_id]), {"answer": "none"}
    )
    assert response.status_code == 302
    assert CaseHearing.objects.get().answer == "none"
    # The evaluation stays the citizen's.
    assert client.post(reverse("cases:evaluation", args=[case.process_id]), {}).status_code == 403


def test_an_expired_grant_is_a_404_on_every_case_url_from_the_day_after(case, monkeypatch):
    relative = UserFactory()
    grant = _grant(case, relative, days=0)  # the last day is today
    client = _client(relative)
    assert client.get(_urls(case)[0]).status_code == 200
    grant.expires_on = today() - datetime.timedelta(days=1)
    grant.save()
    for url in _urls(case):
        assert client.get(url).status_code == 404, url
    assert case.process not in Process.objects.cases_of(relative)
    # And by the Danish date: the day after the expiry, though the row is unchanged.
    grant.expires_on = today()
    grant.save()
    monkeypatch.setattr(services, "local_date", lambda now: today() + datetime.timedelta(days=1))
    assert client.get(_urls(case)[0]).status_code == 404


def test_a_withdrawn_grant_is_a_404_and_the_history_shows_it(case):
    relative = UserFactory(first_name="Ole", last_name="Holt")
    grant = _grant(case, relative)
    citizen = _client(case.citizen)
    response = citizen.post(reverse("cases:withdraw_grant", args=[case.process_id, grant.pk]))
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.withdrawn_at is not None and grant.withdrawn_by == case.citizen
    for url in _urls(case):
        assert _client(relative).get(url).status_code == 404, url
    html = citizen.get(reverse("cases:detail", args=[case.process_id])).content.decode()
    assert "Tilbagekaldt" in html and "Ole Holt" in html
    assert AccessLog.objects.filter(detail=f"access withdrawn {grant.pk}").exists()


def test_the_citizen_gives_access_once_per_double_submit_and_the_person_gets_a_link(case):
    relative = UserFactory(username="ole", email="ole@example.com")
    client = _client(case.citizen)
    data = {
        "person": "OLE@example.com",
        "level": "write",
        "expires_on": (today() + datetime.timedelta(days=90)).isoformat(),
        "form_token": "g" * 32,
    }
    url = reverse("cases:grant", args=[case.process_id])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    grant = CaseGrant.objects.get()
    assert grant.person == relative and grant.level == "write" and grant.basis == "citizen"
    mail = Notification.objects.get(to="ole@example.com")
    assert "Badebænk" not in mail.body and f"/sager/{case.process_id}/" in mail.body
    assert AccessLog.objects.filter(detail__startswith=f"access granted {grant.pk}").exists()
    # A second access for the same person while the first is active: refused, saying so.
    response = client.post(url, {**data, "form_token": "h" * 32})
    assert response.status_code == 422 and "har allerede adgang" in response.content.decode()
    assert CaseGrant.objects.count() == 1


@pytest.mark.parametrize(
    ("person", "expires", "error"),
    [
        ("nobody", 10, "Vi kan ikke finde en borger"),
        ("staff", 10, "Vi kan ikke finde en borger"),  # a staff account looks the same
        ("self", 10, "Det er din egen sag"),
        ("ole", -1, "Den sidste dag kan ikke ligge før i dag"),
        ("ole", 6 * 365, "højst gives i 5 år"),
        ("010203-1234", 10, "Skriv ikke et CPR-nummer"),
    ],
)
def test_a_bad_grant_is_refused_in_danish_with_422(case, person, expires, error):
    UserFactory(username="ole")
    StaffFactory(username="staff")
    person = case.citizen.username if person == "self" else person
    response = _client(case.citizen).post(
        reverse("cases:grant", args=[case.process_id]),
        {
            "person": person,
            "level": "see",
            "expires_on": (today() + datetime.timedelta(days=expires)).isoformat(),
        },
    )
    assert response.status_code == 422
    assert error in response.content.decode()
    assert not CaseGrant.objects.exists()


def test_another_citizens_grant_id_is_a_404_and_others_may_not_withdraw(case):
    other = open_case()
    foreign = _grant(other, UserFactory())
    client = _client(case.citizen)
    url = reverse("cases:withdraw_grant", args=[case.process_id, foreign.pk])
    assert client.post(url).status_code == 404
    mine = _grant(case, UserFactory())
    relative = UserFactory()
    _grant(case, relative, level=GrantLevel.WRITE)
    own_url = reverse("cases:withdraw_grant", args=[case.process_id, mine.pk])
    assert _client(relative).post(own_url).status_code == 403  # only the citizen
    assert _client(UserFactory()).post(own_url).status_code == 404  # a stranger
    # A guardianship only the caseworker withdraws.
    guardian = _grant(
        case, UserFactory(), basis=GrantBasis.VAERGEMAAL, granted_by=case.process.responsible
    )
    assert (
        client.post(
            reverse("cases:withdraw_grant", args=[case.process_id, guardian.pk])
        ).status_code
        == 403
    )
    assert CaseGrant.objects.filter(withdrawn_at__isnull=True).count() == 4


# --- Professionals --------------------------------------------------------------------------------


def test_a_professional_sees_only_their_roles_parts_and_404s_for_what_they_may_not(case):
    teacher = StaffFactory(first_name="Lærer")
    CaseProfessional.objects.create(
        case=case, user=teacher, role="skole", added_by=case.process.responsible
    )
    services.save_what_matters(case, WHAT_MATTERS, case.citizen)
    client = _client(teacher)
    html = client.get(reverse("cases:detail", args=[case.process_id])).content.decode()
    assert "Du ser sagen som" in html and WHAT_MATTERS in html
    assert "Min ryg gør ondt" not in html  # no messages
    assert "Udkast: vi forventer" not in html  # no partshøring
    assert "Hvem har set min sag" not in html
    pk = case.process_id
    assert client.get(reverse("cases:attachment", args=[pk, case.document_pk])).status_code == 404
    assert client.get(reverse("cases:hearing_draft_file", args=[pk])).status_code == 404
    for url in (
        reverse("cases:detail", args=[pk]),
        reverse("cases:message", args=[pk]),
    ):
        assert client.post(url, {"text": "Hej"}).status_code == 403
    # Never an editor: the staff pages of the case are a 404.
    assert not can_edit(teacher, case.process)
    assert client.get(reverse("staff:cases:messages", args=[pk])).status_code == 404
    assert client.get(reverse("staff:processes:edit", args=[pk])).status_code == 404
    # "Mine sager" lists the case with the role, linking to "Min sag".
    mine = client.get(reverse("staff:cases:mine")).content.decode()
    assert "Din rolle: Skole eller dagtilbud" in mine
    assert reverse("cases:detail", args=[pk]) in mine
    # Their views count as staff views on "Hvem har set min sag".
    assert any(row["name"].startswith("Lærer") for row in services.seen_by_staff(case.process))


def test_a_role_other_sees_no_what_matters_and_a_removed_professional_a_404(case):
    other = StaffFactory()
    professional = CaseProfessional.objects.create(
        case=case, user=other, role="andet", added_by=case.process.responsible
    )
    services.save_what_matters(case, WHAT_MATTERS, case.citizen)
    url = reverse("cases:detail", args=[case.process_id])
    assert WHAT_MATTERS not in _client(other).get(url).content.decode()
    services.remove_professional(professional, case.process.responsible)
    assert _client(other).get(url).status_code == 404


# --- The staff page -------------------------------------------------------------------------------


def _access(client, case, **data):
    return client.post(reverse("staff:cases:access", args=[case.process_id]), data)


def test_the_caseworker_records_a_guardianship_adds_a_professional_and_the_companion(case):
    caseworker = _client(case.process.responsible)
    guardian = UserFactory(username="vaerge")
    ot = StaffFactory(username="ergo", first_name="Eva")
    page = caseworker.get(reverse("staff:cases:access", args=[case.process_id]))
    assert page.status_code == 200 and "Ingen er tilføjet endnu" in page.content.decode()
    response = _access(
        caseworker,
        case,
        action="representation",
        form_token="v" * 32,
        **{
            "rep-person": "vaerge",
            "rep-basis": "vaergemaal",
            "rep-basis_note": "<script>alert(1)</script> Dom af 3. marts, journalnr. 2026-1",
            "rep-level": "write",
            "rep-expires_on": (today() + datetime.timedelta(days=365)).isoformat(),
        },
    )
    assert response.status_code == 302
    grant = CaseGrant.objects.get()
    assert grant.person == guardian and grant.basis == "vaergemaal"
    response = _access(
        caseworker,
        case,
        action="professional",
        form_token="p" * 32,
        **{"fag-user": "ergo", "fag-role": "ergoterapeut"},
    )
    assert response.status_code == 302
    assert CaseProfessional.objects.get().user == ot
    response = _access(
        caseworker,
        case,
        action="companion",
        **{
            "ledsager-companion_asked_on": today().isoformat(),
            "ledsager-companion_answer": "bisidder",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.companion_asked_on == today() and case.companion_answer == "bisidder"
    html = caseworker.get(reverse("staff:cases:access", args=[case.process_id])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "Der er tilføjet en" in html  # the second discipline is there
    # The citizen sees the guardian and the professional, and the HTML escaped.
    mine = _client(case.citizen).get(reverse("cases:detail", args=[case.process_id]))
    text = mine.content.decode()
    assert "Eva" in text and "&lt;script&gt;" in text and "<script>alert(1)" not in text
    # Withdrawing through the staff page; another case's grant is a 404.
    other = _grant(open_case(), UserFactory())
    assert _access(caseworker, case, action="withdraw", grant=other.pk).status_code == 404
    assert _access(caseworker, case, action="withdraw", grant="x1").status_code == 404
    assert _access(caseworker, case, action="withdraw", grant=grant.pk).status_code == 302
    grant.refresh_from_db()
    assert grant.withdrawn_by == case.process.responsible


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"rep-basis_note": "Cpr 010203-1234"}, "Skriv ikke et CPR-nummer"),
        ({"rep-basis_note": ""}, "Skriv, hvad adgangen bygger på"),
        ({"rep-basis_note": "Fuldmagt\x00"}, None),
        ({"rep-person": "ergo"}, "Vi kan ikke finde en borger"),
    ],
)
def test_a_bad_representation_is_refused_with_422(case, data, error):
    UserFactory(username="vaerge")
    StaffFactory(username="ergo")
    form = {
        "action": "representation",
        "rep-person": "vaerge",
        "rep-basis": "fuldmagt",
        "rep-basis_note": "Fuldmagt af 1. marts",
        "rep-level": "see",
        "rep-expires_on": (today() + datetime.timedelta(days=30)).isoformat(),
        **data,
    }
    response = _access(_client(case.process.responsible), case, **form)
    assert response.status_code == 422
    if error:
        assert error in response.content.decode()
    assert not CaseGrant.objects.exists()


def test_a_companion_date_in_the_future_is_refused(case):
    response = _access(
        _client(case.process.responsible),
        case,
        action="companion",
        **{
            "ledsager-companion_asked_on": (today() + datetime.timedelta(days=2)).isoformat(),
            "ledsager-companion_answer": "none",
        },
    )
    assert response.status_code == 422 and "fremtiden" in response.content.decode()


def test_a_relative_or_professional_gets_a_404_on_the_staff_access_page(case):
    relative, ot = UserFactory(), StaffFactory()
    _grant(case, relative, level=GrantLevel.WRITE)
    CaseProfessional.objects.create(
        case=case, user=ot, role="ergoterapeut", added_by=case.process.responsible
    )
    url = reverse("staff:cases:access", args=[case.process_id])
    assert _client(ot).get(url).status_code == 404
    assert _client(relative).get(url).status_code in (302, 404)  # not staff: the login page


# --- Query counts ---------------------------------------------------------------------------------


def test_min_sag_with_1_and_10_grants_runs_the_same_queries(django_assert_num_queries, case):
    client = _client(case.citizen)
    made = iter(range(1000))

    def grow(n: int) -> list[str]:
        name = ""
        for _ in range(n):
            i = next(made)
            person = UserFactory(first_name=f"Pårørende{i}")
            grant = _grant(case, person)
            if i % 2:
                services.withdraw_grant(grant, case.citizen)
            name = f"Pårørende{i}"
        return [name]

    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(reverse("cases:detail", args=[case.process_id])),
        grow,
        14,  # the 13 of section 3 and the meetings (one query; their times when there are some)
        sizes=(1, 10),
    )


def test_the_staff_access_page_runs_the_same_queries(django_assert_num_queries, case):
    client = _client(case.process.responsible)
    made = iter(range(1000))

    def grow(n: int) -> list[str]:
        shown = []
        for _ in range(n):
            i = next(made)
            _grant(case, UserFactory(first_name=f"Pårørende{i}"))
            CaseProfessional.objects.create(
                case=case,
                user=StaffFactory(first_name=f"Fagperson{i}"),
                role="ergoterapeut",
                added_by=case.process.responsible,
            )
            shown = [f"Pårørende{i}", f"Fagperson{i}"]
        return shown

    responses = assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(reverse("staff:cases:access", args=[case.process_id])),
        grow,
        QUERIES_ACCESS_PAGE,
        sizes=(1, 10),
    )
    assert responses


# session, user, process, case, its steps, the grants, the professionals, the access log
QUERIES_ACCESS_PAGE = 8


@override_settings(INDDRAG_LOCAL_LOGIN_ASSURANCE="low")
def test_a_case_asks_for_a_login_at_substantial_assurance():
    """A citizen signed in below ``INDDRAG_CASE_ASSURANCE`` (a local password in production) is
    sent to log in with MitID — on every page of the case, reading or writing; a stranger still
    gets the 404 first, and staff are not asked."""
    caseworker = StaffFactory()
    case = open_case(caseworker=caseworker)
    detail = reverse("cases:detail", args=[case.process_id])
    citizen = Client()
    citizen.force_login(case.citizen)
    page = citizen.get(detail)
    assert page.status_code == 302 and page["Location"].startswith(reverse("accounts:login"))
    sent = citizen.post(reverse("cases:message", args=[case.process_id]), {"text": "Hej"})
    assert sent.status_code == 302 and not case.messages.exists()
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(detail).status_code == 404
    staff = Client()
    staff.force_login(caseworker)
    assert staff.get(detail).status_code == 200
    with override_settings(INDDRAG_CASE_ASSURANCE="low"):
        assert citizen.get(detail).status_code == 200
