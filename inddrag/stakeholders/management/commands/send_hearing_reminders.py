"""Remind invited stakeholders who have not answered, shortly before the deadline.

Run once a day (cron or a systemd timer); an entry is reminded at most once."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from inddrag.stakeholders.services import send_reminders


class Command(BaseCommand):
    help = (
        "Send one reminder to each invited stakeholder who has not answered, when the process's "
        "contribution deadline is within INDDRAG_REMINDER_DAYS days."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days before the deadline (default: INDDRAG_REMINDER_DAYS).",
        )

    def handle(self, *args, days: int | None = None, **options) -> None:
        days = settings.INDDRAG_REMINDER_DAYS if days is None else days
        count = send_reminders(days=days)
        self.stdout.write(f"{count} reminder(s) queued.")
