"""Visible changes between two ~30-page versions: the comparison and the rendered page. Run by
hand, not in the test suite.

    .venv/bin/python benchmarks/diff.py
    .venv/bin/python benchmarks/diff.py --words 15000 --repeat 20
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python benchmarks/diff.py

Builds a hearing version of about 15,000 words (about 30 pages: headings, paragraphs of 40–110
words of Danish planning prose, bullet and numbered lists, tables) from a fixed random seed, and a
final version with realistic edits: words changed in one paragraph in twelve, paragraphs deleted,
added and moved, a heading renamed, whitespace-only changes, a table cell changed and a row added.
Twenty of the changes are linked to three contributions each.

Then, in a throw-away database of its own (PostgreSQL: ``bench_diff``; SQLite: a file in the
temporary directory), it times
(a) ``diff.compare`` on its own,
(b) the public comparison page through Django's test client (whole text, and "only the changes"),
(c) the staff comparison page (with a "link" action on every change),
and prints the median and 95th percentile in milliseconds with the number of queries and the size
of the HTML.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inddrag.settings_test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

_VOCABULARY = """
lokalplanen området bebyggelsen boliger stationen bymidten kommunen borgerne grønne
friarealer stier cyklister fodgængere trafik parkering etager facader tegl tage beplantning
træer regnvand klimatilpasning støj lys skygge gårdrum legeplads børnehave butikker erhverv
offentlige formål vejadgang Ballerup Byvej Skovlunde Måløv Banegårdspladsen højde
bebyggelsesprocent byggefelt delområde bestemmelser skal må kan ikke højst mindst inden for
langs mellem ved på i til fra og eller samt som der det den de en et af med uden mod over
under efter før sikre bevare etablere udforme opføre anlægge indrette tilpasse ændre
vurderes fastlægges godkendes fremgår bilag kortbilag vedtagelse høring forslaget miljø
rapport vurdering kommuneplanen rammeområde æstetik kvalitet tryghed fællesskab ældre unge
"""
WORDS = tuple(_VOCABULARY.split())


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    text = " ".join(words)
    if rng.random() < 0.3:
        cut = rng.randint(3, len(words) - 2)
        text = " ".join(words[:cut]) + ", " + " ".join(words[cut:])
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, low: int = 40, high: int = 110) -> str:
    target = rng.randint(low, high)
    out: list[str] = []
    while sum(len(s.split()) for s in out) < target:
        out.append(sentence(rng))
    return " ".join(out)


def hearing_blocks(words: int, seed: int = 2027) -> list[dict]:
    rng = random.Random(seed)
    blocks: list[dict] = [{"type": "heading", "level": 1, "text": "Forslag til lokalplan 123"}]
    count = chapter = 0
    while count < words:
        chapter += 1
        blocks.append({"type": "heading", "level": 2, "text": f"{chapter}. {sentence(rng)[:40]}"})
        for section in range(1, rng.randint(2, 4)):
            blocks.append(
                {"type": "heading", "level": 3, "text": f"{chapter}.{section} {rng.choice(WORDS)}"}
            )
            for _ in range(rng.randint(2, 5)):
                text = paragraph(rng)
                count += len(text.split())
                blocks.append({"type": "paragraph", "text": text})
            if rng.random() < 0.4:
                ordered = rng.random() < 0.5
                for _ in range(rng.randint(3, 6)):
                    text = paragraph(rng, 6, 18)
                    count += len(text.split())
                    blocks.append(
                        {"type": "list_item", "level": 1, "ordered": ordered, "text": text}
                    )
                    if rng.random() < 0.3:
                        blocks.append(
                            {
                                "type": "list_item",
                                "level": 2,
                                "ordered": False,
                                "text": paragraph(rng, 4, 10),
                            }
                        )
        if chapter % 4 == 0:
            rows = [["Delområde", "Bebyggelsesprocent", "Etager", "Anvendelse"]]
            rows += [
                [f"{chapter}.{r}", str(rng.randint(20, 80)), str(rng.randint(1, 6)), "Boliger"]
                for r in range(1, 6)
            ]
            blocks.append({"type": "table", "rows": rows})
    return [{"id": f"b{i}", **b} for i, b in enumerate(blocks, start=1)]


def edited(blocks: list[dict], seed: int = 29) -> list[dict]:
    """The final version: the kind of edits a hearing leads to."""
    rng = random.Random(seed)
    out: list[dict] = []
    moved: list[dict] = []
    for block in blocks:
        block = dict(block)
        roll = rng.random()
        if block["type"] == "paragraph":
            if roll < 0.02:
                continue  # deleted
            if roll < 0.03:
                moved.append(block)  # moved to the end of the document
                continue
            if roll < 0.11:
                words = block["text"].split(" ")
                for _ in range(rng.randint(1, 3)):
                    i = rng.randrange(len(words))
                    words[i] = rng.choice(WORDS)
                if rng.random() < 0.3:
                    words.insert(rng.randrange(len(words)), "og en ny børnehave")
                block["text"] = " ".join(words)
            elif roll < 0.13:
                block["text"] = block["text"].replace(" ", "  ", 3)  # whitespace only
            out.append(block)
            if rng.random() < 0.015:
                out.append({"type": "paragraph", "text": paragraph(rng)})  # added
        elif block["type"] == "heading" and roll < 0.05:
            block["text"] += " og grønne arealer"
            out.append(block)
        elif block["type"] == "table" and roll < 0.5:
            rows = [list(r) for r in block["rows"]]
            rows[1][1] = str(int(rows[1][1]) - 5)
            rows.append([rows[-1][0] + "a", "30", "2", "Institution"])
            block["rows"] = rows
            out.append(block)
        else:
            out.append(block)
    out.extend(moved)
    return [{**b, "id": f"b{i}"} for i, b in enumerate(out, start=1)]


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, int, int]:
    client.get(url)  # warm up
    times = []
    queries = size = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
        size = len(response.content)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], queries, size


def fill(old: list[dict], new: list[dict]):
    from django.utils import timezone

    from inddrag.documents import diff
    from inddrag.documents.models import Change, Document, DocumentVersion
    from inddrag.processes.models import Process
    from tests.factories import ProcessFactory
    from tests.factories.contributions import PublishedContributionFactory

    process = ProcessFactory(status=Process.Status.PROCESSING, published_at=timezone.now())
    document = Document.objects.create(process=process, title="Forslag til lokalplan 123")
    author = process.responsible
    hearing = DocumentVersion.objects.create(
        document=document,
        label="hearing",
        dated=datetime.date(2027, 3, 1),
        author=author,
        blocks=old,
        published=True,
    )
    final = DocumentVersion.objects.create(
        document=document,
        label="final",
        dated=datetime.date(2027, 6, 1),
        author=author,
        blocks=new,
        published=True,
    )
    for block in diff.changes_only(diff.compare(old, new))[:20]:
        change = Change.objects.create(
            from_version=hearing,
            to_version=final,
            key=block.key,
            excerpt=diff.excerpt(block),
            explanation="Ændret efter høringen, fordi flere naboer bad om det.",
        )
        change.contributions.set([PublishedContributionFactory(process=process) for _ in range(3)])
    return hearing, final, process.responsible


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=15000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from inddrag.documents import diff

    old = hearing_blocks(args.words)
    new = edited(old)
    result = diff.compare(old, new)
    counts = {s: sum(1 for b in result if b.status == s) for s in ("changed", "added", "deleted")}
    words = sum(len(b.get("text", "").split()) for b in old) + sum(
        len(" ".join(c for r in b["rows"] for c in r).split()) for b in old if b["type"] == "table"
    )
    print(
        f"hearing version: {words} words, {len(old)} blocks; final version: {len(new)} blocks; "
        f"changes: {counts}"
    )
    median, p95 = timed(lambda: diff.compare(old, new), args.repeat)
    print(f"{'diff.compare only':36} {median:10.1f} {p95:8.1f}")

    # No setup_test_environment(): its template instrumentation would inflate the figures.
    settings.ALLOWED_HOSTS = ["testserver"]
    workdir = Path(tempfile.mkdtemp(prefix="bench_diff_"))
    settings.MEDIA_ROOT = workdir / "media"
    # A database of its own, never the test suite's ``test_…`` that a test run may be using.
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(workdir / "bench_diff.sqlite3")
    else:
        test_settings["NAME"] = "bench_diff"
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        hearing, final, staff = fill(old, new)
        client = Client()
        staff_client = Client()
        staff_client.force_login(staff)
        base = f"/dokumenter/sammenlign/{hearing.pk}/{final.pk}/"
        pages = [
            ("public comparison, whole text", client, base),
            ("public comparison, only changes", client, base + "?kun_aendringer=1"),
            ("public hearing version", client, f"/dokumenter/udgave/{hearing.pk}/"),
            ("staff comparison, whole text", staff_client, "/personale" + base),
        ]
        header = f"{connection.vendor}: {'page':28} {'median ms':>10} {'p95 ms':>8}"
        print(f"{header} {'queries':>8} {'KB':>6}")
        for name, c, url in pages:
            median, p95, queries, size = measure(c, url, args.repeat)
            print(f"{name:36} {median:10.1f} {p95:8.1f} {queries:8d} {size // 1024:6d}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
