"""The one outgoing e-mail table: every e-mail Inddrag sends is a row here first.

A row is written in the request's transaction and sent by a background task once that transaction
has committed (``services.queue``), so a rolled-back request sends nothing, a failed send is
retried, and staff can see what was sent to whom.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An e-mail to a contributor or a stakeholder, about the object it is ``about``."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")
        ANSWER = "answer", _("Answer")
        DECISION = "decision", _("Decision")
        INVITATION = "invitation", _("Invitation")
        REMINDER = "reminder", _("Reminder")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    # What the e-mail is about (a contribution, a hearing list entry …): apps reach their
    # e-mails through a GenericRelation, and this app knows none of them.
    about_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    about_id = models.PositiveBigIntegerField()
    about = GenericForeignKey("about_type", "about_id")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["about_type", "about_id"]),
            models.Index(fields=["kind", "created_at"]),
            # The receipts cap (``sent_recently``: e-mails of a kind to one address, any case,
            # in the last day), asked by every post: without it the count walks all of the
            # day's receipts — 23 ms at 20,000 on a deadline day, 0.1 ms with it (issue #14).
            models.Index(
                Upper("to"), models.F("kind"), models.F("created_at"), name="notification_to_kind"
            ),
        ]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")

    def __str__(self) -> str:
        return f"{self.kind} → {self.to} ({self.status})"
