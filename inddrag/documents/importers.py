"""Turning a DOCX or ODT file, or text written in the page, into a version's blocks.

The block format is described in ``inddrag.documents.models``. What is kept: the body's
paragraphs and tables in reading order, headings with their level, list items with their level
and whether the list is numbered, and tables row by row and cell by cell. What is left out:
headers, footers, footnotes, comments, text boxes, images and the table of contents.

Text written in the page uses a small syntax (shown to staff as the field's help text):

    # Heading            a heading; "## " a subheading, up to "###### "
    - A bullet point     (or "* "); indent by two spaces per level
    1. A numbered point  (or "1) "); indent by two spaces per level
    A blank line between paragraphs. Lines without a blank line between them are one paragraph.

Tables cannot be written in text mode: upload a file for a document with tables.

Files are checked by ``inddrag.contributions.uploads.check_file`` (type from the content, at
most 10 MB, metadata removed) before they get here; the importers also refuse archives that
would unpack to more than 50 MB.
"""

from __future__ import annotations

import io
import re
import zipfile

from inddrag.documents.blocks import is_empty, number_blocks

__all__ = [
    "ImportFailed",
    "blocks_from_docx",
    "blocks_from_file",
    "blocks_from_odt",
    "blocks_from_text",
    "is_empty",
]

MAX_UNPACKED = 50 * 1024 * 1024
MAX_COLUMNS = 64  # a repeated cell in an ODT table counts at most this often


class ImportFailed(Exception):
    """The file could not be read as a document."""


