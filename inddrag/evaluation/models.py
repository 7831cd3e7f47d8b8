"""Evaluation rounds and the committees' and centre managements' written assessments.

The seed ends with its own follow-up: the principles are evaluated twice in every election
period, in each standing committee and in each centre management. A round is one such
evaluation (a half of an election period, with a deadline); it holds one assessment per standing
committee and one per centre management, each prepared by a named member of staff. An
assessment is a draft until it is recorded with the meeting where it was treated; the
indicators it was written against are kept with it then (``figures``), so the report and the
public page show what the committee read, not what the data says later.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inddrag.lib import downloads
from inddrag.organisation.models import Centre, DecisionBody, ElectionPeriod

PRINCIPLES = (1, 2, 3, 4, 5)


class EvaluationRound(models.Model):
    class Half(models.IntegerChoices):
        FIRST = 1, _("First half (midway)")
        SECOND = 2, _("Second half (end of the period)")

    title = models.CharField(_("title"), max_length=120)
    election_period = models.ForeignKey(
        ElectionPeriod, on_delete=models.PROTECT, verbose_name=_("election period")
    )
    half = models.PositiveSmallIntegerField(_("half"), choices=Half.choices)
    deadline = models.DateField(_("deadline"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # The council-level figures as they were when the round was published (snapshot.py).
    figures = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-election_period__starts_on", "-half"]
        constraints = [
            models.UniqueConstraint(fields=["election_period", "half"], name="one_round_per_half"),
        ]
        permissions = [
            ("manage_rounds", "Can create, change and publish evaluation rounds"),
        ]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")

    def __str__(self) -> str:
        return self.title

    @property
    def period_start(self) -> datetime.date:
        year = self.election_period.starts_on.year + (2 if self.half == 2 else 0)
        return datetime.date(year, 1, 1)

    @property
    def period_end(self) -> datetime.date:
        return datetime.date(self.period_start.year + 2, 1, 1) - datetime.timedelta(days=1)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RECORDED = "recorded", _("Recorded")

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="assessments")
    body = models.ForeignKey(
        DecisionBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("standing committee"),
    )
    centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("centre management"),
    )
    preparer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    treated_on = models.DateField(_("treated on"), null=True, blank=True)
    agenda_url = models.URLField(_("link to the agenda"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The indicators as they were when the assessment was recorded (snapshot.py).
    figures = models.JSONField(null=True, blank=True, editable=False)
    # The last reminder sent: the number of days before the deadline it was sent for.
    reminded_days = models.SmallIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["round", "centre__name", "body__order", "body__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(body__isnull=False, centre__isnull=True)
                    | models.Q(body__isnull=True, centre__isnull=False)
                ),
                name="assessment_of_a_committee_or_a_centre",
            ),
            models.UniqueConstraint(fields=["round", "body"], name="one_assessment_per_body"),
            models.UniqueConstraint(fields=["round", "centre"], name="one_assessment_per_centre"),
        ]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return self.scope_name

    @property
    def scope_name(self) -> str:
        if self.body_id:
            return self.body.name
        return str(_("Centre management, %(centre)s") % {"centre": self.centre.name})

    @property
    def is_recorded(self) -> bool:
        return self.status == self.Status.RECORDED


class AssessmentText(models.Model):
    """What went well, what did not, and what the committee or management will do, for one
    principle."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="texts")
    principle = models.PositiveSmallIntegerField()
    went_well = models.TextField(_("what went well"), blank=True)
    went_badly = models.TextField(_("what did not go well"), blank=True)
    will_do = models.TextField(_("what we will do"), blank=True)

    class Meta:
        ordering = ["assessment", "principle"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "principle"], name="one_text_per_principle"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} — {self.principle}"

    @property
    def is_empty(self) -> bool:
        return not (self.went_well.strip() or self.went_badly.strip() or self.will_do.strip())


def _report_upload_to(instance: EvaluationReport, filename: str) -> str:
    return downloads.unguessable_name("evaluation", filename)


class EvaluationReport(models.Model):
    """One generation of a report, built by a background task: of one assessment, or of the whole
    round (``assessment`` empty). Only the newest finished one per target is kept."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being produced")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="reports")
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    docx = models.FileField(upload_to=_report_upload_to, blank=True, max_length=300)
    pdf = models.FileField(upload_to=_report_upload_to, blank=True, max_length=300)
    error = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("evaluation report")
        verbose_name_plural = _("evaluation reports")

    def __str__(self) -> str:
        target = self.assessment if self.assessment_id else self.round
        return f"{target} ({self.get_status_display()})"
