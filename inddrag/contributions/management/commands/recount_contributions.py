"""Recompute the contribution counters kept on each process (issue #14) from the rows.

The counters move with every contribution and answer in the same transaction, so a recount
should find nothing; run it after loading data around the services (``bulk_create``, a restore)
or with ``--check`` from monitoring: it then changes nothing and exits with 1 on any drift."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from inddrag.contributions.services import recount


class Command(BaseCommand):
    help = (
        "Recompute the contribution counters of every process from its contributions and "
        "answers. --check reports drift without fixing it and exits with 1 if there is any."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Report drift; change nothing; exit 1 if any."
        )

    def handle(self, *args, check: bool = False, **options) -> None:
        drifts = recount(fix=not check)
        for drift in drifts:
            changed = ", ".join(
                f"{name} {drift.kept[name]} → {drift.counted[name]}"
                for name in drift.kept
                if drift.kept[name] != drift.counted[name]
            )
            self.stdout.write(f"process {drift.process_id} ({drift.title}): {changed}")
        if check:
            self.stdout.write(f"{len(drifts)} processes with drifted counters.")
            if drifts:
                raise SystemExit(1)
        else:
            self.stdout.write(f"{len(drifts)} processes recounted.")
