"""Validate the analysis development set and print its counts.

    python tests/analysis/data/check_data.py

Checks hearings.json and every <slug>.jsonl next to it: one JSON object per line with exactly the
expected fields, unique ids that start with the hearing's slug, every topic (and every "also") one
of the hearing's topics, duplicate groups named after the hearing and with at least two members,
every hearing in exactly one part of the split. Prints a table per hearing, per topic and per
duplicate group. Exits 1 if anything is wrong. Standard library only.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = {"id", "text", "topic", "also", "duplicate_group", "has_personal_data", "hard_negative"}
OTHER = "andet"
MIN_TOTAL = 400  # the issue asks for at least this many contributions
MIN_UNSEEN = 150  # contributions in the held-out hearings
MIN_TOPICS, MAX_TOPICS = 4, 9  # per hearing, "andet" included


def load(errors: list[str]) -> tuple[dict, dict[str, list[dict]]]:
    meta = json.loads((HERE / "hearings.json").read_text(encoding="utf-8"))
    hearings = meta["hearings"]
    slugs = [h["slug"] for h in hearings]
    if len(set(slugs)) != len(slugs):
        errors.append("hearings.json: a slug appears twice")
    split = meta["split"]
    parts = split["dev"] + split["unseen"]
    if sorted(parts) != sorted(slugs):
        errors.append("hearings.json: the split must name every hearing exactly once")
    for h in hearings:
        if h.get("split") not in ("dev", "unseen") or h["slug"] not in split[h.get("split", "")]:
            errors.append(f"{h['slug']}: its split does not agree with the top-level split")
        labels = [t["label"] for t in h["topics"]]
        if len(set(labels)) != len(labels):
            errors.append(f"{h['slug']}: a topic is listed twice")
        if OTHER not in labels:
            errors.append(f"{h['slug']}: no '{OTHER}' topic")
        if not MIN_TOPICS <= len(labels) <= MAX_TOPICS:
            errors.append(f"{h['slug']}: {len(labels)} topics, expected {MIN_TOPICS}-{MAX_TOPICS}")
        for t in h["topics"]:
            if not t.get("definition", "").strip():
                errors.append(f"{h['slug']}: topic {t['label']!r} has no definition")
        for key in ("title", "description"):
            if not h.get(key, "").strip():
                errors.append(f"{h['slug']}: no {key}")
    extra = {p.stem for p in HERE.glob("*.jsonl")} - set(slugs)
    if extra:
        errors.append(f"files not in hearings.json: {sorted(extra)}")

    rows: dict[str, list[dict]] = {}
    seen_ids: set[str] = set()
    for h in hearings:
        slug = h["slug"]
        topics = {t["label"] for t in h["topics"]}
        path = HERE / f"{slug}.jsonl"
        if not path.exists():
            errors.append(f"{path.name}: missing")
            continue
        rows[slug] = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{n}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: not JSON ({e})")
                continue
            if not isinstance(row, dict) or set(row) != FIELDS:
                errors.append(f"{where}: fields must be exactly {sorted(FIELDS)}")
                continue
            rid = row["id"]
            if not isinstance(rid, str) or not rid.startswith(f"{slug}-"):
                errors.append(f"{where}: id {rid!r} does not start with '{slug}-'")
            if rid in seen_ids:
                errors.append(f"{where}: id {rid!r} used twice")
            seen_ids.add(rid)
            if not isinstance(row["text"], str) or not row["text"].strip():
                errors.append(f"{where}: empty text")
            if row["topic"] not in topics:
                errors.append(f"{where}: topic {row['topic']!r} is not one of {slug}'s topics")
            also = row["also"]
            if not isinstance(also, list) or len(set(also)) != len(also):
                errors.append(f"{where}: 'also' must be a list without repeats")
            else:
                for a in also:
                    if a not in topics or a == row["topic"]:
                        errors.append(f"{where}: 'also' topic {a!r} is not another topic")
            group = row["duplicate_group"]
            if group is not None and (
                not isinstance(group, str) or not group.startswith(f"{slug}-")
            ):
                errors.append(f"{where}: duplicate_group {group!r} not named '{slug}-…'")
            for flag in ("has_personal_data", "hard_negative"):
                if not isinstance(row[flag], bool):
                    errors.append(f"{where}: {flag} must be true or false")
            rows[slug].append(row)
        groups = Counter(r["duplicate_group"] for r in rows[slug] if r["duplicate_group"])
        for g, size in groups.items():
            if size < 2:
                errors.append(f"{slug}: duplicate group {g} has only one member")
    return meta, rows


def report(meta: dict, rows: dict[str, list[dict]], errors: list[str]) -> None:
    split_of = {h["slug"]: h["split"] for h in meta["hearings"]}
    print("Per hearing")
    head = (
        f"{'hearing':<26}{'split':<8}{'n':>5}{'topics':>7}{'groups':>7}{'in grp':>7}"
        f"{'hardneg':>8}{'persdata':>9}{'median':>7}{'max':>7}"
    )
    print(head)
    print("-" * len(head))
    totals = Counter()
    for slug, rs in rows.items():
        lengths = [len(r["text"]) for r in rs]
        groups = {r["duplicate_group"] for r in rs if r["duplicate_group"]}
        in_group = sum(1 for r in rs if r["duplicate_group"])
        hn = sum(r["hard_negative"] for r in rs)
        pd = sum(r["has_personal_data"] for r in rs)
        n_topics = len({r["topic"] for r in rs})
        print(
            f"{slug:<26}{split_of[slug]:<8}{len(rs):>5}{n_topics:>7}{len(groups):>7}"
            f"{in_group:>7}{hn:>8}{pd:>9}{int(statistics.median(lengths)):>7}"
            f"{max(lengths):>7}"
        )
        totals["n"] += len(rs)
        totals[split_of[slug]] += len(rs)
        totals["groups"] += len(groups)
        totals["in_group"] += in_group
        totals["hn"] += hn
        totals["pd"] += pd
        totals["long"] += sum(1 for x in lengths if x >= 2000)
        totals["short"] += sum(1 for x in lengths if x < 60)
    print("-" * len(head))
    print(
        f"{'total':<34}{totals['n']:>5}{'':>7}{totals['groups']:>7}{totals['in_group']:>7}"
        f"{totals['hn']:>8}{totals['pd']:>9}"
    )
    print(
        f"\ndev: {totals['dev']} contributions, unseen: {totals['unseen']} contributions; "
        f"{totals['short']} shorter than 60 characters, {totals['long']} of 2,000 or more"
    )

    print("\nPer topic (main topic; +also = listed as a second topic)")
    for h in meta["hearings"]:
        rs = rows.get(h["slug"], [])
        main = Counter(r["topic"] for r in rs)
        also = Counter(a for r in rs for a in r["also"])
        cells = ", ".join(
            f"{t['label']} {main[t['label']]}"
            + (f" (+{also[t['label']]})" if also[t["label"]] else "")
            for t in h["topics"]
        )
        print(f"  {h['slug']}: {cells}")
        for t in h["topics"]:
            if main[t["label"]] == 0:
                errors.append(f"{h['slug']}: topic {t['label']!r} has no contributions")

    print("\nDuplicate groups (size, topic, hard negatives in it)")
    for rs in rows.values():
        members = defaultdict(list)
        for r in rs:
            if r["duplicate_group"]:
                members[r["duplicate_group"]].append(r)
        for g in sorted(members):
            ms = members[g]
            topic = Counter(r["topic"] for r in ms).most_common(1)[0][0]
            hn = sum(r["hard_negative"] for r in ms)
            exact = len({r["text"] for r in ms}) == 1
            kind = "identical" if exact else "variants"
            print(
                f"  {g:<30}{len(ms):>4}  {kind:<10} {topic}"
                + (f"  hard_negative {hn}" if hn else "")
            )

    if totals["n"] < MIN_TOTAL:
        errors.append(f"only {totals['n']} contributions, expected at least {MIN_TOTAL}")
    unseen = meta["split"]["unseen"]
    if len(unseen) < 2 or totals["unseen"] < MIN_UNSEEN:
        errors.append(f"hold out at least 2 hearings with {MIN_UNSEEN} contributions")


def main() -> int:
    errors: list[str] = []
    meta, rows = load(errors)
    report(meta, rows, errors)
    if errors:
        print(f"\n{len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print(f"  {e}", file=sys.stderr)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
