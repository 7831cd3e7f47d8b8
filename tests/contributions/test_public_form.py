"""Taking part: the public form on the process page (issue 3, sections 1 and 2)."""

from __future__ import annotations

import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inddrag.contributions.models import Attachment, Contribution, Flag
from inddrag.idempotency.models import IdempotencyKey
from inddrag.lib.calendar import to_the_minute
from inddrag.processes.models import Activity, Process
from tests.factories import ActivityFactory, DistrictFactory, ProcessFactory, UserFactory
from tests.factories.contributions import open_hearing
from tests.factories.files import blank_pdf, docx_with

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><b onmouseover="y">fed</b>'


def page(client, process) -> str:
    return client.get(reverse("processes:detail", args=[process.pk])).content.decode()


def form_token(html: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def post(client, process, token: str | None = None, files=(), **fields):
    data = {
        "text": "Jeg ønsker flere træer på torvet.",
        "speaking_as": "private",
        "consent": "name",
        "name": "Anna Jensen",
        "email": "anna@example.dk",
        "form_token": token if token is not None else form_token(page(client, process)),
        **fields,
    }
    if files:
        data["attachments"] = list(files)
    return client.post(reverse("contributions:submit", args=[process.pk]), data)


def pdf(name: str = "forslag.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, blank_pdf(), content_type="application/pdf")


# --- The form -----------------------------------------------------------------------------------


def test_form_is_shown_while_an_activity_is_open(client):
    process, _activity = open_hearing()
    DistrictFactory(name="Skovlunde", postcode="2740")
    html = page(client, process)
    assert "Send dit bidrag" in html
    assert f'action="{reverse("contributions:submit", args=[process.pk])}#send-bidrag"' in html
    assert 'enctype="multipart/form-data"' in html
    assert "csrfmiddlewaretoken" in html
    assert re.search(r'<input type="file" name="attachments"[^>]* multiple', html)
    assert 'maxlength="20000"' in html
    assert "op til 20.000 tegn" in html
    assert "højst 10 MB hver" in html
    assert "Jeg udtaler mig som" in html and "Medarbejder eller MED-udvalg" in html
    assert "På vegne af" in html
    assert "Den bliver aldrig vist for andre." in html  # the e-mail field says why we ask
    assert "Ja, uden mit navn: Din tekst bliver vist på denne side" in html
    assert "Din e-mailadresse bliver aldrig offentliggjort." in html
    assert "Kun til statistik (frivilligt)" in html and "Skovlunde" in html
    assert "Svarene bruges kun til statistik" in html
    assert 'href="#send-bidrag"' in html  # the "you can take part now" box links to the form


def test_closed_process_shows_why_instead_of_the_form(client):
    process = ProcessFactory(status=Process.Status.PROCESSING)
    now = timezone.now()
    ActivityFactory(
        process=process,
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=2),
    )
    html = page(client, process)
    assert "Skriftlige bidrag" in html and "Send dit bidrag" not in html
    assert "Fristen var" in html
    assert 'name="form_token"' not in html
    response = post(client, process, token="x" * 32)
    assert response.status_code == 409
    assert Contribution.objects.count() == 0


def test_a_workshop_alone_does_not_take_written_contributions(client):
    process = ProcessFactory(status=Process.Status.OPEN)
    now = timezone.now()
    ActivityFactory(
        process=process,
        method=Activity.Method.WORKSHOP,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=2),
    )
    html = page(client, process)
    assert 'name="form_token"' not in html


def test_cases_never_show_the_form_to_outsiders(client):
    process, _activity = open_hearing(kind=Process.Kind.CASE)
    assert client.get(reverse("processes:detail", args=[process.pk])).status_code == 404
    response = post(client, process, token="x" * 32)
    assert response.status_code == 404
    outsider = Client()
    outsider.force_login(UserFactory())
    assert post(outsider, process, token="x" * 32).status_code == 404
    assert Contribution.objects.count() == 0


def test_no_form_on_a_draft(client):
    process, _activity = open_hearing(status=Process.Status.DRAFT)
    assert post(client, process, token="x" * 32).status_code == 404


