"""Throughput of the anonymous public pages with and without the page cache, side by side with a
bare Django view, on real app servers. Run by hand, not in the test suite.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python benchmarks/page_cache.py

As in production: PostgreSQL (its own database `bench_page_cache` on the server of DATABASE_URL,
dropped at the end unless --keep), Redis as the cache (--redis-url, default db 8, flushed at the
start), gunicorn with 2 sync workers (--workers), DEBUG off. Two gunicorn masters on the same
database and Redis: one with INDDRAG_PAGE_CACHE=1, one with INDDRAG_PAGE_CACHE=0 (the live
pages). Both serve one extra URL, ``/bench/bare/``: a view that returns "ok" through the whole
middleware stack (``benchmarks/page_cache_urls.py``) — the ceiling for any page.

Data: one open process with --contributions published contributions with published answers
(``benchmarks/contributions.py``'s ``fill``), a document with two published versions, and
--others open processes with a few contributions each.

Each URL is asked for --seconds by --clients threads (http.client, a new connection a request:
gunicorn's sync workers close it), first against the live server, then against the cached one;
requests a second, median and 95th percentile in ms. The client runs on the same machine and
takes CPU from the servers, so the figures are relative: compare them side by side.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = ROOT / ".venv" / "bin"
DATABASE = "bench_page_cache"


def database_urls(given: str, name: str) -> tuple[str, str]:
    parts = urlsplit(given)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit("The benchmark needs PostgreSQL: DATABASE_URL=postgres://user@host:5432/db")
    return urlunsplit(parts._replace(path="/postgres")), urlunsplit(parts._replace(path=f"/{name}"))


def admin_sql(admin_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def get(port: int, path: str) -> tuple[int, bytes, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Connection": "close"})
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


def wait_until_serving(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if get(port, "/bench/bare/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"port {port} did not answer")


def load(port: int, path: str, clients: int, seconds: float) -> dict:
    """``clients`` threads asking for ``path`` for ``seconds``."""
    times: list[float] = []
    errors = 0
    hits = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        nonlocal errors, hits
        mine, bad, hit = [], 0, 0
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                status, _body, headers = get(port, path)
            except (OSError, http.client.HTTPException):
                bad += 1
                continue
            if time.monotonic() > stop:
                break  # finished after the window: not counted
            mine.append((time.perf_counter() - start) * 1000)
            if status != 200:
                bad += 1
            hit += headers.get("X-Page-Cache") == "hit"
        with lock:
            times.extend(mine)
            errors += bad
            hits += hit

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times.sort()
    return {
        "rps": len(times) / seconds,  # requests completed within the window
        "max": times[-1] if times else 0.0,
        "median": statistics.median(times) if times else 0.0,
        "p95": times[max(0, int(len(times) * 0.95) - 1)] if times else 0.0,
        "errors": errors,
        "hit": hits / len(times) if times else 0.0,
        "n": len(times),
    }


def interleaved(port: int, path: str, clients: int, seconds: float) -> tuple[dict, dict]:
    """The bare view and ``path`` on ``port``, one second each in turn, ``seconds`` each."""
    slices: dict[str, list[dict]] = {"bare": [], "page": []}
    for _ in range(max(1, round(seconds))):
        slices["bare"].append(load(port, "/bench/bare/", clients, 1.0))
        slices["page"].append(load(port, path, clients, 1.0))

    def total(parts: list[dict]) -> dict:
        n = sum(p["n"] for p in parts)
        return {
            "rps": n / len(parts),
            "median": statistics.median(p["median"] for p in parts),
            "p95": max(p["p95"] for p in parts),
            "errors": sum(p["errors"] for p in parts),
            "hit": sum(p["hit"] * p["n"] for p in parts) / n if n else 0.0,
            "n": n,
        }

    return total(slices["bare"]), total(slices["page"])


def build(contributions: int, others: int) -> list[tuple[str, str]]:
    from django.db import connection

    from benchmarks.contributions import fill, open_process
    from benchmarks.hot_queries import few
    from inddrag.contributions import services as contribution_services
    from tests.factories.documents import DocumentFactory, VersionFactory, paragraphs

    big, fixed = open_process("Kommuneplan 2027")
    fill(big, fixed, contributions)
    document = DocumentFactory(process=big)
    texts = [
        f"Afsnit {n}: området skal have grønne friarealer og en sikker sti." for n in range(60)
    ]
    old = VersionFactory(document=document, blocks=paragraphs(*texts), published=True)
    changed = [
        t.replace("grønne", "flere grønne") if n % 7 == 0 else t for n, t in enumerate(texts)
    ]
    new = VersionFactory(document=document, blocks=paragraphs(*changed), published=True)
    for n in range(others):
        process, _ = open_process(f"Lokalplan {n}")
        few(process, 20)
    contribution_services.recount()  # bulk_create passes by the counters
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return [
        ("Front page", "/"),
        ("Process list", "/forloeb/"),
        ("Process list, filtered, page 2", "/forloeb/?status=open&side=2"),
        ("Process page (10,000 contributions)", big.get_absolute_url()),
        ("Process page, contributions page 50", big.get_absolute_url() + "?bidrag_side=50"),
        ("Compare page", f"/dokumenter/sammenlign/{old.pk}/{new.pk}/"),
        ("API list", "/api/v1/processes"),
        ("API detail", f"/api/v1/processes/{big.pk}"),
        ("API contributions (limit 100)", f"/api/v1/processes/{big.pk}/contributions"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contributions", type=int, default=10000)
    parser.add_argument("--others", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--port", type=int, default=8690)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/8")
    parser.add_argument("--database", default=DATABASE, help="created and dropped")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    admin_url, db_url = database_urls(
        args.database_url or "postgres://postgres@127.0.0.1:5432/postgres", args.database
    )
    workdir = Path(tempfile.mkdtemp(prefix="bench_page_cache_"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.page_cache_settings",
        "DEBUG": "0",
        "INDDRAG_DEMO": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": db_url,
        "REDIS_URL": args.redis_url,
        "INDDRAG_VAR_DIR": str(workdir / "var"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    servers: list[subprocess.Popen] = []

    def terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    try:
        import django

        admin_sql(admin_url, f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
        admin_sql(admin_url, f"CREATE DATABASE {args.database}")
        django.setup()
        from django.core.cache import cache
        from django.core.management import call_command
        from django.db import connections

        cache.clear()  # the benchmark's own Redis database
        call_command("migrate", verbosity=0)
        pages = build(args.contributions, args.others)
        connections.close_all()
        live_port, cached_port = args.port, args.port + 1
        for port, on in ((live_port, "0"), (cached_port, "1")):
            servers.append(
                subprocess.Popen(  # noqa: S603 (our own command)
                    [
                        str(BIN / "gunicorn"),
                        "inddrag.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        str(args.workers),
                        "--worker-class",
                        "sync",
                        "--backlog",
                        "2048",
                    ],
                    env={**env, "INDDRAG_PAGE_CACHE": on},
                    cwd=ROOT,
                    stdout=open(workdir / f"gunicorn-{port}.log", "ab"),  # noqa: SIM115
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        for port in (live_port, cached_port):
            wait_until_serving(port)
        load_before = os.getloadavg()
        print(
            f"{args.contributions:,} contributions; gunicorn {args.workers} sync workers; "
            f"{args.clients} clients × {args.seconds:.0f} s a URL; load average before "
            f"{load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}",
            flush=True,
        )
        print(
            f"| {'Page':<40} | live req/s | live median / p95 ms | cached req/s "
            "| cached median / p95 ms | bare req/s (interleaved) | cached ÷ bare | hits |"
        )
        print(f"|{'-' * 42}|---|---|---|---|---|---|---|")
        for label, path in pages:
            for port in (live_port, cached_port):
                status, _body, _headers = get(port, path)  # warm up (and fill the cache)
                assert status == 200, (path, status)
                get(port, path)
            live = load(live_port, path, args.clients, args.seconds)
            # The bare view and the cached page in alternating one-second slices: on a shared
            # machine the load moves from one second to the next, and the ratio compares the
            # two under the same load.
            bare, cached = interleaved(cached_port, path, args.clients, args.seconds)
            errors = live["errors"] + bare["errors"] + cached["errors"]
            print(
                f"| {label:<40} | {live['rps']:.0f} | {live['median']:.1f} / {live['p95']:.1f} "
                f"| {cached['rps']:.0f} | {cached['median']:.1f} / {cached['p95']:.1f} "
                f"| {bare['rps']:.0f} | {cached['rps'] / bare['rps']:.0%} | {cached['hit']:.0%} |"
                + (f" errors {errors}" if errors else ""),
                flush=True,
            )
        load_after = os.getloadavg()
        print(f"load average after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    finally:
        for server in servers:
            try:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(server.pid, signal.SIGKILL)
        if not args.keep:
            from django.db import connections

            connections.close_all()
            admin_sql(admin_url, f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
        print(f"logs in {workdir}")


if __name__ == "__main__":
    main()
