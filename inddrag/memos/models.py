"""The hearing memo (høringsnotat) for the committee, and topics to group contributions by."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inddrag.lib import downloads


class MemoTopic(models.Model):
    """A topic of the hearing memo that staff group a process's contributions under (not the
    stakeholders' topic tags, ``stakeholders.Topic``, which say what a process is about)."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="topics"
    )
    name = models.CharField(_("topic"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Staff's summary of what the topic's contributions say, at the head of its section in the
    # memo (the analysis offers a draft of sentences quoted from them).
    summary = models.TextField(_("summary of the topic"), max_length=4000, blank=True)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["process", "name"], name="unique_topic_name")
        ]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


def _upload_to(instance: Memo, filename: str) -> str:
    return downloads.unguessable_name("memos", filename)


class Memo(models.Model):
    """One generation of the hearing memo, built by a background task."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being produced")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    process = models.ForeignKey("processes.Process", on_delete=models.CASCADE, related_name="memos")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    docx = models.FileField(upload_to=_upload_to, blank=True, max_length=300)
    pdf = models.FileField(upload_to=_upload_to, blank=True, max_length=300)
    error = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Staff-only until published: then the public download of the process (a separate, logged
    # step, so a draft memo never becomes public by being made).
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hearing memo")
        verbose_name_plural = _("hearing memos")

    def __str__(self) -> str:
        return f"{self.process} ({self.get_status_display()})"
