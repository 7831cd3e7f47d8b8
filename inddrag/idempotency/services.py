"""Do a create operation once per idempotency key, across requests, workers and servers.

``run_once(scope, key, create)`` claims the key by inserting its row inside a transaction and
then calls ``create``; the object's id is stored on the row in the same transaction. A second
request with the same key cannot insert the row: its insert waits for the first transaction
(PostgreSQL holds the unique index entry until then) and then fails, and the second request
reads the first one's result instead of creating anything. If the first request fails, its row
is rolled back with everything else and the key can be used again. No cache, no sleeping.

Every form that creates something carries a fresh key (``new_key()``, rendered as a hidden
field), and the API takes the client's ``Idempotency-Key`` header.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Model

from inddrag.idempotency.models import IdempotencyKey

MAX_KEY = 100
FORM_FIELD = "form_token"  # the hidden field a form's key travels in
_FORM_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class IdempotencyConflict(Exception):
    """The key was used before, for something else."""


@dataclass(frozen=True)
class Once:
    object_id: int
    created: bool
    # For a repeat: what the first request sealed for the key's holder; None if nothing.
    unsealed: str | None = None


def new_key() -> str:
    """A fresh key for a form."""
    return secrets.token_urlsafe(24)


def form_key(value: str | None) -> str | None:
    """The key a form posted, if it is one ``new_key()`` could have made; else None."""
    return value if value and _FORM_KEY.match(value) else None


def _hash(scope: str, key: str) -> str:
    return hashlib.sha256(f"{scope}\0{key}".encode("utf-8", "surrogatepass")).hexdigest()


def _pad(scope: str, key: str, length: int) -> bytes:
    return hashlib.shake_256(f"seal\0{scope}\0{key}".encode("utf-8", "surrogatepass")).digest(
        length
    )


def _seal(scope: str, key: str, value: str) -> str:
    data = value.encode()
    return bytes(a ^ b for a, b in zip(data, _pad(scope, key, len(data)), strict=True)).hex()


def _unseal(scope: str, key: str, sealed: str) -> str | None:
    if not sealed:
        return None
    try:
        data = bytes.fromhex(sealed)
    except ValueError:
        return None
    plain = bytes(a ^ b for a, b in zip(data, _pad(scope, key, len(data)), strict=True))
    return plain.decode(errors="replace")


def run_once(
    scope: str,
    key: str | None,
    create: Callable[[], Model | tuple[Model, str]],
    *,
    fingerprint: str = "",
) -> Once:
    """Call ``create`` unless ``key`` was used in ``scope`` before; then return what the first
    call made. ``create`` returns the object, or (object, secret) where the secret is sealed
    for a repeat (only the key's holder can read it back). Without a key, ``create`` just runs.

    A repeat with a different ``fingerprint`` raises ``IdempotencyConflict``.
    """
    with transaction.atomic():
        if not key:
            made = create()
            obj, secret = made if isinstance(made, tuple) else (made, None)
            return Once(obj.pk, True, secret)
        key = key[:MAX_KEY]
        key_hash = _hash(scope, key)
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    scope=scope, key_hash=key_hash, fingerprint=fingerprint
                )
        except IntegrityError:
            record = IdempotencyKey.objects.select_for_update().get(scope=scope, key_hash=key_hash)
            if record.fingerprint != fingerprint or record.object_id is None:
                raise IdempotencyConflict from None
            return Once(record.object_id, False, _unseal(scope, key, record.sealed))
        made = create()
        obj, secret = made if isinstance(made, tuple) else (made, None)
        record.object_id = obj.pk
        record.sealed = _seal(scope, key, secret) if secret else ""
        record.save(update_fields=["object_id", "sealed"])
        return Once(obj.pk, True, secret)


def repeat_of(scope: str, key: str | None) -> int | None:
    """The object a key already made in ``scope`` (a form sent twice), else None: a create view
    asks before validating, so a repeat is not refused as a duplicate of what it made itself."""
    if not key:
        return None
    record = IdempotencyKey.objects.filter(
        scope=scope, key_hash=_hash(scope, key[:MAX_KEY]), object_id__isnull=False
    ).first()
    return record.object_id if record else None
