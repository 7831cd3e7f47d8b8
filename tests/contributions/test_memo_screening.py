"""The screened texts the hearing memo shows, stored with the contribution and the answer: made
when the text is saved, refreshed by the services that write with ``update()``, filled by
``manage.py rescreen``, and never used once the text or the rules have changed since."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from inddrag.contributions import screened
from inddrag.contributions import services as contribution_services
from inddrag.contributions.models import Answer, Contribution
from inddrag.memos import services as memo_services
from tests.factories.contributions import bulk
from tests.factories.memos import CPR, memo_process

pytestmark = pytest.mark.django_db


def stored(contribution: Contribution, field: str) -> str:
    contribution.refresh_from_db()
    return contribution.screened[field][1]


@pytest.fixture
def data(staff):
    return memo_process(staff)


def test_saving_stores_the_screened_texts_with_their_fingerprints(data):
    club = data.club
    club.summary = f"Formanden har CPR {CPR} og telefon 12 34 56 78."
    club.save()
    assert stored(club, "summary") == "Formanden har CPR [skjult] og telefon [skjult]."
    assert stored(club, "on_behalf_of") == "Ballerup Naturforening"
    assert screened.is_current(club.screened, club, screened.CONTRIBUTION_FIELDS)
    assert CPR not in repr(club.screened)


def test_a_save_of_some_fields_also_writes_the_screening(data):
    club = Contribution.objects.get(pk=data.club.pk)
    club.summary = f"Ring {CPR}"
    club.save(update_fields=["summary"])
    assert stored(club, "summary") == "Ring [skjult]"


def test_a_save_of_other_fields_leaves_it(data):
    club = Contribution.objects.get(pk=data.club.pk)
    before = club.screened
    club.topic = None
    club.save(update_fields=["topic"])
    club.refresh_from_db()
    assert club.screened == before


def test_an_update_around_save_leaves_it_stale_and_it_is_not_used(data):
    Contribution.objects.filter(pk=data.club.pk).update(summary=f"Ny tekst med {CPR}")
    club = Contribution.objects.get(pk=data.club.pk)
    assert not screened.is_current(club.screened, club, screened.CONTRIBUTION_FIELDS)
    value = screened.stored_or_screened(club.screened, "summary", club.summary)
    assert value == "Ny tekst med [skjult]"


def test_a_stored_value_of_another_text_is_never_used():
    # Stored for "Hej" — a text with a CPR number must be screened, not given the stored value.
    entry = {"summary": screened.screen("summary", "Hej")}
    assert screened.stored_or_screened(entry, "summary", "Hej") == "Hej"
    assert screened.stored_or_screened(entry, "summary", f"Hej {CPR}") == "Hej [skjult]"


def test_a_change_of_the_rules_or_the_watch_list_makes_every_stored_value_stale(
    data, settings, monkeypatch
):
    club = Contribution.objects.get(pk=data.club.pk)
    club.save()
    assert screened.is_current(club.screened, club, screened.CONTRIBUTION_FIELDS)
    settings.INDDRAG_SCREENING_WORDS = ["Naturforening"]
    assert not screened.is_current(club.screened, club, screened.CONTRIBUTION_FIELDS)
    assert (
        screened.stored_or_screened(club.screened, "on_behalf_of", club.on_behalf_of)
        == "Ballerup [skjult]"
    )
    settings.INDDRAG_SCREENING_WORDS = []
    monkeypatch.setattr(screened, "RULES_VERSION", screened.RULES_VERSION + 1)
    assert not screened.is_current(club.screened, club, screened.CONTRIBUTION_FIELDS)


def test_rescreen_fills_rows_made_by_bulk_create(data, capsys):
    call_command("rescreen")  # the rows memo_process changed with update()
    capsys.readouterr()
    rows = bulk(data.process, 3, summary=f"CPR {CPR}")
    assert all(not Contribution.objects.get(pk=r.pk).screened for r in rows)
    call_command("rescreen")
    assert "Screened anew: 3 contributions, 0 answers." in capsys.readouterr().out
    for row in rows:
        assert stored(row, "summary") == "CPR [skjult]"
    call_command("rescreen")  # nothing stale any more
    assert "0 contributions, 0 answers" in capsys.readouterr().out


def test_staff_summary_and_a_redrafted_answer_are_screened_when_written(data, staff):
    memo_services.set_memo_fields(
        data.club, summary=f"Formand: {CPR}", topic=None, recommendation=None, user=staff
    )
    assert stored(data.club, "summary") == "Formand: [skjult]"
    contribution_services.answer(
        [data.club], outcome=Answer.Outcome.NOTED, reason=f"Svar til {CPR}.", author=staff
    )
    answer = Answer.objects.get(contribution=data.club)
    assert answer.screened["reason"][1] == "Svar til [skjult]."
    assert screened.is_current(answer.screened, answer, screened.ANSWER_FIELDS)


def test_publication_screens_the_published_text(data):
    anonymous = Contribution.objects.get(pk=data.anonymous.pk)
    assert anonymous.publication == Contribution.Publication.PUBLISHED
    assert stored(anonymous, "published_text").startswith("Mit CPR-nummer er [skjult]")
    contribution_services.decline(anonymous, "Ikke relevant", anonymous.process.responsible)
    assert stored(anonymous, "published_text") == ""
