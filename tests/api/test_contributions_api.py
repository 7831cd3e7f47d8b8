"""API v1 contributions: sending one (validation in Danish, idempotency, deadline, rate limit)
and reading the published ones with their answers (never e-mail or unpublished text)."""

from __future__ import annotations

import datetime
import re
import threading
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone

from inddrag.contributions import services
from inddrag.contributions.models import (
    REDACTED,
    Answer,
    Attachment,
    Contribution,
    Flag,
    Source,
)
from inddrag.contributions.services import recount
from inddrag.lib.calendar import to_the_minute
from inddrag.processes.models import Activity, FrameItem, Process
from tests.factories import (
    ActivityFactory,
    DistrictFactory,
    ProcessFactory,
    StaffFactory,
    complete_project,
)
from tests.factories.files import pdf_with_text
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings):
    settings.INDDRAG_API_RATE = "1000/m"
    cache.clear()
    yield
    cache.clear()


def open_process(**kwargs) -> Process:
    kwargs.setdefault("status", Process.Status.OPEN)
    kwargs.setdefault("review_before_publishing", False)
    process = ProcessFactory(**kwargs)
    now = timezone.now()
    ActivityFactory(
        process=process,
        method=Activity.Method.HEARING,
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3),
    )
    return process


@pytest.fixture
def process() -> Process:
    return open_process()


def url(process_or_pk) -> str:
    pk = getattr(process_or_pk, "pk", process_or_pk)
    return f"/api/v1/processes/{pk}/contributions"


def body(**overrides) -> dict:
    values = {
        "text": "Jeg ønsker flere træer på pladsen.",
        "speaking_as": "private",
        "consent": "name",
        "name": "Anna Jensen",
        "email": "anna@example.dk",
    }
    values.update(overrides)
    return values


def post(client: Client, process, key: str | None = None, **overrides):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(
        url(process), body(**overrides), content_type="application/json", headers=headers
    )


# --- Sending ----------------------------------------------------------------------------------


def test_post_json_answers_201_with_receipt_and_private_link(client, process):
    response = post(client, process, key="a1")
    assert response.status_code == 201, response.content
    data = response.json()
    contribution = Contribution.objects.get()
    year = timezone.localtime().year
    assert data["receipt_number"] == f"B-{year}-{contribution.pk:06d}"
    assert data["publication"] == "published"
    assert set(data) == {"receipt_number", "status_url", "publication"}
    match = re.fullmatch(r"http://testserver/bidrag/([\w-]+)/", data["status_url"])
    assert match, data["status_url"]
    assert Contribution.hash_token(match.group(1)) == contribution.access_token_hash
    assert client.get(data["status_url"]).status_code == 200
    assert contribution.source == Source.API
    assert contribution.activity is not None
    assert contribution.email == "anna@example.dk"


def test_post_sends_the_receipt_email_after_commit(
    client, process, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, process)
    assert response.status_code == 201
    assert len(mail.outbox) == 1
    assert response.json()["receipt_number"] in mail.outbox[0].subject
    assert mail.outbox[0].to == ["anna@example.dk"]


def test_post_needs_no_csrf_token_and_ignores_the_session(process):
    client = Client(enforce_csrf_checks=True)
    client.force_login(StaffFactory())
    response = post(client, process)
    assert response.status_code == 201
    assert Contribution.objects.get().registered_by is None


def test_post_multipart_with_files(client, process):
    files = [
        SimpleUploadedFile("høringssvar.pdf", pdf_with_text("Flere traeer tak")),
        SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    ]
    response = client.post(url(process), {**body(district_id=""), "files": files})
    assert response.status_code == 201, response.content
    contribution = Contribution.objects.get()
    attachments = list(contribution.attachments.all())
    assert [a.content_type for a in attachments] == ["application/pdf", "image/png"]
    assert "Flere traeer tak" in attachments[0].extracted_text
    # An image cannot be screened automatically, so a person looks at it first.
    assert response.json()["publication"] == "pending"


def test_cpr_number_inside_a_pdf_keeps_the_contribution_back(client, process):
    files = [SimpleUploadedFile("bilag.pdf", pdf_with_text("Mit CPR-nummer er 010190-1234"))]
    response = client.post(url(process), {**body(), "files": files})
    assert response.status_code == 201
    assert response.json()["publication"] == "pending"
    flag = Flag.objects.get()
    assert flag.kind == Flag.Kind.CPR
    assert flag.attachment is not None


def test_district_and_age_band_are_stored(client, process):
    district = DistrictFactory(name="Måløv", postcode="2760")
    response = post(client, process, district_id=district.pk, age_band="30-49")
    assert response.status_code == 201
    contribution = Contribution.objects.get()
    assert contribution.district == district
    assert contribution.age_band == "30-49"


