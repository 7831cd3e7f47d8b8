"""A citizen's own case (sag): case types and a case's own data.

A case is a ``processes.Process`` of kind "case" (private: a 404 to everyone who does not take
part). What only a case has lives here: its ``CaseFile`` (one to one with the process: the case
type, the citizen, the caseworker's direct contact, the processing deadline, "Det vigtigste for
mig") and its ``CaseStep`` rows ("Du er her" is the first step not done). The case's frame is
the process's own ``FrameItem`` rows, copied from the type when the case is created.

Case types (``CaseType`` with its ``CaseTypeFrameItem`` and ``CaseTypeStep`` rows) are reference
data kept in the admin. The CPR number is never stored: the citizen is an account.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inddrag.lib import downloads
from inddrag.lib.calendar import COPENHAGEN, deadline_passed
from inddrag.processes.models import FrameLine


class StepKind(models.TextChoices):
    CONTACT = "contact", _("Contact")
    MEETING = "meeting", _("Meeting or home visit")
    ASSESSMENT = "assessment", _("Assessment")
    HEARING = "hearing", _("Consultation of the party (partshøring)")
    DECISION = "decision", _("Decision")
    OTHER = "other", _("Other")


class CaseType(models.Model):
    """A kind of case the municipality handles, with its law, processing time and defaults."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(
        _("what a case of this type is about"),
        max_length=2000,
        help_text=_("A few plain sentences for the citizen; the case's summary starts from it."),
    )
    centre = models.ForeignKey(
        "organisation.Centre", verbose_name=_("centre"), on_delete=models.PROTECT
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=200, help_text=_("E.g. “Serviceloven § 112”.")
    )
    legal_url = models.URLField(_("link to the law"), blank=True)
    rules = models.TextField(
        _("the rules in plain Danish"),
        max_length=4000,
        help_text=_("What the law says about cases like this, as a citizen would say it."),
    )
    processing_weeks = models.PositiveSmallIntegerField(
        _("published processing time (weeks)"),
        validators=[MinValueValidator(1), MaxValueValidator(104)],
        help_text=_(
            "The case processing time the council has published (retssikkerhedsloven § 3)."
        ),
    )
    hearing_days = models.PositiveSmallIntegerField(
        _("default partshøring period (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    hearing_minimum_days = models.PositiveSmallIntegerField(
        _("shortest partshøring period (days)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Below this a partshøring is too short for the citizen to answer."),
    )
    second_discipline = models.CharField(
        _("second discipline usually involved"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Ergoterapeut”; empty when one discipline usually suffices."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("case type")
        verbose_name_plural = _("case types")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.hearing_days is not None
            and self.hearing_minimum_days is not None
            and self.hearing_days < self.hearing_minimum_days
        ):
            raise ValidationError(
                {"hearing_days": _("The default period cannot be shorter than the shortest.")}
            )

    def deadline(self, opened_on: datetime.date) -> datetime.date:
        """The processing deadline of a case opened on ``opened_on``."""
        return opened_on + datetime.timedelta(weeks=self.processing_weeks)


class CaseTypeFrameItem(FrameLine):
    """One line of a case type's default frame: what the citizen can influence, or what is
    fixed and why."""

    case_type = models.ForeignKey(CaseType, on_delete=models.CASCADE, related_name="frame_items")

    class Meta(FrameLine.Meta):
        pass


class CaseTypeStep(models.Model):
    """A default step of a case type, planned ``day`` days after the case is opened."""

    case_type = models.ForeignKey(CaseType, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=StepKind.choices)
    day = models.PositiveSmallIntegerField(
        _("expected day"),
        validators=[MaxValueValidator(730)],
        help_text=_("Days from the day the case is opened."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "day", "pk"]
        verbose_name = _("default step")
        verbose_name_plural = _("default steps")

    def __str__(self) -> str:
        return self.title


class CaseFile(models.Model):
    """What only a case has, one to one with its process (kind "case"). The case's title
    (its subject), summary, journal number (``esdh_reference``), frame and caseworker
    (``responsible``) are the process's."""

    process = models.OneToOneField(
        "processes.Process", on_delete=models.CASCADE, related_name="case_file"
    )
    case_type = models.ForeignKey(
        CaseType, verbose_name=_("case type"), on_delete=models.PROTECT, related_name="cases"
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citizen"),
        on_delete=models.PROTECT,
        related_name="own_cases",
    )
    contact_phone = models.CharField(_("direct phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_hours = models.CharField(_("when you can reach me"), max_length=200, blank=True)
    opened_on = models.DateField(_("opened"))
    deadline = models.DateField(_("processing deadline"))
    what_matters = models.TextField(_("what matters most to me"), max_length=2000, blank=True)
    what_matters_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    what_matters_at = models.DateTimeField(null=True, blank=True)
    # The caseworker asked the citizen whether a relative or a companion should take part.
    companion_asked_on = models.DateField(_("asked about a companion on"), null=True, blank=True)
    companion_answer = models.CharField(
        _("the citizen's answer"),
        max_length=14,  # "representative" is 14 characters
        blank=True,
        choices=[
            ("none", _("Wants no one")),
            ("relative", _("Wants a relative to take part")),
            ("bisidder", _("Wants a companion (bisidder)")),
            ("representative", _("Wants a representative (partsrepræsentant)")),
        ],
    )

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return str(self.process_id)

    def current_step(self) -> CaseStep | None:
        """ "Du er her": the first step not done (from the prefetched steps)."""
        return next((s for s in self.steps.all() if s.done_on is None), None)

    def days_left(self, today: datetime.date) -> int:
        """Days to the processing deadline (negative once it has passed)."""
        return (self.deadline - today).days


class CaseStep(models.Model):
    """A step of one case: copied from its type, adjustable by the caseworker."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=StepKind.choices)
    planned_on = models.DateField(_("planned date"), null=True, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return self.title


# --- Partshøring, the decision and the citizen's evaluation (issue #11, sections 2 and 5) -------


def _hearing_upload_to(instance: models.Model, filename: str) -> str:
    return downloads.unguessable_name("cases", filename)


class CaseHearing(models.Model):
    """The partshøring of a case (forvaltningsloven § 19): the draft decision sent to the
    citizen for comments until the end of ``deadline`` (23:59 Danish time), and the citizen's
    one answer — "no comments" or a comment — which may be changed until then."""

    class Answer(models.TextChoices):
        NO_COMMENTS = "none", _("I have no comments")
        COMMENTS = "comments", _("I have comments")

    case = models.OneToOneField(CaseFile, on_delete=models.CASCADE, related_name="hearing")
    draft = models.TextField(_("draft decision"), max_length=10000)
    draft_file = models.FileField(upload_to=_hearing_upload_to, max_length=300, blank=True)
    draft_file_name = models.CharField(max_length=120, blank=True)
    draft_file_type = models.CharField(max_length=100, blank=True)
    deadline = models.DateField(_("deadline for comments"))
    sent_at = models.DateTimeField(_("sent"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices, blank=True)
    comment = models.TextField(_("your comments"), max_length=5000, blank=True)
    answer_file = models.FileField(upload_to=_hearing_upload_to, max_length=300, blank=True)
    answer_file_name = models.CharField(max_length=120, blank=True)
    answer_file_type = models.CharField(max_length=100, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("partshøring")
        verbose_name_plural = _("partshøringer")

    def __str__(self) -> str:
        return str(self.case_id)

    @property
    def ends_at(self) -> datetime.datetime:
        """The last minute for comments: 23:59 Danish time on the deadline day (summer or
        winter time alike)."""
        return datetime.datetime.combine(self.deadline, datetime.time(23, 59), tzinfo=COPENHAGEN)

    def is_open(self, moment: datetime.datetime) -> bool:
        return not deadline_passed(self.ends_at, moment)

    @property
    def answered(self) -> bool:
        return bool(self.answer)


class HearingException(models.TextChoices):
    """Forvaltningsloven § 19 stk. 2: when a decision may be made without (awaiting) the
    partshøring."""

    FULL_GRANT = "full_grant", _("The decision grants the citizen's request in full")
    OWN_INFORMATION = "own_info", _("The information came from the citizen")
    INTERESTS = "interests", _("Public or private interests outweigh the citizen's interest")
    LAW = "law", _("The law rules out a partshøring")
    URGENT = "urgent", _("Delay would harm the citizen or defeat the decision")


class CaseDecision(models.Model):
    """The decision in a case (forvaltningsloven §§ 22–25): outcome, reasons, how each of the
    citizen's inputs was used, and the complaint deadline."""

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Granted")
        PARTLY = "partly", _("Partly granted")
        REFUSED = "refused", _("Refused")

    case = models.OneToOneField(CaseFile, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"), max_length=10000)
    complaint_guidance = models.TextField(_("how to complain"), max_length=4000)
    decided_on = models.DateField(_("decision date"))
    complaint_deadline = models.DateField(_("complaint deadline"))
    hearing_exception = models.CharField(
        _("exception from partshøring"), max_length=10, choices=HearingException.choices, blank=True
    )
    hearing_exception_reason = models.TextField(max_length=2000, blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("decision in a case")
        verbose_name_plural = _("decisions in cases")

    def __str__(self) -> str:
        return str(self.case_id)


class DecisionInput(models.Model):
    """One row of "Sådan har vi brugt det, du har sagt": what the citizen said (quoted from
    where they said it) and how the caseworker used it. ``source`` names where it came from
    ("what_matters", "hearing"; later apps add their own, e.g. a message)."""

    decision = models.ForeignKey(CaseDecision, on_delete=models.CASCADE, related_name="inputs")
    source = models.CharField(max_length=20)
    said = models.TextField(_("what you said"), max_length=5000)
    used = models.TextField(_("how we used it"), max_length=4000)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.source


class CaseEvaluation(models.Model):
    """The citizen's evaluation of a decided case: three questions on a 1–5 scale.

    Anonymous by design: no link to the user or the case — only the case type, its centre and
    the month it was answered. That one citizen has answered for one case is kept apart, as the
    hash ``case_key`` (HMAC of the case's pk with the secret key), so a second answer is refused
    without a way back from an answer to its case; the primary key is random, so the order of
    the rows says nothing about which receipt belongs to which answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case_type = models.ForeignKey(CaseType, on_delete=models.PROTECT, related_name="+")
    centre = models.ForeignKey("organisation.Centre", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text=_("The first day of the month it was answered."))
    knew_influence = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    felt_heard = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    time_enough = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(max_length=2000, blank=True)

    class Meta:
        verbose_name = _("evaluation of a case")
        verbose_name_plural = _("evaluations of cases")
        # The evaluation report (``services.evaluation_summary``): for centre management and
        # administrators, given through a group in /admin/ (docs/cases.md).
        permissions = [
            (
                "view_evaluation_report",
                _("Can see the report of the citizens' evaluations of cases"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_type_id} {self.month:%Y-%m}"


class CaseEvaluationReceipt(models.Model):
    """That a case has been evaluated: a hash of the case (not its pk), no time, no answer."""

    case_key = models.CharField(max_length=64, primary_key=True)

    def __str__(self) -> str:
        return self.case_key


class CaseMessage(models.Model):
    """A message in a case, either way. A message from the case's citizen is an input
    (``is_input``): the caseworker answers it (``answer``, by whom, when), and until then it
    counts as unanswered. The content is only ever shown on the case, never e-mailed."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("message"), max_length=4000)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    is_input = models.BooleanField(_("input from the citizen"), default=False)
    answer = models.TextField(_("answer"), max_length=4000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        indexes = [models.Index(fields=["case", "is_input", "answered_at"])]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.case_id}/{self.pk}"

    @property
    def unanswered(self) -> bool:
        return self.is_input and self.answered_at is None


def _message_file_to(instance: CaseMessageFile, filename: str) -> str:
    return downloads.unguessable_name("cases", filename)


class CaseMessageFile(models.Model):
    """A document attached to a message: stored under an unguessable name, handed out only to
    the case's participants."""

    message = models.ForeignKey(CaseMessage, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=_message_file_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")

    def __str__(self) -> str:
        return self.original_name


# --- Relatives and other professionals (issue #11, section 3) ---------------------------------


class GrantLevel(models.TextChoices):
    SEE = "see", _("See the case")
    WRITE = "write", _("See and write")


class GrantBasis(models.TextChoices):
    """Why a person may see the case: the citizen's own grant on "Min sag", or a representation
    the caseworker records with its basis (where the document is journalised)."""

    CITIZEN = "citizen", _("Given by the citizen")
    FULDMAGT = "fuldmagt", _("Power of attorney (fuldmagt)")
    VAERGEMAAL = "vaergemaal", _("Guardianship (værgemål)")
    FORAELDREMYNDIGHED = "foraeldremyndighed", _("Parental authority (forældremyndighed)")


# A grant may last at most this long (the caseworker or the citizen renews it after that).
GRANT_MAX_DAYS = 5 * 365
# A representative acts for the citizen (forvaltningsloven § 8): with "see and write" they may
# also answer the partshøring. Værgemål and forældremyndighed rest on a decision or the law, so
# only the caseworker withdraws them; a fuldmagt the citizen gave may be withdrawn by the citizen.
REPRESENTATION = (GrantBasis.FULDMAGT, GrantBasis.VAERGEMAAL, GrantBasis.FORAELDREMYNDIGHED)
CITIZEN_WITHDRAWS = (GrantBasis.CITIZEN, GrantBasis.FULDMAGT)


class CaseGrantQuerySet(models.QuerySet):
    def active(self, today: datetime.date) -> CaseGrantQuerySet:
        """Not withdrawn, and ``today`` (the Danish date) is on or before the expiry."""
        return self.filter(withdrawn_at__isnull=True, expires_on__gte=today)


class CaseGrant(models.Model):
    """A person (a citizen account, not the case's citizen) may see a case — or see and write —
    until ``expires_on``, unless withdrawn. Given by the citizen on "Min sag", or recorded by the
    caseworker as a fuldmagt, værgemål or forældremyndighed with its basis. Rows are never
    deleted: the grants and withdrawals are the history the citizen is shown."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="grants")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_grants"
    )
    level = models.CharField(_("access"), max_length=8, choices=GrantLevel.choices)
    basis = models.CharField(_("basis"), max_length=20, choices=GrantBasis.choices)
    basis_note = models.CharField(_("the basis, in short"), max_length=300, blank=True)
    expires_on = models.DateField(_("access until"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CaseGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at", "-pk"]
        indexes = [models.Index(fields=["person", "withdrawn_at", "expires_on"])]
        verbose_name = _("access to a case")
        verbose_name_plural = _("access to cases")

    def __str__(self) -> str:
        return f"{self.case_id}/{self.person_id}"

    def is_active(self, today: datetime.date) -> bool:
        return self.withdrawn_at is None and today <= self.expires_on

    @property
    def may_write(self) -> bool:
        return self.level == GrantLevel.WRITE

    @property
    def represents(self) -> bool:
        """A representative (fuldmagt, værgemål, forældremyndighed) rather than a relative."""
        return self.basis in REPRESENTATION

    @property
    def citizen_may_withdraw(self) -> bool:
        return self.basis in CITIZEN_WITHDRAWS


class ProfessionalRole(models.TextChoices):
    ERGOTERAPEUT = "ergoterapeut", _("Occupational therapist (ergoterapeut)")
    FYSIOTERAPEUT = "fysioterapeut", _("Physiotherapist (fysioterapeut)")
    HJEMMEPLEJE = "hjemmepleje", _("Home care (hjemmepleje)")
    SYGEPLEJERSKE = "sygeplejerske", _("Nurse (sygeplejerske)")
    SUNDHEDSPLEJERSKE = "sundhedsplejerske", _("Health visitor (sundhedsplejerske)")
    SKOLE = "skole", _("School or day care (skole/dagtilbud)")
    PSYKOLOG = "psykolog", _("Psychologist (psykolog)")
    SOCIALRAADGIVER = "socialraadgiver", _("Social worker (socialrådgiver)")
    ANDET = "andet", _("Other")


# The parts of "Min sag" a professional sees, by role. Every role sees what the case is about,
# the caseworker, the frame, the rules and the deadline ("frame") and the steps. None sees the
# messages and their documents, the partshøring (draft, answer, files), the evaluation, who has
# seen the case or who may see it: those are between the citizen and the caseworker.
FRAME, STEPS, WHAT_MATTERS, MEETINGS, DECISION = (
    "frame",
    "steps",
    "what_matters",
    "meetings",
    "decision",
)
_HEALTH = frozenset({FRAME, STEPS, WHAT_MATTERS, MEETINGS, DECISION})
ROLE_SEES: dict[str, frozenset[str]] = {
    ProfessionalRole.ERGOTERAPEUT: _HEALTH,
    ProfessionalRole.FYSIOTERAPEUT: _HEALTH,
    ProfessionalRole.HJEMMEPLEJE: _HEALTH,
    ProfessionalRole.SYGEPLEJERSKE: _HEALTH,
    ProfessionalRole.SUNDHEDSPLEJERSKE: _HEALTH,
    ProfessionalRole.PSYKOLOG: _HEALTH,
    ProfessionalRole.SOCIALRAADGIVER: _HEALTH,
    ProfessionalRole.SKOLE: frozenset({FRAME, STEPS, WHAT_MATTERS}),
    ProfessionalRole.ANDET: frozenset({FRAME, STEPS}),
}


def discipline_covered(wanted: str, professionals) -> bool:
    """Whether one of ``professionals`` is of the discipline ``wanted`` (a case type's "second
    discipline", e.g. "Ergoterapeut", matched against the role and its name)."""
    word = wanted.strip().lower()
    return bool(word) and any(
        p.role in word or word in p.get_role_display().lower() for p in professionals
    )


class CaseProfessional(models.Model):
    """A member of staff from another discipline added to a case with a role: they see the
    parts of the case their role allows (``ROLE_SEES``), never edit it, and are not among the
    process's participants (which would let them edit)."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="professionals")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=ProfessionalRole.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["added_at", "pk"]
        indexes = [models.Index(fields=["user", "removed_at"])]
        verbose_name = _("professional in a case")
        verbose_name_plural = _("professionals in cases")

    def __str__(self) -> str:
        return f"{self.case_id}/{self.user_id} ({self.role})"

    @property
    def sees(self) -> frozenset[str]:
        return ROLE_SEES.get(self.role, frozenset())


# --- Meetings and home visits (issue #11, section 2) ---------------------------------------------


class MeetingKind(models.TextChoices):
    TOWN_HALL = "town_hall", _("Meeting at the town hall")
    HOME_VISIT = "home_visit", _("Home visit")
    VIDEO = "video", _("Video meeting")
    PHONE = "phone", _("Phone meeting")


class CaseMeeting(models.Model):
    """A meeting or home visit in a case. The caseworker proposes one to five times
    (``CaseMeetingSlot``); the citizen picks one (``booked``) or asks for another time; after the
    meeting the caseworker writes a short summary, shared with the citizen (``held``). The
    citizen's needs for the meeting are kept with it and may be changed until it starts."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Times proposed")
        BOOKED = "booked", _("Booked")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind of meeting"), max_length=12, choices=MeetingKind.choices)
    purpose = models.TextField(_("what we will talk about"), max_length=1000)
    place = models.CharField(_("address"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    attendees = models.CharField(_("who takes part from the municipality"), max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    times_proposed_at = models.DateTimeField(_("times proposed"))
    # The citizen's needs for the meeting.
    interpreter = models.BooleanField(_("interpreter"), default=False)
    interpreter_language = models.CharField(_("language"), max_length=100, blank=True)
    sign_language = models.BooleanField(_("sign-language interpreter"), default=False)
    step_free = models.BooleanField(_("step-free access"), default=False)
    companion = models.BooleanField(_("companion (bisidder)"), default=False)
    other_needs = models.TextField(_("other needs"), max_length=1000, blank=True)
    needs_at = models.DateTimeField(null=True, blank=True)
    # "None of the times suit me": the citizen's message, answered by new times.
    other_time_message = models.TextField(_("message"), max_length=2000, blank=True)
    other_time_at = models.DateTimeField(null=True, blank=True)
    booked_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(_("summary"), max_length=5000, blank=True)
    summary_at = models.DateTimeField(null=True, blank=True)
    summary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("why"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.case_id}/{self.pk}"

    @property
    def chosen(self) -> CaseMeetingSlot | None:
        """The time the citizen picked (from the prefetched slots)."""
        return next((s for s in self.slots.all() if s.chosen), None)

    @property
    def asks_for_another_time(self) -> bool:
        """The citizen has asked for another time and no new times have been proposed since."""
        return (
            self.status == self.Status.PROPOSED
            and self.other_time_at is not None
            and self.other_time_at > self.times_proposed_at
        )

    @property
    def has_needs(self) -> bool:
        return any(
            (self.interpreter, self.sign_language, self.step_free, self.companion, self.other_needs)
        )

    def has_started(self, moment: datetime.datetime) -> bool:
        chosen = self.chosen
        return chosen is not None and chosen.starts_at <= moment


class CaseMeetingSlot(models.Model):
    """A time proposed for a meeting; the one the citizen picked is ``chosen``."""

    meeting = models.ForeignKey(CaseMeeting, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    chosen = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="cases_meeting_slot_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=models.Q(chosen=True),
                name="cases_meeting_one_chosen_slot",
            ),
        ]
        verbose_name = _("proposed time")
        verbose_name_plural = _("proposed times")

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.starts_at:%Y-%m-%d %H:%M}"
