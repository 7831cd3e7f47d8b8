"""Screening text for personal data before anything is published.

Finds CPR numbers (with and without hyphen or space, only real dates), Danish phone numbers,
e-mail addresses, street addresses with a house number and words from the municipality's watch
list, and extracts the text of PDF, DOCX
and ODT attachments so that it can be screened too. Every pattern is bounded, so scanning is
linear in the length of the text. Whatever cannot be read completely raises UnreadableFile, and a
person looks at the file before it is published.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import html
import io
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings

REDACTED = "[skjult]"  # what replaces a finding wherever a text is shown or published

# A CPR number is ten digits, DDMMYY and a four-digit serial, written every way people write it:
# "0102031234", "010203-1234", "010203 1234", "010203 - 1234", "010203/1234", "01.02.03-1234",
# "01 02 03 1234", "01-02-03-1234", "010203-12 34" — with hyphens, dashes, minus signs, soft
# hyphens, dots, slashes, underscores (file names), every kind of space, zero-width characters
# pasted along, and a line break after the separator. The date may be split in pairs (then a
# separator must come before the serial, so "12.03.2024 14:30" is a date and a time). After a
# label ("cpr", "cpr-nr.", "personnummer") any ten digits with separators anywhere count: digits
# spaced out by a form's boxes, the hyphen typed one place off. Only the date is checked (day
# 01-31, month 01-12): numbers issued since 2007 need not pass modulus 11. Every part is bounded,
# so the work per position in the text is constant (no backtracking blow-up).
_DASHES = "\\-\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_SPACES = " \u00a0\u2007\u2009\u202f\u200b\u200c\u200d\u2060\ufeff\t"
_CPR_SEP = rf"[{_SPACES}]{{0,2}}[{_DASHES}./_]?[{_SPACES}\r\n]{{0,2}}"  # "", "-", " - ", "-\n"
_CPR_SEP_SOME = (  # the same, but not nothing
    rf"(?:[{_SPACES}]{{1,2}}[{_DASHES}./_]?|[{_DASHES}./_])[{_SPACES}\r\n]{{0,2}}"
)
_DATE_SEP = rf"[{_DASHES}./_{_SPACES}]"  # between the pairs of the date: "01.02.03"
_SERIAL = rf"(\d{{2}}[{_SPACES}]?\d{{2}})"
CPR = re.compile(
    rf"(?<!\d)(?:(\d{{2}})(\d{{2}})(\d{{2}}){_CPR_SEP}"
    rf"|(\d{{2}}){_DATE_SEP}(\d{{2}}){_DATE_SEP}(\d{{2}}){_CPR_SEP_SOME}){_SERIAL}(?!\d)"
)
_CPR_LABEL = (
    r"(?i:(?<![a-zæøå])(?:cpr|personnummer|personnr|pers[ .]{0,2}nr|person[ .-]{0,2}nr)"
    r"(?![a-zæøå]))"
)
CPR_LABELLED = re.compile(
    rf"{_CPR_LABEL}[^\d\n]{{0,20}}(\d(?:[{_DASHES}./_{_SPACES}\r\n]{{0,3}}\d){{9}})(?!\d)"
)
# A CVR (company) or SE number is not personal data: eight digits after such a label are not held
# back as a phone number ("CVR 12345678", "CVR-nr.: 29 18 97 30", "cvr.nr. er 38299697").
_COMPANY_LABEL = re.compile(
    r"(?i:(?<![a-zæøå])(?:cvr|se)(?:[ .-]{0,2}(?:nr|nummer|no))?\.?[ \u00a0]{0,2}[:.]?"
    r"(?:[ \u00a0]{1,2}(?:er|is))?[ \u00a0]{0,3})$"
)
# An IBAN ("DK50 0040 0440 1162 43"): its groups of digits are not a phone number.
IBAN = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){2,7}(?:[ \u00a0]?[A-Z0-9]{1,4})?"
    r"(?![A-Za-z0-9])"
)
PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)45[ \u00a0]?)?(?:\d{2}[ \u00a0]?){3}\d{2}(?!\d)")
# Every repetition is bounded and the match may not start inside a longer run of address
# characters, so a long run of letters costs a constant per position (no backtracking blow-up).
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}"
    r"(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}"
)

# A street address with a house number ("Stationsvej 12", "Ballerup Byvej 3 B", "Banegårds-
# pladsen 4", "stationsvej nr. 12", "Ved Kirken 3"): up to three capitalised words before a last
# word that ends like a Danish street name — or that word alone in any case — then the number. A
# street named without a number is not personal data and is not flagged, nor is a number that is
# a year or a quantity ("Børnehaven 3 dage", "Hareskoven 2026"). Bounded repetitions, and no
# match starts inside a word: a constant amount of work per position.
_STREET_ENDINGS = (
    "vej|vejen|gade|gaden|allé|alle|plads|pladsen|stræde|strædet|vænge|vænget|park|parken|"
    "torv|torvet|boulevard|have|haven|hegn|hegnet|høj|højen|bakke|bakken|toft|toften|tofte|"
    "mark|marken|gård|gården|krog|krogen|lund|lunden|dal|dalen|eng|engen|vang|"
    "vangen|kær|kæret|ring|ringen|skov|skoven|løkke|løkken|holm|holmen|sving|svinget|"
    "kvarter|kvarteret|passage|bjerg|bjerget|bro|broen|huse|agre|agrene|mose|mosen"
)
# The ending as a word of its own: "Ballerup Boulevard 9", "Ny Vej 3".
_STREET_WORDS = "Vej|Vejen|Gade|Gaden|Allé|Alle|Boulevard|Plads|Pladsen|Torv|Torvet|Park|Parken"
_WORD = "[A-ZÆØÅ][a-zæøåéü]{1,30}"
_SPACE = "[ \u00a0]"
# What follows a number that is a quantity, not a house number.
_UNITS = (
    "dage|dag|døgn|gange|gang|meter|m|km|cm|mm|kvm|m2|ha|år|timer|time|minutter|min|uger|uge|"
    "måneder|måned|procent|pct|kr|kroner|mio|stk|børn|elever|personer|biler|etager|pladser|"
    "boliger|huse|træer|x"
)
_STREET = (
    rf"(?:{_WORD}[ -]){{0,3}}"
    rf"(?:[A-ZÆØÅ][a-zæøåéü]{{0,30}}(?:{_STREET_ENDINGS})|(?:{_STREET_WORDS}))"
    rf"|(?i:[a-zæøå][a-zæøåéü]{{1,30}}(?:{_STREET_ENDINGS}))"  # "stationsvej", "STATIONSVEJ"
    rf"|(?i:ved){_SPACE}{{1,3}}[A-ZÆØÅ][a-zæøå]{{2,30}}"  # "Ved Kirken", "ved Søen"
)
_HOUSE_NUMBER = (
    rf"(?:(?i:nr)\.?{_SPACE}{{1,3}})?"  # "nr. 12"
    r"(?!(?:19|20)\d\d(?!\d))\d{1,4}"  # not a year
    rf"(?:{_SPACE}?[A-ZÆØÅ]|[a-zæøå])?"  # "44A", "12b", "3 B"
    r"(?![\wæøåÆØÅ])(?![,.]\d)"
    rf"(?!{_SPACE}{{1,3}}(?i:{_UNITS})(?![\wæøå]))"
)
ADDRESS = re.compile(rf"(?<![\w-])(?:{_STREET}){_SPACE}{{1,3}}{_HOUSE_NUMBER}")

MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # refuse to unpack office files larger than this (zip bombs)
MAX_PART_BYTES = 20 * 1024 * 1024  # and any single part of one larger than this
MAX_TEXT_CHARS = 200_000  # more text than this is too much to screen (and to store) automatically
MAX_PDF_PAGES = 200
MAX_PDF_SECONDS = 5.0
MIN_PDF_TEXT_CHARS = 10  # fewer non-space characters than this: probably scanned, a person looks
PDF_STREAM_TOKENS = 200_000  # parsing budget per content stream (about a second of work)
PDF_MAX_DECODED_STREAM = 20_000_000
PDF_MAX_FORM_USES = 2_000  # form XObjects drawn per page
PDF_MAX_OBJECTS = 50_000  # more objects than this take too long to rewrite or read


def file_name_text(name: str) -> str:
    """A file name as words to screen: "Stationsvej_12.pdf" reads like "Stationsvej 12.pdf".
    Same length, so positions in it are positions in the name."""
    return re.sub(r"[_+]", " ", name)


@dataclass(frozen=True)
class Finding:
    kind: str  # "cpr", "phone", "email", "address" or "word"
    match: str
    start: int
    end: int


def _valid_cpr_date(day: str, month: str, year: str) -> bool:
    """Day 01-31 and month 01-12: the rule the issuing authority guarantees (a 31 April is
    not a real date, but a number written with one is still held back — better a look too many)."""
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


@functools.lru_cache(maxsize=256)
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)


class _Spans:
    """Spans sorted by start, answering "does anything overlap this?" in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.max_end: list[int] = []
        furthest = -1
        for _, end in spans:
            furthest = max(furthest, end)
            self.max_end.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, end)  # spans that start before ``end``
        return before > 0 and self.max_end[before - 1] > start


def _cpr_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Spans of CPR numbers with a valid date. A candidate whose date is not valid does not hide
    a real number that overlaps it ("99 010203-1234"): the search goes on from its next
    character."""
    position = 0
    while (m := CPR.search(text, position)) is not None:
        day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.groups()[3:6]
        if _valid_cpr_date(day, month, year):
            yield m.start(), m.end()
            position = m.end()
        else:
            position = m.start() + 1
    for m in CPR_LABELLED.finditer(text):
        digits = "".join(ch for ch in m.group(1) if ch.isdigit())
        if _valid_cpr_date(digits[0:2], digits[2:4], digits[4:6]):
            yield m.start(1), m.end(1)


def _company_number(text: str, start: int) -> bool:
    """Whether the number starting at ``start`` is labelled as a CVR, SE or P number."""
    return _COMPANY_LABEL.search(text[max(0, start - 20) : start]) is not None


def scan(text: str, words: list[str] | None = None) -> list[Finding]:
    """Every finding in ``text``, in order. A CPR number is not also reported as a phone number."""
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    furthest = -1
    for start, end in sorted(set(_cpr_numbers(text))):
        if start < furthest:  # the same number found with and without its label
            continue
        findings.append(Finding("cpr", text[start:end], start, end))
        taken.append((start, end))
        furthest = end
    for m in EMAIL.finditer(text):
        findings.append(Finding("email", m.group(0), m.start(), m.end()))
        taken.append((m.start(), m.end()))
    spans = _Spans(taken + [(m.start(), m.end()) for m in IBAN.finditer(text)])
    for m in PHONE.finditer(text):
        if not spans.overlaps(m.start(), m.end()) and not _company_number(text, m.start()):
            findings.append(Finding("phone", m.group(0), m.start(), m.end()))
    for m in ADDRESS.finditer(text):
        if not spans.overlaps(m.start(), m.end()):
            findings.append(Finding("address", m.group(0), m.start(), m.end()))
    watch = words if words is not None else settings.INDDRAG_SCREENING_WORDS
    for word in watch:
        if not word.strip():
            continue
        for m in _word_pattern(word.strip()).finditer(text):
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
    """The file's text could not be extracted completely (damaged, encrypted, scanned, has
    images, or too large), so a person has to look at it."""


# --- Office files (DOCX, ODT) -------------------------------------------------------------------
# The XML is read as text: tags are removed with bounded regular expressions, nothing is parsed,
# no entity is expanded. Inside a paragraph the runs are joined without spaces, so a number split
# over two runs stays whole; paragraph, line and cell ends become newlines.


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, OSError, ValueError, EOFError on damaged files
        raise UnreadableFile("not a valid office file") from exc
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise UnreadableFile("unpacks to more than 50 MB")
    return archive


def read_parts(data: bytes) -> Iterator[tuple[zipfile.ZipInfo, bytes]]:
    """Every entry of an office file with its unpacked bytes, bounded against zip bombs."""
    archive = _check_zip(data)
    budget = MAX_UNPACKED_BYTES
    for info in archive.infolist():
        try:
            with archive.open(info) as part:
                content = part.read(min(MAX_PART_BYTES, budget) + 1)
        except Exception as exc:  # damaged, encrypted or unknown compression
            raise UnreadableFile("the office file could not be unpacked") from exc
        if len(content) > MAX_PART_BYTES:
            raise UnreadableFile("a part of the file is larger than 20 MB")
        budget -= len(content)
        if budget < 0:
            raise UnreadableFile("unpacks to more than 50 MB")
        yield info, content


# Root elements whose text flows in paragraphs (body, headers, footers, notes, comments, text
# boxes and SmartArt inside them) and roots whose text is a list of fields (metadata, charts).
_FLOW_ROOTS = {
    "document": 0,  # DOCX main part
    "document-content": 0,  # ODT content.xml
    "hdr": 1,
    "ftr": 1,
    "document-styles": 1,  # ODT styles.xml: headers and footers
    "footnotes": 2,
    "endnotes": 2,
    "comments": 2,
    "glossaryDocument": 3,
    "dataModel": 3,  # SmartArt
    "drawing": 3,
}
_FIELD_ROOTS = {"coreProperties": 4, "Properties": 4, "document-meta": 4, "chartSpace": 3}
_CUSTOM_XML = re.compile(r"(?:^|/)customXml/item\d+\.xml$", re.IGNORECASE)

_SPECIAL = re.compile(r"<!--|<\?|<!\[CDATA\[|<!DOCTYPE|<!ENTITY")
_SPECIAL_END = {"<!--": "-->", "<?": "?>", "<![CDATA[": "]]>"}
_ROOT = re.compile(r"<(?:[\w.-]+:)?([\w.-]+)")
_BETWEEN_TAGS = re.compile(r">(\s+)<")
_FLOW_BREAK = re.compile(
    r"</(?:[\w.-]+:)?(?:p|h|tc|tr|table-cell|table-row|title|desc|note-citation|txbxContent"
    r"|creator|date)>"
    r"|<(?:[\w.-]+:)?(?:br|cr|line-break|fldChar|note|annotation)\b[^<>]*>"
)
_FLOW_TAB = re.compile(r"<(?:[\w.-]+:)?p?tab\b[^<>]*>")
_FLOW_SPACE = re.compile(r"<text:s\b[^<>]*>")
_FLOW_HYPHEN = re.compile(r"<w:noBreakHyphen\b[^<>]*>")
_FIELD_BREAK = re.compile(r"</[^<>]*>|<[^<>]*/>")
_TAG = re.compile(r"<[^<>]*>")
_BLANK_LINES = re.compile(r"\n{2,}")
_LINK = re.compile(r"""(?:Target|xlink:href)\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)')""")