# --- Idempotency ------------------------------------------------------------------------------


def test_repeat_with_the_same_key_returns_the_same_receipt(client, process):
    first = post(client, process, key="retry-1")
    again = post(client, process, key="retry-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["receipt_number"] == first.json()["receipt_number"]
    # A client that lost the first answer still gets the private link: it was sealed with the
    # key, which only the client holds (the database keeps the key's hash only).
    assert again.json()["status_url"] == first.json()["status_url"]
    assert Contribution.objects.count() == 1
    assert post(client, process, key="retry-2").status_code == 201
    assert Contribution.objects.count() == 2


def test_without_a_key_each_post_is_a_new_contribution(client, process):
    post(client, process)
    post(client, process)
    assert Contribution.objects.count() == 2


def test_a_repeat_after_the_deadline_still_returns_the_receipt(client, process):
    first = post(client, process, key="late-retry").json()
    later = timezone.now() + datetime.timedelta(days=30)
    with mock.patch("django.utils.timezone.now", return_value=later):
        again = post(client, process, key="late-retry")
    assert again.status_code == 200
    assert again.json()["receipt_number"] == first["receipt_number"]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_posts_with_the_same_key_create_one_row():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is covered by the test above")
    process = open_process()
    barrier = threading.Barrier(2)
    results: list = []

    def send() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(post(Client(), process, key="same-key"))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(r.status_code for r in results) == [200, 201]
    assert len({r.json()["receipt_number"] for r in results}) == 1
    assert Contribution.objects.filter(process=process).count() == 1


# --- Validation in Danish ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"text": ""}, "text", "Skriv dit bidrag, før du sender det."),
        ({"text": "   \n "}, "text", "Skriv dit bidrag, før du sender det."),
        (
            {"text": "x" * 20001},
            "text",
            "Dit bidrag er 20.001 tegn langt. Det må højst være 20.000: Gør det kortere, eller "
            "vedhæft resten som en fil.",
        ),
        ({"text": 42}, "text", "Skal være tekst."),
        ({"text": "hej\x00"}, "text", "Teksten indeholder tegn, der ikke kan gemmes."),
        (
            {"speaking_as": "robot"},
            "speaking_as",
            "Vælg, hvem du udtaler dig som. Gyldige værdier: private, business, association, "
            "council, authority, employee.",
        ),
        (
            {"consent": "maybe"},
            "consent",
            "Vælg, om vi må offentliggøre dit bidrag. Gyldige værdier: name, anonymous, none.",
        ),
        ({"email": "anna@"}, "email", "Skriv e-mailadressen sådan her: navn@eksempel.dk"),
        ({"name": "A" * 201}, "name", "Skriv højst 200 tegn (du har skrevet 201)."),
        (
            {"district_id": 999999},
            "district_id",
            "Der findes ingen sådan bydel. Lad feltet være tomt, hvis du ikke vil oplyse det.",
        ),
        (
            {"district_id": "Ballerup"},
            "district_id",
            "Der findes ingen sådan bydel. Lad feltet være tomt, hvis du ikke vil oplyse det.",
        ),
        ({"district_id": [1]}, "district_id", "Skal være et helt tal."),
        (
            {"age_band": "100"},
            "age_band",
            "Vælg en aldersgruppe, eller lad feltet være tomt, hvis du ikke vil oplyse det. "
            "Gyldige værdier: u18, 18-29, 30-49, 50-64, 65-79, 80+.",
        ),
        (
            {"files": ["aGVq"]},
            "files",
            "Send bilag som multipart/form-data i feltet „files“.",
        ),
    ],
)
def test_bad_input_is_422_with_a_danish_message_per_field(
    client, process, overrides, field, message
):
    response = post(client, process, **overrides)
    assert response.status_code == 422
    assert {"field": field, "message": message} in response.json()["detail"]
    assert not Contribution.objects.exists()


def test_missing_fields_are_each_reported(client, process):
    response = client.post(url(process), {}, content_type="application/json")
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["detail"]]
    assert fields == ["text", "speaking_as", "consent"]


