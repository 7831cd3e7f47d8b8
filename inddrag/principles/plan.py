"""The plan: a snapshot of a process and everything the principle checks read.

``load_plans(queryset)`` loads processes with their frame, phases, activities, decision points,
target groups, the contribution and answer counts, the recorded decision and documents, and the
hearing list — a fixed number of queries however many processes and rows — and returns one frozen
``ProcessPlan`` each. The checks accept nothing else, so a process loaded without its plan cannot
silently pass a check that needed data it does not have.

The process inside a plan keeps its prefetched relations, so pages that render it
(``process.frame_items.all`` …) cause no further queries either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.db import models
from django.db.models.functions import Coalesce

from inddrag.contributions.models import Contribution, Flag
from inddrag.documents.models import Document, DocumentVersion
from inddrag.memos.models import Memo
from inddrag.processes.models import (
    Activity,
    Decision,
    FrameItem,
    Milestone,
    Phase,
    Process,
    ProcessQuerySet,
)
from inddrag.stakeholders.models import HearingDuty, HearingListEntry, Stakeholder, Topic


@dataclass(frozen=True)
class ContributionStats:
    """Principle 2: what came in and how much of it is answered."""

    received: int
    answered: int
    answers_published: int
    answers_without_reason: int
    awaiting_review: int = 0  # held back until a member of staff has read them
    flagged: int = 0  # with a finding of the screening that nobody has handled yet

    @property
    def unanswered(self) -> int:
        return self.received - self.answered

    @property
    def drafts(self) -> int:
        return self.answered - self.answers_published


@dataclass(frozen=True)
class ProcessPlan:
    process: Process
    frame_items: tuple[FrameItem, ...]
    phases: tuple[Phase, ...]
    activities: tuple[Activity, ...]  # by start
    milestones: tuple[Milestone, ...]  # by meeting date
    target_groups: tuple[str, ...]
    contributions: ContributionStats
    decision: Decision | None  # recorded, whatever the status
    has_documents: bool
    has_published_final: bool  # a final version of one of its documents is published
    has_published_memo: bool  # staff published a hearing memo: the public may download it
    hearing_list: tuple[HearingListEntry, ...]  # each with ``has_answered``
    statutory: tuple[Stakeholder, ...]  # must be heard by law on the process's topics, by name
    status: str  # the process's status (or the one it is checked for, see ``with_status``)
    # What other apps load for their own checks (``register_loader``), by key — e.g. a case's
    # own data under "case". Filled once for all plans of one ``load_plans`` call.
    extras: dict = field(default_factory=dict, compare=False)

    @property
    def pk(self) -> int:
        return self.process.pk

    @property
    def open_items(self) -> list[FrameItem]:
        return [i for i in self.frame_items if i.kind == FrameItem.Kind.OPEN]

    @property
    def fixed_items(self) -> list[FrameItem]:
        return [i for i in self.frame_items if i.kind == FrameItem.Kind.FIXED]

    @property
    def accepted(self) -> list[HearingListEntry]:
        """The hearing list proper: the entries staff accepted."""
        return [e for e in self.hearing_list if e.state == HearingListEntry.State.ACCEPTED]

    @property
    def is_case(self) -> bool:
        return self.process.is_case

    @property
    def is_decided(self) -> bool:
        return self.status in (Process.Status.DECIDED, Process.Status.CLOSED)

    @property
    def public_decision(self) -> Decision | None:
        """The recorded decision once the process is decided: then the public page shows what
        was decided, what changed and what was said and done first."""
        return self.decision if self.is_decided else None

    def with_status(self, status: str) -> ProcessPlan:
        """The plan as it will be once the process has ``status`` (to check before a change)."""
        return replace(self, status=status)


def _count(queryset: models.QuerySet, path: str = "process") -> Coalesce:
    return Coalesce(
        models.Subquery(
            queryset.filter(**{path: models.OuterRef("pk")})
            .order_by()
            .values(path)
            .annotate(n=models.Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def _review_counts() -> dict[str, Coalesce]:
    """The two counts of a process's contributions that are not counters: awaiting review and
    flagged (cheap indexed subqueries)."""
    return {
        "plan_awaiting_review": _count(
            Contribution.objects.filter(publication=Contribution.Publication.PENDING)
        ),
        "plan_flagged": _count(
            Contribution.objects.filter(
                models.Exists(
                    Flag.objects.filter(
                        contribution=models.OuterRef("pk"), resolution=Flag.Resolution.OPEN
                    )
                )
            )
        ),
    }


def _stats(process: Process, awaiting_review: int, flagged: int) -> ContributionStats:
    return ContributionStats(
        # Kept on the process in the transactions that change them (issue #14).
        received=process.contributions_received,
        answered=process.contributions_answered,
        answers_published=process.answers_published,
        answers_without_reason=process.answers_without_reason,
        awaiting_review=awaiting_review,
        flagged=flagged,
    )


def contribution_stats(process: Process) -> ContributionStats:
    """The plan's ``contributions`` of one process without the rest of its plan, for a page
    that shows the counts only (the inbox's header): the counters already loaded with the
    process and one query for the two counts that are not counters."""
    counts = (
        Process.objects.filter(pk=process.pk)
        .annotate(**_review_counts())
        .values("plan_awaiting_review", "plan_flagged")
        .first()
    ) or {"plan_awaiting_review": 0, "plan_flagged": 0}
    return _stats(process, counts["plan_awaiting_review"], counts["plan_flagged"])


def plan_queryset(queryset: ProcessQuerySet | None = None) -> ProcessQuerySet:
    """``queryset`` (all processes by default) with everything a plan reads."""
    queryset = Process.objects.all() if queryset is None else queryset
    answered = Contribution.objects.filter(
        process=models.OuterRef("process_id"), stakeholder=models.OuterRef("stakeholder_id")
    )
    duties = HearingDuty.objects.filter(stakeholder__active=True).select_related("stakeholder")
    return (
        queryset.select_related(
            "centre", "responsible", "decision__body", "decision__final_version__document"
        )
        .annotate(
            **_review_counts(),
            plan_has_documents=models.Exists(
                Document.objects.filter(process=models.OuterRef("pk"))
            ),
            plan_has_published_final=models.Exists(
                DocumentVersion.objects.filter(
                    document__process=models.OuterRef("pk"),
                    label=DocumentVersion.Label.FINAL,
                    published=True,
                )
            ),
            plan_has_published_memo=models.Exists(
                Memo.objects.filter(
                    process=models.OuterRef("pk"),
                    status=Memo.Status.DONE,
                    published_at__isnull=False,
                )
            ),
        )
        .prefetch_related(
            "districts",
            "frame_items",
            "phases",
            models.Prefetch(
                "activities",
                queryset=Activity.objects.select_related("phase", "feeds_milestone__body"),
            ),
            models.Prefetch("milestones", queryset=Milestone.objects.select_related("body")),
            "target_groups",
            models.Prefetch(
                "hearing_list",
                queryset=HearingListEntry.objects.select_related("stakeholder").annotate(
                    has_answered=models.Exists(answered)
                ),
            ),
            models.Prefetch(
                "topic_tags",
                queryset=Topic.objects.prefetch_related(
                    models.Prefetch("hearingduty_set", queryset=duties)
                ),
            ),
        )
    )


def _plan(process: Process) -> ProcessPlan:
    statutory: dict[int, Stakeholder] = {}
    for topic in process.topic_tags.all():
        for duty in topic.hearingduty_set.all():
            statutory.setdefault(duty.stakeholder_id, duty.stakeholder)
    return ProcessPlan(
        process=process,
        frame_items=tuple(process.frame_items.all()),
        phases=tuple(process.phases.all()),
        activities=tuple(sorted(process.activities.all(), key=lambda a: (a.starts_at, a.pk or 0))),
        milestones=tuple(
            sorted(process.milestones.all(), key=lambda m: (m.meeting_date, m.pk or 0))
        ),
        target_groups=tuple(row.group for row in process.target_groups.all()),
        contributions=_stats(process, process.plan_awaiting_review, process.plan_flagged),
        decision=process.recorded_decision,
        has_documents=process.plan_has_documents,
        has_published_final=process.plan_has_published_final,
        has_published_memo=process.plan_has_published_memo,
        hearing_list=tuple(process.hearing_list.all()),
        statutory=tuple(sorted(statutory.values(), key=lambda s: s.name.casefold())),
        status=process.status,
    )


PlanLoader = Callable[[list[ProcessPlan]], None]
LOADERS: list[PlanLoader] = []


def register_loader(loader: PlanLoader) -> None:
    """Let an app add to the plans what its own checks read (into ``plan.extras``): called once
    with all the plans of a ``load_plans`` call, so it runs a fixed number of queries however
    many plans. Registered in the app's ``AppConfig.ready()``."""
    if loader not in LOADERS:
        LOADERS.append(loader)


def load_plans(queryset: ProcessQuerySet | None = None) -> list[ProcessPlan]:
    """One plan per process of ``queryset``, in its order."""
    plans = [_plan(process) for process in plan_queryset(queryset)]
    for loader in LOADERS:
        loader(plans)
    return plans


def load_plan(pk: int, queryset: ProcessQuerySet | None = None) -> ProcessPlan | None:
    """The plan of process ``pk`` (within ``queryset``), or None if there is none."""
    queryset = Process.objects.all() if queryset is None else queryset
    plans = load_plans(queryset.filter(pk=pk))
    return plans[0] if plans else None
