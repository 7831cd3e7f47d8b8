"""`make demo` as a pilot runs it: every command of the demo uses the port it is served on for
the links in e-mails, and the settings in demo mode show the friendly error pages while still
serving static files and writing e-mail to the console."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_every_demo_command_knows_the_port():
    dry_run = subprocess.run(  # noqa: S603 — make, found on PATH above
        [MAKE, "-n", "demo", "PORT=8080"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    commands = [line for line in dry_run.splitlines() if "manage.py" in line]
    demo = [c for c in commands if any(w in c for w in ("seed_demo", "db_worker", "runserver"))]
    assert len(demo) >= 3
    for command in demo:
        assert "INDDRAG_BASE_URL=http://127.0.0.1:8080" in command, command
        assert "INDDRAG_DEMO=1" in command, command
        assert "DEBUG=1" not in command, command
    assert any("runserver 127.0.0.1:8080" in c for c in demo)


def _settings(tmp_path: Path, **env: str) -> dict:
    """The settings a fresh process gets with ``env`` (and nothing of this test run's own)."""
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    clean.pop("DATABASE_URL", None)
    code = (
        "import json, django, os;"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'inddrag.settings';"
        "django.setup();"
        "from django.conf import settings as s;"
        "print(json.dumps({'debug': s.DEBUG, 'email': s.EMAIL_BACKEND,"
        " 'finders': s.WHITENOISE_USE_FINDERS, 'hosts': s.ALLOWED_HOSTS,"
        " 'secure': s.SESSION_COOKIE_SECURE, 'base': s.INDDRAG_BASE_URL}))"
    )
    result = subprocess.run(  # noqa: S603 — the code above, not input
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "INDDRAG_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_demo_mode_has_no_debug_pages_but_runs_on_its_own(tmp_path):
    demo = _settings(tmp_path, INDDRAG_DEMO="1", INDDRAG_BASE_URL="http://127.0.0.1:8080")
    assert demo == {
        "debug": False,  # the friendly 404 and 500 pages
        "email": "django.core.mail.backends.console.EmailBackend",
        "finders": True,  # static files from the source tree, no collectstatic
        "hosts": ["127.0.0.1", "localhost"],
        "secure": False,  # plain http on this machine
        "base": "http://127.0.0.1:8080",
    }
    assert (tmp_path / "secret_key").exists()


def test_production_without_a_secret_key_refuses_to_start(tmp_path):
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    result = subprocess.run(
        [sys.executable, "-c", "import django, os; django.setup()"],
        cwd=ROOT,
        env={
            **clean,
            "INDDRAG_VAR_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "inddrag.settings",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr
