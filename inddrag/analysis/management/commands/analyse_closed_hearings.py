"""Analyse the contributions of every hearing that has closed since it was last analysed.

One of the daily jobs (``INDDRAG_SCHEDULE``, ``manage.py run_scheduler``): the analysis runs in
the task worker; each closed hearing is analysed once after it closes (docs/analysis.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from inddrag.analysis.services import analyse_closed_hearings


class Command(BaseCommand):
    help = "Queue an analysis of the contributions of each hearing closed since its last analysis."

    def handle(self, *args, **options) -> None:
        count = analyse_closed_hearings()
        self.stdout.write(f"{count} analysis(es) queued.")