def test_get_on_the_form_address_goes_to_the_process_page(client):
    process, _activity = open_hearing()
    response = client.get(reverse("contributions:submit", args=[process.pk]))
    assert response.status_code == 302
    assert response["Location"] == process.get_absolute_url() + "#send-bidrag"


# --- Sending ------------------------------------------------------------------------------------


def test_submit_saves_redirects_to_the_receipt_and_mails_the_link(
    client, django_capture_on_commit_callbacks
):
    process, activity = open_hearing()
    district = DistrictFactory(name="Måløv", postcode="2760")
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            process,
            on_behalf_of="Grundejerforeningen Syd",
            district=district.pk,
            age_band="30-49",
            speaking_as="association",
        )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert response["Location"].startswith("/bidrag/")
    token = response["Location"].split("/")[2]
    assert Contribution.hash_token(token) == contribution.access_token_hash
    assert contribution.activity == activity
    assert contribution.on_behalf_of == "Grundejerforeningen Syd"
    assert contribution.speaking_as == "association"
    assert contribution.district == district and contribution.age_band == "30-49"
    assert contribution.source == "online" and not contribution.after_deadline

    receipt = client.get(response["Location"]).content.decode()
    assert contribution.receipt_number in receipt
    assert "Tak. Vi har modtaget dit bidrag." in receipt
    assert "Vi har også sendt det til den e-mailadresse, du skrev." in receipt
    assert "anna@example.dk" not in receipt
    # The private link itself is on the page, to copy or print; the e-mail is the fallback.
    private = f"http://127.0.0.1:8000/bidrag/{token}/"
    assert f'id="receipt-link" value="{private}" readonly' in receipt
    assert "Kopiér linket" in receipt and "Udskriv kvitteringen" in receipt

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.dk"]
    link = response["Location"].removesuffix("#main-content")
    assert link == reverse("contributions:receipt", args=[token])
    assert link in mail.outbox[0].body
    assert contribution.receipt_number in mail.outbox[0].subject


def test_without_an_email_the_receipt_says_to_keep_the_link(client):
    process, _activity = open_hearing()
    response = post(client, process, email="")
    receipt = client.get(response["Location"]).content.decode()
    assert "Gem det: Det er din vej tilbage til dit bidrag" in receipt
    assert "Vi har også sendt det" not in receipt
    token = response["Location"].split("/")[2]
    assert f'value="http://127.0.0.1:8000/bidrag/{token}/"' in receipt
    assert len(mail.outbox) == 0


def test_required_fields_are_explained_next_to_the_field(client):
    process, _activity = open_hearing()
    response = post(client, process, text="   ", consent="", speaking_as="")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Dit bidrag er ikke sendt endnu" in html
    assert 'id="id_text-error"' in html and "Skriv dit bidrag, før du sender det." in html
    assert "Vælg, om vi må offentliggøre dit bidrag." in html
    assert "Vælg, hvem du udtaler dig som." in html
    assert 'aria-invalid="true"' in html
    assert Contribution.objects.count() == 0


def test_text_over_20000_characters_is_refused_but_kept(client):
    process, _activity = open_hearing()
    response = post(client, process, text="a" * 20001)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Dit bidrag er 20.001 tegn langt. Det må højst være 20.000" in html
    assert "a" * 20001 in html
    # Line breaks count once, as the browser counts them.
    assert post(client, process, text="a\r\n" * 6666 + "aa").status_code == 302


def test_an_invalid_email_is_explained(client):
    process, _activity = open_hearing()
    response = post(client, process, email="ikke-en-adresse")
    assert response.status_code == 422
    assert "Skriv e-mailadressen sådan her: navn@eksempel.dk" in response.content.decode()


def test_html_and_script_in_every_text_field_is_shown_as_text(client):
    process, _activity = open_hearing()
    response = post(client, process, text=HOSTILE, name=HOSTILE, on_behalf_of=HOSTILE)
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    listing = page(client, process)
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    for html in (receipt, listing):
        assert '<script>alert("x")' not in html
        assert 'onmouseover="y"' not in html
        assert escaped in html
    # Shown as text again when the form comes back with an error.
    again = post(client, process, text=HOSTILE, name=HOSTILE, consent="").content.decode()
    assert '<script>alert("x")' not in again and escaped in again


