"""Two app servers, one PostgreSQL and one Redis (docs/deployment.md, "More than one app
server"): a fresh database (a copy of the suite's test database, just migrated by pytest-django
and still empty — running `migrate` again here would take 25 s), two gunicorn processes on two
free ports with the same DATABASE_URL and REDIS_URL; a staff member (made in the test) logs in
on server A and the session works on server B, and the login rate limit is counted across both.
Skipped unless the suite runs on PostgreSQL and Redis answers (the SQLite pass of `make test`
skips it; the PostgreSQL pass runs it)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import redis
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from inddrag.accounts.models import User
from inddrag.organisation.models import Centre

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("INDDRAG_TEST_REDIS_URL") or os.environ.get(
    "REDIS_URL", "redis://127.0.0.1:6379/15"
)
PASSWORD = "to-servere-en-session-42"


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="needs PostgreSQL (DATABASE_URL=postgres://…)",
    ),
    pytest.mark.skipif(not _redis_answers(), reason=f"needs Redis at {REDIS_URL}"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def fresh_database(transactional_db):
    """An empty, migrated PostgreSQL database of its own, copied from the suite's test database
    (PostgreSQL's TEMPLATE), dropped afterwards."""
    params = connection.settings_dict
    name = f"inddrag_two_servers_{uuid.uuid4().hex[:8]}"
    server = {
        "host": params["HOST"] or "127.0.0.1",
        "port": params["PORT"] or 5432,
        "user": params["USER"],
        "password": params["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    # The staff member, committed in the suite's database and copied with it.
    centre = Centre.objects.create(name="Center for Plan og Byg")
    User.objects.create(
        username="planner",
        email="planner@example.dk",
        # The servers run with the production hashers (the suite's MD5 is for speed only).
        password=PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt()),
        role=User.Role.STAFF,
        centre=centre,
    )
    connection.close()  # a template may have no other connection while it is copied
    with psycopg.connect(**server) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{params["NAME"]}"')
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    yield f"postgres://{auth}@{server['host']}:{server['port']}/{name}"
    with psycopg.connect(**server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _environment(database_url: str, tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "INDDRAG_", "SECURE_", "SESSION_", "CSRF_"))
        and k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="inddrag.settings",
        SECRET_KEY="k8Vd-3pQ" * 8,
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        # A prefix of its own: nothing left in this Redis database by another run counts.
        INDDRAG_CACHE_PREFIX=f"two-servers-{uuid.uuid4().hex[:8]}",
        INDDRAG_VAR_DIR=str(tmp_path),
        ALLOWED_HOSTS="127.0.0.1",
        # Plain http between the test and the servers (a proxy would terminate TLS).
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        INDDRAG_STAFF_2FA="off",
        # Four login posts a day per address, counted in Redis by whichever server is asked.
        INDDRAG_LOGIN_RATE="4/d",
        INDDRAG_LOG_FORMAT="json",
        WEB_CONCURRENCY="1",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _wait_until_alive(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode()
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.1)
    raise AssertionError(f"gunicorn on port {port} did not answer /healthz")


@pytest.fixture
def two_servers(fresh_database, tmp_path):
    env = _environment(fresh_database, tmp_path)
    _manage(env, "migrate", "--check")  # nothing left to apply
    ports = [_free_port(), _free_port()]
    processes = [
        subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "-b",
                f"127.0.0.1:{port}",
                "--timeout",
                "20",
                "inddrag.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: the workers are stopped with it
        )
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            _wait_until_alive(port, process)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
            process.stderr.close()


def _login(session: requests.Session, base: str, username: str, password: str):
    page = session.get(f"{base}/log-ind/", timeout=5)
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(
        f"{base}/log-ind/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": password},
        headers={"Referer": f"{base}/log-ind/"},
        allow_redirects=False,
        timeout=5,
    )


def test_a_session_and_a_rate_limit_span_two_app_servers(two_servers):
    a, b = two_servers
    # Both ready: the same database, cache and storage.
    for base in (a, b):
        assert requests.get(f"{base}/readyz", timeout=5).json()["status"] == "ok"

    # Logged in on A (login post 1 of 4) …
    on_a = requests.Session()
    response = _login(on_a, a, "planner", PASSWORD)
    assert response.status_code == 302, response.text[:500]
    session_id = on_a.cookies["sessionid"]

    # … the session cookie alone is enough on B; without it B sends to the login page.
    on_b = requests.Session()
    staff_page = on_b.get(f"{b}/personale/", cookies={"sessionid": session_id}, timeout=5)
    assert staff_page.status_code == 200
    assert "Center for Plan og Byg" in staff_page.text or "planner" in staff_page.text
    anonymous = requests.get(f"{b}/personale/", allow_redirects=False, timeout=5)
    assert anonymous.status_code == 302
    assert "/log-ind/" in anonymous.headers["Location"]

    # The login rate limit (4 a day here) is counted across both servers: posts 2, 3 and 4 on
    # B, A, B are answered as wrong passwords; the fifth, on A, is refused.
    for base in (b, a, b):
        wrong = _login(requests.Session(), base, "nobody", "forkert-kode")
        assert wrong.status_code == 200
    refused = _login(requests.Session(), a, "nobody", "forkert-kode")
    assert refused.status_code == 429
    # Either server gives the same answer now.
    assert _login(requests.Session(), b, "planner", PASSWORD).status_code == 429

    # Each answer carries its request id, and the logs are JSON lines.
    assert len(requests.get(f"{a}/healthz", timeout=5).headers["X-Request-ID"]) == 32
