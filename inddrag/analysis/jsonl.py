"""The analysis as lines of JSON: the contract of ``manage.py analyse_texts``.

In: one object a line, ``{"id": "...", "text": "..."}`` (other keys are ignored). Out: one line
per input line, in the same order, ``{"id": "...", "topic": "<topic label>", "duplicate_group":
"<id>" or null}``. The same code path as the app's: ``engine.analyse``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from inddrag.analysis import engine


def read_items(lines: Iterable[str]) -> list[tuple[str, str]]:
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"Line {number} is not JSON: {error}") from error
        if not isinstance(row, dict) or "id" not in row:
            raise ValueError(f"Line {number} has no id.")
        text = row.get("text")
        items.append((str(row["id"]), text if isinstance(text, str) else ""))
    return items


def output_rows(analysis: engine.Analysis) -> Iterator[dict]:
    for result in analysis.results:
        yield {
            "id": result.id,
            "topic": analysis.topics[result.topic].label,
            "duplicate_group": result.duplicate_group,
        }


def analyse_lines(lines: Iterable[str]) -> list[dict]:
    return list(output_rows(engine.analyse(read_items(lines))))
