"""The checks of a citizen's case (issue #11, section 4): the five principles as they apply to
concrete case handling, computed from what is recorded — never ticked by hand.

Each check is a function of a ``CaseFile`` loaded by ``checked_cases()`` (its type, partshøring,
decision, steps and the first input, in a fixed number of queries however many cases) and a
``CheckContext``. They are registered twice over:

- with the principle checks (``@check``), so a case's staff page shows them in its checks panel
  like a project's: ``attach_cases`` puts each case's data into its plan (``plan.extras``) once
  for all the plans of a ``load_plans`` call;
- in ``CASE_CHECKS``, so "Mine sager" runs them on its rows without loading plans
  (``case_checks``).

Where the law is hard the rule is enforced where the write happens, not only shown here: the
decision is refused before the partshøring has ended (forvaltningsloven § 19) and unless it says
how each of the citizen's inputs was used (``services.case_decision_refusal``); a partshøring
shorter than the case type's minimum is refused (``services.hearing_minimum_refusal``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inddrag.cases.models import (
    CaseDecision,
    CaseFile,
    CaseHearing,
    CaseMeeting,
    CaseMessage,
    CaseProfessional,
    CaseStep,
    StepKind,
    discipline_covered,
)
from inddrag.lib.calendar import local_date
from inddrag.principles.checks.base import (
    SEVERITY_ORDER,
    CheckContext,
    CheckResult,
    Finding,
    Severity,
    check,
    date_text,
)
from inddrag.principles.plan import ProcessPlan, register_loader

KEY = "case"
WARN_DAYS = 14  # days left to the processing deadline from which the deadline check warns

CaseCheck = Callable[[CaseFile, CheckContext], list[Finding]]
CASE_CHECKS: list[tuple[int, str, CaseCheck]] = []


def checked_cases(queryset: QuerySet[CaseFile] | None = None) -> QuerySet[CaseFile]:
    """``queryset`` (all cases by default) with everything the case checks read: three queries
    for any number of cases (the cases with their type, partshøring and decision, the first
    input and meeting and the unanswered count as aggregates; the steps; the professionals)."""
    queryset = CaseFile.objects.all() if queryset is None else queryset
    return (
        queryset.select_related("case_type", "hearing", "decision")
        .prefetch_related(
            Prefetch("steps", queryset=CaseStep.objects.order_by("order", "pk")),
            Prefetch(
                "professionals",
                queryset=CaseProfessional.objects.filter(removed_at__isnull=True),
                to_attr="check_professionals",
            ),
        )
        # Correlated subqueries, not joined aggregates: computed for the rows of the page only,
        # and left out of a paginator's count (a GROUP BY over every case's messages is not).
        .annotate(
            check_first_message_at=Subquery(
                CaseMessage.objects.filter(case=OuterRef("pk"), is_input=True)
                .order_by("sent_at")
                .values("sent_at")[:1]
            ),
            check_first_meeting_at=Subquery(
                CaseMeeting.objects.filter(case=OuterRef("pk"))
                .order_by("times_proposed_at")
                .values("times_proposed_at")[:1]
            ),
            check_unanswered=Coalesce(
                Subquery(
                    CaseMessage.objects.filter(
                        case=OuterRef("pk"), is_input=True, answered_at__isnull=True
                    )
                    .order_by()
                    .values("case")
                    .annotate(n=Count("pk"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
                0,
            ),
        )
    )


def attach_cases(plans: list[ProcessPlan]) -> None:
    """The plan loader: each case's data into its plan (two queries for all of them; none when
    no plan is a case). The case shares the plan's process, with its prefetched frame."""
    by_process = {plan.pk: plan for plan in plans if plan.is_case}
    if not by_process:
        return
    for case in checked_cases().filter(process_id__in=by_process):
        plan = by_process[case.process_id]
        case.process = plan.process
        plan.extras[KEY] = case


def case_check(principle: int) -> Callable[[CaseCheck], CaseCheck]:
    """Register a check of a case: in ``CASE_CHECKS`` and, for the plans, with ``@check``."""

    def register(function: CaseCheck) -> CaseCheck:
        def on_plan(plan: ProcessPlan, ctx: CheckContext) -> list[Finding]:
            case = plan.extras.get(KEY)
            return function(case, ctx) if case is not None else []

        on_plan.__name__ = function.__name__
        check(principle=principle)(on_plan)
        CASE_CHECKS.append((principle, function.__name__, function))
        return function

    return register


def case_checks(case: CaseFile, now: datetime.datetime | None = None) -> list[CheckResult]:
    """Every case check's results for one case loaded by ``checked_cases``, worst first."""
    ctx = CheckContext.default(now)
    results = [
        CheckResult(principle, code, f.severity, f.message, f.public, f.link)
        for principle, code, function in CASE_CHECKS
        for f in function(case, ctx)
    ]
    return sorted(results, key=lambda r: (SEVERITY_ORDER[r.severity], r.principle))


def _hearing(case: CaseFile) -> CaseHearing | None:
    try:
        return case.hearing
    except CaseHearing.DoesNotExist:
        return None


