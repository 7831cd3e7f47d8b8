"""The read replica (DATABASE_REPLICA_URL, inddrag/lib/replica.py): anonymous GET and HEAD
requests read from it; staff, signed-in users, posts, a browser that has just posted, anything in
a transaction or after a write read from the primary. The replica is the test database's TEST
MIRROR (settings_test): the same data through a connection of its own, whose queries are counted
here. Committed data (``transaction=True``): the two connections see the same rows."""

from __future__ import annotations

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inddrag.lib import replica
from inddrag.processes.models import Process
from tests.factories import StaffFactory
from tests.factories.contributions import open_hearing

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture(autouse=True)
def router(settings):
    settings.DATABASE_ROUTERS = ["inddrag.lib.replica.ReplicaRouter"]
    settings.INDDRAG_REPLICA_STICKY_SECONDS = 30


class Queries:
    def __enter__(self):
        self.primary = CaptureQueriesContext(connections["default"]).__enter__()
        self.replica = CaptureQueriesContext(connections["replica"]).__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)


def test_an_anonymous_visitor_reads_the_public_pages_from_the_replica(client):
    process, _activity = open_hearing(title="Lokalplan for Stationsvej")
    for url in ("/", reverse("processes:detail", args=[process.pk])):
        with Queries() as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert "Lokalplan for Stationsvej" in response.content.decode()
        assert len(queries.replica) > 0, url
        assert len(queries.primary) == 0, [q["sql"] for q in queries.primary]


def test_an_api_get_reads_from_the_replica(client):
    open_hearing()
    with Queries() as queries:
        response = client.get("/api/v1/processes")
    assert response.status_code == 200
    assert len(queries.replica) > 0 and len(queries.primary) == 0


def test_staff_read_from_the_primary(client):
    open_hearing()
    client.force_login(StaffFactory())
    for url in ("/", reverse("staff:dashboard")):
        with Queries() as queries:
            assert client.get(url).status_code == 200
        assert len(queries.primary) > 0
        assert len(queries.replica) == 0, url


def test_a_post_reads_from_the_primary_and_the_browser_stays_there_a_while(client):
    with Queries() as queries:
        response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert len(queries.replica) == 0
    cookie = response.cookies[replica.STICKY_COOKIE]
    assert cookie["max-age"] == 30 and cookie["httponly"]
    # The next pages (the test client keeps the cookie): from the primary.
    open_hearing()
    with Queries() as queries:
        assert client.get("/").status_code == 200
    assert len(queries.replica) == 0 and len(queries.primary) > 0


def test_a_read_in_a_transaction_or_after_a_write_goes_to_the_primary():
    router = replica.ReplicaRouter()
    token = replica._current.set(replica._Request(replica_allowed=True))
    try:
        assert router.db_for_read(Process) == "replica"
        with transaction.atomic():
            assert router.db_for_read(Process) == "default"
        assert router.db_for_read(Process) == "replica"
        assert router.db_for_write(Process) == "default"
        assert router.db_for_read(Process) == "default"  # read your writes
    finally:
        replica._current.reset(token)
    # Outside a request (the worker, the scheduler, a command): the primary.
    assert router.db_for_read(Process) == "default"
    assert router.allow_migrate("replica", "processes") is False
    assert router.allow_migrate("default", "processes") is True


def test_which_requests_may_read_from_the_replica(rf, settings):
    assert replica.may_read_from_replica(rf.get("/"))
    assert replica.may_read_from_replica(rf.head("/forloeb/"))
    assert not replica.may_read_from_replica(rf.post("/"))
    assert not replica.may_read_from_replica(rf.get("/personale/"))
    assert not replica.may_read_from_replica(rf.get("/admin/"))
    signed_in = rf.get("/")
    signed_in.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    assert not replica.may_read_from_replica(signed_in)
    assert not replica.may_read_from_replica(rf.get("/api/v1/x", HTTP_AUTHORIZATION="Bearer x"))


def test_readyz_checks_the_replica_when_there_is_one(client, settings, monkeypatch):
    settings.DATABASE_REPLICA_URL = "postgres://replica.internal/inddrag"  # (the mirror answers)
    response = client.get("/readyz")
    assert response.json()["checks"]["replica"] == "ok"

    def down(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(connections["replica"], "cursor", down)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "replica": "failed",
        "cache": "ok",
        "storage": "ok",
    }


def test_without_the_router_a_post_sets_no_cookie(client, settings):
    settings.DATABASE_ROUTERS = []
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert replica.STICKY_COOKIE not in response.cookies
