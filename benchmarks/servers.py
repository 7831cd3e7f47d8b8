"""gunicorn against granian (issue #14): the same app on the same pages, side by side, on
PostgreSQL and Redis as in production. Run by hand, not in the test suite.

    .venv/bin/python benchmarks/servers.py
    .venv/bin/python benchmarks/servers.py --seconds 20 --rounds 3 --clients 8
    .venv/bin/python benchmarks/servers.py --servers gunicorn,granian --pages healthz,post

Each server in turn serves the app with 2 workers (``--workers``) on one port: gunicorn with
gunicorn.conf.py and sync workers (the production default), gunicorn with gthread workers
(``--threads`` each), and granian's WSGI interface (``--interface wsgi``, its defaults). On each
page ``--clients`` threads send requests for ``--seconds``, with keep-alive where the server
offers it (gunicorn's sync workers close every connection; the client then reconnects, as a
proxy would). Pages: ``healthz`` (answered by the first middleware: the server's own cost),
``page`` (a hearing's public page with ``--contributions`` published contributions and
answers), ``api`` (the API's list of them, 100 a page) and ``post`` (the API's POST, each with
its own Idempotency-Key; lost and duplicated posts are counted in the database at the end).
``--rounds`` repeats the whole table, the servers interleaved, so a change in the machine's load
hits each server alike. Reported per server and page: requests a second, p50 and p95 ms, errors
and the CPU each request cost the server's processes and PostgreSQL (from /proc).
"""

from __future__ import annotations

import argparse
import collections
import http.client
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
from api_post import make_posts
from spike import KEY_IN_TEXT, Children, Post, open_process

PAGES = ("healthz", "page", "api", "post")


def hammer(port: int, seconds: float, clients: int, request) -> tuple[int, list[float], int]:
    """``clients`` threads call ``request(connection)`` for ``seconds``: (requests answered,
    latencies in ms of the good ones, errors: a connection error or a status other than 2xx)."""
    stop = time.perf_counter() + seconds
    latencies: list[float] = []
    errors = collections.Counter()
    lock = threading.Lock()

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], 0
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            try:
                status = request(connection)
            except (OSError, http.client.HTTPException):
                connection.close()
                status = None
            if status is not None and 200 <= status < 300:
                mine.append((time.perf_counter() - t0) * 1000)
            else:
                bad += 1
        connection.close()
        with lock:
            latencies.extend(mine)
            errors["all"] += bad

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), latencies, errors["all"]


def get(path: str):
    def request(connection: http.client.HTTPConnection) -> int:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status

    return request


def poster(path: str, posts: list[Post]):
    queue = iter(posts)
    lock = threading.Lock()

    def request(connection: http.client.HTTPConnection) -> int:
        with lock:
            post = next(queue)
        connection.request(
            "POST",
            path,
            body=post.body,
            headers={"Content-Type": "application/json", "Idempotency-Key": post.key},
        )
        response = connection.getresponse()
        response.read()
        post.status = response.status
        return response.status

    return request


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--servers", default=",".join(serving.SERVERS))
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="gunicorn-gthread's threads")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0, help="per server and page")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds, not counted")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--contributions", type=int, default=1000, help="on the process page")
    parser.add_argument("--port", type=int, default=8751)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--database-name", default="load_servers")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    kinds = args.servers.split(",")
    pages = args.pages.split(",")
    for kind in kinds:
        if kind not in serving.SERVERS:
            parser.error(f"unknown server {kind}: {', '.join(serving.SERVERS)}")

    admin_url, db_url = serving.database_urls(args.database_url, args.database_name)
    workdir = Path(tempfile.mkdtemp(prefix="load_servers_"))
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
        serving.fill_published(process, args.contributions)
        connections.close_all()
        paths = {
            "healthz": "/healthz",
            "page": process.get_absolute_url(),
            "api": f"/api/v1/processes/{process.pk}/contributions",
            "post": f"/api/v1/processes/{process.pk}/contributions",
        }
        run = "".join(random.choices(string.ascii_lowercase, k=8))
        every: list[Post] = []
        results: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
        print(
            f"{args.workers} workers a server, {args.clients} clients, {args.seconds:.0f} s a "
            f"page; PostgreSQL {args.database_name}; load average "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}",
            flush=True,
        )
        for round_ in range(args.rounds):
            order = kinds if round_ % 2 == 0 else list(reversed(kinds))
            for kind in order:
                port = args.port
                name = f"{kind}-{round_}"
                children.start(
                    name, serving.server_command(kind, port, args.workers, args.threads), env
                )
                serving.wait_until_serving(port, paths["page"], 60)
                for page in pages:

                    def request_for(seconds: float, page: str = page):
                        if page != "post":
                            return get(paths[page])
                        # generous: never run out of posts, even at thousands a second
                        posts = make_posts(run, len(every), int(seconds * 3000) + 100)
                        every.extend(posts)
                        return poster(paths[page], posts)

                    hammer(port, args.warmup, args.clients, request_for(args.warmup))
                    meter = serving.CpuMeter(
                        {"server": [children.running[name].pid]}, args.database_name
                    )
                    request = request_for(args.seconds)
                    load = os.getloadavg()[0]
                    meter.start()
                    started = time.perf_counter()
                    answered, latencies, errors = hammer(port, args.seconds, args.clients, request)
                    wall = time.perf_counter() - started
                    spent = meter.stop()
                    row = {
                        "rate": answered / wall,
                        "p50": serving.percentile(latencies, 0.5),
                        "p95": serving.percentile(latencies, 0.95),
                        "errors": errors,
                        "server_ms": spent["server"] * 1000 / max(1, answered + errors),
                        "pg_ms": spent["postgres"] * 1000 / max(1, answered + errors),
                        "load": load,
                    }
                    results[(kind, page)].append(row)
                    print(
                        f"  round {round_ + 1} {kind:17} {page:8} {row['rate']:8.1f}/s  p50 "
                        f"{row['p50']:7.1f}  p95 {row['p95']:7.1f} ms  errors {errors}  CPU "
                        f"server {row['server_ms']:.2f} ms, PostgreSQL {row['pg_ms']:.2f} ms"
                        f"  (load {load:.1f})",
                        flush=True,
                    )
                connections.close_all()
                children.kill_group(name, signal.SIGTERM)
        print()
        print("| Page | " + " | ".join(kinds) + " |\n|---|" + "---|" * len(kinds))
        for page in pages:
            cells = []
            for kind in kinds:
                rows = results[(kind, page)]
                best = max(rows, key=lambda r: r["rate"])
                cells.append(
                    f"{best['rate']:.0f}/s, {best['p50']:.1f} / {best['p95']:.1f} ms, "
                    f"{best['server_ms']:.2f} ms CPU"
                )
            print(f"| {page} | " + " | ".join(cells) + " |")
        print("(best round of each: requests a second, p50 / p95, server CPU per request)")
        sent = {p.key for p in every if p.status is not None}
        acknowledged = {p.key for p in every if p.status in (200, 201)}
        result = serving.tally(process.pk, acknowledged, sent, KEY_IN_TEXT)
        result.rows -= args.contributions  # the published ones filled at the start
        result.duplicated -= args.contributions  # they name no key
        result.counter -= args.contributions
        print("\n".join(result.lines()))
        failed = not result.ok
        print("FAILED" if failed else "OK: no post lost or duplicated, counter exact")
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
