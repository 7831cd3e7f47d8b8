"""Leave-one-hearing-out on the dev hearings: does a setting of the topic engine generalise?

    .venv/bin/python tests/analysis/tune.py
    .venv/bin/python tests/analysis/tune.py --set CHAR_WEIGHT=0.6

For every combination of the grid below (the settings of ``inddrag.analysis.engine`` that are
tuned), each dev hearing is analysed and scored (pairwise topic F1, tests/analysis/evaluate.py).
Then, for each dev hearing in turn, the combination with the best pooled F1 on the four others is
chosen and scored on the fifth: the mean of those five held-out F1s, and their pairs pooled, say
how well the choice carries to a hearing it was not tuned on. Only the dev hearings are read;
the unseen ones are for measuring once the settings are fixed (tests/analysis/data/README.md).
"""

from __future__ import annotations

import argparse
import ast
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from inddrag.analysis import engine  # noqa: E402
from tests.analysis import evaluate  # noqa: E402

# ATTACH below 0.1 puts a text about something else (the swimming pool's hours) into a topic: the
# product's "what fits no topic stays without one" (tests/analysis/test_runs.py) then fails.
GRID = {"TOPIC_DISTANCE": [0.75, 0.8, 0.85, 0.9, 0.95], "ATTACH": [0.05, 0.1, 0.15]}


def scores(settings: dict) -> dict[str, evaluate.Pairs]:
    saved = {name: getattr(engine, name) for name in settings}
    try:
        for name, value in settings.items():
            setattr(engine, name, value)
        per, _pooled = evaluate.evaluate(evaluate.load_split()["dev"])
        return {slug: s.topics for slug, s in per.items()}
    finally:
        for name, value in saved.items():
            setattr(engine, name, value)


def pooled_f1(per: dict[str, evaluate.Pairs], slugs: list[str]) -> float:
    pairs = evaluate.Pairs()
    for slug in slugs:
        pairs.add(per[slug])
    return pairs.f1


def leave_one_out(runs: list[tuple[dict, dict]]) -> tuple[float, float, dict[str, tuple]]:
    slugs = list(runs[0][1])
    held: dict[str, tuple] = {}
    pooled = evaluate.Pairs()
    for slug in slugs:
        others = [s for s in slugs if s != slug]
        best = max(range(len(runs)), key=lambda i: (pooled_f1(runs[i][1], others), -i))
        settings, per = runs[best]
        held[slug] = (per[slug].f1, settings)
        pooled.add(per[slug])
    return sum(f1 for f1, _ in held.values()) / len(held), pooled.f1, held


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    fixed = {}
    for item in args.set:
        name, _, value = item.partition("=")
        fixed[name] = ast.literal_eval(value)
    runs = []
    for values in itertools.product(*GRID.values()):
        settings = {**fixed, **dict(zip(GRID, values, strict=True))}
        per = scores(settings)
        runs.append((settings, per))
        slugs = list(per)
        figures = " ".join(f"{per[s].f1:.3f}" for s in slugs)
        print(f"{values}  pooled {pooled_f1(per, slugs):.3f}  per hearing {figures}")
    mean, pooled, held = leave_one_out(runs)
    print(f"\nleave-one-hearing-out: mean held-out F1 {mean:.3f}, pooled {pooled:.3f}")
    for slug, (f1, settings) in held.items():
        chosen = {name: settings[name] for name in GRID}
        print(f"  {slug:<26} {f1:.3f}  chosen on the others: {chosen}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
