"""The hearing list of a process: suggestions, accepting and dismissing, invitations with a
personal link, reminders before the deadline, and who has answered (principle 5)."""

from __future__ import annotations

import base64
import datetime
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.forms import ModelForm
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import override

from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.contributions.models import Contribution, SpeakingAs
from inddrag.lib import page_cache
from inddrag.lib.calendar import to_the_minute
from inddrag.notifications import services as notifications
from inddrag.notifications.models import Notification
from inddrag.processes.models import Activity, Process
from inddrag.stakeholders.models import HearingDuty, HearingListEntry, Stakeholder
from inddrag.stakeholders.suggestions import suggest

# The personal invitation link: scrubbed from e-mails once they are sent.
INVITATION_LINK = re.compile(r"/invitation/[A-Za-z0-9_-]{20,}/")
_TOKEN_SALT = "inddrag.stakeholders.invitation"  # noqa: S105 — an HMAC salt, not a secret

State = HearingListEntry.State

# What a stakeholder "speaks as" on the contribution form, from their type.
SPEAKING_AS: dict[str, str] = {
    Stakeholder.Type.COUNCIL: SpeakingAs.COUNCIL,
    Stakeholder.Type.APPEALS_BOARD: SpeakingAs.COUNCIL,
    Stakeholder.Type.BOARD: SpeakingAs.COUNCIL,
    Stakeholder.Type.ASSOCIATION: SpeakingAs.ASSOCIATION,
    Stakeholder.Type.BUSINESS: SpeakingAs.BUSINESS,
    Stakeholder.Type.AUTHORITY: SpeakingAs.AUTHORITY,
    Stakeholder.Type.CENTRE: SpeakingAs.EMPLOYEE,
    Stakeholder.Type.DISCIPLINE: SpeakingAs.EMPLOYEE,
    Stakeholder.Type.MED: SpeakingAs.EMPLOYEE,
}


def speaking_as_for(stakeholder: Stakeholder) -> str:
    return SPEAKING_AS.get(stakeholder.type, SpeakingAs.ASSOCIATION)


class DismissReasonMissing(ValueError):
    """A dismissal needs a short reason."""


class NotYetPublished(Exception):
    """Invitations link to the process page, which does not exist publicly while a draft."""


# --- Suggestions, accepting and dismissing ------------------------------------------------------


@transaction.atomic
def refresh_suggestions(process: Process) -> int:
    """Create or update the process's suggested entries from ``suggest()``. Accepted and
    dismissed entries are left as staff decided (a dismissal is never undone here), and
    suggestions that no longer apply are removed. Returns the number of open suggestions."""
    suggestions = suggest(process)
    existing = {e.stakeholder_id: e for e in HearingListEntry.objects.filter(process=process)}
    keep: set[int] = set()
    new: list[HearingListEntry] = []
    for s in suggestions:
        entry = existing.get(s.stakeholder.pk)
        if entry is None:
            new.append(
                HearingListEntry(
                    process=process,
                    stakeholder=s.stakeholder,
                    reason=s.reason,
                    why=s.why,
                    score=s.score,
                    state=State.SUGGESTED,
                )
            )
        elif entry.state == State.SUGGESTED:
            keep.add(entry.pk)
            if (entry.reason, entry.why, entry.score) != (s.reason, s.why, s.score):
                entry.reason, entry.why, entry.score = s.reason, s.why, s.score
                entry.save(update_fields=["reason", "why", "score"])
    HearingListEntry.objects.filter(process=process, state=State.SUGGESTED).exclude(
        pk__in=keep
    ).delete()
    HearingListEntry.objects.bulk_create(new, ignore_conflicts=True)
    page_cache.changed(process.pk)
    return len(keep) + len(new)


@transaction.atomic
def accept(entry: HearingListEntry, user) -> None:
    entry.state = State.ACCEPTED
    entry.dismiss_reason = ""
    entry.decided_by = user
    entry.save(update_fields=["state", "dismiss_reason", "decided_by"])
    log_access(user, entry.process, AccessLog.Action.CHANGE, f"hearing list: {entry.pk} accepted")


