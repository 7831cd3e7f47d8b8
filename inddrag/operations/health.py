"""Readiness checks for /readyz: the database, the cache and the file storage reachable."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection

logger = logging.getLogger(__name__)


def database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_reachable() -> bool:
    key, value = f"readyz:{uuid.uuid4().hex}", "ok"  # a key of its own: app servers share Redis
    cache.set(key, value, timeout=10)
    found = cache.get(key)
    cache.delete(key)
    return found == value


def storage() -> bool:
    """Local disk: the uploads folder exists (or can be made) and is writable. Any other storage
    (S3-compatible): a lookup answers."""
    location = getattr(default_storage, "location", None)
    if location is not None and hasattr(default_storage, "path"):
        os.makedirs(location, exist_ok=True)
        return os.access(location, os.W_OK | os.X_OK)
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
    for name, check in CHECKS.items():
        try:
            outcomes[name] = bool(check())
        except Exception:
            logger.warning("Readiness check %s failed", name, exc_info=True)
            outcomes[name] = False
        else:
            if not outcomes[name]:
                logger.warning("Readiness check %s failed", name)
    return outcomes
