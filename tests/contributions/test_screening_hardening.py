"""Hardened screening: every text part of office files, PDFs a person has to see, linear
patterns, and hidden metadata removed before an attachment is stored and published."""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile
import zlib

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from odf import dc
from odf import meta as odf_meta
from odf.opendocument import OpenDocumentText, load
from odf.style import Header, MasterPage, PageLayout
from odf.text import H, P, Span
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Text
from pypdf.generic import DecodedStreamObject, NameObject

from inddrag.contributions import screening, uploads
from inddrag.contributions.sanitize import strip_metadata
from tests.factories.files import blank_pdf, pdf_from_objects, pdf_with_text

SECRET = "Hemmelig Forfatter"


def cprs(text: str) -> list[str]:
    return [f.match for f in screening.scan(text, []) if f.kind == "cpr"]


# --- Building test files --------------------------------------------------------------------------


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rewrite_zip(data: bytes, change) -> bytes:
    """``data`` with ``change(name, content) -> content`` applied to every entry."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, change(info.filename, source.read(info)))
    return out.getvalue()


def _add_docx_part(data: bytes, name: str, xml: str, content_type: str, rel_type: str) -> bytes:
    """Add a part the way Word does: content type override, relationship from the document."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                override = f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'
                content = content.replace(b"</Types>", override.encode())
            elif info.filename == "word/_rels/document.xml.rels":
                target_name = name.removeprefix("word/")
                rel = f'<Relationship Id="rIdX1" Type="{rel_type}" Target="{target_name}"/>'
                content = content.replace(b"</Relationships>", (rel + "</Relationships>").encode())
            target.writestr(info, content)
        target.writestr(name, xml)
    return out.getvalue()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _docx_with_footnote(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph("Høringssvar")
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W}">'
        f'<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    )
    return _add_docx_part(
        _save(document),
        "word/footnotes.xml",
        xml,
        f"{WORD_TYPE}.footnotes+xml",
        f"{OFFICE_REL}/footnotes",
    )


def _odt(*elements, header: str | None = None) -> OpenDocumentText:
    document = OpenDocumentText()
    if header is not None:
        layout = PageLayout(name="Layout")
        document.automaticstyles.addElement(layout)
        page = MasterPage(name="Standard", pagelayoutname=layout)
        page_header = Header()
        page_header.addElement(P(text=header))
        page.addElement(page_header)
        document.masterstyles.addElement(page)
    for element in elements:
        document.text.addElement(element)
    return document


def _pdf(stream: bytes, resources: bytes, extra: list[bytes] = (), pages: int = 1) -> bytes:
    """A PDF whose pages share one content stream; objects 5 and up are ``extra``."""
    kids = " ".join(f"{5 + len(extra) + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra,
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources "
        + resources
        + b" >>"
    ] * pages
    return pdf_from_objects(objects)


TEXT = b"BT /F1 12 Tf 72 720 Td (Vi vil gerne have flere cykelstier i byen) Tj ET\n"
FONT = b"/Font << /F1 4 0 R >>"
IMAGE = (
    b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
    b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
)


# --- Office files: every text part ----------------------------------------------------------------


def test_cpr_in_docx_header_and_footer():
    document = docx.Document()
    document.add_paragraph("Høringssvar om lokalplanen")
    document.sections[0].header.paragraphs[0].text = "Anna Jensen, CPR 010203-1234"
    document.sections[0].footer.paragraphs[0].text = "Side 1 · 020304-5678"
    assert cprs(screening.extract_text(_save(document), "docx")) == ["010203-1234", "020304-5678"]


def test_cpr_in_docx_comment():
    document = docx.Document()
    paragraph = document.add_paragraph("Se bemærkning")
    document.add_comment(paragraph.runs, text="Mit CPR er 010203-1234", author="Anna")
    assert cprs(screening.extract_text(_save(document), "docx")) == ["010203-1234"]


def test_cpr_in_docx_footnote():
    text = screening.extract_text(_docx_with_footnote("Fodnote: 010203-1234"), "docx")
    assert cprs(text) == ["010203-1234"]


