"""The contributor's short evaluation after a project's decision (issue #13, section 1): the
private link in the decision e-mail and on the receipt page, one answer per contribution, hostile
input, and nothing that ties an answer to a contribution or a person."""

from __future__ import annotations

import datetime
import re
import secrets

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from inddrag.contributions import services
from inddrag.contributions.models import (
    Contribution,
    ProjectEvaluation,
    ProjectEvaluationReceipt,
)
from inddrag.notifications.services import scrub
from inddrag.processes.models import Decision, Process
from tests.factories import DecisionBodyFactory, ProcessFactory, complete_project
from tests.factories.contributions import ContributionFactory
from tests.processes.outcome import decide
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db

ANSWER = {"knew_influence": "4", "felt_heard": "5", "time_enough": "2", "comment": ""}


def decided_project(**kwargs) -> Process:
    process = ProcessFactory(status=Process.Status.DECIDED, **kwargs)
    Decision.objects.create(
        process=process,
        body=DecisionBodyFactory(),
        meeting_date=datetime.date(2027, 3, 1),
        agenda_title="Punkt 1",
        text="Vedtaget.",
    )
    return process


def contribution_with_links(process: Process) -> tuple[Contribution, str, str]:
    """A contribution with its receipt link's secret and its evaluation link's secret."""
    receipt, evaluation = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    contribution = ContributionFactory(
        process=process,
        access_token_hash=Contribution.hash_token(receipt),
        evaluation_token_hash=Contribution.hash_token(evaluation),
    )
    return contribution, receipt, evaluation


def by_mail(token: str) -> str:
    return reverse("contributions:evaluation", args=[token])


def by_receipt(token: str) -> str:
    return reverse("contributions:receipt_evaluation", args=[token])


@pytest.fixture
def decided():
    return contribution_with_links(decided_project())


# --- The link -------------------------------------------------------------------------------------


def test_the_decision_email_carries_a_private_link_that_works_and_is_scrubbed(
    client, django_capture_on_commit_callbacks
):
    process = complete_project(status=Process.Status.PROCESSING, published_at=timezone.now())
    contribution = ContributionFactory(process=process, email="borger@example.dk")
    silent = ContributionFactory(process=process, email="")
    with django_capture_on_commit_callbacks(execute=True):
        decide(process)
    [message] = [m for m in mail.outbox if "borger@example.dk" in m.to]
    link = re.search(r"https?://\S+/bidrag/evaluering/([A-Za-z0-9_-]{20,})/", message.body)
    assert link is not None
    token = link.group(1)
    assert contribution.receipt_number not in token  # a random token: nothing of the contribution
    contribution.refresh_from_db()
    assert contribution.evaluation_token_hash != contribution.access_token_hash
    silent.refresh_from_db()
    assert contribution.evaluation_token_hash == Contribution.hash_token(token)
    assert silent.evaluation_token_hash is None  # no e-mail, no link (the receipt page has it)
    assert "Tre korte spørgsmål" in message.body
    # The stored e-mail loses the link once sent.
    assert token not in scrub(message.body)
    response = client.get(by_mail(token))
    assert response.status_code == 200
    assert 'name="knew_influence"' in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]


def test_the_link_works_only_for_its_contribution_and_only_after_the_decision(client):
    undecided = ProcessFactory(status=Process.Status.OPEN)
    _contribution, receipt, evaluation = contribution_with_links(undecided)
    assert client.get(by_mail(evaluation)).status_code == 404
    assert client.get(by_receipt(receipt)).status_code == 404
    assert client.post(by_receipt(receipt), ANSWER).status_code == 404
    # A receipt's secret is no evaluation link, nor the other way round, nor a made-up one.
    _other, other_receipt, other_evaluation = contribution_with_links(decided_project())
    assert client.get(by_mail(other_receipt)).status_code == 404
    assert client.get(by_receipt(other_evaluation)).status_code == 404
    assert client.get(by_mail("x" * 43)).status_code == 404
    assert client.get(by_mail("x" * 300)).status_code == 404
    assert not ProjectEvaluation.objects.exists()
    # A case is never evaluated here (it has its own evaluation on Min sag).
    case = ProcessFactory(kind=Process.Kind.CASE, status=Process.Status.DECIDED)
    _c, case_receipt, _e = contribution_with_links(case)
    assert client.get(by_receipt(case_receipt)).status_code == 404


