"""The analysis task of issue #15 as the product runs it: 10,000 contributions of one process in
the database, read, analysed, and the suggestions stored (topics, profiles, groups). Run by hand.

    .venv/bin/python benchmarks/analysis_task.py [--contributions 10000] [--new 100]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
        .venv/bin/python benchmarks/analysis_task.py

Creates its own throw-away database (``bench_analysis_task`` on PostgreSQL, a temporary file on
SQLite) and one open process whose contributions are ``benchmarks/analysis.py``'s texts (built
from the dev hearings: a third copies of a campaign letter, the rest new letters of sentences
from several contributions). Then, one process, BLAS limited to one thread:

1. a first run ("Foreslå emnerne forfra"): every contribution gets a suggested topic;
2. ``--new`` more contributions arrive, and a second run ("Behold emnerne") places them;
3. a third run with nothing new (what the daily job does when nothing has changed).

For each: the whole task's wall and CPU seconds (``services.run``), the engine's share
(``Analysis.seconds``), the SQL statements, and what it found.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

import benchmarks.contributions  # noqa: E402, F401  (django.setup with the test settings)
from benchmarks.analysis import contributions as texts  # noqa: E402


def _add(process, items: list[tuple[str, str]], start: int) -> None:
    from inddrag.contributions.models import Contribution
    from inddrag.contributions.services import recount

    now = timezone.now()
    Contribution.objects.bulk_create(
        Contribution(
            process=process,
            text=text,
            received_at=now,
            receipt_number=f"A-{start + n:06d}",
            source="online",
        )
        for n, (_id, text) in enumerate(items)
    )
    recount()


def _run(process, mode: str) -> None:
    from inddrag.analysis import services
    from inddrag.analysis.models import Analysis

    analysis = Analysis.objects.create(process=process, mode=mode)
    with CaptureQueriesContext(connection) as queries:
        wall, cpu = time.perf_counter(), time.process_time()
        assert services.run(analysis.pk) == "done"
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    analysis.refresh_from_db()
    print(
        f"{mode:8} {analysis.contributions:7,d} contributions: whole {wall:5.2f} s wall, "
        f"{cpu:5.2f} s CPU; engine {analysis.seconds:5.2f} s; {len(queries)} statements; "
        f"{analysis.topics} topics ({analysis.new_topics} new), {analysis.groups} groups "
        f"({analysis.grouped} contributions)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contributions", type=int, default=10000)
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--database", default="bench_analysis_task")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench_analysis_task_"))
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(workdir / f"{args.database}.sqlite3")
    else:
        test_settings["NAME"] = args.database
    settings.DEBUG = False
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from benchmarks.contributions import open_process

        process, _fixed = open_process("Kommuneplan 2027")
        items = texts(args.contributions + args.new)
        _add(process, items[: args.contributions], 0)
        print(f"{connection.vendor}: {args.contributions:,d} contributions")
        _run(process, "regroup")
        _add(process, items[args.contributions :], args.contributions)
        _run(process, "keep")
        _run(process, "keep")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
