"""The caseworker's pages of one case keep a fixed number of queries however much the case
holds: the partshøring page, the decision page and the messages page, with 1 and with many
steps, messages (inputs, answered or not, with documents) and a partshøring comment."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inddrag.cases import services
from inddrag.cases.models import CaseMessage, CaseMessageFile, CaseStep, StepKind
from inddrag.lib.calendar import local_date
from tests.factories import StaffFactory, UserFactory
from tests.factories.cases import open_case
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return open_case(
        caseworker=StaffFactory(first_name="Jonas", last_name="Holm"),
        citizen=UserFactory(first_name="Karen", email="karen@example.com"),
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _grower(case):
    """``grow(n)``: n more steps and n more messages both ways (every input with a document,
    every other one answered); returns what the messages page shows of the last."""
    made = itertools.count()
    caseworker = case.process.responsible

    def grow(n: int) -> list[str]:
        for _ in range(n):
            i = next(made)
            CaseStep.objects.create(case=case, title=f"Trin {i}", kind=StepKind.OTHER, order=50 + i)
            message = CaseMessage.objects.create(
                case=case, author=case.citizen, text=f"Spørgsmål {i}", is_input=True
            )
            document = CaseMessageFile(
                message=message,
                original_name=f"bilag{i}.pdf",
                content_type="application/pdf",
                size=4,
            )
            document.file.save(f"bilag{i}.pdf", ContentFile(b"%PDF"), save=False)
            document.save()
            if i % 2:
                services.answer_message(message, f"Svar {i}", caseworker)
            CaseMessage.objects.create(case=case, author=caseworker, text=f"Besked {i}")
        return [f"Spørgsmål {i}", f"bilag{i}.pdf", f"Besked {i}"]

    return grow


def test_the_messages_page_has_a_constant_query_count(django_assert_num_queries, case):
    client = _client(case.process.responsible)
    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(reverse("staff:cases:messages", args=[case.process_id])),
        _grower(case),
        # session, user, the process, the case (type, citizen, hearing, decision), its steps,
        # the messages with authors, their documents, the access log
        8,
        sizes=(1, 30),
    )


def test_the_hearing_page_has_a_constant_query_count(django_assert_num_queries, case):
    client = _client(case.process.responsible)
    grow = _grower(case)
    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(reverse("staff:cases:hearing", args=[case.process_id])),
        lambda n: (grow(n), case.process.title)[1],
        6,  # session, user, the process, the case, its steps, the access log
        sizes=(1, 30),
    )


def test_the_decision_page_has_a_constant_query_count(django_assert_num_queries, case):
    caseworker = case.process.responsible
    services.save_what_matters(case, "At kunne gå i bad selv.", case.citizen)
    services.send_hearing(
        case,
        draft="Vi vil give afslag.",
        deadline=local_date(timezone.now()) + datetime.timedelta(days=14),
        upload=None,
        by=caseworker,
    )
    services.answer_hearing(
        case, answer="comments", comment="Jeg er uenig i vurderingen.", upload=None, by=case.citizen
    )
    client = _client(caseworker)
    grow = _grower(case)
    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(reverse("staff:cases:decision", args=[case.process_id])),
        lambda n: (grow(n), "Jeg er uenig i vurderingen.")[1],
        8,  # the hearing page's six, the partshøring and the messages (the prefilled inputs)
        sizes=(1, 30),
    )
