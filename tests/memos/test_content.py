"""What the hearing memo says: the hearing's facts and counts, the contributions under their
topics with who sent them (named only where they may be), the summary (never a CPR number), the
assessment and recommendation, and the recommended changes — in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.utils import translation

from inddrag.contributions.models import Contribution, SpeakingAs
from inddrag.memos.gathering import build_memo, clean, excerpt
from inddrag.processes.models import Activity
from tests.factories import ActivityFactory, cph
from tests.factories.memos import CPR, many, memo_process

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(staff):
    return memo_process(staff)


def by_receipt(content, contribution):
    return next(i for i in content.items if i.receipt_number == contribution.receipt_number)


def test_the_hearing_facts_and_counts(data):
    content = build_memo(data.process)
    hearing = content.hearing
    assert content.title == f"Høringsnotat — {data.process.title}"
    [period] = hearing.periods
    assert period.dates == "1.–31. marts 2026"
    assert period.days == 31
    assert [a.title for a in hearing.activities] == ["Offentlig høring"]
    assert hearing.target_groups == ["Borgere", "Foreninger"]
    assert hearing.respondents == ["Ballerup Naturforening"]
    assert hearing.total == 4
    assert [(c.label, c.count) for c in hearing.by_category] == [
        ("Privatperson", 3),
        ("Forening eller organisation", 1),
    ]
    assert [(c.label, c.count) for c in hearing.by_source] == [("Brev", 3), ("E-mail", 1)]


def test_each_period_that_took_contributions_with_calendar_days_across_summer_time(data):
    ActivityFactory(
        process=data.process,
        title="Idéindsamling",
        method=Activity.Method.IDEAS,
        starts_at=cph(2027, 3, 1, 0, 0),
        ends_at=cph(2027, 4, 26, 0, 0),  # summer time begins in between: still 56 days
    )
    ActivityFactory(
        process=data.process,
        title="Borgermøde",
        method=Activity.Method.PUBLIC_MEETING,
        starts_at=cph(2027, 3, 10, 19, 0),
        ends_at=cph(2027, 3, 10, 21, 0),
    )
    hearing = build_memo(data.process).hearing
    assert [(p.title, p.days) for p in hearing.periods] == [
        ("Offentlig høring", 31),
        ("Idéindsamling", 56),
    ]
    assert [a.title for a in hearing.activities] == [
        "Offentlig høring",
        "Idéindsamling",
        "Borgermøde",
    ]


def test_contributions_grouped_by_topic_with_the_rest_last(data):
    content = build_memo(data.process)
    assert [(s.title, [i.receipt_number for i in s.items]) for s in content.sections] == [
        ("Trafik og parkering", [data.named.receipt_number, data.anonymous.receipt_number]),
        ("Grønne områder", [data.club.receipt_number]),
        ("Øvrige bidrag", [data.unanswered.receipt_number]),
    ]
    assert [i.number for i in content.items] == [1, 2, 3, 4]


def test_summary_assessment_and_recommendation(data):
    content = build_memo(data.process)
    named = by_receipt(content, data.named)
    assert named.summary == "Ønsker lavere byggeri af hensyn til lyset."
    assert named.summary_kind == "staff"
    assert named.assessment == "Imødekommet. Bebyggelsen sænkes til tre etager."
    assert named.recommendation == "Ændring af forslaget"
    assert [c.explanation for c in named.changes] == [
        "Etagehøjden sænkes efter høringssvar om lys."
    ]
    unanswered = by_receipt(content, data.unanswered)
    assert unanswered.assessment == "Ikke besvaret endnu"
    assert unanswered.recommendation == "Ingen indstilling endnu"
    assert [(c.label, c.count) for c in content.recommendations] == [
        ("Ændring af forslaget", 2),
        ("Ingen ændring", 1),
        ("Ingen indstilling endnu", 1),
    ]


def test_names_only_with_consent_or_for_organisations(data):
    content = build_memo(data.process)
    assert by_receipt(content, data.named).who == "Karen Blixen Hansen"
    assert by_receipt(content, data.anonymous).who == "Borger (anonym)"
    assert by_receipt(content, data.club).who == "Ballerup Naturforening"
    assert by_receipt(content, data.unanswered).who == "Borger (anonym)"
    everything = repr(content)
    for hidden in ("Hemmelig Person", "Ole Formand", "Per Privat"):
        assert hidden not in everything


def test_an_organisation_without_its_name_is_its_category(data):
    Contribution.objects.filter(pk=data.club.pk).update(on_behalf_of="")
    content = build_memo(data.process)
    item = by_receipt(content, data.club)
    assert item.who == "Forening eller organisation"
    assert not item.named
    assert "Ole Formand" not in repr(content)


def test_no_cpr_number_phone_or_email_in_the_memo(data):
    Contribution.objects.filter(pk=data.club.pk).update(
        summary="Ring til formanden på 12 34 56 78 eller skriv til ole@example.dk."
    )
    content = build_memo(data.process)
    start = by_receipt(content, data.anonymous)
    assert start.summary_kind == "excerpt"
    assert start.summary.startswith("Mit CPR-nummer er [skjult] og jeg")
    everything = repr(content)
    for secret in (CPR, "0102031234", "12 34 56 78", "ole@example.dk"):
        assert secret not in everything
    assert by_receipt(content, data.club).summary == (
        "Ring til formanden på [skjult] eller skriv til [skjult]."
    )


def test_a_contribution_not_for_publication_is_not_quoted(data):
    item = by_receipt(build_memo(data.process), data.unanswered)
    assert data.unanswered.publication == Contribution.Publication.PRIVATE
    assert item.summary_kind == "missing"
    assert "cykelparkering" not in item.summary


def test_published_contribution_quotes_the_published_text(data):
    Contribution.objects.filter(pk=data.anonymous.pk).update(
        publication=Contribution.Publication.PUBLISHED,
        published_text="Mit CPR-nummer er [skjult] og jeg vil have færre biler.",
    )
    item = by_receipt(build_memo(data.process), data.anonymous)
    assert item.summary == "Mit CPR-nummer er [skjult] og jeg vil have færre biler."


def test_excerpt_is_cut_at_a_word_after_screening():
    text = "ord " * 100 + CPR
    assert excerpt(text).endswith("ord…")
    assert len(excerpt(text)) <= 301
    # A CPR number right at the cut is hidden before the text is cut, never cut in half.
    text = "a" * 295 + " " + CPR + " mere tekst"
    assert "0102" not in excerpt(text)
    assert clean("ring 12345678\x0b") == "ring [skjult]"


def test_recommended_changes_as_visible_changes(data):
    [document] = build_memo(data.process).documents
    assert document.title == "Lokalplan 123"
    assert document.from_label == "Høringsudgave, 1. marts 2026"
    assert document.to_label == "Endelig udgave, 1. maj 2026"
    statuses = [(c.block.type, c.block.status) for c in document.blocks]
    assert statuses == [
        ("paragraph", "changed"),
        ("paragraph", "changed"),
        ("table", "changed"),
        ("list_item", "added"),
    ]
    first = document.blocks[0]
    assert [(s.op, s.text) for s in first.block.segments if s.op != "equal"] == [
        ("delete", "fire"),
        ("insert", "tre"),
    ]
    [note] = first.notes
    assert note.receipt_numbers == [data.named.receipt_number]


def test_no_documents_to_compare_without_a_later_version(data):
    data.change.to_version.delete()
    assert build_memo(data.process).documents == []


def test_the_memo_is_danish_whatever_the_language(data):
    with translation.override("en"):
        content = build_memo(data.process)
    assert content.sections[-1].title == "Øvrige bidrag"
    assert content.title.startswith("Høringsnotat")


@pytest.mark.parametrize("n", [10, 300])
def test_query_count_does_not_grow_with_contributions(staff, django_assert_num_queries, n):
    data = memo_process(staff)
    rows = many(data.process, n, topic=data.traffic)
    data.change.contributions.add(*rows[:5])
    # process activities, target groups, topics, contributions with answers, linked changes and
    # their contributions, documents and their versions, the compared versions' blocks, the
    # hearing list with who answered
    with django_assert_num_queries(10):
        content = build_memo(data.process)
    assert content.hearing.total == n + 4
    assert sum(c.count for c in content.hearing.by_category) == n + 4
    assert any(s.speaking_as == SpeakingAs.ASSOCIATION for s in rows)


def _memo_text(memo) -> str:
    """Everything the memo says, as one string (the dataclasses' repr holds every field)."""
    return repr(memo)


def test_the_public_memo_compares_only_published_versions(data):
    from inddrag.documents.models import DocumentVersion

    final = DocumentVersion.objects.get(label=DocumentVersion.Label.FINAL)
    DocumentVersion.objects.create(
        document=final.document,
        label=DocumentVersion.Label.DRAFT,
        dated=final.dated.replace(day=20),
        author=final.author,
        blocks=[{"id": "b1", "type": "paragraph", "text": "HEMMELIG arbejdstekst"}],
        published=False,
    )
    assert "HEMMELIG" not in _memo_text(build_memo(data.process))


def test_text_awaiting_review_and_declined_names_stay_out(data):
    from inddrag.contributions import services

    pending = services.submit(
        data.process,
        services.SubmissionData(
            text="Min nabo Peter Naboesen larmer",
            speaking_as="private",
            consent="name",
            name="Karen Hemmelig",
        ),
        [],
        source="letter",
        received_at=data.named.received_at,
    ).contribution
    assert pending.publication == Contribution.Publication.PENDING
    memo = _memo_text(build_memo(data.process))
    assert "Peter Naboesen" not in memo and "Karen Hemmelig" not in memo


def test_internal_contributions_are_not_in_the_public_memo(data):
    Contribution.objects.filter(pk=data.club.pk).update(internal=True)
    memo = _memo_text(build_memo(data.process))
    assert data.club.receipt_number not in memo
