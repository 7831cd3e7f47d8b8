"""Domain operations on a process that touch several models or carry rules."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.forms import ModelForm
from django.utils import timezone
from django.utils.translation import gettext as _

from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.contributions import services as contribution_services
from inddrag.documents.models import DocumentVersion
from inddrag.idempotency import services as idempotency
from inddrag.idempotency.services import Once
from inddrag.lib import page_cache
from inddrag.lib.calendar import local_date
from inddrag.lib.formatting import moment
from inddrag.organisation.models import DecisionBody
from inddrag.principles.checks import CheckResult, blockers, run_checks, worst_severity
from inddrag.principles.plan import ProcessPlan, load_plan
from inddrag.processes.models import Decision, Milestone, Process, ProcessTargetGroup


class TransitionRefused(Exception):
    """A status change that the lifecycle or the principle checks do not allow."""

    def __init__(self, message: str, problems: list[CheckResult] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


# --- Writing a process and its rows ---------------------------------------------------------------
# Each write and its entry in the access log happen together, whichever page or API made them.

CREATE_SCOPE = "processes:create:%d"  # per staff member
ROW_SCOPE = "processes:%d:%s"  # per process and section


def create_process(form: ModelForm, user, *, key: str | None = None) -> Once:
    """Save a new process from its validated details form (with its target groups); a repeat
    with the same ``key`` returns the process the first request created."""

    def create() -> Process:
        process = form.save()
        set_target_groups(process, form.cleaned_data["target_groups"])
        log_access(user, process, AccessLog.Action.CHANGE, "created")
        return process

    return idempotency.run_once(CREATE_SCOPE % user.pk, key, create)


@dataclass
class QueueRow:
    """One process on the staff start page: what needs doing, and when."""

    plan: ProcessPlan
    worst: str
    blockers: int
    warnings: int
    next_deadline: datetime.datetime | None
    next_meeting: Milestone | None

    @property
    def process(self) -> Process:
        return self.plan.process

    @property
    def stats(self):
        return self.plan.contributions

    def urgency(self) -> tuple:
        """Blockers first, then contributions waiting for staff, then the nearest date."""
        stats = self.plan.contributions
        waiting = stats.flagged + stats.awaiting_review + stats.unanswered
        soonest = min(
            (
                d
                for d in (
                    self.next_deadline and self.next_deadline.date(),
                    self.next_meeting and self.next_meeting.meeting_date,
                )
                if d
            ),
            default=datetime.date.max,
        )
        return ({"blocker": 0, "warning": 1}.get(self.worst, 2), -waiting, soonest)


def work_queue(plans: list[ProcessPlan], now: datetime.datetime | None = None) -> list[QueueRow]:
    """The staff member's processes in the order they need attention (no further queries)."""
    now = now or timezone.now()
    today = local_date(now)
    rows = []
    for plan in plans:
        checks = run_checks(plan, now=now)
        rows.append(
            QueueRow(
                plan=plan,
                worst=worst_severity(checks),
                blockers=sum(1 for c in checks if c.severity == "blocker"),
                warnings=sum(1 for c in checks if c.severity == "warning"),
                next_deadline=plan.process.next_deadline(now),
                next_meeting=next((m for m in plan.milestones if m.meeting_date >= today), None),
            )
        )
    return sorted(rows, key=QueueRow.urgency)


def handed_over_by(user) -> list[Process]:
    """Processes ``user`` created that now belong to someone they cannot edit for (another
    centre's): where they went, so nothing vanishes from the planner's view. One query."""
    created = AccessLog.objects.filter(
        user=user,
        action=AccessLog.Action.CHANGE,
        object_type=Process._meta.label_lower,
        detail="created",
    ).values("object_id")
    mine = Q(responsible=user) | (Q(centre_id=user.centre_id) if user.centre_id else Q())
    return list(
        Process.objects.filter(pk__in=created, kind=Process.Kind.PROJECT)
        .exclude(mine)
        .select_related("responsible", "centre")
        .order_by("-created_at")[:20]
    )


@transaction.atomic
def save_details(process: Process, form: ModelForm, user) -> bool:
    """Save the validated details form of an existing process; False when nothing changed (and
    nothing, not even the time of the last change, is written)."""
    if not form.has_changed():
        return False
    form.save()
    if "target_groups" in form.cleaned_data:  # not on a case's form
        set_target_groups(process, form.cleaned_data["target_groups"])
    if "review_before_publishing" in form.changed_data:
        contribution_services.release_held_back(process)
    log_access(user, process, AccessLog.Action.CHANGE, "details")
    return True


