"""Document files for tests, built in memory: DOCX, ODT and PDF as citizens and staff send them.

One place for them, so the screening, the uploads, the importers and the memo are tested with
the same kinds of files. Files with a special shape (a footnote, a header, a PDF bomb) stay in the
test that needs them.
"""

from __future__ import annotations

import io

import docx
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
from pypdf import PdfWriter

SENTENCE = (
    "Lokalplanens bestemmelser skal sikre, at området ved Ballerup Station udvikles med boliger, "
    "butikker og grønne friarealer, så bymidten bliver et trygt og levende sted for både unge, "
    "familier og ældre. "
)


def docx_with(*paragraphs: str) -> bytes:
    """A DOCX with ``paragraphs`` and a table whose one cell holds a CPR number."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Tabel: 020304-5678"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (object 1 is the catalogue), with a correct cross-reference
    table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def pdf_with_text(text: str) -> bytes:
    """A minimal one-page PDF with ``text`` in Helvetica (no PDF library writes text for us)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_from_objects(objects)


def blank_pdf() -> bytes:
    """A valid one-page PDF with no text at all (a scan, say)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


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
