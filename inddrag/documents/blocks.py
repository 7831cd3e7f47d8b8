"""Helpers for a version's blocks (see ``models``): ids, excerpts and the layout for rendering.

The layout turns the flat list of blocks into what a template can print in one loop: each entry
says which list tags to open before it and which to close after it, so nested lists (level 2
inside level 1) come out as nested ``<ul>``/``<ol>`` elements, as screen readers expect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString, mark_safe

TYPES = ("heading", "paragraph", "list_item", "table")
MAX_LEVEL = 6


def number_blocks(blocks: list[dict]) -> list[dict]:
    """Give each block an id ``b1``, ``b2`` … in order (a new version starts afresh)."""
    return [
        {"id": f"b{i}", **{k: v for k, v in block.items() if k != "id"}}
        for i, block in enumerate(blocks, start=1)
    ]


def plain_text(block: dict) -> str:
    if block.get("type") == "table":
        return " · ".join(" | ".join(str(c) for c in row) for row in block.get("rows") or [])
    return str(block.get("text") or "")


def short(text: str, words: int = 12, chars: int = 90) -> str:
    """The first words of a text, e.g. to name a paragraph in a choice list."""
    parts = " ".join(str(text).split()).split(" ")
    out = " ".join(parts[:words])
    if len(out) > chars:
        out = out[: chars - 1].rstrip()
        return out + "…"
    return out + ("…" if len(parts) > words else "")


def is_empty(blocks: list[dict]) -> bool:
    return not any(plain_text(b).strip() for b in blocks)


def heading_tag(level: int, offset: int = 1) -> str:
    """A document heading of ``level`` under the page's own headings (h1 is the page title)."""
    return f"h{max(2, min(MAX_LEVEL, int(level or 1) + offset))}"


@dataclass
class Entry:
    """One block as it is printed: ``pre`` and ``post`` open and close the lists around it."""

    block: Any  # a block dict or a diff.DiffBlock
    type: str
    level: int
    tag: str = ""
    pre: SafeString = field(default_factory=lambda: mark_safe(""))
    post: SafeString = field(default_factory=lambda: mark_safe(""))
    extra: Any = None  # what the page shows next to the block (counts, contributions, changes)


def _get(block: Any, name: str, default=None):
    if isinstance(block, dict):
        return block.get(name, default)
    return getattr(block, name, default)


def layout(blocks: list[Any], heading_offset: int = 1) -> list[Entry]:
    """Entries for ``blocks`` (dicts or DiffBlocks) with list nesting resolved."""
    entries: list[Entry] = []
    stack: list[str] = []  # the open list tags, outermost first; each holds an open <li>

    def close_all() -> str:
        out = "".join(f"</li></{tag}>" for tag in reversed(stack))
        stack.clear()
        return out

    for block in blocks:
        kind = _get(block, "type") or "paragraph"
        if kind not in TYPES:
            kind = "paragraph"
        entry = Entry(block=block, type=kind, level=0)
        if kind == "list_item":
            level = max(1, min(MAX_LEVEL, int(_get(block, "level", 1) or 1)))
            level = min(level, len(stack) + 1)  # never skip a level
            tag = "ol" if _get(block, "ordered", False) else "ul"
            pre = ""
            while len(stack) > level:
                pre += f"</li></{stack.pop()}>"
            if len(stack) == level and stack[-1] != tag:
                pre += f"</li></{stack.pop()}>"
            if len(stack) == level:
                pre += "</li><li>"
            else:
                pre += f'<{tag} class="doc-list"><li>'
                stack.append(tag)
            entry.level = level
            entry.tag = "li"
            entry.pre = mark_safe(pre)  # noqa: S308 — only the literal tags above
        else:
            if stack:
                entries[-1].post = mark_safe(close_all())  # noqa: S308
            if kind == "heading":
                entry.level = max(1, min(MAX_LEVEL, int(_get(block, "level", 1) or 1)))
                entry.tag = heading_tag(entry.level, heading_offset)
            elif kind == "table":
                entry.tag = "table"
            else:
                entry.tag = "p"
        entries.append(entry)
    if stack and entries:
        entries[-1].post = mark_safe(entries[-1].post + close_all())  # noqa: S308
    return entries


def choices(blocks: list[dict]) -> list[tuple[str, str]]:
    """(id, label) for each heading and paragraph a citizen can comment on."""
    out = []
    section = ""
    for block in blocks:
        text = plain_text(block).strip()
        if not text or not block.get("id"):
            continue
        if block.get("type") == "heading":
            section = short(text, words=8, chars=60)
            out.append((block["id"], section))
        else:
            label = short(text)
            out.append((block["id"], f"{section} – {label}" if section else label))
    return out
