"""The contributions core: submission, deadlines, idempotency, publication, e-mail, P2 checks."""

from __future__ import annotations

import datetime
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inddrag.contributions import services, uploads
from inddrag.contributions.models import Answer, Contribution, Flag
from inddrag.idempotency.services import IdempotencyConflict
from inddrag.lib.calendar import to_the_minute
from inddrag.notifications.models import Notification
from inddrag.notifications.services import MAX_DELIVERY_ATTEMPTS
from inddrag.principles.checks import run_checks
from inddrag.principles.plan import load_plan
from inddrag.processes.models import Activity, FrameItem, Process
from tests.factories import ActivityFactory, MilestoneFactory, ProcessFactory, StaffFactory
from tests.factories.contributions import open_hearing
from tests.factories.files import docx_with, pdf_with_text
from tests.notifications.backends import BROKEN
from tests.storages import disk_full_after_one_file

DEFAULT_STORAGE = "django.core.files.storage.FileSystemStorage"

pytestmark = pytest.mark.django_db


@pytest.fixture
def hearing():
    process = ProcessFactory(status=Process.Status.OPEN, review_before_publishing=False)
    now = timezone.now()
    activity = ActivityFactory(
        process=process,
        method=Activity.Method.HEARING,
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3),
    )
    return process, activity


def data(**overrides) -> services.SubmissionData:
    values = {
        "text": "Jeg ønsker flere træer.",
        "speaking_as": "private",
        "consent": "name",
        "name": "Anna Jensen",
        "email": "anna@example.dk",
    }
    values.update(overrides)
    return services.SubmissionData(**values)


def upload(name: str, content: bytes) -> uploads.CheckedFile:
    return uploads.check_file(SimpleUploadedFile(name, content))


def test_submit_gives_receipt_and_mails_it(hearing, django_capture_on_commit_callbacks):
    process, activity = hearing
    with django_capture_on_commit_callbacks(execute=True):
        result = services.submit(process, data(), [])
    contribution = result.contribution
    year = timezone.localtime().year
    assert contribution.receipt_number == f"B-{year}-{contribution.pk:06d}"
    assert contribution.activity == activity
    assert contribution.publication == Contribution.Publication.PUBLISHED
    assert len(mail.outbox) == 1
    assert contribution.receipt_number in mail.outbox[0].subject
    assert f"/bidrag/{result.token}/" in mail.outbox[0].body
    assert Contribution.objects.get(access_token_hash=Contribution.hash_token(result.token))
    assert Notification.objects.get().status == Notification.Status.SENT


def test_deadline_to_the_minute(hearing):
    process, activity = hearing
    with mock.patch("django.utils.timezone.now", return_value=activity.ends_at):
        assert services.submit(process, data(), []).created
    late = to_the_minute(activity.ends_at) + datetime.timedelta(minutes=1)
    with pytest.raises(services.ContributionClosed) as closed:
        services.submit(process, data(), [], now=late)
    assert "Fristen var" in closed.value.message
    assert Contribution.objects.count() == 1


def test_staff_can_register_after_the_deadline(hearing):
    process, activity = hearing
    later = activity.ends_at + datetime.timedelta(days=1)
    result = services.submit(
        process,
        data(activity=activity),
        [],
        source="letter",
        registered_by=StaffFactory(),
        received_at=later,
        now=later,
    )
    assert result.contribution.after_deadline


def test_same_idempotency_key_creates_one_row(hearing):
    process, _ = hearing
    first = services.submit(process, data(), [], idempotency_key="k-1")
    second = services.submit(process, data(), [], idempotency_key="k-1")
    assert first.created and not second.created
    assert second.contribution.pk == first.contribution.pk
    assert second.token == first.token  # the repeat can still go to the private receipt
    # The key with other content is refused: it cannot be used to look up someone's receipt.
    with pytest.raises(IdempotencyConflict):
        services.submit(process, data(text="anden tekst"), [], idempotency_key="k-1")
    assert Contribution.objects.count() == 1


