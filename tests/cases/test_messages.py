"""Messages and documents both ways in a case, and "Hvem har set min sag" (issue #11, section 2
bullet 2 and section 5 bullet 2): private to the case's participants, each input answered, the
citizen e-mailed a link only, every view and download logged."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from inddrag.audit.models import AccessLog
from inddrag.cases import services
from inddrag.cases.forms import MessageForm
from inddrag.cases.models import CaseMessage, CaseMessageFile
from inddrag.notifications.models import Notification
from tests.factories import StaffFactory, UserFactory
from tests.factories.cases import open_case
from tests.factories.files import pdf_with_text
from tests.queries import assert_constant_queries, assert_queries

pytestmark = pytest.mark.django_db

SECRET = "Min ryg gør ondt om natten"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pdf(
    name: str = "Lægeerklæring Karen Jensen.pdf",
    text: str = "Lægeerklæring om ryggen: hun har brug for hjælp om natten.",
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_with_text(text), content_type="application/pdf")


def _send(client: Client, case, text: str = SECRET, token: str = "t" * 32, **files):
    return client.post(
        reverse("cases:message", args=[case.process_id]),
        {"text": text, "form_token": token, **files},
    )


def _answer(client: Client, message, text: str = "Vi finder en løsning sammen."):
    return client.post(
        reverse("staff:cases:messages", args=[message.case.process_id]),
        {"answer_to": message.pk, f"svar-{message.pk}-answer": text},
    )


@pytest.fixture
def case():
    return open_case(
        caseworker=StaffFactory(first_name="Jonas", last_name="Holm", title="Ergoterapeut"),
        citizen=UserFactory(first_name="Karen", email="karen@example.com"),
    )


# --- The citizen writes ------------------------------------------------------------------------


def test_the_citizen_writes_with_a_document_and_it_is_an_input(case):
    citizen = case.citizen
    response = _send(_client(citizen), case, attachments=[_pdf()])
    assert response.status_code == 302 and response.url.endswith("#beskeder")

    message = CaseMessage.objects.get()
    assert message.is_input and message.unanswered and message.author == citizen
    document = CaseMessageFile.objects.get()
    # The file name holds a name: stored under a random name, shown as the citizen named it.
    assert document.file.name.startswith("cases/") and "Karen" not in document.file.name
    assert document.original_name == "Lægeerklæring Karen Jensen.pdf"
    html = _client(citizen).get(reverse("cases:detail", args=[case.process_id])).content.decode()
    assert SECRET in html and "Lægeerklæring" in html and "Ikke besvaret endnu" in html
    # Writing is a change in the case's log; no e-mail to the citizen about their own message.
    assert AccessLog.objects.filter(
        user=citizen, action=AccessLog.Action.CHANGE, detail=f"message {message.pk}"
    ).exists()
    assert not Notification.objects.exists()


def test_a_double_submit_makes_one_message(case):
    client = _client(case.citizen)
    first = _send(client, case, token="k" * 32)
    second = _send(client, case, token="k" * 32)
    assert first.status_code == second.status_code == 302
    assert CaseMessage.objects.count() == 1
    _send(client, case, token="n" * 32)  # a new form is a new message
    assert CaseMessage.objects.count() == 2


def test_another_citizens_case_is_a_404_and_a_participant_who_is_not_the_citizen_a_403(case):
    stranger = UserFactory()
    assert _send(_client(stranger), case).status_code == 404
    assert _client(stranger).get(reverse("cases:detail", args=[case.process_id])).status_code == 404
    assert _send(_client(case.process.responsible), case).status_code == 403
    assert not CaseMessage.objects.exists()


def test_a_bad_message_gets_a_danish_error_next_to_the_field_and_nothing_is_saved(case):
    client = _client(case.citizen)
    for text, error in (
        ("", "Skriv din besked."),
        ("Hej\x00", None),
        ("x" * 4001, "højst 4.000 tegn"),
    ):
        response = _send(client, case, text=text)
        assert response.status_code == 422, text
        html = response.content.decode()
        assert "form-error-message" in html
        if error:
            assert error in html
    # A browser cannot send a lone surrogate; the form refuses one all the same.
    assert "text" in MessageForm({"text": "Hej \ud800 med dig"}).errors
    bad = SimpleUploadedFile("virus.exe", b"MZ\x90\x00" + b"\x00" * 100)
    response = _send(client, case, attachments=[bad])
    assert response.status_code == 422 and "virus.exe" in response.content.decode()
    six = [_pdf(f"bilag{n}.pdf") for n in range(6)]
    assert _send(client, case, attachments=six).status_code == 422
    assert not CaseMessage.objects.exists() and not CaseMessageFile.objects.exists()


def test_html_in_a_message_is_shown_as_text(case):
    _send(_client(case.citizen), case, text="<script>alert(1)</script> <b>fed</b>")
    for user, url in (
        (case.citizen, reverse("cases:detail", args=[case.process_id])),
        (case.process.responsible, reverse("staff:cases:messages", args=[case.process_id])),
    ):
        html = _client(user).get(url).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<b>fed</b>" not in html


def test_an_unreadable_pdf_does_not_crash(case):
    broken = SimpleUploadedFile("skannet.pdf", b"%PDF-1.4\n" + b"\xff\xfe garbage" * 50)
    response = _send(_client(case.citizen), case, attachments=[broken])
    assert response.status_code in (302, 422)


# --- Downloads ----------------------------------------------------------------------------------


def test_documents_download_only_to_participants_and_each_download_is_logged(case):
    _send(_client(case.citizen), case, attachments=[_pdf()])
    document = CaseMessageFile.objects.get()
    url = reverse("cases:attachment", args=[case.process_id, document.pk])
    for user in (case.citizen, case.process.responsible):
        response = _client(user).get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        log = AccessLog.objects.filter(
            user=user, action=AccessLog.Action.VIEW, object_id=case.process_id
        ).latest("pk")
        assert log.detail.startswith("cases:attachment") and f"document {document.pk}" in log.detail
    assert _client(UserFactory()).get(url).status_code == 404
    assert _client(StaffFactory()).get(url).status_code == 404
    assert Client().get(url).status_code == 404
    # A document of this case through another case's address is a 404 too.
    other = open_case(citizen=case.citizen, caseworker=case.process.responsible)
    wrong = reverse("cases:attachment", args=[other.process_id, document.pk])
    assert _client(case.citizen).get(wrong).status_code == 404


# --- The caseworker answers and writes ---------------------------------------------------------


def test_the_caseworker_answers_the_citizen_sees_it_and_gets_a_link_only(case):
    _send(_client(case.citizen), case)
    message = CaseMessage.objects.get()
    caseworker = case.process.responsible
    staff_page = _client(caseworker).get(reverse("staff:processes:edit", args=[case.process_id]))
    assert "1 besked fra borgeren er ikke besvaret" in staff_page.content.decode()

    response = _answer(_client(caseworker), message)
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.answer == "Vi finder en løsning sammen." and message.answered_by == caseworker
    assert message.answered_at is not None and not message.unanswered

    html = _client(case.citizen).get(reverse("cases:detail", args=[case.process_id])).content
    html = html.decode()
    assert "Vi finder en løsning sammen." in html and "Svar fra Jonas Holm" in html
    mail = Notification.objects.get()
    assert mail.to == "karen@example.com" and mail.kind == Notification.Kind.ANSWER
    assert f"/sager/{case.process_id}/#beskeder" in mail.body
    assert SECRET not in mail.body and "løsning" not in mail.body
    assert case.process.title not in mail.body + mail.subject
    staff_page = _client(caseworker).get(reverse("staff:processes:edit", args=[case.process_id]))
    assert "Alle beskeder fra borgeren er besvaret" in staff_page.content.decode()


def test_an_empty_answer_is_refused_next_to_the_field(case):
    _send(_client(case.citizen), case)
    message = CaseMessage.objects.get()
    response = _answer(_client(case.process.responsible), message, text="")
    assert response.status_code == 422 and "Skriv dit svar." in response.content.decode()
    message.refresh_from_db()
    assert message.unanswered and not Notification.objects.exists()


def test_only_the_cases_staff_answer_and_only_inputs(case):
    _send(_client(case.citizen), case)
    message = CaseMessage.objects.get()
    assert _answer(_client(StaffFactory()), message).status_code == 404
    assert _answer(_client(case.citizen), message).status_code == 404
    message.refresh_from_db()
    assert message.unanswered
    own = CaseMessage.objects.create(case=case, author=case.process.responsible, text="Hej")
    assert _answer(_client(case.process.responsible), own).status_code == 404


def test_the_caseworker_writes_and_the_citizen_gets_a_link_only(case):
    caseworker = case.process.responsible
    response = _client(caseworker).post(
        reverse("staff:cases:messages", args=[case.process_id]),
        {
            "text": "Vi kommer på hjemmebesøg tirsdag.",
            "form_token": "s" * 32,
            "attachments": [_pdf("Plan.pdf", "Plan")],
        },
    )
    assert response.status_code == 302
    message = CaseMessage.objects.get()
    assert not message.is_input and message.files.count() == 1
    mail = Notification.objects.get()
    assert mail.to == "karen@example.com" and "hjemmebesøg" not in mail.body
    html = _client(case.citizen).get(reverse("cases:detail", args=[case.process_id])).content
    assert "Vi kommer på hjemmebesøg tirsdag." in html.decode() and b"Plan.pdf" in html


def test_a_citizen_without_an_e_mail_address_gets_no_e_mail():
    case = open_case(citizen=UserFactory(email=""))
    CaseMessage.objects.create(case=case, author=case.citizen, text="Hej", is_input=True)
    services.answer_message(CaseMessage.objects.get(), "Svar", case.process.responsible)
    assert not Notification.objects.exists()


# --- Counted on "Mine sager" -------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 30])
def test_mine_sager_counts_unanswered_inputs_in_constant_queries(django_assert_num_queries, rows):
    caseworker = StaffFactory()
    cases = [open_case(caseworker=caseworker, title=f"Sag {n}") for n in range(rows)]
    for case in cases:
        for text in ("En", "To"):
            CaseMessage.objects.create(case=case, author=case.citizen, text=text, is_input=True)
        CaseMessage.objects.create(case=case, author=caseworker, text="Svar")
    answered = CaseMessage.objects.filter(case=cases[0], text="To").get()
    services.answer_message(answered, "Ja", caseworker)
    client = _client(caseworker)
    assert_queries(
        django_assert_num_queries,
        8,  # session, user, count, the rows, their steps and professionals (checks), types, log
        lambda: client.get(reverse("staff:cases:mine")),
        shows=[cases[min(rows, 25) - 1].process.title, "1 besked" if rows == 1 else "2 beskeder"],
    )


# --- "Hvem har set min sag" --------------------------------------------------------------------


def test_the_citizen_sees_which_staff_opened_the_case_and_when(case):
    caseworker = case.process.responsible
    _client(caseworker).get(reverse("staff:processes:edit", args=[case.process_id]))
    _client(caseworker).get(reverse("staff:cases:messages", args=[case.process_id]))
    colleague = StaffFactory(first_name="Ida", last_name="Berg", title="Visitator")
    case.process.participants.add(colleague)
    _client(colleague).get(reverse("staff:processes:edit", args=[case.process_id]))
    client = _client(case.citizen)
    client.get(reverse("cases:detail", args=[case.process_id]))  # the citizen's own view

    html = client.get(reverse("cases:detail", args=[case.process_id])).content.decode()
    seen = html.split('id="hvem-har-set"')[1]
    assert "Ida Berg, Visitator" in seen and "Jonas Holm, Ergoterapeut" in seen
    assert seen.index("Ida Berg") < seen.index("Jonas Holm")  # the one who looked last first
    assert case.citizen.display_name not in seen  # only the municipality's staff
    rows = services.seen_by_staff(case.process)
    assert [(r["name"], r["views"]) for r in rows] == [("Ida Berg", 1), ("Jonas Holm", 2)]


def test_min_sag_has_a_constant_query_count(django_assert_num_queries, case):
    client = _client(case.citizen)
    made = iter(range(1000))

    def grow(n: int) -> list[str]:
        for _ in range(n):
            i = next(made)
            _send(
                client, case, text=f"Besked {i}", token=f"{i:032d}", attachments=[_pdf(f"b{i}.pdf")]
            )
            viewer = StaffFactory(first_name=f"Kollega{i}")
            case.process.participants.add(viewer)
            _client(viewer).get(reverse("staff:processes:edit", args=[case.process_id]))
        return [f"Besked {i}", f"b{i}.pdf", f"Kollega{i}"]

    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(reverse("cases:detail", args=[case.process_id])),
        grow,
        # the messages, their documents and who has seen it: one query each, however many; the
        # meetings one (their times are a second query only when there are meetings); for the
        # citizen "who can see your case": the grants and the professionals
        14,
        sizes=(1, 8),
    )


# --- The CPR number is never stored: not in a message, not in a document ------------------------


@pytest.mark.parametrize(
    "text", ["Mit cpr-nr. er 010203-1234", "CPR 0102031234, hvis I skal bruge det"]
)
def test_a_message_with_a_cpr_number_is_refused_next_to_the_field(text):
    citizen = UserFactory()
    case = open_case(citizen=citizen)
    page = _client(citizen).post(reverse("cases:message", args=[case.process_id]), {"text": text})
    assert page.status_code == 422
    assert "CPR-nummer" in page.content.decode()
    assert not CaseMessage.objects.exists()


def test_an_attachment_with_a_cpr_number_is_refused_and_nothing_is_saved():
    citizen = UserFactory()
    case = open_case(citizen=citizen)
    document = SimpleUploadedFile(
        "laegeerklaering.pdf",
        pdf_with_text("Lægeerklæring for Karen Jensen, CPR 010203-1234."),
        content_type="application/pdf",
    )
    page = _client(citizen).post(
        reverse("cases:message", args=[case.process_id]),
        {"text": "Her er lægeerklæringen.", "attachments": [document]},
    )
    assert page.status_code == 422
    assert "laegeerklaering.pdf" in page.content.decode()
    assert not CaseMessage.objects.exists() and not CaseMessageFile.objects.exists()
    clean = SimpleUploadedFile(
        "laegeerklaering.pdf",
        pdf_with_text("Lægeerklæring for Karen Jensen om hendes hofte og hendes behov."),
        content_type="application/pdf",
    )
    page = _client(citizen).post(
        reverse("cases:message", args=[case.process_id]),
        {"text": "Her er lægeerklæringen.", "attachments": [clean]},
    )
    assert page.status_code == 302 and CaseMessageFile.objects.count() == 1
