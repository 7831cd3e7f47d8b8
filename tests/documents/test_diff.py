"""The word-level comparison behind "synlige rettelser" on tricky text."""

from __future__ import annotations

import pytest

from inddrag.documents.diff import (
    DELETE,
    INSERT,
    DiffBlock,
    Segment,
    changes_only,
    changes_under_headings,
    compare,
    excerpt,
    readable,
    word_diff,
)
from tests.factories.documents import paragraphs


def ops(block: DiffBlock) -> list[tuple[str, str]]:
    return [(s.op, s.text) for s in block.segments]


def statuses(diff: list[DiffBlock]) -> list[str]:
    return [b.status for b in diff]


def test_identical_versions_are_all_equal():
    blocks = paragraphs("Første afsnit.", "Andet afsnit.")
    diff = compare(blocks, blocks)
    assert statuses(diff) == ["equal", "equal"]
    assert changes_only(diff) == []
    assert ops(diff[0]) == [("equal", "Første afsnit.")]


def test_changed_word_in_a_paragraph():
    diff = compare(
        paragraphs("Bygningerne må højst være fire etager høje."),
        paragraphs("Bygningerne må højst være tre etager høje."),
    )
    assert statuses(diff) == ["changed"]
    assert ops(diff[0]) == [
        ("equal", "Bygningerne må højst være "),
        ("delete", "fire"),
        ("insert", "tre"),
        ("equal", " etager høje."),
    ]


def test_danish_letters_are_part_of_words():
    # "gården" → "gårdene": the whole word changes, never a split at "å" or "ø".
    segments = word_diff("Træerne i gården bevares.", "Træerne i gårdene bevares.")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "Træerne i "),
        ("delete", "gården"),
        ("insert", "gårdene"),
        ("equal", " bevares."),
    ]
    segments = word_diff("Æbletræer ved søen.", "Æbletræer ved åen.")
    assert ("delete", "søen") in [(s.op, s.text) for s in segments]
    assert ("insert", "åen") in [(s.op, s.text) for s in segments]
    assert segments[0] == Segment("equal", "Æbletræer ved ")


def test_neighbouring_changed_words_are_one_change():
    segments = word_diff("Den store røde bil.", "Den lille blå bil.")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "Den "),
        ("delete", "store røde"),
        ("insert", "lille blå"),
        ("equal", " bil."),
    ]


def test_punctuation_is_its_own_token():
    segments = word_diff("Stien bevares.", "Stien bevares!")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "Stien bevares"),
        ("delete", "."),
        ("insert", "!"),
    ]


def test_whitespace_only_change_is_equal():
    """Chosen: whitespace is never a change — double spaces, line ends, non-breaking spaces."""
    diff = compare(
        paragraphs("Lokalplanen  gælder for\nområdet ved stationen. "),
        paragraphs("Lokalplanen gælder for området\u00a0ved stationen."),
    )
    assert statuses(diff) == ["equal"]
    assert ops(diff[0]) == [("equal", "Lokalplanen gælder for området\u00a0ved stationen.")]
    # Inside a changed paragraph, a whitespace difference is not marked either.
    segments = word_diff("A  b c.", "A b d.")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "A b "),
        ("delete", "c"),
        ("insert", "d"),
        ("equal", "."),
    ]


def test_moved_paragraph_is_deleted_and_added():
    a = "Trafikken ledes ad Ballerup Byvej, og der etableres en ny rundkørsel ved stationen."
    b = "Byggeriet opføres i to etaper."
    c = "Parkering sker i en kælder under bebyggelsen."
    diff = compare(paragraphs(a, b, c), paragraphs(b, c, a))
    assert statuses(diff) == ["deleted", "equal", "equal", "added"]
    assert ops(diff[0]) == [("delete", a)]
    assert ops(diff[3]) == [("insert", a)]


def test_replaced_paragraph_pairs_with_the_most_similar():
    old = paragraphs(
        "Der må bygges højst 120 boliger i området.",
        "Bilparkering sker på terræn.",
    )
    new = paragraphs(
        "Helt nyt afsnit om regnvand og klimatilpasning i hele området.",
        "Der må bygges højst 100 boliger i området.",
        "Cykelparkering sker i gården.",
    )
    diff = compare(old, new)
    assert [(b.status, b.type) for b in diff] == [
        ("added", "paragraph"),
        ("changed", "paragraph"),
        ("deleted", "paragraph"),
        ("added", "paragraph"),
    ]
    assert ("delete", "120") in ops(diff[1])
    assert ("insert", "100") in ops(diff[1])