def test_a_key_is_per_process(hearing):
    process, _ = hearing
    other, _ = open_hearing()
    first = services.submit(process, data(), [], idempotency_key="k-2")
    second = services.submit(other, data(), [], idempotency_key="k-2")
    assert first.created and second.created
    assert Contribution.objects.count() == 2


def test_a_refused_submission_frees_its_key(hearing):
    process, activity = hearing
    late = to_the_minute(activity.ends_at) + datetime.timedelta(minutes=1)
    with pytest.raises(services.ContributionClosed):
        services.submit(process, data(), [], idempotency_key="k-3", now=late)
    assert services.submit(process, data(), [], idempotency_key="k-3").created


def test_cpr_in_text_holds_publication_until_redacted(hearing):
    process, _ = hearing
    contribution = services.submit(process, data(text="Mit cpr er 010203-1234."), []).contribution
    assert contribution.publication == Contribution.Publication.PENDING
    flag = contribution.flags.get()
    assert flag.kind == Flag.Kind.CPR
    services.resolve_flag(flag, Flag.Resolution.REDACTED, StaffFactory())
    contribution.refresh_from_db()
    assert contribution.publication == Contribution.Publication.PUBLISHED
    assert contribution.published_text == "Mit cpr er [skjult]."
    assert "010203-1234" in contribution.text  # the original is kept for staff


def test_cpr_inside_a_pdf_or_docx_is_caught(hearing):
    process, _ = hearing
    files = [upload("svar.pdf", pdf_with_text("CPR 010203-1234")), upload("b.docx", docx_with("x"))]
    contribution = services.submit(process, data(), files).contribution
    kinds = sorted((f.attachment.original_name, f.kind) for f in contribution.flags.all())
    assert kinds == [("b.docx", "cpr"), ("svar.pdf", "cpr")]
    assert contribution.publication == Contribution.Publication.PENDING
    flag = contribution.flags.get(attachment__original_name="svar.pdf")
    services.resolve_flag(flag, Flag.Resolution.REDACTED, StaffFactory())
    services.resolve_flag(
        contribution.flags.get(attachment__original_name="b.docx"),
        Flag.Resolution.APPROVED,
        StaffFactory(),
    )
    contribution.refresh_from_db()
    assert contribution.publication == Contribution.Publication.PUBLISHED
    withheld = {a.original_name: a.withheld for a in contribution.attachments.all()}
    assert withheld == {"svar.pdf": True, "b.docx": False}


def test_the_name_of_a_file_is_screened_too(hearing, client):
    process, _ = hearing
    files = [
        upload("Indsigelse fra Stationsvej_12.docx", docx_with("Vi er imod byggeriet.")),
        upload("bilag.docx", docx_with("Vi er imod byggeriet.")),
    ]
    contribution = services.submit(process, data(), files).contribution
    flag = contribution.flags.get(field="file_name")
    assert (flag.kind, flag.match) == ("address", "Stationsvej 12")
    assert flag.attachment.original_name == "Indsigelse fra Stationsvej_12.docx"
    assert contribution.publication == Contribution.Publication.PENDING
    # Redacting it withholds the file, name and all (the CPR number in the files' table is
    # approved here, to see the file name alone at work).
    for other in contribution.flags.exclude(pk=flag.pk):
        services.resolve_flag(other, Flag.Resolution.APPROVED, StaffFactory())
    services.resolve_flag(flag, Flag.Resolution.REDACTED, StaffFactory())
    contribution.refresh_from_db()
    assert contribution.publication == Contribution.Publication.PUBLISHED
    withheld = {a.original_name: a.withheld for a in contribution.attachments.all()}
    assert withheld == {"Indsigelse fra Stationsvej_12.docx": True, "bilag.docx": False}
    page = client.get(process.get_absolute_url()).content.decode()
    assert "bilag.docx" in page and "Stationsvej" not in page


