"""The indicators per principle (issue #13, section 1): measured from what is recorded, never
from self-reported ticks.

``indicators(scope, period)`` computes every indicator for a scope — a standing committee (a
decision body) or a centre (centre management) — in a period and in the period before it of the
same length, in a fixed number of queries however many processes and contributions: one for the
processes of the scope with their dates, the plans (``principles.plan.load_plans``, with the
cases' data from the cases app's loader) of those in either period, and one grouped query each
for the published answers, the visible changes, the contributions and the population, plus the
citizens' evaluations: of a centre's cases (``cases.services.evaluation_summary``) and of the
scope's projects (``contributions.ProjectEvaluation``, one grouped query for both periods).

What belongs to a scope and a period (also on the page and in docs/evaluation.md):
- a committee's processes: projects with a decision point (milestone) or a recorded decision of
  that body; a centre's: projects and cases of the centre (``Process.centre``);
- never a draft: only processes that are published or further;
- a period holds a project whose involvement overlaps it: from the start of its first activity
  (else the day it was published) to its recorded decision's meeting (else the later of its last
  activity's end and its last decision point); a case from the day it was opened to its decision
  (to today while it is undecided). A process spanning two periods counts in both.

Cases are counted, never listed: only their participants may see that they exist.
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Count, Max, Min, OuterRef, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inddrag.cases.checks import KEY as CASE_KEY
from inddrag.cases.checks import invited_on
from inddrag.cases.models import CaseDecision, CaseFile, CaseHearing, StepKind
from inddrag.cases.services import (
    EvaluationGroup,
    QuestionFigures,
    distribution_counts,
    evaluation_group,
    evaluation_summary,
    last_complete_month,
)
from inddrag.contributions.models import Answer, Contribution, ProjectEvaluation, SpeakingAs
from inddrag.documents.models import Change
from inddrag.lib.calendar import COPENHAGEN, calendar_span, local_date, working_days_between
from inddrag.organisation.models import Centre, DecisionBody, ElectionPeriod
from inddrag.principles.checks.base import fed_milestone
from inddrag.principles.models import NUMBERS, PROCESSING_DAYS
from inddrag.principles.plan import ProcessPlan, load_plans
from inddrag.principles.services import policy_value, principle_title
from inddrag.processes.models import (
    Activity,
    Decision,
    FrameItem,
    Milestone,
    Process,
    TargetGroup,
)
from inddrag.stakeholders.breadth import COUNT_FIELDS, Chart, contribution_charts, min_group
from inddrag.stakeholders.models import HearingListEntry, Stakeholder

# --- Scope and period -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """A standing committee (``kind`` "committee", a decision body) or a centre ("centre")."""

    kind: str
    pk: int
    name: str

    COMMITTEE = "committee"
    CENTRE = "centre"
    ALL = "all"  # the whole municipality: the council-level figures of a round

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.pk}"

    @property
    def is_centre(self) -> bool:
        return self.kind == self.CENTRE

    def processes(self) -> models.QuerySet[Process]:
        """Every process of the scope that is not a draft (no period yet)."""
        queryset = Process.objects.exclude(status=Process.Status.DRAFT)
        if self.kind == self.ALL:
            return queryset
        if self.is_centre:
            return queryset.filter(centre_id=self.pk)
        return queryset.filter(kind=Process.Kind.PROJECT).filter(
            models.Q(pk__in=Milestone.objects.filter(body_id=self.pk).values("process"))
            | models.Q(pk__in=Decision.objects.filter(body_id=self.pk).values("process"))
        )


def whole_municipality() -> Scope:
    return Scope(Scope.ALL, 0, str(_("The whole municipality")))


def scopes() -> list[Scope]:
    """The standing committees, then the centres (two queries)."""
    committees = DecisionBody.objects.filter(kind=DecisionBody.Kind.COMMITTEE)
    return [Scope(Scope.COMMITTEE, b.pk, b.name) for b in committees] + [
        Scope(Scope.CENTRE, c.pk, c.name) for c in Centre.objects.all()
    ]


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included. ``half`` is set for an election-period
    half (the year it starts, 1 or 2): its previous period is then the half before it."""

    start: datetime.date
    end: datetime.date
    half: tuple[int, int] | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        if self.half is not None:
            year, number = self.half
            return half_period(year - 4, 2) if number == 1 else half_period(year, 1)
        end = self.start - datetime.timedelta(days=1)
        return Period(end - datetime.timedelta(days=self.days - 1), end)

    def overlaps(self, start: datetime.date, end: datetime.date) -> bool:
        return start <= self.end and end >= self.start