def test_cpr_in_docx_text_box():
    box = (
        '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        "<w:txbxContent><w:p><w:r><w:t>Boks 010203-1234</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r></w:p>"
    )

    def add_box(name: str, content: bytes) -> bytes:
        if name == "word/document.xml":
            return content.replace(b"<w:sectPr", box.encode() + b"<w:sectPr", 1)
        return content

    document = docx.Document()
    document.add_paragraph("Tekst")
    data = _rewrite_zip(_save(document), add_box)
    assert cprs(screening.extract_text(data, "docx")) == ["010203-1234"]


def test_cpr_split_over_runs_is_found_and_paragraphs_stay_apart():
    document = docx.Document()
    paragraph = document.add_paragraph("CPR ")
    paragraph.add_run("0102").bold = True
    paragraph.add_run("03-1234")
    document.add_paragraph("12")  # must not run into the number above
    text = screening.extract_text(_save(document), "docx")
    assert "CPR 010203-1234\n12" in text
    assert cprs(text) == ["010203-1234"]


def test_docx_non_breaking_hyphen_and_entities():
    def add(name: str, content: bytes) -> bytes:
        if name == "word/document.xml":
            run = (
                "<w:p><w:r><w:t>010203</w:t></w:r><w:r><w:noBreakHyphen/><w:t>1234</w:t></w:r>"
                "<w:r><w:t>&amp; &lt;anna@example.dk&gt;</w:t></w:r></w:p>"
            )
            return content.replace(b"<w:sectPr", run.encode() + b"<w:sectPr", 1)
        return content

    document = docx.Document()
    text = screening.extract_text(_rewrite_zip(_save(document), add), "docx")
    assert "010203-1234& <anna@example.dk>" in text
    assert [f.kind for f in screening.scan(text, [])] == ["cpr", "email"]


def test_docx_properties_are_screened():
    document = docx.Document()
    document.add_paragraph("Flere cykelstier.")
    document.core_properties.author = SECRET
    document.core_properties.keywords = "anna@example.dk"
    text = screening.extract_text(_save(document), "docx")
    assert SECRET in text
    assert [f.kind for f in screening.scan(text, [])] == ["email"]


def test_docx_with_a_dtd_is_unreadable():
    def add_dtd(name: str, content: bytes) -> bytes:
        if name == "word/document.xml":
            return content.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY c "010203-1234">]>', 1)
        return content

    with pytest.raises(screening.UnreadableFile):
        screening.extract_text(_rewrite_zip(_save(docx.Document()), add_dtd), "docx")


def test_office_part_size_is_capped(monkeypatch):
    monkeypatch.setattr(screening, "MAX_PART_BYTES", 2000)
    document = docx.Document()
    document.add_paragraph("x" * 5000)
    with pytest.raises(screening.UnreadableFile):
        screening.extract_text(_save(document), "docx")


def test_too_much_office_text_is_unreadable():
    document = docx.Document()
    for _ in range(25):
        document.add_paragraph("Lang tekst. " * 800)
    with pytest.raises(screening.UnreadableFile):
        screening.extract_text(_save(document), "docx")


def test_cpr_in_odt_heading_header_and_spans():
    split = P()
    split.addElement(Span(text="Nummer 0102"))
    split.addElement(Span(text="03-1234"))
    document = _odt(H(outlinelevel=1, text="Overskrift 020304-5678"), split, header="030405-6789")
    text = screening.extract_text(_save(document), "odt")
    assert sorted(cprs(text)) == ["010203-1234", "020304-5678", "030405-6789"]


def test_odt_meta_is_screened():
    document = _odt(P(text="Tekst"))
    document.meta.addElement(odf_meta.InitialCreator(text=SECRET))
    assert SECRET in screening.extract_text(_save(document), "odt")


# --- PDF: what a person has to see ----------------------------------------------------------------


def test_pdf_without_text_is_unreadable():
    with pytest.raises(screening.UnreadableFile, match="no readable text"):
        screening.extract_text(blank_pdf(), "pdf")