def _decision(case: CaseFile) -> CaseDecision | None:
    try:
        return case.decision
    except CaseDecision.DoesNotExist:
        return None


def _page(name: str, case: CaseFile) -> str:
    return reverse(name, args=[case.process_id])


# --- Principle 1: clear frames --------------------------------------------------------------------


@case_check(principle=1)
def case_legal_basis(case: CaseFile, ctx: CheckContext) -> list[Finding]:
    """The rules the case rests on are named, with a link the citizen can follow."""
    case_type = case.case_type
    if not case_type.legal_basis.strip():
        return [
            Finding(
                Severity.WARNING,
                _("The case type “%(type)s” names no legal basis. Ask an administrator to add it.")
                % {"type": case_type.name},
            )
        ]
    if not case_type.legal_url:
        return [
            Finding(
                Severity.WARNING,
                _(
                    "The legal basis (%(basis)s) has no link, so the citizen cannot read the "
                    "rules. Ask an administrator to add the link to the case type."
                )
                % {"basis": case_type.legal_basis},
            )
        ]
    return [
        Finding(
            Severity.OK,
            _("The legal basis is named with a link: %(basis)s.")
            % {"basis": case_type.legal_basis},
        )
    ]


# --- Principle 2: listening -----------------------------------------------------------------------


@case_check(principle=2)
def case_inputs_answered(case: CaseFile, ctx: CheckContext) -> list[Finding]:
    """Every message from the citizen is answered."""
    count = case.check_unanswered
    if count:
        return [
            Finding(
                Severity.WARNING,
                ngettext(
                    "%(count)d message from the citizen is not answered.",
                    "%(count)d messages from the citizen are not answered.",
                    count,
                )
                % {"count": count},
                link=_page("staff:cases:messages", case),
            )
        ]
    return [Finding(Severity.OK, _("Every message from the citizen is answered."))]


# --- Principle 3: early and relevant --------------------------------------------------------------


def invited_on(case: CaseFile) -> datetime.date | None:
    """The first day the citizen took part or was asked to: "Det vigtigste for mig" written, a
    message sent, a meeting proposed, or a contact or meeting step done."""
    days = [
        local_date(moment)
        for moment in (
            case.what_matters_at,
            case.check_first_message_at,
            case.check_first_meeting_at,
        )
        if moment is not None
    ]
    days += [
        step.done_on
        for step in case.steps.all()
        if step.kind in (StepKind.CONTACT, StepKind.MEETING) and step.done_on is not None
    ]
    return min(days, default=None)


@case_check(principle=3)
def case_invited_early(case: CaseFile, ctx: CheckContext) -> list[Finding]:
    """The citizen was invited to take part before the assessment."""
    assessment = next((s for s in case.steps.all() if s.kind == StepKind.ASSESSMENT), None)
    first = invited_on(case)
    if assessment is not None and assessment.done_on is not None:
        if first is not None and first <= assessment.done_on:
            return [
                Finding(
                    Severity.OK,
                    _("The citizen took part before the assessment (from %(date)s).")
                    % {"date": date_text(first)},
                )
            ]
        return [
            Finding(
                Severity.WARNING,
                _(
                    "The assessment was made on %(date)s before the citizen had taken part. Ask "
                    "what matters most to them and whether the assessment should be looked at "
                    "again."
                )
                % {"date": date_text(assessment.done_on)},
                link=_page("cases:detail", case),
            )
        ]
    if first is not None:
        return [
            Finding(
                Severity.OK,
                _("The citizen has taken part since %(date)s.") % {"date": date_text(first)},
            )
        ]
    if assessment is not None and assessment.planned_on:
        message = _(
            "Invite the citizen before the assessment (planned for %(date)s): ask what matters "
            "most to them, or meet them."
        ) % {"date": date_text(assessment.planned_on)}
    else:
        message = _(
            "Invite the citizen to take part before the assessment: ask what matters most to "
            "them, or meet them."
        )
    return [Finding(Severity.WARNING, message, link=_page("staff:cases:steps", case))]


@case_check(principle=3)
def case_hearing_before_decision(case: CaseFile, ctx: CheckContext) -> list[Finding]:
    """Partshøring before the decision (forvaltningsloven § 19); recording the decision is
    refused without it (``services.case_decision_refusal``)."""
    hearing, decision = _hearing(case), _decision(case)
    if decision is not None:
        if decision.hearing_exception:
            return [
                Finding(
                    Severity.OK,
                    _("Decided without awaiting the partshøring: %(exception)s.")
                    % {"exception": decision.get_hearing_exception_display()},
                )
            ]
        return [Finding(Severity.OK, _("The citizen was heard before the decision."))]
    if hearing is not None:
        return [
            Finding(
                Severity.OK,
                _("The draft decision was sent for comments on %(date)s.")
                % {"date": date_text(hearing.sent_at)},
            )
        ]
    return [
        Finding(
            Severity.WARNING,
            _(
                "Before a decision that does not grant the request in full, send the draft to "
                "the citizen for comments (partshøring, forvaltningsloven § 19). Without it the "
                "decision can be recorded only with an exception and its reason."
            ),
            link=_page("staff:cases:hearing", case),
        )
    ]


