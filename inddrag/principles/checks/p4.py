"""Principle 4: adequate time, used well.

Statutory hearing periods are kept, the staff hours are planned, and an extensive process
has time between its last activity and the decision.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inddrag.lib.calendar import (
    COPENHAGEN,
    calendar_span,
    local,
    local_date,
    working_days_between,
)
from inddrag.lib.formatting import hours, moment
from inddrag.principles.checks.base import (
    CheckContext,
    Finding,
    Severity,
    check,
    date_text,
    fed_milestone,
    field_link,
    latest_end,
    row_link,
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


def _earliest_deadline(activity) -> datetime.datetime:
    """The earliest end that keeps the statutory minimum: the start plus the minimum, on the
    Danish wall clock (a hearing over the change to summer time keeps its calendar days)."""
    start = local(activity.starts_at)
    minimum = datetime.timedelta(weeks=activity.minimum_weeks)
    naive = start.replace(tzinfo=None) + minimum
    return naive.replace(tzinfo=COPENHAGEN)


@check(principle=4)
def p4_hearing_minimum(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    """A statutory hearing lasts at least its minimum, counted in calendar days on the Danish
    wall clock (``processes.models.HEARING_RULES`` has each kind's minimum and legal basis)."""
    results = []
    for activity in plan.activities:
        rule = activity.hearing_rule
        if rule is None:
            continue
        if rule.minimum_weeks is None:
            results.append(
                Finding(
                    Severity.OK,
                    _("“%(activity)s”: the law sets no minimum period for this hearing.")
                    % {"activity": activity.title},
                )
            )
            continue
        span = calendar_span(activity.starts_at, activity.ends_at)
        minimum = datetime.timedelta(weeks=rule.minimum_weeks)
        params = {
            "activity": activity.title,
            "span": _format_span(span),
            "minimum": minimum.days,
            "law": rule.legal_basis,
        }
        if span < minimum:
            results.append(
                Finding(
                    Severity.BLOCKER,
                    _(
                        "The hearing “%(activity)s” lasts %(span)s; the law requires at least "
                        "%(minimum)d days (%(law)s). Move the deadline to %(earliest)s or later."
                    )
                    % {**params, "earliest": moment(_earliest_deadline(activity))},
                    link=row_link("aktiviteter", activity),
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


def _holiday(day: datetime.date) -> str:
    """ "summer" in the summer holidays (ISO weeks 28–31), "christmas" from 24 December to
    1 January, else "": when many citizens are away."""
    if 28 <= day.isocalendar().week <= 31:
        return "summer"
    if (day.month, day.day) >= (12, 24) or (day.month, day.day) <= (1, 1):
        return "christmas"
    return ""


def _needed_period(first: datetime.date, days: int) -> tuple[datetime.date, int, str]:
    """Counting from ``first``, the day after the one on which the period holds ``days`` days
    outside the holidays; how many holiday days it holds; and which holiday most of them are."""
    day, counted, lost = first, 0, {"summer": 0, "christmas": 0}
    while counted < days:
        season = _holiday(day)
        if season:
            lost[season] += 1
        else:
            counted += 1
        day += datetime.timedelta(days=1)
    season = max(lost, key=lost.get)
    return day, sum(lost.values()), season


# A hearing without a statutory minimum is judged against the shortest one the law knows.
BASELINE_DAYS = 14


@check(principle=4)
def p4_holidays(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    """A hearing or call for ideas that runs over the summer holidays or Christmas and New Year
    gets the days it loses on top of its minimum (or, without one, on top of two weeks): it
    must hold that many days outside the holidays."""
    results = []
    for activity in plan.activities:
        if not activity.takes_contributions:
            continue
        weeks = activity.minimum_weeks
        first, ends = local_date(activity.starts_at), local(activity.ends_at)
        until, needed_lost, season = _needed_period(first, weeks * 7 if weeks else BASELINE_DAYS)
        if not needed_lost or ends.replace(tzinfo=None) >= datetime.datetime.combine(
            until, datetime.time()
        ):
            continue
        # The holiday days the hearing covers as planned (what the message counts).
        lost = sum(
            1
            for n in range((ends.date() - first).days + 1)
            if _holiday(first + datetime.timedelta(days=n))
        )
        params = {"activity": activity.title, "lost": lost, "until": date_text(until)}
        message = (
            ngettext(
                "“%(activity)s” runs over the summer holidays (%(lost)d day in weeks 28–31), "
                "when many are away. Give it the day extra: let it run until %(until)s.",
                "“%(activity)s” runs over the summer holidays (%(lost)d days in weeks 28–31), "
                "when many are away. Give it the days extra: let it run until %(until)s.",
                lost,
            )
            if season == "summer"
            else ngettext(
                "“%(activity)s” runs over Christmas and New Year (%(lost)d day), when many are "
                "away. Give it the day extra: let it run until %(until)s.",
                "“%(activity)s” runs over Christmas and New Year (%(lost)d days), when many are "
                "away. Give it the days extra: let it run until %(until)s.",
                lost,
            )
        )
        results.append(
            Finding(Severity.WARNING, message % params, link=row_link("aktiviteter", activity))
        )
    return results


@check(principle=4)
def p4_planned_hours(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    # A case has no planned staff hours: its time is the processing time (cases/checks.py).
    if plan.is_case:
        return []
    if plan.process.planned_hours is None:
        return [
            Finding(
                Severity.WARNING,
                _("Set the planned staff hours, so the effort can be kept proportionate."),
                link=field_link("planned_hours"),
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
                link=field_link("planned_hours"),
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
                    "last activity from the decision on %(date)s. Plan at least %(minimum)d: "
                    "end it by %(latest)s.",
                    "This is an extensive process, but only %(days)d working days separate the "
                    "last activity from the decision on %(date)s. Plan at least %(minimum)d: "
                    "end it by %(latest)s.",
                    days,
                )
                % {
                    "days": days,
                    "date": date_text(milestone.meeting_date),
                    "minimum": ctx.extensive_processing_days,
                    "latest": date_text(
                        latest_end(milestone.meeting_date, ctx.extensive_processing_days)
                    ),
                },
                link=row_link("aktiviteter", last),
            )
        ]
    return []
