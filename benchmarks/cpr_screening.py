"""CPR screening on the labelled set (tests/contributions/cpr_cases.py): recall per channel and
the false-positive rate, as written in docs/security.md. Run by hand:

    .venv/bin/python benchmarks/cpr_screening.py

Each case goes through the path its channel has in a real submission: the text, name and "on
behalf of" fields as typed; a file name cleaned by the upload check; DOCX, PDF (with an embedded
font) and ODT files built from the letter and their text extracted."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inddrag.settings_test")

import django

django.setup()

from tests.contributions.cpr_cases import HARD_POSITIVES, NEGATIVES, POSITIVES  # noqa: E402
from tests.contributions.cpr_evaluation import evaluate  # noqa: E402

CHANNELS = ("text", "name", "on_behalf_of", "file_name", "docx", "pdf", "odt")


def main() -> None:
    started = time.perf_counter()
    print(
        "| channel | positives | caught | hard positives | caught | negatives | held back wrongly |"
    )
    print("|---|---|---|---|---|---|---|")
    totals = [0] * 6
    for channel in CHANNELS:
        main_set = evaluate(
            [c for c in POSITIVES if c.channel == channel],
            [c for c in NEGATIVES if c.channel == channel],
        )
        hard = evaluate([c for c in HARD_POSITIVES if c.channel == channel], [])
        wrong = len({id(c) for c in main_set.false_cpr + main_set.wrongly_held})
        row = [
            main_set.positives,
            main_set.caught,
            hard.positives,
            hard.caught,
            main_set.negatives,
            wrong,
        ]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        print(f"| {channel} | " + " | ".join(str(n) for n in row) + " |")
    print("| **all** | " + " | ".join(f"**{n}**" for n in totals) + " |")
    everything = evaluate(POSITIVES, NEGATIVES)
    print()
    print(f"Recall: {everything.recall:.1%} ({everything.caught} of {everything.positives}); ")
    print(f"hard positives caught: {totals[3]} of {totals[2]}.")
    print(
        f"False positives: {everything.false_positive_rate:.1%} of {everything.negatives} "
        f"negatives ({len(everything.false_cpr)} taken for a CPR number, "
        f"{len(everything.wrongly_held)} for a phone number)."
    )
    for case in everything.false_cpr + everything.wrongly_held:
        print(f"  held back: {case.channel}: {case.text[:80]!r}")
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
