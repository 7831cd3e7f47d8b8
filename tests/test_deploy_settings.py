"""Production settings hold: `manage.py check --deploy` is clean with the settings documented in
docs/configuration.md, every page carries the Content-Security-Policy, and plain http is sent to
https with HSTS."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "SECRET_KEY": "k8Vd-3pQ" * 8,
    "ALLOWED_HOSTS": "inddrag.ballerup.dk",
    "CSRF_TRUSTED_ORIGINS": "https://inddrag.ballerup.dk",
}


def _run(extra: dict[str, str], tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "DEBUG",
            "INDDRAG_DEMO",
            "SECRET_KEY",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests in this process
        )
        and not k.startswith(("SECURE_", "SESSION_", "CSRF_"))
    }
    env.update(
        PRODUCTION_ENV,
        DJANGO_SETTINGS_MODULE="inddrag.settings",
        INDDRAG_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **extra,
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    result = _run({}, tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_is_clean_behind_a_tls_proxy(tmp_path):
    result = _run(
        {"SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https"},
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_short_secret_key_stops_the_start(tmp_path):
    result = _run({"SECRET_KEY": "x7" * 20}, tmp_path, "check")
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


@pytest.mark.django_db
def test_every_page_carries_the_content_security_policy(client):
    for url in [reverse("processes:home"), reverse("processes:list"), reverse("accounts:login")]:
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "style-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "object-src 'none'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    # The API's OpenAPI page and the admin too.
    assert "Content-Security-Policy" in client.get("/admin/login/")


@pytest.mark.django_db
def test_http_is_sent_to_https_with_hsts():
    with override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31_536_000):
        client = Client()
        response = client.get(reverse("processes:home"))
        assert response.status_code == 301
        assert response["Location"].startswith("https://")
        response = client.get(reverse("processes:home"), secure=True)
        assert response.status_code == 200
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")