def _decode(content: bytes) -> str:
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return content.decode("utf-16", errors="replace")
    return content.decode("utf-8-sig", errors="replace")


def _without_specials(xml: str) -> str:
    """Comments and processing instructions removed, CDATA escaped. A DTD (it could define
    entities a viewer expands and we would not) or an unclosed section makes the file
    unreadable."""
    pieces, position = [], 0
    while (m := _SPECIAL.search(xml, position)) is not None:
        pieces.append(xml[position : m.start()])
        opener = m.group(0)
        if opener in ("<!DOCTYPE", "<!ENTITY"):
            raise UnreadableFile("the office file declares its own XML entities")
        end = xml.find(_SPECIAL_END[opener], m.end())
        if end < 0:
            raise UnreadableFile("the office file is damaged")
        if opener == "<![CDATA[":
            pieces.append(html.escape(xml[m.end() : end], quote=False))
        position = end + len(_SPECIAL_END[opener])
    pieces.append(xml[position:])
    return "".join(pieces)


def _layout_whitespace(m: re.Match[str]) -> str:
    # Indentation between tags (it contains a line break) is not text.
    return "><" if "\n" in m.group(1) else m.group(0)


def xml_text(xml: str, *, flow: bool) -> str:
    """The text content of an XML part; ``flow`` joins runs and breaks at paragraph ends,
    otherwise every element ends a line (metadata fields, chart values)."""
    return _clean_xml_text(_without_specials(xml), flow=flow)


