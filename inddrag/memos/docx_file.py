"""The hearing memo as a Word document (python-docx): headings for navigation, the hearing's
facts and counts as tables with header rows, the contributions numbered under their topics, and
the visible changes as runs — added text underlined, deleted text struck through (colour only as
an extra), explained by a legend."""

from __future__ import annotations

import io
import re

from django.conf import settings
from django.utils.translation import override
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from inddrag.documents.diff import Segment
from inddrag.lib.docx_parts import LANGUAGE, repeat_header, set_language
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

# Characters that XML (and so Word) does not allow.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
INSERTED_HEX = "{:02X}{:02X}{:02X}".format(*INSERTED_RGB)
DELETED_HEX = "{:02X}{:02X}{:02X}".format(*DELETED_RGB)
_W, _P, _R, _T, _BR = qn("w:val"), qn("w:p"), qn("w:r"), qn("w:t"), qn("w:br")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def render_docx(content: MemoContent) -> bytes:
    with override(settings.LANGUAGE_CODE):
        return _Writer(content, labels()).write()


def _segment_run(paragraph: Paragraph, segment: Segment) -> None:
    """A run in a table cell (python-docx; tables are few)."""
    run = paragraph.add_run(_NOT_XML.sub("", segment.text))
    if segment.op == "insert":
        run.font.underline = True
        run.font.color.rgb = RGBColor(*INSERTED_RGB)
    elif segment.op == "delete":
        run.font.strike = True
        run.font.color.rgb = RGBColor(*DELETED_RGB)


class _Body:
    """Appends paragraphs to the body as WordprocessingML. python-docx looks a style up by
    name for every paragraph and searches the body for its end each time; for a memo of
    several hundred pages that is most of the time, so paragraphs are built here directly."""

    def __init__(self, document) -> None:
        self.styles = document.styles
        self.root = document.element.body
        self.end = self.root.find(qn("w:sectPr"))
        self.ids: dict[str, str] = {}

    def style_id(self, name: str) -> str:
        if name not in self.ids:
            self.ids[name] = self.styles[name].style_id
        return self.ids[name]

    def paragraph(self, runs: list[tuple], style: str | None = None):
        """``runs``: (text,) or (text, bold, italic, op) with op "equal", "insert" or "delete"."""
        p = OxmlElement("w:p")
        if style:
            ppr = etree.SubElement(p, qn("w:pPr"))
            etree.SubElement(ppr, qn("w:pStyle")).set(_W, self.style_id(style))
        for run in runs:
            self.run(p, *run)
        if self.end is not None:
            self.end.addprevious(p)
        else:
            self.root.append(p)
        return p

    @staticmethod
    def run(p, text: str, bold: bool = False, italic: bool = False, op: str = "equal") -> None:
        r = etree.SubElement(p, _R)
        if bold or italic or op != "equal":
            rpr = etree.SubElement(r, qn("w:rPr"))
            if bold:
                etree.SubElement(rpr, qn("w:b"))
            if italic:
                etree.SubElement(rpr, qn("w:i"))
            if op == "delete":
                etree.SubElement(rpr, qn("w:strike"))
                etree.SubElement(rpr, qn("w:color")).set(_W, DELETED_HEX)
            elif op == "insert":
                etree.SubElement(rpr, qn("w:color")).set(_W, INSERTED_HEX)
                etree.SubElement(rpr, qn("w:u")).set(_W, "single")
        for n, line in enumerate(_NOT_XML.sub("", text).split("\n")):
            if n:
                etree.SubElement(r, _BR)
            t = etree.SubElement(r, _T)
            t.text = line
            t.set(_SPACE, "preserve")


