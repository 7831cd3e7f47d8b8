"""The scheduler process: runs the daily jobs (settings.INDDRAG_SCHEDULE) once a day each, however
many schedulers run (docs/deployment.md)."""

from __future__ import annotations

import logging
import signal
import threading

from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from inddrag.operations import services

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the daily jobs (INDDRAG_SCHEDULE) at their time of day, Europe/Copenhagen: each "
        "once a day across any number of schedulers; a day missed while none ran is run once "
        "on start. --once runs what is due and exits (for tests or a cron line)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="Run what is due, then exit.")
        parser.add_argument(
            "--interval",
            type=int,
            default=30,
            help="Seconds between looks at the clock (default 30).",
        )

    def handle(self, *args, once: bool = False, interval: int = 30, **options) -> None:
        unknown = sorted(set(services.schedule()) - set(get_commands()))
        if unknown:
            raise CommandError(f"No such command: {', '.join(unknown)}")
        if once:
            self._report(services.run_due())
            return
        if interval < 1:
            raise CommandError("--interval must be at least 1 second.")
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        logger.info("Scheduler started: %s", services.schedule())
        while not stop.is_set():
            close_old_connections()  # a long-lived process: drop a connection the server closed
            try:
                self._report(services.run_due())
            except Exception:
                logger.exception("The scheduler could not look at its jobs")
            stop.wait(interval)
        logger.info("Scheduler stopped")

    def _report(self, results: list[services.Result]) -> None:
        for result in results:
            if result.outcome != "claimed":
                self.stdout.write(f"{result.job} {result.day}: {result.outcome}")
