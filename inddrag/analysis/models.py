"""What an analysis of a process's contributions left behind (docs/analysis.md).

The suggestions themselves live where staff use them: a topic is a ``memos.MemoTopic`` (the
hearing memo's topics), a contribution's topic is ``Contribution.topic`` (``topic_by_staff``
says staff set it by hand) and its campaign or duplicate group is
``Contribution.duplicate_group``. Here are the runs (``Analysis``, built by a background task
with its progress), what the analysis says of each topic (``TopicProfile``: its characteristic
words, its most typical contribution, the summary draft) and the paragraph suggestions
(``ParagraphLink``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Analysis(models.Model):
    """One run of the analysis over a process's contributions."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Mode(models.TextChoices):
        # Keep every topic a contribution has (staff's and earlier suggestions); group and place
        # only the contributions without one.
        KEEP = "keep", _("Keep the topics, place new contributions")
        # Keep only what staff set by hand; suggest every other contribution's topic anew.
        REGROUP = "regroup", _("Suggest the topics anew")

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="analyses"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.KEEP)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    automatic = models.BooleanField(default=False)  # started by the daily job after a hearing
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    # What it found: contributions read, topics, duplicate groups, contributions in them,
    # new topics made, and the engine's seconds.
    contributions = models.PositiveIntegerField(default=0)
    topics = models.PositiveIntegerField(default=0)
    groups = models.PositiveIntegerField(default=0)
    grouped = models.PositiveIntegerField(default=0)
    new_topics = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("analysis")
        verbose_name_plural = _("analyses")

    def __str__(self) -> str:
        return f"{self.process} ({self.get_status_display()})"


class TopicProfile(models.Model):
    """What the analysis says of one topic of the hearing memo."""

    topic = models.OneToOneField(
        "memos.MemoTopic", on_delete=models.CASCADE, related_name="profile"
    )
    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="profiles")
    words = models.JSONField(default=list)  # the characteristic words, as contributors write them
    typical = models.ForeignKey(
        "contributions.Contribution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The summary draft: [{"contribution": pk, "sentence": "…"}], each sentence as written
    # (screened), best first.
    sentences = models.JSONField(default=list)
    # Made by the analysis and not yet taken up by staff: its name is the characteristic words,
    # and a later run may replace it (``still_suggested``).
    suggested = models.BooleanField(default=True)
    name = models.CharField(max_length=120, blank=True)  # the name the analysis gave it

    class Meta:
        verbose_name = _("topic profile")
        verbose_name_plural = _("topic profiles")

    def __str__(self) -> str:
        return str(self.topic)

    def still_suggested(self) -> bool:
        """Still only a suggestion: made by the analysis, and staff have neither renamed it nor
        summed it up (nor chosen it for a contribution: ``suggested`` is then off)."""
        return self.suggested and self.topic.name == self.name and not self.topic.summary


class ParagraphLink(models.Model):
    """A contribution the analysis suggests discusses a paragraph of a hearing version."""

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="links")
    version = models.ForeignKey(
        "documents.DocumentVersion", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=20)
    contribution = models.ForeignKey(
        "contributions.Contribution", on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField()
    words = models.JSONField(default=list)  # the words the two share, as the contribution has them

    class Meta:
        ordering = ["version_id", "block_id", "-score", "contribution_id"]
        verbose_name = _("paragraph suggestion")
        verbose_name_plural = _("paragraph suggestions")

    def __str__(self) -> str:
        return f"{self.block_id}: {self.contribution_id}"
