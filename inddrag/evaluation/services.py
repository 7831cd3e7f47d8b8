"""Evaluation rounds and assessments: every write, with its access-log entry, and the e-mails
to the staff who prepare the assessments (the assignment and the reminders before the
deadline)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from inddrag.accounts.models import User
from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.evaluation import indicators
from inddrag.evaluation.models import PRINCIPLES, Assessment, AssessmentText, EvaluationRound
from inddrag.evaluation.snapshot import snapshot
from inddrag.idempotency import services as idempotency
from inddrag.lib.calendar import local_date
from inddrag.notifications import services as notifications
from inddrag.notifications.models import Notification
from inddrag.organisation.models import Centre, DecisionBody, ElectionPeriod

CREATE_SCOPE = "evaluation-round:%s"
# Reminders to the preparer of an assessment not yet recorded: this many days before the
# deadline (each once), and once the day after it has passed (-1).
REMINDER_DAYS = (14, 3, -1)


class RoundError(Exception):
    """A change the round's state does not allow; the message says why, in Danish."""


# --- Reading --------------------------------------------------------------------------------------


def rounds() -> QuerySet[EvaluationRound]:
    """Every round with its counts of assessments (one query)."""
    return EvaluationRound.objects.select_related("election_period").annotate(
        total=Count("assessments"),
        recorded=Count("assessments", filter=Q(assessments__status=Assessment.Status.RECORDED)),
    )


def published_rounds() -> QuerySet[EvaluationRound]:
    return rounds().filter(published_at__isnull=False).order_by("-published_at")


def assessments_of(round_: EvaluationRound) -> list[Assessment]:
    return list(
        round_.assessments.select_related("body", "centre", "preparer").order_by(
            "centre__name", "body__order", "body__name", "pk"
        )
    )


def is_done(round_: EvaluationRound) -> bool:
    """Every assessment recorded (a round with none is not done)."""
    counts = round_.assessments.aggregate(
        total=Count("pk"), recorded=Count("pk", filter=Q(status=Assessment.Status.RECORDED))
    )
    return bool(counts["total"]) and counts["total"] == counts["recorded"]


def scope_of(assessment: Assessment) -> indicators.Scope:
    if assessment.body_id:
        return indicators.Scope(
            indicators.Scope.COMMITTEE, assessment.body_id, assessment.body.name
        )
    return indicators.Scope(indicators.Scope.CENTRE, assessment.centre_id, assessment.centre.name)


def period_of(round_: EvaluationRound) -> indicators.Period:
    return indicators.half_period(round_.election_period.starts_on.year, round_.half)


def texts_of(assessment: Assessment) -> dict[int, AssessmentText]:
    """The assessment's text per principle; a principle with none yet gets an unsaved empty one."""
    saved = {t.principle: t for t in assessment.texts.all()}
    return {
        n: saved.get(n) or AssessmentText(assessment=assessment, principle=n) for n in PRINCIPLES
    }


def figures_of(assessment: Assessment, today: datetime.date | None = None) -> dict:
    """The indicators the assessment is written against: as kept when it was recorded, else
    measured now."""
    if assessment.is_recorded and assessment.figures:
        return assessment.figures
    evaluation = indicators.evaluate(scope_of(assessment), period_of(assessment.round), today=today)
    return snapshot(evaluation)


def council_figures(round_: EvaluationRound, today: datetime.date | None = None) -> dict:
    """The figures for the whole municipality in the round's period, in their public form: as
    kept when the round was published, else measured now."""
    if round_.figures:
        return round_.figures
    evaluation = indicators.evaluate(
        indicators.whole_municipality(), period_of(round_), today=today
    )
    return snapshot(evaluation, public=True)


