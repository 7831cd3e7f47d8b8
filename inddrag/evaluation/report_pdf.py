"""An evaluation report as a PDF (reportlab platypus), with the same content as the DOCX and the
same chart pictures; the font is the memo's (``lib.pdf_fonts``)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.conf import settings
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from inddrag.evaluation.report_content import ReportContent, Section
from inddrag.lib import charts
from inddrag.lib.pdf_fonts import Fonts, a4_document, fonts, safe

WIDTH = 170 * mm


def _styles(font: Fonts) -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "ReportBody", parent=base["BodyText"], fontName=font.regular, fontSize=10, leading=13.5
    )

    def heading(name: str, parent: str, size: float, before: float) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            parent=base[parent],
            fontName=font.bold,
            fontSize=size,
            leading=size * 1.3,
            spaceBefore=before,
            spaceAfter=4,
            alignment=TA_LEFT,
        )

    return {
        "title": heading("ReportTitle", "Title", 18, 0),
        "h1": heading("ReportH1", "Heading1", 15, 14),
        "h2": heading("ReportH2", "Heading2", 12.5, 10),
        "h3": heading("ReportH3", "Heading3", 10.5, 8),
        "body": body,
        "cell": ParagraphStyle("ReportCell", parent=body, spaceBefore=0, spaceAfter=0),
        "small": ParagraphStyle(
            "ReportSmall", parent=body, fontSize=9, leading=12, textColor=colors.HexColor("#3d3d3d")
        ),
    }


class _Writer:
    def __init__(self, content: ReportContent, pictures: dict[int, bytes | None]) -> None:
        self.content = content
        self.labels = content.labels
        self.pictures = pictures
        self.font = fonts()
        self.styles = _styles(self.font)
        self.story: list = []

    def markup(self, text: str) -> str:
        return escape(safe(text, self.font)).replace("\n", "<br/>")

    def para(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(self.markup(text), self.styles[style])

    def add(self, text: str, style: str = "body") -> None:
        self.story.append(self.para(text, style))

    def labelled(self, label: str, value: str) -> None:
        self.story.append(
            Paragraph(f"<b>{self.markup(label)}:</b> {self.markup(value)}", self.styles["body"])
        )

    def table(self, header: list[str] | None, rows: list[list[str]], widths: list[float]) -> None:
        cell = self.styles["cell"]
        data = []
        if header:
            data.append([Paragraph(f"<b>{self.markup(h)}</b>", cell) for h in header])
        for row in rows:
            data.append(
                [
                    Paragraph(
                        f"<b>{self.markup(v)}</b>" if not header and n == 0 else self.markup(v),
                        cell,
                    )
                    for n, v in enumerate(row)
                ]
            )
        table = Table(data, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8c8c8c")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
        table.setStyle(TableStyle(style))
        self.story.append(table)
        self.story.append(Spacer(1, 3 * mm))

    def section(self, section: Section) -> None:
        labels = self.labels
        self.add(section.title, "h1")
        if section.lines:
            self.add(labels["figures"], "h2")
            self.table(
                [labels["indicator"], labels["current"], labels["previous"], labels["change"]],
                [[line.title, line.current, line.previous, line.change] for line in section.lines],
                [70 * mm, 40 * mm, 40 * mm, 20 * mm],
            )
        picture = self.pictures.get(section.number)
        if picture:
            width, height = charts.size(picture)
            scale = WIDTH / width
            image = Image(io.BytesIO(picture), width=WIDTH, height=height * scale)
            self.story.append(
                KeepTogether([self.para(labels["chart"], "small"), image, Spacer(1, 2 * mm)])
            )
        self.add(labels["assessments"] if self.content.statuses else labels["assessment"], "h2")
        if not section.texts:
            self.add(labels["none"])
        for texts in section.texts:
            if self.content.statuses:
                self.add(texts.scope, "h3")
            self.labelled(labels["went_well"], texts.went_well or "–")
            self.labelled(labels["went_badly"], texts.went_badly or "–")
            self.labelled(labels["will_do"], texts.will_do or "–")

    def write(self) -> bytes:
        content, labels = self.content, self.labels
        self.add(content.title, "title")
        self.add(content.made, "small")
        self.story.append(Spacer(1, 3 * mm))
        self.table(None, [[label, value] for label, value in content.facts], [50 * mm, 120 * mm])
        for section in content.sections:
            self.section(section)
        self.add(content.trend_heading, "h1")
        self.add(content.trend_intro)
        if content.trends:
            self.table(
                [labels["indicator"], labels["before"], labels["now"]],
                [[t.title, t.before, t.now] for t in content.trends],
                [70 * mm, 50 * mm, 50 * mm],
            )
        if content.statuses:
            self.add(labels["status"], "h1")
            self.table(
                [labels["scope"], labels["state"], labels["treated_on"], labels["agenda"]],
                [
                    [
                        s.scope,
                        labels["recorded"] if s.recorded else labels["missing"],
                        s.treated_on or "–",
                        s.agenda_url or "–",
                    ]
                    for s in content.statuses
                ],
                [55 * mm, 30 * mm, 35 * mm, 50 * mm],
            )
        self.add(labels["projects"], "h1")
        if not content.projects:
            self.add(labels["no_projects"])
        else:
            items = [
                ListItem(self.para(f"{title} ({centre})" if centre else title), leftIndent=12)
                for title, centre in content.projects
            ]
            self.story.append(ListFlowable(items, bulletType="bullet", leftIndent=12))
        if content.cases:
            self.add(labels["cases"] % {"n": content.cases})
        buffer = io.BytesIO()
        font = self.font
        footer_title = safe(content.title, font)
        page = labels["page"]

        def footer(canvas, doc) -> None:
            canvas.saveState()
            canvas.setFont(font.regular, 8)
            canvas.setFillColor(colors.HexColor("#3d3d3d"))
            canvas.drawString(20 * mm, 10 * mm, footer_title[:110])
            canvas.drawRightString(190 * mm, 10 * mm, safe(page % {"page": doc.page}, font))
            canvas.restoreState()

        doc = a4_document(buffer, title=content.title, author=settings.INDDRAG_SITE_NAME)
        doc.build(self.story, onFirstPage=footer, onLaterPages=footer)
        return buffer.getvalue()


def render_pdf(content: ReportContent, pictures: dict[int, bytes | None]) -> bytes:
    """``pictures``: each principle's chart (``report_content.chart_png``), made once."""
    return _Writer(content, pictures).write()