def test_a_rewritten_paragraph_is_deleted_and_added():
    diff = compare(
        paragraphs("Området udlægges til erhverv."),
        paragraphs("Kommunen ønsker boliger og grønne arealer her."),
    )
    assert statuses(diff) == ["deleted", "added"]


def test_types_are_kept_apart():
    old = [{"id": "b1", "type": "heading", "level": 2, "text": "Formål"}]
    new = [{"id": "b1", "type": "paragraph", "text": "Formål"}]
    diff = compare(old, new)
    assert [(b.status, b.type) for b in diff] == [("deleted", "heading"), ("added", "paragraph")]


def test_heading_level_change_is_a_change_with_the_text_as_it_was():
    old = [{"id": "b1", "type": "heading", "level": 2, "text": "Formål"}]
    new = [{"id": "b1", "type": "heading", "level": 3, "text": "Formål"}]
    diff = compare(old, new)
    assert [(b.status, b.level) for b in diff] == [("changed", 3)]
    assert ops(diff[0]) == [("equal", "Formål")]


def test_lists_keep_level_and_ordering():
    old = [
        {"id": "b1", "type": "list_item", "level": 1, "ordered": True, "text": "Første etape"},
        {"id": "b2", "type": "list_item", "level": 2, "ordered": False, "text": "Boliger"},
    ]
    new = [
        {"id": "b1", "type": "list_item", "level": 1, "ordered": True, "text": "Første etape"},
        {"id": "b2", "type": "list_item", "level": 2, "ordered": False, "text": "Boliger og butik"},
    ]
    diff = compare(old, new)
    assert [(b.status, b.level, b.ordered) for b in diff] == [
        ("equal", 1, True),
        ("changed", 2, False),
    ]
    assert ops(diff[1])[-1] == ("insert", " og butik")


def test_table_row_changed_is_compared_cell_by_cell():
    old = [
        {
            "id": "b1",
            "type": "table",
            "rows": [
                ["Delområde", "Bebyggelsesprocent", "Etager"],
                ["I", "40", "3"],
                ["II", "60", "4"],
            ],
        }
    ]
    new = [
        {
            "id": "b1",
            "type": "table",
            "rows": [
                ["Delområde", "Bebyggelsesprocent", "Etager"],
                ["I", "40", "3"],
                ["II", "50", "3"],
                ["III", "30", "2"],
            ],
        }
    ]
    (block,) = compare(old, new)
    assert block.status == "changed" and block.type == "table"
    assert block.segments == ()
    assert len(block.rows) == 4
    assert block.rows[0] == (
        (Segment("equal", "Delområde"),),
        (Segment("equal", "Bebyggelsesprocent"),),
        (Segment("equal", "Etager"),),
    )
    assert block.rows[2][0] == (Segment("equal", "II"),)
    assert block.rows[2][1] == (Segment("delete", "60"), Segment("insert", "50"))
    assert block.rows[3] == tuple((Segment("insert", c),) for c in ("III", "30", "2"))


def test_table_whose_shape_changed_is_deleted_and_added():
    old = [{"id": "b1", "type": "table", "rows": [["A", "B"], ["1", "2"]]}]
    new = [{"id": "b1", "type": "table", "rows": [["A", "B", "C"], ["1", "2", "3"]]}]
    diff = compare(old, new)
    assert [(b.status, b.type) for b in diff] == [("deleted", "table"), ("added", "table")]
    assert diff[0].rows[0][0] == (Segment("delete", "A"),)
    assert diff[1].rows[1][2] == (Segment("insert", "3"),)


def test_equal_table_with_whitespace_difference():
    old = [{"id": "b1", "type": "table", "rows": [["A  1", "B"]]}]
    new = [{"id": "b1", "type": "table", "rows": [["A 1", "B"]]}]
    assert statuses(compare(old, new)) == ["equal"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ([], [], []),
        ([], paragraphs("Nyt."), ["added"]),
        (paragraphs("Gammelt."), [], ["deleted"]),
    ],
)
def test_empty_versions(old, new, expected):
    assert statuses(compare(old, new)) == expected


def test_empty_and_odd_blocks_do_not_break_the_comparison():
    old = [
        {"type": "paragraph"},
        {"type": "mystery", "text": "x"},
        {"type": "heading", "text": "H"},
    ]
    new = [{"type": "paragraph", "text": ""}, {"type": "heading", "level": "x", "text": "H"}]
    diff = compare(old, new)
    assert "equal" in statuses(diff)


