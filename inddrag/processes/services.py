"""Domain operations on a process that touch several models or carry rules."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.principles.calendar import local_date
from inddrag.principles.checks import CheckResult, blockers, run_checks
from inddrag.processes.models import Process, ProcessTargetGroup


class TransitionRefused(Exception):
    """A status change that the lifecycle or the principle checks do not allow."""

    def __init__(self, message: str, problems: list[CheckResult] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


def load(pk: int) -> Process:
    """One process with everything the checks and pages read."""
    return Process.objects.with_plan().get(pk=pk)


@transaction.atomic
def change_status(
    process: Process, status: str, user, now: datetime.datetime | None = None
) -> None:
    """Move a process to ``status`` if the lifecycle allows it.

    Publishing is refused while any principle check reports a blocker; the refusal carries the
    list of what to fix.
    """
    now = now or timezone.now()
    if not process.can_transition_to(status):
        raise TransitionRefused(
            _("A process that is “%(from)s” cannot become “%(to)s”.")
            % {
                "from": process.get_status_display(),
                "to": dict(Process.Status.choices).get(status, status),
            }
        )
    if status == Process.Status.PUBLISHED:
        problems = blockers(run_checks(process, now=now))
        if problems:
            raise TransitionRefused(
                _("The process cannot be published until these are fixed:"), problems
            )
        if process.published_at is None:
            process.published_at = now
    old = process.status
    process.status = status
    process.save(update_fields=["status", "published_at", "updated_at"])
    log_access(user, process, AccessLog.Action.TRANSITION, f"{old} → {status}")


def set_target_groups(process: Process, groups: list[str]) -> None:
    wanted = set(groups)
    ProcessTargetGroup.objects.filter(process=process).exclude(group__in=wanted).delete()
    existing = set(process.target_groups.values_list("group", flat=True))
    ProcessTargetGroup.objects.bulk_create(
        [ProcessTargetGroup(process=process, group=g) for g in sorted(wanted - existing)]
    )


# --- The timeline on the process page -----------------------------------------------------------


@dataclass
class TimelineEntry:
    kind: str  # "phase", "activity", "milestone" or "now"
    title: str
    starts: datetime.date
    ends: datetime.date
    state: str = "future"  # "past", "current" or "future"
    obj: object | None = None
    children: list[TimelineEntry] = field(default_factory=list)


def build_timeline(process: Process, now: datetime.datetime | None = None) -> list[TimelineEntry]:
    """Phases (with their activities), loose activities and milestones in date order, each
    marked past, current or future, with a "you are here" marker where today falls."""
    now = now or timezone.now()
    today = local_date(now)

    def state(starts: datetime.date, ends: datetime.date) -> str:
        if ends < today:
            return "past"
        if starts > today:
            return "future"
        return "current"

    def activity_entry(activity) -> TimelineEntry:
        if activity.ends_at <= now:
            activity_state = "past"
        elif activity.starts_at > now:
            activity_state = "future"
        else:
            activity_state = "current"
        return TimelineEntry(
            "activity",
            activity.title,
            local_date(activity.starts_at),
            local_date(activity.ends_at),
            activity_state,
            activity,
        )

    activities = sorted(process.activities.all(), key=lambda a: a.starts_at)
    entries: list[TimelineEntry] = []
    for phase in process.phases.all():
        entry = TimelineEntry(
            "phase",
            phase.title,
            phase.starts_on,
            phase.ends_on,
            state(phase.starts_on, phase.ends_on),
            phase,
        )
        entry.children = [activity_entry(a) for a in activities if a.phase_id == phase.pk]
        entries.append(entry)
    entries += [activity_entry(a) for a in activities if a.phase_id is None]
    entries += [
        TimelineEntry(
            "milestone",
            str(m.body),
            m.meeting_date,
            m.meeting_date,
            state(m.meeting_date, m.meeting_date),
            m,
        )
        for m in process.milestones.all()
    ]
    entries.sort(key=lambda e: (e.starts, {"phase": 0, "activity": 1, "milestone": 2}[e.kind]))
    if entries and not any(e.state == "current" for e in entries):
        marker = TimelineEntry("now", _("You are here"), today, today, "current")
        position = next((i for i, e in enumerate(entries) if e.state == "future"), len(entries))
        entries.insert(position, marker)
    return entries


def open_activities(process: Process, now: datetime.datetime | None = None) -> list:
    now = now or timezone.now()
    return [a for a in process.activities.all() if a.is_open(now)]
