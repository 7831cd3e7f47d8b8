"""/metrics (docs/deployment.md "Metrics"): django-prometheus' request, database and cache
metrics and the site's gauges — to an allowed scraper only (a network, asked directly, or a
bearer token); a 404 to everyone else, whatever the method."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import transaction

from inddrag.notifications import services as notifications
from inddrag.notifications.models import Notification
from inddrag.operations import metrics
from tests.factories.contributions import open_hearing

pytestmark = pytest.mark.django_db

TOKEN = "m" * 40


@pytest.fixture
def token(settings):
    settings.INDDRAG_METRICS_TOKEN = TOKEN
    return {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


def _value(body: str, metric: str) -> float:
    match = re.search(rf"^{re.escape(metric)} (\S+)$", body, re.MULTILINE)
    assert match, f"{metric} not in the metrics"
    return float(match.group(1))


def test_nobody_is_let_in_while_nothing_is_configured(client):
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_the_token_lets_a_scraper_in_and_nothing_else_does(client, token):
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer " + "x" * 40).status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION=TOKEN).status_code == 404  # no "Bearer"
    response = client.get("/metrics", **token)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_a_network_lets_a_direct_scraper_in_never_one_through_the_proxy(client, settings):
    settings.INDDRAG_METRICS_ALLOW = ["10.0.0.0/8", "127.0.0.1"]
    assert client.get("/metrics").status_code == 200  # the test client is 127.0.0.1
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.7").status_code == 404
    # Caddy adds these to every request it passes on: from the internet through the proxy the
    # address is the proxy's own, which may well be in an allowed network.
    for header in ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED"):
        assert client.get("/metrics", **{header: "203.0.113.9"}).status_code == 404


def test_other_methods_are_a_404_unless_allowed_then_a_405(client, token):
    assert client.post("/metrics").status_code == 404
    assert client.delete("/metrics").status_code == 404
    assert client.post("/metrics", **token).status_code == 405


def test_an_allowed_scraper_asks_an_app_server_by_its_address_over_plain_http(
    client, settings, token
):
    """Prometheus asks http://app1:8000/metrics: no host check, no https redirect for it —
    while anyone else asking so gets the host check's 400 like for any page."""
    settings.ALLOWED_HOSTS = ["inddrag.ballerup.dk"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/metrics", HTTP_HOST="app1:8000", **token).status_code == 200
    assert client.get("/metrics", HTTP_HOST="app1:8000").status_code == 400


def test_the_metrics_requests_database_cache_and_the_sites_gauges(
    client, token, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    process, _activity = open_hearing()
    with transaction.atomic():
        notifications.queue(
            kind=Notification.Kind.RECEIPT, to="a@example.dk", subject="S", body="B", about=process
        )
    Notification.objects.create(
        kind=Notification.Kind.RECEIPT,
        to="b@example.dk",
        subject="S",
        body="B",
        status=Notification.Status.FAILED,
        about=process,
    )
    assert client.get("/").status_code == 200  # a page: a request and its queries
    cache.get("metrics-test")

    body = client.get("/metrics", **token).content.decode()

    assert 'django_http_requests_latency_seconds_by_view_method_count{method="GET",view=' in body
    assert 'django_http_responses_total_by_status_total{status="200"}' in body
    assert 'django_db_execute_total{alias="default",vendor=' in body
    assert 'django_cache_get_total{backend="locmem"}' in body
    assert _value(body, "inddrag_metrics_collect_ok") == 1
    assert _value(body, 'inddrag_tasks{state="ready"}') == 1
    assert _value(body, 'inddrag_tasks{state="running"}') == 0
    assert _value(body, 'inddrag_tasks{state="failed"}') == 0
    assert _value(body, "inddrag_tasks_oldest_ready_age_seconds") >= 0
    assert _value(body, 'inddrag_emails{status="pending"}') == 1
    assert _value(body, 'inddrag_emails{status="failed"}') == 1
    assert _value(body, "inddrag_open_hearings") == 1


def test_a_database_that_does_not_answer_leaves_the_gauges_out(monkeypatch, caplog):
    def down(self):
        raise RuntimeError("connection refused")
        yield  # a generator, like the real one

    monkeypatch.setattr(metrics.SiteCollector, "_site", down)
    body, _content_type = metrics.exposition()
    assert b"inddrag_metrics_collect_ok 0.0" in body
    assert b"inddrag_tasks{" not in body
    assert "could not be read" in caplog.text


def test_under_gunicorn_the_workers_files_are_read(monkeypatch, tmp_path):
    """PROMETHEUS_MULTIPROC_DIR (gunicorn.conf.py): the request metrics come from the workers'
    files in it, the site's gauges as always."""
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    body, _content_type = metrics.exposition()
    assert b"inddrag_open_hearings" in body


def test_the_cache_counts_a_cached_falsy_value_as_a_hit():
    """django-prometheus' own local-memory wrapper turns 0 into a miss (and None)."""
    cache.set("zero", 0)
    assert cache.get("zero", "default") == 0
    assert cache.get("absent", "default") == "default"


def test_the_redis_cache_reuses_one_client_per_connection_pool():
    """No server needed: the client is built lazily, around the pool, without connecting."""
    from inddrag.lib.metrics import RedisCache

    backend = RedisCache("redis://127.0.0.1:6379/0", {})
    client = backend._cache.get_client(write=True)
    assert backend._cache.get_client() is client
    assert client.connection_pool is backend._cache._get_connection_pool(write=True)
