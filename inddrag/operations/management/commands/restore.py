"""``manage.py restore ARCHIVE``: a backup (``manage.py backup``) into an empty, migrated
database and the file storage, then checked against its manifest (docs/deployment.md
"Backups")."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from inddrag.operations import backup


class Command(BaseCommand):
    help = (
        "Restore a backup into a migrated database with the backup's migrations and no rows "
        "(--force empties one that has them), and its files into the storage; then compare "
        "the rows per table and every file's checksum with the backup's manifest. Stop the "
        "app servers, the worker and the scheduler first."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Empty a database that has rows (every table) before restoring.",
        )

    def handle(self, *args, archive: str, database: str, force: bool, **options) -> None:
        if not Path(archive).is_file():
            raise CommandError(f"No such file: {archive}")
        try:
            result = backup.restore(Path(archive), using=database, force=force)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        if result.problems:
            for problem in result.problems:
                self.stderr.write(problem)
            raise CommandError(f"Restored, but {len(result.problems)} differences from the backup.")
        self.stdout.write(
            f"Restored {result.rows} rows and {result.files} files; the counts and checksums "
            "match the backup."
        )
