"""The TrueType font every generated PDF (and chart picture) is set in: DejaVu Sans or Liberation
Sans from the system, so that every character — æøå, dashes, Danish quotation marks „“ — has a
glyph. No font is downloaded: without one, Helvetica is used and characters outside its encoding
are replaced with near equivalents (``safe``). Shared by the hearing memo and the evaluation
reports."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate

FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/liberation"),
]
# Family name → files for regular, bold, italic, bold italic.
FONT_FAMILIES = [
    (
        "DejaVuSans",
        (
            "DejaVuSans.ttf",
            "DejaVuSans-Bold.ttf",
            "DejaVuSans-Oblique.ttf",
            "DejaVuSans-BoldOblique.ttf",
        ),
    ),
    (
        "LiberationSans",
        (
            "LiberationSans-Regular.ttf",
            "LiberationSans-Bold.ttf",
            "LiberationSans-Italic.ttf",
            "LiberationSans-BoldItalic.ttf",
        ),
    ),
]
# Without a TrueType font: what the standard fonts' encoding (WinAnsi) lacks, as near equivalents.
_FALLBACK = str.maketrans(
    {"→": "->", "≥": ">=", "≤": "<=", "−": "-", "‐": "-", "‑": "-", "\u00a0": " "}
)


class _CachedWidthFont(TTFont):
    """A TrueType font that remembers the width of each word it has measured. Without
    reportlab's C accelerator every width is a Python sum over the characters, and a memo of
    a thousand contributions measures the same Danish words hundreds of thousands of times."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._widths: dict[str, float] = {}

    def stringWidth(self, text, size, encoding="utf8"):
        if not isinstance(text, str):
            text = text.decode(encoding or "utf8")
        unit = self._widths.get(text)
        if unit is None:
            get, default = self.face.charWidths.get, self.face.defaultWidth
            unit = sum(get(ord(c), default) for c in text)
            if len(self._widths) < 200_000:
                self._widths[text] = unit
        return 0.001 * size * unit


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    unicode: bool  # a TrueType font with glyphs for (almost) everything


@functools.cache
def fonts() -> Fonts:
    """Register the first TrueType family found on the system; else fall back to Helvetica."""
    for family, files in FONT_FAMILIES:
        for folder in FONT_DIRS:
            paths = [folder / name for name in files]
            if not all(p.is_file() for p in paths):
                continue
            names = [family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic"]
            try:
                for name, path in zip(names, paths, strict=True):
                    pdfmetrics.registerFont(_CachedWidthFont(name, str(path)))
            except Exception:  # noqa: S112 — a broken font file: try the next one
                continue
            pdfmetrics.registerFontFamily(
                family, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
            )
            return Fonts(names[0], names[1], names[2], unicode=True)
    return Fonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", unicode=False)


def safe(text: str, font: Fonts) -> str:
    """``text`` as the font can set it."""
    if font.unicode:
        return text
    text = text.translate(_FALLBACK)
    return text.encode("cp1252", "replace").decode("cp1252")


def font_file(bold: bool = False) -> Path | None:
    """The TrueType file of the first family found (for pictures drawn with Pillow), or None."""
    for _family, files in FONT_FAMILIES:
        for folder in FONT_DIRS:
            path = folder / files[1 if bold else 0]
            if path.is_file():
                return path
    return None


def a4_document(buffer, *, title: str, author: str, subject: str = "") -> SimpleDocTemplate:
    """The A4 page every generated PDF uses (the hearing memo, the evaluation reports): the same
    margins, the document's title and author, and Danish as its language."""
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=author,
        subject=subject,
        lang="da-DK",
        creator="Inddrag",
    )