def _links(xml: str) -> list[str]:
    """Link targets that are e-mail addresses or phone numbers (they are attributes, not text)."""
    return [
        html.unescape(value)
        for m in _LINK.finditer(xml)
        if (value := m.group(1) or m.group(2) or "").lower().startswith(("mailto:", "tel:"))
    ]


def _clean_xml_text(xml: str, *, flow: bool) -> str:
    links = _links(xml)
    xml = _BETWEEN_TAGS.sub(_layout_whitespace, xml)
    if flow:
        xml = _FLOW_BREAK.sub("\n", xml)
        xml = _FLOW_TAB.sub("\t", xml)
        xml = _FLOW_SPACE.sub(" ", xml)
        xml = _FLOW_HYPHEN.sub("-", xml)
    else:
        xml = _FIELD_BREAK.sub("\n", xml)
    text = html.unescape(_TAG.sub("", xml))
    text = _BLANK_LINES.sub("\n", text).strip()
    return "\n".join([text, *links]) if links else text


def _office_text(data: bytes) -> str:
    texts: list[tuple[int, int, str]] = []
    total = 0
    found_body = False
    for index, (info, content) in enumerate(read_parts(data)):
        name = info.filename
        lower = name.lower()
        if lower.endswith(".rels"):
            text = "\n".join(_links(_decode(content)))
            rank = 3
        elif lower.endswith(".xml"):
            xml = _without_specials(_decode(content))
            root = _ROOT.search(xml)
            local = root.group(1) if root else ""
            if local in _FLOW_ROOTS:
                rank, flow = _FLOW_ROOTS[local], True
                found_body = found_body or rank == 0
            elif local in _FIELD_ROOTS or _CUSTOM_XML.search(name):
                rank, flow = _FIELD_ROOTS.get(local, 3), False
            else:
                continue  # styles, settings, themes, fonts: no text a reader sees
            text = _clean_xml_text(xml, flow=flow)
        else:
            continue
        if not text:
            continue
        total += len(text)
        if total > MAX_TEXT_CHARS:
            raise UnreadableFile("too much text to screen automatically")
        texts.append((rank, index, text))
    if not found_body:
        raise UnreadableFile("the office file has no document text part")
    return "\n\n".join(text for _, _, text in sorted(texts))


