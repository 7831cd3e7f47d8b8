"""The memo's files: the DOCX reopened with python-docx, the PDF's text read with pypdf."""

from __future__ import annotations

import io

import pytest
from docx import Document
from pypdf import PdfReader

from inddrag.lib import pdf_fonts
from inddrag.memos import pdf_file
from inddrag.memos.docx_file import render_docx
from inddrag.memos.gathering import build_memo
from inddrag.memos.pdf_file import render_pdf
from tests.factories.memos import CPR, memo_process

pytestmark = pytest.mark.django_db

HIDDEN = ("Hemmelig Person", "Ole Formand", "Per Privat", CPR, "0102031234")


@pytest.fixture
def data(staff):
    return memo_process(staff)


@pytest.fixture
def docx(data):
    return Document(io.BytesIO(render_docx(build_memo(data.process))))


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def sections(document) -> dict[str, list[str]]:
    """The paragraphs under each level-2 heading."""
    found: dict[str, list[str]] = {}
    current = None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 2":
            current = paragraph.text
            found[current] = []
        elif paragraph.style.name == "Heading 1":
            current = None
        elif current is not None:
            found[current].append(paragraph.text)
    return found


def test_docx_title_and_headings(data, docx):
    headings = [
        (p.style.name, p.text)
        for p in docx.paragraphs
        if p.style.name.startswith(("Title", "Heading"))
    ]
    assert headings[0] == ("Title", f"Høringsnotat — {data.process.title}")
    level1 = [text for style, text in headings if style == "Heading 1"]
    assert level1 == [
        "1. Høringen",
        "2. Høringssvarene og administrationens vurdering",
        "3. Anbefalede ændringer af forslaget",
    ]
    level2 = [text for style, text in headings if style == "Heading 2"]
    assert level2 == [
        "Høringssvar fordelt på afsender",
        "Høringssvar fordelt på, hvordan de er modtaget",
        "Trafik og parkering",
        "Grønne områder",
        "Øvrige bidrag",
        "Lokalplan 123",
    ]
    assert docx.core_properties.title == f"Høringsnotat — {data.process.title}"
    assert docx.core_properties.language == "da-DK"


def test_docx_hearing_facts_and_counts_per_category(docx):
    facts, categories, sources = docx.tables[:3]
    rows = {row.cells[0].text: row.cells[1].text for row in facts.rows}
    assert rows["Høringsperiode"] == "Offentlig høring (Høring): 1.–31. marts 2026 (31 dage)"
    assert rows["Inviterede parter (målgrupper)"] == "Borgere, Foreninger"
    assert rows["Høringssvar i alt"] == "4"
    counts = [(row.cells[0].text, row.cells[1].text) for row in categories.rows]
    assert counts == [
        ("Afsender", "Antal"),
        ("Privatperson", "3"),
        ("Forening eller organisation", "1"),
        ("Høringssvar i alt", "4"),
    ]
    assert [(row.cells[0].text, row.cells[1].text) for row in sources.rows][1:3] == [
        ("Brev", "3"),
        ("E-mail", "1"),
    ]
    # The header row is marked as such (repeated on each page, read as a header).
    assert categories.rows[0]._tr.trPr.xml.count("tblHeader") == 1


def test_docx_contribution_in_its_topic_section(data, docx):
    found = sections(docx)
    traffic = found["Trafik og parkering"]
    assert f"1. {data.named.receipt_number} — Karen Blixen Hansen (Privatperson)" in traffic
    assert "Resumé: Ønsker lavere byggeri af hensyn til lyset." in traffic
    assert "Administrationens vurdering: Imødekommet. Bebyggelsen sænkes til tre etager." in traffic
    assert "Indstilling: Ændring af forslaget" in traffic
    assert (
        "Ændring: Etagehøjden sænkes efter høringssvar om lys. "
        "(„Der må bygges i højst fire etager.“ → „Der må bygges i højst tre etager.“)"
    ) in traffic
    assert f"2. {data.anonymous.receipt_number} — Borger (anonym)" in traffic
    green = found["Grønne områder"]
    assert "Resumé: Foreningen vil bevare træerne langs stien." in green
    assert (
        "Administrationens vurdering: Delvist imødekommet. Træerne bevares, hvor det er muligt."
        in green
    )
    other = found["Øvrige bidrag"]
    assert "Administrationens vurdering: Ikke besvaret endnu" in other
    assert "Indstilling: Ingen indstilling endnu" in other
    assert not any("Ønsker lavere byggeri" in line for line in green + other)


def test_docx_leaves_out_names_without_consent_and_cpr_numbers(docx):
    text = all_text(docx)
    assert "Borger (anonym)" in text
    assert "[skjult]" in text
    for hidden in HIDDEN:
        assert hidden not in text


def test_docx_changes_as_underlined_and_struck_through_runs_with_a_legend(data, docx):
    paragraphs = [p.text for p in docx.paragraphs]
    assert any(
        text.startswith(
            "Sådan læses ændringerne: tilføjet tekst er understreget (og grøn), "
            "slettet tekst er gennemstreget (og rød)."
        )
        for text in paragraphs
    )
    runs = [run for p in docx.paragraphs for run in p.runs]
    inserted = {run.text for run in runs if run.font.underline}
    deleted = {run.text for run in runs if run.font.strike}
    assert {"tre", "i gården", "Træerne langs stien bevares.", "tilføjet tekst"} <= inserted
    assert {"fire", "ved vejen", "slettet tekst"} <= deleted
    assert "Ændret: Der må bygges i højst firetre etager." in paragraphs
    assert (
        "Begrundelse: Etagehøjden sænkes efter høringssvar om lys. "
        f"(Bidrag {data.named.receipt_number})"
    ) in paragraphs
    # The changed table row: "4" struck through and "3" underlined in the cell.
    cell = docx.tables[-1].rows[1].cells[1].paragraphs[0]
    assert [(r.text, bool(r.font.strike), bool(r.font.underline)) for r in cell.runs] == [
        ("4", True, False),
        ("3", False, True),
    ]


def pdf_text(data) -> str:
    reader = PdfReader(io.BytesIO(render_pdf(build_memo(data.process))))
    assert reader.metadata.title == f"Høringsnotat — {data.process.title}"
    # Lines are wrapped and table cells put on lines of their own: compare with single spaces.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_pdf_has_the_title_counts_and_summaries_without_cpr(data):
    text = pdf_text(data)
    assert f"Høringsnotat — {data.process.title}" in text
    assert "Høringssvar i alt 4" in text
    assert "Privatperson 3" in text
    assert "Ønsker lavere byggeri af hensyn til lyset." in text
    assert "Trafik og parkering" in text
    assert "Borger (anonym)" in text
    assert "Sådan læses ændringerne" in text
    for hidden in HIDDEN:
        assert hidden not in text


def test_pdf_without_a_truetype_font_falls_back_to_helvetica(data, monkeypatch):
    monkeypatch.setattr(pdf_fonts, "FONT_DIRS", [])
    pdf_file.fonts.cache_clear()
    try:
        text = pdf_text(data)
    finally:
        pdf_file.fonts.cache_clear()
    assert "Høringsnotat" in text
    assert "Grønne områder" in text


def test_characters_outside_the_font_do_not_break_the_files(data):
    data.process.title = "Plan „Øst“ → 2030 — ≥ 3 etager ✓"
    data.process.save(update_fields=["title"])
    content = build_memo(data.process)
    assert render_docx(content)[:2] == b"PK"
    assert render_pdf(content)[:5] == b"%PDF-"
