"""Principle 4: adequate time, used well.

Statutory hearing periods are kept, the staff hours are planned, and an extensive process
has time between its last activity and the decision.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inddrag.lib.calendar import calendar_span, local_date, working_days_between
from inddrag.lib.formatting import hours
from inddrag.principles.checks.base import (
    CheckContext,
    Finding,
    Severity,
    check,
    date_text,
    fed_milestone,
)
from inddrag.principles.plan import ProcessPlan
from inddrag.processes.models import Proportionality


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


@check(principle=4)
def p4_hearing_minimum(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    results = []
    for activity in plan.activities:
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
                Finding(
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
                Finding(
                    Severity.OK,
                    _("The hearing period is %(days)d days — the legal minimum is %(minimum)d.")
                    % {**params, "days": _rounded_days(span)},
                    public=True,
                )
            )
    return results


@check(principle=4)
def p4_planned_hours(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    if plan.process.planned_hours is None:
        return [
            Finding(
                Severity.WARNING,
                _("Set the planned staff hours, so the effort can be kept proportionate."),
            )
        ]
    params = {"planned": hours(plan.process.planned_hours), "used": hours(plan.process.used_hours)}
    if plan.process.used_hours > plan.process.planned_hours:
        return [
            Finding(
                Severity.WARNING,
                _(
                    "More staff hours used (%(used)s) than planned (%(planned)s). Adjust the "
                    "plan or the activities."
                )
                % params,
            )
        ]
    return [
        Finding(
            Severity.OK,
            _("Staff hours used: %(used)s of %(planned)s planned.") % params,
        )
    ]


@check(principle=4)
def p4_extensive_time(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    if plan.process.proportionality != Proportionality.EXTENSIVE or plan.is_case:
        return []
    activities = plan.activities
    milestones = plan.milestones
    if not activities or not milestones:
        return []
    last = max(activities, key=lambda a: a.ends_at)
    milestone = fed_milestone(last, milestones)
    if milestone is None:
        return []
    days = working_days_between(local_date(last.ends_at), milestone.meeting_date)
    if days < ctx.extensive_processing_days:
        return [
            Finding(
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
                    "date": date_text(milestone.meeting_date),
                    "minimum": ctx.extensive_processing_days,
                },
            )
        ]
    return []
