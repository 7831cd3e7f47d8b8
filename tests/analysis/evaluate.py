"""Measures the analysis against the labelled development set (tests/analysis/data/).

    .venv/bin/python tests/analysis/evaluate.py            # dev and unseen
    .venv/bin/python tests/analysis/evaluate.py --split dev

Runs each hearing through the command's code path (``inddrag.analysis.jsonl.analyse_lines``, what
``manage.py analyse_texts`` runs) and prints per hearing and pooled per split: pairwise topic
precision/recall/F1 (pairs of contributions put in the same topic), the adjusted Rand index, and
pairwise duplicate precision/recall/F1 (pairs put in the same duplicate group). Tune on ``dev``
only; ``unseen`` is for measuring (tests/analysis/data/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sklearn.metrics import adjusted_rand_score  # noqa: E402

from inddrag.analysis import jsonl  # noqa: E402


@dataclass
class Pairs:
    """Pair counts: in both, in the prediction only, in the truth only."""

    both: int = 0
    predicted: int = 0
    true: int = 0

    def add(self, other: Pairs) -> None:
        self.both += other.both
        self.predicted += other.predicted
        self.true += other.true

    @property
    def precision(self) -> float:
        return self.both / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.both / self.true if self.true else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pairs_in(labels: list) -> int:
    return sum(c * (c - 1) // 2 for key, c in Counter(labels).items() if key is not None)


def pair_counts(predicted: list, true: list) -> Pairs:
    """Pairwise agreement; a None label is in no pair (a text in no duplicate group)."""
    joint = [
        (p, t) if p is not None and t is not None else None
        for p, t in zip(predicted, true, strict=True)
    ]
    return Pairs(both=_pairs_in(joint), predicted=_pairs_in(predicted), true=_pairs_in(true))


@dataclass
class Scores:
    n: int
    topics: Pairs
    ari: float
    duplicates: Pairs
    seconds: float


def load_split() -> dict[str, list[str]]:
    return json.loads((DATA / "hearings.json").read_text(encoding="utf-8"))["split"]


def evaluate_hearing(slug: str) -> tuple[Scores, list[str], list[str]]:
    lines = (DATA / f"{slug}.jsonl").read_text(encoding="utf-8").splitlines()
    truth = [json.loads(line) for line in lines if line.strip()]
    started = time.perf_counter()
    rows = jsonl.analyse_lines(lines)
    seconds = time.perf_counter() - started
    assert [r["id"] for r in rows] == [t["id"] for t in truth]
    predicted_topics = [r["topic"] for r in rows]
    true_topics = [t["topic"] for t in truth]
    scores = Scores(
        n=len(rows),
        topics=pair_counts(predicted_topics, true_topics),
        ari=adjusted_rand_score(true_topics, predicted_topics),
        duplicates=pair_counts(
            [r["duplicate_group"] for r in rows], [t["duplicate_group"] for t in truth]
        ),
        seconds=seconds,
    )
    return scores, [f"{slug}/{p}" for p in predicted_topics], [f"{slug}/{t}" for t in true_topics]


def evaluate(slugs: list[str]) -> tuple[dict[str, Scores], Scores]:
    per: dict[str, Scores] = {}
    pooled = Scores(0, Pairs(), 0.0, Pairs(), 0.0)
    all_predicted: list[str] = []
    all_true: list[str] = []
    for slug in slugs:
        scores, predicted, true = evaluate_hearing(slug)
        per[slug] = scores
        pooled.n += scores.n
        pooled.topics.add(scores.topics)
        pooled.duplicates.add(scores.duplicates)
        pooled.seconds += scores.seconds
        all_predicted += predicted
        all_true += true
    pooled.ari = adjusted_rand_score(all_true, all_predicted)
    return per, pooled


HEADER = (
    f"{'hearing':<26}{'n':>5}  {'topic P':>7} {'R':>5} {'F1':>5} {'ARI':>5}  "
    f"{'dup P':>5} {'R':>5} {'F1':>5} {'secs':>6}"
)


def line(name: str, s: Scores) -> str:
    return (
        f"{name:<26}{s.n:>5}  {s.topics.precision:>7.3f} {s.topics.recall:>5.3f} "
        f"{s.topics.f1:>5.3f} {s.ari:>5.3f}  {s.duplicates.precision:>5.3f} "
        f"{s.duplicates.recall:>5.3f} {s.duplicates.f1:>5.3f} {s.seconds:>6.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "unseen", "all"], default="all")
    args = parser.parse_args(argv)
    split = load_split()
    parts = ["dev", "unseen"] if args.split == "all" else [args.split]
    for part in parts:
        per, pooled = evaluate(split[part])
        print(f"\n{part}")
        print(HEADER)
        print("-" * len(HEADER))
        for slug, scores in per.items():
            print(line(slug, scores))
        print("-" * len(HEADER))
        print(line(f"pooled ({part})", pooled))
    return 0


if __name__ == "__main__":
    sys.exit(main())
