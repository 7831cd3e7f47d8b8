"""The hot queries of the process page, the staff inbox and the staff dashboard at 10,000
contributions: their timings and their PostgreSQL query plans. Run by hand, not in the test suite.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python benchmarks/hot_queries.py

Creates its own throw-away database (`bench_hot_queries` on PostgreSQL, a temporary file on
SQLite), fills one open process with 10,000 published contributions with published answers
(``benchmarks/contributions.py``'s ``fill``) among other processes with a few contributions each,
updates the table statistics, then

(a) times each page through Django's test client (median and 95th percentile in ms, queries);
(b) re-runs every query of each page under ``EXPLAIN ANALYZE`` (PostgreSQL only) and prints the
    plans of the slowest ones (``--plans``, 3 per page by default) with their execution times.

Options: ``--contributions 10000 --others 100 --repeat 20 --plans 3 --database bench_hot_queries``
(the PostgreSQL database's name, so two runs at once do not share one) and ``--profile N``
(instead of the plans, cProfile over the requests and print the N functions with the most
cumulative time).
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.contributions import fill, open_process


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, float, list[str]]:
    """(median wall ms, p95 wall ms, median CPU ms of this process, the last request's SQL).

    The CPU time (``time.process_time``) counts this Python process only — the view, the
    templates, the driver — not the database server's work nor the time waiting for it; on a
    shared machine it is steadier than the wall time."""
    client.get(url)  # warm up
    times, cpu = [], []
    sql: list[str] = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        sql = [q["sql"] for q in captured.captured_queries]
    times.sort()
    return (
        statistics.median(times),
        times[max(0, int(len(times) * 0.95) - 1)],
        statistics.median(cpu),
        sql,
    )


def profile(client: Client, url: str, repeat: int, limit: int) -> None:
    """cProfile over ``repeat`` requests: the functions with the most cumulative time."""
    import cProfile
    import pstats

    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(limit)


def explain(sql: str) -> tuple[float, str]:
    """(execution ms, plan) of one query, run for real inside a rolled-back transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + sql)
        lines = [row[0] for row in cursor.fetchall()]
        transaction.set_rollback(True)
    total = next(
        (float(line.split(":")[1].split()[0]) for line in lines if "Execution Time" in line), 0.0
    )
    return total, "\n".join(lines)


def few(process, count: int) -> None:
    """``count`` published contributions without answers (receipt numbers of their own)."""
    from django.utils import timezone

    from inddrag.contributions.models import Contribution

    now = timezone.now()
    Contribution.objects.bulk_create(
        Contribution(
            process=process,
            text=f"Bidrag {n} til {process.title}",
            published_text=f"Bidrag {n} til {process.title}",
            received_at=now,
            publication=Contribution.Publication.PUBLISHED,
            receipt_number=f"P{process.pk}-{n:05d}",
            source="online",
        )
        for n in range(count)
    )


def build(contributions: int, others: int):
    from inddrag.processes.models import Process
    from tests.factories import StaffFactory

    staff = StaffFactory()
    big, fixed = open_process("Kommuneplan 2027")
    fill(big, fixed, contributions)
    mine = [big]
    for n in range(others):
        process, _ = open_process(f"Lokalplan {n}")
        few(process, 50)
        if n < 3:
            mine.append(process)
    Process.objects.filter(pk__in=[p.pk for p in mine]).update(
        responsible=staff, centre=staff.centre
    )
    try:  # the counters on the process (issue #14); absent before it
        call_command("recount_contributions", stdout=io.StringIO())
    except Exception as error:
        print(f"(no recount: {error})")
    with connection.cursor() as cursor:  # table statistics, as autovacuum keeps them
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    return staff, big


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contributions", type=int, default=10000)
    parser.add_argument("--others", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--plans", type=int, default=3)
    parser.add_argument("--database", default="bench_hot_queries")
    parser.add_argument("--profile", type=int, default=0)
    args = parser.parse_args()

    settings.ALLOWED_HOSTS = ["testserver"]
    workdir = Path(tempfile.mkdtemp(prefix="bench_hot_queries_"))
    settings.MEDIA_ROOT = workdir / "media"
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(workdir / f"{args.database}.sqlite3")
    else:
        test_settings["NAME"] = args.database
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        staff, big = build(args.contributions, args.others)
        print(
            f"{connection.vendor}: {args.contributions} contributions in one process and "
            f"{args.others} others with 50 each, built in {time.perf_counter() - started:.1f} s"
        )
        public, staff_client = Client(), Client()
        staff_client.force_login(staff)
        pages = [
            ("process page", public, f"/forloeb/{big.pk}/"),
            ("process page, searched", public, f"/forloeb/{big.pk}/?q_bidrag=%284242%29"),
            # Every contribution matches: the most rows to rank, count and mark.
            ("process page, search all", public, f"/forloeb/{big.pk}/?q_bidrag=cykelsti"),
            ("staff dashboard", staff_client, "/personale/"),
            ("staff inbox", staff_client, f"/personale/forloeb/{big.pk}/bidrag/"),
            ("staff inbox, searched", staff_client, f"/personale/forloeb/{big.pk}/bidrag/?q=4242"),
        ]
        print(f"{'page':28} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>8} {'queries':>8}")
        captured = []
        for name, client, url in pages:
            median, p95, cpu, sql = measure(client, url, args.repeat)
            captured.append((name, sql))
            print(f"{name:28} {median:10.1f} {p95:8.1f} {cpu:8.1f} {len(sql):8d}")
        if args.profile:
            for name, client, url in pages:
                print(f"\n=== {name}: cProfile over {args.repeat} requests ===")
                profile(client, url, args.repeat, args.profile)
            return
        if connection.vendor != "postgresql" or not args.plans:
            return
        for name, sql in captured:
            timed = sorted(
                ((*explain(q), q) for q in sql if q.lstrip().upper().startswith("SELECT")),
                key=lambda row: -row[0],
            )
            total = sum(row[0] for row in timed)
            print(f"\n=== {name}: {len(timed)} SELECTs, {total:.1f} ms in the database ===")
            for ms, plan, query in timed[: args.plans]:
                print(f"\n--- {ms:.2f} ms: {query[:300]}{'…' if len(query) > 300 else ''}")
                print(plan)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
