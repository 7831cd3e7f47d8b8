"""Principle 2: listening and open to new ideas.

Every contribution is answered with a reason, the answers are published, and a decided
process shows what was decided and what changed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inddrag.principles.checks.base import (
    CheckContext,
    Finding,
    Severity,
    check,
    date_text,
    fed_milestone,
)
from inddrag.principles.plan import ProcessPlan
from inddrag.processes.models import InfluenceLevel, Milestone


def _fed_decision(plan: ProcessPlan) -> Milestone | None:
    """The decision the contributions feed: the first meeting after the last activity that
    takes contributions, or else the last meeting."""
    milestones = plan.milestones
    if not milestones:
        return None
    taking = [a for a in plan.activities if a.takes_contributions]
    if taking:
        last = max(taking, key=lambda a: a.ends_at)
        found = fed_milestone(last, milestones)
        if found:
            return found
    return milestones[-1]


@dataclass(frozen=True)
class _DecisionPoint:
    body: str
    date: datetime.date


def _decision_point(plan: ProcessPlan) -> _DecisionPoint | None:
    """When the contributions had to be answered by: the recorded decision, or else the
    planned meeting they feed."""
    recorded = plan.decision
    if recorded is not None:
        return _DecisionPoint(recorded.body.name, recorded.meeting_date)
    milestone = _fed_decision(plan)
    if milestone is None:
        return None
    return _DecisionPoint(milestone.body.name, milestone.meeting_date)


def _inbox(plan: ProcessPlan, state: str = "") -> str:
    url = reverse("staff:contributions:inbox", args=[plan.pk])
    return f"{url}?state={state}" if state else url


@check(principle=2)
def p2_way_to_take_part(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    """A project that asks for input has at least one activity where citizens can give it; a
    project that only informs needs none."""
    if plan.is_case or plan.process.influence_level == InfluenceLevel.INFORM:
        return []
    if not plan.activities:
        return [
            Finding(
                Severity.BLOCKER,
                _(
                    "Add at least one activity where citizens can give their input: a hearing "
                    "or a call for ideas here in Inddrag, a public meeting, a workshop …"
                ),
                link="#aktiviteter",
            )
        ]
    return [
        Finding(
            Severity.OK,
            _(
                "We read and answer every contribution, publish the answers, and tell you how "
                "your input was used."
            ),
            public=True,
        )
    ]


@check(principle=2)
def p2_all_answered(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    total, answered = plan.contributions.received, plan.contributions.answered
    if total == 0:
        return []
    missing = total - answered
    if missing == 0:
        return [
            Finding(
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
    decision = _decision_point(plan)
    today = ctx.today
    if decision and (plan.is_decided or today >= decision.date):
        return [
            Finding(
                Severity.BLOCKER,
                ngettext(
                    "%(missing)d contribution was not answered before %(body)s decided on "
                    "%(date)s. Answer it now.",
                    "%(missing)d contributions were not answered before %(body)s decided on "
                    "%(date)s. Answer them now.",
                    missing,
                )
                % {"missing": missing, "body": decision.body, "date": date_text(decision.date)},
                link=_inbox(plan, "unanswered"),
            )
        ]
    if plan.is_decided:
        return [
            Finding(
                Severity.BLOCKER,
                ngettext(
                    "The process is decided, but %(missing)d contribution has no answer. "
                    "Answer it now.",
                    "The process is decided, but %(missing)d contributions have no answer. "
                    "Answer them now.",
                    missing,
                )
                % {"missing": missing},
                link=_inbox(plan, "unanswered"),
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
            "date": date_text(decision.date),
        }
    return [
        Finding(
            Severity.WARNING,
            message,
            link=_inbox(plan, "unanswered"),
        )
    ]


@check(principle=2)
def p2_answers_have_reasons(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    reasonless = plan.contributions.answers_without_reason
    if reasonless:
        return [
            Finding(
                Severity.BLOCKER,
                ngettext(
                    "%(count)d answer has no reason. Every outcome needs one.",
                    "%(count)d answers have no reason. Every outcome needs one.",
                    reasonless,
                )
                % {"count": reasonless},
                link=_inbox(plan, "draft"),
            )
        ]
    return []


@check(principle=2)
def p2_answers_published(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    """Drafted answers are published after the decision. Contributions without any answer are
    ``p2_all_answered``'s to report, so they are not counted twice here."""
    stats = plan.contributions
    total, answered, published = stats.received, stats.answered, stats.answers_published
    if total == 0 or not plan.is_decided:
        return []
    if published >= total:
        return [
            Finding(
                Severity.OK,
                _("Every contributor has been given an answer."),
                public=True,
            )
        ]
    drafts = answered - published
    decision = _decision_point(plan)
    if drafts <= 0 or decision is None:
        return []
    due = decision.date + datetime.timedelta(days=ctx.answer_days)
    params = {"missing": drafts, "date": date_text(due)}
    late = ctx.today > due
    return [
        Finding(
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
            link=_inbox(plan, "draft"),
        )
    ]


@check(principle=2)
def p2_decision_recorded(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    """A decided project shows what was decided: body, meeting, agenda item and text."""
    if plan.is_case or not plan.is_decided or plan.decision is not None:
        return []
    return [
        Finding(
            Severity.WARNING,
            _(
                "The process is decided, but the decision is not recorded. Record it, so "
                "citizens can see what was decided and how their input was used."
            ),
            link=reverse("staff:processes:decision", args=[plan.pk]),
        )
    ]


@check(principle=2)
def p2_final_version(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
    """A decided process with documents shows the final version, so citizens can see the
    visible changes their input led to. Without documents there is nothing to publish."""
    if not plan.is_decided or not plan.has_documents:
        return []
    recorded = plan.decision
    final = recorded.final_version if recorded is not None else None
    if final is not None and final.published:
        return [
            Finding(
                Severity.OK,
                _("The final version of “%(document)s” is published with the visible changes.")
                % {"document": final.document.title},
                public=True,
            )
        ]
    if final is not None:
        return [
            Finding(
                Severity.BLOCKER,
                _(
                    "The decision's final version of “%(document)s” is not published. Publish "
                    "it, so citizens can see what changed."
                )
                % {"document": final.document.title},
                link=reverse("staff:documents:list", args=[plan.pk]),
            )
        ]
    if plan.has_published_final:
        if recorded is None:
            return []  # p2_decision_recorded asks for the decision
        return [
            Finding(
                Severity.WARNING,
                _("Choose the final version in the recorded decision, so the two are linked."),
                link=reverse("staff:documents:list", args=[plan.pk]),
            )
        ]
    return [
        Finding(
            Severity.BLOCKER,
            _(
                "The process is decided, but no final version of its documents is published. "
                "Publish the final version, so citizens can see what changed."
            ),
            link=reverse("staff:documents:list", args=[plan.pk]),
        )
    ]
