"""The analysis of issue #15 at 10,000 contributions, and placing one new contribution. Run by
hand, not in the test suite (the dev set's quality figures: tests/analysis/evaluate.py).

    .venv/bin/python benchmarks/analysis.py [--contributions 10000] [--placements 200]
                                            [--campaign 6000]

Builds the contributions from the dev hearings' texts (tests/analysis/data/, dev split only),
deterministically: a third are copies of a campaign letter (its form letter as in the data, with
another greeting and signature), and the rest new letters made by joining two to four sentences
drawn from different contributions of the same hearing, each with a quarter of its words left
out and one in ten replaced by a word from elsewhere, with a greeting and a name — so most
texts are distinct, as in a big hearing, and the duplicate search and the clustering both have
work. ``--campaign 6000`` makes 6,000 of them copies of one campaign letter instead (each with a
personal sentence, some with a sentence dropped). Times ``analyse`` (the command's code path;
one process, one core: the BLAS threads are limited to one) and then ``place`` for new texts,
and prints the median and worst.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "analysis" / "data"
sys.path.insert(0, str(ROOT))

from inddrag.analysis import danish, engine  # noqa: E402

GREETINGS = ["Hej", "Kære udvalg", "Til Ballerup Kommune", "Til byrådet", "", "Hej med jer"]
CLOSINGS = ["Mvh", "Venlig hilsen", "Med venlig hilsen", "Kh", ""]
NAMES = ["Anne", "Peter", "Mette", "Lars", "Sofie", "Jens", "Hanne", "Ali", "Camilla", "Bo"]


def _vary(rng: random.Random, sentence: str, vocabulary: list[str]) -> str:
    """A sentence in other words: a quarter of its words left out, one in ten replaced."""
    out = []
    for word in sentence.split():
        roll = rng.random()
        if roll < 0.25:
            continue
        out.append(rng.choice(vocabulary) if roll < 0.35 else word)
    return " ".join(out)


def contributions(count: int, seed: int = 15, campaign: int = 0) -> list[tuple[str, str]]:
    """``count`` contributions; the first ``campaign`` of them copies of one big campaign."""
    rng = random.Random(seed)
    split = json.loads((DATA / "hearings.json").read_text(encoding="utf-8"))["split"]
    hearings = []
    vocabulary: list[str] = []
    for slug in split["dev"]:
        rows = [json.loads(line) for line in (DATA / f"{slug}.jsonl").open(encoding="utf-8")]
        templates = {}
        for row in rows:
            if row["duplicate_group"] and row["duplicate_group"] not in templates:
                templates[row["duplicate_group"]] = row["text"]
        sentences = [danish.sentences(r["text"]) for r in rows if not r["duplicate_group"]]
        hearings.append((list(templates.values()), [s for s in sentences if s]))
        vocabulary.extend(w for r in rows for w in r["text"].split())
    items = []
    big = hearings[0][0][0]  # the first campaign letter of the first dev hearing
    big_sentences = danish.sentences(big)
    for number in range(count):
        templates, sentences = hearings[number % len(hearings)]
        greeting, closing = rng.choice(GREETINGS), rng.choice(CLOSINGS)
        name = f"{rng.choice(NAMES)} {number}"
        if number < campaign:
            # a copy: one sentence dropped now and then, a personal sentence of the signer's own
            kept = list(big_sentences)
            if rng.random() < 0.3:
                kept.pop(rng.randrange(1, len(kept)))
            own = _vary(rng, rng.choice(rng.choice(sentences)), vocabulary)
            kept.insert(rng.choice([0, len(kept)]), own)
            body = "\n".join(kept)
        elif templates and rng.random() < 1 / 3:
            body = rng.choice(templates)
        else:
            parts = [rng.choice(rng.choice(sentences)) for _ in range(rng.randint(2, 4))]
            body = " ".join(_vary(rng, p, vocabulary) for p in parts)
        text = "\n\n".join(p for p in (greeting, body, f"{closing}\n{name}".strip()) if p)
        items.append((f"b-{number:05d}", text))
    return items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contributions", type=int, default=10_000)
    parser.add_argument("--placements", type=int, default=200)
    parser.add_argument(
        "--campaign", type=int, default=0, help="this many of them copies of one campaign letter"
    )
    args = parser.parse_args()
    items = contributions(args.contributions + args.placements, campaign=args.campaign)
    base, new = items[: args.contributions], items[args.contributions :]
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores; one used")
    started, cpu = time.perf_counter(), time.process_time()
    analysis = engine.analyse(base)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    groups = analysis.duplicate_groups
    print(
        f"analyse {len(base)} contributions: {seconds:.2f} s ({cpu:.2f} s of CPU; "
        f"{len(analysis.topics)} topics, {len(groups)} duplicate groups, "
        f"{sum(len(m) for m in groups.values())} texts in them)"
    )
    timings = []
    for _, text in new:
        started = time.perf_counter()
        engine.place(analysis, text)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(
        f"place one new contribution ({len(timings)} times): "
        f"median {statistics.median(timings):.1f} ms, "
        f"95th percentile {timings[int(len(timings) * 0.95) - 1]:.1f} ms, "
        f"worst {timings[-1]:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
