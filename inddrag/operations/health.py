"""Readiness checks for /readyz: the database (and its read replica, if any), the cache and the
file storage reachable."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, connections

logger = logging.getLogger(__name__)


def database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def replica() -> bool:
    """The read replica (DATABASE_REPLICA_URL) answers too: anonymous pages read from it."""
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_reachable() -> bool:
    key, value = f"readyz:{uuid.uuid4().hex}", "ok"  # a key of its own: app servers share Redis
    cache.set(key, value, timeout=10)
    found = cache.get(key)
    cache.delete(key)
    return found == value


def storage() -> bool:
    """Local disk: the uploads folder exists (or can be made) and is writable. A bucket
    (S3-compatible, django-storages): it is there and these keys may use it (HEAD of the
    bucket). Any other storage: a lookup answers."""
    if isinstance(default_storage, FileSystemStorage):
        location = default_storage.location
        os.makedirs(location, exist_ok=True)
        return os.access(location, os.W_OK | os.X_OK)
    bucket = getattr(default_storage, "bucket", None)
    if bucket is not None:  # a missing bucket or refused keys raise
        bucket.meta.client.head_bucket(Bucket=bucket.name)
        return True
    default_storage.exists("readyz")
    return True


CHECKS: dict[str, Callable[[], bool]] = {
    "database": database,
    "cache": cache_reachable,
    "storage": storage,
}


def run_checks() -> dict[str, bool]:
    """Each check's outcome; a failure is logged with its cause (never shown to the caller)."""
    outcomes = {}
    checks = dict(CHECKS)
    if settings.DATABASE_REPLICA_URL:
        checks["replica"] = replica
    for name, check in checks.items():
        try:
            outcomes[name] = bool(check())
        except Exception:
            logger.warning("Readiness check %s failed", name, exc_info=True)
            outcomes[name] = False
        else:
            if not outcomes[name]:
                logger.warning("Readiness check %s failed", name)
    return outcomes
