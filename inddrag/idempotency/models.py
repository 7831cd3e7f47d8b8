"""Idempotency keys: a double click, a re-post or a client's retry creates one object, not two.

One row per key that created something, written in the same transaction as the object. The key
itself is never stored, only its hash, so the table alone cannot be used to replay a request.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class IdempotencyKey(models.Model):
    # What the key is for, e.g. "contributions:12" (contributions to process 12).
    scope = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64)
    # A digest of what was sent with the key: a repeat with other content is refused, so a key
    # cannot be used to learn about someone else's object.
    fingerprint = models.CharField(max_length=64, blank=True)
    object_id = models.PositiveBigIntegerField(null=True)
    # A value for the repeat that only the key's holder can read (e.g. a private receipt link).
    sealed = models.CharField(max_length=400, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key_hash"], name="unique_idempotency_scope_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} → {self.object_id}"
