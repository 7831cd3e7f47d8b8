"""The contributor's private receipt page (issue 3, section 2)."""

from __future__ import annotations

import datetime
import secrets

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inddrag.contributions import services
from inddrag.contributions.models import Answer, Contribution, Flag
from inddrag.processes.models import FrameItem
from tests.factories import FrameItemFactory
from tests.factories.contributions import (
    AnswerFactory,
    ContributionFactory,
    attach,
    open_hearing,
)
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db


def with_token(**kwargs) -> tuple[Contribution, str]:
    token = secrets.token_urlsafe(32)
    contribution = ContributionFactory(access_token_hash=Contribution.hash_token(token), **kwargs)
    return contribution, token


def receipt(client, token: str):
    return client.get(reverse("contributions:receipt", args=[token]))


def test_receipt_shows_number_process_time_status_and_own_text(client):
    contribution, token = with_token(
        text="Første linje\nAnden linje <em>kursiv</em>",
        name="Bo Hansen",
        on_behalf_of="Ballerup Cykelklub",
        speaking_as="association",
        consent="anonymous",
    )
    attach(contribution, "tegning.pdf")
    response = receipt(client, token)
    assert response.status_code == 200
    html = response.content.decode()
    assert contribution.receipt_number in html
    assert contribution.process.title in html
    assert f'href="{contribution.process.get_absolute_url()}"' in html
    received = timezone.localtime(contribution.received_at)
    assert f"kl. {received:%H.%M}" in html
    assert "Venter på at blive offentliggjort" in html
    assert "<p>Første linje<br>Anden linje &lt;em&gt;kursiv&lt;/em&gt;</p>" in html
    assert "tegning.pdf" in html
    assert "Forening eller organisation" in html and "Ballerup Cykelklub" in html
    assert "Ja, uden mit navn" in html
    assert contribution.email not in html


@pytest.mark.parametrize(
    ("publication", "reason", "expected"),
    [
        ("published", "", "Dit bidrag kan læses på forløbets side."),
        ("declined", "Indeholder oplysninger om en anden borger.", "Ikke offentliggjort"),
        ("private", "", "Du har valgt, at dit bidrag ikke skal offentliggøres."),
    ],
)
def test_receipt_status(client, publication, reason, expected):
    _contribution, token = with_token(publication=publication, decline_reason=reason)
    html = receipt(client, token).content.decode()
    assert expected in html
    if reason:
        assert reason in html


def test_receipt_says_when_screening_holds_it_back(client):
    contribution, token = with_token()
    Flag.objects.create(contribution=contribution, kind=Flag.Kind.CPR, match="010203-1234")
    html = receipt(client, token).content.decode()
    assert "Bliver tjekket" in html
    assert "010203-1234" not in html.split("Bliver tjekket")[1].split("Det, du sendte")[0]


def test_a_drafted_answer_is_not_shown_a_published_one_is(client):
    contribution, token = with_token(publication="published")
    fixed = FrameItemFactory(
        process=contribution.process,
        kind=FrameItem.Kind.FIXED,
        text="Vejens placering",
        reason="den er fastlagt i kommuneplanen",
    )
    answer = AnswerFactory(
        contribution=contribution,
        outcome=Answer.Outcome.OUTSIDE_FRAME,
        reason="Vi kan ikke flytte vejen.",
        frame_item=fixed,
        published_at=None,
    )
    html = receipt(client, token).content.decode()
    assert "Vi kan ikke flytte vejen." not in html
    assert "Vi har ikke svaret endnu." in html
    assert "Vi sender dig en e-mail, når svaret er klar." in html
    answer.published_at = timezone.now()
    answer.save()
    html = receipt(client, token).content.decode()
    assert "Uden for rammen" in html
    assert "Vi kan ikke flytte vejen." in html
    assert "Det ligger fast" in html and "Vejens placering" in html
    assert "den er fastlagt i kommuneplanen" in html


def test_unknown_token_is_not_found(client):
    with_token()
    assert receipt(client, "gaet-et-token-0123456789abcdef").status_code == 404
    assert receipt(client, "x" * 300).status_code == 404


def test_one_citizen_cannot_open_anothers_receipt(client):
    process, _activity = open_hearing()
    data = services.SubmissionData(text="Annas bidrag", speaking_as="private", consent="none")
    anna = services.submit(process, data, [])
    data.text = "Bos bidrag"
    bo = services.submit(process, data, [])
    assert "Annas bidrag" in receipt(client, anna.token).content.decode()
    bos_page = receipt(Client(), bo.token).content.decode()
    assert "Bos bidrag" in bos_page and "Annas bidrag" not in bos_page
    assert receipt(client, anna.contribution.receipt_number).status_code == 404
    assert receipt(client, anna.contribution.access_token_hash).status_code == 404


def test_receipt_is_private_to_search_engines_referrers_and_caches(client):
    _contribution, token = with_token()
    response = receipt(client, token)
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_after_the_deadline_is_shown(client):
    _contribution, token = with_token(after_deadline=True)
    assert "efter fristen" in receipt(client, token).content.decode()


@pytest.mark.parametrize("attachments", [0, 5])
def test_receipt_query_count(client, django_assert_num_queries, attachments):
    contribution, token = with_token(publication="published")
    for n in range(attachments):
        attach(contribution, f"bilag-{n}.pdf")
        Flag.objects.create(contribution=contribution, kind=Flag.Kind.PHONE, match="12345678")
    answer = AnswerFactory(
        contribution=contribution, published_at=timezone.now() - datetime.timedelta(1)
    )
    last = f"bilag-{attachments - 1}.pdf" if attachments else contribution.receipt_number
    # The contribution with its answer, its attachments, its flags, the changes it led to.
    assert_queries(
        django_assert_num_queries,
        4,
        lambda: receipt(client, token),
        shows=[contribution.receipt_number, answer.reason, last],
    )