def dismiss(entry: HearingListEntry, reason: str, user) -> None:
    """Dismiss a suggestion (or take someone not yet invited off the list): a reason is needed."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise DismissReasonMissing
    if entry.invited_at is not None:
        raise ValueError("an invited stakeholder cannot be dismissed")
    with transaction.atomic():
        entry.state = State.DISMISSED
        entry.dismiss_reason = reason[:300]
        entry.decided_by = user
        entry.save(update_fields=["state", "dismiss_reason", "decided_by"])
        log_access(
            user, entry.process, AccessLog.Action.CHANGE, f"hearing list: {entry.pk} dismissed"
        )


def add_manual(process: Process, stakeholder: Stakeholder, user) -> HearingListEntry:
    """Put a stakeholder on the list by hand (or accept them if they were suggested/dismissed)."""
    entry = HearingListEntry.objects.filter(process=process, stakeholder=stakeholder).first()
    if entry is None:
        try:
            with transaction.atomic():
                entry = HearingListEntry.objects.create(
                    process=process,
                    stakeholder=stakeholder,
                    reason=HearingListEntry.Reason.MANUAL,
                    why=_("Added by staff"),
                    state=State.ACCEPTED,
                    decided_by=user,
                )
                log_access(
                    user, process, AccessLog.Action.CHANGE, f"hearing list: {entry.pk} added"
                )
                return entry
        except IntegrityError:
            entry = HearingListEntry.objects.get(process=process, stakeholder=stakeholder)
    if entry.state != State.ACCEPTED:
        accept(entry, user)
    return entry


def answered_stakeholder_ids(process: Process) -> set[int]:
    """Stakeholders with a contribution on this process tied to them (one query)."""
    return set(
        Contribution.objects.filter(process=process, stakeholder__isnull=False)
        .values_list("stakeholder_id", flat=True)
        .distinct()
    )


# --- The personal link --------------------------------------------------------------------------


def invitation_token(entry: HearingListEntry) -> str:
    """The entry's secret link token, derived from the entry and the moment it was invited with
    the site's secret key. Only its hash is stored, so the database alone cannot make a link;
    the reminder can repeat the same link without keeping it."""
    if entry.invited_at is None:
        raise ValueError("not invited")
    value = f"{entry.pk}:{entry.invited_at.timestamp():.6f}"
    digest = salted_hmac(_TOKEN_SALT, value, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def entry_for_token(token: str) -> HearingListEntry | None:
    """The accepted, invited entry the link belongs to, or None."""
    if not token or len(token) > 100:
        return None
    return (
        HearingListEntry.objects.select_related("stakeholder", "process")
        .filter(
            token_hash=HearingListEntry.hash_token(token),
            state=State.ACCEPTED,
            invited_at__isnull=False,
        )
        .first()
    )


SESSION_KEY = "hearing_invitations"  # {"<process pk>": <hearing list entry pk>}


def remember_invitation(session, entry: HearingListEntry) -> None:
    """Remember in the (server-side) session that this visitor opened ``entry``'s link, so the
    contribution form is filled in for the stakeholder; nothing the browser sends can forge it."""
    invitations = dict(session.get(SESSION_KEY) or {})
    invitations[str(entry.process_id)] = entry.pk
    session[SESSION_KEY] = invitations


def invited_entry(session, process: Process) -> HearingListEntry | None:
    """The invited entry of ``process`` whose link was opened in this session, or None."""
    if session is None:
        return None
    entry_pk = (session.get(SESSION_KEY) or {}).get(str(process.pk))
    if not isinstance(entry_pk, int):
        return None
    return (
        HearingListEntry.objects.select_related("stakeholder")
        .filter(
            pk=entry_pk,
            process=process,
            state=HearingListEntry.State.ACCEPTED,
            invited_at__isnull=False,
        )
        .first()
    )


def _link(token: str) -> str:
    return settings.INDDRAG_BASE_URL.rstrip("/") + reverse("stakeholders:invitation", args=[token])


def _email(entry: HearingListEntry, kind: str, token: str, deadline=None) -> Notification:
    process = entry.process
    with override(settings.LANGUAGE_CODE):
        context = {
            "entry": entry,
            "stakeholder": entry.stakeholder,
            "process": process,
            "link": _link(token),
            "deadline": deadline,
        }
        if kind == Notification.Kind.INVITATION:
            subject = _("Invitation to give your views: %(title)s")
            template = "stakeholders/email/invitation.txt"
        else:
            subject = _("Reminder: the deadline for “%(title)s” is near")
            template = "stakeholders/email/reminder.txt"
        return notifications.queue(
            about=entry,
            kind=kind,
            to=entry.stakeholder.email,
            subject=(subject % {"title": process.title})[:200],
            body=render_to_string(template, context),
        )


@transaction.atomic
def send_invitations(process: Process, user=None, now: datetime.datetime | None = None) -> int:
    """Invite every accepted stakeholder not yet invited: a personal link each, the e-mails
    queued after commit. Returns how many were invited."""
    if process.status == Process.Status.DRAFT or process.is_case:
        raise NotYetPublished
    now = now or timezone.now()
    deadline = process.next_deadline(now)
    entries = list(
        HearingListEntry.objects.select_for_update(of=("self",))
        .filter(process=process, state=State.ACCEPTED, invited_at__isnull=True)
        .select_related("stakeholder", "process")
        .order_by("pk")
    )
    count = 0
    for entry in entries:
        entry.invited_at = now
        token = invitation_token(entry)
        entry.token_hash = HearingListEntry.hash_token(token)
        entry.save(update_fields=["invited_at", "token_hash"])
        _email(entry, Notification.Kind.INVITATION, token, deadline)
        count += 1
    if count and user is not None:
        log_access(user, process, AccessLog.Action.CHANGE, f"hearing list: {count} invited")
    return count


# --- Reminders ----------------------------------------------------------------------------------


def due_reminders(now: datetime.datetime | None = None, days: int | None = None):
    """Invited entries without an answer or a reminder, on processes whose contribution-taking
    activity is open and ends within ``days`` (``INDDRAG_REMINDER_DAYS``)."""
    now = now or timezone.now()
    days = settings.INDDRAG_REMINDER_DAYS if days is None else days
    closing = Activity.objects.taking_contributions().filter(
        process=OuterRef("process"),
        starts_at__lte=now,
        ends_at__gte=to_the_minute(now),  # the deadline's last minute is still in time
        ends_at__lte=now + datetime.timedelta(days=days),
    )
    answered = Contribution.objects.filter(
        process=OuterRef("process"), stakeholder=OuterRef("stakeholder")
    )
    return (
        HearingListEntry.objects.filter(
            state=State.ACCEPTED,
            invited_at__isnull=False,
            reminded_at__isnull=True,
            process__kind=Process.Kind.PROJECT,
        )
        .exclude(process__status=Process.Status.DRAFT)
        .filter(Exists(closing))
        .exclude(Exists(answered))
        .annotate(deadline=Subquery(closing.order_by("-ends_at").values("ends_at")[:1]))
        .select_related("stakeholder", "process")
        .order_by("pk")
    )


def send_reminders(now: datetime.datetime | None = None, days: int | None = None) -> int:
    """Send one reminder to each entry due (see ``due_reminders``); never twice."""
    now = now or timezone.now()
    count = 0
    for entry in due_reminders(now, days):
        with transaction.atomic():
            # Claim the entry first, so two runs at once cannot both remind it. (When it was
            # reminded and its link's hash are not shown: no page_cache.changed.)
            claimed = HearingListEntry.objects.filter(pk=entry.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                continue
            token = invitation_token(entry)
            token_hash = HearingListEntry.hash_token(token)
            if token_hash != entry.token_hash:
                # The secret key was changed since the invitation: the reminder's link replaces it.
                HearingListEntry.objects.filter(pk=entry.pk).update(token_hash=token_hash)
            _email(entry, Notification.Kind.REMINDER, token, entry.deadline)
            count += 1
    return count


# --- The registry ---------------------------------------------------------------------------------


@transaction.atomic
def save_stakeholder(form: ModelForm, user) -> Stakeholder:
    """Save a stakeholder from its validated form (new or changed)."""
    created = form.instance.pk is None
    stakeholder = form.save()
    detail = "stakeholder created" if created else "stakeholder edited"
    log_access(user, stakeholder, AccessLog.Action.CHANGE, detail)
    return stakeholder


@transaction.atomic
def toggle_active(stakeholder: Stakeholder, user) -> None:
    """Deactivate a stakeholder (no longer suggested or invited), or activate it again.
    Nothing is deleted: hearing lists of earlier processes still name it."""
    stakeholder.active = not stakeholder.active
    stakeholder.save(update_fields=["active"])
    detail = "stakeholder activated" if stakeholder.active else "stakeholder deactivated"
    log_access(user, stakeholder, AccessLog.Action.CHANGE, detail)


@transaction.atomic
def save_duty(form: ModelForm, user) -> HearingDuty:
    duty = form.save()
    log_access(user, duty.stakeholder, AccessLog.Action.CHANGE, f"statutory duty {duty.pk} saved")
    return duty


@transaction.atomic
def delete_duty(duty: HearingDuty, user) -> None:
    stakeholder, pk = duty.stakeholder, duty.pk
    duty.delete()
    log_access(user, stakeholder, AccessLog.Action.CHANGE, f"statutory duty {pk} deleted")
