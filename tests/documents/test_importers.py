"""Import of DOCX and ODT files and of text written in the page into blocks."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from inddrag.documents.importers import (
    ImportFailed,
    blocks_from_docx,
    blocks_from_file,
    blocks_from_odt,
    blocks_from_text,
    is_empty,
)
from tests.factories.files import SENTENCE, odt_document, realistic_docx


def test_docx_realistic_document():
    blocks = blocks_from_docx(realistic_docx())
    assert [b["id"] for b in blocks] == [f"b{i}" for i in range(1, len(blocks) + 1)]
    assert blocks[0] == {
        "id": "b1",
        "type": "heading",
        "level": 1,
        "text": "Forslag til lokalplan 123 — Ballerup Bymidte",
    }
    assert blocks[1]["type"] == "heading" and blocks[1]["level"] == 1
    assert blocks[2] == {
        "id": "b3",
        "type": "heading",
        "level": 2,
        "text": "1.1 Bestemmelser for delområde",
    }
    assert blocks[3]["type"] == "paragraph" and blocks[3]["text"] == (SENTENCE * 4).strip()
    words = sum(len(b.get("text", "").split()) for b in blocks)
    assert words > 4000  # about eight pages
    headings = [b for b in blocks if b["type"] == "heading"]
    assert len(headings) == 1 + 6 + 12 + 1
    items = [b for b in blocks if b["type"] == "list_item"]
    assert [(b["text"], b["level"], b["ordered"]) for b in items[:5]] == [
        ("opføres i højst fire etager", 1, False),
        ("have facader i tegl", 1, False),
        ("røde eller gule sten", 2, False),
        ("Første etape", 1, True),
        ("Anden etape", 1, True),
    ]
    (table,) = [b for b in blocks if b["type"] == "table"]
    assert table["rows"] == [
        ["Delområde", "Bebyggelsesprocent", "Etager"],
        ["I", "40", "3"],
        ["II", "60", "4"],
    ]
    direct = next(b for b in blocks if b["text" if "text" in b else "id"].startswith("Direkte"))
    assert (direct["type"], direct["level"], direct["ordered"]) == ("list_item", 2, True)
    danish = next(b for b in blocks if b.get("text") == "Særlige bestemmelser for gården")
    assert (danish["type"], danish["level"]) == ("heading", 3)
    assert blocks[-1] == {
        "id": f"b{len(blocks)}",
        "type": "paragraph",
        "text": "Træerne bevares\tog stien føres\nlangs åen.",
    }
    # Body order: the table comes after the last chapter's lists.
    kinds = [b["type"] for b in blocks]
    assert kinds.index("table") > max(
        i for i, b in enumerate(blocks) if b.get("text") == "Anden etape"
    )


def test_docx_merged_cells_keep_the_grid():
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Fælles overskrift"
    table.cell(0, 2).text = "C"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Lodret"
    table.cell(1, 1).text = "x"
    buffer = io.BytesIO()
    document.save(buffer)
    (block,) = blocks_from_docx(buffer.getvalue())
    assert block["rows"] == [["Fælles overskrift", "", "C"], ["Lodret", "x", ""], ["", "", ""]]


def test_docx_without_text_is_empty():
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    assert is_empty(blocks_from_docx(buffer.getvalue()))


@pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_damaged_files_fail_cleanly(data):
    with pytest.raises(ImportFailed):
        blocks_from_docx(data)
    with pytest.raises(ImportFailed):
        blocks_from_odt(data)


def test_a_zip_that_is_not_a_document_fails_cleanly():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hej")
    with pytest.raises(ImportFailed):
        blocks_from_file(buffer.getvalue(), "docx")
    with pytest.raises(ImportFailed):
        blocks_from_file(buffer.getvalue(), "odt")
    with pytest.raises(ImportFailed):
        blocks_from_file(buffer.getvalue(), "pdf")


def test_odt_import():
    blocks = blocks_from_odt(odt_document())
    assert blocks == [
        {"id": "b1", "type": "heading", "level": 1, "text": "Ældrepolitik 2027"},
        {"id": "b2", "type": "heading", "level": 1, "text": "Formål"},
        {"id": "b3", "type": "heading", "level": 2, "text": "Værdier"},
        {
            "id": "b4",
            "type": "paragraph",
            "text": "Vi vil møde borgerne i øjenhøjde  og lytte.\nNy linje.",
        },
        {"id": "b5", "type": "list_item", "level": 1, "ordered": True, "text": "Første mål"},
        {"id": "b6", "type": "list_item", "level": 2, "ordered": False, "text": "Delmål"},
        {"id": "b7", "type": "list_item", "level": 1, "ordered": True, "text": "Andet mål"},
        {"id": "b8", "type": "list_item", "level": 1, "ordered": False, "text": "Et punkt"},
        {
            "id": "b9",
            "type": "table",
            "rows": [["Område", "2026", "2027"], ["Hjemmepleje", "12", "14"], ["I alt", "", "26"]],
        },
    ]


def test_text_mini_syntax():
    text = (
        "# Lokalplan 123\n"
        "Indledende tekst over\n"
        "to linjer.\n"
        "\n"
        "## Formål\n"
        "\n"
        "- Boliger\n"
        "  - Rækkehuse\n"
        "- Butikker\n"
        "\n"
        "1. Første etape\n"
        "2) Anden etape\n"
        "\n"
        "\n"
        "Sidste afsnit med æøå.\r\n"
        "####### Ikke en overskrift\n"
    )
    assert blocks_from_text(text) == [
        {"id": "b1", "type": "heading", "level": 1, "text": "Lokalplan 123"},
        {"id": "b2", "type": "paragraph", "text": "Indledende tekst over to linjer."},
        {"id": "b3", "type": "heading", "level": 2, "text": "Formål"},
        {"id": "b4", "type": "list_item", "level": 1, "ordered": False, "text": "Boliger"},
        {"id": "b5", "type": "list_item", "level": 2, "ordered": False, "text": "Rækkehuse"},
        {"id": "b6", "type": "list_item", "level": 1, "ordered": False, "text": "Butikker"},
        {"id": "b7", "type": "list_item", "level": 1, "ordered": True, "text": "Første etape"},
        {"id": "b8", "type": "list_item", "level": 1, "ordered": True, "text": "Anden etape"},
        {
            "id": "b9",
            "type": "paragraph",
            "text": "Sidste afsnit med æøå. ####### Ikke en overskrift",
        },
    ]


def test_text_empty():
    assert blocks_from_text("") == []
    assert blocks_from_text("\n \n\t\n") == []