def test_the_receipt_page_offers_it_once_decided_and_thanks_afterwards(client, decided):
    _contribution, receipt, _evaluation = decided
    page = client.get(reverse("contributions:receipt", args=[receipt])).content.decode()
    assert by_receipt(receipt) in page and "Svar på de tre spørgsmål" in page
    client.post(by_receipt(receipt), ANSWER)
    page = client.get(reverse("contributions:receipt", args=[receipt])).content.decode()
    assert by_receipt(receipt) not in page and "Tak for din evaluering." in page
    undecided = ProcessFactory(status=Process.Status.OPEN)
    _c, other, _e = contribution_with_links(undecided)
    page = client.get(reverse("contributions:receipt", args=[other])).content.decode()
    assert 'id="evaluering"' not in page


def test_an_answer_is_stored_without_the_contribution(client, decided):
    contribution, _receipt, evaluation = decided
    response = client.post(by_mail(evaluation), ANSWER)
    assert response.status_code == 302 and response["Location"] == by_mail(evaluation)
    stored = ProjectEvaluation.objects.get()
    assert stored.process_id == contribution.process_id
    assert (stored.knew_influence, stored.felt_heard, stored.time_enough) == (4, 5, 2)
    assert stored.month == timezone.localdate().replace(day=1)
    page = client.get(by_mail(evaluation)).content.decode()
    assert "Tak for din evaluering" in page and 'name="knew_influence"' not in page
    # The receipt is a keyed hash: not the pk, not the token's hash, nothing of the answer.
    [key] = ProjectEvaluationReceipt.objects.values_list("contribution_key", flat=True)
    assert len(key) == 64 and str(contribution.pk) != key
    assert key not in (contribution.access_token_hash, contribution.evaluation_token_hash)


def test_anonymity_no_field_leads_to_a_contribution_or_a_person():
    for model in (ProjectEvaluation, ProjectEvaluationReceipt):
        related = {f.related_model for f in model._meta.get_fields() if f.is_relation}
        assert related <= {Process}, (model, related)
        names = {f.name for f in model._meta.get_fields()}
        assert not names & {"contribution", "user", "email", "name", "created_at", "answered_at"}
    assert ProjectEvaluationReceipt._meta.get_fields()[0].name == "contribution_key"
    assert [f.name for f in ProjectEvaluationReceipt._meta.get_fields()] == ["contribution_key"]
    assert ProjectEvaluation._meta.pk.get_internal_type() == "UUIDField"  # no telling order


# --- One answer -----------------------------------------------------------------------------------


def test_one_answer_per_contribution_also_by_the_other_link_and_a_double_submit(client, decided):
    _contribution, receipt, evaluation = decided
    first = client.post(by_mail(evaluation), ANSWER)
    again = client.post(by_mail(evaluation), {**ANSWER, "felt_heard": "1"})  # a double click
    other = client.post(by_receipt(receipt), ANSWER)  # the same contribution, the other way
    assert first.status_code == again.status_code == other.status_code == 302
    assert ProjectEvaluation.objects.count() == 1
    assert ProjectEvaluation.objects.get().felt_heard == 5
    page = client.get(by_mail(evaluation)).content.decode()
    assert "Vi havde allerede modtaget din evaluering. Tak." in page


def test_the_service_refuses_a_second_answer_kindly(decided):
    contribution, _r, _e = decided
    data = services.ProjectEvaluationData(3, 3, 3)
    services.evaluate_project(contribution, data)
    with pytest.raises(services.EvaluationRefused) as refused:
        services.evaluate_project(contribution, data)
    assert refused.value.already
    assert ProjectEvaluation.objects.count() == ProjectEvaluationReceipt.objects.count() == 1


def test_two_contributions_to_one_project_answer_once_each():
    process = decided_project()
    for _ in range(2):
        contribution, _r, _e = contribution_with_links(process)
        services.evaluate_project(contribution, services.ProjectEvaluationData(4, 4, 4))
    assert ProjectEvaluation.objects.filter(process=process).count() == 2