# --- PDF ------------------------------------------------------------------------------------------


class _Stop(Exception):
    """Raised from inside pypdf's text extraction to stop it."""


class _PdfWatch:
    """Visits every content-stream operator: stops at the deadline, at inline images and at too
    many form XObjects. pypdf swallows exceptions inside forms, so the reason is also kept."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.reason: str | None = None
        self.form_uses = 0

    def new_page(self) -> None:
        self.form_uses = 0
        self.check()

    def check(self) -> None:
        if self.reason is None and time.monotonic() > self.deadline:
            self.reason = "too large to screen automatically"
        if self.reason is not None:
            raise _Stop(self.reason)

    def __call__(self, operator: bytes, operands: Any, cm: Any, tm: Any) -> None:
        if operator == b"INLINE IMAGE":
            self.reason = self.reason or "the PDF contains images"
        elif operator == b"Do":
            self.form_uses += 1
            if self.form_uses >= PDF_MAX_FORM_USES:
                self.reason = self.reason or "too large to screen automatically"
        self.check()


def pdf_limits() -> contextlib.AbstractContextManager[Any]:
    """pypdf's resource limits, lowered for files from the public (pypdf 7 and later)."""
    try:
        from pypdf import apply_configuration
    except ImportError:  # older pypdf: only the deadline applies
        return contextlib.nullcontext()
    return apply_configuration(
        stream_parsing_work_maximum_count=PDF_STREAM_TOKENS,
        zlib_maximum_output_length=PDF_MAX_DECODED_STREAM,
        xform_maximum_invocations_per_extraction=PDF_MAX_FORM_USES + 1,
    )


def too_many_pdf_objects(reader: Any) -> bool:
    """Whether the PDF declares more objects than can be handled in a request."""
    try:
        return int(reader.trailer.get("/Size", 0)) > PDF_MAX_OBJECTS
    except (TypeError, ValueError):
        return True


def _appearance_streams(annotation: Any) -> Iterator[Any]:
    appearances = annotation.get("/AP")
    if appearances is None:
        return
    for key in ("/N", "/R", "/D"):
        entry = appearances.get_object().get(key)
        if entry is None:
            continue
        entry = entry.get_object()
        if hasattr(entry, "get_data"):
            yield entry
        elif hasattr(entry, "values"):
            for state in entry.values():
                state = state.get_object()
                if hasattr(state, "get_data"):
                    yield state


