"""The involvement process (inddragelsesforløb) and what hangs off it.

A process is either a public *project* (a political decision process) or a private *case*
(a citizen's own case). Its frame, phases, activities and milestones are the data from which the
principle checks (``inddrag.principles``) are computed. This module knows no other app: what the
checks need from contributions, documents and the hearing list is loaded by
``principles.plan``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inddrag.lib import page_cache
from inddrag.lib.calendar import deadline_passed
from inddrag.lib.formatting import moment
from inddrag.processes import access


class InfluenceLevel(models.TextChoices):
    """The five IAP2 levels, in our own Danish words."""

    INFORM = "inform", _("Inform")
    CONSULT = "consult", _("Consult")
    INVOLVE = "involve", _("Involve")
    COLLABORATE = "collaborate", _("Collaborate")
    EMPOWER = "empower", _("Hand over the decision")


# Our own short promise to the public for each level (paraphrased, not IAP2's wording).
INFLUENCE_PROMISES: dict[str, str] = {
    InfluenceLevel.INFORM: _(
        "We tell you what is going to happen and why, so you can follow along. "
        "There is nothing to decide together here."
    ),
    InfluenceLevel.CONSULT: _(
        "We ask for your views on a proposal. We read every answer, reply to it, and tell you "
        "how it affected the decision."
    ),
    InfluenceLevel.INVOLVE: _(
        "We work with you along the way, so your wishes and concerns are reflected in the "
        "solutions the politicians choose between."
    ),
    InfluenceLevel.COLLABORATE: _(
        "We develop the solution together with you, and your advice weighs as heavily as it "
        "possibly can in the final decision."
    ),
    InfluenceLevel.EMPOWER: _(
        "You decide within the frame set by the municipal council, and we carry out what you "
        "decide."
    ),
}


class Proportionality(models.TextChoices):
    LIGHT = "light", _("Light")
    STANDARD = "standard", _("Standard")
    EXTENSIVE = "extensive", _("Extensive")


class TargetGroup(models.TextChoices):
    CITIZENS = "citizens", _("Citizens")
    BUSINESSES = "businesses", _("Businesses")
    EMPLOYEES = "employees", _("Employees and professional disciplines")
    COUNCILS = "councils", _("Councils (e.g. Seniorråd, Handicapråd)")
    BOARDS = "boards", _("Boards")
    ASSOCIATIONS = "associations", _("Associations")
    AUTHORITIES = "authorities", _("Authorities")


class ProcessQuerySet(models.QuerySet):
    def projects(self) -> ProcessQuerySet:
        return self.filter(kind=Process.Kind.PROJECT)

    def public(self) -> ProcessQuerySet:
        """Projects that anyone may see: everything but drafts, never cases."""
        return self.projects().exclude(status=Process.Status.DRAFT)

    def cases_of(self, user) -> ProcessQuerySet:
        """The cases ``user`` takes part in or may see (a relative's grant, a professional's
        role: ``processes.access``); none for an anonymous visitor."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        mine = Q(pk__in=Process.participants.through.objects.filter(user=user).values("process"))
        extra = access.extra_cases(user)  # e.g. a relative's grant (registered by cases)
        return self.filter(mine | extra if extra is not None else mine, kind=Process.Kind.CASE)

    def add_to_counters(self, pk: int | models.Expression, **deltas: int) -> None:
        """Add ``deltas`` to the contribution counters of process ``pk`` (``COUNTERS``) in one
        ``UPDATE … SET n = n + delta``: atomic, in the caller's transaction, never read first."""
        changes = {name: models.F(name) + delta for name, delta in deltas.items() if delta}
        if changes:
            self.filter(pk=pk).update(**changes)
            # The counts are on the process's page and in the API.
            if isinstance(pk, int):
                page_cache.changed(pk)
            else:
                page_cache.changed(site=True)