def test_closed_ninety_days_after_the_decision(client, decided):
    contribution, receipt, evaluation = decided
    recorded = contribution.process.decision.recorded_at
    late = recorded + datetime.timedelta(days=services.EVALUATION_DAYS, minutes=1)
    with pytest.raises(services.EvaluationRefused):
        services.evaluate_project(contribution, services.ProjectEvaluationData(3, 3, 3), now=late)
    Decision.objects.filter(pk=contribution.process.decision.pk).update(
        recorded_at=timezone.now() - datetime.timedelta(days=services.EVALUATION_DAYS + 1)
    )
    response = client.get(by_mail(evaluation))
    assert response.status_code == 410 and "Evalueringen lukkede" in response.content.decode()
    assert client.post(by_mail(evaluation), ANSWER).status_code == 410
    assert not ProjectEvaluation.objects.exists()
    page = client.get(reverse("contributions:receipt", args=[receipt])).content.decode()
    assert by_receipt(receipt) not in page


# --- Hostile input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        {"knew_influence": "0"},
        {"felt_heard": "6"},
        {"time_enough": "-1"},
        {"knew_influence": "3.5"},
        {"felt_heard": "fem"},
        {"time_enough": ""},
        {"knew_influence": "9" * 40},
        {"comment": "x" * 2001},
        {"comment": "nul\x00tegn"},
    ],
)
def test_hostile_values_are_refused_in_danish_next_to_the_field(client, decided, bad):
    _contribution, _receipt, evaluation = decided
    response = client.post(by_mail(evaluation), {**ANSWER, **bad})
    assert response.status_code == 422
    html = response.content.decode()
    field = next(iter(bad))
    assert f'id="id_{field}_error"' in html or f"id_{field}" in html
    assert "Vælg et tal fra 1 til 5." in html or field == "comment"
    assert not ProjectEvaluation.objects.exists() and not ProjectEvaluationReceipt.objects.exists()


def test_a_missing_answer_names_the_field(client, decided):
    _contribution, _receipt, evaluation = decided
    response = client.post(by_mail(evaluation), {"knew_influence": "3"})
    html = response.content.decode()
    assert response.status_code == 422
    assert html.count("Vælg et tal fra 1 til 5.") >= 2
    assert 'value="3"' in html and "checked" in html  # what was chosen stays chosen


def test_html_in_the_comment_is_stored_as_text_and_never_run(client, decided):
    _contribution, _receipt, evaluation = decided
    comment = '<script>alert("x")</script> Godt møde'
    client.post(by_mail(evaluation), {**ANSWER, "comment": comment})
    stored = ProjectEvaluation.objects.get()
    assert stored.comment == comment and not stored.comment_held_back
    page = client.get(by_mail(evaluation)).content.decode()
    assert "<script>alert" not in page


def test_a_cpr_number_in_the_comment_is_held_back(client, decided):
    _contribution, _receipt, evaluation = decided
    client.post(by_mail(evaluation), {**ANSWER, "comment": "Mit CPR er 311299-4321, ring."})
    assert ProjectEvaluation.objects.get().comment_held_back


def test_rate_limited_like_other_public_forms(client, decided, settings):
    settings.INDDRAG_FORM_RATE = "1/m"
    _contribution, _receipt, evaluation = decided
    client.post(by_mail(evaluation), {**ANSWER, "knew_influence": ""})  # counted, refused
    response = client.post(by_mail(evaluation), ANSWER)
    assert response.status_code == 429 and "Retry-After" in response
    assert not ProjectEvaluation.objects.exists()


def test_csrf_is_checked(decided):
    from django.test import Client

    _contribution, _receipt, evaluation = decided
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(by_mail(evaluation), ANSWER).status_code == 403
    page = strict.get(by_mail(evaluation)).content.decode()
    assert "csrfmiddlewaretoken" in page
    assert not ProjectEvaluation.objects.exists()


def test_the_form_page_has_a_constant_query_count(client, decided, django_assert_num_queries):
    _contribution, _receipt, evaluation = decided
    # The contribution with its process and decision, the receipt check.
    question = "Vidste du, hvad du kunne få indflydelse på i projektet?"
    assert_queries(
        django_assert_num_queries, 2, lambda: client.get(by_mail(evaluation)), shows=[question]
    )
