"""Do a create operation once per idempotency key, across requests, workers and servers.

``run_once(scope, key, create)`` claims the key by inserting its row inside a transaction and
then calls ``create``; the object's id is stored on the row in the same transaction. A second
request with the same key cannot insert the row: its insert (``ON CONFLICT DO NOTHING``, so no
savepoint is needed) waits for the first transaction (PostgreSQL holds the unique index entry
until then) and then inserts nothing, and the second request reads the first one's result
instead of creating anything. If the first request fails, its row
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

from django.db import connection, transaction
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


def _claim(scope: str, key_hash: str, fingerprint: str) -> int | None:
    """Insert the key's row: its id, or None when the key is taken. One statement, no savepoint:
    ``INSERT … ON CONFLICT DO NOTHING`` waits for a transaction holding the same key, like a
    plain insert, and then inserts nothing if that transaction committed."""
    meta = IdempotencyKey._meta
    values = {"scope": scope, "key_hash": key_hash, "fingerprint": fingerprint, "sealed": ""}
    values["created_at"] = meta.get_field("created_at").get_default()
    columns, params = [], []
    for name, value in values.items():
        column = meta.get_field(name)
        columns.append(connection.ops.quote_name(column.column))
        params.append(column.get_db_prep_save(value, connection))
    quote = connection.ops.quote_name
    # Names from the model's metadata, values as parameters.
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({quote('scope')}, {quote('key_hash')}) DO NOTHING "
        f"RETURNING {quote(meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None


def run_once(
    scope: str,
    key: str | None,
    create: Callable[[], Model | tuple[Model, str]],
    *,
    fingerprint: str = "",
    last: Callable[[], object] | None = None,
) -> Once:
    """Call ``create`` unless ``key`` was used in ``scope`` before; then return what the first
    call made. ``create`` returns the object, or (object, secret) where the secret is sealed
    for a repeat (only the key's holder can read it back). Without a key, ``create`` just runs.
    ``last`` runs after ``create`` and after the key's row is written, as the transaction's
    last statement, and only when something was created: e.g. a counter's ``UPDATE`` whose row
    lock is then held only for the commit.

    A repeat with a different ``fingerprint`` raises ``IdempotencyConflict``.
    """
    with transaction.atomic():
        if not key:
            made = create()
            obj, secret = made if isinstance(made, tuple) else (made, None)
            if last is not None:
                last()
            return Once(obj.pk, True, secret)
        key = key[:MAX_KEY]
        key_hash = _hash(scope, key)
        claimed = _claim(scope, key_hash, fingerprint)
        if claimed is None:
            record = IdempotencyKey.objects.select_for_update().get(scope=scope, key_hash=key_hash)
            if record.fingerprint != fingerprint or record.object_id is None:
                raise IdempotencyConflict
            return Once(record.object_id, False, _unseal(scope, key, record.sealed))
        made = create()
        obj, secret = made if isinstance(made, tuple) else (made, None)
        IdempotencyKey.objects.filter(pk=claimed).update(
            object_id=obj.pk, sealed=_seal(scope, key, secret) if secret else ""
        )
        if last is not None:
            last()
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
