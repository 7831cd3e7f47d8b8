"""/healthz and /readyz: cheap, no login, no session, no access log; /readyz says which check
failed with a 503."""

from __future__ import annotations

import json

import pytest
from django.db import OperationalError
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from inddrag.audit.models import AccessLog
from inddrag.operations import health

pytestmark = pytest.mark.django_db


def test_the_addresses():
    assert reverse("operations:healthz") == "/healthz"
    assert reverse("operations:readyz") == "/readyz"


def test_healthz_answers_ok_without_a_query_a_session_or_a_log(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert AccessLog.objects.count() == 0


def test_health_checks_answer_for_any_host_and_over_plain_http(client, settings):
    """The container's HEALTHCHECK asks http://localhost: no 400 for the host, no https
    redirect, no Danish-first language handling — the middleware answers first."""
    settings.ALLOWED_HOSTS = ["inddrag.ballerup.dk"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="localhost:8000").status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    # Any other page is still refused for an unknown host.
    assert client.get("/", HTTP_HOST="localhost:8000").status_code == 400


def test_readyz_reports_each_check(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
    }
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert AccessLog.objects.count() == 0


def _down(*args, **kwargs):
    raise OperationalError("connection refused")


def _redis_down(*args, **kwargs):
    raise RedisConnectionError("Error 111 connecting to redis:6379. Connection refused.")


def test_readyz_is_503_when_the_database_is_down(client, monkeypatch, caplog):
    monkeypatch.setattr(health.connection, "cursor", _down)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "failed",
        "checks": {"database": "failed", "cache": "ok", "storage": "ok"},
    }
    # The cause is in the log, not in the answer.
    assert b"refused" not in response.content
    assert "Readiness check database failed" in caplog.text
    assert "connection refused" in caplog.text


def test_readyz_is_503_when_the_cache_is_down(client, monkeypatch):
    monkeypatch.setattr(health.cache, "set", _redis_down)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"] == {
        "database": "ok",
        "cache": "failed",
        "storage": "ok",
    }


def test_readyz_is_503_when_the_cache_loses_what_it_was_given(client, monkeypatch):
    monkeypatch.setattr(health.cache, "get", lambda key: None)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["cache"] == "failed"


def test_readyz_is_503_when_the_uploads_folder_cannot_be_written(client, monkeypatch):
    # (os.access itself: the tests may run as root, who may write anywhere)
    monkeypatch.setattr(health.os, "access", lambda path, mode: False)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["storage"] == "failed"


def test_readyz_is_503_when_object_storage_does_not_answer(client, monkeypatch):
    class Unreachable:
        def exists(self, name):
            raise OSError("endpoint unreachable")

    monkeypatch.setattr(health, "default_storage", Unreachable())
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["storage"] == "failed"


def test_a_503_is_not_written_again_by_djangos_request_log(client, monkeypatch, caplog):
    monkeypatch.setattr(health.connection, "cursor", _down)
    client.get("/readyz")
    assert not [r for r in caplog.records if r.name == "django.request"]


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_only_get_and_head(client, path):
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405
    assert client.delete(path).status_code == 405


def test_the_request_id_is_on_the_health_answers_too(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="probe-1")
    assert response["X-Request-ID"] == "probe-1"