def test_pdf_with_text_is_read():
    text = screening.extract_text(
        _pdf(TEXT + b"BT 72 700 Td (010203-1234) Tj ET", b"<< " + FONT + b" >>"), "pdf"
    )
    assert "cykelstier" in text and cprs(text) == ["010203-1234"]


def test_pdf_with_an_image_is_unreadable():
    data = _pdf(
        TEXT + b"q 10 0 0 10 0 0 cm /Im1 Do Q",
        b"<< " + FONT + b" /XObject << /Im1 5 0 R >> >>",
        [IMAGE],
    )
    with pytest.raises(screening.UnreadableFile, match="images"):
        screening.extract_text(data, "pdf")


def test_pdf_with_an_image_inside_a_form_is_unreadable():
    form = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] "
        b"/Resources << /XObject << /Im1 6 0 R >> >> /Length 7 >>\nstream\n/Im1 Do\nendstream"
    )
    resources = b"<< " + FONT + b" /XObject << /Fm1 5 0 R >> >>"
    with pytest.raises(screening.UnreadableFile, match="images"):
        screening.extract_text(_pdf(TEXT + b"/Fm1 Do", resources, [form, IMAGE]), "pdf")


def test_pdf_with_an_inline_image_is_unreadable():
    inline = b"q 10 0 0 10 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q\n"
    with pytest.raises(screening.UnreadableFile, match="images"):
        screening.extract_text(_pdf(TEXT + inline, b"<< " + FONT + b" >>"), "pdf")


def test_pdf_comment_text_is_screened():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_text("Flere cykelstier i byen"))))
    writer.add_annotation(0, Text(rect=(50, 550, 70, 570), text="Mit CPR: 010203-1234"))
    buffer = io.BytesIO()
    writer.write(buffer)
    assert cprs(screening.extract_text(buffer.getvalue(), "pdf")) == ["010203-1234"]


def test_pdf_with_attached_files_is_unreadable():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_text("Flere cykelstier i byen"))))
    writer.add_attachment("bilag.txt", b"CPR 010203-1234")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(screening.UnreadableFile, match="attached"):
        screening.extract_text(buffer.getvalue(), "pdf")


def test_pdf_with_too_many_pages_is_unreadable():
    data = _pdf(TEXT, b"<< " + FONT + b" >>", pages=screening.MAX_PDF_PAGES + 1)
    with pytest.raises(screening.UnreadableFile, match="too large"):
        screening.extract_text(data, "pdf")


def test_pdf_with_too_much_text_is_unreadable():
    line = b"BT /F1 1 Tf 0 0 Td (" + b"a" * 1000 + b") Tj ET\n"
    with pytest.raises(screening.UnreadableFile, match="too much text"):
        screening.extract_text(_pdf(line * 210, b"<< " + FONT + b" >>"), "pdf")


def _pdf_bomb(pages: int) -> bytes:
    """The reviewer's PDF: a tiny compressed stream of many text operators on every page."""
    raw = b"BT /F1 1 Tf 0 0 Td (a) Tj ET\n" * 20000
    compressed = zlib.compress(raw, 9)
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compressed)
        + compressed
        + b"\nendstream",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + pages)
    )
    objects += [page] * pages + [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
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


def test_pdf_bomb_is_stopped_in_time():
    data = _pdf_bomb(20)  # 20 pages × ~1 s of pypdf work each, in 5 kB
    started = time.perf_counter()
    with pytest.raises(screening.UnreadableFile, match="too large"):
        screening.extract_text(data, "pdf")
    assert time.perf_counter() - started < screening.MAX_PDF_SECONDS + 2


def test_pdf_content_stream_over_the_parsing_budget_is_unreadable():
    raw = b"0 0 m\n" * (screening.PDF_STREAM_TOKENS // 3 + 10)
    with pytest.raises(screening.UnreadableFile):
        screening.extract_text(_pdf(TEXT + raw, b"<< " + FONT + b" >>"), "pdf")


# --- Patterns: linear and still right -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Skriv til anna.jensen@example.dk.", "anna.jensen@example.dk"),
        ("mail:a.b-c+d@sub.kommune.co.uk", "a.b-c+d@sub.kommune.co.uk"),
        ("<bo_x%1@ballerup.dk>", "bo_x%1@ballerup.dk"),
    ],
)
def test_email_finds_normal_addresses(text, found):
    assert [(f.kind, f.match) for f in screening.scan(text, [])] == [("email", found)]