# --- Attachments --------------------------------------------------------------------------------


def test_a_small_pdf_is_accepted(client):
    process, _activity = open_hearing()
    response = post(client, process, files=[pdf("Mit forslag.PDF")])
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "Mit forslag.pdf"
    receipt = client.get(response["Location"]).content.decode()
    assert "Mit forslag.pdf" in receipt


def test_a_file_of_10_mb_and_1_byte_is_refused(client):
    process, _activity = open_hearing()
    big = SimpleUploadedFile("stor.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 - 8))
    assert big.size == 10 * 1024 * 1024 + 1
    response = post(client, process, files=[big], text="Teksten må ikke gå tabt.")
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_attachments-error"' in html
    assert "„stor.pdf“ er større end 10 MB" in html
    assert "Teksten må ikke gå tabt." in html
    assert Contribution.objects.count() == 0 and Attachment.objects.count() == 0


def test_an_executable_renamed_pdf_is_refused(client):
    process, _activity = open_hearing()
    exe = SimpleUploadedFile("faktura.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    response = post(client, process, files=[exe])
    assert response.status_code == 422
    html = response.content.decode()
    assert "„faktura.pdf“ er ikke en filtype, vi kan modtage." in html
    assert Contribution.objects.count() == 0


def test_each_refused_file_is_named(client):
    process, _activity = open_hearing()
    exe = SimpleUploadedFile("a.pdf", b"MZ" + b"\x00" * 100)
    empty = SimpleUploadedFile("b.pdf", b"")
    html = post(client, process, files=[exe, empty, pdf()]).content.decode()
    assert "„a.pdf“ er ikke en filtype" in html and "„b.pdf“ er tom." in html


def test_six_files_are_refused(client):
    process, _activity = open_hearing()
    response = post(client, process, files=[pdf(f"{n}.pdf") for n in range(6)])
    assert response.status_code == 422
    assert "Du kan højst vedhæfte 5 filer." in response.content.decode()
    assert Contribution.objects.count() == 0
    assert post(client, process, files=[pdf(f"{n}.pdf") for n in range(5)]).status_code == 302
    assert Attachment.objects.count() == 5


def test_files_must_be_chosen_again_after_another_error(client):
    process, _activity = open_hearing()
    html = post(client, process, files=[pdf()], consent="").content.decode()
    assert "Vælg dem igen." in html


def test_a_cpr_number_in_a_docx_is_flagged_and_not_published(client):
    process, _activity = open_hearing()
    document = SimpleUploadedFile("brev.docx", docx_with("Mit cpr-nummer er 010203-1234"))
    response = post(client, process, files=[document], text="Se mit brev.")
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.flags.filter(kind=Flag.Kind.CPR, attachment__isnull=False).exists()
    assert contribution.publication == Contribution.Publication.PENDING
    assert "Se mit brev." not in page(client, process)
    receipt = client.get(response["Location"]).content.decode()
    assert "Bliver tjekket" in receipt


# --- The deadline, to the second ---------------------------------------------------------------


def test_a_post_in_the_minute_after_the_deadline_is_refused_and_the_text_kept(client):
    process, activity = open_hearing()
    token = form_token(page(client, process))
    late = to_the_minute(activity.ends_at) + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=late):
        response = post(client, process, token=token, text="Mit sene, men vigtige bidrag.")
    assert response.status_code == 409
    html = response.content.decode()
    assert "Fristen var" in html
    assert "Mit sene, men vigtige bidrag." in html
    assert 'name="form_token"' not in html
    assert Contribution.objects.count() == 0


def test_a_post_at_the_last_second_is_accepted(client):
    process, activity = open_hearing()
    token = form_token(page(client, process))
    with mock.patch("django.utils.timezone.now", return_value=activity.ends_at):
        response = post(client, process, token=token)
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.received_at == activity.ends_at
    assert not contribution.after_deadline


def test_an_invalid_form_after_the_deadline_still_keeps_the_text(client):
    process, activity = open_hearing()
    late = to_the_minute(activity.ends_at) + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=late):
        response = post(client, process, token="t" * 32, text="Halvfærdig tekst", consent="")
    assert response.status_code == 409
    assert "Halvfærdig tekst" in response.content.decode()


