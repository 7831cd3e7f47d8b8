"""Every write of a case, with its access log entry.

``create_case`` opens a case from its type in one transaction: the process (kind "case"), its
``CaseFile``, the frame and steps copied from the type, the caseworker and the citizen as
participants, and the log entry. ``save_what_matters`` keeps the citizen's "Det vigtigste for
mig"; ``save_steps`` the caseworker's adjusted steps; ``send_message`` and ``answer_message`` the
messages both ways (the citizen is e-mailed a link, never the content); ``propose_meeting``,
``book_meeting`` and the other meeting functions the meetings and home visits.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
from dataclasses import dataclass
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import (
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from inddrag.accounts.models import User
from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.cases.models import (
    CaseDecision,
    CaseEvaluation,
    CaseEvaluationReceipt,
    CaseFile,
    CaseGrant,
    CaseHearing,
    CaseMeeting,
    CaseMeetingSlot,
    CaseMessage,
    CaseMessageFile,
    CaseProfessional,
    CaseStep,
    CaseType,
    DecisionInput,
    GrantBasis,
    HearingException,
    MeetingKind,
    StepKind,
)
from inddrag.contributions import screening
from inddrag.contributions.uploads import CheckedFile
from inddrag.idempotency import services as idempotency
from inddrag.idempotency.services import Once
from inddrag.lib.calendar import local, local_date
from inddrag.lib.formatting import meeting_time, moment
from inddrag.notifications import services as notifications
from inddrag.notifications.models import Notification
from inddrag.processes import services as process_services
from inddrag.processes.models import FrameItem, InfluenceLevel, Process, Proportionality
from inddrag.stakeholders.breadth import min_group

CREATE_SCOPE = "case:create:%s"


@dataclass(frozen=True)
class CaseData:
    """What the caseworker fills in to open a case."""

    case_type: CaseType
    citizen: User
    title: str
    summary: str = ""
    esdh_reference: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    contact_hours: str = ""


def create_case(
    data: CaseData,
    caseworker: User,
    *,
    key: str | None = None,
    today: datetime.date | None = None,
) -> Once:
    """Open a case from its type (one transaction; a repeat with the same ``key`` returns the
    case the first request created). ``Once.object_id`` is the process's pk."""
    opened_on = today or local_date(timezone.now())
    case_type = data.case_type

    def create() -> Process:
        process = Process.objects.create(
            kind=Process.Kind.CASE,
            title=data.title,
            summary=data.summary or case_type.description,
            centre_id=case_type.centre_id,
            responsible=caseworker,
            status=Process.Status.OPEN,
            # A citizen takes part in their own case (retssikkerhedsloven § 4): "involve", the
            # light way a single case needs.
            influence_level=InfluenceLevel.INVOLVE,
            proportionality=Proportionality.LIGHT,
            esdh_reference=data.esdh_reference,
        )
        process.participants.add(caseworker, data.citizen)
        case = CaseFile.objects.create(
            process=process,
            case_type=case_type,
            citizen=data.citizen,
            contact_phone=data.contact_phone,
            contact_email=data.contact_email,
            contact_hours=data.contact_hours,
            opened_on=opened_on,
            deadline=case_type.deadline(opened_on),
        )
        FrameItem.objects.bulk_create(
            FrameItem(process=process, kind=item.kind, text=item.text, reason=item.reason, order=n)
            for n, item in enumerate(case_type.frame_items.all(), start=1)
        )
        CaseStep.objects.bulk_create(
            CaseStep(
                case=case,
                title=step.title,
                kind=step.kind,
                planned_on=opened_on + datetime.timedelta(days=step.day),
                order=n,
            )
            for n, step in enumerate(case_type.steps.all(), start=1)
        )
        log_access(caseworker, process, AccessLog.Action.CHANGE, f"case opened: {case_type.name}")
        return process

    return idempotency.run_once(CREATE_SCOPE % caseworker.pk, key, create)


def save_what_matters(case: CaseFile, text: str, by: User) -> bool:
    """The citizen's "Det vigtigste for mig": who wrote it and when are kept with it. The same
    text saved again changes nothing (False)."""
    if text == case.what_matters:
        return False
    case.what_matters = text
    case.what_matters_by = by
    case.what_matters_at = timezone.now()
    case.save(update_fields=["what_matters", "what_matters_by", "what_matters_at"])
    log_access(by, case.process, AccessLog.Action.CHANGE, "what matters most to me")
    return True


@transaction.atomic
def save_steps(case: CaseFile, formset, by: User) -> bool:
    """Save the caseworker's steps (a valid formset of ``CaseStep``): changed, added and
    deleted rows in one transaction, with one log entry. Saved unchanged: nothing (False)."""
    if not formset.has_changed():
        return False
    steps = formset.save(commit=False)
    for step in formset.deleted_objects:
        step.delete()
    for step in steps:
        step.case = case
        step.save()
    log_access(by, case.process, AccessLog.Action.CHANGE, "case steps")
    return True


# --- Reading ------------------------------------------------------------------------------------