def _check_drawing(
    resources: Any, reader: Any, seen: set[Any], watch: _PdfWatch, depth: int = 0
) -> None:
    """Raise if the resources draw an image, directly or through forms and tiling patterns.
    Every form is parsed once here, because pypdf skips forms it cannot parse in silence."""
    from pypdf.generic import ContentStream

    if resources is None or depth > 20:
        return
    resources = resources.get_object()
    candidates = []
    for category in ("/XObject", "/Pattern"):
        entries = resources.get(category)
        if entries is not None:
            candidates.extend(entries.get_object().values())
    for reference in candidates:
        watch.check()
        obj = reference.get_object()
        subtype = obj.get("/Subtype")
        if subtype == "/Image":
            raise UnreadableFile("the PDF contains images")
        is_form = subtype == "/Form" or obj.get("/PatternType") == 1
        if not is_form or not hasattr(obj, "get_data"):
            continue
        key = getattr(reference, "idnum", None) or id(obj)
        if key in seen:
            continue
        seen.add(key)
        if any(
            operator == b"INLINE IMAGE" for _, operator in ContentStream(obj, reader).operations
        ):
            raise UnreadableFile("the PDF contains images")
        _check_drawing(obj.get("/Resources"), reader, seen, watch, depth + 1)


def _string(value: Any) -> str:
    value = value.get_object() if value is not None and hasattr(value, "get_object") else value
    return value if isinstance(value, str) else ""


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    watch = _PdfWatch(time.monotonic() + MAX_PDF_SECONDS)
    texts: list[str] = []
    total = 0

    def add(text: str) -> None:
        nonlocal total
        total += len(text)
        if total > MAX_TEXT_CHARS:
            raise UnreadableFile("too much text to screen automatically")
        texts.append(text)

    with pdf_limits():
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableFile("the PDF is encrypted")
        if too_many_pdf_objects(reader) or len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadableFile("too large to screen automatically")
        catalog = reader.trailer["/Root"].get_object()
        names = catalog.get("/Names")
        if names is not None and "/EmbeddedFiles" in names.get_object():
            raise UnreadableFile("the PDF contains attached files")
        form = catalog.get("/AcroForm")
        if form is not None and "/XFA" in form.get_object():
            raise UnreadableFile("the PDF is an XFA form")
        seen: set[Any] = set()
        for page in reader.pages:
            watch.new_page()
            _check_drawing(page.get("/Resources"), reader, seen, watch)
            add(page.extract_text(visitor_operand_before=watch))
            watch.check()  # a stop inside a form XObject is swallowed by pypdf
            annotations = page.get("/Annots")
            for reference in annotations.get_object() if annotations is not None else []:
                watch.check()
                annotation = reference.get_object()
                if annotation.get("/Subtype") == "/FileAttachment":
                    raise UnreadableFile("the PDF contains attached files")
                for key in ("/T", "/Contents", "/V"):
                    if value := _string(annotation.get(key)):
                        add(value)
                for stream in _appearance_streams(annotation):
                    _check_drawing(stream.get("/Resources"), reader, seen, watch)
                    ContentStream(stream, reader).operations  # noqa: B018 (parse errors raise)
                    add(page.extract_xform_text(stream, visitor_operand_before=watch))
                    watch.check()
        for field in (reader.get_fields() or {}).values():
            watch.check()
            if value := _string(field.get("/V")):
                add(value)
    text = "\n".join(texts)
    if len("".join(text.split())) < MIN_PDF_TEXT_CHARS:
        raise UnreadableFile("the PDF has no readable text (it may be scanned)")
    return text


def extract_text(data: bytes, kind: str) -> str:
    """The text of a PDF, DOCX or ODT file, including headers, footers, notes, comments and
    metadata. Raises UnreadableFile when a person has to look instead: images, scans, damaged or
    encrypted files, more than 200,000 characters, or more work than a few seconds."""
    if kind == "pdf":
        try:
            return _pdf_text(data)
        except UnreadableFile:
            raise
        except _Stop as exc:
            raise UnreadableFile(str(exc)) from exc
        except Exception as exc:  # pypdf raises many kinds (and RecursionError) on hostile files
            raise UnreadableFile("the PDF could not be read") from exc
    if kind in ("docx", "odt"):
        return _office_text(data)
    raise UnreadableFile(f"the text of a {kind} file cannot be screened automatically")
