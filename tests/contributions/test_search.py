"""Searching contributions (issue #14): the public list's search (``?q_bidrag=``, the published
text only) and the staff inbox's (``?q=``). Full-text search in Danish on PostgreSQL, a
case-folding ``LIKE`` on SQLite (``inddrag.contributions.search``); the tests marked
``postgresql_only`` need what only PostgreSQL's full-text search does."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from inddrag.contributions import search
from inddrag.processes.models import Process
from tests.factories import ProcessFactory, StaffFactory
from tests.factories.contributions import (
    ContributionFactory,
    PublishedContributionFactory,
    hearing_process,
)

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="stemming, websearch operators and ranking are PostgreSQL full-text search; SQLite "
    "searches for the text as typed (run with DATABASE_URL=postgres://…)",
)


@pytest.fixture
def process():
    return ProcessFactory(status=Process.Status.OPEN)


def publish(process, text: str, minutes_ago: int = 0, **kwargs):
    return PublishedContributionFactory(
        process=process,
        text=text,
        received_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        **kwargs,
    )


def searched(client, process, query: str, **params):
    response = client.get(
        reverse("processes:detail", args=[process.pk]), {"q_bidrag": query, **params}
    )
    assert response.status_code == 200
    return response


def found(client, process, query: str) -> list[str]:
    """The texts found, in the order shown."""
    return [c.published_text for c in searched(client, process, query).context["feedback"].page]


# --- What matches (both databases) --------------------------------------------------------------


def test_a_part_of_a_word_matches(client, process):
    publish(process, "Lav cykelstien bredere.")
    publish(process, "Flere skolerne, tak.")
    publish(process, "Plant træer.")
    assert found(client, process, "cykel") == ["Lav cykelstien bredere."]
    assert found(client, process, "skole") == ["Flere skolerne, tak."]
    assert found(client, process, "kelsti") == ["Lav cykelstien bredere."]  # inside a word


def test_inflections_of_a_word_match(client, process):
    texts = ["Ved skole", "Ved skolen", "Ved skolerne", "Ved kirken"]
    for n, text in enumerate(texts):
        publish(process, text, minutes_ago=n)
    assert set(found(client, process, "skole")) == set(texts[:3])


@postgresql_only
def test_inflections_match_by_their_stem(client, process):
    texts = ["Ved skole", "Ved skolen", "Ved skolerne", "Ved kirken"]
    for n, text in enumerate(texts):
        publish(process, text, minutes_ago=n)
    # "skolerne" is not in "skole" or "skolen": the Danish stem (skol) finds them.
    assert set(found(client, process, "skolerne")) == set(texts[:3])
    assert set(found(client, process, "SKOLEN")) == set(texts[:3])


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Plant flere æbletræer", "ÆBLETRÆER"),
        ("PLANT FLERE ÆBLETRÆER", "æbletræer"),
        ("Stien ved Søvej", "SØVEJ"),
        ("STIEN VED SØVEJ", "søvej"),
        ("Broen over åen", "ÅEN"),
        ("BROEN OVER ÅEN", "åen"),
    ],
)
def test_ae_oe_aa_match_in_upper_and_lower_case(client, process, text, query):
    publish(process, text)
    publish(process, "Noget helt andet")
    assert found(client, process, query) == [text]


def test_the_public_search_looks_only_at_published_text(client, process):
    publish(
        process,
        "Mit telefonnummer er hemmeligt, jeg ønsker cykelsti",
        name="Cykelbjørn Hansen",
        email="cykel@example.dk",
        on_behalf_of="Cykelklubben",
    ).__class__.objects.update(published_text="Jeg ønsker cykelsti")
    ContributionFactory(process=process, text="Venter: parkering")  # pending
    ContributionFactory(process=process, text="Privat: parkering", publication="private")
    assert found(client, process, "cykelsti") == ["Jeg ønsker cykelsti"]
    for query in [
        "Cykelbjørn",
        "Hansen",
        "cykel@example.dk",
        "Cykelklubben",
        "hemmeligt",
        "telefonnummer",
        "parkering",
    ]:
        assert found(client, process, query) == [], query


def test_a_receipt_number_finds_its_contribution(client, process):
    mine = publish(process, "Om træerne")
    publish(process, "Om bænkene")
    assert found(client, process, mine.receipt_number) == ["Om træerne"]
    assert found(client, process, mine.receipt_number.lower()) == ["Om træerne"]


# --- Odd queries --------------------------------------------------------------------------------


def test_an_empty_query_shows_all(client, process):
    for n in range(3):
        publish(process, f"Bidrag {n}", minutes_ago=n)
    response = searched(client, process, "   ")
    assert response.context["feedback"].query == ""
    assert len(response.context["feedback"].page) == 3


@pytest.mark.parametrize("query", ["!?", "...", "&|!:*", "og", "og i at", "-", '"', "()", "or"])
def test_punctuation_and_stop_words_are_no_error(client, process, query):
    publish(process, "Træer og buske")
    publish(process, "Bænke")
    shown = found(client, process, query)
    # What is found contains the query as typed (the stop word "og"), or nothing.
    assert all(query.strip('"-').strip().lower() in text.lower() for text in shown), shown


def test_a_very_long_query_is_cut_and_no_error(client, process):
    publish(process, "Træer " * 40)
    response = searched(client, process, "træer " * 170)  # 1,020 characters
    assert len(response.context["feedback"].query) == 200
    assert len(response.context["feedback"].page) == 1
    response = searched(client, process, "x" * 1000)
    assert len(response.context["feedback"].page) == 0


def test_a_nul_in_the_query_is_refused_before_the_search(client, process):
    publish(process, "Træer")
    response = client.get(f"{reverse('processes:detail', args=[process.pk])}?q_bidrag=tr%00")
    assert response.status_code == 400


@pytest.mark.parametrize("side", ["2", "99", "99999999999999999999", "-1", "0", "x"])
def test_any_page_number_of_a_search_shows_a_page(client, process, settings, side):
    settings.INDDRAG_CONTRIBUTIONS_PAGE_SIZE = 2
    for n in range(5):
        publish(process, f"Cykelsti {n}", minutes_ago=n)
    publish(process, "Træer")
    page = searched(client, process, "cykelsti", bidrag_side=side).context["feedback"].page
    assert page.paginator.count == 5
    expected = {"2": 2, "x": 1}.get(side, 3)  # past either end: the last page
    assert page.number == expected
    assert len(page) == (2 if expected < 3 else 1)


# --- PostgreSQL: operators and ranking ----------------------------------------------------------


@postgresql_only
def test_websearch_operators(client, process):
    publish(process, "En sikker cykelsti langs vejen", minutes_ago=1)
    publish(process, "Cykelsti og parkering ved stationen", minutes_ago=2)
    publish(process, "Cykelsti, men er den sikker?", minutes_ago=3)
    publish(process, "Flere træer", minutes_ago=4)
    assert set(found(client, process, "cykelsti -parkering")) == {
        "En sikker cykelsti langs vejen",
        "Cykelsti, men er den sikker?",
    }
    assert found(client, process, '"sikker cykelsti"') == ["En sikker cykelsti langs vejen"]
    assert set(found(client, process, "træer or parkering")) == {
        "Cykelsti og parkering ved stationen",
        "Flere træer",
    }


@postgresql_only
def test_the_best_match_comes_first_then_the_newest(client, process):
    publish(process, "Træer", minutes_ago=1)
    publish(process, "Cykelsti her", minutes_ago=2)
    publish(process, "Cykelsti, cykelsti og atter cykelsti", minutes_ago=3)
    publish(process, "Også cykelsti", minutes_ago=4)
    assert found(client, process, "cykelsti") == [
        "Cykelsti, cykelsti og atter cykelsti",
        "Cykelsti her",
        "Også cykelsti",
    ]


# --- Marking what was found ---------------------------------------------------------------------


def test_the_found_words_are_marked_and_the_text_is_escaped(client, process):
    publish(process, "<script>alert(1)</script> Skolen & <mark>vejen</mark>\n\nAnden skolegård")
    html = searched(client, process, "skole").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;mark&gt;vejen&lt;/mark&gt;" in html  # the citizen's own tags are text
    assert "<mark>Skolen</mark>" in html or "<mark>Skole</mark>n" in html
    assert "<p>" in html.split("contribution-text")[1]  # paragraphs kept


def test_marks_of_the_headline_in_the_text_itself_do_not_become_tags(client, process):
    publish(process, f"Skolen {search.START}<script>{search.STOP}")
    html = searched(client, process, "skolen").content.decode()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_mark_words_escapes_everything_but_its_marks():
    terms = search.parse("amp lt")
    marked = search.mark_words("a & b < c AMP", terms)
    assert marked == "a &amp; b &lt; c <mark>AMP</mark>"


def test_without_a_search_nothing_is_marked(client, process):
    publish(process, "Skolen")
    html = client.get(reverse("processes:detail", args=[process.pk])).content.decode()
    assert "<mark>" not in html


# --- The staff inbox ----------------------------------------------------------------------------


@pytest.fixture
def staff_process(staff):
    return hearing_process(staff)


def inbox(staff_client, process, query: str) -> set[str]:
    url = reverse("staff:contributions:inbox", args=[process.pk])
    response = staff_client.get(url, {"q": query})
    assert response.status_code == 200
    return {c.text for c in response.context["page"]}


def test_the_inbox_searches_text_names_and_e_mail(staff_client, staff_process):
    ContributionFactory(process=staff_process, text="Lav cykelstien", name="Ærlige Åse")
    ContributionFactory(process=staff_process, text="Plant træer", email="SØREN@example.dk")
    ContributionFactory(process=staff_process, text="Bænke", on_behalf_of="Grundejerforeningen")
    assert inbox(staff_client, staff_process, "cykel") == {"Lav cykelstien"}
    assert inbox(staff_client, staff_process, "ærlige åse") == {"Lav cykelstien"}
    assert inbox(staff_client, staff_process, "søren@") == {"Plant træer"}
    assert inbox(staff_client, staff_process, "grundejer") == {"Bænke"}
    assert inbox(staff_client, staff_process, "TRÆER") == {"Plant træer"}


@postgresql_only
def test_the_inbox_searches_the_text_in_full_text(staff_client, staff_process):
    ContributionFactory(process=staff_process, text="Tæt på skolerne")
    ContributionFactory(process=staff_process, text="Cykelsti og parkering")
    ContributionFactory(process=staff_process, text="Cykelsti")
    assert inbox(staff_client, staff_process, "skolen") == {"Tæt på skolerne"}
    assert inbox(staff_client, staff_process, "cykelsti -parkering") == {"Cykelsti"}


def test_the_inbox_search_stays_in_its_process(staff_client, staff_process):
    ContributionFactory(process=staff_process, text="Cykelsti her")
    ContributionFactory(process=hearing_process(StaffFactory()), text="Cykelsti der")
    assert inbox(staff_client, staff_process, "cykelsti") == {"Cykelsti her"}
