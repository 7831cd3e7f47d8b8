"""The principle checks: one small function per check, each tied to one of the five principles.

Every check reads a process (loaded with ``Process.objects.with_plan()`` so that no check causes a
query) and returns one or more ``CheckResult`` with the principle number, a severity and a Danish
message that says what to do. Results are computed from the data every time; nothing is stored.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from inddrag.lib.calendar import calendar_span, local_date, working_days_between
from inddrag.lib.formatting import full_date, hours
from inddrag.processes.models import (
    Activity,
    FrameItem,
    Milestone,
    Process,
    Proportionality,
    TargetGroup,
)


class Severity(StrEnum):
    BLOCKER = "blocker"
    WARNING = "warning"
    OK = "ok"


SEVERITY_ORDER = {Severity.BLOCKER: 0, Severity.WARNING: 1, Severity.OK: 2}

PRINCIPLE_TITLES = {
    1: gettext_lazy("Clear frames"),
    2: gettext_lazy("Listening and open to new ideas"),
    3: gettext_lazy("Early and relevant"),
    4: gettext_lazy("Adequate time, used well"),
    5: gettext_lazy("Broad and relevant"),
}


@dataclass(frozen=True)
class CheckResult:
    principle: int
    code: str
    severity: Severity
    message: str
    public: bool = False  # shown in the compact summary on the public page

    @property
    def principle_title(self) -> str:
        return str(PRINCIPLE_TITLES[self.principle])


@dataclass(frozen=True)
class CheckContext:
    now: datetime.datetime
    processing_days: int
    extensive_processing_days: int
    answer_days: int = 14

    @classmethod
    def default(cls, now: datetime.datetime | None = None) -> CheckContext:
        return cls(
            now=now or timezone.now(),
            processing_days=settings.INDDRAG_PROCESSING_WORKING_DAYS,
            extensive_processing_days=settings.INDDRAG_EXTENSIVE_PROCESSING_WORKING_DAYS,
            answer_days=settings.INDDRAG_ANSWER_DAYS_AFTER_DECISION,
        )


Check = Callable[[Process, CheckContext], list[CheckResult]]
CHECKS: list[Check] = []


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


def _date(value: datetime.date | datetime.datetime) -> str:
    if isinstance(value, datetime.datetime):
        value = local_date(value)
    return full_date(value)


def _frame_items(process: Process) -> list[FrameItem]:
    return list(process.frame_items.all())


def _activities(process: Process) -> list[Activity]:
    return sorted(process.activities.all(), key=lambda a: (a.starts_at, a.pk or 0))


def _milestones(process: Process) -> list[Milestone]:
    return sorted(process.milestones.all(), key=lambda m: (m.meeting_date, m.pk or 0))


def _next_milestone(activity: Activity, milestones: Iterable[Milestone]) -> Milestone | None:
    """The decision an activity feeds: the one it names, or else the first meeting after it."""
    if activity.feeds_milestone_id:
        for milestone in milestones:
            if milestone.pk == activity.feeds_milestone_id:
                return milestone
    end = local_date(activity.ends_at)
    return next((m for m in milestones if m.meeting_date >= end), None)


# --- Principle 1: clear frames ------------------------------------------------------------------


@check
def p1_open_items(process: Process, ctx: CheckContext) -> list[CheckResult]:
    count = sum(1 for item in _frame_items(process) if item.kind == FrameItem.Kind.OPEN)
    if count == 0:
        return [
            CheckResult(
                1,
                "p1_open_items",
                Severity.BLOCKER,
                _("Add at least one thing citizens can influence to the frame."),
            )
        ]
    return [
        CheckResult(
            1,
            "p1_open_items",
            Severity.OK,
            ngettext(
                "There is %(count)d thing you can influence.",
                "There are %(count)d things you can influence.",
                count,
            )
            % {"count": count},
            public=True,
        )
    ]


@check
def p1_fixed_reasons(process: Process, ctx: CheckContext) -> list[CheckResult]:
    fixed = [item for item in _frame_items(process) if item.kind == FrameItem.Kind.FIXED]
    missing = [item for item in fixed if not item.reason.strip()]
    if missing:
        return [
            CheckResult(
                1,
                "p1_fixed_reasons",
                Severity.BLOCKER,
                _("Explain why “%(text)s” is fixed.") % {"text": item.text},
            )
            for item in missing
        ]
    if not fixed:
        return [
            CheckResult(
                1,
                "p1_fixed_reasons",
                Severity.WARNING,
                _(
                    "Nothing is marked as fixed. Say what is not up for discussion, and why — "
                    "or confirm that everything is open."
                ),
            )
        ]
    return [
        CheckResult(
            1,
            "p1_fixed_reasons",
            Severity.OK,
            ngettext(
                "What is fixed comes with a reason (%(count)d item).",
                "Everything that is fixed comes with a reason (%(count)d items).",
                len(fixed),
            )
            % {"count": len(fixed)},
            public=True,
        )
    ]


@check
def p1_influence_level(process: Process, ctx: CheckContext) -> list[CheckResult]:
    if not process.influence_level:
        return [
            CheckResult(
                1,
                "p1_influence_level",
                Severity.BLOCKER,
                _("Choose the influence level, so citizens know what is promised."),
            )
        ]
    return [
        CheckResult(
            1,
            "p1_influence_level",
            Severity.OK,
            _("Influence level: %(level)s.") % {"level": process.get_influence_level_display()},
        )
    ]


@check
def p1_frame_before_activity(process: Process, ctx: CheckContext) -> list[CheckResult]:
    started = [a for a in _activities(process) if a.starts_at <= ctx.now]
    if not started:
        return []
    items = _frame_items(process)
    complete = (
        bool(process.influence_level)
        and any(i.kind == FrameItem.Kind.OPEN for i in items)
        and all(i.reason.strip() for i in items if i.kind == FrameItem.Kind.FIXED)
    )
    if complete:
        return []
    return [
        CheckResult(
            1,
            "p1_frame_before_activity",
            Severity.BLOCKER,
            _("“%(activity)s” has opened, but the frame is not complete. Complete it now.")
            % {"activity": started[0].title},
        )
    ]


# --- Principle 2: listening ---------------------------------------------------------------------


def _stats(process: Process) -> tuple[int, int, int, int]:
    """(contributions, answered, answers published, answers without reason) — annotated by
    ``Process.objects.with_plan()``; zero when the process was loaded without them."""
    return (
        getattr(process, "n_contributions", 0),
        getattr(process, "n_answered", 0),
        getattr(process, "n_answers_published", 0),
        getattr(process, "n_answers_without_reason", 0),
    )


def _decision(process: Process) -> Milestone | None:
    """The decision the contributions feed: the first meeting after the last activity that
    takes contributions, or else the last meeting."""
    milestones = _milestones(process)
    if not milestones:
        return None
    taking = [a for a in _activities(process) if a.takes_contributions]
    if taking:
        last = max(taking, key=lambda a: a.ends_at)
        found = _next_milestone(last, milestones)
        if found:
            return found
    return milestones[-1]


@dataclass(frozen=True)
class _DecisionPoint:
    body: str
    date: datetime.date


def _decision_point(process: Process) -> _DecisionPoint | None:
    """When the contributions had to be answered by: the recorded decision, or else the
    planned meeting they feed."""
    recorded = process.recorded_decision
    if recorded is not None:
        return _DecisionPoint(recorded.body.name, recorded.meeting_date)
    milestone = _decision(process)
    if milestone is None:
        return None
    return _DecisionPoint(milestone.body.name, milestone.meeting_date)


def _is_decided(process: Process) -> bool:
    return process.status in (Process.Status.DECIDED, Process.Status.CLOSED)


@check
def p2_all_answered(process: Process, ctx: CheckContext) -> list[CheckResult]:
    total, answered, _published, _reasonless = _stats(process)
    if total == 0:
        return []
    missing = total - answered
    if missing == 0:
        return [
            CheckResult(
                2,
                "p2_all_answered",
                Severity.OK,
                ngettext(
                    "The contribution has been answered.",
                    "All %(count)d contributions have been answered.",
                    total,
                )
                % {"count": total},
                public=True,
            )
        ]
    decision = _decision_point(process)
    today = local_date(ctx.now)
    if decision and (_is_decided(process) or today >= decision.date):
        return [
            CheckResult(
                2,
                "p2_all_answered",
                Severity.BLOCKER,
                ngettext(
                    "%(missing)d contribution was not answered before %(body)s decided on "
                    "%(date)s. Answer it now.",
                    "%(missing)d contributions were not answered before %(body)s decided on "
                    "%(date)s. Answer them now.",
                    missing,
                )
                % {"missing": missing, "body": decision.body, "date": _date(decision.date)},
            )
        ]
    if _is_decided(process):
        return [
            CheckResult(
                2,
                "p2_all_answered",
                Severity.BLOCKER,
                ngettext(
                    "The process is decided, but %(missing)d contribution has no answer. "
                    "Answer it now.",
                    "The process is decided, but %(missing)d contributions have no answer. "
                    "Answer them now.",
                    missing,
                )
                % {"missing": missing},
            )
        ]
    message = ngettext(
        "%(missing)d of %(total)d contributions has no answer yet.",
        "%(missing)d of %(total)d contributions have no answer yet.",
        missing,
    ) % {"missing": missing, "total": total}
    if decision:
        message += " " + _("Answer them before %(body)s decides on %(date)s.") % {
            "body": decision.body,
            "date": _date(decision.date),
        }
    return [CheckResult(2, "p2_all_answered", Severity.WARNING, message)]


@check
def p2_answers_have_reasons(process: Process, ctx: CheckContext) -> list[CheckResult]:
    reasonless = _stats(process)[3]
    if reasonless:
        return [
            CheckResult(
                2,
                "p2_answers_have_reasons",
                Severity.BLOCKER,
                ngettext(
                    "%(count)d answer has no reason. Every outcome needs one.",
                    "%(count)d answers have no reason. Every outcome needs one.",
                    reasonless,
                )
                % {"count": reasonless},
            )
        ]
    return []


@check
def p2_answers_published(process: Process, ctx: CheckContext) -> list[CheckResult]:
    """Drafted answers are published after the decision. Contributions without any answer are
    ``p2_all_answered``'s to report, so they are not counted twice here."""
    total, answered, published, _reasonless = _stats(process)
    if total == 0 or not _is_decided(process):
        return []
    if published >= total:
        return [
            CheckResult(
                2,
                "p2_answers_published",
                Severity.OK,
                _("Every contributor has been given an answer."),
                public=True,
            )
        ]
    drafts = answered - published
    decision = _decision_point(process)
    if drafts <= 0 or decision is None:
        return []
    due = decision.date + datetime.timedelta(days=ctx.answer_days)
    params = {"missing": drafts, "date": _date(due)}
    late = local_date(ctx.now) > due
    return [
        CheckResult(
            2,
            "p2_answers_published",
            Severity.BLOCKER if late else Severity.WARNING,
            (
                ngettext(
                    "%(missing)d answer was due to be published by %(date)s. Publish it now.",
                    "%(missing)d answers were due to be published by %(date)s. Publish them now.",
                    drafts,
                )
                if late
                else ngettext(
                    "Publish the %(missing)d remaining answer by %(date)s.",
                    "Publish the %(missing)d remaining answers by %(date)s.",
                    drafts,
                )
            )
            % params,
        )
    ]


