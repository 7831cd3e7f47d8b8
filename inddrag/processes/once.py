"""One-time form tokens: a double click or a re-post creates one row, not two.

Each create form carries a random token. The first POST with it claims the token atomically in the
cache (``cache.add``) and, once the row exists, records its primary key under the token; a second
POST with the same token finds the token taken and is sent to the row the first one created.
With several app servers the cache must be shared (``REDIS_URL``).
"""

from __future__ import annotations

import secrets

from django.core.cache import cache

TTL = 60 * 60 * 6
PENDING = 0
_PREFIX = "inddrag:form-token:"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def claim(token: str) -> bool:
    """True if this request is the first to use the token (or the form carried none)."""
    if not token:
        return True
    return cache.add(_PREFIX + token[:64], PENDING, TTL)


def remember(token: str, pk: int) -> None:
    if token:
        cache.set(_PREFIX + token[:64], pk, TTL)


def created_by(token: str) -> int | None:
    """The primary key the token created, if its first request has finished."""
    value = cache.get(_PREFIX + token[:64]) if token else None
    return value or None


def release(token: str) -> None:
    """Give the token back after a failed validation, so the corrected form can be sent."""
    if token:
        cache.delete(_PREFIX + token[:64])
