"""Visible changes ("synlige rettelser"): a word-level comparison of two versions' blocks.

``compare(old_blocks, new_blocks)`` returns one ``DiffBlock`` per block of the result, in reading
order, with the structure kept (headings stay headings, list items keep their level, tables their
rows and cells):

- Blocks are aligned with ``difflib.SequenceMatcher`` on a key of (type, level, ordered, text with
  whitespace collapsed), so a heading never matches a paragraph with the same words.
- Where blocks were replaced, each old block is paired with the most similar new block of the same
  type (a maximum-weight, order-preserving pairing); a pair with a similarity of at least 0.5 is one
  "changed" block with word segments, anything else is "deleted" and "added".
- A paragraph that was moved is shown as deleted where it was and added where it is now.
- Whitespace-only changes (double spaces, line breaks, non-breaking spaces) are not changes: the
  block is "equal" and shows the new text. Within a changed block, whitespace between words is
  likewise never a change of its own.
- Tables with the same number of columns throughout are compared row by row and cell by cell
  (added and deleted rows are shown as rows of inserted or deleted text); tables whose shape
  differs are shown as deleted and added.

``key`` identifies a change within the comparison of two versions and does not change when the
comparison is computed again: staff link contributions to it (``Change.key``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
SIMILAR = 0.5  # the similarity from which a replaced block is shown as changed, not deleted+added
_FULL_PAIRING = 40_000  # old × new blocks up to which every pair in a replaced range is compared
_BAND = 60  # beyond that, only blocks this close to the diagonal are compared

# Words (letters, digits, underscore — æ, ø and å included: Python's \w is Unicode), runs of
# whitespace, and every other character on its own (punctuation).
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    op: str  # "equal" | "insert" | "delete"
    text: str


@dataclass(frozen=True)
class DiffBlock:
    type: str
    level: int
    status: str  # "equal" | "changed" | "added" | "deleted"
    key: str
    segments: tuple[Segment, ...]
    # For tables: per row, per cell, the segments.
    rows: tuple[tuple[tuple[Segment, ...], ...], ...] = ()
    ordered: bool = False


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _norm(text: str) -> str:
    return " ".join(str(text or "").split())


def _cells(block: dict) -> list[list[str]]:
    return [[str(cell or "") for cell in row] for row in block.get("rows") or []]


def _level(block: dict) -> int:
    if block.get("type") in ("heading", "list_item"):
        try:
            return int(block.get("level") or 1)
        except (TypeError, ValueError):
            return 1
    return 0


def _text(block: dict) -> str:
    """The block's text; for a table its cells, for hashing and similarity."""
    if block.get("type") == "table":
        return json.dumps(_cells(block), ensure_ascii=False)
    return str(block.get("text") or "")


def _plain(block: dict) -> str:
    if block.get("type") == "table":
        return " ".join(" ".join(row) for row in _cells(block))
    return str(block.get("text") or "")


class _Block:
    """A block prepared for comparison (computed once per block)."""

    __slots__ = ("key", "level", "ordered", "raw", "text", "type", "words")

    def __init__(self, raw: dict) -> None:
        self.raw = raw
        self.type = str(raw.get("type") or "paragraph")
        self.level = _level(raw)
        self.ordered = bool(raw.get("ordered")) if self.type == "list_item" else False
        self.text = _text(raw)
        if self.type == "table":
            body = json.dumps([[_norm(c) for c in row] for row in _cells(raw)], ensure_ascii=False)
        else:
            body = _norm(self.text)
        self.key = f"{self.type}\x00{self.level}\x00{int(self.ordered)}\x00{body}"
        self.words = None

    def word_list(self) -> list[str]:
        if self.words is None:
            self.words = [t for t in tokens(_plain(self.raw)) if not t.isspace()]
        return self.words


# --- Word level ---------------------------------------------------------------------------------