@check
def p2_decision_recorded(process: Process, ctx: CheckContext) -> list[CheckResult]:
    """A decided project shows what was decided: body, meeting, agenda item and text."""
    if process.is_case or not _is_decided(process) or process.recorded_decision is not None:
        return []
    return [
        CheckResult(
            2,
            "p2_decision_recorded",
            Severity.WARNING,
            _(
                "The process is decided, but the decision is not recorded. Record it, so "
                "citizens can see what was decided and how their input was used."
            ),
        )
    ]


@check
def p2_final_version(process: Process, ctx: CheckContext) -> list[CheckResult]:
    """A decided process with documents shows the final version, so citizens can see the
    visible changes their input led to. Without documents there is nothing to publish."""
    if not _is_decided(process) or not getattr(process, "has_documents", False):
        return []
    recorded = process.recorded_decision
    final = recorded.final_version if recorded is not None else None
    if final is not None and final.published:
        return [
            CheckResult(
                2,
                "p2_final_version",
                Severity.OK,
                _("The final version of “%(document)s” is published with the visible changes.")
                % {"document": final.document.title},
                public=True,
            )
        ]
    if final is not None:
        return [
            CheckResult(
                2,
                "p2_final_version",
                Severity.BLOCKER,
                _(
                    "The decision's final version of “%(document)s” is not published. Publish "
                    "it, so citizens can see what changed."
                )
                % {"document": final.document.title},
            )
        ]
    if getattr(process, "has_published_final", False):
        if recorded is None:
            return []  # p2_decision_recorded asks for the decision
        return [
            CheckResult(
                2,
                "p2_final_version",
                Severity.WARNING,
                _("Choose the final version in the recorded decision, so the two are linked."),
            )
        ]
    return [
        CheckResult(
            2,
            "p2_final_version",
            Severity.BLOCKER,
            _(
                "The process is decided, but no final version of its documents is published. "
                "Publish the final version, so citizens can see what changed."
            ),
        )
    ]