@pytest.mark.parametrize("text", ["anna@localhost", "anna@", "@example.dk", "a" * 70 + "@x.dk"])
def test_email_does_not_match_wrongly(text):
    assert screening.scan(text, []) == []


def test_cpr_with_other_dashes():
    assert cprs("010203\u20111234 og 020304\u20135678") == ["010203\u20111234", "020304\u20135678"]


def test_phone_with_non_breaking_spaces():
    assert [f.kind for f in screening.scan("Ring 12\u00a034\u00a056\u00a078", [])] == ["phone"]


def test_scan_is_linear_on_hostile_text():
    pieces = [
        "a" * 40_000,
        "1" * 20_000,
        "a@" * 10_000,
        "a." * 10_000 + "@",
        "x@" + "b." * 5_000,
        "anna@example.dk 12345678 " * 800,  # many findings: overlap checks must stay cheap
        "010203-1234 " * 1_000,
        "-" * 10_000,
        "1 " * 10_000,
    ]
    text = "".join(pieces)[:200_000].ljust(200_000, "z")
    started = time.perf_counter()
    found = screening.scan(text, ["hemmelig", "aaaa", "a a"])
    took = time.perf_counter() - started
    assert found  # it did scan
    assert took < 1.0, f"200,000 characters took {took:.2f} s"


def test_scan_is_linear_on_text_made_to_look_like_cpr_numbers():
    pieces = [
        "01.02.03 " * 2_000,  # dates split in pairs, never followed by a serial
        "cpr " * 3_000,  # labels with nothing after them
        "cpr-nr. 1 2 3 4 5 6 7 8 9 " * 500,  # labels with digits spaced out, nine at a time
        "12-" * 5_000,
        "\u200b-" * 3_000,
        "DK50 0040 " * 2_000,
        "0102031234" * 2_000,  # ten digits after ten digits: no number is a whole one
        "01 02 03 12 " * 2_000,
    ]
    text = "".join(pieces)
    assert len(text) < 200_000
    text = text.ljust(200_000, "z")
    started = time.perf_counter()
    found = screening.scan(text, [])
    took = time.perf_counter() - started
    assert found
    assert took < 1.0, f"200,000 characters took {took:.2f} s"


# --- Metadata is removed before storing -----------------------------------------------------------


def _unpacked(data: bytes) -> bytes:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    return b"".join(archive.read(name) for name in archive.namelist())


def test_docx_metadata_is_removed_and_text_kept():
    document = docx.Document()
    document.add_paragraph("Flere cykelstier.")
    document.core_properties.author = SECRET
    document.core_properties.last_modified_by = SECRET
    document.core_properties.title = "Svar fra " + SECRET

    def company(name: str, content: bytes) -> bytes:
        if name == "docProps/app.xml":
            extra = f"<Company>{SECRET}</Company><Manager>{SECRET}</Manager></Properties>"
            return content.replace(b"</Properties>", extra.encode())
        return content

    original = _rewrite_zip(_save(document), company)
    assert SECRET.encode() in _unpacked(original)
    clean = strip_metadata(original, "docx")
    assert SECRET.encode() not in _unpacked(clean)
    reread = docx.Document(io.BytesIO(clean))
    assert [p.text for p in reread.paragraphs] == ["Flere cykelstier."]
    assert reread.core_properties.author == ""
    before, after = zipfile.ZipFile(io.BytesIO(original)), zipfile.ZipFile(io.BytesIO(clean))
    assert after.namelist() == before.namelist()
    assert after.read("[Content_Types].xml") == before.read("[Content_Types].xml")
    assert after.read("word/document.xml") == before.read("word/document.xml")


