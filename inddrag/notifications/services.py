"""Queue an e-mail, send it in the background, retry with a growing delay.

``queue()`` writes the row in the caller's transaction and enqueues ``send_notification`` to run
once that transaction has committed: with the database task backend the task row is written in
the same transaction, so an e-mail is never left without its task, even when the process is
killed right after the commit (``inddrag/lib/tasks.py``); with any other backend it is enqueued
on commit. The task sends one row; a failure is recorded and retried after 2, 4, 8 and 16
minutes, and after ``MAX_DELIVERY_ATTEMPTS`` the row is marked failed for staff to see. Once
sent, private links in the body (the patterns apps register with ``register_private_link``) are
replaced by a placeholder: their secrets are only kept as hashes.
"""

from __future__ import annotations

import datetime
import logging
import re

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone
from django_tasks import task

from inddrag.lib.tasks import enqueue_with_transaction
from inddrag.notifications.models import Notification

logger = logging.getLogger(__name__)

MAX_DELIVERY_ATTEMPTS = 5

# (pattern, placeholder): private links that must not stay in the outbox once sent.
_PRIVATE_LINKS: list[tuple[re.Pattern[str], str]] = []


def register_private_link(pattern: re.Pattern[str], placeholder: str) -> None:
    """Called from an app's ``ready()``: scrub links like ``pattern`` from sent e-mails."""
    if (pattern, placeholder) not in _PRIVATE_LINKS:
        _PRIVATE_LINKS.append((pattern, placeholder))


def scrub(body: str) -> str:
    for pattern, placeholder in _PRIVATE_LINKS:
        body = pattern.sub(placeholder, body)
    return body


def queue(*, kind: str, to: str, subject: str, body: str, about: models.Model) -> Notification:
    """Save the e-mail and send it once the surrounding transaction has committed."""
    notification = Notification.objects.create(
        kind=kind, to=to, subject=subject[:200], body=body, about=about
    )
    _enqueue(notification.pk)
    return notification


def sent_recently(kind: str, to: str, since: datetime.datetime) -> int:
    """How many e-mails of ``kind`` went to ``to`` since ``since`` (to cap e-mail floods)."""
    return Notification.objects.filter(kind=kind, to__iexact=to, created_at__gte=since).count()


def _enqueue(pk: int, delay: datetime.timedelta | None = None) -> None:
    # In the caller's transaction with the database task backend, so that no e-mail is left
    # without its task when the process dies right after the commit (lib/tasks.py).
    chosen = send_notification
    if delay is not None and chosen.get_backend().supports_defer:
        chosen = chosen.using(run_after=timezone.now() + delay)
    enqueue_with_transaction(chosen, pk)


def deliver(pk: int) -> str:
    """Send one e-mail. Returns "sent", "retry", "failed" or "skipped" (gone or already sent).
    Whatever the e-mail is about is never touched, so nothing is lost when sending fails."""
    row = Notification.objects.filter(pk=pk).first()
    if row is None or row.status == Notification.Status.SENT:
        return "skipped"
    row.attempts += 1
    try:
        send_mail(row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.to])
    except Exception as exc:  # any transport error: record it and try again later
        row.last_error = f"{type(exc).__name__}: {exc}"[:500]
        if row.attempts >= MAX_DELIVERY_ATTEMPTS:
            row.status = Notification.Status.FAILED
            row.save(update_fields=["attempts", "last_error", "status"])
            logger.error("Giving up e-mail %s: %s", row.pk, row.last_error)
            return "failed"
        with transaction.atomic():  # the attempt and its retry, together
            row.save(update_fields=["attempts", "last_error"])
            _enqueue(row.pk, datetime.timedelta(minutes=2**row.attempts))
        return "retry"
    row.status = Notification.Status.SENT
    row.sent_at = timezone.now()
    row.last_error = ""
    row.body = scrub(row.body)
    row.save(update_fields=["attempts", "status", "sent_at", "last_error", "body"])
    return "sent"


@task()
def send_notification(pk: int) -> str:
    return deliver(pk)