def cases_of(user: User) -> QuerySet[CaseFile]:
    """The cases a member of staff takes part in (or is responsible for, or is added to as a
    professional: ``professional_role``), with what the list "Mine sager" shows: the type, the
    citizen and the next step (subqueries, no more queries however many rows)."""
    next_step = CaseStep.objects.filter(case=OuterRef("pk"), done_on__isnull=True).order_by(
        "order", "pk"
    )
    own = Process.objects.filter(
        Q(participants=user) | Q(responsible=user), kind=Process.Kind.CASE
    ).values("pk")
    as_professional = CaseProfessional.objects.filter(user=user, removed_at__isnull=True)
    return (
        CaseFile.objects.filter(Q(process__in=own) | Q(pk__in=as_professional.values("case")))
        .select_related("process", "case_type", "citizen")
        .annotate(
            # Added as a professional (and not taking part): the role; the row links to "Min
            # sag", which shows what the role may see, not to the staff page.
            professional_role=Subquery(
                as_professional.filter(case=OuterRef("pk"))
                .exclude(case__process__in=own)
                .values("role")[:1]
            ),
            next_step_title=Subquery(next_step.values("title")[:1]),
            next_step_on=Subquery(next_step.values("planned_on")[:1]),
            unanswered=Coalesce(
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


# --- Partshøring, the decision and the evaluation (issue #11, sections 2 and 5) ----------------


class CaseRefused(Exception):
    """A write the rules do not allow now; the message is shown to the user as it is."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def case_link(case: CaseFile, anchor: str = "") -> str:
    return f"{settings.INDDRAG_BASE_URL}{reverse('cases:detail', args=[case.process_id])}{anchor}"


def _tell_citizen(case: CaseFile, kind: str, subject: str, template: str, **context) -> None:
    """An e-mail to the citizen with a link to "Min sag" only, never what the case says."""
    if not case.citizen.email:
        return
    with override(settings.LANGUAGE_CODE):
        body = render_to_string(template, {"case": case, "link": case_link(case), **context})
        notifications.queue(
            kind=kind, to=case.citizen.email, subject=str(subject), body=body, about=case.process
        )


def hearing_minimum_refusal(case: CaseFile, deadline: datetime.date, today: datetime.date) -> str:
    """Why ``deadline`` is too short for a partshøring sent ``today`` ("" when it is not)."""
    minimum = case.case_type.hearing_minimum_days
    if deadline < today + datetime.timedelta(days=minimum):
        return _(
            "The deadline must be at least %(days)d days from today (%(date)s) for a case of "
            "this type, so the citizen has time to answer."
        ) % {
            "days": minimum,
            "date": date_format(today + datetime.timedelta(days=minimum), "DATE_FORMAT"),
        }
    return ""


@transaction.atomic
def send_hearing(
    case: CaseFile,
    *,
    draft: str,
    deadline: datetime.date,
    upload: CheckedFile | None,
    by: User,
    now: datetime.datetime | None = None,
) -> CaseHearing:
    """Send the draft decision to the citizen for comments until the end of ``deadline``."""
    now = now or timezone.now()
    locked = CaseFile.objects.select_for_update().get(pk=case.pk)
    if CaseHearing.objects.filter(case=locked).exists():
        raise CaseRefused(_("The draft decision has already been sent for comments."))
    if CaseDecision.objects.filter(case=locked).exists():
        raise CaseRefused(_("The decision has already been recorded."))
    refusal = hearing_minimum_refusal(case, deadline, local_date(now))
    if refusal:
        raise CaseRefused(refusal, "deadline")
    hearing = CaseHearing(
        case=case, draft=draft.strip(), deadline=deadline, sent_at=now, sent_by=by
    )
    if upload is not None:
        hearing.draft_file.save(upload.safe_name, ContentFile(upload.data), save=False)
        hearing.draft_file_name = upload.safe_name
        hearing.draft_file_type = upload.content_type
    hearing.save()
    _tell_citizen(
        case,
        Notification.Kind.INVITATION,
        _("Your case: read the draft decision and comment"),
        "cases/email/hearing.txt",
        hearing=hearing,
    )
    log_access(by, case.process, AccessLog.Action.CHANGE, "partshøring sent")
    return hearing


@transaction.atomic
def answer_hearing(
    case: CaseFile,
    *,
    answer: str,
    comment: str,
    upload: CheckedFile | None,
    by: User,
    now: datetime.datetime | None = None,
) -> CaseHearing:
    """The citizen's one answer; a new answer replaces it until the deadline has passed."""
    now = now or timezone.now()
    hearing = CaseHearing.objects.select_for_update().filter(case=case).first()
    if hearing is None:
        raise CaseRefused(_("There is no draft decision to comment on."))
    if not hearing.is_open(now) or CaseDecision.objects.filter(case=case).exists():
        raise CaseRefused(_("The deadline for comments has passed."))
    hearing.answer = answer
    hearing.comment = comment.strip() if answer == CaseHearing.Answer.COMMENTS else ""
    old_file = hearing.answer_file.name if hearing.answer_file else ""
    if upload is not None and answer == CaseHearing.Answer.COMMENTS:
        hearing.answer_file.save(upload.safe_name, ContentFile(upload.data), save=False)
        hearing.answer_file_name = upload.safe_name
        hearing.answer_file_type = upload.content_type
    elif answer == CaseHearing.Answer.NO_COMMENTS:
        hearing.answer_file = ""
        hearing.answer_file_name = hearing.answer_file_type = ""
    hearing.answered_at = now
    hearing.save()
    if old_file and old_file != hearing.answer_file.name:
        storage = hearing.answer_file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    log_access(by, case.process, AccessLog.Action.CHANGE, "partshøring answered")
    return hearing


def due_hearing_reminders(now: datetime.datetime, days: int) -> QuerySet[CaseHearing]:
    """Open partshøringer not answered nor reminded whose deadline is at most ``days`` away."""
    today = local_date(now)
    return CaseHearing.objects.filter(
        reminded_at__isnull=True,
        answer="",
        deadline__gte=today,
        deadline__lte=today + datetime.timedelta(days=days),
        case__decision__isnull=True,
    ).select_related("case__citizen", "case__process")


def send_case_reminders(now: datetime.datetime | None = None, days: int | None = None) -> int:
    """Remind each citizen once of an unanswered partshøring near its deadline."""
    now = now or timezone.now()
    days = settings.INDDRAG_CASE_HEARING_REMINDER_DAYS if days is None else days
    count = 0
    for hearing in due_hearing_reminders(now, days):
        if not hearing.is_open(now):
            continue
        with transaction.atomic():
            claimed = CaseHearing.objects.filter(pk=hearing.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                continue
            _tell_citizen(
                hearing.case,
                Notification.Kind.REMINDER,
                _("Reminder: the deadline for comments in your case is near"),
                "cases/email/hearing_reminder.txt",
                hearing=hearing,
            )
            count += 1
    return count


def complaint_deadline(decided_on: datetime.date) -> datetime.date:
    return decided_on + datetime.timedelta(weeks=settings.INDDRAG_CASE_COMPLAINT_WEEKS)


def decision_inputs(case: CaseFile) -> list[dict]:
    """What the citizen has said, for "Sådan har vi brugt det, du har sagt": one row per input
    (``source``, ``said``) — "Det vigtigste for mig", the partshøring comment and each message
    that is an input ("message:<pk>"), oldest first (two queries)."""
    rows = []
    if case.what_matters.strip():
        rows.append({"source": "what_matters", "said": case.what_matters})
    hearing = CaseHearing.objects.filter(case=case).first()
    if hearing is not None and hearing.answer == CaseHearing.Answer.COMMENTS:
        rows.append({"source": "hearing", "said": hearing.comment})
    for pk, text in (
        CaseMessage.objects.filter(case=case, is_input=True)
        .order_by("sent_at", "pk")
        .values_list("pk", "text")
    ):
        rows.append({"source": f"message:{pk}", "said": text})
    return rows


@dataclass(frozen=True)
class CaseDecisionData:
    outcome: str
    reasons: str
    complaint_guidance: str
    inputs: list[tuple[str, str, str]]  # (source, what the citizen said, how it was used)
    exception: str = ""
    exception_reason: str = ""


def case_decision_refusal(
    case: CaseFile, data: CaseDecisionData, now: datetime.datetime
) -> tuple[str, str | None]:
    """Why the decision cannot be recorded now and the field it concerns, or ("", None).

    Forvaltningsloven § 19: a decision is recorded after the partshøring's deadline or once the
    citizen has answered — before that, or with no partshøring at all (unless the request is
    granted in full), only with one of the exceptions of § 19 stk. 2 and its reason."""
    if CaseDecision.objects.filter(case=case).exists():
        return _("The decision has already been recorded."), None
    granted = data.outcome == CaseDecision.Outcome.GRANTED
    if data.exception == HearingException.FULL_GRANT and not granted:
        return _("That exception applies only when the request is granted in full."), "exception"
    if data.exception and not data.exception_reason.strip():
        return _("Explain why the exception applies in this case."), "exception_reason"
    missing = _inputs_not_addressed(case, data)
    if missing:
        return missing, "inputs"
    hearing = CaseHearing.objects.filter(case=case).first()
    if data.exception or data.outcome == CaseDecision.Outcome.GRANTED:
        return "", None
    if hearing is None:
        return (
            _(
                "The citizen has not had the draft decision for comments (partshøring). Send "
                "it first, or choose the exception that applies and explain why."
            ),
            "exception",
        )
    if hearing.is_open(now) and not hearing.answered:
        return (
            _(
                "The citizen can comment on the draft decision until %(end)s and has not "
                "answered yet. Wait for the answer or the deadline, or choose the exception "
                "that applies and explain why."
            )
            % {"end": moment(hearing.ends_at)},
            "exception",
        )
    return "", None


def _inputs_not_addressed(case: CaseFile, data: CaseDecisionData) -> str:
    """Principle 2, a blocker: the decision says how each of the citizen's inputs was used —
    one row per input, none left out, none made up (an input that arrived after the page was
    opened is named, so the caseworker reads it first)."""
    expected = {row["source"] for row in decision_inputs(case)}
    given = [source for source, _said, used in data.inputs if used.strip()]
    if sorted(given) == sorted(expected):
        return ""
    if expected - set(given):
        return _(
            "The citizen has said something the decision does not yet address (it may have "
            "arrived while you wrote). Say how you used each of the citizen's inputs below."
        )
    return _("The list of the citizen's inputs has changed. Open the page again.")


@transaction.atomic
def record_case_decision(
    case: CaseFile, data: CaseDecisionData, by: User, now: datetime.datetime | None = None
) -> CaseDecision:
    """Record the decision: the case's process becomes "decided", the decision step done, the
    citizen told by e-mail (a link only)."""
    now = now or timezone.now()
    process = Process.objects.select_for_update().get(pk=case.process_id)
    refusal, field = case_decision_refusal(case, data, now)
    if refusal:
        raise CaseRefused(refusal, field)
    today = local_date(now)
    exception = data.exception
    if not exception and data.outcome == CaseDecision.Outcome.GRANTED:
        hearing_sent = CaseHearing.objects.filter(case=case).exists()
        exception = "" if hearing_sent else HearingException.FULL_GRANT
    decision = CaseDecision.objects.create(
        case=case,
        outcome=data.outcome,
        reasons=data.reasons.strip(),
        complaint_guidance=data.complaint_guidance.strip(),
        decided_on=today,
        complaint_deadline=complaint_deadline(today),
        hearing_exception=exception,
        hearing_exception_reason=data.exception_reason.strip() if data.exception else "",
        recorded_at=now,
        recorded_by=by,
    )
    said_by_source = {row["source"]: row["said"] for row in decision_inputs(case)}
    DecisionInput.objects.bulk_create(
        DecisionInput(
            decision=decision,
            source=source,
            said=said_by_source.get(source, said),
            used=used.strip(),
            order=n,
        )
        for n, (source, said, used) in enumerate(data.inputs, start=1)
    )
    CaseStep.objects.filter(
        case=case, kind__in=(StepKind.DECISION, StepKind.HEARING), done_on__isnull=True
    ).update(done_on=today)
    for status in (Process.Status.PROCESSING, Process.Status.DECIDED):
        if process.can_transition_to(status):
            process_services.change_status(process, status, by, now)
    _tell_citizen(
        case,
        Notification.Kind.DECISION,
        _("Your case: the decision has been made"),
        "cases/email/decision.txt",
        decision=decision,
    )
    log_access(by, process, AccessLog.Action.CHANGE, f"decision recorded: {data.outcome}")
    return decision


def _evaluation_key(case: CaseFile) -> str:
    return salted_hmac("inddrag.cases.evaluation", str(case.pk)).hexdigest()


def has_evaluated(case: CaseFile) -> bool:
    return CaseEvaluationReceipt.objects.filter(case_key=_evaluation_key(case)).exists()


@dataclass(frozen=True)
class EvaluationData:
    knew_influence: int
    felt_heard: int
    time_enough: int
    comment: str = ""


def evaluate(case: CaseFile, data: EvaluationData, now: datetime.datetime | None = None) -> None:
    """Store the citizen's evaluation without the citizen or the case: the case type, its
    centre and the month only. Once per case (a receipt keyed by a hash of the case). Not
    logged: a log entry would tie the answer to the citizen by its time."""
    now = now or timezone.now()
    if not CaseDecision.objects.filter(case=case).exists():
        raise CaseRefused(_("You can evaluate the case once the decision has been made."))
    try:
        with transaction.atomic():
            CaseEvaluationReceipt.objects.create(case_key=_evaluation_key(case))
            CaseEvaluation.objects.create(
                case_type_id=case.case_type_id,
                centre_id=case.case_type.centre_id,
                month=local_date(now).replace(day=1),
                knew_influence=data.knew_influence,
                felt_heard=data.felt_heard,
                time_enough=data.time_enough,
                comment=data.comment.strip(),
            )
    except IntegrityError:
        raise CaseRefused(_("You have already evaluated this case. Thank you.")) from None


# --- The evaluation report (issue #11, section 5; read again by the evaluation issue, #13) ------

# The three questions of ``CaseEvaluation``, in the order the citizen answers them.
EVALUATION_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("knew_influence", gettext_lazy("Knew what they could influence")),
    ("felt_heard", gettext_lazy("Felt heard")),
    ("time_enough", gettext_lazy("Had time enough")),
)
SCALE = (1, 2, 3, 4, 5)


def evaluation_threshold() -> int:
    """The privacy threshold: the same as the breadth page's (``stakeholders.breadth``)."""
    return min_group()


def add_months(month: datetime.date, n: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def last_complete_month(today: datetime.date) -> datetime.date:
    """The report ends with the month before this one: a month still being answered would let
    two looks at the report a day apart show one new answer by their difference."""
    return add_months(today.replace(day=1), -1)


@dataclass(frozen=True)
class QuestionFigures:
    key: str
    label: str
    distribution: tuple[int, ...]  # how many answered 1, 2, 3, 4, 5
    answers: int

    @property
    def mean(self) -> float:
        return sum(v * n for v, n in zip(SCALE, self.distribution, strict=True)) / self.answers

    @property
    def high_share(self) -> float:
        """% answering 4 or 5."""
        return 100 * (self.distribution[3] + self.distribution[4]) / self.answers

    def shares(self) -> list[float]:
        return [100 * n / self.answers for n in self.distribution]


@dataclass(frozen=True)
class EvaluationGroup:
    """One row of the report: a case type, a centre, a month or all of the selection. When
    ``shown`` is False nothing of it may be shown but ``hidden`` (why): "few" — fewer answers
    than the threshold; "few_each" — only cells (a case type in a month) under it."""

    key: str
    label: str
    answers: int  # counted answers (from cells at or over the threshold); 0 when not shown
    questions: tuple[QuestionFigures, ...] = ()
    hidden: str = ""  # "", "none", "few" or "few_each"

    @property
    def shown(self) -> bool:
        return self.answers > 0


@dataclass(frozen=True)
class CommentGroup:
    label: str
    comments: tuple[str, ...]  # screened, none with personal data found
    held_back: int  # comments left out because the screening found something


@dataclass(frozen=True)
class EvaluationSummary:
    threshold: int
    first_month: datetime.date
    last_month: datetime.date
    total: EvaluationGroup
    by_case_type: tuple[EvaluationGroup, ...]
    by_centre: tuple[EvaluationGroup, ...]
    by_month: tuple[EvaluationGroup, ...]
    comments: tuple[CommentGroup, ...]
    left_out_cells: int  # cells (a case type, its centre, a month) with 1 … threshold-1 answers


def distribution_counts() -> dict:
    """How many answered each value of each question: for any model with the three questions
    (the projects' evaluations, ``contributions.ProjectEvaluation``, are counted the same way)."""
    return {
        f"{key}_{value}": Count("pk", filter=Q(**{key: value}))
        for key, _label in EVALUATION_QUESTIONS
        for value in SCALE
    }


def evaluation_group(key: str, label: str, cells: list[dict], threshold: int) -> EvaluationGroup:
    """A row from the cells it is made of: only cells with at least ``threshold`` answers are
    counted, so every figure shown is a sum of whole cells each at or over the threshold."""
    raw = sum(c["n"] for c in cells)
    counted = [c for c in cells if c["n"] >= threshold]
    answers = sum(c["n"] for c in counted)
    if not answers:
        hidden = "none" if not raw else "few" if raw < threshold else "few_each"
        return EvaluationGroup(key, label, 0, (), hidden)
    questions = tuple(
        QuestionFigures(
            question,
            str(question_label),
            tuple(sum(c[f"{question}_{v}"] for c in counted) for v in SCALE),
            answers,
        )
        for question, question_label in EVALUATION_QUESTIONS
    )
    return EvaluationGroup(key, label, answers, questions)


def evaluation_summary(
    first_month: datetime.date,
    last_month: datetime.date,
    *,
    centre_id: int | None = None,
    case_type_id: int | None = None,
    with_comments: bool = True,
    today: datetime.date | None = None,
) -> EvaluationSummary:
    """The citizens' evaluations of cases from ``first_month`` to ``last_month`` (whole months,
    never past the last complete one), in all and per case type, per centre and per month, with
    the comments per case type (unless ``with_comments`` is False) — as plain data, two queries
    however many evaluations (one without the comments).

    Privacy: a cell is one case type (with its centre) in one month — the finest thing any
    filter can select. A cell with fewer answers than the threshold is counted nowhere, and a row
    is shown only from its counted answers. So every figure is a sum of whole cells each with at
    least the threshold, and the difference between any two figures (two filters, two rows, a
    row and the total) is such a sum too, or a mix of cells, never fewer than the threshold
    answers of one cell. Comments only from counted cells, each screened for personal data."""
    threshold = evaluation_threshold()
    today = today or local_date(timezone.now())
    first_month = first_month.replace(day=1)
    last_month = min(last_month.replace(day=1), last_complete_month(today))
    rows = CaseEvaluation.objects.filter(month__gte=first_month, month__lte=last_month)
    if centre_id is not None:
        rows = rows.filter(centre_id=centre_id)
    if case_type_id is not None:
        rows = rows.filter(case_type_id=case_type_id)
    cells = list(
        rows.order_by()
        .values("case_type_id", "case_type__name", "centre_id", "centre__name", "month")
        .annotate(n=Count("pk"), **distribution_counts())
    )
    counted = {
        (c["case_type_id"], c["centre_id"], c["month"]) for c in cells if c["n"] >= threshold
    }

    def by(field: str, name: str) -> tuple[EvaluationGroup, ...]:
        keys = sorted({(c[name], c[field]) for c in cells}, key=lambda k: (k[0].lower(), k[1]))
        return tuple(
            evaluation_group(str(pk), label, [c for c in cells if c[field] == pk], threshold)
            for label, pk in keys
        )

    months = []
    month = first_month
    while month <= last_month:
        months.append(month)
        month = add_months(month, 1)
    by_month = tuple(
        evaluation_group(
            m.isoformat(),
            date_format(m, "YEAR_MONTH_FORMAT"),
            [c for c in cells if c["month"] == m],
            threshold,
        )
        for m in months
    )
    by_case_type = by("case_type_id", "case_type__name")
    comments = (
        _screened_comments(rows, counted, {g.key: g.label for g in by_case_type})
        if with_comments
        else ()
    )
    return EvaluationSummary(
        threshold=threshold,
        first_month=first_month,
        last_month=last_month,
        total=evaluation_group("all", str(_("All in the selection")), cells, threshold),
        by_case_type=by_case_type,
        by_centre=by("centre_id", "centre__name"),
        by_month=by_month,
        comments=comments,
        left_out_cells=sum(1 for c in cells if 0 < c["n"] < threshold),
    )


def _screened_comments(
    rows: QuerySet[CaseEvaluation], counted: set[tuple], type_labels: dict[str, str]
) -> tuple[CommentGroup, ...]:
    """The comments of the counted cells per case type (one query), each through the personal
    data screening of contributions; what it finds something in is held back and counted."""
    found = (
        rows.exclude(comment="")
        .order_by("case_type_id", "-month", "id")
        .values_list("case_type_id", "centre_id", "month", "comment")
    )
    groups: dict[str, tuple[list[str], list[int]]] = {}
    for type_id, centre_id, month, comment in found:
        if (type_id, centre_id, month) not in counted:
            continue
        shown, held = groups.setdefault(str(type_id), ([], [0]))
        if screening.scan(comment):
            held[0] += 1
        else:
            shown.append(comment)
    return tuple(
        CommentGroup(type_labels[key], tuple(shown), held[0])
        for key, (shown, held) in sorted(groups.items(), key=lambda g: type_labels[g[0]].lower())
    )


def _csv_cell(value: object) -> str:
    """A cell as text; one that a spreadsheet would read as a formula gets a leading "'"."""
    text = str(value)
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")  # Danish Excel reads a comma


def evaluation_csv(summary: EvaluationSummary) -> bytes:
    """The report's figures (not its comments) as semicolon-separated UTF-8 with a byte order
    mark, as Danish Excel expects: one row per group, the same rows and the same rule as the
    page — a group not shown there has no figures here, only why."""
    header = [_("Grouped by"), _("Group"), _("Answers")]
    mean, high = _("mean"), _("per cent answering 4–5")
    for _key, label in EVALUATION_QUESTIONS:
        answered = [_("answered %(value)d") % {"value": v} for v in SCALE]
        header += [f"{label}: {column}" for column in (mean, high, *answered)]
    header.append(_("Not shown"))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    sections = (
        (_("All"), (summary.total,)),
        (_("Case type"), summary.by_case_type),
        (_("Centre"), summary.by_centre),
        (_("Month"), summary.by_month),
    )
    for section, groups in sections:
        for group in groups:
            row = [_csv_cell(section), _csv_cell(group.label)]
            if group.shown:
                row.append(str(group.answers))
                for q in group.questions:
                    row += [_decimal(q.mean), _decimal(q.high_share), *map(str, q.distribution)]
                row.append("")
            else:
                row += [""] * (1 + 7 * len(EVALUATION_QUESTIONS))
                row.append(hidden_reason(group, summary.threshold))
            writer.writerow(row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def hidden_reason(group: EvaluationGroup, threshold: int) -> str:
    """Why a group of the report is not shown, in words."""
    if group.hidden == "few":
        return _("Fewer than %(n)d answers — not shown to protect the individual") % {
            "n": threshold
        }
    if group.hidden == "few_each":
        return _(
            "Fewer than %(n)d answers for each case type and month — not shown to protect the "
            "individual"
        ) % {"n": threshold}
    if group.hidden == "none":
        return _("No answers")
    return ""


# --- Messages -----------------------------------------------------------------------------------

MESSAGE_SCOPE = "case:message:%d:%d"  # per case and author


def _fingerprint(text: str, files: list[CheckedFile]) -> str:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
    for checked in files:
        digest.update(b"\0" + checked.safe_name.encode() + b"\0")
        digest.update(hashlib.sha256(checked.data).digest())
    return digest.hexdigest()


def send_message(
    case: CaseFile,
    author: User,
    text: str,
    files: list[CheckedFile] = (),
    *,
    key: str | None = None,
    is_input: bool | None = None,
) -> Once:
    """Save a message with its documents in one transaction (a repeat with the same ``key``
    returns the first message). From the case's citizen it is an input for the caseworker to
    answer; from anyone else the citizen is e-mailed a link to the case."""
    files = list(files)
    stored: list[CaseMessageFile] = []

    def create() -> CaseMessage:
        message = CaseMessage.objects.create(
            case=case,
            author=author,
            text=text,
            is_input=author.pk == case.citizen_id if is_input is None else is_input,
        )
        for checked in files:
            document = CaseMessageFile(
                message=message,
                original_name=checked.safe_name,
                content_type=checked.content_type,
                size=len(checked.data),
            )
            document.file.save(checked.safe_name, ContentFile(checked.data), save=False)
            stored.append(document)
            document.save()
        log_access(author, case.process, AccessLog.Action.CHANGE, f"message {message.pk}")
        if not message.is_input:
            _notify_citizen(case, message, _("New message in your case"))
        return message

    try:
        return idempotency.run_once(
            MESSAGE_SCOPE % (case.pk, author.pk), key, create, fingerprint=_fingerprint(text, files)
        )
    except Exception:
        for document in stored:
            document.file.delete(save=False)
        raise


@transaction.atomic
def answer_message(message: CaseMessage, text: str, by: User) -> None:
    """The caseworker's answer to an input (a later answer replaces it); the citizen is e-mailed
    a link to the case."""
    message.answer = text
    message.answered_by = by
    message.answered_at = timezone.now()
    message.save(update_fields=["answer", "answered_by", "answered_at"])
    log_access(by, message.case.process, AccessLog.Action.CHANGE, f"answer to message {message.pk}")
    _notify_citizen(message.case, message, _("Your caseworker has answered you"))


def _notify_citizen(case: CaseFile, message: CaseMessage, subject: str) -> Notification | None:
    """A link to "Min sag" only: what was written stays on the case (the e-mail may be read by
    others and is kept in the outbox)."""
    address = case.citizen.email
    if not address:
        return None
    with override(settings.LANGUAGE_CODE):
        link = settings.INDDRAG_BASE_URL.rstrip("/") + reverse(
            "cases:detail", args=[case.process_id]
        )
        return notifications.queue(
            about=message,
            kind=Notification.Kind.ANSWER,
            to=address,
            subject=str(subject),
            body=render_to_string(
                "cases/email/message.txt",
                {"citizen": case.citizen, "link": link + "#beskeder"},
            ),
        )


def messages_of(case: CaseFile) -> list[CaseMessage]:
    """The case's messages, oldest first, with their authors and documents (two queries)."""
    return list(
        CaseMessage.objects.filter(case=case)
        .select_related("author", "answered_by")
        .prefetch_related(Prefetch("files", queryset=CaseMessageFile.objects.order_by("pk")))
        .order_by("sent_at", "pk")
    )


SEEN_BY_ROWS = 50


def seen_by_staff(process: Process) -> list[dict]:
    """ "Hvem har set min sag": the staff who have opened the case, the one seen last first —
    name, job title, how many times, first and last time (one query on the access log, at most
    ``SEEN_BY_ROWS`` people)."""
    rows = (
        AccessLog.objects.filter(
            object_type=Process._meta.label_lower,
            object_id=process.pk,
            action=AccessLog.Action.VIEW,
            user__role=User.Role.STAFF,
        )
        .values("user_id", "user__first_name", "user__last_name", "user__username", "user__title")
        .annotate(views=Count("pk"), first=Min("at"), last=Max("at"))
        .order_by("-last", "user_id")[:SEEN_BY_ROWS]
    )
    return [
        {
            "name": " ".join(n for n in (r["user__first_name"], r["user__last_name"]) if n)
            or r["user__username"],
            "title": r["user__title"],
            "views": r["views"],
            "first": r["first"],
            "last": r["last"],
        }
        for r in rows
    ]


# --- Relatives, representatives and professionals (issue #11, section 3) ------------------------

GRANT_SCOPE = "case:grant:%d:%d"  # per case and the one who grants
PROFESSIONAL_SCOPE = "case:professional:%d:%d"


def case_viewers(user: User) -> Q:
    """The cases ``user`` may see without taking part (a ``Q`` on ``Process``, registered with
    ``processes.access``): an active grant (not withdrawn, not expired by the Danish date), or
    being added as a professional and not removed."""
    today = local_date(timezone.now())
    granted = CaseGrant.objects.active(today).filter(person=user).values("case__process")
    added = CaseProfessional.objects.filter(user=user, removed_at__isnull=True).values(
        "case__process"
    )
    return Q(pk__in=granted) | Q(pk__in=added)


@dataclass(frozen=True)
class Viewer:
    """Who is looking at a case's page, and what that lets them see and do.

    ``kind``: "citizen" (the case's own), "participant" (the caseworker and others taking part:
    everything, writing only on the staff pages), "relative" (an active grant: everything the
    citizen sees but the evaluation and who may see the case), "professional" (the parts of their
    role, ``ROLE_SEES``)."""

    kind: str
    grant: CaseGrant | None = None
    professional: CaseProfessional | None = None

    def sees(self, part: str) -> bool:
        if self.professional is not None:
            return part in self.professional.sees
        return True

    @property
    def is_citizen(self) -> bool:
        return self.kind == "citizen"

    @property
    def may_write(self) -> bool:
        """ "Det vigtigste for mig" and messages: the citizen, a relative with "see and write"."""
        return self.is_citizen or (self.grant is not None and self.grant.may_write)

    @property
    def may_answer_hearing(self) -> bool:
        """The partshøring: the citizen, or a representative (fuldmagt, værgemål,
        forældremyndighed) with "see and write" (forvaltningsloven § 8)."""
        return self.is_citizen or (
            self.grant is not None and self.grant.may_write and self.grant.represents
        )

    @property
    def sees_messages(self) -> bool:
        return self.professional is None


def viewer_of(case: CaseFile, user: User, today: datetime.date | None = None) -> Viewer | None:
    """How ``user`` sees ``case`` (None: not at all). At most three small queries."""
    if not getattr(user, "is_authenticated", False):
        return None
    if case.citizen_id == user.pk:
        return Viewer("citizen")
    process = case.process
    if process.responsible_id == user.pk or process.participants.filter(pk=user.pk).exists():
        return Viewer("participant")
    today = today or local_date(timezone.now())
    grant = CaseGrant.objects.active(today).filter(case=case, person=user).order_by("-pk").first()
    if grant is not None:
        return Viewer("relative", grant=grant)
    professional = (
        CaseProfessional.objects.filter(case=case, user=user, removed_at__isnull=True)
        .order_by("-pk")
        .first()
    )
    if professional is not None:
        return Viewer("professional", professional=professional)
    return None


def grants_of(case: CaseFile) -> list[CaseGrant]:
    """Every grant of the case, active, expired and withdrawn, newest first (one query)."""
    return list(
        CaseGrant.objects.filter(case=case)
        .select_related("person", "granted_by", "withdrawn_by")
        .order_by("-granted_at", "-pk")
    )


def professionals_of(case: CaseFile, *, removed: bool = False) -> list[CaseProfessional]:
    """The professionals added to the case and not removed (``removed``: all), one query."""
    rows = CaseProfessional.objects.filter(case=case).select_related("user", "added_by")
    if not removed:
        rows = rows.filter(removed_at__isnull=True)
    return list(rows.order_by("added_at", "pk"))


@dataclass(frozen=True)
class GrantData:
    person: User
    level: str
    expires_on: datetime.date
    basis: str = GrantBasis.CITIZEN
    basis_note: str = ""


def _tell_person(grant: CaseGrant) -> None:
    """An e-mail to the one given access: a link to the case only, never what it says."""
    person = grant.person
    if not person.email:
        return
    with override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "cases/email/grant.txt", {"grant": grant, "link": case_link(grant.case)}
        )
        notifications.queue(
            kind=Notification.Kind.INVITATION,
            to=person.email,
            subject=str(_("You have been given access to a case")),
            body=body,
            about=grant,
        )


def grant_access(case: CaseFile, data: GrantData, by: User, *, key: str | None = None) -> Once:
    """Give ``data.person`` access to the case until the end of ``data.expires_on``; logged,
    and the person is e-mailed a link. A person has at most one active grant per case: a second
    is refused (``CaseRefused``) — withdraw the first to change it. A repeat with the same
    ``key`` returns the first grant."""
    if data.person.pk == case.citizen_id:
        raise CaseRefused(_("It is your own case: you can already see it."), "person")

    def create() -> CaseGrant:
        CaseFile.objects.select_for_update().filter(pk=case.pk).first()  # one grant at a time
        today = local_date(timezone.now())
        current = CaseGrant.objects.active(today).filter(case=case, person=data.person).first()
        if current is not None:
            raise CaseRefused(
                _(
                    "%(name)s already has access until %(date)s. Withdraw that access first "
                    "if you want to change it."
                )
                % {
                    "name": data.person.display_name,
                    "date": date_format(current.expires_on, "DATE_FORMAT"),
                },
                "person",
            )
        grant = CaseGrant.objects.create(
            case=case,
            person=data.person,
            level=data.level,
            basis=data.basis,
            basis_note=data.basis_note.strip(),
            expires_on=data.expires_on,
            granted_by=by,
        )
        log_access(
            by,
            case.process,
            AccessLog.Action.CHANGE,
            f"access granted {grant.pk}: {data.basis}, {data.level}, until {data.expires_on}",
        )
        _tell_person(grant)
        return grant

    return idempotency.run_once(GRANT_SCOPE % (case.pk, by.pk), key, create)


@transaction.atomic
def withdraw_grant(grant: CaseGrant, by: User) -> bool:
    """Withdraw a grant (at once: the next request of its holder is a 404); logged. Already
    withdrawn: nothing (False)."""
    done = CaseGrant.objects.filter(pk=grant.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=by
    )
    if done:
        log_access(by, grant.case.process, AccessLog.Action.CHANGE, f"access withdrawn {grant.pk}")
    return bool(done)


def add_professional(
    case: CaseFile, user: User, role: str, by: User, *, key: str | None = None
) -> Once:
    """Add a member of staff from another discipline with a role (they see what the role
    allows, never edit); logged. Already added and not removed: refused."""

    def create() -> CaseProfessional:
        CaseFile.objects.select_for_update().filter(pk=case.pk).first()
        if CaseProfessional.objects.filter(case=case, user=user, removed_at__isnull=True).exists():
            raise CaseRefused(
                _("%(name)s is already added to the case.") % {"name": user.display_name},
                "user",
            )
        professional = CaseProfessional.objects.create(case=case, user=user, role=role, added_by=by)
        log_access(
            by,
            case.process,
            AccessLog.Action.CHANGE,
            f"professional added {professional.pk}: {role}",
        )
        return professional

    return idempotency.run_once(PROFESSIONAL_SCOPE % (case.pk, by.pk), key, create)


@transaction.atomic
def remove_professional(professional: CaseProfessional, by: User) -> bool:
    done = CaseProfessional.objects.filter(pk=professional.pk, removed_at__isnull=True).update(
        removed_at=timezone.now(), removed_by=by
    )
    if done:
        log_access(
            by,
            professional.case.process,
            AccessLog.Action.CHANGE,
            f"professional removed {professional.pk}",
        )
    return bool(done)


def record_companion(case: CaseFile, asked_on: datetime.date | None, answer: str, by: User) -> bool:
    """That the caseworker asked the citizen about a relative or companion, and the answer.
    Unchanged: nothing (False)."""
    if (case.companion_asked_on, case.companion_answer) == (asked_on, answer):
        return False
    case.companion_asked_on, case.companion_answer = asked_on, answer
    case.save(update_fields=["companion_asked_on", "companion_answer"])
    log_access(by, case.process, AccessLog.Action.CHANGE, f"companion asked: {answer or '-'}")
    return True


# --- Meetings and home visits -------------------------------------------------------------------

MEETING_SCOPE = "case:meeting:%d"  # per case
MAX_SLOTS = 5


@dataclass(frozen=True)
class MeetingData:
    """What the caseworker fills in to propose a meeting: one to five times."""

    kind: str
    purpose: str
    attendees: str
    slots: list[tuple[datetime.datetime, datetime.datetime]]
    place: str = ""
    video_link: str = ""


@dataclass(frozen=True)
class MeetingNeeds:
    """What the citizen needs at the meeting."""

    interpreter: bool = False
    interpreter_language: str = ""
    sign_language: bool = False
    step_free: bool = False
    companion: bool = False
    other_needs: str = ""


NEEDS_FIELDS = (
    "interpreter",
    "interpreter_language",
    "sign_language",
    "step_free",
    "companion",
    "other_needs",
)


def _check_slots(
    slots: list[tuple[datetime.datetime, datetime.datetime]], now: datetime.datetime
) -> None:
    """The rules the form shows next to each field, kept here too for every other caller."""
    if not 1 <= len(slots) <= MAX_SLOTS:
        raise CaseRefused(_("Propose between 1 and 5 times."))
    for starts_at, ends_at in slots:
        if ends_at <= starts_at:
            raise CaseRefused(_("The end must be after the start."))
        if starts_at <= now:
            raise CaseRefused(_("This time has passed. Choose a time still to come."))


def _add_slots(
    meeting: CaseMeeting, slots: list[tuple[datetime.datetime, datetime.datetime]]
) -> None:
    CaseMeetingSlot.objects.bulk_create(
        CaseMeetingSlot(meeting=meeting, starts_at=starts_at, ends_at=ends_at)
        for starts_at, ends_at in sorted(slots)
    )


def _tell_about_meeting(case: CaseFile, kind: str, subject: str, what: str) -> None:
    """An e-mail to the citizen with a link to "Min sag" only: never the time, the place or
    what the meeting is about."""
    _tell_citizen(case, kind, subject, "cases/email/meeting.txt", what=what)


def propose_meeting(
    case: CaseFile,
    data: MeetingData,
    by: User,
    *,
    key: str | None = None,
    now: datetime.datetime | None = None,
) -> Once:
    """Propose a meeting with one to five times (a repeat with the same ``key`` returns the
    first meeting); the citizen is e-mailed a link to choose a time."""
    now = now or timezone.now()
    _check_slots(data.slots, now)

    def create() -> CaseMeeting:
        meeting = CaseMeeting.objects.create(
            case=case,
            kind=data.kind,
            purpose=data.purpose.strip(),
            place=data.place.strip(),
            video_link=data.video_link.strip(),
            attendees=data.attendees.strip(),
            times_proposed_at=now,
            created_at=now,
            created_by=by,
        )
        _add_slots(meeting, data.slots)
        _tell_about_meeting(
            case, Notification.Kind.INVITATION, _("Your case: choose a time for a meeting"), "new"
        )
        log_access(by, case.process, AccessLog.Action.CHANGE, f"meeting {meeting.pk} proposed")
        return meeting

    return idempotency.run_once(MEETING_SCOPE % case.pk, key, create)


def _locked(meeting: CaseMeeting) -> CaseMeeting:
    """The meeting as it is now, locked until the transaction ends (another tab, another
    request), with its slots."""
    locked = CaseMeeting.objects.select_for_update().get(pk=meeting.pk)
    locked.case = meeting.case
    return locked


def _refuse_unless_proposed(meeting: CaseMeeting) -> None:
    if meeting.status == CaseMeeting.Status.CANCELLED:
        raise CaseRefused(_("The meeting has been cancelled. Nothing was changed."))
    if meeting.status == CaseMeeting.Status.HELD:
        raise CaseRefused(_("The meeting has been held. Nothing was changed."))
    if meeting.status == CaseMeeting.Status.BOOKED:
        chosen = meeting.slots.filter(chosen=True).first()
        raise CaseRefused(
            _("A time has already been chosen for this meeting: %(time)s. Nothing was changed.")
            % {"time": meeting_time(chosen.starts_at, chosen.ends_at) if chosen else ""}
        )


@transaction.atomic
def propose_new_times(
    meeting: CaseMeeting,
    slots: list[tuple[datetime.datetime, datetime.datetime]],
    by: User,
    now: datetime.datetime | None = None,
) -> None:
    """New times for a meeting no time has been chosen for (e.g. when the citizen asked for
    another time): they replace the old ones, and the citizen is e-mailed a link."""
    now = now or timezone.now()
    meeting = _locked(meeting)
    _refuse_unless_proposed(meeting)
    _check_slots(slots, now)
    meeting.slots.all().delete()
    _add_slots(meeting, slots)
    meeting.times_proposed_at = now
    meeting.save(update_fields=["times_proposed_at"])
    _tell_about_meeting(
        meeting.case,
        Notification.Kind.INVITATION,
        _("Your case: new times for a meeting"),
        "times",
    )
    log_access(by, meeting.case.process, AccessLog.Action.CHANGE, f"meeting {meeting.pk} times")


def _set_needs(meeting: CaseMeeting, needs: MeetingNeeds, now: datetime.datetime) -> bool:
    """Copy the needs onto the meeting; False when nothing changed."""
    values = {
        "interpreter": needs.interpreter,
        "interpreter_language": needs.interpreter_language.strip() if needs.interpreter else "",
        "sign_language": needs.sign_language,
        "step_free": needs.step_free,
        "companion": needs.companion,
        "other_needs": needs.other_needs.strip(),
    }
    if all(getattr(meeting, name) == value for name, value in values.items()):
        return False
    for name, value in values.items():
        setattr(meeting, name, value)
    meeting.needs_at = now
    return True


@transaction.atomic
def book_meeting(
    meeting: CaseMeeting,
    slot_pk: int,
    needs: MeetingNeeds,
    by: User,
    now: datetime.datetime | None = None,
) -> bool:
    """The citizen picks one of the proposed times, with their needs. The same time picked
    again (a double submit, a second tab) books nothing more (False); a cancelled meeting, one
    already booked for another time, a time no longer offered or passed is refused."""
    now = now or timezone.now()
    meeting = _locked(meeting)
    slot = meeting.slots.filter(pk=slot_pk).first()
    if meeting.status == CaseMeeting.Status.BOOKED and slot is not None and slot.chosen:
        return False
    _refuse_unless_proposed(meeting)
    if slot is None:
        raise CaseRefused(
            _("That time is no longer offered. Choose one of the times shown. Nothing was changed.")
        )
    if slot.starts_at <= now:
        raise CaseRefused(
            _("That time has passed. Choose another, or ask for another time. Nothing was changed.")
        )
    slot.chosen = True
    slot.save(update_fields=["chosen"])
    _set_needs(meeting, needs, now)
    meeting.status = CaseMeeting.Status.BOOKED
    meeting.booked_at = now
    meeting.save()
    log_access(by, meeting.case.process, AccessLog.Action.CHANGE, f"meeting {meeting.pk} booked")
    return True


@transaction.atomic
def ask_for_another_time(
    meeting: CaseMeeting, message: str, by: User, now: datetime.datetime | None = None
) -> None:
    """ "None of the times suit me": the citizen's message to the caseworker, who proposes new
    times. Refused once a time has been chosen or the meeting is cancelled."""
    now = now or timezone.now()
    meeting = _locked(meeting)
    _refuse_unless_proposed(meeting)
    meeting.other_time_message = message.strip()
    meeting.other_time_at = now
    meeting.save(update_fields=["other_time_message", "other_time_at"])
    log_access(
        by, meeting.case.process, AccessLog.Action.CHANGE, f"meeting {meeting.pk} another time"
    )


@transaction.atomic
def save_meeting_needs(
    meeting: CaseMeeting, needs: MeetingNeeds, by: User, now: datetime.datetime | None = None
) -> bool:
    """The citizen's needs, changeable until the meeting starts (False: saved unchanged)."""
    now = now or timezone.now()
    meeting = _locked(meeting)
    if meeting.status in (CaseMeeting.Status.CANCELLED, CaseMeeting.Status.HELD):
        raise CaseRefused(_("The meeting is over or cancelled. Nothing was changed."))
    if meeting.has_started(now):
        raise CaseRefused(
            _(
                "The meeting has started, so your needs can no longer be changed here. Call "
                "your caseworker. Nothing was changed."
            )
        )
    if not _set_needs(meeting, needs, now):
        return False
    meeting.save(update_fields=[*NEEDS_FIELDS, "needs_at"])
    log_access(by, meeting.case.process, AccessLog.Action.CHANGE, f"meeting {meeting.pk} needs")
    return True


@transaction.atomic
def cancel_meeting(
    meeting: CaseMeeting, reason: str, by: User, now: datetime.datetime | None = None
) -> None:
    """Cancel a meeting not yet held; the citizen is e-mailed a link."""
    now = now or timezone.now()
    meeting = _locked(meeting)
    if meeting.status == CaseMeeting.Status.CANCELLED:
        raise CaseRefused(_("The meeting has already been cancelled."))
    if meeting.status == CaseMeeting.Status.HELD:
        raise CaseRefused(_("The meeting has been held and cannot be cancelled."))
    meeting.status = CaseMeeting.Status.CANCELLED
    meeting.cancelled_at = now
    meeting.cancel_reason = reason.strip()
    meeting.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    _tell_about_meeting(
        meeting.case, Notification.Kind.ANSWER, _("Your case: a meeting has been cancelled"), "off"
    )
    log_access(by, meeting.case.process, AccessLog.Action.CHANGE, f"meeting {meeting.pk} cancelled")


@transaction.atomic
def record_meeting_summary(
    meeting: CaseMeeting, summary: str, by: User, now: datetime.datetime | None = None
) -> None:
    """After a booked meeting: the summary, shared with the citizen on "Min sag"; the meeting
    is held and the case's next step of kind "meeting" not done is done on the meeting's day.
    A held meeting's summary may be corrected (no new e-mail, no step)."""
    now = now or timezone.now()
    meeting = _locked(meeting)
    if meeting.status not in (CaseMeeting.Status.BOOKED, CaseMeeting.Status.HELD):
        raise CaseRefused(_("Only a meeting with a chosen time can have a summary."))
    chosen = meeting.slots.get(chosen=True)
    if chosen.starts_at > now:
        raise CaseRefused(
            _("You can write the summary once the meeting has begun (%(time)s).")
            % {"time": meeting_time(chosen.starts_at, chosen.ends_at)}
        )
    first = meeting.status == CaseMeeting.Status.BOOKED
    meeting.summary = summary.strip()
    meeting.summary_at = now
    meeting.summary_by = by
    meeting.status = CaseMeeting.Status.HELD
    meeting.save(update_fields=["summary", "summary_at", "summary_by", "status"])
    if first:
        step = (
            CaseStep.objects.filter(
                case_id=meeting.case_id, kind=StepKind.MEETING, done_on__isnull=True
            )
            .order_by("order", "pk")
            .first()
        )
        if step is not None:
            step.done_on = local_date(chosen.starts_at)
            step.save(update_fields=["done_on"])
        _tell_about_meeting(
            meeting.case,
            Notification.Kind.ANSWER,
            _("Your case: the summary of your meeting"),
            "summary",
        )
    log_access(by, meeting.case.process, AccessLog.Action.CHANGE, f"meeting {meeting.pk} summary")


def meetings_of(case: CaseFile) -> list[CaseMeeting]:
    """The case's meetings with their times and who wrote the summary (two queries)."""
    return list(
        CaseMeeting.objects.filter(case=case)
        .select_related("summary_by")
        .prefetch_related(
            Prefetch("slots", queryset=CaseMeetingSlot.objects.order_by("starts_at", "pk"))
        )
        .order_by("created_at", "pk")
    )


def municipality_name() -> str:
    """The municipality's name: the site's name before its dash ("Ballerup Kommune")."""
    return settings.INDDRAG_SITE_NAME.split(" — ")[0].strip()


def meeting_location(meeting: CaseMeeting) -> str:
    if meeting.kind == MeetingKind.VIDEO:
        return meeting.video_link
    if meeting.kind == MeetingKind.PHONE:
        return _("By phone: we call you")
    if meeting.kind == MeetingKind.HOME_VISIT and not meeting.place:
        return _("At your home")
    return meeting.place


def meeting_calendar(meeting: CaseMeeting, case: CaseFile) -> bytes:
    """One booked meeting as an iCalendar file: a stable UID, the time in Danish time with its
    VTIMEZONE, the place and a link to "Min sag" — never the case's subject or what the meeting
    is about (the file may end up in a shared calendar)."""
    chosen = meeting.chosen
    if chosen is None:
        raise CaseRefused(_("No time has been chosen for this meeting."))
    host = urlsplit(settings.INDDRAG_BASE_URL).hostname or "inddrag"
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Inddrag//Møder//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"case-meeting-{meeting.pk}@{host}")
    event.add("dtstamp", meeting.booked_at or meeting.times_proposed_at)
    event.add("dtstart", local(chosen.starts_at))
    event.add("dtend", local(chosen.ends_at))
    event.add("summary", _("Meeting with %(municipality)s") % {"municipality": municipality_name()})
    event.add("location", meeting_location(meeting))
    link = case_link(case, "#moeder")
    event.add("url", link)
    event.add("description", _("Read more on “My case”: %(link)s") % {"link": link})
    cancelled = meeting.status == CaseMeeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