# --- Principle 3: early and relevant ------------------------------------------------------------


@check
def p3_milestones_planned(process: Process, ctx: CheckContext) -> list[CheckResult]:
    if process.is_case:
        return []
    if not _milestones(process):
        return [
            CheckResult(
                3,
                "p3_milestones_planned",
                Severity.WARNING,
                _(
                    "Add the political decision points, so the involvement can be planned to "
                    "feed them."
                ),
            )
        ]
    return []


@check
def p3_processing_time(process: Process, ctx: CheckContext) -> list[CheckResult]:
    if process.is_case:
        return []
    milestones = _milestones(process)
    if not milestones:
        return []
    results = []
    enough: list[int] = []
    for activity in _activities(process):
        milestone = _next_milestone(activity, milestones)
        end = local_date(activity.ends_at)
        if milestone is None:
            results.append(
                CheckResult(
                    3,
                    "p3_processing_time",
                    Severity.WARNING,
                    _(
                        "“%(activity)s” ends after the last decision point. Add the decision it "
                        "gives input to."
                    )
                    % {"activity": activity.title},
                )
            )
            continue
        if end >= milestone.meeting_date:
            continue  # p3_not_after_decision reports this
        days = working_days_between(end, milestone.meeting_date)
        if days < ctx.processing_days:
            params = {
                "activity": activity.title,
                "days": days,
                "body": milestone.body.name,
                "date": _date(milestone.meeting_date),
                "minimum": ctx.processing_days,
            }
            results.append(
                CheckResult(
                    3,
                    "p3_processing_time",
                    Severity.WARNING,
                    ngettext(
                        "Only %(days)d working day from the end of “%(activity)s” to "
                        "%(body)s on %(date)s; at least %(minimum)d are needed to process the "
                        "input. End the activity earlier or plan a later meeting.",
                        "Only %(days)d working days from the end of “%(activity)s” to "
                        "%(body)s on %(date)s; at least %(minimum)d are needed to process the "
                        "input. End the activity earlier or plan a later meeting.",
                        days,
                    )
                    % params,
                )
            )
        else:
            enough.append(days)
    if enough and not results:
        fewest = min(enough)
        results.append(
            CheckResult(
                3,
                "p3_processing_time",
                Severity.OK,
                ngettext(
                    "Input reaches the politicians in time: at least %(days)d working day "
                    "passes between each activity and the meeting it feeds.",
                    "Input reaches the politicians in time: at least %(days)d working days "
                    "pass between each activity and the meeting it feeds.",
                    fewest,
                )
                % {"days": fewest},
                public=True,
            )
        )
    return results


