"""The daily jobs' runs: one row per (job, day), so that any number of schedulers run a job once."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """A daily job claimed for a day (Europe/Copenhagen) by one scheduler process. The unique
    constraint is the claim: a second scheduler's insert fails and it leaves the job alone."""

    class Outcome(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    job = models.CharField(_("job"), max_length=64)
    day = models.DateField(_("day"))
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=Outcome.choices, default=Outcome.RUNNING
    )
    # The command's output, or the traceback of a failure (the last 10,000 characters).
    output = models.TextField(_("output"), blank=True)
    # Which scheduler claimed it: host name and process id.
    claimed_by = models.CharField(_("claimed by"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-day", "job"]
        constraints = [
            models.UniqueConstraint(fields=["job", "day"], name="operations_one_run_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.day} ({self.outcome})"