# --- Nothing twice, nothing lost ----------------------------------------------------------------


def test_a_double_post_with_the_same_token_creates_one_contribution(client):
    process, _activity = open_hearing()
    token = form_token(page(client, process))
    first = post(client, process, token=token)
    second = post(client, process, token=token)
    assert Contribution.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    html = client.get(second["Location"]).content.decode()
    assert "Vi havde allerede modtaget dette bidrag." in html


def test_a_repeat_on_another_app_server_goes_to_the_same_receipt(client):
    """The key lives in the database, not in a server's memory or cache."""
    process, _activity = open_hearing()
    token = form_token(page(client, process))
    first = post(client, process, token=token)
    cache.clear()  # as if the repeat reached another app server
    second = post(Client(), process, token=token)
    assert first["Location"] == second["Location"]
    assert Contribution.objects.count() == 1


def test_a_repeat_whose_link_is_not_known_shows_the_first_receipt_number(client):
    """A key kept from before links were sealed with it: the receipt number, not the link."""
    process, _activity = open_hearing()
    token = form_token(page(client, process))
    post(client, process, token=token)
    IdempotencyKey.objects.update(sealed="")
    response = post(client, process, token=token)
    assert response.status_code == 200
    contribution = Contribution.objects.get()
    html = response.content.decode()
    assert "Vi har allerede dit bidrag" in html
    assert contribution.receipt_number in html


def test_new_text_sent_again_from_the_same_page_is_not_lost(client):
    process, _activity = open_hearing()
    token = form_token(page(client, process))
    post(client, process, token=token, text="Første bidrag")
    post(client, process, token=token, text="Andet bidrag, skrevet efter at gå tilbage")
    assert Contribution.objects.count() == 2


def test_each_rendering_of_the_form_has_a_fresh_token(client):
    process, _activity = open_hearing()
    assert form_token(page(client, process)) != form_token(page(client, process))


def test_an_error_keeps_the_token_so_the_corrected_form_is_sent_once(client):
    process, _activity = open_hearing()
    token = form_token(page(client, process))
    html = post(client, process, token=token, consent="").content.decode()
    assert form_token(html) == token


def test_csrf_is_checked(client):
    process, _activity = open_hearing()
    strict = Client(enforce_csrf_checks=True)
    html = strict.get(reverse("processes:detail", args=[process.pk])).content.decode()
    data = {
        "text": "Hej",
        "speaking_as": "private",
        "consent": "anonymous",
        "form_token": form_token(html),
    }
    url = reverse("contributions:submit", args=[process.pk])
    assert strict.post(url, data).status_code == 403
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert strict.post(url, {**data, "csrfmiddlewaretoken": csrf}).status_code == 302


def test_the_email_address_never_appears_on_public_pages(
    client, django_capture_on_commit_callbacks
):
    process, _activity = open_hearing()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, process, email="hemmelig@example.dk", consent="name")
    contribution = Contribution.objects.get()
    assert contribution.publication == Contribution.Publication.PUBLISHED
    for html in (page(client, process), client.get(response["Location"]).content.decode()):
        assert "hemmelig@example.dk" not in html
    assert "hemmelig@example.dk" in mail.outbox[0].to


def test_the_form_is_rate_limited_per_address(client, settings):
    from inddrag.processes.models import Activity, Process
    from tests.factories import ActivityFactory, ProcessFactory

    settings.INDDRAG_FORM_RATE = "3/d"  # a window of a day: the test never straddles two
    process = ProcessFactory(status=Process.Status.OPEN)
    now = timezone.now()
    ActivityFactory(
        process=process,
        method=Activity.Method.HEARING,
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=1),
    )
    url = reverse("contributions:submit", args=[process.pk])
    statuses = [
        client.post(
            url, {"text": f"Bidrag {n}", "speaking_as": "private", "consent": "none"}
        ).status_code
        for n in range(5)
    ]
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3:] == [429, 429]
