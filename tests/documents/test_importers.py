"""Import of DOCX and ODT files and of text written in the page into blocks."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from odf.opendocument import OpenDocumentText
from odf.style import Style
from odf.table import CoveredTableCell, Table, TableColumn, TableRow
from odf.table import TableCell as OdfCell
from odf.text import (
    H,
    LineBreak,
    List,
    ListItem,
    ListLevelStyleBullet,
    ListLevelStyleNumber,
    ListStyle,
    Note,
    NoteBody,
    P,
    S,
    Span,
)

from inddrag.documents.importers import (
    ImportFailed,
    blocks_from_docx,
    blocks_from_file,
    blocks_from_odt,
    blocks_from_text,
    is_empty,
)

SENTENCE = (
    "Lokalplanens bestemmelser skal sikre, at området ved Ballerup Station udvikles med boliger, "
    "butikker og grønne friarealer, så bymidten bliver et trygt og levende sted for både unge, "
    "familier og ældre. "
)


def realistic_docx() -> bytes:
    """A local plan proposal of several pages: title, two heading levels, paragraphs, bullet and
    numbered lists (by style and by direct numbering), a table, page breaks."""
    document = docx.Document()
    document.add_heading("Forslag til lokalplan 123 — Ballerup Bymidte", level=0)
    for chapter in range(1, 7):
        document.add_heading(f"{chapter}. Kapitel om området", level=1)
        for section in range(1, 3):
            document.add_heading(f"{chapter}.{section} Bestemmelser for delområde", level=2)
            for _ in range(3):
                document.add_paragraph(SENTENCE * 4)
        document.add_paragraph("Bebyggelsen skal:", style="Normal")
        document.add_paragraph("opføres i højst fire etager", style="List Bullet")
        document.add_paragraph("have facader i tegl", style="List Bullet")
        document.add_paragraph("røde eller gule sten", style="List Bullet 2")
        document.add_paragraph("Første etape", style="List Number")
        document.add_paragraph("Anden etape", style="List Number")
        document.add_page_break()
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [["Delområde", "Bebyggelsesprocent", "Etager"], ["I", "40", "3"], ["II", "60", "4"]]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    # A paragraph numbered directly (numPr on the paragraph, "List Paragraph" style).
    item = document.add_paragraph("Direkte nummereret punkt på niveau 2", style="List Paragraph")
    numbered = document.styles["List Number"].element.pPr.numPr.numId.val
    ppr = item._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "1")
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), str(numbered))
    num_pr.append(ilvl)
    num_pr.append(num_id)
    ppr.append(num_pr)
    # A Danish style name for a heading, and text split over runs with a tab and a break.
    document.styles.add_style("Overskrift 3", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Særlige bestemmelser for gården", style="Overskrift 3")
    paragraph = document.add_paragraph("Træerne ")
    paragraph.add_run("bevares").bold = True
    paragraph.add_run("\tog stien føres ")
    paragraph.add_run().add_break()
    paragraph.add_run("langs åen.")
    document.add_paragraph("")  # empty paragraphs are left out
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


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


def odt_document() -> bytes:
    document = OpenDocumentText()
    numbered = ListStyle(name="Nummereret")
    numbered.addElement(ListLevelStyleNumber(level=1, numformat="1"))
    numbered.addElement(ListLevelStyleBullet(level=2, bulletchar="•"))
    document.automaticstyles.addElement(numbered)
    bullets = ListStyle(name="Punkter")
    bullets.addElement(ListLevelStyleBullet(level=1, bulletchar="•"))
    document.automaticstyles.addElement(bullets)
    title = Style(name="Title", family="paragraph")
    document.styles.addElement(title)
    document.text.addElement(P(stylename=title, text="Ældrepolitik 2027"))
    document.text.addElement(H(outlinelevel=1, text="Formål"))
    document.text.addElement(H(outlinelevel=2, text="Værdier"))
    paragraph = P(text="Vi vil møde borgerne ")
    paragraph.addElement(Span(text="i øjenhøjde"))
    paragraph.addElement(S(c=2))
    paragraph.addText("og lytte.")
    paragraph.addElement(LineBreak())
    paragraph.addText("Ny linje.")
    note = Note(noteclass="footnote")
    body = NoteBody()
    body.addElement(P(text="En fodnote, der udelades."))
    note.addElement(body)
    paragraph.addElement(note)
    document.text.addElement(paragraph)
    top = List(stylename=numbered)
    first = ListItem()
    first.addElement(P(text="Første mål"))
    inner = List()
    sub = ListItem()
    sub.addElement(P(text="Delmål"))
    inner.addElement(sub)
    first.addElement(inner)
    top.addElement(first)
    second = ListItem()
    second.addElement(P(text="Andet mål"))
    top.addElement(second)
    document.text.addElement(top)
    points = List(stylename=bullets)
    point = ListItem()
    point.addElement(P(text="Et punkt"))
    points.addElement(point)
    document.text.addElement(points)
    table = Table(name="Tabel1")
    table.addElement(TableColumn(numbercolumnsrepeated=3))
    for cells in (["Område", "2026", "2027"], ["Hjemmepleje", "12", "14"]):
        row = TableRow()
        for text in cells:
            cell = OdfCell()
            cell.addElement(P(text=text))
            row.addElement(cell)
        table.addElement(row)
    row = TableRow()
    cell = OdfCell(numbercolumnsspanned=2)
    cell.addElement(P(text="I alt"))
    row.addElement(cell)
    row.addElement(CoveredTableCell())
    last = OdfCell()
    last.addElement(P(text="26"))
    row.addElement(last)
    table.addElement(row)
    document.text.addElement(table)
    document.text.addElement(P(text=""))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


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