class _Writer:
    def __init__(self, content: MemoContent, text: Labels) -> None:
        self.content = content
        self.text = text
        self.doc = Document()
        self.body = _Body(self.doc)

    def write(self) -> bytes:
        doc = self.doc
        set_language(doc)
        doc.styles["Normal"].font.size = Pt(11)
        props = doc.core_properties
        props.title = self.content.title
        props.language = LANGUAGE
        props.author = settings.INDDRAG_SITE_NAME
        props.subject = self.content.process_title
        self.heading(self.content.title, 0)
        self.para([(self.text.made % {"when": self.content.made},)])
        self.hearing()
        self.contributions()
        self.changes()
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()

    def heading(self, text: str, level: int) -> None:
        self.body.paragraph([(text,)], "Title" if level == 0 else f"Heading {level}")

    def para(self, runs: list[tuple], style: str | None = None) -> None:
        self.body.paragraph(runs, style)

    def labelled(self, label: str, value: str) -> None:
        self.para([(f"{label}: ", True), (value,)])

    # --- 1. The hearing ---

    def facts_table(self, rows: list[tuple[str, list[str]]]) -> None:
        table = self.doc.add_table(rows=0, cols=2, style="Table Grid")
        for label, lines in rows:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(_NOT_XML.sub("", label)).bold = True
            cells[1].paragraphs[0].add_run(_NOT_XML.sub("", "\n".join(lines)))

    def count_table(self, heading: str, column: str, counts: list[Count]) -> None:
        self.heading(heading, 2)
        table = self.doc.add_table(rows=1, cols=2, style="Table Grid")
        header = table.rows[0].cells
        header[0].paragraphs[0].add_run(column).bold = True
        header[1].paragraphs[0].add_run(self.text.number).bold = True
        repeat_header(table)
        for count in counts:
            cells = table.add_row().cells
            cells[0].text = _NOT_XML.sub("", count.label)
            cells[1].text = str(count.count)
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(self.text.total).bold = True
        cells[1].paragraphs[0].add_run(str(sum(c.count for c in counts))).bold = True

    def hearing(self) -> None:
        text, hearing = self.text, self.content.hearing
        self.heading(text.hearing, 1)
        activities = [
            f"{a.title} ({a.method}): {a.when}" + (f", {a.location}" if a.location else "")
            for a in hearing.activities
        ]
        self.facts_table(
            [
                (text.period, [period_line(p) for p in hearing.periods] or [text.no_periods]),
                (text.activities, activities or [text.no_activities]),
                (text.invited, [", ".join(hearing.target_groups) or text.not_stated]),
                (text.respondents, [", ".join(hearing.respondents) or text.none]),
                (text.total, [str(hearing.total)]),
            ]
        )
        if hearing.total:
            self.count_table(text.by_category, text.category, hearing.by_category)
            self.count_table(text.by_source, text.source, hearing.by_source)

    # --- 2. The contributions ---

    def item(self, item: Item) -> None:
        text = self.text
        self.heading(item_heading(item), 3)
        self.labelled(summary_label(item, text), item.summary)
        self.labelled(text.assessment, item.assessment)
        self.labelled(text.recommendation, item.recommendation)
        for change in item.changes:
            runs = [(f"{text.linked_change}: ", True), (change.explanation,)]
            if change.excerpt:
                runs.append((f" ({change.excerpt})", False, True))
            self.para(runs, "List Bullet")

    def contributions(self) -> None:
        text = self.text
        self.heading(text.contributions, 1)
        if not self.content.sections:
            self.para([(text.no_contributions,)])
            return
        if self.content.recommendations:
            self.labelled(
                text.recommendations,
                ", ".join(f"{c.label}: {c.count}" for c in self.content.recommendations),
            )
        for section in self.content.sections:
            self.heading(section.title, 2)
            for paragraph in section.summary.split("\n\n") if section.summary else []:
                self.para([(paragraph,)])
            for note in section.notes:
                self.para([(note,)])
            for item in section.items:
                self.item(item)

    # --- 3. The changes ---

    def legend(self) -> None:
        text = self.text
        self.para([(text.legend,)])
        self.para(
            [
                (f"{text.legend_example} ",),
                (text.inserted_example, False, False, "insert"),
                (" · ",),
                (text.deleted_example, False, False, "delete"),
            ]
        )

    def block(self, changed: ChangedBlock) -> None:
        block, text = changed.block, self.text
        status = (f"{block_status(block.status, text)}: ", False, True)
        if block.type == "table":
            self.para([status])
            width = max((len(row) for row in block.rows), default=0)
            if width:
                table = self.doc.add_table(rows=0, cols=width, style="Table Grid")
                for row in block.rows:
                    cells = table.add_row().cells
                    for cell, segments in zip(cells, row, strict=False):
                        paragraph = cell.paragraphs[0]
                        for segment in segments:
                            _segment_run(paragraph, segment)
        else:
            style = None
            if block.type == "list_item":
                style = "List Bullet 2" if block.level >= 2 else "List Bullet"
            bold = block.type == "heading"
            self.para([status, *((s.text, bold, False, s.op) for s in block.segments)], style)
        for note in changed.notes:
            value = note.explanation
            if note.receipt_numbers:
                value += f" ({text.contribution} {', '.join(note.receipt_numbers)})"
            self.labelled(text.reason_for_change, value)

    def document(self, changes: DocumentChanges) -> None:
        self.heading(changes.title, 2)
        self.para([(f"{changes.from_label} → {changes.to_label}",)])
        if not changes.blocks:
            self.para([(self.text.no_changes,)])
        for changed in changes.blocks:
            self.block(changed)

    def changes(self) -> None:
        self.heading(self.text.changes, 1)
        if not self.content.documents:
            self.para([(self.text.no_documents,)])
            return
        self.legend()
        for changes in self.content.documents:
            self.document(changes)
