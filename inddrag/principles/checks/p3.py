"""Principle 3: early and relevant.

Involvement is planned against the political decision points, early enough to matter and
with time to process the input.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inddrag.lib.calendar import local_date, working_days_between
from inddrag.principles.checks.base import (
    CheckContext,
    Finding,
    Severity,
    check,
    date_text,
    fed_milestone,
    latest_end,
    row_link,
)
from inddrag.principles.plan import ProcessPlan
from inddrag.processes.models import Process


@check(principle=3)
def p3_milestones_planned(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    if plan.is_case:
        return []
    if not plan.milestones:
        return [
            Finding(
                Severity.WARNING,
                _(
                    "Add the political decision points, so the involvement can be planned to "
                    "feed them."
                ),
                link="#milepaele",
            )
        ]
    return []


@check(principle=3)
def p3_processing_time(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    if plan.is_case:
        return []
    milestones = plan.milestones
    if not milestones:
        return []
    results = []
    enough: list[int] = []
    for activity in plan.activities:
        milestone = fed_milestone(activity, milestones)
        end = local_date(activity.ends_at)
        if milestone is None:
            results.append(
                Finding(
                    Severity.WARNING,
                    _(
                        "“%(activity)s” ends after the last decision point. Add the decision it "
                        "gives input to."
                    )
                    % {"activity": activity.title},
                    link="#milepaele",
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
                "date": date_text(milestone.meeting_date),
                "minimum": ctx.processing_days,
                "latest": date_text(latest_end(milestone.meeting_date, ctx.processing_days)),
            }
            results.append(
                Finding(
                    Severity.WARNING,
                    ngettext(
                        "Only %(days)d working day from the end of “%(activity)s” to "
                        "%(body)s on %(date)s; at least %(minimum)d are needed to process the "
                        "input. End the activity by %(latest)s, or plan a later meeting.",
                        "Only %(days)d working days from the end of “%(activity)s” to "
                        "%(body)s on %(date)s; at least %(minimum)d are needed to process the "
                        "input. End the activity by %(latest)s, or plan a later meeting.",
                        days,
                    )
                    % params,
                    link=row_link("aktiviteter", activity),
                )
            )
        else:
            enough.append(days)
    if enough and not results:
        fewest = min(enough)
        results.append(
            Finding(
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


@check(principle=3)
def p3_not_after_decision(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    if plan.is_case:
        return []
    milestones = plan.milestones
    results = []
    for activity in plan.activities:
        if not activity.feeds_milestone_id:
            continue
        milestone = fed_milestone(activity, milestones)
        if milestone and local_date(activity.ends_at) >= milestone.meeting_date:
            results.append(
                Finding(
                    Severity.BLOCKER,
                    _(
                        "“%(activity)s” ends on %(end)s, but the decision it feeds is taken on "
                        "%(date)s. Input must arrive before the decision: end the activity by "
                        "%(latest)s."
                    )
                    % {
                        "activity": activity.title,
                        "end": date_text(activity.ends_at),
                        "date": date_text(milestone.meeting_date),
                        "latest": date_text(
                            latest_end(milestone.meeting_date, ctx.processing_days)
                        ),
                    },
                    link=row_link("aktiviteter", activity),
                )
            )
    return results


@check(principle=3)
def p3_published_before_activity(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    if plan.is_case:
        return []
    activities = plan.activities
    if not activities:
        return []
    first = activities[0]
    if plan.status == Process.Status.DRAFT and first.starts_at <= ctx.now:
        return [
            Finding(
                Severity.BLOCKER,
                _(
                    "“%(activity)s” starts %(date)s, but the process is not published. Move the "
                    "activity to a later date or publish the process first."
                )
                % {"activity": first.title, "date": date_text(first.starts_at)},
                link=row_link("aktiviteter", first),
            )
        ]
    if plan.process.published_at and plan.process.published_at > first.starts_at:
        return [
            Finding(
                Severity.WARNING,
                _("The process was published after “%(activity)s” had started.")
                % {"activity": first.title},
                link=row_link("aktiviteter", first),
            )
        ]
    return []


@check(principle=3)
def p3_decision_points_fed(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    """A political decision that no activity feeds is taken without the citizens' input.
    Reported: the decision points after the involvement has begun and before the first one that
    is fed. Not reported: a decision before any activity starts (e.g. sending a proposal to
    hearing), and those after a fed one (Økonomiudvalget and the council get the input with the
    case)."""
    if plan.is_case or not plan.milestones or not plan.activities:
        return []
    begins = local_date(plan.activities[0].starts_at)
    fed = {
        milestone.pk
        for activity in plan.activities
        if (milestone := fed_milestone(activity, plan.milestones)) is not None
    }
    results = []
    for milestone in plan.milestones:
        if milestone.pk in fed:
            break
        if milestone.meeting_date <= begins:
            continue
        results.append(
            Finding(
                Severity.WARNING,
                _(
                    "No activity gives input to %(body)s on %(date)s. Plan one that ends by "
                    "%(latest)s and choose this decision under “Feeds the decision”, or remove "
                    "the decision point if it is not part of this process."
                )
                % {
                    "body": milestone.body.name,
                    "date": date_text(milestone.meeting_date),
                    "latest": date_text(latest_end(milestone.meeting_date, ctx.processing_days)),
                },
                link=row_link("milepaele", milestone),
            )
        )
    return results
