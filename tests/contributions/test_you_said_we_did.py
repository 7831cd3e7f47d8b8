""" "Det sagde I — det gjorde vi": the published contributions and answers on the process page
(issue 3, section 5)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inddrag.contributions.models import Answer, Contribution
from inddrag.contributions.services import recount
from inddrag.processes.models import Process
from tests.factories import ProcessFactory, complete_project
from tests.factories.contributions import (
    AnswerFactory,
    ContributionFactory,
    PublishedContributionFactory,
    attach,
    open_hearing,
)
from tests.factories.files import blank_pdf
from tests.processes.outcome import document, link
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db


def page(client, process, **params):
    return client.get(reverse("processes:detail", args=[process.pk]), params)


def test_no_section_before_anyone_has_taken_part(client):
    process, _activity = open_hearing()
    html = page(client, process).content.decode()
    assert "Det sagde I — det gjorde vi" not in html


def test_summary_counts_contributions_published_answers_and_outcomes(client):
    process = ProcessFactory(status=Process.Status.DECIDED)
    for outcome in ["accommodated", "accommodated", "partly", "noted"]:
        AnswerFactory(contribution__process=process, outcome=outcome)
    AnswerFactory(contribution__process=process, outcome="not_accommodated", published_at=None)
    ContributionFactory(process=process, consent="none", publication="private")
    ContributionFactory(process=process)  # pending
    response = page(client, process)
    feedback = response.context["feedback"]
    assert feedback.received == 7
    assert feedback.answered == 4
    assert [(code, n) for code, _label, n in feedback.outcomes] == [
        ("accommodated", 2),
        ("partly", 1),
        ("noted", 1),
    ]
    html = response.content.decode()
    assert "Det sagde I — det gjorde vi" in html
    assert "bidrag modtaget" in html and "imødekommet" in html
    assert "ikke imødekommet" not in html  # the drafted answer is not counted
    assert "5 offentliggjorte bidrag" in html


def test_only_published_contributions_are_listed_with_their_published_text(client):
    process = ProcessFactory(status=Process.Status.OPEN)
    PublishedContributionFactory(
        process=process,
        text="Ring til mig på 12 34 56 78",
        published_text="Ring til mig på [skjult]",
        name="Anna Synlig",
        email="anna@example.dk",
    )
    PublishedContributionFactory(
        process=process, consent="anonymous", name="Bo Skjult", text="Anonymt ønske"
    )
    PublishedContributionFactory(
        process=process, name="Bo", on_behalf_of="Skovlunde Boldklub", text="Klubbens ønske"
    )
    ContributionFactory(process=process, text="Afventer screening", name="Pia Pending")
    ContributionFactory(
        process=process, text="Afvist bidrag", publication="declined", decline_reason="Injurier"
    )
    ContributionFactory(
        process=process, text="Privat bidrag", consent="none", publication="private"
    )
    html = page(client, process).content.decode()
    assert "Ring til mig på [skjult]" in html and "12 34 56 78" not in html
    assert "Anna Synlig" in html
    assert "Anonymt ønske" in html and "Bo Skjult" not in html and "Bidrag uden navn" in html
    assert "Skovlunde Boldklub" in html
    for hidden in ("Afventer screening", "Pia Pending", "Afvist bidrag", "Injurier"):
        assert hidden not in html
    assert "Privat bidrag" not in html
    assert "@example.dk" not in html


def test_each_contribution_shows_its_answer_once_published(client):
    process = ProcessFactory(status=Process.Status.DECIDED)
    AnswerFactory(
        contribution__process=process,
        contribution__text="Flere bænke",
        outcome=Answer.Outcome.PARTLY,
        reason="Vi sætter tre bænke op.",
    )
    AnswerFactory(
        contribution__process=process,
        contribution__text="Større legeplads",
        reason="Kladde til svar",
        published_at=None,
    )
    html = page(client, process).content.decode()
    assert "Flere bænke" in html and "Vi sætter tre bænke op." in html
    assert "Delvist imødekommet" in html
    assert "Større legeplads" in html and "Kladde til svar" not in html
    assert "Ikke besvaret endnu." in html


def test_html_in_published_text_is_shown_as_text(client):
    process = ProcessFactory(status=Process.Status.OPEN)
    PublishedContributionFactory(
        process=process, text="<script>alert(1)</script>", name="<i>Navn</i>"
    )
    html = page(client, process).content.decode()
    assert "<script>alert(1)</script>" not in html and "<i>Navn</i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;i&gt;Navn&lt;/i&gt;" in html


def test_search_and_pages_with_their_own_parameters(client, settings):
    settings.INDDRAG_CONTRIBUTIONS_PAGE_SIZE = 20
    process = ProcessFactory(status=Process.Status.OPEN)
    now = timezone.now()
    for n in range(45):
        PublishedContributionFactory(
            process=process,
            text=f"Bidrag {n} om {'cykelstier' if n % 3 == 0 else 'træer'}",
            received_at=now - datetime.timedelta(minutes=n),
        )
    first = page(client, process)
    assert len(first.context["feedback"].page) == 20
    html = first.content.decode()
    assert "Side 1 af 3" in html and "?bidrag_side=2#det-sagde-i" in html
    third = page(client, process, bidrag_side=3)
    assert [c.text for c in third.context["feedback"].page][:1] == ["Bidrag 40 om træer"]
    assert len(third.context["feedback"].page) == 5
    settings.INDDRAG_CONTRIBUTIONS_PAGE_SIZE = 10
    found = page(client, process, q_bidrag="cykelsti")
    assert found.context["feedback"].page.paginator.count == 15
    found_html = found.content.decode()
    assert "15 offentliggjorte bidrag indeholder „cykelsti“" in found_html
    assert "q_bidrag=cykelsti&amp;bidrag_side=2" in found_html
    assert page(client, process, bidrag_side="x").status_code == 200
    assert page(client, process, bidrag_side="99").context["feedback"].page.number == 5


def test_search_text_is_escaped(client):
    process = ProcessFactory(status=Process.Status.OPEN)
    PublishedContributionFactory(process=process)
    html = page(client, process, q_bidrag='"><script>x</script>').content.decode()
    assert "<script>x</script>" not in html


# --- Attachments --------------------------------------------------------------------------------


def test_published_attachment_can_be_downloaded(client):
    process = ProcessFactory(status=Process.Status.OPEN)
    contribution = PublishedContributionFactory(process=process)
    attachment = attach(contribution, "Tegning af pladsen.pdf")
    html = page(client, process).content.decode()
    url = reverse("contributions:attachment", args=[attachment.pk])
    assert f'href="{url}"' in html and "Tegning af pladsen.pdf" in html
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Tegning af pladsen.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == blank_pdf()


def test_withheld_or_unpublished_attachments_are_not_served(client):
    process = ProcessFactory(status=Process.Status.OPEN)
    withheld = attach(PublishedContributionFactory(process=process), "cpr.pdf")
    withheld.withheld = True
    withheld.save()
    pending = attach(ContributionFactory(process=process), "afventer.pdf")
    declined = attach(ContributionFactory(process=process, publication="declined"), "afvist.pdf")
    html = page(client, process).content.decode()
    assert "cpr.pdf" not in html and "afventer.pdf" not in html
    for attachment in (withheld, pending, declined):
        url = reverse("contributions:attachment", args=[attachment.pk])
        assert client.get(url).status_code == 404
    assert client.get(reverse("contributions:attachment", args=[999999])).status_code == 404


def test_attachments_of_private_processes_are_not_served(client):
    for process in (
        ProcessFactory(status=Process.Status.DRAFT),
        ProcessFactory(kind=Process.Kind.CASE, status=Process.Status.OPEN),
    ):
        attachment = attach(PublishedContributionFactory(process=process))
        url = reverse("contributions:attachment", args=[attachment.pk])
        assert client.get(url).status_code == 404


# --- Query counts that do not grow -------------------------------------------------------------


def _contributions(process: Process, rows: int) -> list[str]:
    """``rows`` contributions, three in four published, the last one made the newest (the first
    on the page); half of them answered. Returns their receipt numbers, in the order made."""
    now = timezone.now()
    Contribution.objects.bulk_create(
        Contribution(
            process=process,
            receipt_number=f"B-2026-{n + 1:06d}",
            text=f"Bidrag {n}",
            published_text=f"Bidrag {n}" if n % 4 else "",
            speaking_as="private",
            consent="name" if n % 4 else "none",
            publication="published" if n % 4 else "private",
            name=f"Borger {n}",
            received_at=now - datetime.timedelta(minutes=rows - n),
        )
        for n in range(rows)
    )
    contributions = list(Contribution.objects.filter(process=process))
    Answer.objects.bulk_create(
        Answer(
            contribution=c,
            outcome=Answer.Outcome.choices[c.pk % 5][0],
            reason="Fordi",
            published_at=now if c.pk % 2 else None,
        )
        for c in contributions[: rows // 2]
    )
    recount(Process.objects.filter(pk=process.pk))  # bulk_create passes by the counters
    for contribution in contributions[:3]:
        attach(contribution)
    return [f"B-2026-{n + 1:06d}" for n in range(rows)]


@pytest.mark.parametrize("rows", [10, 1000])
def test_process_page_query_count(client, django_assert_num_queries, rows):
    process = complete_project(status=Process.Status.OPEN)
    numbers = _contributions(process, rows)
    # 11, plus the documents section's versions; no two versions are published, so no query for
    # the changes from input or per answer (``test_process_page_query_count_with_changes``).
    response = assert_queries(
        django_assert_num_queries, 16, lambda: page(client, process), shows=numbers[-1]
    )
    assert response.context["feedback"].received == rows


@pytest.mark.parametrize("rows", [10, 1000])
def test_process_page_query_count_with_changes(client, django_assert_num_queries, rows):
    """A published change that came from input: two queries more at any size (the documents
    section's changes from the hearing version, and the changes per answer); the newest
    contribution, linked to it, shows it with its answer."""
    process = complete_project(status=Process.Status.OPEN)
    numbers = _contributions(process, rows)
    _doc, hearing, final = document(process, final_published=True)
    newest = Contribution.objects.get(receipt_number=numbers[-1])
    link(hearing, final, "tre etager", "Vi bygger lavere mod naboerne.", [newest])
    response = assert_queries(
        django_assert_num_queries,
        19,
        lambda: page(client, process),
        shows=[numbers[-1], "Vi bygger lavere mod naboerne."],
    )
    shown = response.context["feedback"].page[0]
    assert shown.receipt_number == numbers[-1]
    assert [c.explanation for c in shown.public_changes] == ["Vi bygger lavere mod naboerne."]


@pytest.mark.parametrize("rows", [10, 1000])
def test_process_page_query_count_with_the_form_and_a_search(
    client, django_assert_num_queries, rows, settings
):
    process, _activity = open_hearing()
    numbers = _contributions(process, rows)
    # What the search finds (published, "Bidrag 1" in the text), newest first; the second page
    # of it, or the only page when there is just one.
    found = [numbers[n] for n in reversed(range(rows)) if n % 4 and "Bidrag 1" in f"Bidrag {n}"]
    size = settings.INDDRAG_CONTRIBUTIONS_PAGE_SIZE
    second_page = found[size : 2 * size] or found[:size]
    # The search runs once: the page's ids with the count, then the page's rows by id (as the
    # count and the page did before); a page past the end (10 rows: one page) is the last page.
    # One more than without the form: the districts of its statistics question.
    response = assert_queries(
        django_assert_num_queries,
        17,
        lambda: page(client, process, q_bidrag="Bidrag 1", bidrag_side=2),
        shows=[second_page[0], second_page[-1]],
    )
    assert response.context["take_part"].form is not None
    assert [c.receipt_number for c in response.context["feedback"].page] == second_page