def half_period(starts_year: int, number: int) -> Period:
    """Half ``number`` (1: the first two years, 2: the last two) of the election period that
    starts on 1 January ``starts_year``."""
    first = datetime.date(starts_year + (2 if number == 2 else 0), 1, 1)
    end = datetime.date(first.year + 2, 1, 1) - datetime.timedelta(days=1)
    return Period(first, end, (starts_year, number))


def election_halves() -> list[Period]:
    """Both halves of every recorded election period, the latest first (one query)."""
    return [
        half_period(period.starts_on.year, number)
        for period in ElectionPeriod.objects.all()
        for number in (2, 1)
    ]


def current_half(halves: list[Period], today: datetime.date) -> Period | None:
    """The half that holds ``today``, else the latest that has begun, else the earliest."""
    for half in halves:
        if half.start <= today <= half.end:
            return half
    begun = [h for h in halves if h.start <= today]
    return begun[0] if begun else (halves[-1] if halves else None)


# --- Figures --------------------------------------------------------------------------------------

SHARE, COUNT, DAYS, CHARTS, EVALUATIONS = "share", "count", "days", "charts", "evaluations"

# The principle each of the evaluation's three questions speaks to.
QUESTION_PRINCIPLES = {"knew_influence": 1, "felt_heard": 2, "time_enough": 4}


@dataclass(frozen=True)
class CitizenGroup:
    """The citizens' evaluations of one kind ("cases" or "projects") in one period: ``total``
    is counted from the cells (a case type or a project, in a month) with at least the
    threshold's answers only; ``left_out_cells`` how many cells had fewer (and more than none)."""

    key: str
    label: str
    total: EvaluationGroup
    left_out_cells: int = 0

    @property
    def questions(self) -> list[tuple[int, QuestionFigures]]:
        """(the principle, the question's figures), in the order the citizen answers them."""
        return [(QUESTION_PRINCIPLES[q.key], q) for q in self.total.questions]


@dataclass
class Figure:
    """One indicator in one period. A share has a numerator and a denominator (None when there
    is nothing to divide by: "no processes", never 0 %); a count or a number of days has a
    ``value``. ``projects`` are the projects behind it (their pks), ``hits`` those of them that
    count in the numerator; ``cases`` how many cases are behind it (counted, never listed)."""

    numerator: float | int | None = None
    denominator: float | int | None = None
    value: float | int | None = None
    projects: tuple[int, ...] = ()
    hits: frozenset[int] = frozenset()
    cases: int = 0
    charts: tuple[Chart, ...] = ()
    evaluations: tuple[CitizenGroup, ...] = ()

    @property
    def share(self) -> float | None:
        if not self.denominator:
            return None
        return 100 * float(self.numerator or 0) / float(self.denominator)

    def number(self, kind: str) -> float | None:
        """What a change is measured on: the share (percentage points) or the value."""
        return self.share if kind == SHARE else self.value


@dataclass(frozen=True)
class Definition:
    code: str
    principle: int
    title: str
    definition: str
    kind: str = SHARE
    empty: str = ""  # what an empty figure says ("No processes" …)
    about_cases: bool = False
    not_recorded: str = ""  # set when the data the indicator needs is not recorded


@dataclass
class Indicator:
    definition: Definition
    current: Figure
    previous: Figure

    @property
    def code(self) -> str:
        return self.definition.code

    @property
    def change_text(self) -> str:
        """The change with its sign ("+3", "−2", "0"), or "" when there is none."""
        change = self.change
        if change is None:
            return ""
        rounded = round(change)
        if rounded > 0:
            return f"+{rounded}"
        return f"−{-rounded}" if rounded < 0 else "0"

    @property
    def change(self) -> float | None:
        kind = self.definition.kind
        if kind not in (SHARE, COUNT, DAYS):
            return None
        now, before = self.current.number(kind), self.previous.number(kind)
        if now is None or before is None:
            return None
        return now - before


@dataclass
class Principle:
    number: int
    title: str
    indicators: list[Indicator] = field(default_factory=list)


# --- The data of one period -----------------------------------------------------------------------


@dataclass
class PeriodData:
    """What the indicators of one period read: the plans of its projects and cases and the
    grouped rows of the aggregate queries (each already limited to the period's processes)."""

    period: Period
    projects: list[ProcessPlan]
    cases: list[ProcessPlan]
    answers: list[dict]  # process, outcome, day (published answers only), n
    changes: dict[int, int]  # process → visible changes linked to contributions
    contributions: list[dict]  # process, COUNT_FIELDS, n
    evaluations: tuple[CitizenGroup, ...]
    processing_days: int