def test_keys_are_stable_and_distinct():
    old = paragraphs("Se bilag 1.", "Tekst.", "Se bilag 1.")
    new = paragraphs("Tekst.")
    first, again = compare(old, new), compare(old, new)
    assert [b.key for b in first] == [b.key for b in again]
    keys = [b.key for b in changes_only(first)]
    assert len(keys) == 2 and len(set(keys)) == 2  # the same deletion twice, two keys
    assert all(len(k) == 16 and int(k, 16) >= 0 for k in keys)
    # A different change gets a different key.
    other = compare(paragraphs("Se bilag 2."), [])
    assert other[0].key not in keys


def test_excerpt_names_the_change():
    (block,) = compare(paragraphs("Højst fire etager."), paragraphs("Højst tre etager."))
    assert excerpt(block) == "„Højst fire etager.“ → „Højst tre etager.“"


def test_large_rewrite_stays_fast_and_complete():
    old = paragraphs(*[f"Afsnit nummer {i} om lokalplanen for bymidten." for i in range(600)])
    new = paragraphs(*[f"Afsnit {i} om den nye kommuneplan og stationen." for i in range(600)])
    diff = compare(old, new)
    assert sum(1 for b in diff if b.status in ("changed", "deleted")) == 600
    assert sum(1 for b in diff if b.status in ("changed", "added")) == 600


# --- A change as a reader takes it in ------------------------------------------------------


def test_readable_keeps_a_little_context_around_each_change():
    old = (
        "Krydset ved Skovlunde Byvej og Ballerup Byvej, hvor mange skolebørn krydser om "
        "morgenen, undersøges nærmere i planperioden, og en løsning forventes tidligst i 2028 "
        "efter en trafiktælling i hele området omkring skolen og idrætsanlægget i bydelen."
    )
    new = old.replace("undersøges nærmere", "får en signalreguleret overgang").replace(
        "2028", "2027"
    )
    (block,) = compare(paragraphs(old), paragraphs(new))
    segments = readable(block)
    assert [s.text for s in segments if s.op == DELETE] == ["undersøges nærmere", "2028"]
    assert [s.text for s in segments if s.op == INSERT] == [
        "får en signalreguleret overgang",
        "2027",
    ]
    text = "".join(s.text for s in segments)
    assert text.startswith("…") and text.endswith("…")  # cut at a word, and says so
    assert "  " not in text
    assert excerpt(block).count("→") == 1
    assert "+" not in excerpt(block) and "−" not in excerpt(block)  # no raw diff marks


def test_readable_shows_the_changed_cells_of_a_table():
    old = [{"type": "table", "rows": [["Område", "Etager"], ["A", "4"], ["B", "2"]]}]
    new = [{"type": "table", "rows": [["Område", "Etager"], ["A", "3"], ["B", "2"]]}]
    (block,) = [b for b in compare(old, new) if b.status != "equal"]
    assert readable(block) == (Segment(DELETE, "4"), Segment(INSERT, "3"))
    assert excerpt(block) == "„4“ → „3“"


def test_added_and_deleted_paragraphs_read_as_such():
    added = compare(paragraphs("A."), paragraphs("A.", "Reflekser på stierne."))[-1]
    assert excerpt(added) == "→ „Reflekser på stierne.“"
    deleted = compare(paragraphs("Gammel regel.", "A."), paragraphs("A."))[0]
    assert excerpt(deleted) == "„Gammel regel.“ → –"


def test_only_the_changes_keep_the_headings_above_them():
    heading = {"type": "heading", "level": 1, "text": "Trafik"}
    sub = {"type": "heading", "level": 2, "text": "Skoleveje"}
    other = {"type": "heading", "level": 2, "text": "Cykelstier"}
    old = [heading, sub, *paragraphs("Fart 50."), other, *paragraphs("Uændret.")]
    new = [heading, sub, *paragraphs("Fart 40."), other, *paragraphs("Uændret.")]
    shown = changes_under_headings(compare(old, new))
    assert [(b.type, b.status) for b in shown] == [
        ("heading", "equal"),
        ("heading", "equal"),
        ("paragraph", "changed"),
    ]
    assert "".join(s.text for s in shown[1].segments) == "Skoleveje"
    # Without headings, nothing extra; the plain list stays the changed blocks only.
    assert [b.status for b in changes_only(compare(old, new))] == ["changed"]