@check
def p3_not_after_decision(process: Process, ctx: CheckContext) -> list[CheckResult]:
    if process.is_case:
        return []
    milestones = _milestones(process)
    results = []
    for activity in _activities(process):
        if not activity.feeds_milestone_id:
            continue
        milestone = _next_milestone(activity, milestones)
        if milestone and local_date(activity.ends_at) >= milestone.meeting_date:
            results.append(
                CheckResult(
                    3,
                    "p3_not_after_decision",
                    Severity.BLOCKER,
                    _(
                        "“%(activity)s” ends on %(end)s, but the decision it feeds is taken on "
                        "%(date)s. Input must arrive before the decision."
                    )
                    % {
                        "activity": activity.title,
                        "end": _date(activity.ends_at),
                        "date": _date(milestone.meeting_date),
                    },
                )
            )
    return results


@check
def p3_published_before_activity(process: Process, ctx: CheckContext) -> list[CheckResult]:
    if process.is_case:
        return []
    activities = _activities(process)
    if not activities:
        return []
    first = activities[0]
    if process.status == Process.Status.DRAFT and first.starts_at <= ctx.now:
        return [
            CheckResult(
                3,
                "p3_published_before_activity",
                Severity.BLOCKER,
                _(
                    "“%(activity)s” starts %(date)s, but the process is not published. Move the "
                    "activity to a later date or publish the process first."
                )
                % {"activity": first.title, "date": _date(first.starts_at)},
            )
        ]
    if process.published_at and process.published_at > first.starts_at:
        return [
            CheckResult(
                3,
                "p3_published_before_activity",
                Severity.WARNING,
                _("The process was published after “%(activity)s” had started.")
                % {"activity": first.title},
            )
        ]
    return []