def _span(row: dict, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """A process's involvement, from the dates of ``_dated``: (first day, last day)."""
    if row["kind"] == Process.Kind.CASE:
        start = row["case_opened"] or local_date(row["created_at"])
        return start, row["case_decided"] or max(today, start)
    moment = row["first_start"] or row["published_at"] or row["created_at"]
    start = local_date(moment)
    if row["decided_on"] is not None:
        return start, max(start, row["decided_on"])
    ends = [local_date(row["last_end"])] if row["last_end"] else []
    ends += [row["last_meeting"]] if row["last_meeting"] else []
    return start, max([start, *ends])


def _dated(queryset: models.QuerySet[Process]) -> list[dict]:
    """The processes with the dates their involvement is read from (one query)."""

    def first(model, path: str, value: str, agg) -> Subquery:
        return Subquery(
            model.objects.filter(**{path: OuterRef("pk")})
            .order_by()
            .values(path)
            .annotate(v=agg(value))
            .values("v")[:1]
        )

    return list(
        queryset.order_by()
        .annotate(
            first_start=first(Activity, "process", "starts_at", Min),
            last_end=first(Activity, "process", "ends_at", Max),
            last_meeting=first(Milestone, "process", "meeting_date", Max),
        )
        .values(
            "pk",
            "kind",
            "created_at",
            "published_at",
            "first_start",
            "last_end",
            "last_meeting",
            decided_on=models.F("decision__meeting_date"),
            case_opened=models.F("case_file__opened_on"),
            case_decided=models.F("case_file__decision__decided_on"),
        )
    )


def _load(
    scope: Scope, periods: tuple[Period, Period], today: datetime.date, citizens: bool = True
) -> list[PeriodData]:
    rows = _dated(scope.processes())
    members: list[set[int]] = [set(), set()]
    for row in rows:
        start, end = _span(row, today)
        for index, period in enumerate(periods):
            if period.overlaps(start, end):
                members[index].add(row["pk"])
    every = members[0] | members[1]
    plans = {p.pk: p for p in load_plans(Process.objects.filter(pk__in=every))} if every else {}
    project_ids = [pk for pk, plan in plans.items() if not plan.is_case]

    answers: dict[int, list[dict]] = defaultdict(list)
    changes: dict[int, int] = {}
    contributions: dict[int, list[dict]] = defaultdict(list)
    if project_ids:
        for row in (
            Answer.objects.filter(
                contribution__process_id__in=project_ids, published_at__isnull=False
            )
            .order_by()
            .values("contribution__process_id", "outcome")
            .annotate(day=TruncDate("published_at", tzinfo=COPENHAGEN))
            .values("contribution__process_id", "outcome", "day")
            .annotate(n=Count("pk"))
        ):
            answers[row["contribution__process_id"]].append(row)
        changes = dict(
            Change.objects.filter(
                to_version__document__process_id__in=project_ids,
                to_version__published=True,
                contributions__isnull=False,
            )
            .order_by()
            .values_list("to_version__document__process_id")
            .annotate(n=Count("pk", distinct=True))
        )
        for row in (
            Contribution.objects.filter(process_id__in=project_ids)
            .order_by()
            .values("process_id", *COUNT_FIELDS)
            .annotate(n=Count("pk"))
        ):
            contributions[row["process_id"]].append(row)

    project_cells = _project_evaluation_cells(scope, periods, today) if citizens else []
    threshold = min_group()
    result = []
    processing_days = policy_value(PROCESSING_DAYS)
    for index, period in enumerate(periods):
        mine = [plans[pk] for pk in sorted(members[index]) if pk in plans]
        ids = {p.pk for p in mine if not p.is_case}
        evaluations: list[CitizenGroup] = []
        if citizens and scope.is_centre:
            summary = evaluation_summary(
                period.start, period.end, centre_id=scope.pk, with_comments=False, today=today
            )
            evaluations.append(
                CitizenGroup("cases", _("Cases"), summary.total, summary.left_out_cells)
            )
        first, last = _months(period, today)
        cells = [c for c in project_cells if first <= c["month"] <= last]
        if citizens:
            evaluations.append(
                CitizenGroup(
                    "projects",
                    _("Projects"),
                    evaluation_group("projects", _("Projects"), cells, threshold),
                    sum(1 for c in cells if 0 < c["n"] < threshold),
                )
            )
        result.append(
            PeriodData(
                period=period,
                projects=sorted(
                    (p for p in mine if not p.is_case), key=lambda p: p.process.title.casefold()
                ),
                cases=[p for p in mine if p.is_case],
                answers=[row for pk in ids for row in answers.get(pk, ())],
                changes={pk: n for pk, n in changes.items() if pk in ids},
                contributions=[row for pk in ids for row in contributions.get(pk, ())],
                evaluations=tuple(evaluations),
                processing_days=processing_days,
            )
        )
    return result


def _months(period: Period, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The whole months of a period for the citizens' evaluations, never past the last
    complete month (as the cases' report: a month still being answered is left out)."""
    return period.start.replace(day=1), min(period.end.replace(day=1), last_complete_month(today))


def _project_evaluation_cells(
    scope: Scope, periods: tuple[Period, Period], today: datetime.date
) -> list[dict]:
    """The projects' evaluations of the scope's projects answered in either period, one cell
    (a project in a month: the finest thing anything selects) per row, with how many answered
    and how many gave each value (one query)."""
    spans = [_months(period, today) for period in periods]
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    if first > last:
        return []
    projects = scope.processes().filter(kind=Process.Kind.PROJECT).values("pk")
    return list(
        ProjectEvaluation.objects.filter(process__in=projects, month__gte=first, month__lte=last)
        .order_by()
        .values("process_id", "month")
        .annotate(n=Count("pk"), **distribution_counts())
    )


# --- The indicators -------------------------------------------------------------------------------


def _share(
    plans: Iterable[ProcessPlan], counts: Callable[[ProcessPlan], tuple[int, int] | None]
) -> Figure:
    """A share summed over projects: ``counts(plan)`` is (numerator, denominator), or None when
    the project has nothing to count."""
    numerator = denominator = 0
    behind: list[int] = []
    hits: set[int] = set()
    for plan in plans:
        found = counts(plan)
        if found is None or not found[1]:
            continue
        numerator += found[0]
        denominator += found[1]
        behind.append(plan.pk)
        if found[0]:
            hits.add(plan.pk)
    return Figure(numerator, denominator, projects=tuple(behind), hits=frozenset(hits))


def _yes(condition: bool) -> tuple[int, int]:
    return (1 if condition else 0, 1)


def _cases(cases: Iterable[ProcessPlan], counts: Callable[[CaseFile], bool | None]) -> Figure:
    """A share of cases: ``counts(case)`` is True, False, or None when the case does not count."""
    numerator = denominator = 0
    for plan in cases:
        case = plan.extras.get(CASE_KEY)
        found = counts(case) if case is not None else None
        if found is None:
            continue
        denominator += 1
        numerator += bool(found)
    return Figure(numerator, denominator, cases=denominator)


def _complete_frame(plan: ProcessPlan) -> bool:
    """The frame as the P1 checks want it before an activity opens: an influence level, at least
    one thing open to influence, a reason for everything fixed."""
    items = plan.frame_items
    return (
        bool(plan.process.influence_level)
        and any(i.kind == FrameItem.Kind.OPEN for i in items)
        and all(i.reason.strip() for i in items if i.kind == FrameItem.Kind.FIXED)
    )


def _fixed_reasons(plan: ProcessPlan) -> tuple[int, int]:
    fixed = plan.fixed_items
    return sum(1 for i in fixed if i.reason.strip()), len(fixed)


def _outcomes(data: PeriodData, wanted: set[str]) -> Figure:
    by_process: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row in data.answers:
        counts = by_process[row["contribution__process_id"]]
        counts[0] += row["n"] if row["outcome"] in wanted else 0
        counts[1] += row["n"]
    return _share(data.projects, lambda p: tuple(by_process[p.pk]) if p.pk in by_process else None)


def _answer_days(data: PeriodData) -> Figure:
    """The median of the days from each project's last deadline to each published answer."""
    deadlines = {}
    for plan in data.projects:
        deadline = plan.process.last_deadline()
        if deadline is not None:
            deadlines[plan.pk] = local_date(deadline)
    days: Counter[int] = Counter()
    behind = set()
    for row in data.answers:
        pk = row["contribution__process_id"]
        if pk not in deadlines or row["day"] is None:
            continue
        days[max(0, (row["day"] - deadlines[pk]).days)] += row["n"]
        behind.add(pk)
    if not days:
        return Figure()
    median = statistics.median(sorted(days.elements()))
    return Figure(
        value=median,
        denominator=days.total(),
        projects=tuple(p.pk for p in data.projects if p.pk in behind),
    )


def _first_in_time(plan: ProcessPlan, working_days: int) -> tuple[int, int] | None:
    if plan.is_case or not plan.activities or not plan.milestones:
        return None
    first = plan.activities[0]
    milestone = fed_milestone(first, plan.milestones)
    if milestone is None:
        return None
    end = local_date(first.ends_at)
    return _yes(
        end < milestone.meeting_date
        and working_days_between(end, milestone.meeting_date) >= working_days
    )


def _before_first_decision(plan: ProcessPlan) -> tuple[int, int] | None:
    if not plan.activities or not plan.milestones:
        return None
    return _yes(local_date(plan.activities[0].starts_at) < plan.milestones[0].meeting_date)


def _statutory(plan: ProcessPlan) -> list[tuple[int, int]]:
    """Each statutory hearing with a minimum period: (its length in whole days, the minimum)."""
    found = []
    for activity in plan.activities:
        weeks = activity.minimum_weeks
        if weeks is None:
            continue
        span = calendar_span(activity.starts_at, activity.ends_at)
        found.append((span.days + (1 if span.seconds >= 12 * 3600 else 0), weeks * 7))
    return found


def _minimum_kept(plan: ProcessPlan) -> tuple[int, int] | None:
    found = []
    for activity in plan.activities:
        if activity.minimum_weeks is None:
            continue
        span = calendar_span(activity.starts_at, activity.ends_at)
        found.append(span >= datetime.timedelta(weeks=activity.minimum_weeks))
    return (sum(found), len(found)) if found else None


def _hearing_margin(data: PeriodData) -> Figure:
    margins: list[int] = []
    behind = []
    for plan in data.projects:
        rows = _statutory(plan)
        if rows:
            behind.append(plan.pk)
            margins += [days - minimum for days, minimum in rows]
    if not margins:
        return Figure()
    return Figure(
        value=statistics.median(margins), denominator=len(margins), projects=tuple(behind)
    )


def _hours(data: PeriodData) -> Figure:
    used = planned = Decimal(0)
    behind, hits = [], set()
    for plan in data.projects:
        process = plan.process
        if not process.planned_hours:
            continue
        used += process.used_hours
        planned += process.planned_hours
        behind.append(plan.pk)
        if process.used_hours <= process.planned_hours:
            hits.add(plan.pk)
    return Figure(used, planned, projects=tuple(behind), hits=frozenset(hits))


def _case_hearing(case: CaseFile) -> bool | None:
    try:
        hearing = case.hearing
    except CaseHearing.DoesNotExist:
        return None
    days = (hearing.deadline - local_date(hearing.sent_at)).days
    return days >= (case.case_type.hearing_minimum_days or 0)


def _case_in_time(case: CaseFile) -> bool | None:
    try:
        decision = case.decision
    except CaseDecision.DoesNotExist:
        return None
    return decision.decided_on <= case.deadline


def _case_invited_early(case: CaseFile) -> bool | None:
    assessment = next(
        (s for s in case.steps.all() if s.kind == StepKind.ASSESSMENT and s.done_on), None
    )
    if assessment is None:
        return None
    first = invited_on(case)
    return first is not None and first <= assessment.done_on


def _types_reached(data: PeriodData) -> Figure:
    listed: set[str] = set()
    answered: set[str] = set()
    behind, hits = [], set()
    for plan in data.projects:
        entries = plan.accepted
        if not entries:
            continue
        behind.append(plan.pk)
        for entry in entries:
            listed.add(entry.stakeholder.type)
            if getattr(entry, "has_answered", False):
                answered.add(entry.stakeholder.type)
                hits.add(plan.pk)
    return Figure(len(answered), len(listed), projects=tuple(behind), hits=frozenset(hits))


def _statutory_heard(plan: ProcessPlan) -> tuple[int, int] | None:
    if not plan.statutory:
        return None
    invited = {e.stakeholder_id for e in plan.accepted if e.invited_at is not None}
    return sum(1 for s in plan.statutory if s.pk in invited), len(plan.statutory)


def _look_beyond(plan: ProcessPlan) -> tuple[int, int] | None:
    beyond = [e for e in plan.hearing_list if e.reason == HearingListEntry.Reason.BEYOND]
    if not beyond:
        return None
    return sum(1 for e in beyond if e.state == HearingListEntry.State.ACCEPTED), len(beyond)


def _breadth(data: PeriodData) -> Figure:
    total, speaking_as, district, age, _year = contribution_charts(data.contributions)
    behind = sorted({row["process_id"] for row in data.contributions})
    ordered = [p.pk for p in data.projects if p.pk in set(behind)]
    return Figure(value=total, projects=tuple(ordered), charts=(speaking_as, district, age))


def _employees(data: PeriodData) -> Figure:
    speaking = {
        row["process_id"] for row in data.contributions if row["speaking_as"] == SpeakingAs.EMPLOYEE
    }

    def involved(plan: ProcessPlan) -> tuple[int, int]:
        return _yes(
            TargetGroup.EMPLOYEES in plan.target_groups
            or plan.pk in speaking
            or any(
                e.stakeholder.type in Stakeholder.INTERNAL_TYPES
                and getattr(e, "has_answered", False)
                for e in plan.accepted
            )
        )

    return _share(data.projects, involved)


NO_PROCESSES = gettext_lazy("No processes")
NO_CASES = gettext_lazy("No cases")

DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "p1_frame",
        1,
        gettext_lazy("Published with a complete frame"),
        gettext_lazy(
            "Share of the projects whose frame is complete: an influence level, at least one "
            "thing citizens can influence, and a reason for everything that is fixed."
        ),
        empty=NO_PROCESSES,
    ),
    Definition(
        "p1_fixed_reasons",
        1,
        gettext_lazy("Fixed items with a reason"),
        gettext_lazy(
            "Of all the frame items marked “fixed” in the projects, the share that says why."
        ),
        empty=gettext_lazy("No fixed items"),
    ),
    Definition(
        "p1_outside_frame",
        1,
        gettext_lazy("Answers “outside the frame”"),
        gettext_lazy(
            "Share of the published answers whose outcome is “outside the frame”. A high share "
            "says the frame was unclear."
        ),
        empty=gettext_lazy("No published answers"),
    ),
    Definition(
        "p2_answered",
        2,
        gettext_lazy("Contributions answered"),
        gettext_lazy(
            "Share of the contributions received that have a published answer. A drafted answer "
            "that is not published does not count."
        ),
        empty=gettext_lazy("No contributions"),
    ),
    Definition(
        "p2_answer_days",
        2,
        gettext_lazy("Days from the deadline to the answer"),
        gettext_lazy(
            "The median number of days from a project's last deadline for contributions to the "
            "day each answer was published (0 when published by the deadline)."
        ),
        kind=DAYS,
        empty=gettext_lazy("No published answers"),
    ),
    Definition(
        "p2_accommodated",
        2,
        gettext_lazy("Answers accommodated or partly accommodated"),
        gettext_lazy(
            "Share of the published answers whose outcome is “accommodated” or “partly "
            "accommodated”."
        ),
        empty=gettext_lazy("No published answers"),
    ),
    Definition(
        "p2_changes",
        2,
        gettext_lazy("Visible changes linked to contributions"),
        gettext_lazy(
            "The number of changes between document versions that staff linked to at least one "
            "contribution, in published versions."
        ),
        kind=COUNT,
        empty=NO_PROCESSES,
    ),
    Definition(
        "p2_final_version",
        2,
        gettext_lazy("Decided with the final version published"),
        gettext_lazy(
            "Share of the decided projects with documents whose final version is published."
        ),
        empty=gettext_lazy("No decided projects with documents"),
    ),
    Definition(
        "p3_first_in_time",
        3,
        gettext_lazy("First activity in time for the decision"),
        gettext_lazy(
            "Share of the projects whose first activity ended at least %(days)d working days "
            "before the decision point it fed (the one it names, else the first meeting after "
            "it)."
        ),
        empty=gettext_lazy("No projects with activities and decision points"),
    ),
    Definition(
        "p3_before_decision",
        3,
        gettext_lazy("Involvement began before the first decision point"),
        gettext_lazy(
            "Share of the projects whose first activity started before their first political "
            "decision point."
        ),
        empty=gettext_lazy("No projects with activities and decision points"),
    ),
    Definition(
        "p3_cases_before_assessment",
        3,
        gettext_lazy("Cases: the citizen took part before the assessment"),
        gettext_lazy(
            "Share of the cases with a completed assessment where the citizen took part or was "
            "asked to before it: “What matters most to me” written, a message sent, a meeting "
            "proposed, or a contact or meeting step done."
        ),
        empty=NO_CASES,
        about_cases=True,
    ),
    Definition(
        "p4_minimum_kept",
        4,
        gettext_lazy("Statutory minimum periods kept"),
        gettext_lazy(
            "Share of the statutory hearings with a minimum period that lasted at least the "
            "minimum, counted in calendar days."
        ),
        empty=gettext_lazy("No statutory hearings"),
    ),
    Definition(
        "p4_hearing_margin",
        4,
        gettext_lazy("Hearing length beyond the minimum"),
        gettext_lazy(
            "The median number of days a statutory hearing lasted beyond its legal minimum "
            "(negative: shorter than the minimum)."
        ),
        kind=DAYS,
        empty=gettext_lazy("No statutory hearings"),
    ),
    Definition(
        "p4_hours",
        4,
        gettext_lazy("Staff hours used of those planned"),
        gettext_lazy(
            "The staff hours used as a share of the hours planned, over the projects with "
            "planned hours. Above 100 % means more was used than planned."
        ),
        empty=gettext_lazy("No projects with planned hours"),
    ),
    Definition(
        "p4_case_hearing",
        4,
        gettext_lazy("Cases: partshøring long enough"),
        gettext_lazy(
            "Share of the cases with a partshøring where the citizen had at least the case "
            "type's shortest period to comment."
        ),
        empty=gettext_lazy("No cases with a partshøring"),
        about_cases=True,
    ),
    Definition(
        "p4_case_in_time",
        4,
        gettext_lazy("Cases decided within the published processing time"),
        gettext_lazy(
            "Share of the decided cases decided by their processing deadline (the case type's "
            "published processing time)."
        ),
        empty=gettext_lazy("No decided cases"),
        about_cases=True,
    ),
    Definition(
        "p5_types",
        5,
        gettext_lazy("Stakeholder types reached"),
        gettext_lazy(
            "Of the stakeholder types on the projects' hearing lists, how many answered at least "
            "once."
        ),
        empty=gettext_lazy("No hearing lists"),
    ),
    Definition(
        "p5_statutory",
        5,
        gettext_lazy("Statutory councils and stakeholders heard"),
        gettext_lazy(
            "Of the stakeholders the law requires to be heard on the projects' topics, the share "
            "on the hearing list and invited."
        ),
        empty=gettext_lazy("No statutory stakeholders"),
    ),
    Definition(
        "p5_look_beyond",
        5,
        gettext_lazy("“Look beyond” suggestions taken up"),
        gettext_lazy(
            "Of the stakeholders suggested to look beyond the task, the share staff put on the "
            "hearing list."
        ),
        empty=gettext_lazy("No suggestions recorded"),
    ),
    Definition(
        "p5_breadth",
        5,
        gettext_lazy("Who took part"),
        gettext_lazy(
            "Contributions by “I speak as”, district and age next to the population. A group "
            "with fewer than %(min)d contributions is not shown, as on the breadth page."
        ),
        kind=CHARTS,
        empty=gettext_lazy("No contributions"),
    ),
    Definition(
        "p5_employees",
        5,
        gettext_lazy("Employees involved"),
        gettext_lazy(
            "Share of the projects where employees took part: employees are a target group, an "
            "employee sent a contribution, or a centre, discipline or MED committee on the "
            "hearing list answered."
        ),
        empty=NO_PROCESSES,
    ),
    Definition(
        "citizens",
        0,
        gettext_lazy("Citizens' own view"),
        gettext_lazy(
            "What citizens answered to the three questions after a decision (1 = not at all, "
            "5 = fully): whether they knew what they could influence (principle 1), felt heard "
            "(principle 2) and had time enough (principle 4). Two groups: cases — the citizen "
            "after the decision in their case, for a centre's cases — and projects — a "
            "contributor after the project's decision, optional, for the projects of the "
            "committee or centre; answered in the whole months of the period. Only a case type "
            "or a project in a month with at least %(min)d answers is counted."
        ),
        kind=EVALUATIONS,
        empty=gettext_lazy("No answers"),
        about_cases=True,
    ),
)

BY_CODE = {d.code: d for d in DEFINITIONS}


def _figure(code: str, data: PeriodData) -> Figure:
    projects, cases = data.projects, data.cases
    match code:
        case "p1_frame":
            return _share(projects, lambda p: _yes(_complete_frame(p)))
        case "p1_fixed_reasons":
            return _share(projects, _fixed_reasons)
        case "p1_outside_frame":
            return _outcomes(data, {Answer.Outcome.OUTSIDE_FRAME})
        case "p2_answered":
            return _share(
                projects,
                lambda p: (p.contributions.answers_published, p.contributions.received),
            )
        case "p2_answer_days":
            return _answer_days(data)
        case "p2_accommodated":
            return _outcomes(data, {Answer.Outcome.ACCOMMODATED, Answer.Outcome.PARTLY})
        case "p2_changes":
            return Figure(
                value=sum(data.changes.values()) if projects else None,
                projects=tuple(p.pk for p in projects if data.changes.get(p.pk)),
            )
        case "p2_final_version":
            return _share(
                projects,
                lambda p: _yes(p.has_published_final) if p.is_decided and p.has_documents else None,
            )
        case "p3_first_in_time":
            return _share(projects, lambda p: _first_in_time(p, data.processing_days))
        case "p3_before_decision":
            return _share(projects, _before_first_decision)
        case "p3_cases_before_assessment":
            return _cases(cases, _case_invited_early)
        case "p4_minimum_kept":
            return _share(projects, _minimum_kept)
        case "p4_hearing_margin":
            return _hearing_margin(data)
        case "p4_hours":
            return _hours(data)
        case "p4_case_hearing":
            return _cases(cases, _case_hearing)
        case "p4_case_in_time":
            return _cases(cases, _case_in_time)
        case "p5_types":
            return _types_reached(data)
        case "p5_statutory":
            return _share(projects, _statutory_heard)
        case "p5_look_beyond":
            return _share(projects, _look_beyond)
        case "p5_breadth":
            return _breadth(data)
        case "p5_employees":
            return _employees(data)
        case "citizens":
            return Figure(evaluations=data.evaluations)
    raise KeyError(code)


@dataclass
class Evaluation:
    scope: Scope
    period: Period
    previous_period: Period
    principles: list[Principle]
    projects: int  # in the period
    cases: int
    min_group: int

    def indicator(self, code: str) -> Indicator:
        for principle in self.principles:
            for indicator in principle.indicators:
                if indicator.code == code:
                    return indicator
        raise KeyError(code)


def _texts(definition: Definition, data: PeriodData) -> Definition:
    params = {"days": data.processing_days, "min": min_group()}
    text = str(definition.definition)
    return Definition(
        definition.code,
        definition.principle,
        str(definition.title),
        text % params if "%(" in text else text,
        definition.kind,
        str(definition.empty),
        definition.about_cases,
        definition.not_recorded,
    )


def evaluate(
    scope: Scope, period: Period, *, today: datetime.date | None = None, codes: Iterable[str] = ()
) -> Evaluation:
    """Every indicator (or those of ``codes``) for ``scope`` in ``period`` and the period
    before it, in a fixed number of queries."""
    today = today or local_date(timezone.now())
    previous = period.previous()
    wanted = set(codes)
    # The citizens' evaluations: for a committee or a centre, when asked for (never for the
    # whole municipality: a round's council-level figures do not show them).
    citizens = scope.kind != Scope.ALL and (not wanted or "citizens" in wanted)
    current_data, previous_data = _load(scope, (period, previous), today, citizens)
    principles = {n: Principle(n, principle_title(n)) for n in NUMBERS}
    principles[0] = Principle(0, _("Citizens' own view"))
    for definition in DEFINITIONS:
        if wanted and definition.code not in wanted:
            continue
        if definition.code == "citizens" and scope.kind == Scope.ALL:
            continue
        principles[definition.principle].indicators.append(
            Indicator(
                _texts(definition, current_data),
                _figure(definition.code, current_data),
                _figure(definition.code, previous_data),
            )
        )
    ordered = [principles[n] for n in (1, 2, 3, 4, 5, 0) if principles[n].indicators]
    return Evaluation(
        scope=scope,
        period=period,
        previous_period=previous,
        principles=ordered,
        projects=len(current_data.projects),
        cases=len(current_data.cases),
        min_group=min_group(),
    )


def load_projects(pks: Iterable[int]) -> list[Process]:
    """The projects of ``pks`` with their centre, by title (one query); never a case or a
    draft."""
    return list(
        Process.objects.public()
        .filter(pk__in=list(pks))
        .select_related("centre")
        .order_by("title", "pk")
    )


def projects_in(scope: Scope, period: Period, today: datetime.date | None = None) -> list[Process]:
    """The public projects of ``scope`` whose involvement overlaps ``period`` (the processes
    behind a report), by title — never a case (two queries)."""
    today = today or local_date(timezone.now())
    rows = _dated(scope.processes().filter(kind=Process.Kind.PROJECT))
    return load_projects(row["pk"] for row in rows if period.overlaps(*_span(row, today)))
