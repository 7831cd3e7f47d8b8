"""The hearing memo as a PDF (reportlab platypus), with the same content as the DOCX.

The text is set in the TrueType font of ``lib.pdf_fonts`` (DejaVu Sans or Liberation Sans), so
that every character — æøå, dashes, Danish quotation marks „“ — has a glyph.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.translation import override
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
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
        # One paragraph for the three lines: a thousand contributions make a 200-page memo,
        # and each paragraph costs reportlab as much to set up as its text does to lay out.
        body = "<br/>".join(
            f"<b>{self.markup(label)}:</b> {self.markup(value)}" for label, value in lines
        )
        flowables = [
            self.para(item_heading(item), "h3"),
            Paragraph(body, self.styles["item"]),
        ]
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
    with override(settings.LANGUAGE_CODE):
        return _Writer(content, labels()).write()