def _check_archive(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, OSError, ValueError on damaged files
        raise ImportFailed("not an office file") from exc
    # zipfile stops reading a member at its declared size, so the declared sizes bound the work.
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
        raise ImportFailed("unpacks to more than 50 MB")


def _clean(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()


def blocks_from_file(data: bytes, kind: str) -> list[dict]:
    if kind == "docx":
        return blocks_from_docx(data)
    if kind == "odt":
        return blocks_from_odt(data)
    raise ImportFailed(f"unsupported kind {kind}")


# --- DOCX -------------------------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "titel"}
# Word's built-in list styles ("List Bullet 2"; Danish Word shows them as "Opstilling med
# punkttegn 2" but usually stores the English name).
_LIST_STYLE = re.compile(
    r"^(?:list\s+(bullet|number)|opstilling\s+med\s+(punkttegn|tal))(?:\s+(\d))?$", re.IGNORECASE
)


def _list_style(name: str) -> tuple[int, bool] | None:
    """(level, ordered) for a list style's name."""
    match = _LIST_STYLE.match(name.strip())
    if not match:
        return None
    kind = (match.group(1) or match.group(2) or "").lower()
    return int(match.group(3) or 1), kind in ("number", "tal")


def blocks_from_docx(data: bytes) -> list[dict]:
    """The blocks of a Word (DOCX) file, in the body's order."""
    _check_archive(data)
    try:
        import docx
        from docx.oxml.ns import qn

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on damaged or foreign files
        raise ImportFailed("not a readable DOCX file") from exc
    reader = _DocxReader(document, qn)
    try:
        blocks = reader.read(document.element.body)
    except ImportFailed:
        raise
    except Exception as exc:
        raise ImportFailed("the DOCX file could not be read") from exc
    return number_blocks(blocks)


class _DocxReader:
    def __init__(self, document, qn) -> None:
        self.document = document
        self.qn = qn
        self.styles: dict[str, object] = {}
        for style in document.styles.element.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id:
                self.styles[style_id] = style
        self.formats = self._numbering_formats()

    # Styles and numbering ---------------------------------------------------------------------

    def _numbering_formats(self) -> dict[tuple[str, int], str]:
        """(numId, ilvl) → numFmt ("bullet", "decimal", …)."""
        qn = self.qn
        try:
            numbering = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            # python-docx raises NotImplementedError for a document without a numbering part.
            return {}
        abstract = {}
        for item in numbering.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in item.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal"
                )
            abstract[item.get(qn("w:abstractNumId"))] = levels
        formats = {}
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = abstract.get(ref.get(qn("w:val")) if ref is not None else None, {})
            for ilvl, fmt in levels.items():
                formats[(num.get(qn("w:numId")), ilvl)] = fmt
        return formats

    def _style_chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = style.find(self.qn("w:basedOn"))
            style_id = based.get(self.qn("w:val")) if based is not None else None

    def _style_name(self, style) -> str:
        name = style.find(self.qn("w:name"))
        return (name.get(self.qn("w:val")) if name is not None else "") or ""

    def _num_pr(self, ppr):
        """(numId, ilvl) from the paragraph or its style chain, or None."""
        qn = self.qn
        num_id = ilvl = None
        sources = [ppr] if ppr is not None else []
        style_id = None
        if ppr is not None:
            pstyle = ppr.find(qn("w:pStyle"))
            style_id = pstyle.get(qn("w:val")) if pstyle is not None else None
        sources.extend(s.find(qn("w:pPr")) for s in self._style_chain(style_id))
        for source in sources:
            if source is None:
                continue
            num_pr = source.find(qn("w:numPr"))
            if num_pr is None:
                continue
            if num_id is None and num_pr.find(qn("w:numId")) is not None:
                num_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
            if ilvl is None and num_pr.find(qn("w:ilvl")) is not None:
                ilvl = int(num_pr.find(qn("w:ilvl")).get(qn("w:val"), "0"))
        if num_id is None or num_id == "0":  # numId 0 switches numbering off
            return None
        return num_id, ilvl or 0

    def _outline_level(self, ppr, style_id: str | None) -> int | None:
        qn = self.qn
        sources = [ppr] if ppr is not None else []
        sources.extend(s.find(qn("w:pPr")) for s in self._style_chain(style_id))
        for source in sources:
            if source is None:
                continue
            outline = source.find(qn("w:outlineLvl"))
            if outline is not None:
                value = int(outline.get(qn("w:val"), "9"))
                return value + 1 if value < 9 else None
        return None

    # Body ------------------------------------------------------------------------------------

    def read(self, body) -> list[dict]:
        blocks: list[dict] = []
        for child in body.iterchildren():
            tag = child.tag
            if tag == self.qn("w:p"):
                block = self.paragraph(child)
                if block:
                    blocks.append(block)
            elif tag == self.qn("w:tbl"):
                block = self.table(child)
                if block:
                    blocks.append(block)
            elif tag == self.qn("w:sdt"):  # a content control: its content in place
                content = child.find(self.qn("w:sdtContent"))
                if content is not None and not self._is_toc(child):
                    blocks.extend(self.read(content))
        return blocks

    def _is_toc(self, sdt) -> bool:
        qn = self.qn
        props = sdt.find(qn("w:sdtPr"))
        if props is None:
            return False
        gallery = props.find(f"{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
        return gallery is not None and "content" in (gallery.get(qn("w:val")) or "").lower()

    def _text(self, p) -> str:
        from docx.text.paragraph import Paragraph

        return _clean(Paragraph(p, None).text)

    def paragraph(self, p) -> dict | None:
        qn = self.qn
        text = self._text(p)
        if not text:
            return None
        ppr = p.find(qn("w:pPr"))
        style_id = None
        if ppr is not None and ppr.find(qn("w:pStyle")) is not None:
            style_id = ppr.find(qn("w:pStyle")).get(qn("w:val"))
        names = [self._style_name(s).strip() for s in self._style_chain(style_id)]
        if style_id and not names:
            names = [style_id]
        first = names[0] if names else ""
        for name in [*names[:1], style_id or ""]:
            match = _HEADING_STYLE.match(name)
            if match:
                return {"type": "heading", "level": max(1, int(match.group(1))), "text": text}
            if name.lower() in _TITLE_STYLES:
                return {"type": "heading", "level": 1, "text": text}
        num = self._num_pr(ppr)
        list_style = _list_style(first) if first else None
        if num is not None:
            num_id, ilvl = num
            # A single-level list numbers every level like its first.
            fmt = self.formats.get((num_id, ilvl)) or self.formats.get((num_id, 0))
            if fmt is None and list_style:
                ordered = list_style[1]
            else:
                ordered = fmt not in (None, "bullet", "none")
            return {
                "type": "list_item",
                # "List Bullet 2" may number its items at level 0 of a list of its own.
                "level": min(max(ilvl + 1, list_style[0] if list_style else 1), 6),
                "ordered": ordered,
                "text": text,
            }
        if list_style:
            return {
                "type": "list_item",
                "level": min(list_style[0], 6),
                "ordered": list_style[1],
                "text": text,
            }
        outline = self._outline_level(ppr, style_id)
        if outline is not None:
            return {"type": "heading", "level": min(outline, 6), "text": text}
        return {"type": "paragraph", "text": text}

    def table(self, tbl) -> dict | None:
        qn = self.qn
        rows = []
        for tr in tbl.iterchildren(qn("w:tr")):
            cells = []
            for tc in tr.iterchildren(qn("w:tc")):
                tcpr = tc.find(qn("w:tcPr"))
                span = 1
                continued = False
                if tcpr is not None:
                    grid = tcpr.find(qn("w:gridSpan"))
                    if grid is not None:
                        span = max(1, min(MAX_COLUMNS, int(grid.get(qn("w:val"), "1"))))
                    vmerge = tcpr.find(qn("w:vMerge"))
                    continued = vmerge is not None and vmerge.get(qn("w:val")) != "restart"
                text = "" if continued else self._cell_text(tc)
                cells.append(text)
                cells.extend([""] * (span - 1))
            if cells:
                rows.append(cells)
        if not rows or not any(any(c for c in row) for row in rows):
            return None
        return {"type": "table", "rows": rows}

    def _cell_text(self, tc) -> str:
        parts = []
        for child in tc.iterchildren():
            if child.tag == self.qn("w:p"):
                parts.append(self._text(child))
            elif child.tag == self.qn("w:tbl"):  # a table in a cell: its text, row by row
                inner = self.table(child)
                if inner:
                    parts.extend(" | ".join(c for c in row if c) for row in inner["rows"])
        return _clean("\n".join(p for p in parts if p))


# --- ODT --------------------------------------------------------------------------------------


def blocks_from_odt(data: bytes) -> list[dict]:
    """The blocks of an OpenDocument text (ODT) file, in the body's order."""
    _check_archive(data)
    try:
        from odf.opendocument import load

        document = load(io.BytesIO(data))
    except Exception as exc:  # odfpy raises many kinds on damaged or foreign files
        raise ImportFailed("not a readable ODT file") from exc
    try:
        reader = _OdtReader(document)
        blocks = reader.read(document.text)
    except Exception as exc:
        raise ImportFailed("the ODT file could not be read") from exc
    return number_blocks(blocks)


class _OdtReader:
    def __init__(self, document) -> None:
        from odf.namespaces import STYLENS, TABLENS, TEXTNS

        self.TEXT, self.TABLE, self.STYLE = TEXTNS, TABLENS, STYLENS
        self.list_styles: dict[str, dict[int, bool]] = {}  # name → level → ordered
        self.paragraph_styles: dict[str, tuple[str, str]] = {}  # name → (display, parent)
        for container in (document.styles, document.automaticstyles):
            for node in container.childNodes:
                if node.nodeType != node.ELEMENT_NODE:
                    continue
                name = node.getAttrNS(STYLENS, "name")
                if node.qname == (TEXTNS, "list-style"):
                    levels = {}
                    for level in node.childNodes:
                        if level.nodeType != level.ELEMENT_NODE:
                            continue
                        number = int(level.getAttrNS(TEXTNS, "level") or 1)
                        levels[number] = level.qname[1] == "list-level-style-number"
                    self.list_styles[name] = levels
                elif node.qname == (STYLENS, "style"):
                    self.paragraph_styles[name] = (
                        node.getAttrNS(STYLENS, "display-name") or name or "",
                        node.getAttrNS(STYLENS, "parent-style-name") or "",
                    )

    def _style_names(self, name: str) -> list[str]:
        out, seen = [], set()
        while name and name not in seen:
            seen.add(name)
            display, parent = self.paragraph_styles.get(name, (name, ""))
            out.extend([name, display])
            name = parent
        return out

    def _text(self, node) -> str:
        parts: list[str] = []
        self._collect(node, parts)
        return _clean("".join(parts))

    def _collect(self, node, parts: list[str]) -> None:
        for child in node.childNodes:
            if child.nodeType == child.TEXT_NODE:
                parts.append(child.data)
                continue
            if child.nodeType != child.ELEMENT_NODE:
                continue
            ns, name = child.qname
            if ns == self.TEXT and name == "s":
                parts.append(" " * int(child.getAttrNS(self.TEXT, "c") or 1))
            elif ns == self.TEXT and name == "tab":
                parts.append("\t")
            elif ns == self.TEXT and name == "line-break":
                parts.append("\n")
            elif ns == self.TEXT and name in ("note", "annotation", "bookmark", "tracked-changes"):
                continue
            else:
                self._collect(child, parts)

    def read(self, body) -> list[dict]:
        blocks: list[dict] = []
        self._read(body, blocks)
        return blocks

    def _read(self, node, blocks: list[dict]) -> None:
        for child in node.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            ns, name = child.qname
            if ns == self.TEXT and name == "h":
                text = self._text(child)
                if text:
                    level = int(child.getAttrNS(self.TEXT, "outline-level") or 1)
                    blocks.append({"type": "heading", "level": min(max(level, 1), 6), "text": text})
            elif ns == self.TEXT and name == "p":
                block = self._paragraph(child)
                if block:
                    blocks.append(block)
            elif ns == self.TEXT and name == "list":
                style = child.getAttrNS(self.TEXT, "style-name") or ""
                self._list(child, blocks, 1, style)
            elif ns == self.TABLE and name == "table":
                block = self._table(child)
                if block:
                    blocks.append(block)
            elif (ns == self.TEXT and name in ("section", "soft-page-break")) or (
                ns == self.TEXT and name == "index-body"
            ):
                self._read(child, blocks)
            # table-of-content, tracked-changes, sequence-decls, forms …: left out.

    def _paragraph(self, node) -> dict | None:
        text = self._text(node)
        if not text:
            return None
        for name in self._style_names(node.getAttrNS(self.TEXT, "style-name") or ""):
            lowered = name.replace("_20_", " ").lower()
            if lowered in _TITLE_STYLES:
                return {"type": "heading", "level": 1, "text": text}
            match = _HEADING_STYLE.match(lowered)
            if match:
                return {"type": "heading", "level": max(1, int(match.group(1))), "text": text}
        return {"type": "paragraph", "text": text}

    def _ordered(self, style: str, level: int) -> bool:
        levels = self.list_styles.get(style, {})
        return levels.get(level, levels.get(1, False))

    def _list(self, node, blocks: list[dict], level: int, style: str) -> None:
        own = node.getAttrNS(self.TEXT, "style-name") or ""
        style = own or style
        for item in node.childNodes:
            if item.nodeType != item.ELEMENT_NODE or item.qname[0] != self.TEXT:
                continue
            if item.qname[1] not in ("list-item", "list-header"):
                continue
            texts = []
            for child in item.childNodes:
                if child.nodeType != child.ELEMENT_NODE:
                    continue
                if child.qname == (self.TEXT, "list"):
                    if texts:
                        blocks.append(self._item(" ".join(texts), level, style))
                        texts = []
                    self._list(child, blocks, level + 1, style)
                elif child.qname in ((self.TEXT, "p"), (self.TEXT, "h")):
                    text = self._text(child)
                    if text:
                        texts.append(text)
            if texts:
                blocks.append(self._item("\n".join(texts), level, style))

    def _item(self, text: str, level: int, style: str) -> dict:
        return {
            "type": "list_item",
            "level": min(level, 6),
            "ordered": self._ordered(style, level),
            "text": text,
        }

    def _table(self, node) -> dict | None:
        rows: list[list[str]] = []
        self._rows(node, rows)
        if not rows or not any(any(c for c in row) for row in rows):
            return None
        return {"type": "table", "rows": rows}

    def _rows(self, node, rows: list[list[str]]) -> None:
        for child in node.childNodes:
            if child.nodeType != child.ELEMENT_NODE or child.qname[0] != self.TABLE:
                continue
            name = child.qname[1]
            if name in ("table-header-rows", "table-rows", "table-row-group"):
                self._rows(child, rows)
            elif name == "table-row":
                cells = []
                for cell in child.childNodes:
                    if cell.nodeType != cell.ELEMENT_NODE or cell.qname[0] != self.TABLE:
                        continue
                    repeat = int(cell.getAttrNS(self.TABLE, "number-columns-repeated") or 1)
                    if cell.qname[1] == "table-cell":
                        text = self._cell_text(cell)
                    elif cell.qname[1] == "covered-table-cell":
                        text = ""
                    else:
                        continue
                    cells.extend([text] * min(repeat, MAX_COLUMNS))
                # Trailing empty cells repeated to the page edge are not columns.
                while len(cells) > 1 and not cells[-1] and len(cells) > MAX_COLUMNS // 2:
                    cells.pop()
                if cells:
                    repeat = int(child.getAttrNS(self.TABLE, "number-rows-repeated") or 1)
                    rows.extend(list(cells) for _ in range(min(repeat, 100)))

    def _cell_text(self, cell) -> str:
        parts = []
        for child in cell.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            if child.qname in ((self.TEXT, "p"), (self.TEXT, "h")):
                parts.append(self._text(child))
            elif child.qname == (self.TEXT, "list"):
                items: list[dict] = []
                self._list(child, items, 1, "")
                parts.extend(i["text"] for i in items)
        return _clean("\n".join(p for p in parts if p))


# --- Text written in the page -----------------------------------------------------------------

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_BULLET = re.compile(r"^( *)[-*•]\s+(.*)$")
_MD_NUMBER = re.compile(r"^( *)\d{1,3}[.)]\s+(.*)$")


def blocks_from_text(text: str) -> list[dict]:
    """Blocks from the mini-syntax in the module docstring."""
    blocks: list[dict] = []
    open_block: dict | None = None  # a paragraph or list item that a next line continues
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            open_block = None
            continue
        heading = _MD_HEADING.match(line.lstrip())
        bullet = _MD_BULLET.match(line)
        number = _MD_NUMBER.match(line)
        if heading:
            blocks.append(
                {
                    "type": "heading",
                    "level": len(heading.group(1)),
                    "text": heading.group(2).strip(),
                }
            )
            open_block = None
        elif bullet or number:
            match = bullet or number
            open_block = {
                "type": "list_item",
                "level": min(len(match.group(1)) // 2 + 1, 6),
                "ordered": number is not None and bullet is None,
                "text": match.group(2).strip(),
            }
            blocks.append(open_block)
        elif open_block is not None:
            open_block["text"] = f"{open_block['text']} {line.strip()}"
        else:
            open_block = {"type": "paragraph", "text": line.strip()}
            blocks.append(open_block)
    return number_blocks([b for b in blocks if b["text"]])