def previous_round(round_: EvaluationRound) -> EvaluationRound | None:
    """The round before this one (the half before it), if there was one."""
    year, half = round_.election_period.starts_on.year, round_.half
    if half == 2:
        return (
            EvaluationRound.objects.filter(election_period_id=round_.election_period_id, half=1)
            .select_related("election_period")
            .first()
        )
    return (
        EvaluationRound.objects.filter(election_period__starts_on__year=year - 4, half=2)
        .select_related("election_period")
        .first()
    )


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The same committee's or centre management's recorded assessment in the round before."""
    before = previous_round(assessment.round)
    if before is None:
        return None
    return (
        before.assessments.filter(
            body_id=assessment.body_id,
            centre_id=assessment.centre_id,
            status=Assessment.Status.RECORDED,
        )
        .select_related("body", "centre", "round")
        .first()
    )


# --- Rounds ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundData:
    title: str
    election_period: ElectionPeriod
    half: int
    deadline: datetime.date
    # (body, centre, preparer): one for every standing committee and every centre
    preparers: list[tuple[DecisionBody | None, Centre | None, User]]


def create_round(data: RoundData, by: User, key: str | None = None) -> idempotency.Once:
    """The round and one assessment per committee and centre management, in one transaction;
    each preparer is e-mailed. A double submit creates one round."""

    def create() -> EvaluationRound:
        round_ = EvaluationRound.objects.create(
            title=data.title,
            election_period=data.election_period,
            half=data.half,
            deadline=data.deadline,
            created_by=by,
        )
        for body, centre, preparer in data.preparers:
            assessment = Assessment.objects.create(
                round=round_, body=body, centre=centre, preparer=preparer, updated_by=by
            )
            _tell_preparer(assessment, "assigned")
        log_access(by, round_, AccessLog.Action.CHANGE, f"evaluation round created: {data.title}")
        return round_

    with transaction.atomic():
        return idempotency.run_once(CREATE_SCOPE % by.pk, key, create)


@transaction.atomic
def change_round(round_: EvaluationRound, data: RoundData, by: User) -> list[str]:
    """A new title, deadline or preparers (the half is fixed once the round exists). A new
    preparer is e-mailed. Returns what changed."""
    changed = []
    if round_.title != data.title:
        changed.append("title")
    if round_.deadline != data.deadline:
        changed.append("deadline")
        # A new deadline: the reminders count from it again.
        round_.assessments.filter(status=Assessment.Status.DRAFT).update(reminded_days=None)
    round_.title, round_.deadline = data.title, data.deadline
    round_.save(update_fields=["title", "deadline"])
    by_scope = {(a.body_id, a.centre_id): a for a in round_.assessments.all()}
    for body, centre, preparer in data.preparers:
        key = (body.pk if body else None, centre.pk if centre else None)
        assessment = by_scope.get(key)
        if assessment is None:  # a committee or centre added since the round was created
            assessment = Assessment.objects.create(
                round=round_, body=body, centre=centre, preparer=preparer, updated_by=by
            )
            _tell_preparer(assessment, "assigned")
            changed.append(f"assessment added {assessment.pk}")
        elif assessment.preparer_id != preparer.pk:
            assessment.preparer = preparer
            assessment.reminded_days = None
            assessment.save(update_fields=["preparer", "reminded_days", "updated_at"])
            _tell_preparer(assessment, "assigned")
            changed.append(f"preparer {assessment.pk}")
    if changed:
        log_access(by, round_, AccessLog.Action.CHANGE, "evaluation round: " + ", ".join(changed))
    return changed


@transaction.atomic
def publish_round(round_: EvaluationRound, by: User, today: datetime.date | None = None) -> None:
    """The public round page: only once every assessment is recorded. The council-level figures
    are kept as they are now."""
    round_ = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
    if round_.published_at is not None:
        return
    if not is_done(round_):
        raise RoundError(_("The round can be published once every assessment is recorded."))
    round_.figures = council_figures(round_, today=today)
    round_.published_at = timezone.now()
    round_.save(update_fields=["figures", "published_at"])
    log_access(by, round_, AccessLog.Action.TRANSITION, "evaluation round published")


@transaction.atomic
def unpublish_round(round_: EvaluationRound, by: User) -> None:
    """Take the public page down again (e.g. to correct an assessment); the kept figures go."""
    updated = EvaluationRound.objects.filter(pk=round_.pk, published_at__isnull=False).update(
        published_at=None, figures=None
    )
    if updated:
        log_access(by, round_, AccessLog.Action.TRANSITION, "evaluation round unpublished")


# --- Assessments ----------------------------------------------------------------------------------


def can_write(assessment: Assessment, user: User) -> bool:
    """The preparer, and whoever manages the rounds."""
    return assessment.preparer_id == user.pk or user.has_perm("evaluation.manage_rounds")


@transaction.atomic
def save_texts(assessment: Assessment, texts: dict[int, dict[str, str]], by: User) -> bool:
    """Save the draft texts (principle → went_well, went_badly, will_do). Refused once the
    assessment is recorded (reopen it first). Returns whether anything changed."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_recorded:
        raise RoundError(_("The assessment is recorded. Reopen it to change it."))
    if assessment.round.published_at is not None:
        raise RoundError(_("The round is published. Take it down before changing an assessment."))
    saved = {t.principle: t for t in assessment.texts.all()}
    changed = False
    for principle, values in texts.items():
        if principle not in PRINCIPLES:
            continue
        text = saved.get(principle) or AssessmentText(assessment=assessment, principle=principle)
        new = {k: values.get(k, "") for k in ("went_well", "went_badly", "will_do")}
        if text.pk and all(getattr(text, k) == v for k, v in new.items()):
            continue
        if not text.pk and not any(v.strip() for v in new.values()):
            continue
        for k, v in new.items():
            setattr(text, k, v)
        text.save()
        changed = True
    if changed:
        assessment.updated_by = by
        assessment.save(update_fields=["updated_by", "updated_at"])
        log_access(by, assessment, AccessLog.Action.CHANGE, "assessment draft saved")
    return changed


