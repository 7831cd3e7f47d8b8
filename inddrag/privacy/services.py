"""Personal data kept only as long as allowed, and given back on request.

- ``apply_retention`` carries out the retention policy (``policy.PERIODS``): it anonymises what
  the public record needs (a published contribution's redacted text and its answer stay) and
  deletes the rest. Run daily by ``manage.py apply_retention`` or the ``run_retention`` task.
  It only ever touches rows it has not handled yet, so a second run changes nothing.
- ``find_person`` gathers everything held about one person (by e-mail address or account);
  ``export_person`` gives it back as a ZIP (GDPR art. 15); ``erase_person`` erases it where the
  law allows (art. 17) with the same anonymisation as the retention run.

Every run and erasure is recorded in a ``RetentionRun`` (counts only); searches, exports and
erasures are written to the access log, one entry per record, without the e-mail address.
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from inddrag.accounts.models import User
from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access_many
from inddrag.cases.models import CaseGrant
from inddrag.contributions import screened
from inddrag.contributions.models import Attachment, Contribution, Flag, SpeakingAs
from inddrag.idempotency.models import IdempotencyKey
from inddrag.lib import page_cache
from inddrag.notifications.models import Notification
from inddrag.privacy.models import RetentionRun
from inddrag.processes.models import Process
from inddrag.stakeholders.models import Stakeholder

ENDED = (Process.Status.DECIDED, Process.Status.CLOSED)
# What staff see where the contributor's name was.
ANONYMISED = _("Anonymised")

SEARCHED = "person search (GDPR)"
EXPORTED = "exported to the person (GDPR art. 15)"
ERASED = "erased on request (GDPR art. 17)"


def _cutoff(now: datetime.datetime, days: int) -> datetime.datetime:
    """Data this old or older is due: kept for ``days`` days, gone on the day they are up."""
    return now - datetime.timedelta(days=days)


# --- Anonymising contributions --------------------------------------------------------------


def _unpublished_attachments(contributions: QuerySet[Contribution]) -> QuerySet[Attachment]:
    """Attachments nobody outside the municipality has seen: withheld, or of a contribution
    that was not published, or of a case (never public)."""
    return Attachment.objects.filter(contribution__in=contributions).filter(
        Q(withheld=True)
        | ~Q(contribution__publication=Contribution.Publication.PUBLISHED)
        | Q(contribution__process__kind=Process.Kind.CASE)
    )


def anonymise_contributions(
    contributions: QuerySet[Contribution], now: datetime.datetime
) -> Counter[str]:
    """Remove the contributor's identity and the unredacted original from ``contributions``.

    Goes: name, e-mail, district, age band, "on behalf of" where a private person wrote it (an
    association's, a business's or a council's name is not personal data and stays), the
    published name of a private person, the screening findings (they quote what was found),
    the unredacted text — a published contribution keeps its published, redacted text; an
    unpublished one (and every contribution in a case) keeps none — attachments that were never
    published (deleted from storage too), and the address and text of the e-mails about it.
    Stays: the published text, the answer, the staff's summary for the memo, the receipt number.
    Contributions already anonymised are left alone."""
    todo = contributions.filter(anonymised_at__isnull=True)
    ids = list(todo.values_list("pk", flat=True))
    counts: Counter[str] = Counter()
    if not ids:
        return counts
    rows = Contribution.objects.filter(pk__in=ids)
    for attachment in _unpublished_attachments(rows):
        attachment.file.delete(save=False)
        attachment.delete()
        counts["attachments_deleted"] += 1
    Flag.objects.filter(contribution__in=rows).delete()
    private = Q(speaking_as=SpeakingAs.PRIVATE)
    public_text = Q(publication=Contribution.Publication.PUBLISHED) & Q(
        process__kind=Process.Kind.PROJECT
    )
    # An organisation's name that was published as the contribution's name stays.
    organisation_name = ~private & ~Q(on_behalf_of="") & Q(published_name=F("on_behalf_of"))
    rows.filter(public_text).update(text=F("published_text"))
    rows.exclude(public_text).update(text="", published_text="")
    rows.update(
        name="",
        email="",
        district=None,
        age_band="",
        on_behalf_of=Case(When(private, then=Value("")), default=F("on_behalf_of")),
        published_name=Case(When(organisation_name, then=F("published_name")), default=Value("")),
        anonymised_at=now,
    )
    # What the hearing memo shows of the names and texts, screened anew from what is left.
    screened.rescreen(rows, screened.CONTRIBUTION_FIELDS)
    # The published name and text on the process pages and in the API.
    page_cache.changed(*rows.values_list("process_id", flat=True).distinct())
    counts["contributions"] += len(ids)
    counts["notifications"] += _scrub_notifications(
        Notification.objects.filter(
            about_type=ContentType.objects.get_for_model(Contribution), about_id__in=ids
        )
    )
    return counts


def _scrub_notifications(notifications: QuerySet[Notification]) -> int:
    """Remove the address and the text; an e-mail still waiting to be sent is not sent."""
    waiting = notifications.filter(status=Notification.Status.PENDING)
    removed = waiting.count()
    waiting.delete()
    scrubbed = notifications.exclude(to="", body="").update(to="", body="")
    return removed + scrubbed


# --- The retention run ----------------------------------------------------------------------


@dataclass
class RetentionReport:
    counts: dict[str, int]
    dry_run: bool
    run: RetentionRun | None = None


def _ended_before(cutoff: datetime.datetime, kind: str) -> QuerySet[Process]:
    return (
        Process.objects.filter(kind=kind, status__in=ENDED)
        .annotate(ended=Coalesce("ended_at", "decision__recorded_at"))
        .filter(ended__lte=cutoff)
    )


def due(now: datetime.datetime) -> dict[str, QuerySet]:
    """What the retention policy says must go now, kind by kind (nothing already handled)."""
    project_cutoff = _cutoff(now, settings.INDDRAG_RETENTION_CONTRIBUTION_DAYS)
    case_cutoff = _cutoff(now, settings.INDDRAG_RETENTION_CASE_DAYS)
    projects = _ended_before(project_cutoff, Process.Kind.PROJECT)
    cases = _ended_before(case_cutoff, Process.Kind.CASE)
    contact = ~Q(contact_name="") | ~Q(email="") | ~Q(phone="")
    return {
        "contributions": Contribution.objects.filter(
            process__in=projects, anonymised_at__isnull=True
        ),
        "cases": Contribution.objects.filter(process__in=cases, anonymised_at__isnull=True),
        "case_participants": Process.participants.through.objects.filter(process__in=cases),
        "notifications": Notification.objects.filter(
            status__in=(Notification.Status.SENT, Notification.Status.FAILED),
            created_at__lte=_cutoff(now, settings.INDDRAG_RETENTION_NOTIFICATION_DAYS),
        ).exclude(to="", body=""),
        "idempotency": IdempotencyKey.objects.filter(
            created_at__lte=_cutoff(now, settings.INDDRAG_RETENTION_IDEMPOTENCY_DAYS)
        ),
        "stakeholder_contacts": Stakeholder.objects.filter(
            contact,
            active=False,
            inactive_since__lte=_cutoff(now, settings.INDDRAG_RETENTION_STAKEHOLDER_CONTACT_DAYS),
        ),
        "access_log": AccessLog.objects.filter(
            at__lte=_cutoff(now, settings.INDDRAG_RETENTION_ACCESS_LOG_DAYS)
        ),
        **_login_records(_cutoff(now, settings.INDDRAG_RETENTION_LOGIN_LOG_DAYS)),
    }


def _login_records(cutoff: datetime.datetime) -> dict[str, QuerySet]:
    """django-axes' records of logins and failed attempts (user name, address, browser)."""
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as LoginLog

    return {
        "login_log": LoginLog.objects.filter(attempt_time__lte=cutoff),
        "login_attempts": AccessAttempt.objects.filter(attempt_time__lte=cutoff),
        "login_failures": AccessFailureLog.objects.filter(attempt_time__lte=cutoff),
    }


@transaction.atomic
def apply_retention(
    now: datetime.datetime | None = None, *, dry_run: bool = False
) -> RetentionReport:
    """Carry out the retention policy once; with ``dry_run``, only count what would happen."""
    now = now or timezone.now()
    found = due(now)
    if dry_run:
        counts = {kind: qs.count() for kind, qs in found.items()}
        counts["attachments_deleted"] = _unpublished_attachments(
            found["contributions"] | found["cases"]
        ).count()
        return RetentionReport({k: v for k, v in counts.items() if v}, dry_run=True)
    counts: Counter[str] = Counter()
    for kind in ("contributions", "cases"):
        done = anonymise_contributions(found[kind], now)
        counts[kind] += done.pop("contributions", 0)
        counts.update(done)
    counts["case_participants"] = found["case_participants"].delete()[0]
    counts["notifications"] += found["notifications"].update(to="", body="")
    counts["idempotency"] = found["idempotency"].delete()[0]
    # A stakeholder's contact person is never shown publicly (no page_cache.changed).
    counts["stakeholder_contacts"] = found["stakeholder_contacts"].update(
        contact_name="", email="", phone=""
    )
    counts["access_log"] = found["access_log"].delete()[0]
    for kind in ("login_log", "login_attempts", "login_failures"):
        counts[kind] = found[kind].delete()[0]
    kept = {kind: n for kind, n in counts.items() if n}
    run = RetentionRun.objects.create(at=now, trigger=RetentionRun.Trigger.RETENTION, counts=kept)
    return RetentionReport(kept, dry_run=False, run=run)


@task()
def run_retention() -> dict[str, int]:
    """The daily retention run in the task worker (``manage.py apply_retention`` does the same
    in the foreground)."""
    return apply_retention().counts


# --- Everything held about one person -------------------------------------------------------


@dataclass
class PersonRecords:
    """Every record that names the person, by kind."""

    email: str
    accounts: list[User] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    stakeholders: list[Stakeholder] = field(default_factory=list)
    cases: list[Process] = field(default_factory=list)
    # Access to cases: held by the person (a relative, a representative) or given by them.
    case_grants: list[CaseGrant] = field(default_factory=list)
    # What the person's accounts did (staff: their work) and who looked at their contributions.
    access_by: list[AccessLog] = field(default_factory=list)
    access_about: list[AccessLog] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return any(self.records())

    def records(self) -> list:
        """The records themselves (not the access log), for the access log's entries."""
        return [
            *self.accounts,
            *self.contributions,
            *self.notifications,
            *self.stakeholders,
            *self.cases,
            *self.case_grants,
        ]

    @property
    def erasable_accounts(self) -> list[User]:
        return [a for a in self.accounts if not _kept_account(a)]

    @property
    def kept_accounts(self) -> list[User]:
        return [a for a in self.accounts if _kept_account(a)]

    @property
    def published_contributions(self) -> list[Contribution]:
        return [
            c
            for c in self.contributions
            if c.publication == Contribution.Publication.PUBLISHED and not c.process.is_case
        ]


def _kept_account(user: User) -> bool:
    """Staff accounts are not erased here: what they did is part of the municipality's records
    (the access log names them); the employment ends through HR and IT."""
    return user.role == User.Role.STAFF or user.is_staff or user.is_superuser


ACCESS_LOG_SHOWN = 50


def find_person(*, email: str = "", user: User | None = None) -> PersonRecords:
    """Everything held about the person with ``email`` or the account ``user`` (and every
    account with the same e-mail address). A fixed number of queries, however much is found."""
    email = (email or (user.email if user else "")).strip()
    account_filter = Q(pk=user.pk) if user else Q(pk__in=[])
    if email:
        account_filter |= Q(email__iexact=email)
    accounts = list(User.objects.filter(account_filter).order_by("pk"))
    records = PersonRecords(email=email, accounts=accounts)
    if email:
        records.contributions = list(
            Contribution.objects.filter(email__iexact=email)
            .select_related("process", "district", "answer")
            .prefetch_related("attachments")
            .order_by("-received_at", "-pk")
        )
        records.notifications = list(
            Notification.objects.filter(to__iexact=email).order_by("-created_at", "-pk")
        )
        records.stakeholders = list(Stakeholder.objects.filter(email__iexact=email))
    if accounts:
        records.cases = list(
            Process.objects.filter(kind=Process.Kind.CASE, participants__in=accounts)
            .distinct()
            .order_by("pk")
        )
        records.case_grants = list(
            CaseGrant.objects.filter(Q(person__in=accounts) | Q(granted_by__in=accounts))
            .select_related("case__process", "person", "granted_by")
            .order_by("pk")
        )
        records.access_by = list(
            AccessLog.objects.filter(user__in=accounts).order_by("-at", "-pk")[:ACCESS_LOG_SHOWN]
        )
    if records.contributions:
        records.access_about = list(
            AccessLog.objects.filter(
                object_type=Contribution._meta.label_lower,
                object_id__in=[c.pk for c in records.contributions],
            )
            .select_related("user")
            .order_by("-at", "-pk")[:ACCESS_LOG_SHOWN]
        )
    return records


def log_search(user: User, records: PersonRecords, detail: str = SEARCHED) -> None:
    """One access-log entry per record shown (never the e-mail address searched for); a search
    that found nothing is logged on the searcher's own account."""
    log_access_many(user, records.records() or [user], AccessLog.Action.VIEW, detail)


# --- Export (art. 15) -----------------------------------------------------------------------


def _moment(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def person_data(records: PersonRecords) -> dict:
    """The records as plain data (the export's ``data.json``)."""
    return {
        "email": records.email,
        "exported_at": timezone.now().isoformat(),
        "accounts": [
            {
                "username": a.username,
                "first_name": a.first_name,
                "last_name": a.last_name,
                "email": a.email,
                "role": a.role,
                "title": a.title,
                "active": a.is_active,
                "joined": _moment(a.date_joined),
                "last_login": _moment(a.last_login),
            }
            for a in records.accounts
        ],
        "contributions": [
            {
                "receipt_number": c.receipt_number,
                "process": c.process.title,
                "received_at": _moment(c.received_at),
                "source": c.source,
                "speaking_as": c.speaking_as,
                "on_behalf_of": c.on_behalf_of,
                "name": c.name,
                "email": c.email,
                "district": c.district.name if c.district else None,
                "age_band": c.age_band,
                "consent": c.consent,
                "publication": c.publication,
                "text": c.text,
                "published_text": c.published_text,
                "published_name": c.published_name,
                "answer": (
                    {"outcome": c.answer.outcome, "reason": c.answer.reason}
                    if c.published_answer
                    else None
                ),
                "anonymised_at": _moment(c.anonymised_at),
                "attachments": [
                    {"file": _attachment_path(a), "name": a.original_name, "size": a.size}
                    for a in c.attachments.all()
                ],
            }
            for c in records.contributions
        ],
        "emails": [
            {
                "kind": n.kind,
                "to": n.to,
                "subject": n.subject,
                "body": n.body,
                "status": n.status,
                "created_at": _moment(n.created_at),
                "sent_at": _moment(n.sent_at),
            }
            for n in records.notifications
        ],
        "stakeholder_contacts": [
            {
                "stakeholder": s.name,
                "contact_name": s.contact_name,
                "email": s.email,
                "phone": s.phone,
                "active": s.active,
            }
            for s in records.stakeholders
        ],
        "cases": [{"title": p.title, "status": p.status} for p in records.cases],
        "access_to_cases": [
            {
                "case": g.case.process.title,
                "person": g.person.display_name,
                "granted_by": g.granted_by.display_name,
                "level": g.level,
                "basis": g.basis,
                "basis_note": g.basis_note,
                "expires_on": g.expires_on.isoformat(),
                "granted_at": _moment(g.granted_at),
                "withdrawn_at": _moment(g.withdrawn_at),
            }
            for g in records.case_grants
        ],
        "access_log_by_the_person": [
            {"at": _moment(e.at), "action": e.action, "object": f"{e.object_type}#{e.object_id}"}
            for e in records.access_by
        ],
        "who_saw_the_contributions": [
            {"at": _moment(e.at), "action": e.action, "by": e.user.display_name}
            for e in records.access_about
        ],
    }


def _attachment_path(attachment: Attachment) -> str:
    return f"attachments/{attachment.pk}-{attachment.original_name}"


def export_person(user: User, records: PersonRecords) -> bytes:
    """A ZIP with ``data.json`` and the person's attachments; the export is logged."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(person_data(records), ensure_ascii=False, indent=2)
        )
        for contribution in records.contributions:
            for attachment in contribution.attachments.all():
                try:
                    with attachment.file.open("rb") as handle:
                        archive.writestr(_attachment_path(attachment), handle.read())
                except OSError:  # missing from storage: the JSON still lists it
                    continue
    log_search(user, records, EXPORTED)
    return buffer.getvalue()


# --- Erasure (art. 17) ----------------------------------------------------------------------


@transaction.atomic
def erase_person(user: User, records: PersonRecords) -> RetentionRun:
    """Erase what the law allows, with the retention run's anonymisation, and log it.

    Kept: the published, redacted text of a hearing response and its answer (the public record
    of a political decision, art. 17(3)(b) and (e)), the access log (art. 32), staff accounts.
    """
    now = timezone.now()
    counts: Counter[str] = Counter()
    log_access_many(user, records.records(), AccessLog.Action.CHANGE, ERASED)
    counts.update(
        anonymise_contributions(
            Contribution.objects.filter(pk__in=[c.pk for c in records.contributions]), now
        )
    )
    if records.email:
        counts["notifications"] += _scrub_notifications(
            Notification.objects.filter(to__iexact=records.email)
        )
        # Never shown publicly (no page_cache.changed).
        counts["stakeholder_contacts"] += Stakeholder.objects.filter(
            email__iexact=records.email
        ).update(contact_name="", email="", phone="")
    erasable = records.erasable_accounts
    # Access the person holds ends now; the rows stay as the case's record of who could see it
    # (they name the closed account, no longer the person).
    counts["case_grants"] += CaseGrant.objects.filter(
        person__in=erasable, withdrawn_at__isnull=True
    ).update(withdrawn_at=now, withdrawn_by=user)
    for account in erasable:
        account.participating_in.clear()
        account.username = f"slettet-{account.pk}"
        account.first_name = account.last_name = account.email = account.title = ""
        account.is_active = False
        account.set_unusable_password()
        account.save()
        counts["accounts"] += 1
    return RetentionRun.objects.create(
        at=now,
        trigger=RetentionRun.Trigger.ERASURE,
        by=user,
        counts={kind: n for kind, n in counts.items() if n},
    )
