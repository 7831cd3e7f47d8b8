"""Principle 5: broad and relevant.

A process reaches more than one group, the stakeholders the law names are invited, and it
looks beyond the task: employees and groups outside the municipality take part.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inddrag.principles.checks.base import (
    CheckContext,
    Finding,
    Severity,
    check,
    field_link,
)
from inddrag.principles.plan import ProcessPlan
from inddrag.processes.models import Process, Proportionality, TargetGroup
from inddrag.stakeholders.models import HearingListEntry


def _hearing_list(plan: ProcessPlan) -> str:
    return reverse("staff:stakeholders:hearing_list", args=[plan.pk])


def _labels(codes) -> list[str]:
    labels = dict(TargetGroup.choices)
    return [str(labels[code]) for code in codes if code in labels]


@check(principle=5)
def p5_breadth(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    # A case's breadth is its citizen, relatives and disciplines (cases/checks.py).
    if plan.is_case:
        return []
    groups = plan.target_groups
    if plan.process.proportionality == Proportionality.LIGHT:
        return [
            Finding(
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
            Finding(
                Severity.WARNING,
                _(
                    "Involve more broadly: a standard or extensive process should reach at least "
                    "two target groups."
                ),
                link=field_link("target_groups"),
            )
        ]
    return [
        Finding(
            Severity.OK,
            _("We involve: %(groups)s.")
            % {"groups": ", ".join(_labels(plan.target_groups)).lower()},
            public=True,
        )
    ]


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


@check(principle=5)
def p5_statutory(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    """Every stakeholder with a statutory duty on the process's topics is on the hearing list."""
    if plan.is_case:
        return []
    required = plan.statutory
    if not required:
        return []
    listed = {e.stakeholder_id for e in plan.accepted}
    missing = [s for s in required if s.pk not in listed]
    if not missing:
        return [
            Finding(
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
    if plan.status in HEARING_OVER:
        # Too late to invite: say so, and how to put it right.
        return [
            Finding(
                Severity.WARNING,
                _(
                    "%(name)s must be heard on this process by law but was not on the hearing "
                    "list. Reopen the hearing for them, or explain why in the hearing memo."
                )
                % {"name": stakeholder.name},
                link=_hearing_list(plan),
            )
            for stakeholder in missing
        ]
    severity = Severity.BLOCKER if plan.status == Process.Status.OPEN else Severity.WARNING
    return [
        Finding(
            severity,
            _("%(name)s must be heard on this process by law. Put them on the hearing list.")
            % {"name": stakeholder.name},
            link=_hearing_list(plan),
        )
        for stakeholder in missing
    ]


@check(principle=5)
def p5_look_beyond(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    """A standard or extensive project has considered at least one of its "look beyond"
    suggestions: accepted it, or dismissed it with a reason. Where the registry offers none,
    there is nothing to consider."""
    if plan.is_case or plan.process.proportionality == Proportionality.LIGHT:
        return []
    state = HearingListEntry.State
    beyond = [e for e in plan.hearing_list if e.reason == HearingListEntry.Reason.BEYOND]
    considered = [
        e
        for e in beyond
        if e.state == state.ACCEPTED or (e.state == state.DISMISSED and e.dismiss_reason.strip())
    ]
    if not beyond or considered:
        return []
    return [
        Finding(
            Severity.WARNING,
            _(
                "Look beyond the task: consider at least one of the hearing list's “look "
                "beyond” suggestions — invite it, or dismiss it with a reason."
            ),
            link=_hearing_list(plan),
        )
    ]


@check(principle=5)
def p5_employees(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    """At least one internal discipline: the target group "employees", or an accepted
    internal stakeholder (a centre, a professional discipline, a MED committee)."""
    if plan.process.proportionality == Proportionality.LIGHT:
        return []
    if INTERNAL_GROUPS & set(plan.target_groups):
        return []
    if any(e.stakeholder.is_internal for e in plan.accepted):
        return []
    return [
        Finding(
            Severity.WARNING,
            _(
                "Involve at least one professional discipline: add employees as a target group "
                "or put an internal discipline on the hearing list — they help the process look "
                "beyond the task."
            ),
            link=field_link("target_groups"),
        )
    ]


@check(principle=5)
def p5_outside(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    """At least one group outside the municipality: citizens, businesses, associations or
    authorities as a target group, or an accepted stakeholder that is not internal."""
    if plan.is_case or plan.process.proportionality == Proportionality.LIGHT:
        return []
    if OUTSIDE_GROUPS & set(plan.target_groups):
        return []
    if any(not e.stakeholder.is_internal for e in plan.accepted):
        return []
    return [
        Finding(
            Severity.WARNING,
            _(
                "Involve at least one group outside the municipality: citizens, businesses, "
                "associations or authorities as a target group, or an outside stakeholder on "
                "the hearing list."
            ),
            link=field_link("target_groups"),
        )
    ]
