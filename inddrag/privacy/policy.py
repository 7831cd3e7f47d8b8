"""The retention policy: how long each kind of personal data is kept, read from the settings.

One list, read by the retention run (``services.apply_retention``), the privacy notice
(``/privatlivspolitik/``) and the staff page, so what the notice says is what is done.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Period:
    kind: str  # the key of the kind in a retention run's counts
    setting: str  # the INDDRAG_RETENTION_* setting
    what: Promise  # what is removed
    when: Promise  # counted from
    done: Promise  # what happens then

    @property
    def days(self) -> int:
        return getattr(settings, self.setting)


PERIODS: tuple[Period, ...] = (
    Period(
        "contributions",
        "INDDRAG_RETENTION_CONTRIBUTION_DAYS",
        _(
            "The contributor's name, e-mail address, district, age, a private person's "
            "“on behalf of”, the unredacted original text and attachments that were never "
            "published"
        ),
        _("after the process was decided"),
        _(
            "Anonymised: the published, redacted text and the municipality's answer stay as "
            "part of the public record."
        ),
    ),
    Period(
        "cases",
        "INDDRAG_RETENTION_CASE_DAYS",
        _(
            "In a private case: the contributions' identity and text, attachments and the list "
            "of participants"
        ),
        _("after the case ended"),
        _("Anonymised and removed; the case file itself is kept in the case system (ESDH)."),
    ),
    Period(
        "notifications",
        "INDDRAG_RETENTION_NOTIFICATION_DAYS",
        _("The address and the text of e-mails we sent (receipts, answers, invitations)"),
        _("after the e-mail was written"),
        _("Removed; that an e-mail was sent, and when, is kept."),
    ),
    Period(
        "idempotency",
        "INDDRAG_RETENTION_IDEMPOTENCY_DAYS",
        _("The technical record that stops a form from being sent twice"),
        _("after the form was sent"),
        _("Deleted."),
    ),
    Period(
        "stakeholder_contacts",
        "INDDRAG_RETENTION_STAKEHOLDER_CONTACT_DAYS",
        _("A stakeholder's contact person (name, e-mail address, phone)"),
        _("after the stakeholder was marked inactive"),
        _("Removed; the organisation and its part in earlier hearings are kept."),
    ),
    Period(
        "access_log",
        "INDDRAG_RETENTION_ACCESS_LOG_DAYS",
        _("The access log: who saw or changed personal data, and when"),
        _("after the entry was written"),
        _("Deleted."),
    ),
    Period(
        "login_log",
        "INDDRAG_RETENTION_LOGIN_LOG_DAYS",
        _("Logins and failed logins: the user name, the address and the browser"),
        _("after the login"),
        _("Deleted."),
    ),
)


def periods() -> tuple[Period, ...]:
    return PERIODS
