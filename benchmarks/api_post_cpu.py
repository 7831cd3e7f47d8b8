"""The CPU one API POST costs the app, in-process (issue #14): JSON contributions posted through
``inddrag.wsgi.application`` itself — every middleware, PostgreSQL and Redis set up as
``api_post.py`` sets them (``serving.environment``) — with no HTTP server and no client in the
way. Prints the statements of one post, ``process_time`` and wall time per post, and with
``--profile`` a cProfile of the posts (calls per post do not vary with the machine's load, the
times do). Run by hand, not in the test suite; docs/performance.md "The CPU of a post".

    .venv/bin/python benchmarks/api_post_cpu.py     # DATABASE_URL names the PostgreSQL server
    .venv/bin/python benchmarks/api_post_cpu.py --posts 300 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

import serving
from spike import TEXT, open_process


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--profile", action="store_true", help="cProfile the posts after timing")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--database-name", default="load_api_post_cpu")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    args = parser.parse_args()

    admin_url, db_url = serving.database_urls(args.database_url, args.database_name)
    workdir = Path(tempfile.mkdtemp(prefix="load_api_post_cpu_"))
    (workdir / "var" / "static").mkdir(parents=True)
    os.environ.update(serving.environment(workdir, db_url, args.redis_url))
    try:
        serving.fresh_database(admin_url, args.database_name)
        process = open_process()
        from django.db import connection, connections

        connections.close_all()
        from inddrag.wsgi import application

        path = f"/api/v1/processes/{process.pk}/contributions"

        def post(n: int, run: str) -> None:
            key = f"cpu-{run}-{n}"
            body = json.dumps(
                {
                    "text": f"Bidrag {n} (nøgle {key}). {TEXT}",
                    "speaking_as": "private",
                    "consent": "name",
                    "name": f"Borger {n}",
                    "email": f"borger{n}.{run}@example.dk",
                }
            ).encode()
            environ = {
                "REQUEST_METHOD": "POST",
                "PATH_INFO": path,
                "QUERY_STRING": "",
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "8000",
                "SERVER_PROTOCOL": "HTTP/1.1",
                "HTTP_HOST": "127.0.0.1:8000",
                "REMOTE_ADDR": "127.0.0.1",
                "CONTENT_TYPE": "application/json",
                "CONTENT_LENGTH": str(len(body)),
                "HTTP_IDEMPOTENCY_KEY": key,
                "wsgi.url_scheme": "http",
                "wsgi.input": io.BytesIO(body),
                "wsgi.errors": sys.stderr,
            }
            status: list[str] = []
            response = application(environ, lambda s, h, exc_info=None: status.append(s))
            content = b"".join(response)
            response.close()
            if not status[0].startswith("201"):
                raise RuntimeError(f"{status[0]}: {content[:300]!r}")

        for n in range(args.warmup):
            post(n, "warm")
        statements: list[str] = []

        def record(execute, sql, params, many, context):
            statements.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            post(0, "count")
        print(f"Statements in one post (without BEGIN and COMMIT): {len(statements)}")
        for sql in statements:
            print(f"  {sql[:110]}")
        cpu, wall = time.process_time(), time.perf_counter()
        for n in range(args.posts):
            post(n, "time")
        cpu = (time.process_time() - cpu) * 1000 / args.posts
        wall = (time.perf_counter() - wall) * 1000 / args.posts
        print(
            f"{args.posts} posts: {cpu:.2f} ms of CPU (process_time) and {wall:.2f} ms wall a "
            f"post; load average {os.getloadavg()[0]:.2f}"
        )
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for n in range(args.posts):
                post(n, "profile")
            profile.disable()
            stats = pstats.Stats(profile)
            print(f"Function calls a post (cProfile): {stats.total_calls / args.posts:,.0f}")
            stats.sort_stats("cumulative").print_stats(40)
        connections.close_all()
    finally:
        serving.drop_database(admin_url, args.database_name, args.redis_url)
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
