"""What every check shares: the result, its severity, the context, and the ``@check`` registry.

A check is a small function of one principle: ``@check(principle=N)`` registers it under its own
name as its code. It takes a ``ProcessPlan`` (never a bare process: see ``principles.plan``) and a
``CheckContext``, and returns ``Finding``\\ s; the registry turns each into a ``CheckResult`` with
the principle and the code.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone

from inddrag.lib.calendar import local_date, working_days_between
from inddrag.lib.formatting import full_date
from inddrag.principles.models import (
    ANSWER_DAYS,
    EXTENSIVE_PROCESSING_DAYS,
    NUMBERS,
    PROCESSING_DAYS,
)
from inddrag.principles.plan import ProcessPlan
from inddrag.principles.services import policy_value, principle_title
from inddrag.processes.models import Activity, Milestone


class Severity(StrEnum):
    BLOCKER = "blocker"
    WARNING = "warning"
    OK = "ok"


SEVERITY_ORDER = {Severity.BLOCKER: 0, Severity.WARNING: 1, Severity.OK: 2}


@dataclass(frozen=True)
class Finding:
    """What a check found: a severity and a Danish message that names the row and says what to
    do, with a link to where it is done (a fragment of the process's edit page, or a page)."""

    severity: Severity
    message: str
    public: bool = False  # shown in the compact summary on the public page
    link: str = ""


@dataclass(frozen=True)
class CheckResult:
    principle: int
    code: str
    severity: Severity
    message: str
    public: bool = False
    link: str = ""

    @property
    def principle_title(self) -> str:
        """The principle's current title (an administrator may have changed it)."""
        return principle_title(self.principle)


@dataclass(frozen=True)
class CheckContext:
    now: datetime.datetime
    processing_days: int
    extensive_processing_days: int
    answer_days: int = 14

    @classmethod
    def default(cls, now: datetime.datetime | None = None) -> CheckContext:
        """Now, with the municipality's current thresholds (``principles.services``: an
        administrator's value, else the setting)."""
        return cls(
            now=now or timezone.now(),
            processing_days=policy_value(PROCESSING_DAYS),
            extensive_processing_days=policy_value(EXTENSIVE_PROCESSING_DAYS),
            answer_days=policy_value(ANSWER_DAYS),
        )

    @property
    def today(self) -> datetime.date:
        return local_date(self.now)


CheckFunction = Callable[[ProcessPlan, CheckContext], list[Finding]]


@dataclass(frozen=True)
class Check:
    principle: int
    code: str
    function: CheckFunction

    def __call__(self, plan: ProcessPlan, ctx: CheckContext) -> list[CheckResult]:
        return [
            CheckResult(self.principle, self.code, f.severity, f.message, f.public, f.link)
            for f in self.function(plan, ctx)
        ]


CHECKS: list[Check] = []


def check(*, principle: int) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check of ``principle``; its code is the function's name."""
    if principle not in NUMBERS:
        raise ValueError(f"there is no principle {principle}")

    def register(function: CheckFunction) -> CheckFunction:
        code = function.__name__
        if any(c.code == code for c in CHECKS):
            raise ValueError(f"a check called {code} is registered already")
        CHECKS.append(Check(principle, code, function))
        return function

    return register


# --- Shared by several principles ---------------------------------------------------------------


def row_link(slug: str, row) -> str:
    """The row on the process's edit page (``ramme``, ``faser``, ``aktiviteter``, ``milepaele``)."""
    return f"#{slug}-{row.pk}"


def field_link(name: str) -> str:
    """A field of the process's details form on its edit page."""
    return f"#group-id_{name}"


def latest_end(meeting: datetime.date, working_days: int) -> datetime.date:
    """The last day an activity can end and still leave ``working_days`` working days before the
    meeting (neither day counts)."""
    day = meeting - datetime.timedelta(days=1)
    while day > meeting - datetime.timedelta(days=10 * working_days + 30):
        if working_days_between(day, meeting) >= working_days:
            return day
        day -= datetime.timedelta(days=1)
    return day


def date_text(value: datetime.date | datetime.datetime) -> str:
    """A date (or a moment's Danish date) in words: "27. november 2026"."""
    if isinstance(value, datetime.datetime):
        value = local_date(value)
    return full_date(value)


def fed_milestone(activity: Activity, milestones: Iterable[Milestone]) -> Milestone | None:
    """The decision an activity feeds: the one it names, or else the first meeting after it."""
    if activity.feeds_milestone_id:
        for milestone in milestones:
            if milestone.pk == activity.feeds_milestone_id:
                return milestone
    end = local_date(activity.ends_at)
    return next((m for m in milestones if m.meeting_date >= end), None)
