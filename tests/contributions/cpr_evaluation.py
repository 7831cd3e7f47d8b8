"""Runs the labelled CPR set (``cpr_cases.py``) through the channels a contribution really has:
the text, the name and "on behalf of" fields, attachment file names, and the text extracted from
DOCX, PDF and ODT attachments — the same functions the submission service uses. Used by the test
(100 % recall) and by ``benchmarks/cpr_screening.py`` (the figures in docs/security.md)."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from inddrag.contributions import screening
from tests.contributions.cpr_cases import HARD_POSITIVES, NEGATIVES, POSITIVES, Case

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def docx_file(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_file(text: str) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for line in text.split("\n"):
        document.text.addElement(P(text=line))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def pdf_file(text: str) -> bytes:
    """A PDF as a word processor writes it: every line of the letter drawn with an embedded
    font that has all the characters (DejaVu Sans), so the text layer is the text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "Helvetica"
    if FONT.exists():
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
        font = "DejaVuSans"
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    page.setFont(font, 11)
    y = 800
    for line in text.split("\n"):
        page.drawString(60, y, line)
        y -= 16
    page.save()
    return buffer.getvalue()


FILES = {"docx": docx_file, "odt": odt_file, "pdf": pdf_file}


def stored_file_name(name: str) -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from inddrag.contributions.uploads import CheckedFile

    kind = name.rsplit(".", 1)[-1].lower() if "." in name else "pdf"
    kind = kind if kind in ("pdf", "docx", "odt") else "pdf"
    upload = SimpleUploadedFile(name, b"")
    return CheckedFile(upload=upload, kind=kind, content_type="", data=b"").safe_name


def channel_text(case: Case) -> str:
    """The text screening sees for the case, through the channel's own path."""
    if case.channel in ("text", "name", "on_behalf_of"):
        return case.text
    if case.channel == "file_name":
        # As stored: cleaned by the upload check (odd characters become "_"), then screened.
        return screening.file_name_text(stored_file_name(case.text))
    return screening.extract_text(FILES[case.channel](case.text), case.channel)


def kinds(case: Case) -> list[screening.Finding]:
    return screening.scan(channel_text(case), words=[])


@dataclass
class Result:
    positives: int = 0
    caught: int = 0
    missed: list[Case] = field(default_factory=list)
    negatives: int = 0
    false_cpr: list[Case] = field(default_factory=list)  # a negative flagged as a CPR number
    wrongly_held: list[Case] = field(default_factory=list)  # flagged as something not allowed
    by_channel: Counter[str] = field(default_factory=Counter)
    caught_by_channel: Counter[str] = field(default_factory=Counter)

    @property
    def recall(self) -> float:
        return self.caught / self.positives if self.positives else 0.0

    @property
    def false_positive_rate(self) -> float:
        """Negatives held back for anything they may not be held back for (CPR, or a phone
        number where there is none), as a share of all negatives."""
        wrong = {id(c) for c in self.false_cpr} | {id(c) for c in self.wrongly_held}
        return len(wrong) / self.negatives if self.negatives else 0.0


def evaluate(positives: list[Case], negatives: list[Case]) -> Result:
    result = Result()
    for case in positives:
        result.positives += 1
        result.by_channel[case.channel] += 1
        findings = [f for f in kinds(case) if f.kind == "cpr"]
        # Caught: a CPR finding covers the digits of the number as written.
        text = channel_text(case)
        digits = "".join(ch for ch in case.cpr if ch.isdigit())
        if any(digits in "".join(ch for ch in f.match if ch.isdigit()) for f in findings) or (
            findings and case.cpr not in text
        ):
            result.caught += 1
            result.caught_by_channel[case.channel] += 1
        else:
            result.missed.append(case)
    for case in negatives:
        result.negatives += 1
        found = {f.kind for f in kinds(case)}
        if "cpr" in found:
            result.false_cpr.append(case)
        if "phone" in found and "phone" not in case.other:
            result.wrongly_held.append(case)
    return result


def evaluate_all() -> tuple[Result, Result]:
    """The main set (positives and negatives), and the hard positives on their own."""
    return evaluate(POSITIVES, NEGATIVES), evaluate(HARD_POSITIVES, [])