def add_row(process: Process, slug: str, form: ModelForm, user, *, key: str | None = None) -> Once:
    """Add a frame item, phase, activity or decision point from its validated form."""

    def create():
        row = form.save()
        log_access(user, process, AccessLog.Action.CHANGE, f"{slug}: added")
        return row

    return idempotency.run_once(ROW_SCOPE % (process.pk, slug), key, create)


@transaction.atomic
def change_row(process: Process, slug: str, form: ModelForm, user) -> bool:
    """Save a changed row; False when nothing changed."""
    if not form.has_changed():
        return False
    form.save()
    log_access(user, process, AccessLog.Action.CHANGE, f"{slug}: changed")
    return True


@transaction.atomic
def delete_row(process: Process, slug: str, row, user) -> None:
    row.delete()
    log_access(user, process, AccessLog.Action.CHANGE, f"{slug}: deleted")


@transaction.atomic
def change_status(
    process: Process, status: str, user, now: datetime.datetime | None = None
) -> None:
    """Move a process to ``status`` if the lifecycle allows it.

    Publishing is refused while any principle check reports a blocker; the refusal carries the
    list of what to fix. A project becomes "decided" by recording the decision
    (``record_decision``), which also publishes the answers and tells every contributor.
    """
    now = now or timezone.now()
    if (
        status == Process.Status.DECIDED
        and not process.is_case
        and process.can_transition_to(status)
        and process.recorded_decision is None
    ):
        raise TransitionRefused(
            _(
                "Record the decision (body, meeting, agenda item and the decision text): that "
                "moves the process to “Decided” and tells every contributor."
            )
        )
    _transition(process, status, user, now)


def _transition(process: Process, status: str, user, now: datetime.datetime) -> None:
    if not process.can_transition_to(status):
        raise TransitionRefused(
            _("A process that is “%(from)s” cannot become “%(to)s”.")
            % {
                "from": process.get_status_display(),
                "to": dict(Process.Status.choices).get(status, status),
            }
        )
    if status in (Process.Status.PUBLISHED, Process.Status.OPEN):
        plan = load_plan(process.pk)
        if status == Process.Status.OPEN:
            # Judge the process as it will be once open: e.g. a statutory stakeholder missing
            # from the hearing list is a blocker from the moment it opens (principle 5).
            plan = plan.with_status(status)
        problems = blockers(run_checks(plan, now=now))
        if problems:
            message = (
                _("The process cannot be published until these are fixed:")
                if status == Process.Status.PUBLISHED
                else _("The process cannot be opened for input until these are fixed:")
            )
            raise TransitionRefused(message, problems)
    if status == Process.Status.PUBLISHED and process.published_at is None:
        process.published_at = now
    if status in (Process.Status.DECIDED, Process.Status.CLOSED) and process.ended_at is None:
        process.ended_at = now
    old = process.status
    process.status = status
    process.save(update_fields=["status", "published_at", "ended_at", "updated_at"])
    log_access(user, process, AccessLog.Action.TRANSITION, f"{old} → {status}")


# --- The decision -------------------------------------------------------------------------------


@dataclass
class DecisionData:
    body: DecisionBody
    meeting_date: datetime.date
    agenda_title: str
    text: str
    agenda_url: str = ""
    final_version: DocumentVersion | None = None


@dataclass
class DecisionResult:
    decision: Decision
    created: bool
    newly_decided: bool  # the process moved to "decided" now (and everyone was told)
    answers_published: int = 0
    notified: int = 0


DECIDABLE = (Process.Status.OPEN, Process.Status.PROCESSING)
CORRECTABLE = (Process.Status.DECIDED, Process.Status.CLOSED)


def decision_refusal(process: Process, now: datetime.datetime | None = None) -> str | None:
    """Why the decision cannot be recorded now, or None if it can.

    A decision is recorded while the input is being processed. From "open for input" it is
    recorded in one step (open → processing → decided) once no activity is open any more — the
    status was simply not moved on after the deadline. A decided or closed process can have its
    record corrected."""
    now = now or timezone.now()
    if process.is_case:
        return _("A case ends with a decision in the case, not a political decision.")
    if process.status in CORRECTABLE:
        return None
    if process.status not in DECIDABLE:
        return _(
            "The process has not yet asked for input. A decision can be recorded once the "
            "input has been received and processed."
        )
    if process.status == Process.Status.OPEN:
        still_open = process.open_activities(now)
        if still_open:
            last = max(still_open, key=lambda a: a.ends_at)
            return _(
                "“%(activity)s” is open until %(end)s. Close the hearing before the decision "
                "is recorded: citizens must be able to give their input until the deadline."
            ) % {"activity": last.title, "end": moment(last.ends_at)}
    return None


