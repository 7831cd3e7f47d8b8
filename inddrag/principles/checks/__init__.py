"""The principle checks: small functions, one module per principle (``p1`` … ``p5``).

``run_checks(plan)`` runs every registered check over a ``ProcessPlan`` (see ``principles.plan``)
and returns the results, blockers first. Results are computed from the data every time; nothing
is stored. How each check decides is written in ``docs/principle-checks.md``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from inddrag.principles.checks import p1, p2, p3, p4, p5  # noqa: F401 — they register the checks
from inddrag.principles.checks.base import (
    CHECKS,
    SEVERITY_ORDER,
    CheckContext,
    CheckResult,
    Severity,
)
from inddrag.principles.plan import ProcessPlan

__all__ = [
    "CHECKS",
    "CheckContext",
    "CheckResult",
    "Severity",
    "blockers",
    "by_principle",
    "run_checks",
    "worst_severity",
]


def run_checks(plan: ProcessPlan, now: datetime.datetime | None = None) -> list[CheckResult]:
    """Every check's results, blockers first, then by principle.

    Only a ``ProcessPlan`` is accepted: a bare process lacks what the checks read, and a check
    that silently read nothing would pass."""
    if not isinstance(plan, ProcessPlan):
        raise TypeError(
            f"run_checks() needs a ProcessPlan (principles.plan.load_plan), not {type(plan)!r}"
        )
    ctx = CheckContext.default(now)
    results = [result for check in CHECKS for result in check(plan, ctx)]
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
