"""Remind the preparers of assessments not yet recorded: 14 and 3 days before the round's
deadline and the day after it, each once.

Run once a day (cron or a systemd timer), like send_hearing_reminders."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from inddrag.evaluation.services import send_reminders


class Command(BaseCommand):
    help = (
        "Send the reminders due to the preparers of evaluation assessments not yet recorded "
        "(14 and 3 days before the deadline and the day after it)."
    )

    def handle(self, *args, **options) -> None:
        count = send_reminders()
        self.stdout.write(f"{count} reminder(s) queued.")
