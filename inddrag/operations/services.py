"""The daily jobs (settings.INDDRAG_SCHEDULE): which are due, claiming a (job, day), running it.

A job is due for a day once that day's time of day (Europe/Copenhagen) has passed; before it,
the day before is the one due — so a scheduler that was down over a job's time runs the missed
day once when it starts (never more than the latest day: the daily commands catch up by
themselves). Claiming inserts the (job, day) row; the unique constraint lets one scheduler win
however many run."""

from __future__ import annotations

import io
import logging
import os
import socket
import traceback
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from inddrag.operations.models import ScheduledRun

logger = logging.getLogger(__name__)

DANISH = ZoneInfo("Europe/Copenhagen")
OUTPUT_KEPT = 10_000


@dataclass(frozen=True)
class Result:
    job: str
    day: date
    outcome: str  # done | failed | claimed (by another scheduler, earlier or now)


def now() -> datetime:
    """The clock (a test replaces it)."""
    return timezone.now()


def due_day(at: time, moment: datetime) -> date:
    """The latest day whose run of a job at ``at`` should have started by ``moment``."""
    local = moment.astimezone(DANISH)
    return local.date() if local.time() >= at else local.date() - timedelta(days=1)


def schedule() -> dict[str, time]:
    """The jobs that are on, with their time of day."""
    return {job: at for job, at in settings.INDDRAG_SCHEDULE.items() if at is not None}


def claim(job: str, day: date, moment: datetime) -> ScheduledRun | None:
    """The row that makes this scheduler the one to run ``job`` for ``day``, or None if another
    has it. The cheap look first keeps a claimed job from a failed insert every minute."""
    if ScheduledRun.objects.filter(job=job, day=day).exists():
        return None
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(
                job=job,
                day=day,
                started_at=moment,
                claimed_by=f"{socket.gethostname()}:{os.getpid()}"[:255],
            )
    except IntegrityError:  # another scheduler claimed it between the look and the insert
        return None


def run(entry: ScheduledRun) -> None:
    """Run the claimed job's management command and record how it went. A failure is logged
    with its traceback and kept on the row; it is not retried the same day."""
    output = io.StringIO()
    try:
        call_command(entry.job, stdout=output, stderr=output)
    except Exception:
        logger.exception("Scheduled job %s for %s failed", entry.job, entry.day)
        entry.outcome = ScheduledRun.Outcome.FAILED
        output.write(traceback.format_exc())
    else:
        logger.info("Scheduled job %s for %s done", entry.job, entry.day)
        entry.outcome = ScheduledRun.Outcome.DONE
    entry.output = output.getvalue()[-OUTPUT_KEPT:]
    entry.finished_at = now()
    entry.save(update_fields=["outcome", "output", "finished_at"])


def run_due(moment: datetime | None = None) -> list[Result]:
    """Claim and run every job due at ``moment`` (now) that no scheduler has run for its day."""
    moment = moment or now()
    results = []
    for job, at in sorted(schedule().items(), key=lambda item: item[1]):
        day = due_day(at, moment)
        entry = claim(job, day, moment)
        if entry is None:
            results.append(Result(job, day, "claimed"))
            continue
        run(entry)
        results.append(Result(job, day, entry.outcome))
    return results
