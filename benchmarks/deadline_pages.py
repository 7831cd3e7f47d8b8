"""Issue #14's table, re-measured the way the issue measured it. Run by hand, not in the tests.

    .venv/bin/python benchmarks/deadline_pages.py
    .venv/bin/python benchmarks/deadline_pages.py --uncached-env INDDRAG_PAGE_CACHE=0

PostgreSQL (its own database `bench_deadline_pages` on the server of DATABASE_URL, dropped at the
end unless --keep) with 1,000 processes and one open hearing holding 10,000 published, answered
contributions; Redis as the shared cache (db 10, flushed at the start); gunicorn with 2 sync
workers, DEBUG off, production settings (the second factor off: the staff pages are measured,
not the login). Each page is measured with ApacheBench (`ab`, Debian's apache2-utils), pages
interleaved, in --passes passes: --requests requests from 1 client (p50 and p95 ms) and from 8
clients (requests per second). The figure per page is the median over the passes. The bare view
is `/healthz` (answered by middleware, the floor of the stack). The query count of each page is
read in this process through Django's test client with the same settings.

With --uncached-env NAME=VALUE a second gunicorn with that setting (the page cache off) is
measured too, so cached and uncached figures come from one run.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = ROOT / ".venv" / "bin"
DATABASE = "bench_deadline_pages"

from benchmarks import serving  # noqa: E402
from benchmarks.spike import Children  # noqa: E402


def ab(url: str, requests: int, clients: int, cookie: str | None) -> tuple[float, float, float]:
    """(p50 ms, p95 ms, requests per second) of ``requests`` GETs from ``clients`` clients."""
    command = ["ab", "-q", "-n", str(requests), "-c", str(clients)]
    if cookie:
        command += ["-C", cookie]
    output = subprocess.run(  # noqa: S603 (our own command)
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    failed = int(re.search(r"Failed requests:\s+(\d+)", output).group(1))
    non_2xx = re.search(r"Non-2xx responses:\s+(\d+)", output)
    if failed or non_2xx:
        raise RuntimeError(f"{url}: {failed} failed, {non_2xx and non_2xx.group(1)} non-2xx")
    p50 = float(re.search(r"^\s+50%\s+(\d+)", output, re.M).group(1))
    p95 = float(re.search(r"^\s+95%\s+(\d+)", output, re.M).group(1))
    rps = float(re.search(r"Requests per second:\s+([\d.]+)", output).group(1))
    return p50, p95, rps


def build(processes: int, contributions: int):
    """The data: ``processes`` published processes and one open hearing with
    ``contributions`` published, answered contributions and a document in two versions."""
    from benchmarks import contributions as contributions_bench
    from benchmarks import memo as memo_bench
    from benchmarks import pages as pages_bench
    from inddrag.documents.models import Document, DocumentVersion
    from inddrag.processes.models import Process
    from tests.factories import StaffFactory

    pages_bench.fill(processes - 1)
    big, fixed = contributions_bench.open_process("Kommuneplan 2027 — høring")
    contributions_bench.fill(big, fixed, contributions)
    staff = StaffFactory(username="bench-staff")
    Process.objects.filter(pk=big.pk).update(responsible=staff, centre=staff.centre)
    document = Document.objects.create(process=big, title="Forslag til kommuneplan")
    versions = [
        DocumentVersion.objects.create(
            document=document,
            label=label,
            dated=datetime.date.today(),
            author=staff,
            blocks=memo_bench.document_blocks(300, changed=changed),
            published=True,
        )
        for label, changed in (("hearing", False), ("final", True))
    ]
    return staff, big, versions


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=1000)
    parser.add_argument("--contributions", type=int, default=10000)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--requests", type=int, default=200, help="per page, pass and client count")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8721)
    parser.add_argument(
        "--uncached-env", default="", help="NAME=VALUE: also a server without cache"
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/10")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if not shutil.which("ab"):
        sys.exit("ApacheBench (ab) is needed: apt-get install apache2-utils")

    admin_url, db_url = serving.database_urls(args.database_url, DATABASE)
    workdir = Path(tempfile.mkdtemp(prefix="bench_deadline_pages_"))
    (workdir / "logs").mkdir()
    env = serving.environment(
        workdir,
        db_url,
        args.redis_url,
        ALLOWED_HOSTS="127.0.0.1,testserver",
        INDDRAG_STAFF_2FA="off",  # the staff pages are measured, not the login
    )
    os.environ.update(env)
    children = Children(workdir / "logs")

    def terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    try:
        serving.fresh_database(admin_url, DATABASE)
        from django.conf import settings
        from django.db import connection, connections
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        started = time.perf_counter()
        staff, big, versions = build(args.processes, args.contributions)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(
            f"{args.processes} processes, {args.contributions} contributions in one, built in "
            f"{time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        staff_client = Client()
        staff_client.force_login(staff)
        cookie = f"sessionid={staff_client.cookies['sessionid'].value}"
        pages = [
            ("bare view (/healthz)", "/healthz", None),
            ("front page", "/", None),
            ("process list", "/forloeb/", None),
            ("process page, 10k", f"/forloeb/{big.pk}/", None),
            ("same, searched", f"/forloeb/{big.pk}/?q_bidrag=tr%C3%A6erne", None),
            ("compare page", f"/dokumenter/sammenlign/{versions[0].pk}/{versions[1].pk}/", None),
            ("API process list", "/api/v1/processes", None),
            ("API contributions", f"/api/v1/processes/{big.pk}/contributions", None),
            ("staff dashboard", "/personale/", cookie),
            ("staff inbox, 10k", f"/personale/forloeb/{big.pk}/bidrag/", cookie),
            ("memo preview, 10k", f"/personale/forloeb/{big.pk}/hoeringsnotat/", cookie),
        ]
        queries = {}
        settings.INDDRAG_PAGE_CACHE = False  # the pages' own queries, not a cache hit's
        for name, url, auth in pages:
            client = staff_client if auth else Client()
            client.get(url)  # warm
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url}: {response.status_code}")
            queries[name] = len(captured)
        connections.close_all()

        servers = {"cached": (args.port, {})}
        if args.uncached_env:
            key, _, value = args.uncached_env.partition("=")
            servers["uncached"] = (args.port + 1, {key: value})
        for label, (port, extra) in servers.items():
            children.start(
                f"gunicorn-{label}",
                serving.server_command("gunicorn", port, args.workers),
                {**env, **extra},
            )
            serving.wait_until_serving(port, "/healthz", 60)

        results: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
        for n in range(args.passes):
            for label, (port, _) in servers.items():
                for name, url, auth in pages:
                    full = f"http://127.0.0.1:{port}{url}"
                    one = ab(full, args.requests, 1, auth)
                    many = ab(full, args.requests * 2, 8, auth)
                    results.setdefault((label, name), []).append((one[0], one[1], many[2]))
            print(f"pass {n + 1} done, load average {os.getloadavg()[0]:.1f}", flush=True)

        print(
            f"\n{'server':9} {'page':24} {'p50 ms':>7} {'p95 ms':>7} {'req/s c=8':>10} "
            f"{'queries':>8}"
        )
        for (label, name), rows in results.items():
            p50 = statistics.median(r[0] for r in rows)
            p95 = statistics.median(r[1] for r in rows)
            rps = statistics.median(r[2] for r in rows)
            print(f"{label:9} {name:24} {p50:7.0f} {p95:7.0f} {rps:10.1f} {queries[name]:8d}")
        print(f"\nload average at the end: {os.getloadavg()}")
        return 0
    finally:
        children.stop_all()
        if not args.keep:
            serving.drop_database(admin_url, DATABASE, args.redis_url)
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
