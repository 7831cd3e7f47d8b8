"""Spike test: many concurrent posts of contributions against several real app servers, with an
app server's worker killed mid-run. Counts lost and duplicated contributions and undelivered
receipt e-mails. Run by hand, not in the test suite.

    .venv/bin/python benchmarks/spike.py
    .venv/bin/python benchmarks/spike.py --posts 1000 --kill-master
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/spike.py

As in production: PostgreSQL (its own database `bench_spike` on the server of DATABASE_URL,
dropped at the end unless --keep), Redis as the shared cache (REDIS_URL, default db 7, flushed at
the start), two or more gunicorn masters on their own ports with sync workers, DEBUG off, and
`manage.py db_worker` processes sending the receipts through the file e-mail backend (one file a
connection, in a temporary folder), so every delivered e-mail can be counted.

Clients: --clients threads post --posts contributions (JSON, each with its own Idempotency-Key, a
distinct text naming the key and its own e-mail address, so every contribution gets a receipt),
round-robin over the servers. A connection error, a timeout or a 5xx is retried with the *same*
key against the next server, up to --attempts times. After --kill-at of the posts one gunicorn
worker (not the master) is killed with SIGKILL; --kill-workers kills more, spread over the
middle of the run; --kill-master also kills a whole server (master and workers, as a crashed
machine) half-way and starts it again.

At the end it waits for the task workers to drain the queue (--drain-timeout) and counts in the
database: lost (a key the client got 201/200 for, without a contribution), duplicated (a key with
more than one contribution, or a contribution no key asked for), receipts queued and e-mails
written (undelivered, or delivered twice). Exits 1 if anything was lost, duplicated, refused, left
unanswered or undelivered.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = ROOT / ".venv" / "bin"
DATABASE = "bench_spike"

TEXT = (
    "Jeg bor på Banegårdspladsen og har læst forslaget til lokalplan. Jeg er bekymret for "
    "trafikken i de små veje, og for at de store træer ved stien forsvinder. Kan I bevare "
    "træerne og lave en sikker cykelsti langs Ballerup Byvej? Tak for muligheden."
)
KEY_IN_TEXT = re.compile(r"\(nøgle (spike-[a-z]+-\d+)\)")


# --- Child processes ----------------------------------------------------------------------------


class Children:
    """Every process the spike starts, each in its own process group, so that a kill takes the
    process with everything it started, and nothing is left running at the end."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(  # noqa: S603 (our own commands, no shell)
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()  # the child has its own copy
        self.running[name] = process
        return process

    def kill_group(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.running.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        _kill_group_leftovers(process.pid)

    def stop_all(self) -> None:
        for process in list(self.running.values()):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for name in list(self.running):
            process = self.running[name]
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            _kill_group_leftovers(process.pid)
            del self.running[name]


def _group_members(pgid: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def _kill_group_leftovers(pgid: int) -> None:
    """A group's processes that outlived its leader (a gunicorn worker whose master was killed)."""
    for _ in range(50):
        members = _group_members(pgid)
        if not members:
            return
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            return
        time.sleep(0.1)


def children_of(pid: int) -> list[int]:
    """The live child processes of ``pid`` (a gunicorn master's workers), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return sorted(found)


# --- Clients ------------------------------------------------------------------------------------


@dataclass
class Post:
    n: int
    key: str
    email: str
    body: bytes
    attempts: list[tuple[int, str, float]] = field(default_factory=list)  # (port, outcome, ms)
    status: int | None = None  # the final answer: 201, 200, another 4xx, or None (gave up)
    receipt: str = ""
    started: float = 0.0
    finished: float = 0.0


RETRY = {500, 502, 503, 504}


def send(port: int, path: str, post: Post, timeout: float) -> tuple[int | None, str, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(
            "POST",
            path,
            body=post.body,
            headers={
                "Content-Type": "application/json",
                "Idempotency-Key": post.key,
                "Connection": "close",
            },
        )
        response = connection.getresponse()
        data = response.read()
    except (OSError, http.client.HTTPException) as exc:  # refused, reset, timeout, cut off
        return None, type(exc).__name__, {}
    finally:
        connection.close()
    try:
        payload = json.loads(data)
    except ValueError:
        payload = {}
    return response.status, str(response.status), payload if isinstance(payload, dict) else {}


def run_post(post: Post, ports: list[int], path: str, args: argparse.Namespace) -> None:
    post.started = time.perf_counter()
    for attempt in range(args.attempts):
        port = ports[(post.n + attempt) % len(ports)]  # a retry goes to the next server
        t0 = time.perf_counter()
        status, outcome, payload = send(port, path, post, args.timeout)
        post.attempts.append((port, outcome, (time.perf_counter() - t0) * 1000))
        if status is not None and status not in RETRY:
            post.status = status
            post.receipt = str(payload.get("receipt_number", ""))
            break
        time.sleep(min(0.05 * 2**attempt, 1.0))
    post.finished = time.perf_counter()


# --- Faults -------------------------------------------------------------------------------------


@dataclass
class Fault:
    at_post: int
    what: str
    done: str = ""


# --- Set-up -------------------------------------------------------------------------------------


def database_urls(given: str) -> tuple[str, str]:
    """(the URL to administer the server through, the URL of the spike's own database)."""
    parts = urlsplit(given)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit("The spike needs PostgreSQL: DATABASE_URL=postgres://user@host:5432/db")
    admin = urlunsplit(parts._replace(path="/postgres"))
    return admin, urlunsplit(parts._replace(path=f"/{DATABASE}"))


def admin_sql(admin_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def open_process():
    """A public process with a hearing open for another three weeks."""
    from django.utils import timezone

    from inddrag.processes.models import Activity, Process
    from tests.factories import ActivityFactory, ProcessFactory

    now = timezone.now()
    process = ProcessFactory(
        status=Process.Status.OPEN, published_at=now, title="Lokalplan for Banegårdspladsen"
    )
    ActivityFactory(
        process=process,
        method=Activity.Method.HEARING,
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=21),
    )
    return process


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


def count_mail(folder: Path) -> collections.Counter[str]:
    """How many e-mails went to each address, from the file backend's files."""
    sent: collections.Counter[str] = collections.Counter()
    for path in folder.iterdir():
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("To: "):
                sent[line[4:].strip().lower()] += 1
    return sent


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


# --- The spike ----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (threads)")
    parser.add_argument("--servers", type=int, default=2, help="gunicorn masters")
    parser.add_argument("--workers", type=int, default=3, help="sync workers per master")
    parser.add_argument("--task-workers", type=int, default=2, help="manage.py db_worker")
    parser.add_argument("--port", type=int, default=8701, help="the first server's port")
    parser.add_argument("--kill-at", type=float, default=1 / 3, help="fraction of the posts")
    parser.add_argument("--kill-workers", type=int, default=1, help="gunicorn workers to kill")
    parser.add_argument("--kill-master", action="store_true", help="also kill a whole server")
    parser.add_argument("--master-down", type=float, default=3.0, help="seconds it stays down")
    parser.add_argument("--attempts", type=int, default=8, help="per post, the first included")
    parser.add_argument("--timeout", type=float, default=30.0, help="client timeout, seconds")
    parser.add_argument("--drain-timeout", type=float, default=300.0)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--keep", action="store_true", help="keep the database and the files")
    args = parser.parse_args()
    if args.servers < 2 and args.kill_master:
        parser.error("--kill-master needs at least two servers")

    admin_url, db_url = database_urls(
        args.database_url or "postgres://postgres@127.0.0.1:5432/postgres"
    )
    workdir = Path(tempfile.mkdtemp(prefix="bench_spike_"))
    (workdir / "mail").mkdir()
    (workdir / "logs").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inddrag.settings",
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
        "INDDRAG_API_RATE": "100000/m",  # every post comes from 127.0.0.1
        "INDDRAG_VAR_DIR": str(workdir / "var"),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(workdir / "mail"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("TASKS_BACKEND", None)  # the default: the database
    os.environ.update(env)  # this process reads the same database (set-up and counting)

    children = Children(workdir / "logs")
    stop = threading.Event()

    def terminate(signum, frame):  # SIGTERM: clean up like Ctrl-C
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C, even if started with &
    failed = True
    try:
        import django

        admin_sql(admin_url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin_sql(admin_url, f"CREATE DATABASE {DATABASE}")
        django.setup()
        from django.conf import settings
        from django.core.cache import cache
        from django.core.management import call_command
        from django.db import connections

        assert str(workdir / "mail") == settings.EMAIL_FILE_PATH
        cache.clear()  # the dedicated Redis database: FLUSHDB
        call_command("migrate", verbosity=0)
        process = open_process()
        connections.close_all()
        path = f"/api/v1/processes/{process.pk}/contributions"
        print(
            f"PostgreSQL {DATABASE}, Redis {args.redis_url}; {args.servers} gunicorn masters × "
            f"{args.workers} sync workers, {args.task_workers} task workers; {args.posts} posts "
            f"from {args.clients} clients; files in {workdir}",
            flush=True,
        )

        ports = [args.port + i for i in range(args.servers)]

        def start_server(i: int) -> None:
            children.start(
                f"gunicorn-{ports[i]}",
                [
                    str(BIN / "gunicorn"),
                    "inddrag.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{ports[i]}",
                    "--workers",
                    str(args.workers),
                    "--worker-class",
                    "sync",
                    "--timeout",
                    "30",
                    "--backlog",
                    "2048",
                ],
                env,
            )

        for i in range(args.task_workers):
            children.start(
                f"db_worker-{i}",
                [
                    str(BIN / "python"),
                    "manage.py",
                    "db_worker",
                    "--interval",
                    "0.5",
                    "--no-reload",
                    "--no-startup-delay",
                ],
                env,
            )
        for i in range(args.servers):
            start_server(i)
        for port in ports:
            wait_until_serving(port, f"/api/v1/processes/{process.pk}", 60)

        # The posts, each with its own key, text and address.
        run = "".join(random.choices(string.ascii_lowercase, k=8))
        posts = []
        for n in range(args.posts):
            key = f"spike-{run}-{n}"
            email = f"borger{n}.{run}@example.dk"
            body = {
                "text": f"Bidrag {n} i spiketesten (nøgle {key}). {TEXT}",
                "speaking_as": "private",
                "consent": "name",
                "name": f"Borger {n}",
                "email": email,
            }
            posts.append(Post(n, key, email, json.dumps(body).encode()))

        # Faults at fixed points of the run.
        faults: list[Fault] = []
        span = max(0.0, 0.9 - args.kill_at)
        for k in range(args.kill_workers):
            at = args.kill_at + (span * k / args.kill_workers if args.kill_workers > 1 else 0)
            faults.append(Fault(int(args.posts * at), f"worker:{k % args.servers}"))
        if args.kill_master:
            faults.append(Fault(args.posts // 2, f"master:{args.servers - 1}"))
        faults.sort(key=lambda f: f.at_post)

        done = 0
        done_lock = threading.Lock()
        next_post = iter(posts)
        next_lock = threading.Lock()

        def client() -> None:
            nonlocal done
            while not stop.is_set():
                with next_lock:
                    post = next(next_post, None)
                if post is None:
                    return
                run_post(post, ports, path, args)
                with done_lock:
                    done += 1

        killed: set[int] = set()

        def kill_worker(fault: Fault, index: int) -> None:
            """SIGKILL one worker (not the master) of a running server, never one already
            killed; the master starts a new one in its place."""
            for turn in range(100):
                name = f"gunicorn-{ports[(index + turn) % len(ports)]}"
                master = children.running.get(name)
                workers = [p for p in children_of(master.pid) if p not in killed] if master else []
                if workers:
                    victim = random.choice(workers)
                    killed.add(victim)
                    os.kill(victim, signal.SIGKILL)
                    fault.done = f"SIGKILL gunicorn worker {victim} of {name} at post {done}"
                    return
                time.sleep(0.1)  # the server is being restarted, or has no worker yet
            fault.done = "found no worker to kill"

        def kill_server(fault: Fault, index: int) -> None:
            """SIGKILL a master with its workers (a crashed machine), start it again."""
            name = f"gunicorn-{ports[index]}"
            children.kill_group(name)
            down = time.perf_counter()
            time.sleep(args.master_down)
            start_server(index)
            wait_until_serving(ports[index], f"/api/v1/processes/{process.pk}", 120)
            fault.done = (
                f"SIGKILL {name} (master and workers) at post {fault.at_post}, "
                f"serving again after {time.perf_counter() - down:.1f} s"
            )

        def injector(kind: str) -> None:
            for fault in faults:
                if not fault.what.startswith(kind):
                    continue
                while done < fault.at_post and not stop.is_set():
                    time.sleep(0.005)
                if stop.is_set():
                    return
                index = int(fault.what.split(":")[1])
                (kill_worker if kind == "worker" else kill_server)(fault, index)

        threads = [threading.Thread(target=client, daemon=True) for _ in range(args.clients)]
        chaos = [
            threading.Thread(target=injector, args=(kind,), daemon=True)
            for kind in ("worker", "master")
        ]
        started = time.perf_counter()
        for thread in chaos:
            thread.start()
        for thread in threads:
            thread.start()
        shown = 0
        while any(t.is_alive() for t in threads):
            time.sleep(0.5)
            if done >= shown + args.posts // 10 or done == args.posts:
                shown = done
                print(f"  {done}/{args.posts} posts, {time.perf_counter() - started:.0f} s")
        wall = time.perf_counter() - started
        for thread in chaos:
            thread.join(timeout=180)
        for fault in faults:
            print(f"  fault: {fault.done or 'not done: ' + fault.what}")

        # Let the task workers send every receipt.
        from django_tasks_db.models import DBTaskResult

        from inddrag.notifications.models import Notification

        drain_started = time.perf_counter()
        deadline = time.monotonic() + args.drain_timeout
        while True:
            pending = Notification.objects.filter(status=Notification.Status.PENDING).count()
            queued = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()
            if (pending == 0 and queued == 0) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        drain = time.perf_counter() - drain_started
        connections.close_all()
        children.stop_all()  # servers and task workers: nothing more is written

        failed = report(args, posts, faults, process, workdir, wall, drain)
    except KeyboardInterrupt:
        stop.set()
        print("\ninterrupted", file=sys.stderr)
    finally:
        stop.set()
        children.stop_all()
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        if args.keep:
            print(f"kept: database {DATABASE}, files in {workdir}")
        else:
            try:
                admin_sql(admin_url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
                import redis

                redis.Redis.from_url(args.redis_url).flushdb()
            finally:
                shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


def report(args, posts, faults, process, workdir, wall, drain) -> bool:
    """Count what the clients were told against what the database holds and what was mailed;
    print the table; True when something was lost, duplicated, unanswered or undelivered."""
    from django_tasks_db.models import DBTaskResult

    from inddrag.contributions.models import Contribution
    from inddrag.contributions.services import SCOPE
    from inddrag.idempotency.models import IdempotencyKey
    from inddrag.idempotency.services import _hash
    from inddrag.notifications.models import Notification

    rows = list(Contribution.objects.filter(process=process).values_list("pk", "text", "email"))
    by_key: dict[str, list[int]] = collections.defaultdict(list)
    strays = 0
    for pk, text, _email in rows:
        found = KEY_IN_TEXT.search(text)
        if found:
            by_key[found.group(1)].append(pk)
        else:
            strays += 1
    scope = SCOPE % process.pk
    key_rows = dict(IdempotencyKey.objects.filter(scope=scope).values_list("key_hash", "object_id"))

    acknowledged = [p for p in posts if p.status in (201, 200)]
    lost = [p for p in acknowledged if not by_key.get(p.key)]
    duplicated = sum(len(pks) - 1 for pks in by_key.values() if len(pks) > 1)
    known = {p.key for p in posts}
    unknown = sum(len(pks) for key, pks in by_key.items() if key not in known) + strays
    wrong_key = [
        p
        for p in acknowledged
        if by_key.get(p.key) and key_rows.get(_hash(scope, p.key)) not in by_key[p.key]
    ]
    unanswered = [p for p in posts if p.status is None]
    refused = [p for p in posts if p.status is not None and p.status not in (201, 200)]
    created_unacknowledged = [p for p in posts if p.status not in (201, 200) and by_key.get(p.key)]

    outcomes = collections.Counter(outcome for p in posts for _, outcome, _ in p.attempts)
    attempts = sum(len(p.attempts) for p in posts)
    errors = sum(n for outcome, n in outcomes.items() if not outcome.isdigit())
    server_errors = sum(
        n for outcome, n in outcomes.items() if outcome.isdigit() and int(outcome) >= 500
    )
    replays = sum(1 for p in posts if p.status == 200)

    receipts = Notification.objects.filter(kind=Notification.Kind.RECEIPT)
    queued = receipts.count()
    statuses = collections.Counter(receipts.values_list("status", flat=True))
    task_states = collections.Counter(DBTaskResult.objects.values_list("status", flat=True))
    with_task = {
        args["args"][0]
        for args in DBTaskResult.objects.values_list("args_kwargs", flat=True)
        if args.get("args")
    }
    without_task = receipts.exclude(pk__in=with_task).count()
    mailed = count_mail(workdir / "mail")
    addresses = {email.lower() for _pk, _text, email in rows if email}
    undelivered = sorted(addresses - set(mailed))
    mailed_twice = sum(n - 1 for address, n in mailed.items() if n > 1)
    mailed_elsewhere = sum(n for address, n in mailed.items() if address not in addresses)

    latencies = [(p.finished - p.started) * 1000 for p in acknowledged]
    print()
    print(f"{'Posts sent':42} {len(posts):>8}")
    print(
        f"{'  acknowledged (201 new / 200 repeat)':42} {len(acknowledged):>8}   "
        f"({len(acknowledged) - replays} / {replays})"
    )
    print(f"{'  refused (4xx)':42} {len(refused):>8}")
    print(f"{'  unanswered after all attempts':42} {len(unanswered):>8}")
    print(f"{'HTTP attempts':42} {attempts:>8}")
    print(f"{'  retries':42} {attempts - len(posts):>8}")
    print(
        f"{'  client errors (reset, refused, timeout)':42} {errors:>8}   "
        + ", ".join(f"{o} {n}" for o, n in sorted(outcomes.items()) if not o.isdigit())
    )
    print(f"{'  5xx answers':42} {server_errors:>8}")
    print(f"{'Contributions in the database':42} {len(rows):>8}")
    print(f"{'  LOST (acknowledged, no contribution)':42} {len(lost):>8}")
    print(f"{'  DUPLICATED (extra per key, or no key)':42} {duplicated + unknown:>8}")
    print(f"{'  key row not pointing at its contribution':42} {len(wrong_key):>8}")
    print(f"{'  created but never acknowledged':42} {len(created_unacknowledged):>8}")
    print(
        f"{'Receipts queued':42} {queued:>8}   "
        + ", ".join(f"{s} {n}" for s, n in sorted(statuses.items()))
    )
    print(
        f"{'  tasks':42} {sum(task_states.values()):>8}   "
        + ", ".join(f"{s} {n}" for s, n in sorted(task_states.items()))
    )
    print(f"{'  receipts without a task':42} {without_task:>8}")
    print(f"{'E-mails written':42} {sum(mailed.values()):>8}")
    print(f"{'  UNDELIVERED (contribution, no e-mail)':42} {len(undelivered):>8}")
    print(
        f"{'  delivered twice / to an unknown address':42} {mailed_twice:>8} / {mailed_elsewhere}"
    )
    print(
        f"{'Posts per second (acknowledged / wall)':42} {len(acknowledged) / wall:>8.1f}   "
        f"({wall:.1f} s)"
    )
    if latencies:
        print(
            f"{'Latency per post, p50 / p95 / max ms':42} {percentile(latencies, 0.5):>8.0f}"
            f" / {percentile(latencies, 0.95):.0f} / {max(latencies):.0f}"
        )
    print(f"{'Queue drained in':42} {drain:>8.1f} s")
    for p in lost[:5]:
        print(f"  lost: {p.key} {p.status} {p.attempts}")
    for key, pks in list((k, v) for k, v in by_key.items() if len(v) > 1)[:5]:
        print(f"  duplicated: {key} → contributions {pks}")
    for p in (unanswered + refused)[:5]:
        print(f"  not accepted: {p.key} {p.status} {p.attempts}")
    for address in undelivered[:5]:
        print(f"  undelivered: {address}")
    bad = (
        lost
        or duplicated
        or unknown
        or wrong_key
        or unanswered
        or refused
        or undelivered
        or mailed_twice
        or mailed_elsewhere
    )
    print("FAILED" if bad else "OK: nothing lost, nothing duplicated, every e-mail delivered")
    return bool(bad)


if __name__ == "__main__":
    sys.exit(main())
