"""Principle 1: clear frames.

Citizens know what they can influence, what is fixed and why, and how much is promised.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inddrag.principles.checks.base import (
    CheckContext,
    Finding,
    Severity,
    check,
    field_link,
    row_link,
)
from inddrag.principles.plan import ProcessPlan
from inddrag.processes.models import FrameItem


@check(principle=1)
def p1_open_items(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    count = sum(1 for item in plan.frame_items if item.kind == FrameItem.Kind.OPEN)
    if count == 0:
        return [
            Finding(
                Severity.BLOCKER,
                _("Add at least one thing citizens can influence to the frame."),
                link="#ramme",
            )
        ]
    return [
        Finding(
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


@check(principle=1)
def p1_fixed_reasons(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    fixed = [item for item in plan.frame_items if item.kind == FrameItem.Kind.FIXED]
    missing = [item for item in fixed if not item.reason.strip()]
    if missing:
        return [
            Finding(
                Severity.BLOCKER,
                _("Explain why “%(text)s” is fixed: write the reason on the frame item.")
                % {"text": item.text},
                link=row_link("ramme", item),
            )
            for item in missing
        ]
    if not fixed and plan.process.frame_all_open:
        return [
            Finding(
                Severity.OK,
                _("Nothing is fixed in advance: you can influence everything in the frame."),
                public=True,
            )
        ]
    if not fixed:
        return [
            Finding(
                Severity.WARNING,
                _(
                    "Nothing is marked as fixed. Add what is not up for discussion, and why — "
                    "or tick “Everything in the frame is open” in the details."
                ),
                link=field_link("frame_all_open"),
            )
        ]
    return [
        Finding(
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


@check(principle=1)
def p1_influence_level(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    # A case is always "involve": the citizen takes part in their own case (rsl. § 4).
    if plan.is_case:
        return []
    if not plan.process.influence_level:
        return [
            Finding(
                Severity.BLOCKER,
                _("Choose the influence level, so citizens know what is promised."),
                link=field_link("influence_level"),
            )
        ]
    return [
        Finding(
            Severity.OK,
            _("Influence level: %(level)s.")
            % {"level": plan.process.get_influence_level_display()},
        )
    ]


@check(principle=1)
def p1_frame_before_activity(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    started = [a for a in plan.activities if a.starts_at <= ctx.now]
    if not started:
        return []
    items = plan.frame_items
    complete = (
        bool(plan.process.influence_level)
        and any(i.kind == FrameItem.Kind.OPEN for i in items)
        and all(i.reason.strip() for i in items if i.kind == FrameItem.Kind.FIXED)
    )
    if complete:
        return []
    return [
        Finding(
            Severity.BLOCKER,
            _("“%(activity)s” has opened, but the frame is not complete. Complete it now.")
            % {"activity": started[0].title},
            link="#ramme",
        )
    ]
