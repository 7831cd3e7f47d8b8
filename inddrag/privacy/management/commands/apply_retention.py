"""Carry out the retention policy: anonymise or delete personal data whose period is up.

Run once a day (cron or a systemd timer); a second run the same day changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from inddrag.privacy.policy import periods
from inddrag.privacy.services import apply_retention


class Command(BaseCommand):
    help = (
        "Anonymise or delete the personal data whose retention period (INDDRAG_RETENTION_*) is "
        "up. --dry-run reports what would happen and changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; change nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        for period in periods():
            self.stdout.write(f"{period.setting} = {period.days} days")
        report = apply_retention(dry_run=dry_run)
        verb = "would be handled" if dry_run else "handled"
        if not report.counts:
            self.stdout.write(f"Nothing {verb}.")
        for kind, count in sorted(report.counts.items()):
            self.stdout.write(f"{kind}: {count} {verb}")