def missing_principles(assessment: Assessment) -> list[int]:
    """Principles with no text at all: an assessment is recorded only when every principle
    has been considered."""
    texts = texts_of(assessment)
    return [n for n in PRINCIPLES if texts[n].is_empty]


@transaction.atomic
def record_assessment(
    assessment: Assessment,
    treated_on: datetime.date,
    agenda_url: str,
    by: User,
    today: datetime.date | None = None,
) -> None:
    """Record the assessment as treated at the meeting on ``treated_on``; the indicators it was
    written against are kept with it."""
    assessment = (
        Assessment.objects.select_for_update().select_related("round").get(pk=assessment.pk)
    )
    if assessment.is_recorded:
        return
    missing = missing_principles(assessment)
    if missing:
        raise RoundError(
            _("Write the assessment of every principle first (missing: %(numbers)s).")
            % {"numbers": ", ".join(str(n) for n in missing)}
        )
    assessment.figures = figures_of(assessment, today=today)
    assessment.status = Assessment.Status.RECORDED
    assessment.treated_on = treated_on
    assessment.agenda_url = agenda_url
    assessment.recorded_at = timezone.now()
    assessment.recorded_by = by
    assessment.updated_by = by
    assessment.save()
    log_access(by, assessment, AccessLog.Action.TRANSITION, f"assessment recorded ({treated_on})")


@transaction.atomic
def reopen_assessment(assessment: Assessment, by: User) -> None:
    """Back to a draft (the kept figures go; they are measured again when it is recorded)."""
    if assessment.round.published_at is not None:
        raise RoundError(_("The round is published. Take it down before changing an assessment."))
    updated = Assessment.objects.filter(pk=assessment.pk, status=Assessment.Status.RECORDED).update(
        status=Assessment.Status.DRAFT,
        figures=None,
        recorded_at=None,
        recorded_by=None,
        updated_by=by,
        updated_at=timezone.now(),
    )
    if updated:
        log_access(by, assessment, AccessLog.Action.TRANSITION, "assessment reopened")


# --- E-mails to the preparers ---------------------------------------------------------------------


def _link(assessment: Assessment) -> str:
    return settings.INDDRAG_BASE_URL.rstrip("/") + reverse(
        "staff:evaluation:assessment", args=[assessment.pk]
    )


def _tell_preparer(assessment: Assessment, why: str, days: int | None = None) -> None:
    preparer = assessment.preparer
    if not preparer.email:
        return
    with override(settings.LANGUAGE_CODE):
        context = {
            "assessment": assessment,
            "round": assessment.round,
            "name": preparer.get_full_name() or preparer.username,
            "link": _link(assessment),
            "why": why,
            "days": days,
        }
        if why == "assigned":
            subject = _("You are asked to prepare the evaluation of the principles: %(scope)s")
            kind = Notification.Kind.INVITATION
        else:
            subject = _("Reminder: the evaluation of the principles for %(scope)s")
            kind = Notification.Kind.REMINDER
        notifications.queue(
            about=assessment,
            kind=kind,
            to=preparer.email,
            subject=subject % {"scope": assessment.scope_name},
            body=render_to_string("evaluation/email/preparer.txt", context),
        )


def send_reminders(today: datetime.date | None = None) -> int:
    """Remind the preparer of every assessment not yet recorded: 14 and 3 days before the
    round's deadline and the day after it, each once (a reminder missed on its day is sent at
    the next run, never twice). Returns how many were queued."""
    today = today or local_date(timezone.now())
    count = 0
    due = (
        Assessment.objects.filter(
            status=Assessment.Status.DRAFT,
            round__published_at__isnull=True,
            round__deadline__lte=today + datetime.timedelta(days=max(REMINDER_DAYS)),
        )
        .select_related("round", "body", "centre", "preparer")
        .order_by("pk")
    )
    for assessment in due:
        left = (assessment.round.deadline - today).days
        step = next((d for d in sorted(REMINDER_DAYS) if left <= d), None)
        if step is None:
            continue
        if assessment.reminded_days is not None and assessment.reminded_days <= step:
            continue
        with transaction.atomic():
            updated = (
                Assessment.objects.filter(pk=assessment.pk)
                .exclude(reminded_days__lte=step)
                .update(reminded_days=step)
            )
            if updated:
                _tell_preparer(assessment, "reminder", days=left)
                count += 1
    return count


def texts_by_assessment(assessments: list[Assessment]) -> dict[int, dict[int, AssessmentText]]:
    """Each assessment's text per principle, for many at once (one query)."""
    saved: dict[int, dict[int, AssessmentText]] = {a.pk: {} for a in assessments}
    for text in AssessmentText.objects.filter(assessment__in=assessments):
        saved[text.assessment_id][text.principle] = text
    return {
        a.pk: {
            n: saved[a.pk].get(n) or AssessmentText(assessment=a, principle=n) for n in PRINCIPLES
        }
        for a in assessments
    }