def _merge(segments: list[Segment]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    for segment in segments:
        if not segment.text:
            continue
        if out and out[-1].op == segment.op:
            out[-1] = Segment(segment.op, out[-1].text + segment.text)
        else:
            out.append(segment)
    return tuple(out)


def _tidy(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """Fold whitespace that is all that stands between two changes into the change, and show
    each run of changes as its deleted text followed by its inserted text."""
    items = list(segments)
    for i in range(1, len(items) - 1):
        here = items[i]
        if (
            here.op == EQUAL
            and here.text.isspace()
            and items[i - 1].op != EQUAL
            and items[i + 1].op != EQUAL
        ):
            items[i] = Segment("both", here.text)
    out: list[Segment] = []
    run: list[Segment] = []

    def flush() -> None:
        if run:
            deleted = "".join(s.text for s in run if s.op in (DELETE, "both"))
            inserted = "".join(s.text for s in run if s.op in (INSERT, "both"))
            if deleted:
                out.append(Segment(DELETE, deleted))
            if inserted:
                out.append(Segment(INSERT, inserted))
            run.clear()

    for segment in items:
        if segment.op == EQUAL:
            flush()
            out.append(segment)
        else:
            run.append(segment)
    flush()
    return _merge(out)


def _is_space(item: str) -> bool:
    return item == " "


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """Word segments turning ``old`` into ``new``; whitespace alone is never a change."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    a = [" " if t.isspace() else t for t in old_tokens]
    b = [" " if t.isspace() else t for t in new_tokens]
    segments: list[Segment] = []
    # Spaces are "junk": they never start a match (which would make long texts slow and pair
    # words up across a changed passage) but are taken along where words around them match.
    matcher = SequenceMatcher(_is_space, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment(EQUAL, "".join(new_tokens[j1:j2])))
        else:
            old_part = "".join(old_tokens[i1:i2])
            new_part = "".join(new_tokens[j1:j2])
            if old_part.isspace() and new_part.isspace():
                segments.append(Segment(EQUAL, new_part))
                continue
            segments.append(Segment(DELETE, old_part))
            segments.append(Segment(INSERT, new_part))
    return _tidy(_merge(segments))


def _only(op: str, text: str) -> tuple[Segment, ...]:
    return (Segment(op, text),) if text else ()


# --- Tables -------------------------------------------------------------------------------------


def _columns(rows: list[list[str]]) -> int | None:
    """The number of columns if every row has the same number, else None."""
    widths = {len(row) for row in rows}
    return widths.pop() if len(widths) == 1 else None


def _table_rows(old: list[list[str]], new: list[list[str]]):
    """Rows of cell segments, or None when the shapes differ (then: deleted + added)."""
    width = _columns(old)
    if width is None or width != _columns(new):
        return None
    a = [tuple(_norm(c) for c in row) for row in old]
    b = [tuple(_norm(c) for c in row) for row in new]
    rows = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows.extend(tuple(_only(EQUAL, c) for c in row) for row in new[j1:j2])
            continue
        olds, news = old[i1:i2], new[j1:j2]
        paired = min(len(olds), len(news)) if op == "replace" else 0
        for k in range(paired):
            rows.append(tuple(word_diff(o, n) for o, n in zip(olds[k], news[k], strict=True)))
        rows.extend(tuple(_only(DELETE, c) for c in row) for row in olds[paired:])
        rows.extend(tuple(_only(INSERT, c) for c in row) for row in news[paired:])
    return tuple(rows)


def _table_of(rows: list[list[str]], op: str):
    return tuple(tuple(_only(op, c) for c in row) for row in rows)


# --- Blocks -------------------------------------------------------------------------------------


class _Keys:
    """Stable keys: a hash of what changed, with a counter for identical changes."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, status: str, kind: str, old: str, new: str) -> str:
        base = "\x1f".join((status, kind, old, new))
        count = self.seen.get(base, 0)
        self.seen[base] = count + 1
        if count:
            base = f"{base}\x1f{count}"
        return hashlib.sha1(base.encode(), usedforsecurity=False).hexdigest()[:16]


def _diff_block(block: _Block, status: str, key: str, op: str) -> DiffBlock:
    if block.type == "table":
        return DiffBlock(
            type=block.type,
            level=block.level,
            status=status,
            key=key,
            segments=(),
            rows=_table_of(_cells(block.raw), op),
        )
    return DiffBlock(
        type=block.type,
        level=block.level,
        status=status,
        key=key,
        segments=_only(op, block.text),
        ordered=block.ordered,
    )


def _equal(old: _Block, new: _Block, keys: _Keys) -> DiffBlock:
    return _diff_block(new, "equal", keys("equal", new.type, old.text, new.text), EQUAL)


def _added(new: _Block, keys: _Keys) -> DiffBlock:
    return _diff_block(new, "added", keys("added", new.type, "", new.text), INSERT)


def _deleted(old: _Block, keys: _Keys) -> DiffBlock:
    return _diff_block(old, "deleted", keys("deleted", old.type, old.text, ""), DELETE)


def _changed(old: _Block, new: _Block, keys: _Keys) -> list[DiffBlock]:
    if new.type == "table":
        rows = _table_rows(_cells(old.raw), _cells(new.raw))
        if rows is None:
            return [_deleted(old, keys), _added(new, keys)]
        return [
            DiffBlock(
                type=new.type,
                level=new.level,
                status="changed",
                key=keys("changed", new.type, old.text, new.text),
                segments=(),
                rows=rows,
            )
        ]
    segments = word_diff(old.text, new.text)
    if old.level != new.level or old.ordered != new.ordered:
        # Only the structure changed (e.g. a heading moved a level): the text is as it was.
        kind = f"{new.type}:{old.level}>{new.level}:{int(old.ordered)}>{int(new.ordered)}"
    else:
        kind = new.type
    return [
        DiffBlock(
            type=new.type,
            level=new.level,
            status="changed",
            key=keys("changed", kind, old.text, new.text),
            segments=segments,
            ordered=new.ordered,
        )
    ]


def _similarity(old: _Block, new: _Block) -> float:
    if old.type != new.type:
        return 0.0
    matcher = SequenceMatcher(None, old.word_list(), new.word_list(), autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= SIMILAR else 0.0


def _pairs(old: list[_Block], new: list[_Block]) -> list[tuple[int, int]]:
    """The order-preserving pairing of similar blocks with the greatest total similarity."""
    n, m = len(old), len(new)
    band = None if n * m <= _FULL_PAIRING else _BAND
    weight: dict[tuple[int, int], float] = {}
    for i in range(n):
        if band is None:
            js = range(m)
        else:
            centre = round(i * m / n)
            js = range(max(0, centre - band), min(m, centre + band + 1))
        for j in js:
            ratio = _similarity(old[i], new[j])
            if ratio:
                weight[(i, j)] = ratio
    if not weight:
        return []
    # best[i][j]: the greatest total for old[:i] and new[:j].
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, above = best[i], best[i - 1]
        for j in range(1, m + 1):
            value = max(above[j], row[j - 1])
            w = weight.get((i - 1, j - 1))
            if w is not None and above[j - 1] + w > value:
                value = above[j - 1] + w
            row[j] = value
    pairs = []
    i, j = n, m
    while i and j:
        w = weight.get((i - 1, j - 1))
        if w is not None and best[i][j] == best[i - 1][j - 1] + w:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


def _replace(old: list[_Block], new: list[_Block], keys: _Keys) -> list[DiffBlock]:
    out: list[DiffBlock] = []
    i = j = 0
    for pi, pj in [*_pairs(old, new), (len(old), len(new))]:
        out.extend(_deleted(b, keys) for b in old[i:pi])
        out.extend(_added(b, keys) for b in new[j:pj])
        if pi < len(old) and pj < len(new):
            out.extend(_changed(old[pi], new[pj], keys))
        i, j = pi + 1, pj + 1
    return out


def compare(old_blocks: list[dict], new_blocks: list[dict]) -> list[DiffBlock]:
    """The visible changes from ``old_blocks`` to ``new_blocks`` (see the module docstring)."""
    old = [_Block(b) for b in old_blocks or []]
    new = [_Block(b) for b in new_blocks or []]
    keys = _Keys()
    matcher = SequenceMatcher(None, [b.key for b in old], [b.key for b in new], autojunk=False)
    out: list[DiffBlock] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(_equal(o, n, keys) for o, n in zip(old[i1:i2], new[j1:j2], strict=True))
        elif op == "delete":
            out.extend(_deleted(b, keys) for b in old[i1:i2])
        elif op == "insert":
            out.extend(_added(b, keys) for b in new[j1:j2])
        else:
            out.extend(_replace(old[i1:i2], new[j1:j2], keys))
    return out


def changes_only(diff: list[DiffBlock]) -> list[DiffBlock]:
    """The blocks that changed, were added or were deleted."""
    return [block for block in diff if block.status != "equal"]


def changes_under_headings(diff: list[DiffBlock]) -> list[DiffBlock]:
    """The changed, added and deleted blocks, each under the headings it sits under: an
    unchanged heading above a change is kept (once), so a reader of "Vis kun ændringer" knows
    where in the document the change is."""
    out: list[DiffBlock] = []
    path: list[DiffBlock] = []  # the headings above the current block, outermost first
    shown: set[int] = set()
    for block in diff:
        if block.type == "heading":
            path = [h for h in path if h.level < block.level]
        if block.status != "equal":
            for heading in path:
                if id(heading) not in shown:
                    shown.add(id(heading))
                    out.append(heading)
            out.append(block)
            shown.add(id(block))
        if block.type == "heading" and block.status != "deleted":
            path.append(block)
    return out


def readable(block: DiffBlock, context: int = 40, limit: int = 400) -> tuple[Segment, ...]:
    """The change as a reader takes it in: what was deleted and inserted, with a little of the
    unchanged text around it (cut at a word, marked "…"); for a table, its changed cells."""
    if block.rows:
        cells = [cell for row in block.rows for cell in row if any(s.op != EQUAL for s in cell)]
        segments: list[Segment] = []
        for n, cell in enumerate(cells):
            if n:
                segments.append(Segment(EQUAL, " · "))
            segments += _trimmed(list(cell), context)
    else:
        segments = _trimmed(list(block.segments), context)
    out: list[Segment] = []
    used = 0
    for segment in segments:
        text = _norm_keep_edges(segment.text)
        if used + len(text) > limit:
            out.append(Segment(segment.op, text[: max(0, limit - used)].rstrip() + "…"))
            break
        out.append(Segment(segment.op, text))
        used += len(text)
    return tuple(s for s in out if s.text)


def _norm_keep_edges(text: str) -> str:
    """Whitespace collapsed, but a leading or trailing space kept (it separates words)."""
    inner = " ".join(text.split())
    if not inner:
        return " " if text else ""
    return (" " if text[:1].isspace() else "") + inner + (" " if text[-1:].isspace() else "")


def _trimmed(segments: list[Segment], context: int) -> list[Segment]:
    last = len(segments) - 1
    out = []
    for i, segment in enumerate(segments):
        text = segment.text
        # Cut only where it saves a good deal of text (not three letters for an ellipsis).
        if segment.op == EQUAL and len(text) > context * 3 // 2 and len(segments) > 1:
            if i == 0:
                text = "…" + _from_word(text[-context:])
            elif i == last:
                text = _to_word(text[:context]) + "…"
            elif len(text) > 3 * context:
                text = _to_word(text[:context]) + " … " + _from_word(text[-context:])
        out.append(Segment(segment.op, text))
    return out


def _from_word(text: str) -> str:
    """``text`` from its first whole word (it was cut at the front)."""
    cut = text.find(" ")
    return text[cut:] if 0 <= cut < len(text) - 1 else text


def _to_word(text: str) -> str:
    """``text`` up to its last whole word (it was cut at the end)."""
    cut = text.rfind(" ")
    return text[: cut + 1] if cut > 0 else text


def excerpt(block: DiffBlock, limit: int = 300) -> str:
    """The change in plain text, for e-mails and the memo: „as it was“ → „as it is“; an addition
    is "→ „new text“", a deletion "„old text“ → –"."""
    segments = readable(block, context=20, limit=limit // 2)
    before = _norm("".join(s.text for s in segments if s.op != INSERT))
    after = _norm("".join(s.text for s in segments if s.op != DELETE))
    if block.status == "added" or not before:
        text = f"→ „{after}“"
    elif block.status == "deleted" or not after:
        text = f"„{before}“ → –"
    else:
        text = f"„{before}“ → „{after}“"
    return text if len(text) <= limit else text[: limit - 2].rstrip() + "…“"


def change_fields(block: DiffBlock) -> dict:
    """What a ``Change`` stores about its block: the plain excerpt and the readable segments."""
    return {
        "excerpt": excerpt(block),
        "segments": [[segment.op, segment.text] for segment in readable(block)],
    }