def test_messages_are_danish_even_for_a_visitor_who_chose_english(client, process, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = post(client, process, text="")
    assert response.json()["detail"] == [
        {"field": "text", "message": "Skriv dit bidrag, før du sender det."}
    ]


def test_body_must_be_a_json_object_or_a_form(client, process):
    response = client.post(url(process), "{not json", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body"
    response = client.post(url(process), "[1, 2]", content_type="application/json")
    assert response.status_code == 422
    response = client.post(
        url(process), b"--x\r\nbroken", content_type="multipart/form-data; boundary=\x00"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body"
    response = client.post(url(process), "text=hej", content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["detail"] == "Send bidraget som JSON eller multipart/form-data."


def test_a_urlencoded_form_is_accepted_too(client, process):
    response = client.post(
        url(process), urlencode(body()), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 201


def test_a_json_body_over_the_upload_limit_is_413(client, process, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(client, process, text="x" * 2000)
    assert response.status_code == 413
    assert response.json() == {"detail": "Forespørgslen er for stor."}


def test_idempotency_key_longer_than_100_characters_is_refused(client, process):
    response = post(client, process, key="k" * 101)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "Idempotency-Key"


def test_an_executable_renamed_pdf_is_refused(client, process):
    executable = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
    files = [SimpleUploadedFile("høringssvar.pdf", executable, content_type="application/pdf")]
    response = client.post(url(process), {**body(), "files": files})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "files"
    assert "høringssvar.pdf" in error["message"]
    assert not Contribution.objects.exists()
    assert not Attachment.objects.exists()


def test_a_file_of_10_mb_and_one_byte_is_refused(client, process):
    too_big = pdf_with_text("stor") + b"\x00" * (10 * MB + 1 - len(pdf_with_text("stor")))
    assert len(too_big) == 10 * MB + 1
    files = [SimpleUploadedFile("stor.pdf", too_big)]
    response = client.post(url(process), {**body(), "files": files})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "files"
    assert "10 MB" in error["message"]
    assert not Contribution.objects.exists()


def test_at_most_five_files(client, process):
    files = [SimpleUploadedFile(f"{n}.pdf", pdf_with_text(str(n))) for n in range(6)]
    response = client.post(url(process), {**body(), "files": files})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "files"


# --- When the process takes contributions -----------------------------------------------------


def test_the_minute_after_the_deadline_is_409_and_at_the_deadline_is_accepted(client, process):
    activity = process.activities.get()
    with mock.patch("django.utils.timezone.now", return_value=activity.ends_at):
        assert post(client, process).status_code == 201
    after = to_the_minute(activity.ends_at) + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=after):
        response = post(client, process)
        expected = process.closed_message(after)
    assert response.status_code == 409
    assert response.json() == {"detail": expected}
    assert response.json()["detail"].startswith("Fristen var")
    assert Contribution.objects.count() == 1


def test_before_the_first_activity_is_409(client):
    process = complete_project(status=Process.Status.OPEN)  # its hearing is in 2027
    response = post(client, process)
    assert response.status_code == 409
    assert response.json()["detail"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_drafts_cases_and_unknown_ids_are_404(client, method):
    draft = open_process(status=Process.Status.DRAFT)
    case = open_process(kind=Process.Kind.CASE)
    for pk in (draft.pk, case.pk, 987654):
        response = post(client, pk) if method == "post" else client.get(url(pk))
        assert response.status_code == 404
        assert response.json() == {"detail": "Der er intet offentligt forløb med dette id."}
    assert not Contribution.objects.exists()


# --- Rate limit -------------------------------------------------------------------------------


def test_too_many_posts_from_one_address_are_429_with_retry_after(client, process, settings):
    settings.INDDRAG_API_RATE = "3/d"  # a window of a day: the test never straddles two
    assert post(client, process).status_code == 201
    assert post(client, process, text="").status_code == 422  # every attempt counts
    assert post(client, process).status_code == 201
    response = post(client, process)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 24 * 60 * 60
    assert response.json()["detail"].startswith("Der er sendt for mange bidrag fra din adresse.")
    assert Contribution.objects.count() == 2
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert post(other, process).status_code == 201
    # Reading is not limited.
    assert client.get(url(process)).status_code == 200


# --- Reading the published contributions ------------------------------------------------------


def test_get_returns_published_contributions_with_published_answers(client, process):
    staff = StaffFactory()
    fixed = FrameItem.objects.create(
        process=process, kind="fixed", text="Budgettet", reason="Det er vedtaget."
    )
    answered = services.submit(
        process,
        services.SubmissionData(
            text="Flyt legepladsen",
            speaking_as="association",
            on_behalf_of="Grundejerforeningen",
            name="Bo",
            email="bo@example.dk",
            consent="name",
        ),
        [],
    ).contribution
    drafted = services.submit(
        process,
        services.SubmissionData(
            text="Mere lys", speaking_as="private", consent="anonymous", name="Skjult Navn"
        ),
        [],
    ).contribution
    services.answer(
        [answered],
        outcome=Answer.Outcome.OUTSIDE_FRAME,
        reason="Budgettet ligger fast.",
        frame_item=fixed,
        author=staff,
    )
    services.publish_answers(process, staff)
    services.answer([drafted], outcome=Answer.Outcome.NOTED, reason="Tak.", author=staff)

    data = client.get(url(process)).json()
    assert data["count"] == 2
    items = {item["id"]: item for item in data["items"]}
    first = items[answered.pk]
    assert set(first) == {
        "id",
        "receipt_number",
        "received_at",
        "speaking_as",
        "public_name",
        "text",
        "attachments",
        "answer",
    }
    assert first["public_name"] == "Grundejerforeningen"
    assert first["speaking_as"] == "association"
    assert first["answer"]["outcome"] == "outside_frame"
    assert first["answer"]["reason"] == "Budgettet ligger fast."
    assert first["answer"]["frame_item"] == "Budgettet"
    assert first["answer"]["published_at"]
    second = items[drafted.pk]
    assert second["public_name"] == ""
    assert second["answer"] is None  # drafted, not published
    content = client.get(url(process)).content.decode()
    assert "Skjult Navn" not in content
    assert "@example.dk" not in content


def test_get_never_returns_unpublished_declined_or_private_contributions(client):
    process = open_process(review_before_publishing=True)
    staff = StaffFactory()
    pending = post(client, process, text="Venter på gennemsyn").json()
    declined_receipt = post(client, process, text="Afvist tekst").json()["receipt_number"]
    services.decline(Contribution.objects.get(receipt_number=declined_receipt), "Krænkende", staff)
    post(client, process, text="Må ikke offentliggøres", consent="none")
    assert pending["publication"] == "pending"
    data = client.get(url(process)).json()
    assert data == {"items": [], "count": 0}


def test_html_is_returned_verbatim_as_a_json_string_only_after_publication(client):
    process = open_process(review_before_publishing=True)
    script = '<script>alert("x")</script><b>fed</b> & "citat"'
    post(client, process, text=script)
    assert client.get(url(process)).json()["count"] == 0
    services.approve(Contribution.objects.get(), StaffFactory())
    response = client.get(url(process))
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["items"][0]["text"] == script


def test_a_redacted_text_is_never_returned_in_the_original(client, process):
    staff = StaffFactory()
    post(client, process, text="Ring på 12 34 56 78 eller skriv til bo@example.dk. Tak.")
    contribution = Contribution.objects.get()
    assert contribution.publication == Contribution.Publication.PENDING
    assert client.get(url(process)).json()["count"] == 0
    for flag in contribution.flags.all():
        services.resolve_flag(flag, Flag.Resolution.REDACTED, staff)
    response = client.get(url(process))
    [item] = response.json()["items"]
    assert item["text"] == f"Ring på {REDACTED} eller skriv til {REDACTED}. Tak."
    assert "12 34 56 78" not in response.content.decode()
    assert "bo@example.dk" not in response.content.decode()


def test_withheld_attachments_are_left_out(client, process):
    staff = StaffFactory()
    files = [
        SimpleUploadedFile("plan.pdf", pdf_with_text("Forslag til plan")),
        SimpleUploadedFile("cpr.pdf", pdf_with_text("CPR 010190-1234")),
    ]
    assert client.post(url(process), {**body(), "files": files}).status_code == 201
    contribution = Contribution.objects.get()
    for flag in contribution.flags.all():
        services.resolve_flag(flag, Flag.Resolution.REDACTED, staff)
    [item] = client.get(url(process)).json()["items"]
    plan = contribution.attachments.get(original_name="plan.pdf")
    assert item["attachments"] == [
        {
            "name": "plan.pdf",
            "content_type": "application/pdf",
            "size": plan.size,
            "url": f"http://testserver/bidrag/bilag/{plan.pk}/",
        }
    ]
    download = client.get(item["attachments"][0]["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    withheld = contribution.attachments.get(original_name="cpr.pdf")
    assert client.get(f"/bidrag/bilag/{withheld.pk}/").status_code == 404


def test_get_paginates_with_limit_and_offset(client, process):
    for n in range(5):
        post(client, process, text=f"Bidrag {n}")
    page = client.get(url(process), {"limit": 2, "offset": 4}).json()
    assert page["count"] == 5
    assert [item["text"] for item in page["items"]] == ["Bidrag 0"]
    assert len(client.get(url(process), {"limit": 1000}).json()["items"]) == 5


def _published(process: Process, rows: int, frame_item: FrameItem) -> None:
    now = timezone.now()
    contributions = Contribution.objects.bulk_create(
        Contribution(
            process=process,
            text=f"Bidrag {n}",
            published_text=f"Bidrag {n}",
            speaking_as="private",
            consent="name",
            name=f"Borger {n}",
            # The last one made is the newest: the first of the list.
            received_at=now - datetime.timedelta(minutes=rows - n),
            publication=Contribution.Publication.PUBLISHED,
            receipt_number=f"B-2026-{n:06d}",
        )
        for n in range(rows)
    )
    Answer.objects.bulk_create(
        Answer(
            contribution=c,
            outcome=Answer.Outcome.OUTSIDE_FRAME,
            reason="Ligger fast.",
            frame_item=frame_item,
            published_at=now,
        )
        for c in contributions
    )
    Attachment.objects.bulk_create(
        Attachment(
            contribution=c,
            file=f"contributions/{process.pk}/{c.pk}/bilag.pdf",
            original_name="bilag.pdf",
            content_type="application/pdf",
            size=1000,
        )
        for c in contributions
    )
    recount(Process.objects.filter(pk=process.pk))  # bulk_create passes by the counters


@pytest.mark.parametrize("rows", [10, 200])
def test_get_query_count_does_not_grow(client, process, django_assert_num_queries, rows):
    fixed = FrameItem.objects.create(process=process, kind="fixed", text="Budget", reason="Fast")
    _published(process, rows, fixed)
    # The process, the count, the page with answers and frame items, the attachments.
    response = assert_queries(
        django_assert_num_queries, 4, lambda: client.get(url(process)), shows=f"Bidrag {rows - 1}"
    )
    items = response.json()["items"]
    assert len(items) == min(rows, 100)
    assert items[0]["text"] == f"Bidrag {rows - 1}"
    # Neither the original text, the e-mail address nor a file's text is even loaded.
    sql = " ".join(q["sql"] for q in response.captured_queries)
    for column in ('"email"', '"text"', '"extracted_text"'):
        assert f'"contributions_contribution".{column}' not in sql
        assert f'"contributions_attachment".{column}' not in sql
    assert '"published_text"' in sql


# --- The process detail and OpenAPI -----------------------------------------------------------


def test_process_detail_counts_contributions_and_published_answers(client, process):
    staff = StaffFactory()
    for n in range(3):
        post(client, process, text=f"Bidrag {n}")
    services.answer(
        list(Contribution.objects.all()[:2]), outcome="noted", reason="Tak.", author=staff
    )
    services.publish_answers(process, staff)
    post(client, process, text="Privat", consent="none")
    data = client.get(f"/api/v1/processes/{process.pk}").json()
    assert data["contributions_count"] == 4
    assert data["answers_published_count"] == 2


def test_openapi_documents_the_contributions_endpoints(client):
    spec = client.get("/api/v1/openapi.json").json()
    path = spec["paths"]["/api/v1/processes/{process_id}/contributions"]
    post_op, get_op = path["post"], path["get"]
    assert set(post_op["responses"]) >= {"200", "201", "404", "409", "422", "429"}
    content = post_op["requestBody"]["content"]
    assert set(content) == {"application/json", "multipart/form-data"}
    assert "files" in content["multipart/form-data"]["schema"]["properties"]
    assert "files" not in content["application/json"]["schema"]["properties"]
    assert any(p["name"] == "Idempotency-Key" for p in post_op["parameters"])
    schemas = spec["components"]["schemas"]
    assert set(schemas["ContributionOut"]["properties"]) == {
        "id",
        "receipt_number",
        "received_at",
        "speaking_as",
        "public_name",
        "text",
        "attachments",
        "answer",
    }
    assert "email" not in schemas["ContributionOut"]["properties"]
    assert set(schemas["ReceiptOut"]["properties"]) == {
        "receipt_number",
        "status_url",
        "publication",
    }
    assert "detail" in schemas["FieldErrorsOut"]["properties"]
    assert "contributions_count" in schemas["ProcessOut"]["properties"]
    assert "200" in get_op["responses"]


def test_post_query_count(client, process, django_assert_num_queries):
    """One post (issue #14: it was 17 in production): the process and its activities; the
    idempotency key claimed in one statement; the contribution inserted as screened (then its
    receipt number); the receipts cap; the e-mail; the key's result; the counter last. Here
    inside the test's transaction (savepoints for BEGIN and COMMIT) and with the tests' task
    backend, which enqueues after the commit (production's writes the task row too: 12)."""
    post(client, process, key="first", email="first@example.dk")
    with django_assert_num_queries(11):
        response = post(client, process, key="second", email="second@example.dk")
    assert response.status_code == 201
    assert Process.objects.get(pk=process.pk).contributions_received == 2
