"""Screening on the staff side: findings are marked in the text, each one is redacted or
approved, publication is approved or declined with a reason, and every look is logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inddrag.audit.models import AccessLog
from inddrag.contributions.models import Attachment, Contribution, Flag
from tests.factories import StaffFactory
from tests.factories.contributions import hearing_process, submitted
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db

CPR_TEXT = "Mit cpr er 010203-1234, og jeg vil gerne have en bænk ved søen."


@pytest.fixture
def process(staff):
    return hearing_process(staff, review_before_publishing=False)


@pytest.fixture
def flagged(process):
    return submitted(process, CPR_TEXT)


def detail_url(contribution) -> str:
    return reverse("staff:contributions:detail", args=[contribution.process_id, contribution.pk])


def resolve_url(flag) -> str:
    contribution = flag.contribution
    return reverse(
        "staff:contributions:resolve", args=[contribution.process_id, contribution.pk, flag.pk]
    )


def views_logged(contribution) -> int:
    return AccessLog.objects.filter(
        object_type="contributions.contribution", object_id=contribution.pk, action="view"
    ).count()


def test_a_cpr_number_keeps_the_contribution_back(flagged):
    assert flagged.publication == Contribution.Publication.PENDING
    assert flagged.published_text == ""
    assert [(f.kind, f.match) for f in flagged.flags.all()] == [("cpr", "010203-1234")]


def test_the_page_marks_the_finding_and_logs_the_view(flagged, staff_client, staff):
    response = staff_client.get(detail_url(flagged))
    html = response.content.decode()
    assert response.status_code == 200
    flag = flagged.flags.get()
    assert f'<mark class="flag-mark flag-open" id="flag-{flag.pk}">010203-1234' in html
    assert "CPR-nummer: ikke behandlet" in html
    assert "Anna Jensen" in html  # staff see the name
    assert AccessLog.objects.filter(
        user=staff, object_type="contributions.contribution", object_id=flagged.pk, action="view"
    ).exists()


def test_the_text_around_the_marks_is_escaped(process, staff_client):
    contribution = submitted(process, "<img src=x onerror=alert(1)> ring 12 34 56 78 <b>nu</b>")
    html = staff_client.get(detail_url(contribution)).content.decode()
    assert "<img src=x" not in html
    assert "<b>nu</b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; ring " in html
    assert ">12 34 56 78<span" in html
    assert "&lt;b&gt;nu&lt;/b&gt;" in html


def test_redact_hides_the_number_in_the_published_text(flagged, staff_client):
    flag = flagged.flags.get()
    response = staff_client.post(resolve_url(flag), {"resolution": "redacted"})
    assert response.status_code == 302
    assert response["Location"].endswith("#screening")
    flagged.refresh_from_db()
    assert flagged.publication == Contribution.Publication.PUBLISHED
    assert "[skjult]" in flagged.published_text
    assert "010203-1234" not in flagged.published_text
    assert flagged.text == CPR_TEXT  # the original is kept for staff
    html = staff_client.get(detail_url(flagged)).content.decode()
    assert "010203-1234" in html  # staff still see it …
    assert "Mit cpr er [skjult], og jeg vil gerne have en bænk ved søen." in html  # … and this
    assert AccessLog.objects.filter(object_id=flagged.pk, action="change").exists()


def test_approve_a_finding_publishes_it_as_written(flagged, staff_client):
    staff_client.post(resolve_url(flagged.flags.get()), {"resolution": "approved"})
    flagged.refresh_from_db()
    assert flagged.publication == Contribution.Publication.PUBLISHED
    assert flagged.published_text == CPR_TEXT


def test_an_unknown_resolution_is_refused(flagged, staff_client):
    response = staff_client.post(resolve_url(flagged.flags.get()), {"resolution": "open"})
    assert response.status_code == 404
    assert flagged.flags.get().resolution == Flag.Resolution.OPEN


def test_htmx_gets_the_screening_section_back(flagged, staff_client):
    response = staff_client.post(
        resolve_url(flagged.flags.get()), {"resolution": "redacted"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<section id="screening"')
    assert "<html" not in html
    assert "Fundet er skjult i den offentliggjorte udgave." in html
    assert views_logged(flagged) == 1  # the section shows the original text again


def test_review_before_publishing_needs_an_approval(staff, staff_client):
    process = hearing_process(staff, review_before_publishing=True)
    contribution = submitted(process, "Flere bænke ved søen, tak.")
    assert contribution.publication == Contribution.Publication.PENDING
    html = staff_client.get(detail_url(contribution)).content.decode()
    assert "Godkend til offentliggørelse" in html
    url = reverse("staff:contributions:approve", args=[process.pk, contribution.pk])
    staff_client.post(url)
    contribution.refresh_from_db()
    assert contribution.publication == Contribution.Publication.PUBLISHED
    assert contribution.reviewed_by == staff


def test_decline_needs_a_reason(flagged, staff_client):
    url = reverse("staff:contributions:decline", args=[flagged.process_id, flagged.pk])
    response = staff_client.post(url, {"decline-reason": "  "})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="group-id_decline-reason"' in html
    assert "Giv en begrundelse for, at det ikke offentliggøres." in html
    flagged.refresh_from_db()
    assert flagged.publication == Contribution.Publication.PENDING


def test_decline_with_a_reason_keeps_it_out_of_the_published(flagged, staff_client):
    url = reverse("staff:contributions:decline", args=[flagged.process_id, flagged.pk])
    response = staff_client.post(url, {"decline-reason": "Indeholder oplysninger om en sag."})
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.publication == Contribution.Publication.DECLINED
    assert flagged.decline_reason == "Indeholder oplysninger om en sag."
    assert flagged not in Contribution.objects.published()
    html = staff_client.get(detail_url(flagged)).content.decode()
    assert "Indeholder oplysninger om en sag." in html
    assert "Offentliggør alligevel" in html


def test_other_process_flag_and_contribution_ids_are_404(flagged, staff, staff_client):
    other = submitted(hearing_process(staff), "Ring på 12 34 56 78")
    other_flag = other.flags.get()
    wrong = reverse(
        "staff:contributions:resolve", args=[flagged.process_id, flagged.pk, other_flag.pk]
    )
    assert staff_client.post(wrong, {"resolution": "redacted"}).status_code == 404
    crossed = reverse("staff:contributions:decline", args=[flagged.process_id, other.pk])
    assert staff_client.post(crossed, {"decline-reason": "Nej"}).status_code == 404
    assert other.flags.get().resolution == Flag.Resolution.OPEN
    other.refresh_from_db()
    assert other.publication == Contribution.Publication.PENDING


def test_another_centre_cannot_resolve(flagged, client):
    client.force_login(StaffFactory())
    response = client.post(resolve_url(flagged.flags.get()), {"resolution": "approved"})
    assert response.status_code == 404
    assert flagged.flags.get().resolution == Flag.Resolution.OPEN


# --- Attachments --------------------------------------------------------------------------------


def _with_attachment(contribution) -> Attachment:
    from django.core.files.base import ContentFile

    attachment = Attachment(
        contribution=contribution,
        original_name="brev.pdf",
        content_type="application/pdf",
        size=9,
    )
    attachment.file.save("brev.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    return attachment


def test_staff_download_an_attachment_and_it_is_logged(flagged, staff_client, staff):
    attachment = _with_attachment(flagged)
    url = reverse(
        "staff:contributions:attachment", args=[flagged.process_id, flagged.pk, attachment.pk]
    )
    response = staff_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"
    assert "attachment" in response["Content-Disposition"]
    # A file from the public is never run in the browser, not even on a staff member's.
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AccessLog.objects.filter(
        user=staff,
        object_type="contributions.contribution",
        object_id=flagged.pk,
        action="view",
        detail=f"staff:contributions:attachment attachment {attachment.pk}",
    ).exists()


def test_attachments_are_not_for_citizens_or_other_processes(flagged, staff, client, citizen):
    attachment = _with_attachment(flagged)
    other = submitted(hearing_process(staff))
    url = reverse(
        "staff:contributions:attachment", args=[flagged.process_id, flagged.pk, attachment.pk]
    )
    crossed = reverse(
        "staff:contributions:attachment", args=[other.process_id, other.pk, attachment.pk]
    )
    client.force_login(citizen)
    assert client.get(url).status_code == 404
    client.force_login(staff)
    assert client.get(crossed).status_code == 404


@pytest.mark.parametrize("findings", [1, 12])
def test_detail_query_count_does_not_grow(
    process, staff_client, django_assert_num_queries, findings
):
    text = " ".join(f"ring {10 + i} 34 56 78" for i in range(findings))
    contribution = submitted(process, text)
    attachments = [_with_attachment(contribution) for _ in range(findings)]
    assert contribution.flags.count() == findings
    last_flag = contribution.flags.order_by("pk").last()
    last_attachment = reverse(
        "staff:contributions:attachment",
        args=[process.pk, contribution.pk, attachments[-1].pk],
    )
    staff_client.get(detail_url(contribution))
    # 14, and 2 for the hearing memo section: the process's topics and the linked changes.
    assert_queries(
        django_assert_num_queries,
        18,
        lambda: staff_client.get(detail_url(contribution)),
        shows=[
            f'id="flag-{last_flag.pk}">{10 + findings - 1} 34 56 78',
            f'href="{last_attachment}"',
        ],
    )