@transaction.atomic
def record_decision(
    process: Process, data: DecisionData, user, now: datetime.datetime | None = None
) -> DecisionResult:
    """Record what the political body decided, in one transaction.

    The first time: the process moves to "decided", the final version is published, the drafted
    answers are published, and every contributor with an e-mail address gets one e-mail with
    the decision, their answer and the changes their input led to (no separate answer e-mail).
    Later (a correction of the record): the decision is updated and a newly chosen final
    version published; nobody is e-mailed again.
    """
    now = now or timezone.now()
    # Lock the process, so a double click cannot record (and e-mail) twice.
    locked = Process.objects.select_for_update().get(pk=process.pk)
    process.status = locked.status
    refusal = decision_refusal(process, now)
    if refusal:
        raise TransitionRefused(refusal)
    final = data.final_version
    if (
        final is not None
        and not DocumentVersion.objects.filter(pk=final.pk, document__process=process).exists()
    ):
        raise TransitionRefused(_("Choose a version of one of this process's own documents."))
    fields = {
        "body": data.body,
        "meeting_date": data.meeting_date,
        "agenda_title": data.agenda_title.strip(),
        "agenda_url": data.agenda_url.strip(),
        "text": data.text.strip(),
        "final_version": final,
    }
    decision, created = Decision.objects.update_or_create(
        process=process, defaults=fields, create_defaults={**fields, "recorded_by": user}
    )
    if final is not None and not final.published:
        DocumentVersion.objects.filter(pk=final.pk).update(published=True)
        final.published = True
        page_cache.changed(process.pk)
    log_access(
        user,
        process,
        AccessLog.Action.CHANGE,
        f"decision {'recorded' if created else 'corrected'}: {data.body} {data.meeting_date}",
    )
    result = DecisionResult(decision, created, newly_decided=False)
    if process.status in CORRECTABLE:
        return result
    if process.status == Process.Status.OPEN:
        _transition(process, Process.Status.PROCESSING, user, now)
    _transition(process, Process.Status.DECIDED, user, now)
    result.newly_decided = True
    result.answers_published = contribution_services.publish_answers(
        process, user, now=now, notify=False
    )
    contribution_services.finalise_answers(process)  # decided: no longer preliminary
    result.notified = contribution_services.notify_decision(process, decision)
    log_access(user, process, AccessLog.Action.CHANGE, f"decision e-mailed to {result.notified}")
    return result


def set_target_groups(process: Process, groups: list[str]) -> None:
    wanted = set(groups)
    ProcessTargetGroup.objects.filter(process=process).exclude(group__in=wanted).delete()
    existing = set(process.target_groups.values_list("group", flat=True))
    ProcessTargetGroup.objects.bulk_create(
        [ProcessTargetGroup(process=process, group=g) for g in sorted(wanted - existing)]
    )
    page_cache.changed(process.pk)


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
    here: bool = False  # "Du er her": the innermost entry going on today, or the marker
    receives: bool = False  # an activity taking contributions on this page right now


def build_timeline(process: Process, now: datetime.datetime | None = None) -> list[TimelineEntry]:
    """Phases (with their activities), loose activities and milestones in date order, each
    marked past, current or future. "You are here" is on the innermost entry going on today, or,
    when nothing is, a marker where today falls — on every process, so a citizen always sees
    where it stands."""
    now = now or timezone.now()
    today = local_date(now)

    def state(starts: datetime.date, ends: datetime.date) -> str:
        if ends < today:
            return "past"
        if starts > today:
            return "future"
        return "current"

    def activity_entry(activity) -> TimelineEntry:
        if activity.has_ended(now):
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
            receives=activity_state == "current"
            and activity.takes_contributions
            and process.status != Process.Status.DRAFT,
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
    current = [e for e in entries if e.state == "current"]
    for entry in current:
        children = [c for c in entry.children if c.state == "current"]
        for item in children or [entry]:
            item.here = True
    if entries and not current:
        marker = TimelineEntry("now", _("You are here"), today, today, "current", here=True)
        position = next((i for i, e in enumerate(entries) if e.state == "future"), len(entries))
        entries.insert(position, marker)
    return entries
