"""An evaluation report as a Word document (python-docx), for the committee's agenda: headings
for navigation, the facts and the indicators as tables with header rows, a chart per principle
with a description (its figures are in the table before it), the assessment texts, the
development since the round before, and the projects behind."""

from __future__ import annotations

import io
import re

from django.conf import settings
from docx import Document
from docx.shared import Mm, Pt

from inddrag.evaluation.report_content import ReportContent, Section
from inddrag.lib.docx_parts import LANGUAGE, repeat_header, set_language

# Characters that XML (and so Word) does not allow.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CHART_WIDTH = Mm(165)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


class _Writer:
    def __init__(self, content: ReportContent, pictures: dict[int, bytes | None]) -> None:
        self.content = content
        self.labels = content.labels
        self.pictures = pictures
        self.doc = Document()
        self.list_style = self.doc.styles["List Bullet"]

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(_clean(text), level)

    def para(self, text: str, bold_label: str = "") -> None:
        p = self.doc.add_paragraph()
        if bold_label:
            p.add_run(_clean(bold_label) + ": ").bold = True
        p.add_run(_clean(text))

    def table(self, header: list[str] | None, rows: list[list[str]]) -> None:
        cols = len(header) if header else len(rows[0])
        table = self.doc.add_table(rows=0, cols=cols, style="Table Grid")
        if header:
            cells = table.add_row().cells
            for cell, text in zip(cells, header, strict=True):
                cell.paragraphs[0].add_run(_clean(text)).bold = True
            repeat_header(table)
        for row in rows:
            cells = table.add_row().cells
            for n, (cell, text) in enumerate(zip(cells, row, strict=True)):
                run = cell.paragraphs[0].add_run(_clean(text))
                run.bold = not header and n == 0
        self.doc.add_paragraph()

    def section(self, section: Section) -> None:
        labels = self.labels
        self.heading(section.title, 1)
        if section.lines:
            self.heading(labels["figures"], 2)
            self.table(
                [labels["indicator"], labels["current"], labels["previous"], labels["change"]],
                [[line.title, line.current, line.previous, line.change] for line in section.lines],
            )
        picture = self.pictures.get(section.number)
        if picture:
            self.doc.add_paragraph(_clean(labels["chart"]))
            self.doc.add_picture(io.BytesIO(picture), width=CHART_WIDTH)
            inline = self.doc.inline_shapes[-1]._inline
            inline.docPr.set("descr", _clean(labels["chart_alt"]))
            inline.docPr.set("title", _clean(labels["chart"]))
        self.heading(labels["assessments"] if self.content.statuses else labels["assessment"], 2)
        if not section.texts:
            self.doc.add_paragraph(_clean(labels["none"]))
        for texts in section.texts:
            if self.content.statuses:  # the round report: whose texts
                self.heading(texts.scope, 3)
            for key, value in (
                ("went_well", texts.went_well),
                ("went_badly", texts.went_badly),
                ("will_do", texts.will_do),
            ):
                self.para(value or "–", labels[key])

    def write(self) -> bytes:
        content, labels, doc = self.content, self.labels, self.doc
        set_language(doc)
        doc.styles["Normal"].font.size = Pt(11)
        props = doc.core_properties
        props.title = content.title
        props.language = LANGUAGE
        props.author = settings.INDDRAG_SITE_NAME
        self.heading(content.title, 0)
        self.doc.add_paragraph(_clean(content.made))
        self.table(None, [[label, value] for label, value in content.facts])
        for section in content.sections:
            self.section(section)
        self.heading(content.trend_heading, 1)
        self.doc.add_paragraph(_clean(content.trend_intro))
        if content.trends:
            self.table(
                [labels["indicator"], labels["before"], labels["now"]],
                [[t.title, t.before, t.now] for t in content.trends],
            )
        if content.statuses:
            self.heading(labels["status"], 1)
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
            )
        self.heading(labels["projects"], 1)
        if not content.projects:
            self.doc.add_paragraph(_clean(labels["no_projects"]))
        for title, centre in content.projects:
            text = f"{title} ({centre})" if centre else title
            self.doc.add_paragraph(_clean(text), style=self.list_style)
        if content.cases:
            self.doc.add_paragraph(_clean(labels["cases"] % {"n": content.cases}))
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()


def render_docx(content: ReportContent, pictures: dict[int, bytes | None]) -> bytes:
    """``pictures``: each principle's chart (``report_content.chart_png``), made once."""
    return _Writer(content, pictures).write()
