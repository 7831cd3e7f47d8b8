"""The hearing memo as a PDF (reportlab platypus), with the same content as the DOCX.

The text is set in the TrueType font of ``lib.pdf_fonts`` (DejaVu Sans or Liberation Sans), so
that every character — æøå, dashes, Danish quotation marks „“ — has a glyph.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.translation import override
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from inddrag.documents.diff import Segment
from inddrag.lib.pdf_fonts import Fonts, a4_document, fonts
from inddrag.lib.pdf_fonts import safe as _safe
from inddrag.memos.gathering import ChangedBlock, Count, DocumentChanges, Item, MemoContent
from inddrag.memos.wording import (
    DELETED_RGB,
    INSERTED_RGB,
    Labels,
    block_status,
    item_heading,
    labels,
    period_line,
    summary_label,
)

INSERTED = "#{:02x}{:02x}{:02x}".format(*INSERTED_RGB)
DELETED = "#{:02x}{:02x}{:02x}".format(*DELETED_RGB)


def _styles(font: Fonts) -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "MemoBody", parent=base["BodyText"], fontName=font.regular, fontSize=10, leading=13.5
    )
    return {
        "title": ParagraphStyle(
            "MemoTitle",
            parent=base["Title"],
            fontName=font.bold,
            fontSize=18,
            leading=23,
            alignment=TA_LEFT,
            spaceAfter=6,
        ),
        "h1": ParagraphStyle(
            "MemoH1",
            parent=base["Heading1"],
            fontName=font.bold,
            fontSize=15,
            leading=19,
            spaceBefore=14,
            spaceAfter=6,
        ),
        "h2": ParagraphStyle(
            "MemoH2",
            parent=base["Heading2"],
            fontName=font.bold,
            fontSize=12.5,
            leading=16,
            spaceBefore=12,
            spaceAfter=4,
        ),
        "h3": ParagraphStyle(
            "MemoH3",
            parent=base["Heading3"],
            fontName=font.bold,
            fontSize=10.5,
            leading=14,
            spaceBefore=9,
            spaceAfter=2,
        ),
        "body": body,
        "cell": ParagraphStyle("MemoCell", parent=body, spaceBefore=0, spaceAfter=0),
        "item": ParagraphStyle("MemoItem", parent=body, leading=15),
        "small": ParagraphStyle(
            "MemoSmall", parent=body, fontSize=9, leading=12, textColor=colors.HexColor("#3d3d3d")
        ),
    }


class _Lines(Flowable):
    """Lines of "label: value" (the label bold), set without reportlab's paragraph machinery.

    A memo of 10,000 contributions is 30,000 such short texts in one font; a ``Paragraph``
    parses its markup and breaks its lines fragment by fragment, which cost more than twice
    what drawing the text does. Here the words are measured with the font's cached widths and
    broken greedily at spaces (a word longer than a line at its characters), and the flowable
    splits between lines across pages. Line breaks in a value start a new line."""

    def __init__(
        self,
        entries: list[tuple[str, str]],
        font: Fonts,
        size: float,
        leading: float,
        lines: list[list[tuple[str, str]]] | None = None,
        width: float | None = None,
    ) -> None:
        super().__init__()
        self.entries, self.font, self.size, self.leading = entries, font, size, leading
        self._lines, self._broken_at = lines, width

    def _break(self, width: float) -> list[list[tuple[str, str]]]:
        size, bold, regular = self.size, self.font.bold, self.font.regular
        measure = {name: pdfmetrics.getFont(name).stringWidth for name in (bold, regular)}
        space = measure[regular](" ", size)
        lines: list[list[tuple[str, str]]] = []
        for label, value in self.entries:
            head = f"{label}: "
            runs: list[tuple[str, str]] = [(bold, head)]
            x = measure[bold](head, size)
            for n, paragraph in enumerate(value.split("\n")):
                if n:
                    lines.append(runs)
                    runs, x = [], 0.0
                words: list[str] = []
                for word in paragraph.split():
                    w = measure[regular](word, size)
                    gap = space if words else 0.0
                    if x + gap + w <= width:
                        words.append(word)
                        x += gap + w
                        continue
                    if words:
                        runs.append((regular, " ".join(words)))
                    if runs:
                        lines.append(runs)
                    runs, words, x = [], [], 0.0
                    while w > width and len(word) > 1:  # a word longer than the line
                        cut = len(word) - 1
                        while cut > 1 and measure[regular](word[:cut], size) > width:
                            cut -= 1
                        lines.append([(regular, word[:cut])])
                        word = word[cut:]
                        w = measure[regular](word, size)
                    words, x = [word], w
                if words:
                    runs.append((regular, " ".join(words)))
            lines.append(runs)
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._lines is None or self._broken_at != availWidth:
            self._lines, self._broken_at = self._break(availWidth), availWidth
        self.width, self.height = availWidth, len(self._lines) * self.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        fits = int(availHeight // self.leading)
        lines = self._lines or []
        if fits < 1 or fits >= len(lines):
            return [] if fits < 1 else [self]
        return [
            _Lines([], self.font, self.size, self.leading, part, availWidth)
            for part in (lines[:fits], lines[fits:])
        ]

    def draw(self) -> None:
        text = self.canv.beginText(0, self.height - self.leading + (self.leading - self.size) / 2)
        text.setLeading(self.leading)
        current = None
        for line in self._lines or []:
            for name, words in line:
                if name != current:
                    text.setFont(name, self.size, self.leading)
                    current = name
                text.textOut(words)
            text.textLine()
        self.canv.drawText(text)


class _Writer:
    def __init__(self, content: MemoContent, text: Labels) -> None:
        self.content = content
        self.text = text
        self.font = fonts()
        self.styles = _styles(self.font)
        self.story: list = []

    # --- Helpers ---

    def markup(self, text: str) -> str:
        return escape(_safe(text, self.font)).replace("\n", "<br/>")

    def para(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(self.markup(text), self.styles[style])

    def add(self, text: str, style: str = "body") -> None:
        self.story.append(self.para(text, style))

    def labelled(self, label: str, value: str) -> Paragraph:
        return Paragraph(f"<b>{self.markup(label)}:</b> {self.markup(value)}", self.styles["body"])

    def segments(self, segments, bold: bool = False) -> str:
        parts = []
        for segment in segments:
            text = self.markup(segment.text)
            if segment.op == "insert":
                text = f'<u><font color="{INSERTED}">{text}</font></u>'
            elif segment.op == "delete":
                text = f'<strike><font color="{DELETED}">{text}</font></strike>'
            parts.append(text)
        joined = "".join(parts)
        return f"<b>{joined}</b>" if bold else joined

    def table(self, rows: list[list], widths: list[float], header: bool) -> Table:
        table = Table(
            rows,
            colWidths=widths,
            repeatRows=1 if header else 0,
            hAlign="LEFT",
            splitInRow=1,  # a cell taller than a page breaks inside the row
        )
        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8c8c8c")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
        table.setStyle(TableStyle(style))
        return table

    # --- Sections ---

    def hearing(self) -> None:
        text, hearing = self.text, self.content.hearing
        self.add(text.hearing, "h1")
        activities = [
            f"{a.title} ({a.method}): {a.when}" + (f", {a.location}" if a.location else "")
            for a in hearing.activities
        ]
        facts = [
            (text.period, [period_line(p) for p in hearing.periods] or [text.no_periods]),
            (text.activities, activities or [text.no_activities]),
            (text.invited, [", ".join(hearing.target_groups) or text.not_stated]),
            (text.respondents, [", ".join(hearing.respondents) or text.none]),
            (text.total, [str(hearing.total)]),
        ]
        rows = [
            [
                Paragraph(f"<b>{self.markup(label)}</b>", self.styles["cell"]),
                Paragraph("<br/>".join(self.markup(line) for line in lines), self.styles["cell"]),
            ]
            for label, lines in facts
        ]
        self.story.append(self.table(rows, [48 * mm, 122 * mm], header=False))
        if hearing.total:
            self.counts(text.by_category, text.category, hearing.by_category)
            self.counts(text.by_source, text.source, hearing.by_source)

    def counts(self, heading: str, column: str, counts: list[Count]) -> None:
        cell = self.styles["cell"]
        rows = [
            [
                Paragraph(f"<b>{self.markup(column)}</b>", cell),
                Paragraph(f"<b>{self.markup(self.text.number)}</b>", cell),
            ]
        ]
        rows += [[self.para(c.label, "cell"), self.para(str(c.count), "cell")] for c in counts]
        rows.append(
            [
                Paragraph(f"<b>{self.markup(self.text.total)}</b>", cell),
                Paragraph(f"<b>{sum(c.count for c in counts)}</b>", cell),
            ]
        )
        self.story.append(
            KeepTogether(
                [self.para(heading, "h2"), self.table(rows, [90 * mm, 30 * mm], header=True)]
            )
        )

    def item(self, item: Item) -> None:
        text = self.text
        lines = [
            (summary_label(item, text), item.summary),
            (text.assessment, item.assessment),
            (text.recommendation, item.recommendation),
        ]
        # The three lines as one flowable that sets them directly (``_Lines``): 10,000
        # contributions make a 1,900-page memo, and a Paragraph's markup and line breaking
        # cost more than the text costs to draw.
        style = self.styles["item"]
        body = _Lines(
            [(_safe(label, self.font), _safe(value, self.font)) for label, value in lines],
            self.font,
            style.fontSize,
            style.leading,
        )
        flowables = [self.para(item_heading(item), "h3"), body]
        # No heading alone at the foot of a page (cheaper than keeping flowables together,
        # which measures them twice).
        self.story.append(CondPageBreak(30 * mm))
        self.story.extend(flowables)
        if item.changes:
            entries = []
            for change in item.changes:
                line = (
                    f"<b>{self.markup(text.linked_change)}:</b> {self.markup(change.explanation)}"
                )
                if change.excerpt:
                    line += f" <i>({self.markup(change.excerpt)})</i>"
                entries.append(ListItem(Paragraph(line, self.styles["body"])))
            self.story.append(ListFlowable(entries, bulletType="bullet", leftIndent=12))

    def contributions(self) -> None:
        text = self.text
        self.add(text.contributions, "h1")
        if not self.content.sections:
            self.add(text.no_contributions)
            return
        if self.content.recommendations:
            self.story.append(
                self.labelled(
                    text.recommendations,
                    ", ".join(f"{c.label}: {c.count}" for c in self.content.recommendations),
                )
            )
        for section in self.content.sections:
            self.add(section.title, "h2")
            for paragraph in section.summary.split("\n\n") if section.summary else []:
                self.add(paragraph)
            for note in section.notes:
                self.add(note)
            for item in section.items:
                self.item(item)

    def legend(self) -> None:
        text = self.text
        self.add(text.legend)
        example = (
            f"{self.markup(text.legend_example)} "
            + self.segments([Segment("insert", text.inserted_example)])
            + " · "
            + self.segments([Segment("delete", text.deleted_example)])
        )
        self.story.append(Paragraph(example, self.styles["body"]))

    def block(self, changed: ChangedBlock) -> None:
        block, text = changed.block, self.text
        status = f"<i>{self.markup(block_status(block.status, text))}:</i> "
        if block.type == "table":
            self.story.append(Paragraph(status, self.styles["body"]))
            width = max((len(row) for row in block.rows), default=0)
            if width:
                rows = [
                    [Paragraph(self.segments(cell), self.styles["cell"]) for cell in row]
                    + [""] * (width - len(row))
                    for row in block.rows
                ]
                self.story.append(self.table(rows, [170 * mm / width] * width, header=False))
        else:
            line = status + self.segments(block.segments, bold=block.type == "heading")
            if block.type == "list_item":
                indent = 12 * max(block.level, 1)
                style = ParagraphStyle(
                    "MemoListItem", parent=self.styles["body"], leftIndent=indent
                )
                self.story.append(Paragraph(f"•&nbsp;{line}", style))
            else:
                self.story.append(Paragraph(line, self.styles["body"]))
        for note in changed.notes:
            value = note.explanation
            if note.receipt_numbers:
                value += f" ({text.contribution} {', '.join(note.receipt_numbers)})"
            self.story.append(self.labelled(text.reason_for_change, value))

    def document(self, changes: DocumentChanges) -> None:
        self.add(changes.title, "h2")
        self.add(f"{changes.from_label} → {changes.to_label}", "small")
        if not changes.blocks:
            self.add(self.text.no_changes)
        for changed in changes.blocks:
            self.block(changed)

    def changes(self) -> None:
        self.add(self.text.changes, "h1")
        if not self.content.documents:
            self.add(self.text.no_documents)
            return
        self.legend()
        for changes in self.content.documents:
            self.document(changes)

    # --- The document ---

    def write(self) -> bytes:
        content, text = self.content, self.text
        self.add(content.title, "title")
        self.add(text.made % {"when": content.made}, "small")
        self.story.append(Spacer(1, 4 * mm))
        self.hearing()
        self.contributions()
        self.changes()
        buffer = io.BytesIO()
        font = self.font
        footer_title = _safe(content.title, font)

        def footer(canvas, doc) -> None:
            canvas.saveState()
            canvas.setFont(font.regular, 8)
            canvas.setFillColor(colors.HexColor("#3d3d3d"))
            canvas.drawString(20 * mm, 10 * mm, footer_title[:110])
            canvas.drawRightString(190 * mm, 10 * mm, text.page % {"page": doc.page})
            canvas.restoreState()

        doc = a4_document(
            buffer,
            title=content.title,
            author=settings.INDDRAG_SITE_NAME,
            subject=content.process_title,
        )
        doc.build(self.story, onFirstPage=footer, onLaterPages=footer)
        return buffer.getvalue()


def render_pdf(content: MemoContent) -> bytes:
    # Streams compressed only, not also ASCII85-encoded: reportlab's encoder is pure Python
    # (a second for a 1,900-page memo) and makes the file a quarter larger. The setting is
    # reportlab's global; it changes only how the streams are written.
    use_a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        with override(settings.LANGUAGE_CODE):
            return _Writer(content, labels()).write()
    finally:
        rl_config.useA85 = use_a85
