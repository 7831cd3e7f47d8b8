"""The e-mail outboxes' shared delivery: enqueue after commit, send, retry with a growing delay.

An outbox row (contributions.Notification, stakeholders.HearingEmail) has ``to``, ``subject``,
``body``, ``status`` ("pending"/"sent"/"failed"), ``attempts``, ``last_error`` and ``sent_at``.
Rows are written in the request's transaction; the task that sends one is enqueued only when that
transaction commits, so a rolled-back request sends nothing.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Callable

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_DELIVERY_ATTEMPTS = 5


def enqueue_after_commit(task, pk: int, delay: datetime.timedelta | None = None) -> None:
    """Enqueue ``task(pk)`` once the surrounding transaction has committed (deferred by ``delay``
    where the task backend supports it)."""

    def enqueue() -> None:
        chosen = task
        if delay is not None and chosen.get_backend().supports_defer:
            chosen = chosen.using(run_after=timezone.now() + delay)
        chosen.enqueue(pk)

    transaction.on_commit(enqueue)


def deliver(
    row: models.Model | None,
    *,
    send: Callable[..., object],
    retry: Callable[[datetime.timedelta], None],
    secret_link: re.Pattern[str],
    placeholder: str,
) -> str:
    """Send one outbox row with ``send`` (django.core.mail.send_mail's signature). A failure is
    recorded and ``retry`` is asked to try again after 2, 4, 8, 16 minutes; after
    ``MAX_DELIVERY_ATTEMPTS`` the row is marked failed for staff to see. Once sent, private links
    (``secret_link``) are replaced by ``placeholder``: their secrets are only kept as hashes."""
    if row is None or row.status == "sent":
        return "skipped"
    row.attempts += 1
    try:
        send(row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.to])
    except Exception as exc:  # any transport error: record it and try again later
        row.last_error = f"{type(exc).__name__}: {exc}"[:500]
        if row.attempts >= MAX_DELIVERY_ATTEMPTS:
            row.status = "failed"
            row.save(update_fields=["attempts", "last_error", "status"])
            logger.error("Giving up %s %s: %s", row._meta.label, row.pk, row.last_error)
            return "failed"
        row.save(update_fields=["attempts", "last_error"])
        retry(datetime.timedelta(minutes=2**row.attempts))
        return "retry"
    row.status = "sent"
    row.sent_at = timezone.now()
    row.last_error = ""
    row.body = secret_link.sub(placeholder, row.body)
    row.save(update_fields=["attempts", "status", "sent_at", "last_error", "body"])
    return "sent"
