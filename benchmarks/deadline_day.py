"""A deadline-day load test with locust (issue #14): thousands of readers of a hearing, hundreds of
posts in the last minutes, a gunicorn worker killed while they come in. Run by hand, not in the
test suite.

    .venv/bin/python benchmarks/deadline_day.py
    .venv/bin/python benchmarks/deadline_day.py --seconds 600 --readers 3000 --posters 100

As in production and across real processes: its own PostgreSQL database (``load_deadline``,
dropped at the end unless --keep) with a public hearing open for contributions and
``--contributions`` published contributions with answers, Redis as the shared cache (db 9,
flushed), two gunicorn masters (gunicorn.conf.py, ``--workers`` sync workers each) and one
``manage.py db_worker`` sending the receipts through the file e-mail backend. Then
``locust --headless`` runs benchmarks/locustfile.py (its ``DeadlineDay`` shape: readers ramp up
over the first half, posters join in the second half). At ``--kill-at`` of the run one gunicorn
worker is killed with SIGKILL. At the end: locust's figures per request type (requests, failures,
p50, p95, max), and what the database holds against what the posters were told — lost posts
(201/200 without a contribution), duplicates, the process's counter, receipts delivered.
Exits 1 if a post was lost or duplicated or a receipt not delivered.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import serving
from spike import Children, children_of, count_mail, open_process

KEY = re.compile(r"\(nøgle (spike-[a-z]+-\d+x\d+)\)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=150.0, help="locust's run time")
    parser.add_argument("--readers", type=int, default=1000, help="reading users")
    parser.add_argument("--think", type=float, default=20.0, help="a reader's mean s per page")
    parser.add_argument("--posters", type=int, default=40, help="posting users (1–3 s apart)")
    parser.add_argument("--servers", type=int, default=2, help="gunicorn masters")
    parser.add_argument("--workers", type=int, default=2, help="sync workers per master")
    parser.add_argument("--task-workers", type=int, default=1, help="manage.py db_worker")
    parser.add_argument("--kill-at", type=float, default=0.75, help="fraction of the run")
    parser.add_argument("--no-kill", action="store_true")
    parser.add_argument("--contributions", type=int, default=500, help="published at the start")
    parser.add_argument("--port", type=int, default=8761)
    parser.add_argument("--drain-timeout", type=float, default=120.0)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--database-name", default="load_deadline")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    admin_url, db_url = serving.database_urls(args.database_url, args.database_name)
    workdir = Path(tempfile.mkdtemp(prefix="load_deadline_"))
    for sub in ("mail", "logs", "locust"):
        (workdir / sub).mkdir()
    env = serving.environment(workdir, db_url, args.redis_url)
    os.environ.update(env)
    children = Children(workdir / "logs")
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    failed = True
    try:
        serving.fresh_database(admin_url, args.database_name)
        from django.db import connections

        process = open_process()
        serving.fill_published(process, args.contributions)
        connections.close_all()
        ports = [args.port + i for i in range(args.servers)]
        for port in ports:
            children.start(
                f"gunicorn-{port}", serving.server_command("gunicorn", port, args.workers), env
            )
        for i in range(args.task_workers):
            children.start(f"db_worker-{i}", serving.task_worker_command(), env)
        for port in ports:
            serving.wait_until_serving(port, process.get_absolute_url(), 60)

        run = "".join(random.choices(string.ascii_lowercase, k=8))
        posts_file = workdir / "posts.jsonl"
        locust_env = {
            **env,
            "LOAD_SERVERS": ",".join(f"http://127.0.0.1:{port}" for port in ports),
            "LOAD_PROCESS": str(process.pk),
            "LOAD_PROCESS_PAGE": process.get_absolute_url(),
            "LOAD_READERS": str(args.readers),
            "LOAD_THINK": str(args.think),
            "LOAD_POSTERS": str(args.posters),
            "LOAD_SECONDS": str(args.seconds),
            "LOAD_RUN": run,
            "LOAD_POSTS_FILE": str(posts_file),
        }
        print(
            f"{args.servers} gunicorn masters × {args.workers} sync workers, "
            f"{args.task_workers} task worker; {args.readers} readers (a page every "
            f"{args.think:.0f} s), then {args.posters} "
            f"posters in the second half of {args.seconds:.0f} s; PostgreSQL "
            f"{args.database_name}; load average "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}",
            flush=True,
        )
        killed: list[str] = []

        def killer() -> None:
            time.sleep(args.seconds * args.kill_at)
            master = children.running.get(f"gunicorn-{ports[0]}")
            workers = children_of(master.pid) if master else []
            if workers:
                victim = random.choice(workers)
                os.kill(victim, signal.SIGKILL)
                killed.append(
                    f"SIGKILL gunicorn worker {victim} at {args.seconds * args.kill_at:.0f} s"
                )

        if not args.no_kill:
            threading.Thread(target=killer, daemon=True).start()
        started = time.perf_counter()
        subprocess.run(  # noqa: S603 (our own command)
            [
                str(serving.BIN / "locust"),
                "-f",
                str(serving.ROOT / "benchmarks" / "locustfile.py"),
                "--headless",
                "--only-summary",
                "--stop-timeout",
                "30",  # a poster stopped at the end finishes its post and records the answer
                "--csv",
                str(workdir / "locust" / "run"),
                "--host",
                f"http://127.0.0.1:{ports[0]}",
                "--loglevel",
                "WARNING",
            ],
            cwd=serving.ROOT,
            env=locust_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=open(workdir / "logs" / "locust.log", "ab"),  # noqa: SIM115
            check=False,
            timeout=args.seconds + 120,
        )
        wall = time.perf_counter() - started
        for line in killed or ["no worker killed"]:
            print(f"  fault: {line}")

        # Let the task worker send every receipt.
        from django_tasks_db.models import DBTaskResult

        from inddrag.notifications.models import Notification

        drain_started = time.perf_counter()
        deadline = time.monotonic() + args.drain_timeout
        while time.monotonic() < deadline:
            pending = Notification.objects.filter(status=Notification.Status.PENDING).count()
            queued = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()
            if pending == 0 and queued == 0:
                break
            time.sleep(0.5)
        drain = time.perf_counter() - drain_started
        connections.close_all()
        children.stop_all()

        # Locust's figures per request type.
        print(f"\nlocust ran {wall:.0f} s (wall, with start-up)")
        print(
            f"{'Request':22} {'requests':>9} {'failures':>9} {'req/s':>7} {'p50 ms':>8} "
            f"{'p95 ms':>8} {'max ms':>8}"
        )
        with open(workdir / "locust" / "run_stats.csv") as stats:
            for row in csv.DictReader(stats):
                print(
                    f"{row['Name']:22} {row['Request Count']:>9} {row['Failure Count']:>9} "
                    f"{float(row['Requests/s']):>7.1f} {row['50%']:>8} {row['95%']:>8} "
                    f"{float(row['Max Response Time']):>8.0f}"
                )
        failures = workdir / "locust" / "run_failures.csv"
        if failures.exists():
            for row in list(csv.DictReader(failures.open()))[:8]:
                print(f"  failure: {row['Name']}: {row['Error']} × {row['Occurrences']}")

        # Posts: what the posters were told against the database.
        posts = [json.loads(line) for line in posts_file.read_text().splitlines() if line]
        sent = {p["key"] for p in posts}
        acknowledged = {p["key"] for p in posts if p["status"] in (200, 201)}
        result = serving.tally(process.pk, acknowledged, sent, KEY)
        result.rows -= args.contributions
        result.duplicated -= args.contributions  # the published ones name no key
        result.counter -= args.contributions
        retried = sum(1 for p in posts if len(p["attempts"]) > 1)
        refused = [p for p in posts if p["status"] not in (200, 201)]
        mailed = count_mail(workdir / "mail")
        from inddrag.contributions.models import Contribution

        addresses = {
            e.lower()
            for e in Contribution.objects.filter(
                process=process, text__contains="(nøgle "
            ).values_list("email", flat=True)
        }
        undelivered = len(addresses - set(mailed))
        print()
        print(f"{'Posts (final answers)':40} {len(posts):>8}")
        print("\n".join(result.lines()))
        print(f"{'  retried (same key, other server)':40} {retried:>8}")
        print(f"{'  refused or unanswered':40} {len(refused):>8}")
        for p in refused[:5]:
            print(f"    {p}")
        print(f"{'E-mails written / UNDELIVERED':40} {sum(mailed.values()):>8} / {undelivered}")
        print(f"{'Queue drained in':40} {drain:>8.1f} s")
        print(f"{'Load average at the end':40} {os.getloadavg()[0]:>8.2f}")
        failed = not result.ok or bool(undelivered)
        print(
            "FAILED" if failed else "OK: nothing lost, nothing duplicated, every e-mail delivered"
        )
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
    finally:
        children.stop_all()
        if args.keep:
            print(f"kept: database {args.database_name}, files in {workdir}")
        else:
            try:
                serving.drop_database(admin_url, args.database_name, args.redis_url)
            finally:
                shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
