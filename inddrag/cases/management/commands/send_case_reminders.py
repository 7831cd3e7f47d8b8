"""Remind citizens who have not answered a partshøring, shortly before its deadline.

Run once a day (cron or a systemd timer), like send_hearing_reminders; each partshøring is
reminded at most once."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from inddrag.cases.services import send_case_reminders


class Command(BaseCommand):
    help = (
        "Send one reminder to each citizen who has not answered the draft decision in their "
        "case, when its deadline is within INDDRAG_CASE_HEARING_REMINDER_DAYS days."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days before the deadline (default: INDDRAG_CASE_HEARING_REMINDER_DAYS).",
        )

    def handle(self, *args, days: int | None = None, **options) -> None:
        count = send_case_reminders(days=days)
        self.stdout.write(f"{count} reminder(s) queued.")
