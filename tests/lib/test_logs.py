"""Logs as JSON lines with the request's id (inddrag/lib/logs.py)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from inddrag.lib import logs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def lines():
    """A logger writing JSON lines (with the request id filter) to a buffer."""
    buffer = StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(logs.RequestIdFilter())
    handler.setFormatter(logs.JsonFormatter())
    logger = logging.getLogger("tests.logs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    logger.removeHandler(handler)


def _respond_logging(logger):
    def view(request):
        logger.info("handled %s", request.path)
        return HttpResponse("ok")

    return logs.RequestIdMiddleware(view)


def test_a_sane_request_id_from_the_proxy_is_kept_on_the_response_and_the_log(lines):
    logger, read = lines
    request = RequestFactory().get("/forloeb/", HTTP_X_REQUEST_ID="abc-123_XYZ")
    response = _respond_logging(logger)(request)
    assert response["X-Request-ID"] == "abc-123_XYZ"
    [line] = read()
    assert line["request_id"] == "abc-123_XYZ"
    assert line["message"] == "handled /forloeb/"
    assert line["level"] == "INFO"
    assert line["logger"] == "tests.logs"
    assert line["time"].endswith("+00:00")


@pytest.mark.parametrize(
    "given",
    [None, "", "a" * 65, "abc def", "abc\nINFO forged line", "æøå", "id;drop", "../x"],
)
def test_any_other_request_id_is_replaced_by_a_new_one(lines, given):
    logger, read = lines
    headers = {} if given is None else {"HTTP_X_REQUEST_ID": given}
    response = _respond_logging(logger)(RequestFactory().get("/", **headers))
    made = response["X-Request-ID"]
    assert made != given
    assert logs.sane_request_id(made) == made
    assert len(made) == 32
    assert read()[0]["request_id"] == made


def test_64_characters_are_still_sane():
    assert logs.sane_request_id("a" * 64) == "a" * 64


def test_each_request_gets_its_own_id_and_none_is_left_behind(lines):
    logger, read = lines
    middleware = _respond_logging(logger)
    first = middleware(RequestFactory().get("/"))["X-Request-ID"]
    second = middleware(RequestFactory().get("/"))["X-Request-ID"]
    logger.info("outside a request")
    assert first != second
    assert [line["request_id"] for line in read()] == [first, second, "-"]


def test_a_json_line_holds_the_exception_and_the_extra_values(lines):
    logger, read = lines
    try:
        raise ValueError("ø is fine")
    except ValueError:
        logger.exception("failed for %s", "Ballerup", extra={"job": "apply_retention"})
    [line] = read()
    assert line["message"] == "failed for Ballerup"
    assert line["level"] == "ERROR"
    assert line["job"] == "apply_retention"
    assert "ValueError: ø is fine" in line["exception"]


def test_every_response_of_the_site_carries_a_request_id(client, db):
    response = client.get("/", HTTP_X_REQUEST_ID="from-caddy")
    assert response["X-Request-ID"] == "from-caddy"
    assert len(client.get("/om-principperne/")["X-Request-ID"]) == 32


def test_the_logging_settings_for_each_format():
    as_json = logs.logging_config("json", "INFO")
    assert as_json["formatters"]["default"] == {"()": "inddrag.lib.logs.JsonFormatter"}
    as_text = logs.logging_config("text", "WARNING")
    assert "%(request_id)s" in as_text["formatters"]["default"]["format"]
    assert as_text["root"]["level"] == "WARNING"
    for config in (as_json, as_text):
        assert config["handlers"]["console"]["filters"] == ["request_id"]
        assert config["loggers"]["saml2"] == {"level": "WARNING"}


def _start(log_format: str | None, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("INDDRAG_LOG_FORMAT", "DEBUG")}
    env.update(
        DJANGO_SETTINGS_MODULE="inddrag.settings",
        SECRET_KEY="k8Vd-3pQ" * 8,
        INDDRAG_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    if log_format is not None:
        env["INDDRAG_LOG_FORMAT"] = log_format
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('inddrag.probe').warning('probe'); "
        "from django.conf import settings; print(settings.INDDRAG_LOG_FORMAT)"
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_logs_json_by_default_and_text_on_request(tmp_path):
    default = _start(None, tmp_path)
    assert default.stdout.strip() == "json", default.stderr
    line = json.loads(default.stderr.strip().splitlines()[-1])
    assert line["message"] == "probe"
    assert line["request_id"] == "-"
    text = _start("text", tmp_path)
    assert text.stdout.strip() == "text", text.stderr
    assert "WARNING inddrag.probe [-] probe" in text.stderr


def test_an_unknown_log_format_stops_the_start(tmp_path):
    result = _start("xml", tmp_path)
    assert result.returncode != 0
    assert "INDDRAG_LOG_FORMAT must be json or text." in result.stderr