def test_images_wait_for_a_person(hearing):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    contribution = services.submit(hearing[0], data(), [upload("foto.png", png)]).contribution
    assert [f.kind for f in contribution.flags.all()] == ["unscreened"]
    assert contribution.publication == Contribution.Publication.PENDING


def test_no_consent_is_never_published(hearing):
    contribution = services.submit(hearing[0], data(consent="none"), []).contribution
    assert contribution.publication == Contribution.Publication.PRIVATE
    services.approve(contribution, StaffFactory())
    contribution.refresh_from_db()
    assert contribution.publication == Contribution.Publication.PRIVATE


def test_review_policy_and_decline(hearing):
    process, _ = hearing
    process.review_before_publishing = True
    process.save()
    contribution = services.submit(process, data(), []).contribution
    assert contribution.publication == Contribution.Publication.PENDING
    staff = StaffFactory()
    services.decline(contribution, "Indeholder personfølsomme oplysninger om en tredjepart.", staff)
    assert contribution.publication == Contribution.Publication.DECLINED
    with pytest.raises(ValueError):
        services.decline(contribution, "  ", staff)
    services.approve(contribution, staff)
    contribution.refresh_from_db()
    assert contribution.publication == Contribution.Publication.PUBLISHED


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("program.pdf", b"MZ\x90\x00" + b"\x00" * 100, "ikke en filtype"),
        ("tom.pdf", b"", "tom"),
        ("stor.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1 - 9), "større end 10 MB"),
    ],
)
def test_uploads_are_checked_by_content(name, content, message):
    with pytest.raises(ValidationError) as error:
        uploads.check_file(SimpleUploadedFile(name, content))
    assert message in error.value.messages[0]


def test_exactly_10_mb_is_accepted_and_the_name_follows_the_content():
    content = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 - 9)
    checked = uploads.check_file(SimpleUploadedFile("../../etc/passwd.png", content))
    assert checked.kind == "pdf"
    assert checked.safe_name == "passwd.pdf"


def test_at_most_five_files():
    files = [SimpleUploadedFile(f"{n}.pdf", pdf_with_text("x")) for n in range(6)]
    with pytest.raises(ValidationError):
        uploads.check_files(files)


def test_a_failing_upload_saves_nothing(hearing, settings):
    process, _ = hearing
    disk_full_after_one_file(settings)
    files = [upload("a.pdf", pdf_with_text("hej")), upload("b.pdf", pdf_with_text("hej"))]
    with pytest.raises(OSError, match="No space left"):
        services.submit(process, data(), files, idempotency_key="k-full")
    assert Contribution.objects.count() == 0
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    # The key was freed with everything else: the same post goes through once there is room.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": DEFAULT_STORAGE}}
    assert services.submit(process, data(), files, idempotency_key="k-full").created


def test_failed_email_is_retried_then_given_up(
    hearing, settings, django_capture_on_commit_callbacks
):
    process, _ = hearing
    settings.EMAIL_BACKEND = BROKEN
    with django_capture_on_commit_callbacks(execute=True):
        result = services.submit(process, data(), [])
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == MAX_DELIVERY_ATTEMPTS
    assert "the mail server is down" in notification.last_error
    assert Contribution.objects.filter(pk=result.contribution.pk).exists()


