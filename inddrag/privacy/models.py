"""What the retention runs and the erasures did: counts per kind, never the data itself."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RetentionRun(models.Model):
    """One run of the retention policy, or one erasure on a person's request (art. 17)."""

    class Trigger(models.TextChoices):
        RETENTION = "retention", _("Retention period")
        ERASURE = "erasure", _("Erasure on request")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    trigger = models.CharField(_("why"), max_length=10, choices=Trigger.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # {"contributions": 3, "attachments_deleted": 1, …}: only kinds with something done.
    counts = models.JSONField(_("counts"), default=dict)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        permissions = [
            (
                "handle_personal_data",
                _("Can find, export and erase everything held about a person"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.trigger}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())
