"""What the load benchmarks share (api_post.py, servers.py, deadline_day.py): a PostgreSQL
database of their own, the production-like environment of the app servers (DEBUG off, Redis as
the shared cache, the database task backend), the commands that start gunicorn, granian and the
task worker, the CPU time the processes spent, and the count of what the database holds against
what the clients were told. The processes themselves are started and stopped with spike.py's
``Children`` (each in its own process group, nothing left running)."""

from __future__ import annotations

import collections
import http.client
import os
import secrets
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
BIN = ROOT / ".venv" / "bin"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def database_urls(given: str, name: str) -> tuple[str, str]:
    """(the URL to administer the server through, the URL of the benchmark's own database)."""
    parts = urlsplit(given or "postgres://postgres@127.0.0.1:5432/postgres")
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit("The benchmark needs PostgreSQL: DATABASE_URL=postgres://user@host:5432/db")
    return urlunsplit(parts._replace(path="/postgres")), urlunsplit(parts._replace(path=f"/{name}"))


def admin_sql(admin_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def environment(workdir: Path, db_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    """The app servers' environment: as in production, the rate limit out of the way (every
    request comes from 127.0.0.1), e-mails written to files by the task worker."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inddrag.settings",
        "DEBUG": "0",
        "INDDRAG_DEMO": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": db_url,
        "REDIS_URL": redis_url,
        "INDDRAG_API_RATE": "1000000/m",
        "INDDRAG_VAR_DIR": str(workdir / "var"),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(workdir / "mail"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    env.pop("TASKS_BACKEND", None)  # the default: the database
    return env


def fresh_database(admin_url: str, name: str) -> None:
    """Create the benchmark's database (dropped first), migrate it, and flush the cache."""
    admin_sql(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin_sql(admin_url, f"CREATE DATABASE {name}")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    cache.clear()  # the benchmark's own Redis database: FLUSHDB
    call_command("migrate", verbosity=0)


def drop_database(admin_url: str, name: str, redis_url: str) -> None:
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()
    admin_sql(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    import redis

    redis.Redis.from_url(redis_url).flushdb()


SERVERS = ("gunicorn", "gunicorn-gthread", "granian")


def server_command(kind: str, port: int, workers: int, threads: int = 4) -> list[str]:
    """gunicorn with gunicorn.conf.py (sync workers, or gthread with ``threads``), or granian's
    WSGI interface with its defaults."""
    if kind == "granian":
        return [
            str(BIN / "granian"),
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--no-ws",
            "--log-level",
            "warning",
            "inddrag.wsgi:application",
        ]
    command = [
        str(BIN / "gunicorn"),
        "-c",
        str(ROOT / "gunicorn.conf.py"),
        "inddrag.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--backlog",
        "2048",
        "--max-requests",
        "0",  # no worker replaced during a measurement
    ]
    if kind == "gunicorn-gthread":
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    else:
        command += ["--worker-class", "sync"]
    return command


def task_worker_command() -> list[str]:
    return [
        str(BIN / "python"),
        "manage.py",
        "db_worker",
        "--interval",
        "0.5",
        "--no-reload",
        "--no-startup-delay",
    ]


def wait_until_serving(port: int, path: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", path, headers={"Connection": "close"})
            if connection.getresponse().status == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    raise RuntimeError(f"the server on port {port} did not answer {path} in {seconds:.0f} s")


# --- CPU time -----------------------------------------------------------------------------------


def _stat(pid: int) -> list[str] | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2 :].split()


def descendants(pid: int) -> list[int]:
    """``pid`` and every live process under it (a server's master and workers)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += [child for child, parent in parents.items() if parent == current]
    return found


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds each live process has used."""
    used = {}
    for pid in pids:
        fields = _stat(pid)
        if fields:
            used[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return used


def backend_pids(database: str) -> list[int]:
    """The PostgreSQL backends connected to ``database`` (same host: their CPU is readable)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend'",
            [database],
        )
        return [row[0] for row in cursor.fetchall()]


class CpuMeter:
    """CPU seconds spent between ``start()`` and ``stop()`` by the given process trees and by the
    PostgreSQL backends of the database (backends that come and go in between are missed, so
    the servers keep their connections: CONN_MAX_AGE=60)."""

    def __init__(self, roots: dict[str, list[int]], database: str) -> None:
        self.roots = roots
        self.database = database
        self.before: dict[str, dict[int, float]] = {}
        self.spent: dict[str, float] = {}

    def _read(self) -> dict[str, dict[int, float]]:
        now = {
            name: cpu_seconds([p for root in pids for p in descendants(root)])
            for name, pids in self.roots.items()
        }
        now["postgres"] = cpu_seconds(backend_pids(self.database))
        return now

    def start(self) -> None:
        self.before = self._read()

    def stop(self) -> dict[str, float]:
        after = self._read()
        self.spent = {
            name: sum(value - self.before.get(name, {}).get(pid, 0.0) for pid, value in now.items())
            for name, now in after.items()
        }
        return self.spent


class WaitSampler:
    """Samples what the database's backends are doing (pg_stat_activity, every ``interval``
    seconds, on a connection of its own) while the load runs: on the CPU, waiting for a lock
    (a post waiting for another's row lock on the process's counter: Lock/transactionid),
    flushing the WAL at commit (IO/WALSync, LWLock/WALWrite), or idle in a transaction waiting
    for the app (Client/ClientRead)."""

    def __init__(self, admin_url: str, database: str, interval: float = 0.02) -> None:
        self.admin_url, self.database, self.interval = admin_url, database, interval
        self.counts: collections.Counter[str] = collections.Counter()
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            while not self._stop.is_set():
                rows = connection.execute(
                    "SELECT state, wait_event_type, wait_event FROM pg_stat_activity "
                    "WHERE datname = %s AND backend_type = 'client backend'",
                    [self.database],
                ).fetchall()
                self.samples += 1
                for state, kind, event in rows:
                    if state == "idle":
                        continue
                    self.counts[f"{kind}/{event}" if kind else f"{state}: on the CPU"] += 1
                time.sleep(self.interval)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> list[str]:
        self._stop.set()
        self._thread.join()
        busy = sum(self.counts.values())
        return [
            f"{name:40} {n / max(1, self.samples):6.2f} backends on average "
            f"({n / max(1, busy):.0%})"
            for name, n in self.counts.most_common(6)
        ]


# --- Counting -----------------------------------------------------------------------------------


@dataclass
class Tally:
    rows: int
    acknowledged: int
    lost: int
    duplicated: int
    counter: int
    receipts: int
    # Saved for a post whose answer the client never recorded (stopped mid-request at the end).
    unrecorded: int
    tasks: int

    @property
    def ok(self) -> bool:
        return not self.lost and not self.duplicated and self.counter == self.rows

    def lines(self) -> list[str]:
        return [
            f"{'Acknowledged (201/200)':40} {self.acknowledged:>8}",
            f"{'Contributions in the database':40} {self.rows:>8}",
            f"{'  LOST (acknowledged, none saved)':40} {self.lost:>8}",
            f"{'  DUPLICATED (extra per key, or no key)':40} {self.duplicated:>8}",
            f"{'  saved, answer not recorded (in flight)':40} {self.unrecorded:>8}",
            f"{'  process counter (must equal the rows)':40} {self.counter:>8}",
            f"{'Receipts queued / their tasks':40} {self.receipts:>8} / {self.tasks}",
        ]


def tally(process_id: int, acknowledged_keys: set[str], sent_keys: set[str], key_in_text) -> Tally:
    """What the database holds for ``process_id`` against the keys the clients were told
    201/200 for: a key is lost without its contribution; more than one contribution for a key,
    or one no key asked for, is a duplicate. The process's received counter must equal the
    rows (it is kept by the submit, never recounted here)."""
    from django_tasks_db.models import DBTaskResult

    from inddrag.contributions.models import Contribution
    from inddrag.notifications.models import Notification
    from inddrag.processes.models import Process

    by_key: dict[str, int] = collections.Counter()
    strays = 0
    texts = Contribution.objects.filter(process_id=process_id).values_list("text", flat=True)
    rows = 0
    for text in texts.iterator():
        rows += 1
        found = key_in_text.search(text)
        if found:
            by_key[found.group(1)] += 1
        else:
            strays += 1
    return Tally(
        rows=rows,
        acknowledged=len(acknowledged_keys),
        lost=sum(1 for key in acknowledged_keys if not by_key.get(key)),
        duplicated=sum(n - 1 for n in by_key.values() if n > 1) + strays,
        unrecorded=sum(1 for key in by_key if key not in sent_keys),
        counter=Process.objects.get(pk=process_id).contributions_received,
        receipts=Notification.objects.filter(kind=Notification.Kind.RECEIPT).count(),
        tasks=DBTaskResult.objects.count(),
    )


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def fill_published(process, count: int) -> None:
    """``count`` published contributions with published answers on ``process`` (bulk, then the
    counters recounted: bulk_create passes by them), as a hearing's public page shows them."""
    import datetime

    from django.utils import timezone

    from inddrag.contributions import services
    from inddrag.contributions.models import Answer, Contribution
    from tests.factories import StaffFactory

    staff = StaffFactory()
    now = timezone.now()
    outcomes = [o for o in Answer.Outcome.values if o != "outside_frame"]  # needs a frame item
    for start in range(0, count, 1000):
        rows = Contribution.objects.bulk_create(
            Contribution(
                process=process,
                text=f"Et offentliggjort bidrag ({n}) om trafikken og træerne ved stien.",
                published_text=f"Et offentliggjort bidrag ({n}) om trafikken og træerne ved stien.",
                speaking_as="private",
                name=f"Borger {n}",
                published_name=f"Borger {n}",
                email=f"borger{n}@example.dk",
                consent="name",
                received_at=now - datetime.timedelta(minutes=n + 1),
                publication=Contribution.Publication.PUBLISHED,
                receipt_number=f"LOAD-{n:07d}",
                source="online",
            )
            for n in range(start, min(start + 1000, count))
        )
        Answer.objects.bulk_create(
            Answer(
                contribution=c,
                outcome=outcomes[i % len(outcomes)],
                reason="Tak for dit bidrag. Vi bevarer de store træer langs stien.",
                published_at=now,
                author=staff,
            )
            for i, c in enumerate(rows)
        )
    services.recount(type(process).objects.filter(pk=process.pk))