def test_photo_inside_a_docx_loses_its_exif():
    buffer = io.BytesIO(_save(docx.Document()))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("word/media/image1.jpeg", _jpeg_with_exif())
    clean = strip_metadata(buffer.getvalue(), "docx")
    image = zipfile.ZipFile(io.BytesIO(clean)).read("word/media/image1.jpeg")
    assert image.startswith(b"\xff\xd8") and b"Exif" not in image and SECRET.encode() not in image


def test_odt_metadata_is_removed_and_layout_rules_kept():
    document = _odt(H(outlinelevel=1, text="Overskrift"), P(text="Flere cykelstier."))
    document.meta.addElement(odf_meta.InitialCreator(text=SECRET))
    document.meta.addElement(dc.Creator(text=SECRET))
    original = _save(document)
    clean = strip_metadata(original, "odt")
    assert SECRET.encode() not in _unpacked(clean)
    archive = zipfile.ZipFile(io.BytesIO(clean))
    first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert clean[30:38] == b"mimetype"  # readable at a fixed offset, as ODF requires
    assert archive.read("content.xml") == zipfile.ZipFile(io.BytesIO(original)).read("content.xml")
    reread = load(io.BytesIO(clean))
    assert "Flere cykelstier." in str(reread.text)
    assert "Flere cykelstier." in screening.extract_text(clean, "odt")


def test_pdf_metadata_is_removed_and_text_kept():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_text("CPR 010203-1234 i teksten"))))
    writer.add_metadata({"/Author": SECRET, "/Creator": SECRET, "/Producer": SECRET})
    xmp = DecodedStreamObject()
    xmp.set_data(f"<x:xmpmeta><dc:creator>{SECRET}</dc:creator></x:xmpmeta>".encode())
    xmp.update(
        {NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")}
    )
    writer.root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    buffer = io.BytesIO()
    writer.write(buffer)
    original = buffer.getvalue()
    assert SECRET.encode() in original

    clean = strip_metadata(original, "pdf")
    assert SECRET.encode() not in clean
    reader = PdfReader(io.BytesIO(clean))
    assert not (reader.metadata or {}).get("/Author")
    assert "/Metadata" not in reader.trailer["/Root"]
    assert cprs(screening.extract_text(clean, "pdf")) == ["010203-1234"]


def _segment(marker: int, body: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(body) + 2) + body


JFIF = _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
IMAGE_DATA = (
    _segment(0xDB, bytes(65))  # quantisation table
    + _segment(0xC0, b"\x08\x00\x01\x00\x01\x01\x01\x11\x00")  # 1×1, one component
    + _segment(0xC4, b"\x00" + bytes(16) + b"")  # Huffman table (empty)
    + _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")  # start of scan
    + b"\x12\xff\x00\x34\xff\xd0\x56"  # entropy data with a stuffed byte and a restart marker
    + b"\xff\xd9"
)


def _exif(orientation: int | None = None) -> bytes:
    entries = [(0x010F, 2, len(SECRET) + 1, SECRET.encode() + b"\x00")]  # Make
    if orientation:
        entries.append((0x0112, 3, 1, struct.pack(">HH", orientation, 0)))
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", len(entries))
    data_offset = 8 + 2 + 12 * len(entries) + 4
    tail = b""
    for tag, kind, count, value in entries:
        if len(value) <= 4:
            tiff += struct.pack(">HHI", tag, kind, count) + value.ljust(4, b"\x00")
        else:
            tiff += struct.pack(">HHII", tag, kind, count, data_offset + len(tail))
            tail += value
    return b"Exif\x00\x00" + tiff + struct.pack(">I", 0) + tail


def _jpeg_with_exif(orientation: int | None = None) -> bytes:
    return (
        b"\xff\xd8"
        + JFIF
        + _segment(0xE1, _exif(orientation))
        + _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>" + SECRET.encode())
        + _segment(0xED, b"Photoshop 3.0\x00" + SECRET.encode())
        + _segment(0xFE, b"Kommentar: " + SECRET.encode())
        + IMAGE_DATA
    )


def test_jpeg_exif_and_comments_are_removed():
    original = _jpeg_with_exif() + b"trailing data: " + SECRET.encode()
    clean = strip_metadata(original, "jpg")
    assert clean == b"\xff\xd8" + JFIF + IMAGE_DATA
    assert SECRET.encode() not in clean


def test_jpeg_keeps_only_the_orientation():
    clean = strip_metadata(_jpeg_with_exif(orientation=6), "jpg")
    assert SECRET.encode() not in clean
    assert clean.startswith(b"\xff\xd8" + JFIF + b"\xff\xe1")
    assert clean.endswith(IMAGE_DATA)
    exif = clean[len(JFIF) + 6 :].split(b"\xff\xdb")[0]
    assert exif.startswith(b"Exif\x00\x00MM") and struct.pack(">HHIH", 0x0112, 3, 1, 6) in exif


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes, int]]:
    position, chunks = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        chunks.append((kind, body, crc))
        position += 12 + length
    return chunks