# --- Principle 4: adequate time -------------------------------------------------------------------


@case_check(principle=4)
def case_hearing_period(case: CaseFile, ctx: CheckContext) -> list[Finding]:
    """The partshøring period is at least the case type's minimum (shorter is refused when it is
    sent; a type changed later is caught here)."""
    hearing = _hearing(case)
    if hearing is None:
        return []
    days = (hearing.deadline - local_date(hearing.sent_at)).days
    minimum = case.case_type.hearing_minimum_days
    if days < minimum:
        return [
            Finding(
                Severity.WARNING,
                _(
                    "The citizen had %(days)d days to comment; the shortest period for this case "
                    "type is %(minimum)d days."
                )
                % {"days": days, "minimum": minimum},
            )
        ]
    return [
        Finding(
            Severity.OK,
            _("The citizen has %(days)d days to comment (at least %(minimum)d).")
            % {"days": days, "minimum": minimum},
        )
    ]


@case_check(principle=4)
def case_processing_time(case: CaseFile, ctx: CheckContext) -> list[Finding]:
    """The decision within the published processing time (retssikkerhedsloven § 3 stk. 2)."""
    decision = _decision(case)
    deadline = case.deadline
    if decision is not None:
        late = (decision.decided_on - deadline).days
        if late > 0:
            return [
                Finding(
                    Severity.WARNING,
                    ngettext(
                        "Decided %(days)d day after the published processing time.",
                        "Decided %(days)d days after the published processing time.",
                        late,
                    )
                    % {"days": late},
                )
            ]
        return [Finding(Severity.OK, _("Decided within the published processing time."))]
    days_left = (deadline - ctx.today).days
    if days_left < 0:
        return [
            Finding(
                Severity.WARNING,
                ngettext(
                    "The processing deadline passed %(days)d day ago (%(date)s). Tell the "
                    "citizen when they can expect the decision.",
                    "The processing deadline passed %(days)d days ago (%(date)s). Tell the "
                    "citizen when they can expect the decision.",
                    -days_left,
                )
                % {"days": -days_left, "date": date_text(deadline)},
                link=_page("staff:cases:messages", case),
            )
        ]
    planned = next(
        (s.planned_on for s in case.steps.all() if s.kind == StepKind.DECISION and s.planned_on),
        None,
    )
    if planned is not None and planned > deadline:
        return [
            Finding(
                Severity.WARNING,
                _(
                    "The decision is planned for %(planned)s, after the processing deadline "
                    "%(deadline)s. Move the step, or tell the citizen why it takes longer."
                )
                % {"planned": date_text(planned), "deadline": date_text(deadline)},
                link=_page("staff:cases:steps", case),
            )
        ]
    if days_left <= WARN_DAYS:
        return [
            Finding(
                Severity.WARNING,
                ngettext(
                    "%(days)d day left to the processing deadline (%(date)s).",
                    "%(days)d days left to the processing deadline (%(date)s).",
                    days_left,
                )
                % {"days": days_left, "date": date_text(deadline)},
            )
        ]
    return [
        Finding(
            Severity.OK,
            _("The decision is expected within the processing time (by %(date)s).")
            % {"date": date_text(deadline)},
        )
    ]


# --- Principle 5: broad ---------------------------------------------------------------------------


@case_check(principle=5)
def case_companion_asked(case: CaseFile, ctx: CheckContext) -> list[Finding]:
    """The citizen was asked whether a relative or a companion should take part (forvaltnings-
    loven § 8: a bisidder or a partsrepræsentant)."""
    if case.companion_asked_on is None:
        return [
            Finding(
                Severity.WARNING,
                _(
                    "Ask the citizen whether a relative or a companion (bisidder) should take "
                    "part, and write down the answer. The citizen may bring a companion or a "
                    "representative (forvaltningsloven § 8)."
                ),
                link=_page("staff:cases:access", case),
            )
        ]
    return [
        Finding(
            Severity.OK,
            _("Asked on %(date)s whether a relative or companion should take part: %(answer)s.")
            % {
                "date": date_text(case.companion_asked_on),
                "answer": case.get_companion_answer_display().lower(),
            },
        )
    ]


@case_check(principle=5)
def case_second_discipline(case: CaseFile, ctx: CheckContext) -> list[Finding]:
    """A second discipline takes part where the case type says one usually does."""
    wanted = case.case_type.second_discipline.strip()
    if not wanted:
        return []
    if discipline_covered(wanted, case.check_professionals):
        return [
            Finding(
                Severity.OK,
                _("%(discipline)s takes part in the case.") % {"discipline": wanted},
            )
        ]
    return [
        Finding(
            Severity.WARNING,
            _(
                "Cases of this type usually involve %(discipline)s as well: add them to the "
                "case if they are needed."
            )
            % {"discipline": wanted.lower()},
            link=_page("staff:cases:access", case),
        )
    ]


def register_checks() -> None:
    """Called from ``CasesConfig.ready()``: the checks above registered themselves on import;
    this adds the loader that gives them their data."""
    register_loader(attach_cases)
