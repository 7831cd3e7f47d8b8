"""Screening text for personal data before anything is published.

Finds CPR numbers (with and without hyphen or space, only real dates), Danish phone numbers,
e-mail addresses and words from the municipality's watch list, and extracts the text of PDF, DOCX
and ODT attachments so that it can be screened too.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings

CPR = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})[-\s]?(\d{4})(?![\d-])")
PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)45[ ]?)?(?:\d{2}[ ]?){3}\d{2}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # refuse to unpack office files larger than this (zip bombs)
MAX_PDF_PAGES = 500


@dataclass(frozen=True)
class Finding:
    kind: str  # "cpr", "phone", "email" or "word"
    match: str
    start: int
    end: int


def _valid_cpr_date(day: str, month: str, year: str) -> bool:
    try:
        datetime.date(2000 + int(year), int(month), int(day))
    except ValueError:
        # 29 February only exists in leap years; try a leap year before giving up.
        try:
            datetime.date(2000, int(month), int(day))
        except ValueError:
            return False
    return True


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def scan(text: str, words: list[str] | None = None) -> list[Finding]:
    """Every finding in ``text``, in order. A CPR number is not also reported as a phone number."""
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for m in CPR.finditer(text):
        if _valid_cpr_date(m.group(1), m.group(2), m.group(3)):
            findings.append(Finding("cpr", m.group(0), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in EMAIL.finditer(text):
        findings.append(Finding("email", m.group(0), m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in PHONE.finditer(text):
        if not _overlaps(m.start(), m.end(), taken):
            findings.append(Finding("phone", m.group(0), m.start(), m.end()))
    watch = words if words is not None else settings.INDDRAG_SCREENING_WORDS
    for word in watch:
        if not word.strip():
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(word.strip())}(?!\w)", re.IGNORECASE)
        for m in pattern.finditer(text):
            findings.append(Finding("word", m.group(0), m.start(), m.end()))
    return sorted(findings, key=lambda f: (f.start, f.end))


def redact(text: str, spans: list[tuple[int, int]], replacement: str) -> str:
    """``text`` with every span replaced; overlapping spans are merged."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    result, position = [], 0
    for start, end in merged:
        result.append(text[position:start])
        result.append(replacement)
        position = end
    result.append(text[position:])
    return "".join(result)


class UnreadableFile(Exception):
    """The file's text could not be extracted (damaged, encrypted or too large)."""


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UnreadableFile("not a valid office file") from exc
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise UnreadableFile("unpacks to more than 50 MB")
    return archive


def extract_text(data: bytes, kind: str) -> str:
    """The text of a PDF, DOCX or ODT file. Images (and anything else) cannot be read: their
    text could only be found by a person, so they raise UnreadableFile."""
    if kind == "pdf":
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise UnreadableFile("the PDF is encrypted")
            pages = reader.pages[:MAX_PDF_PAGES]
            return "\n".join(page.extract_text() or "" for page in pages)
        except (PdfReadError, ValueError, KeyError, TypeError) as exc:
            raise UnreadableFile("the PDF could not be read") from exc
    if kind == "docx":
        import docx

        _check_zip(data)
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as exc:  # python-docx raises several kinds on damaged files
            raise UnreadableFile("the DOCX could not be read") from exc
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.extend(cell.text for cell in row.cells)
        return "\n".join(parts)
    if kind == "odt":
        from odf import teletype
        from odf.opendocument import load
        from odf.text import P

        _check_zip(data)
        try:
            document = load(io.BytesIO(data))
        except Exception as exc:  # odfpy raises several kinds on damaged files
            raise UnreadableFile("the ODT could not be read") from exc
        return "\n".join(teletype.extractText(p) for p in document.getElementsByType(P))
    raise UnreadableFile(f"the text of a {kind} file cannot be screened automatically")
