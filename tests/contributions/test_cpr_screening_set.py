"""Every CPR number a Dane would write is caught — measured on a labelled set written from how
citizens write (``cpr_cases.py``, 371 positives in the text, name, "on behalf of", file names and
DOCX/PDF/ODT attachments; 12 hard ones; 234 negatives), not from what the pattern knows. The
figures are in docs/security.md (``benchmarks/cpr_screening.py``)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inddrag.contributions import services, uploads
from inddrag.contributions.models import Consent, Contribution, Flag, SpeakingAs
from tests.contributions.cpr_cases import HARD_POSITIVES, NEGATIVES, POSITIVES
from tests.contributions.cpr_evaluation import FILES, evaluate
from tests.factories.contributions import RECEIVED, hearing_process

CHANNELS = ("text", "name", "on_behalf_of", "file_name", "docx", "pdf", "odt")


def test_the_set_covers_every_channel_and_enough_cases():
    assert len(POSITIVES) >= 300 and len(NEGATIVES) >= 150
    for channel in CHANNELS:
        assert sum(c.channel == channel for c in POSITIVES) >= 15, channel


def _describe(cases) -> str:
    return "\n".join(f"{c.channel}: {c.text[:100]!r}" for c in cases)


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_cpr_number_is_caught(channel):
    cases = [c for c in POSITIVES + HARD_POSITIVES if c.channel == channel]
    result = evaluate(cases, [])
    assert result.positives == len(cases) > 0
    assert not result.missed, f"missed {len(result.missed)}:\n{_describe(result.missed)}"


def test_ordinary_numbers_are_rarely_held_back():
    result = evaluate([], NEGATIVES)
    assert result.negatives == len(NEGATIVES)
    # CVR and SE numbers, IBANs, dates and times in file names are never taken for a phone number.
    assert not result.wrongly_held, _describe(result.wrongly_held)
    # What is held back as a CPR number is a number that looks like one with an impossible date
    # ("310499-1234": 31 April): only the day (01-31) and month (01-12) are checked, on purpose.
    assert all(int(c.text.split()[-1][2:4]) <= 12 for c in result.false_cpr)
    assert result.false_positive_rate <= 0.03, _describe(result.false_cpr)


@pytest.mark.django_db
@pytest.mark.parametrize("channel", CHANNELS)
def test_a_contribution_with_a_cpr_number_is_never_published(staff, channel):
    """Through the real submission service with review switched off: held back, every time."""
    process = hearing_process(staff, review_before_publishing=False)
    cases = [c for c in POSITIVES if c.channel == channel][:4]
    for number, case in enumerate(cases):
        fields = {"name": "Anna Jensen", "on_behalf_of": ""}
        files = []
        text = "Jeg støtter forslaget om en ny sti."
        if channel == "text":
            text = case.text
        elif channel == "name":
            fields["name"] = case.text[:200]
        elif channel == "on_behalf_of":
            fields["on_behalf_of"] = case.text[:200]
        elif channel == "file_name":
            files = [uploads.check_file(SimpleUploadedFile(case.text, FILES["pdf"]("Bilag.")))]
        else:
            data = FILES[channel](case.text)
            files = [uploads.check_file(SimpleUploadedFile(f"bilag{number}.{channel}", data))]
        result = services.submit(
            process,
            services.SubmissionData(
                text=text,
                speaking_as=SpeakingAs.ASSOCIATION
                if fields["on_behalf_of"]
                else SpeakingAs.PRIVATE,
                consent=Consent.WITH_NAME,
                **fields,
            ),
            files,
            source="letter",
            received_at=RECEIVED,
        )
        contribution = result.contribution
        assert contribution.publication == Contribution.Publication.PENDING, case
        assert contribution.flags.filter(kind=Flag.Kind.CPR).exists(), case
        assert contribution.published_text == ""
