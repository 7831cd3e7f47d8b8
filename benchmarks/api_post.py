"""Contributions accepted per second through the API on real app servers (issue #14): concurrent
clients post JSON contributions to one gunicorn master with 2 sync workers on PostgreSQL and
Redis, as in production. Reports accepted/s, latency p50/p95, the CPU each post cost the app
workers and PostgreSQL, and what was lost or duplicated (counted in the database). Run by hand,
not in the test suite.

    .venv/bin/python benchmarks/api_post.py
    .venv/bin/python benchmarks/api_post.py --clients 1,8 --posts 3000 --rounds 3
    .venv/bin/python benchmarks/api_post.py --server granian

Each post has its own Idempotency-Key, a text naming the key and its own e-mail address (so each
queues a receipt); a connection error or a 5xx is retried with the same key (spike.py's client).
No worker is killed (that is spike.py's and deadline_day.py's job). ``--clients 1,8`` measures
one client, then eight, on the same servers; ``--rounds`` repeats each. The CPU figures are read
from /proc (user + system) for the server's processes and the database's PostgreSQL backends: on a
machine shared with other work they stay meaningful when the wall-clock rate does not.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import string
import sys
import tempfile
import threading
import time
from pathlib import Path

import serving
from spike import KEY_IN_TEXT, TEXT, Children, Post, open_process, run_post


def make_posts(run: str, first: int, count: int) -> list[Post]:
    import json

    posts = []
    for n in range(first, first + count):
        key = f"spike-{run}-{n}"
        body = {
            "text": f"Bidrag {n} i belastningstesten (nøgle {key}). {TEXT}",
            "speaking_as": "private",
            "consent": "name",
            "name": f"Borger {n}",
            "email": f"borger{n}.{run}@example.dk",
        }
        posts.append(Post(n, key, body["email"], json.dumps(body).encode()))
    return posts


def drive(posts: list[Post], clients: int, ports: list[int], path: str, args) -> float:
    """Send ``posts`` from ``clients`` threads; the wall time in seconds."""
    queue = iter(posts)
    lock = threading.Lock()

    def client() -> None:
        while True:
            with lock:
                post = next(queue, None)
            if post is None:
                return
            run_post(post, ports, path, args)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=3000, help="per round and client count")
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--clients", default="8", help="e.g. 8, or 1,8 for one then eight")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--server", choices=serving.SERVERS, default="gunicorn")
    parser.add_argument("--servers", type=int, default=1, help="masters (ports from --port)")
    parser.add_argument("--workers", type=int, default=2, help="workers per master")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn-gthread's threads")
    parser.add_argument("--task-workers", type=int, default=0, help="manage.py db_worker")
    parser.add_argument("--port", type=int, default=8741)
    parser.add_argument("--attempts", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--database-name", default="load_api_post")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    counts = [int(n) for n in args.clients.split(",")]

    admin_url, db_url = serving.database_urls(args.database_url, args.database_name)
    workdir = Path(tempfile.mkdtemp(prefix="load_api_post_"))
    for sub in ("mail", "logs"):
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
        connections.close_all()
        path = f"/api/v1/processes/{process.pk}/contributions"
        ports = [args.port + i for i in range(args.servers)]
        for port in ports:
            children.start(
                f"server-{port}",
                serving.server_command(args.server, port, args.workers, args.threads),
                env,
            )
        for i in range(args.task_workers):
            children.start(f"db_worker-{i}", serving.task_worker_command(), env)
        for port in ports:
            serving.wait_until_serving(port, f"/api/v1/processes/{process.pk}", 60)

        run = "".join(random.choices(string.ascii_lowercase, k=8))
        print(
            f"{args.server}: {args.servers} × {args.workers} workers, {args.task_workers} task "
            f"workers; PostgreSQL {args.database_name}; load average "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}",
            flush=True,
        )
        every: list[Post] = []
        warm = make_posts(run, 0, args.warmup)
        drive(warm, max(counts), ports, path, args)  # imports, connections, caches
        every += warm
        roots = {"app": [children.running[f"server-{p}"].pid for p in ports]}
        results = []
        for round_ in range(args.rounds):
            for clients in counts:
                posts = make_posts(run, len(every), args.posts)
                meter = serving.CpuMeter(roots, args.database_name)
                waits = serving.WaitSampler(admin_url, args.database_name)
                waits.start()
                meter.start()
                client_cpu = time.process_time()
                load = os.getloadavg()[0]
                wall = drive(posts, clients, ports, path, args)
                client_cpu = time.process_time() - client_cpu
                spent = meter.stop()
                waiting = waits.stop()
                every += posts
                accepted = [p for p in posts if p.status in (200, 201)]
                latencies = [(p.finished - p.started) * 1000 for p in accepted]
                retries = sum(len(p.attempts) - 1 for p in posts)
                row = {
                    "round": round_ + 1,
                    "clients": clients,
                    "accepted": len(accepted),
                    "rate": len(accepted) / wall,
                    "p50": serving.percentile(latencies, 0.5),
                    "p95": serving.percentile(latencies, 0.95),
                    "app_ms": spent["app"] * 1000 / len(posts),
                    "pg_ms": spent["postgres"] * 1000 / len(posts),
                    "client_ms": client_cpu * 1000 / len(posts),
                    "retries": retries,
                    "load": load,
                }
                results.append(row)
                print(
                    f"  round {row['round']}, {clients} clients: {row['rate']:.1f} accepted/s, "
                    f"p50 {row['p50']:.1f} ms, p95 {row['p95']:.1f} ms; CPU per post: app "
                    f"{row['app_ms']:.2f} ms, PostgreSQL {row['pg_ms']:.2f} ms, client "
                    f"{row['client_ms']:.2f} ms; {retries} retries; load {load:.2f}",
                    flush=True,
                )
                print("    PostgreSQL, busy backends sampled: " + "\n      ".join(["", *waiting]))
        connections.close_all()
        children.stop_all()
        sent = {p.key for p in every}
        acknowledged = {p.key for p in every if p.status in (200, 201)}
        result = serving.tally(process.pk, acknowledged, sent, KEY_IN_TEXT)
        refused = [p for p in every if p.status not in (200, 201)]
        print()
        print("\n".join(result.lines()))
        print(f"{'Refused or unanswered':40} {len(refused):>8}")
        for p in refused[:5]:
            print(f"  not accepted: {p.key} {p.status} {p.attempts}")
        print(f"{'Load average at the end':40} {os.getloadavg()[0]:>8.2f}")
        failed = not result.ok or bool(refused) or result.acknowledged != len(every)
        print("FAILED" if failed else "OK: nothing lost, nothing duplicated, counter exact")
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