def test_png_text_chunks_are_removed():
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    pixels = _chunk(b"IDAT", zlib.compress(b"\x00\x80"))
    original = (
        b"\x89PNG\r\n\x1a\n"
        + header
        + _chunk(b"tEXt", b"Author\x00" + SECRET.encode())
        + _chunk(b"iTXt", b"Comment\x00\x00\x00\x00\x00" + SECRET.encode())
        + _chunk(b"zTXt", b"Author\x00\x00" + zlib.compress(SECRET.encode()))
        + _chunk(b"tIME", b"\x07\xea\x01\x02\x03\x04\x05")
        + _chunk(b"eXIf", b"MM\x00\x2a" + SECRET.encode())
        + pixels
        + _chunk(b"IEND", b"")
        + b"trailing "
        + SECRET.encode()
    )
    clean = strip_metadata(original, "png")
    assert clean == b"\x89PNG\r\n\x1a\n" + header + pixels + _chunk(b"IEND", b"")
    chunks = _png_chunks(clean)
    assert [kind for kind, _, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"]
    assert all(zlib.crc32(kind + body) == crc for kind, body, crc in chunks)
    assert zlib.decompress(chunks[1][1]) == b"\x00\x80"


@pytest.mark.parametrize("kind", ["pdf", "docx", "odt", "jpg", "png"])
def test_damaged_files_are_returned_unchanged(kind):
    assert strip_metadata(b"not really a file", kind) == b"not really a file"


def test_uploads_are_stored_without_metadata():
    document = docx.Document()
    document.add_paragraph("Flere cykelstier.")
    document.core_properties.author = SECRET
    checked = uploads.check_file(SimpleUploadedFile("svar.docx", _save(document)))
    assert checked.kind == "docx" and checked.safe_name == "svar.docx"
    assert SECRET.encode() not in _unpacked(checked.data)
    assert "Flere cykelstier." in screening.extract_text(checked.data, "docx")


def test_no_pretty_printed_whitespace_splits_a_number():
    xml = (
        "<w:document><w:body><w:p>\n  <w:r><w:t>010203</w:t></w:r>\n"
        "  <w:r><w:t>1234</w:t></w:r>\n</w:p></w:body></w:document>"
    )
    assert re.sub(r"\s+", " ", screening.xml_text(xml, flow=True)) == "0102031234"


def test_camera_jpeg_inside_a_pdf_loses_its_exif():
    photo = _jpeg_with_exif()
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
        % len(photo)
        + photo
        + b"\nendstream"
    )
    resources = b"<< " + FONT + b" /XObject << /Im1 5 0 R >> >>"
    original = _pdf(TEXT + b"q 10 0 0 10 0 0 cm /Im1 Do Q", resources, [image])
    assert SECRET.encode() in original
    clean = strip_metadata(original, "pdf")
    assert SECRET.encode() not in clean
    page = PdfReader(io.BytesIO(clean)).pages[0]
    stored = page["/Resources"]["/XObject"]["/Im1"].get_object()
    assert stored.get_data() == b"\xff\xd8" + JFIF + IMAGE_DATA
    assert b"/Length %d" % len(stored.get_data()) in clean
