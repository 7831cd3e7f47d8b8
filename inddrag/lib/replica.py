"""Reads from a read replica (``DATABASE_REPLICA_URL``), only where a little lag cannot matter.

``ReplicaReadsMiddleware`` marks a request whose reads may go to the replica: a ``GET`` or
``HEAD`` by an anonymous visitor (no session cookie, no ``Authorization`` header) outside the
staff pages and the admin, from a browser that has not posted anything in the last
``INDDRAG_REPLICA_STICKY_SECONDS`` (the ``inddrag_primary`` cookie every other request sets).
``ReplicaRouter`` sends such a request's reads to ``replica`` — unless the request is inside a
transaction or has written already; every write, and every read of any other request (staff,
a signed-in citizen, a POST, the daily jobs, the task worker), goes to ``default``. Without a
replica the router is not installed and the middleware's mark is never read.

A citizen who has just sent a contribution gets the cookie with the POST's answer, so the pages
they see next (the receipt, the process page with its counter) are read from the primary while
the replica may still be catching up (docs/deployment.md "Read replica")."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
ROUTER = "inddrag.lib.replica.ReplicaRouter"
STICKY_COOKIE = "inddrag_primary"
SAFE_METHODS = frozenset({"GET", "HEAD"})
# Never from the replica: what staff work with, and what Prometheus counts.
PRIMARY_ONLY_PREFIXES = ("/personale/", "/admin/", "/metrics")


@dataclass
class _Request:
    replica_allowed: bool
    wrote: bool = False


_current: ContextVar[_Request | None] = ContextVar("replica_request", default=None)


def may_read_from_replica(request: HttpRequest) -> bool:
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and STICKY_COOKIE not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(PRIMARY_ONLY_PREFIXES)
    )


class ReplicaReadsMiddleware:
    """Early in the stack (before sessions): a few look-ups in the request, no query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current.set(_Request(may_read_from_replica(request)))
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        seconds = settings.INDDRAG_REPLICA_STICKY_SECONDS
        if request.method not in SAFE_METHODS and seconds and ROUTER in settings.DATABASE_ROUTERS:
            # Read your own writes: this browser reads from the primary for a while.
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


class ReplicaRouter:
    """settings.DATABASE_ROUTERS with a replica configured."""

    def db_for_read(self, model, **hints) -> str:
        state = _current.get()
        if (
            state is None
            or not state.replica_allowed
            or state.wrote
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        state = _current.get()
        if state is not None:
            state.wrote = True  # the rest of the request reads what it wrote
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # one database, two copies

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db != REPLICA  # the replica follows the primary by itself
