"""Pieces every generated Word document shares (python-docx): the text marked as Danish, and a
table's header row marked as such and repeated on every page. Used by the hearing memo and the
evaluation reports."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table

LANGUAGE = "da-DK"


def set_language(document) -> None:
    """Mark the text as Danish, so spelling and screen readers use the right language."""
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        rpr = document.styles[name].element.get_or_add_rPr()
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)


def repeat_header(table: Table) -> None:
    """The first row is the header: marked so, and repeated on every page."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