class Process(models.Model):
    """An involvement process (inddragelsesforløb)."""

    class Kind(models.TextChoices):
        PROJECT = "project", _("Project")
        CASE = "case", _("Case")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        OPEN = "open", _("Open for input")
        PROCESSING = "processing", _("Input being processed")
        DECIDED = "decided", _("Decided")
        CLOSED = "closed", _("Closed")

    # The lifecycle: which status may follow which. Going back is allowed one step where it
    # makes sense (a published process can be withdrawn to draft; a hearing can be reopened).
    TRANSITIONS: ClassVar[dict[str, tuple[str, ...]]] = {
        Status.DRAFT: (Status.PUBLISHED,),
        Status.PUBLISHED: (Status.OPEN, Status.DRAFT),
        Status.OPEN: (Status.PROCESSING,),
        Status.PROCESSING: (Status.DECIDED, Status.OPEN),
        Status.DECIDED: (Status.CLOSED,),
        Status.CLOSED: (),
    }

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PROJECT)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), max_length=2000, help_text=_("A few plain sentences: what and why.")
    )
    how_to_take_part = models.TextField(
        _("how to take part"),
        blank=True,
        max_length=4000,
        help_text=_("Where and how citizens can give their input."),
    )
    centre = models.ForeignKey(
        "organisation.Centre", verbose_name=_("centre"), on_delete=models.PROTECT
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible staff member"),
        on_delete=models.PROTECT,
        related_name="responsible_for",
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participants"),
        blank=True,
        related_name="participating_in",
        help_text=_("For a case: the citizen, relatives and professionals who may see it."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    influence_level = models.CharField(
        _("influence level"), max_length=16, choices=InfluenceLevel.choices, blank=True
    )
    proportionality = models.CharField(
        _("proportionality"),
        max_length=16,
        choices=Proportionality.choices,
        default=Proportionality.STANDARD,
    )
    districts = models.ManyToManyField(
        "organisation.District", verbose_name=_("districts"), blank=True
    )
    topic_tags = models.ManyToManyField(
        "stakeholders.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="processes",
        help_text=_("What the process is about: decides whom the hearing list suggests."),
    )
    esdh_reference = models.CharField(
        _("case-system reference (ESDH no.)"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9A-Za-z./-]+$",
                _("Use only digits, letters, dots, hyphens and slashes, e.g. 2026-012345."),
            )
        ],
    )
    kle_number = models.CharField(
        _("KLE number"),
        max_length=8,
        blank=True,
        validators=[
            RegexValidator(
                r"^\d{2}(\.\d{2}){0,2}$",
                _("A KLE number looks like 01.02.05 (main group, group, subject)."),
            )
        ],
    )
    planned_hours = models.DecimalField(
        _("planned staff hours"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    used_hours = models.DecimalField(
        _("staff hours used"),
        max_digits=7,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )
    frame_all_open = models.BooleanField(
        _("everything in the frame is open"),
        default=False,
        help_text=_(
            "Tick it when nothing is fixed in advance: citizens can influence everything in the "
            "frame. The frame's check then stops asking what is fixed."
        ),
    )
    review_before_publishing = models.BooleanField(
        _("review contributions before they are published"),
        default=True,
        help_text=_(
            "If not ticked, a contribution with consent and nothing flagged by the screening is "
            "published at once."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # When the process became "decided" (or, for a case without a decision, "closed"): the
    # retention periods of its personal data are counted from here (``inddrag.privacy``).
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True, editable=False)
    # Counters of its contributions (issue #14), kept by the contributions' and answers' own
    # save() and delete() in the same transaction (``add_to_counters``), recomputed by
    # ``manage.py recount_contributions``. Never written by ``Process.save()`` (see there).
    contributions_received = models.PositiveIntegerField(default=0, editable=False)
    contributions_answered = models.PositiveIntegerField(default=0, editable=False)
    answers_published = models.PositiveIntegerField(default=0, editable=False)
    answers_without_reason = models.PositiveIntegerField(default=0, editable=False)

    COUNTERS: ClassVar[tuple[str, ...]] = (
        "contributions_received",
        "contributions_answered",
        "answers_published",
        "answers_without_reason",
    )

    objects = ProcessQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("involvement process")
        verbose_name_plural = _("involvement processes")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """A save of a process loaded earlier never writes its counters back: they may have
        changed since (a contribution came in), and only ``add_to_counters`` moves them."""
        if (
            not self._state.adding
            and self.pk is not None
            and kwargs.get("update_fields") is None
            and not args
        ):
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in self.COUNTERS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("processes:detail", args=[self.pk])

    @property
    def is_case(self) -> bool:
        return self.kind == self.Kind.CASE

    @property
    def influence_promise(self) -> str:
        return str(INFLUENCE_PROMISES.get(self.influence_level, ""))

    @property
    def public_status_label(self) -> str:
        """The status in words a citizen understands ("Kommende" rather than "Offentliggjort")."""
        return str(PUBLIC_STATUS_LABELS.get(self.status, self.get_status_display()))

    @property
    def influence_step(self) -> int:
        """The influence level's place on the scale of five (1 = inform … 5 = empower)."""
        codes = [code for code, _label in InfluenceLevel.choices]
        return codes.index(self.influence_level) + 1 if self.influence_level else 0

    # --- Taking part: is the process taking input, and until when? -----------------------
    # One home for the rule, read from the prefetched activities (no query once prefetched).

    def open_activities(self, now: datetime.datetime | None = None) -> list[Activity]:
        """Every activity open right now (a meeting as well as a hearing), by start."""
        now = now or timezone.now()
        return sorted(
            (a for a in self.activities.all() if a.is_open(now)), key=lambda a: a.starts_at
        )

    def open_until(self, now: datetime.datetime | None = None) -> datetime.datetime | None:
        """When the last activity open right now closes."""
        ends = [a.ends_at for a in self.open_activities(now)]
        return max(ends) if ends else None

    def contribution_activities(self) -> list[Activity]:
        """The activities that take written contributions in Inddrag, by deadline."""
        return sorted(
            (a for a in self.activities.all() if a.takes_contributions), key=lambda a: a.ends_at
        )

    def open_activity(self, now: datetime.datetime | None = None) -> Activity | None:
        """The activity a contribution sent now belongs to: of those taking contributions and
        open now, the one that closes last; None when the process takes none right now."""
        now = now or timezone.now()
        candidates = [a for a in self.contribution_activities() if a.is_open(now)]
        return candidates[-1] if candidates else None

    def next_deadline(self, now: datetime.datetime | None = None) -> datetime.datetime | None:
        """The deadline a stakeholder is invited to: the end of the last activity taking
        contributions that has not ended yet (open now or still to come)."""
        now = now or timezone.now()
        ends = [a.ends_at for a in self.contribution_activities() if not a.has_ended(now)]
        return ends[-1] if ends else None

    def last_deadline(self) -> datetime.datetime | None:
        """The end of the last activity taking contributions: what "after the deadline" is
        measured against for input that arrives outside Inddrag."""
        taking = self.contribution_activities()
        return taking[-1].ends_at if taking else None

    def closed_message(self, now: datetime.datetime | None = None) -> str:
        """Why no contribution can be sent now, and what happens next."""
        now = now or timezone.now()
        taking = self.contribution_activities()
        upcoming = sorted((a for a in taking if a.starts_at > now), key=lambda a: a.starts_at)
        past = [a for a in taking if a.has_ended(now)]
        if upcoming:
            return gettext("You can send your contribution from %(start)s.") % {
                "start": moment(upcoming[0].starts_at)
            }
        if past:
            return gettext(
                "The deadline was %(end)s. We are now processing the contributions, and everyone "
                "who took part will be told how their input was used."
            ) % {"end": moment(past[-1].ends_at)}
        return gettext("This process does not take written contributions.")

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, ())

    @property
    def recorded_decision(self) -> Decision | None:
        """The decision, or None (no query when loaded with its plan, which joins it)."""
        try:
            return self.decision
        except Decision.DoesNotExist:
            return None

    def target_group_codes(self) -> list[str]:
        return [row.group for row in self.target_groups.all()]


PUBLIC_STATUS_LABELS: dict[str, str] = {
    Process.Status.PUBLISHED: _("Coming up"),
    Process.Status.OPEN: _("Open for input"),
    Process.Status.PROCESSING: _("Input being processed"),
    Process.Status.DECIDED: _("Decided"),
    Process.Status.CLOSED: _("Closed"),
}


class ProcessTargetGroup(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="target_groups")
    group = models.CharField(_("target group"), max_length=16, choices=TargetGroup.choices)

    class Meta:
        ordering = ["group"]
        constraints = [
            models.UniqueConstraint(fields=["process", "group"], name="unique_target_group")
        ]

    def __str__(self) -> str:
        return self.get_group_display()


class FrameLine(models.Model):
    """A line of a frame: something citizens can influence, or something fixed and why — the
    fields and the rule a process's frame and a case type's default frame share."""

    class Kind(models.TextChoices):
        OPEN = "open", _("You can influence this")
        FIXED = "fixed", _("This is fixed")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=500)
    reason = models.CharField(
        _("reason"),
        max_length=1000,
        blank=True,
        help_text=_("Required when the item is fixed: why it is not up for discussion."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        verbose_name = _("frame item")
        verbose_name_plural = _("frame items")

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.kind == self.Kind.FIXED and not self.reason.strip():
            raise ValidationError({"reason": _("Explain why this is fixed (“because …”).")})


class FrameItem(FrameLine):
    """One line of a process's frame."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="frame_items")

    class Meta(FrameLine.Meta):
        pass


class Phase(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The phase cannot end before it starts.")})


class HearingType(models.TextChoices):
    """The kinds of hearing municipalities run most; see ``HEARING_RULES`` for the law."""

    NONE = "", _("Not a statutory hearing")
    PLAN_PROPOSAL = "plan_proposal", _("Plan proposal (8 weeks)")
    MINOR_MUNICIPAL_PLAN = "minor_municipal_plan", _("Minor change to the municipal plan (4 weeks)")
    LOCAL_PLAN = "local_plan", _("Local plan (4 weeks)")
    MINOR_LOCAL_PLAN = "minor_local_plan", _("Local plan of minor importance (2 weeks)")
    ENVIRONMENTAL = (
        "environmental_assessment",
        _("Environmental assessment of a plan or programme (8 weeks)"),
    )
    SCHOOL_STRUCTURE = "school_structure", _("Closing or merging schools (8 weeks)")
    COUNCIL = "council", _("Hearing of a statutory council (no fixed minimum)")
    BUDGET = "budget", _("Budget (no statutory minimum)")
    POLICY = "policy", _("Policy or strategy (no statutory minimum)")


@dataclass(frozen=True)
class HearingRule:
    minimum_weeks: int | None  # None: the law sets no minimum period
    legal_basis: str


# The law behind each kind of hearing: its minimum period and where it stands. Kept as data, so a
# new kind is one line; the checks read it (principle 4).
HEARING_RULES: dict[str, HearingRule] = {
    HearingType.PLAN_PROPOSAL: HearingRule(8, "Planloven § 24, stk. 2"),
    HearingType.MINOR_MUNICIPAL_PLAN: HearingRule(4, "Planloven § 24, stk. 2"),
    HearingType.LOCAL_PLAN: HearingRule(4, "Planloven § 24, stk. 2"),
    HearingType.MINOR_LOCAL_PLAN: HearingRule(2, "Planloven § 24, stk. 2"),
    HearingType.ENVIRONMENTAL: HearingRule(8, "Miljøvurderingsloven § 32"),
    HearingType.SCHOOL_STRUCTURE: HearingRule(
        8, "Folkeskoleloven § 24 a og bekendtgørelse om procedurer ved nedlæggelse af en skole"
    ),
    HearingType.COUNCIL: HearingRule(
        None, "Retssikkerhedsloven § 30 (ældreråd) og § 37 a (handicapråd)"
    ),
    HearingType.BUDGET: HearingRule(None, "Lov om kommunernes styrelse § 38"),
    HearingType.POLICY: HearingRule(None, ""),
}


class ActivityQuerySet(models.QuerySet):
    def taking_contributions(self) -> ActivityQuerySet:
        """Activities whose method takes written contributions in Inddrag."""
        return self.filter(method__in=CONTRIBUTION_METHODS)


class Activity(models.Model):
    class Method(models.TextChoices):
        HEARING = "hearing", _("Public hearing")
        PUBLIC_MEETING = "public_meeting", _("Public meeting")
        WORKSHOP = "workshop", _("Workshop")
        SURVEY = "survey", _("Survey")
        IDEAS = "ideas", _("Call for ideas")
        DIALOGUE = "dialogue", _("Dialogue meeting")
        SITE_WALK = "site_walk", _("Site walk")
        OTHER = "other", _("Other")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="activities")
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("phase"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    title = models.CharField(_("title"), max_length=200)
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    hearing_type = models.CharField(
        _("statutory hearing type"),
        max_length=24,
        choices=HearingType.choices,
        blank=True,
        default=HearingType.NONE,
    )
    feeds_milestone = models.ForeignKey(
        "Milestone",
        verbose_name=_("feeds the decision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fed_by",
        help_text=_("The political decision this activity gives input to."),
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = ValidationError(_("The activity must end after it starts."))
        if self.hearing_type and self.method != self.Method.HEARING:
            errors["hearing_type"] = ValidationError(
                _("Only a public hearing can have a statutory hearing type.")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def hearing_rule(self) -> HearingRule | None:
        return HEARING_RULES.get(self.hearing_type)

    @property
    def minimum_weeks(self) -> int | None:
        rule = self.hearing_rule
        return rule.minimum_weeks if rule is not None else None

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        """Open from the start up to and including the deadline's last minute (a page that says
        "kl. 23.59" takes a post at 23:59:59)."""
        now = now or timezone.now()
        return self.starts_at <= now and not self.has_ended(now)

    def has_ended(self, now: datetime.datetime | None = None) -> bool:
        """Whether the minute the activity ends in is over (``lib.calendar.deadline_passed``)."""
        return deadline_passed(self.ends_at, now or timezone.now())

    @property
    def takes_contributions(self) -> bool:
        """Whether citizens can send contributions online while the activity is open."""
        return self.method in CONTRIBUTION_METHODS


CONTRIBUTION_METHODS = {
    Activity.Method.HEARING,
    Activity.Method.IDEAS,
    Activity.Method.SURVEY,
    Activity.Method.OTHER,
}


class Milestone(models.Model):
    """A political decision point: a meeting of a committee, Økonomiudvalget or the council."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="milestones")
    body = models.ForeignKey(
        "organisation.DecisionBody", verbose_name=_("decision body"), on_delete=models.PROTECT
    )
    meeting_date = models.DateField(_("meeting date"))
    decides = models.CharField(_("what is decided"), max_length=300)
    agenda_url = models.URLField(_("link to the agenda"), blank=True)

    class Meta:
        ordering = ["meeting_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.body} {self.meeting_date:%d.%m.%Y}"


class Decision(models.Model):
    """What the political body decided: recorded by staff, shown first on the process page."""

    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="decision")
    body = models.ForeignKey(
        "organisation.DecisionBody", verbose_name=_("decision body"), on_delete=models.PROTECT
    )
    meeting_date = models.DateField(_("meeting date"))
    agenda_title = models.CharField(_("agenda item"), max_length=300)
    agenda_url = models.URLField(_("link to the agenda item"), blank=True)
    text = models.TextField(_("the decision"), max_length=10000)
    final_version = models.ForeignKey(
        "documents.DocumentVersion",
        verbose_name=_("final version of the document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.body} {self.meeting_date:%d.%m.%Y}"
