"""``manage.py backup ARCHIVE``: the database and the uploaded files in one .tar.gz
(inddrag/operations/backup.py, docs/deployment.md "Backups")."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from inddrag.operations import backup


class Command(BaseCommand):
    help = (
        "Write the database (every table but the sessions) and every uploaded file it refers "
        "to into one .tar.gz with a manifest (migrations, rows per table, checksums). The "
        "environment (SECRET_KEY, INDDRAG_CPR_HMAC_KEY) is not in it: keep it apart."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", help="The file to write, e.g. inddrag-2026-11-29.tar.gz")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, archive: str, database: str, **options) -> None:
        try:
            manifest = backup.backup(Path(archive), using=database)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"{archive}: {rows} rows in {len(manifest['counts'])} tables, "
            f"{len(manifest['files'])} files"
        )
        for name in manifest["missing_files"]:
            self.stderr.write(f"Missing from the storage (a row refers to it): {name}")