# --- Principle 4: adequate time, used well ------------------------------------------------------


def _format_span(span: datetime.timedelta) -> str:
    """The exact span in words: "27 days, 23 hours and 59 minutes"."""
    hours, remainder = divmod(span.seconds, 3600)
    minutes = remainder // 60
    parts = [ngettext("%(n)d day", "%(n)d days", span.days) % {"n": span.days}]
    if hours:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if minutes:
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes})
    if len(parts) == 1:
        return parts[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def _rounded_days(span: datetime.timedelta) -> int:
    """Whole days for a period that passes the minimum: 35 days 23:59 reads as 36 days."""
    return span.days + (1 if span.seconds >= 12 * 3600 else 0)


@check
def p4_hearing_minimum(process: Process, ctx: CheckContext) -> list[CheckResult]:
    results = []
    for activity in _activities(process):
        weeks = activity.minimum_weeks
        if not weeks:
            continue
        span = calendar_span(activity.starts_at, activity.ends_at)
        minimum = datetime.timedelta(weeks=weeks)
        params = {
            "activity": activity.title,
            "span": _format_span(span),
            "minimum": minimum.days,
        }
        if span < minimum:
            results.append(
                CheckResult(
                    4,
                    "p4_hearing_minimum",
                    Severity.BLOCKER,
                    _(
                        "The hearing “%(activity)s” lasts %(span)s; the law requires at least "
                        "%(minimum)d days (Planloven § 24). Move the deadline later."
                    )
                    % params,
                )
            )
        else:
            results.append(
                CheckResult(
                    4,
                    "p4_hearing_minimum",
                    Severity.OK,
                    _("The hearing period is %(days)d days — the legal minimum is %(minimum)d.")
                    % {**params, "days": _rounded_days(span)},
                    public=True,
                )
            )
    return results


@check
def p4_planned_hours(process: Process, ctx: CheckContext) -> list[CheckResult]:
    if process.planned_hours is None:
        return [
            CheckResult(
                4,
                "p4_planned_hours",
                Severity.WARNING,
                _("Set the planned staff hours, so the effort can be kept proportionate."),
            )
        ]
    params = {"planned": hours(process.planned_hours), "used": hours(process.used_hours)}
    if process.used_hours > process.planned_hours:
        return [
            CheckResult(
                4,
                "p4_planned_hours",
                Severity.WARNING,
                _(
                    "More staff hours used (%(used)s) than planned (%(planned)s). Adjust the "
                    "plan or the activities."
                )
                % params,
            )
        ]
    return [
        CheckResult(
            4,
            "p4_planned_hours",
            Severity.OK,
            _("Staff hours used: %(used)s of %(planned)s planned.") % params,
        )
    ]


@check
def p4_extensive_time(process: Process, ctx: CheckContext) -> list[CheckResult]:
    if process.proportionality != Proportionality.EXTENSIVE or process.is_case:
        return []
    activities = _activities(process)
    milestones = _milestones(process)
    if not activities or not milestones:
        return []
    last = max(activities, key=lambda a: a.ends_at)
    milestone = _next_milestone(last, milestones)
    if milestone is None:
        return []
    days = working_days_between(local_date(last.ends_at), milestone.meeting_date)
    if days < ctx.extensive_processing_days:
        return [
            CheckResult(
                4,
                "p4_extensive_time",
                Severity.WARNING,
                ngettext(
                    "This is an extensive process, but only %(days)d working day separates the "
                    "last activity from the decision on %(date)s. Plan at least %(minimum)d.",
                    "This is an extensive process, but only %(days)d working days separate the "
                    "last activity from the decision on %(date)s. Plan at least %(minimum)d.",
                    days,
                )
                % {
                    "days": days,
                    "date": _date(milestone.meeting_date),
                    "minimum": ctx.extensive_processing_days,
                },
            )
        ]
    return []


# --- Principle 5: broad and relevant ------------------------------------------------------------


@check
def p5_breadth(process: Process, ctx: CheckContext) -> list[CheckResult]:
    groups = process.target_group_codes()
    if process.proportionality == Proportionality.LIGHT:
        return [
            CheckResult(
                5,
                "p5_breadth",
                Severity.OK,
                ngettext(
                    "A light process: %(count)d target group.",
                    "A light process: %(count)d target groups.",
                    len(groups),
                )
                % {"count": len(groups)},
            )
        ]
    if len(groups) < 2:
        return [
            CheckResult(
                5,
                "p5_breadth",
                Severity.WARNING,
                _(
                    "Involve more broadly: a standard or extensive process should reach at least "
                    "two target groups."
                ),
            )
        ]
    return [
        CheckResult(
            5,
            "p5_breadth",
            Severity.OK,
            _("We involve: %(groups)s.")
            % {"groups": ", ".join(process.target_group_labels()).lower()},
            public=True,
        )
    ]


def _accepted(process: Process) -> list:
    """The hearing list's accepted entries (prefetched by ``with_plan()``, with stakeholders)."""
    from inddrag.stakeholders.models import HearingListEntry

    return [e for e in process.hearing_list.all() if e.state == HearingListEntry.State.ACCEPTED]


def _statutory(process: Process) -> dict:
    """The stakeholders a statutory duty says must be heard on the process's topics, by pk."""
    found = {}
    for topic in process.topic_tags.all():
        for duty in topic.hearingduty_set.all():
            found.setdefault(duty.stakeholder_id, duty.stakeholder)
    return found


INTERNAL_GROUPS = frozenset({TargetGroup.EMPLOYEES})
OUTSIDE_GROUPS = frozenset(
    {
        TargetGroup.CITIZENS,
        TargetGroup.BUSINESSES,
        TargetGroup.ASSOCIATIONS,
        TargetGroup.AUTHORITIES,
    }
)
HEARING_OVER = frozenset({Process.Status.PROCESSING, Process.Status.DECIDED, Process.Status.CLOSED})


@check
def p5_statutory(process: Process, ctx: CheckContext) -> list[CheckResult]:
    """Every stakeholder with a statutory duty on the process's topics is on the hearing list."""
    if process.is_case:
        return []
    required = _statutory(process)
    if not required:
        return []
    listed = {e.stakeholder_id for e in _accepted(process)}
    missing = sorted(
        (s for pk, s in required.items() if pk not in listed), key=lambda s: s.name.casefold()
    )
    if not missing:
        return [
            CheckResult(
                5,
                "p5_statutory",
                Severity.OK,
                ngettext(
                    "The %(count)d stakeholder the law says must be heard is invited.",
                    "All %(count)d stakeholders the law says must be heard are invited.",
                    len(required),
                )
                % {"count": len(required)},
                public=True,
            )
        ]
    if process.status in HEARING_OVER:
        # Too late to invite: say so, and how to put it right.
        return [
            CheckResult(
                5,
                "p5_statutory",
                Severity.WARNING,
                _(
                    "%(name)s must be heard on this process by law but was not on the hearing "
                    "list. Reopen the hearing for them, or explain why in the hearing memo."
                )
                % {"name": stakeholder.name},
            )
            for stakeholder in missing
        ]
    severity = Severity.BLOCKER if process.status == Process.Status.OPEN else Severity.WARNING
    return [
        CheckResult(
            5,
            "p5_statutory",
            severity,
            _("%(name)s must be heard on this process by law. Put them on the hearing list.")
            % {"name": stakeholder.name},
        )
        for stakeholder in missing
    ]


@check
def p5_look_beyond(process: Process, ctx: CheckContext) -> list[CheckResult]:
    """A standard or extensive project has considered at least one of its "look beyond"
    suggestions: accepted it, or dismissed it with a reason. Where the registry offers none,
    there is nothing to consider."""
    from inddrag.stakeholders.models import HearingListEntry

    if process.is_case or process.proportionality == Proportionality.LIGHT:
        return []
    state = HearingListEntry.State
    beyond = [e for e in process.hearing_list.all() if e.reason == HearingListEntry.Reason.BEYOND]
    considered = [
        e
        for e in beyond
        if e.state == state.ACCEPTED or (e.state == state.DISMISSED and e.dismiss_reason.strip())
    ]
    if not beyond or considered:
        return []
    return [
        CheckResult(
            5,
            "p5_look_beyond",
            Severity.WARNING,
            _(
                "Look beyond the task: consider at least one of the hearing list's “look "
                "beyond” suggestions — invite it, or dismiss it with a reason."
            ),
        )
    ]


@check
def p5_employees(process: Process, ctx: CheckContext) -> list[CheckResult]:
    """At least one internal discipline: the target group "employees", or an accepted
    internal stakeholder (a centre, a professional discipline, a MED committee)."""
    if process.proportionality == Proportionality.LIGHT:
        return []
    if INTERNAL_GROUPS & set(process.target_group_codes()):
        return []
    if any(e.stakeholder.is_internal for e in _accepted(process)):
        return []
    return [
        CheckResult(
            5,
            "p5_employees",
            Severity.WARNING,
            _(
                "Involve at least one professional discipline: add employees as a target group "
                "or put an internal discipline on the hearing list — they help the process look "
                "beyond the task."
            ),
        )
    ]


@check
def p5_outside(process: Process, ctx: CheckContext) -> list[CheckResult]:
    """At least one group outside the municipality: citizens, businesses, associations or
    authorities as a target group, or an accepted stakeholder that is not internal."""
    if process.is_case or process.proportionality == Proportionality.LIGHT:
        return []
    if OUTSIDE_GROUPS & set(process.target_group_codes()):
        return []
    if any(not e.stakeholder.is_internal for e in _accepted(process)):
        return []
    return [
        CheckResult(
            5,
            "p5_outside",
            Severity.WARNING,
            _(
                "Involve at least one group outside the municipality: citizens, businesses, "
                "associations or authorities as a target group, or an outside stakeholder on "
                "the hearing list."
            ),
        )
    ]


# --- Running the checks ------------------------------------------------------------------------


def run_checks(process: Process, now: datetime.datetime | None = None) -> list[CheckResult]:
    """Every check's results, blockers first, then by principle."""
    ctx = CheckContext.default(now)
    results = [result for fn in CHECKS for result in fn(process, ctx)]
    return sorted(results, key=lambda r: (SEVERITY_ORDER[r.severity], r.principle))


def blockers(results: Iterable[CheckResult]) -> list[CheckResult]:
    return [r for r in results if r.severity == Severity.BLOCKER]


def worst_severity(results: Iterable[CheckResult]) -> Severity:
    severities = {r.severity for r in results}
    for severity in (Severity.BLOCKER, Severity.WARNING):
        if severity in severities:
            return severity
    return Severity.OK


def by_principle(results: Iterable[CheckResult]) -> dict[int, list[CheckResult]]:
    grouped: dict[int, list[CheckResult]] = {}
    for result in sorted(results, key=lambda r: (r.principle, SEVERITY_ORDER[r.severity])):
        grouped.setdefault(result.principle, []).append(result)
    return grouped
