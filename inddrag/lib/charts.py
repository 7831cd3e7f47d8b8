"""Simple charts as PNG pictures (Pillow), for generated documents: the same picture goes into a
DOCX and a PDF. A chart is never the only way to the figures — the document puts the figures in
a table beside it and gives the picture a description.

``paired_bars``: horizontal bars from 0 to 100 %, two per row (this period, the one before),
the value written at the end of each bar, the period told apart by colour *and* by pattern
(the earlier bar is hatched), so it reads in black and white too.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from inddrag.lib.pdf_fonts import font_file

SCALE = 2  # drawn at twice the size it is shown, so it stays sharp in print
WIDTH = 800  # points at SCALE 1
LABEL_WIDTH = 300
BAR_HEIGHT = 14
ROW_GAP = 14
TOP = 34
INK = (26, 26, 26)
GRID = (200, 200, 200)
CURRENT = (0, 73, 147)  # the design system's primary blue
PREVIOUS = (150, 150, 150)


@dataclass(frozen=True)
class Bar:
    label: str
    current: float | None  # percent; None when there is nothing to divide by
    previous: float | None


@functools.cache
def _font(size: int, bold: bool = False):
    path = font_file(bold)
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(path), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, lines: int = 2) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width``; the last one cut with an ellipsis."""
    words, out, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            out.append(line)
            line = word
    if line:
        out.append(line)
    if len(out) > lines:
        out = out[:lines]
        last = out[-1]
        while last and draw.textlength(last + " …", font=font) > width:
            last = last[:-1]
        out[-1] = last.rstrip() + " …"
    return out


def paired_bars(bars: list[Bar], legend: tuple[str, str], none_text: str = "–") -> bytes:
    """The PNG of ``bars``; ``legend`` names the two periods (this one, the one before)."""
    s = SCALE
    row = 2 * BAR_HEIGHT + ROW_GAP
    height = TOP + row * len(bars) + 24
    image = Image.new("RGB", (WIDTH * s, height * s), "white")
    draw = ImageDraw.Draw(image)
    text, small = _font(11 * s), _font(10 * s)
    left, right = (LABEL_WIDTH + 10) * s, (WIDTH - 50) * s
    span = right - left

    # The legend, top left: a swatch and a name for each period.
    x = left
    for name, colour, hatched in ((legend[0], CURRENT, False), (legend[1], PREVIOUS, True)):
        box = (x, 8 * s, x + 14 * s, 20 * s)
        _bar(draw, box, colour, hatched)
        draw.text((x + 20 * s, 7 * s), name, fill=INK, font=small)
        x += 20 * s + int(draw.textlength(name, font=small)) + 24 * s

    bottom = (TOP + row * len(bars)) * s
    for pct in (0, 25, 50, 75, 100):
        gx = left + span * pct // 100
        draw.line((gx, TOP * s - 4 * s, gx, bottom), fill=GRID, width=s)
        label = f"{pct} %"
        draw.text(
            (gx - draw.textlength(label, font=small) / 2, bottom + 4 * s),
            label,
            fill=INK,
            font=small,
        )

    for index, bar in enumerate(bars):
        y = (TOP + index * row) * s
        lines = _wrap(draw, bar.label, text, LABEL_WIDTH * s)
        ty = y + (2 * BAR_HEIGHT * s - len(lines) * 13 * s) // 2
        for n, line in enumerate(lines):
            draw.text((4 * s, ty + n * 13 * s), line, fill=INK, font=text)
        for offset, value, colour, hatched in (
            (0, bar.current, CURRENT, False),
            (BAR_HEIGHT * s, bar.previous, PREVIOUS, True),
        ):
            top = y + offset
            if value is None:
                draw.text((left + 4 * s, top), none_text, fill=INK, font=small)
                continue
            end = left + int(span * max(0.0, min(value, 100.0)) / 100)
            if end > left:
                _bar(draw, (left, top + s, end, top + BAR_HEIGHT * s - s), colour, hatched)
            draw.text((end + 4 * s, top), f"{round(value)} %", fill=INK, font=small)

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def size(png: bytes) -> tuple[int, int]:
    """The picture's size in points (as shown: pixels / SCALE)."""
    with Image.open(io.BytesIO(png)) as image:
        return image.width // SCALE, image.height // SCALE


def _bar(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour, hatched: bool) -> None:
    draw.rectangle(box, fill=colour)
    if hatched:  # white diagonal lines: the earlier period reads without colour too
        x0, y0, x1, y1 = box
        step = 6 * SCALE
        for start in range(x0 - (y1 - y0), x1, step):
            draw.line(
                (
                    max(start, x0),
                    y0 + max(0, x0 - start),
                    min(start + (y1 - y0), x1),
                    y1 - max(0, start + (y1 - y0) - x1),
                ),
                fill="white",
                width=SCALE,
            )