def test_answers_are_drafted_then_published_and_mailed(hearing, django_capture_on_commit_callbacks):
    process, _ = hearing
    staff = StaffFactory()
    fixed = FrameItem.objects.create(
        process=process, kind="fixed", text="Budget", reason="vedtaget"
    )
    contributions = [services.submit(process, data(), []).contribution for _ in range(3)]
    contributions.append(services.submit(process, data(email=""), []).contribution)
    mail.outbox.clear()
    services.answer(contributions[:2], outcome="accommodated", reason="Godt forslag.", author=staff)
    with pytest.raises(ValidationError):
        services.answer(contributions[2:], outcome="outside_frame", reason="Nej.", author=staff)
    services.answer(
        contributions[2:],
        outcome="outside_frame",
        reason="Budgettet ligger fast.",
        frame_item=fixed,
        author=staff,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.publish_answers(process, staff) == 4
    assert len(mail.outbox) == 3  # the fourth contributor left no e-mail
    assert "Imødekommet" in mail.outbox[0].body or "imødekommet" in mail.outbox[0].body.lower()
    # Published answers are locked.
    assert services.answer(contributions[:1], outcome="noted", reason="x", author=staff) == 0
    assert Answer.objects.filter(published_at__isnull=False).count() == 4


def test_p2_checks_count_answers(hearing):
    process, activity = hearing
    MilestoneFactory(
        process=process, meeting_date=(activity.ends_at + datetime.timedelta(days=30)).date()
    )
    contributions = [services.submit(process, data(), []).contribution for _ in range(2)]

    def codes(now=None):
        loaded = load_plan(process.pk)
        found = {(c.code, c.severity) for c in run_checks(loaded, now=now) if c.principle == 2}
        return found - {("p2_way_to_take_part", "ok")}

    assert codes() == {("p2_all_answered", "warning")}
    later = activity.ends_at + datetime.timedelta(days=31)
    assert ("p2_all_answered", "blocker") in codes(later)
    services.answer(contributions, outcome="noted", reason="Tak.", author=StaffFactory())
    assert codes() == {("p2_all_answered", "ok")}
    process.status = Process.Status.DECIDED
    process.save()
    assert ("p2_answers_published", "warning") in codes()
    assert ("p2_answers_published", "blocker") in codes(later + datetime.timedelta(days=14))
    services.publish_answers(process, StaffFactory())
    assert ("p2_answers_published", "ok") in codes(later + datetime.timedelta(days=14))


def test_names_are_screened_before_they_are_published(hearing):
    process, _ = hearing
    contribution = services.submit(process, data(name="Anna 010203-1234"), []).contribution
    assert contribution.publication == Contribution.Publication.PENDING
    assert contribution.public_name == ""
    flag = contribution.flags.get()
    assert flag.field == Flag.Field.NAME
    services.resolve_flag(flag, Flag.Resolution.REDACTED, StaffFactory())
    contribution.refresh_from_db()
    assert contribution.public_name == "Anna [skjult]"
    assert contribution.published_text == contribution.text


def test_a_published_answer_cannot_be_unpublished_by_a_late_draft_edit(hearing):
    process, _ = hearing
    staff = StaffFactory()
    contribution = services.submit(process, data(), []).contribution
    services.answer([contribution], outcome="noted", reason="Tak.", author=staff)
    draft = Answer.objects.get()
    services.publish_answers(process, staff)
    # A stale copy of the draft saved by another request must not reset published_at.
    assert services.answer([contribution], outcome="accommodated", reason="Ja.", author=staff) == 0
    draft.refresh_from_db()
    assert draft.published_at is not None and draft.reason == "Tak."


def test_receipts_to_one_address_are_limited(hearing, django_capture_on_commit_callbacks):
    process, _ = hearing
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(services.RECEIPTS_PER_ADDRESS_PER_DAY + 3):
            services.submit(process, data(text=f"Bidrag {n}", email="offer@example.dk"), [])
    assert Contribution.objects.count() == services.RECEIPTS_PER_ADDRESS_PER_DAY + 3
    assert len(mail.outbox) == services.RECEIPTS_PER_ADDRESS_PER_DAY


def test_the_private_link_leaves_the_outbox_once_sent(hearing, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = services.submit(hearing[0], data(), [])
    notification = Notification.objects.get()
    assert result.token in mail.outbox[0].body
    assert result.token not in notification.body
    assert "/bidrag/…/" in notification.body


def test_turning_review_off_releases_what_was_held_back(hearing, client):
    process, _ = hearing
    process.review_before_publishing = True
    process.save()
    contribution = services.submit(process, data(), []).contribution
    assert contribution.publication == Contribution.Publication.PENDING
    process.review_before_publishing = False
    process.save()
    services.release_held_back(process)
    contribution.refresh_from_db()
    assert contribution.publication == Contribution.Publication.PUBLISHED
