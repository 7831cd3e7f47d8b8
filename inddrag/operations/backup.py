"""``manage.py backup`` and ``restore``: the database and the uploaded files in one archive.

The archive is a ``.tar.gz`` of

- ``data.jsonl`` — every row of every table but the sessions, as Django's ``dumpdata --all
  --format jsonl`` writes it (one object a line, primary keys kept): the same on SQLite and
  PostgreSQL, so a backup of one restores into the other (a test server on SQLite); times are
  written to the microsecond (operations/serializer.py); a many-to-many table's rows are kept as
  their pairs (their own ids, which nothing refers to, are numbered anew on restore);
- ``media/<name>`` — each file a row refers to (a ``FileField``), read through the default
  storage (local disk or S3-compatible), under the name it is stored as;
- ``manifest.json`` — the archive's format, Inddrag's and Django's versions, the applied
  migrations, the rows per table, and the SHA-256 and size of ``data.jsonl`` and of each file.

Made in one read transaction (``REPEATABLE READ`` on PostgreSQL): the rows, the counts and the
list of files are one moment's, while the site runs. Restored into a migrated database with the
same migrations and no rows (``--force`` empties a database that has them): the tables are
emptied (the content types and permissions ``migrate`` made are replaced by the archive's, so
every generic reference keeps its meaning), the rows loaded in one transaction (``loaddata``,
sequences reset), the files written back under their names, then the counts and every file's
checksum compared with the manifest.

Not in the archive: ``SECRET_KEY``, ``INDDRAG_CPR_HMAC_KEY`` and the rest of the environment
(keep them apart, docs/deployment.md "Backups"), the sessions (everyone logs in again), Redis."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any

import django
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.jsonl"
MEDIA = "media/"
# Not kept: who is logged in now.
EXCLUDED = ("sessions.Session",)
# Rows ``migrate`` itself makes: a freshly migrated database has them and still counts as empty.
MADE_BY_MIGRATE = ("contenttypes.ContentType", "auth.Permission")
CHUNK = 1024 * 1024
# Django's JSON Lines, times to the microsecond (operations/serializer.py).
SERIALIZATION = "backupjsonl"
serializers.register_serializer(SERIALIZATION, "inddrag.operations.serializer")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass
class Restored:
    rows: int
    files: int
    problems: list[str] = field(default_factory=list)


def _tables() -> list[type[models.Model]]:
    """Every table the archive keeps: concrete, managed models and the many-to-many tables."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label not in EXCLUDED
        and not (
            model._meta.auto_created
            and any(model._meta.auto_created._meta.label == label for label in EXCLUDED)
        )
    ]


def counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    return {model._meta.label: model._base_manager.using(using).count() for model in _tables()}


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def stored_files(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The names every ``FileField`` of every row refers to."""
    names: set[str] = set()
    for model in _tables():
        for column in model._meta.concrete_fields:
            if isinstance(column, models.FileField):
                names.update(
                    model._base_manager.using(using)
                    .exclude(**{column.attname: ""})
                    .exclude(**{f"{column.attname}__isnull": True})
                    .values_list(column.attname, flat=True)
                )
    return sorted(names)


def _version() -> str:
    try:
        return metadata.version("inddrag")
    except metadata.PackageNotFoundError:
        return "unknown"


class _Hashing:
    """Reads through ``source`` and keeps the SHA-256 and the size of what was read."""

    def __init__(self, source: IO[bytes]) -> None:
        self.source = source
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, n: int = -1) -> bytes:
        chunk = self.source.read(n)
        self.sha256.update(chunk)
        self.size += len(chunk)
        return chunk


def _sha256(handle: IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def backup(archive: Path, *, using: str = DEFAULT_DB_ALIAS, storage: Storage | None = None) -> dict:
    """Write the archive (first to ``<archive>.partial``, renamed when complete); the manifest."""
    storage = storage or default_storage
    archive = Path(archive)
    partial = archive.with_name(archive.name + ".partial")
    connection = connections[using]
    # One moment's rows: a transaction of its own that sees no later commit (SQLite's read
    # transaction does that by itself).
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    try:
        manifest = _write(partial, using, storage, snapshot)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(archive)
    return manifest


def _write(partial: Path, using: str, storage: Storage, snapshot: bool) -> dict:
    connection = connections[using]
    with tempfile.TemporaryDirectory(prefix="inddrag-backup-") as work:
        data = Path(work) / DATA
        with transaction.atomic(using=using), tarfile.open(partial, "w:gz") as tar:
            if snapshot:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            manifest: dict[str, Any] = {
                "format": FORMAT,
                "inddrag": _version(),
                "django": django.get_version(),
                "created_at": timezone.now().isoformat(),
                "database": connection.vendor,
                "migrations": applied_migrations(using),
                "counts": counts(using),
                "excluded": list(EXCLUDED),
            }
            call_command(
                "dumpdata",
                format=SERIALIZATION,
                use_base_manager=True,
                exclude=list(EXCLUDED),
                database=using,
                output=str(data),
                verbosity=0,
            )
            with data.open("rb") as handle:
                digest, size = _sha256(handle)
            manifest["data"] = {"name": DATA, "sha256": digest, "size": size}
            tar.add(data, arcname=DATA)
            files, missing = {}, []
            for name in stored_files(using):
                try:
                    handle = storage.open(name, "rb")
                except FileNotFoundError:
                    missing.append(name)
                    continue
                with handle:
                    info = tarfile.TarInfo(MEDIA + name)
                    info.size = storage.size(name)
                    info.mtime = int(time.time())
                    reader = _Hashing(handle)
                    tar.addfile(info, reader)
                files[name] = {"sha256": reader.sha256.hexdigest(), "size": reader.size}
            manifest["files"] = files
            manifest["missing_files"] = missing
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            info.mtime = int(time.time())
            tar.addfile(info, io.BytesIO(body))
    return manifest


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise BackupError(f"Not an Inddrag backup: no {MANIFEST}.") from None
    manifest = json.loads(tar.extractfile(member).read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r} (this is {FORMAT}).")
    return manifest


def rows_besides_migrate(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """The tables that hold rows (besides what ``migrate`` makes): empty for an empty site."""
    every = {
        model._meta.label: model._base_manager.using(using).count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return {label: n for label, n in every.items() if n and label not in MADE_BY_MIGRATE}


def _members(tar: tarfile.TarFile) -> Iterator[tuple[str, tarfile.TarInfo]]:
    for member in tar:
        if member.isfile() and member.name.startswith(MEDIA):
            name = member.name.removeprefix(MEDIA)
            if ".." in Path(name).parts or name.startswith("/"):
                raise BackupError(f"A file name in the archive leaves the folder: {name!r}")
            yield name, member


def restore(
    archive: Path,
    *,
    using: str = DEFAULT_DB_ALIAS,
    storage: Storage | None = None,
    force: bool = False,
) -> Restored:
    """Restore the archive into ``using`` and ``storage`` (see the module), then verify."""
    storage = storage or default_storage
    connection = connections[using]
    with tarfile.open(archive, "r:gz") as tar:
        manifest = read_manifest(tar)
        here = applied_migrations(using)
        if here != manifest["migrations"]:
            only_archive = sorted(set(manifest["migrations"]) - set(here))
            only_here = sorted(set(here) - set(manifest["migrations"]))
            raise BackupError(
                "The database's migrations are not the backup's: restore with the version of "
                f"Inddrag that made it ({manifest['inddrag']}), then migrate. Only in the backup: "
                f"{', '.join(only_archive) or '-'}; only here: {', '.join(only_here) or '-'}."
            )
        occupied = rows_besides_migrate(using)
        if occupied and not force:
            raise BackupError(
                "The database is not empty ("
                + ", ".join(f"{label}: {n}" for label, n in sorted(occupied.items()))
                + "); --force empties it first."
            )
        with tempfile.TemporaryDirectory(prefix="inddrag-restore-") as work:
            data = Path(work) / f"data.{SERIALIZATION}"  # loaddata reads the format from it
            source = tar.extractfile(tar.getmember(DATA))
            with data.open("wb") as out:
                shutil.copyfileobj(source, out, CHUNK)
            with data.open("rb") as handle:
                digest, _size = _sha256(handle)
            if digest != manifest["data"]["sha256"]:
                raise BackupError(f"{DATA} is damaged: its checksum is not the manifest's.")
            with transaction.atomic(using=using):
                tables = connection.introspection.django_table_names(
                    only_existing=True, include_views=False
                )
                connection.ops.execute_sql_flush(
                    connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
                )
                call_command("loaddata", str(data), database=using, verbosity=0)
        ContentType.objects.clear_cache()
        written = 0
        for name, member in _members(tar):
            expected = manifest["files"].get(name)
            if expected is None:
                continue
            if storage.exists(name):
                with storage.open(name, "rb") as handle:
                    if _sha256(handle)[0] == expected["sha256"]:
                        continue
                storage.delete(name)
            saved = storage.save(name, File(tar.extractfile(member), name=name))
            if saved != name:
                raise BackupError(f"The storage stored {name!r} as {saved!r}.")
            written += 1
    problems = verify(manifest, using=using, storage=storage)
    return Restored(rows=sum(manifest["counts"].values()), files=written, problems=problems)


def verify(
    manifest: dict, *, using: str = DEFAULT_DB_ALIAS, storage: Storage | None = None
) -> list[str]:
    """What differs from the manifest: rows per table, and each file's checksum."""
    storage = storage or default_storage
    problems = []
    now = counts(using)
    for label, expected in sorted(manifest["counts"].items()):
        if now.get(label) != expected:
            problems.append(f"{label}: {now.get(label)} rows, the backup has {expected}")
    for name, expected in sorted(manifest["files"].items()):
        try:
            with storage.open(name, "rb") as handle:
                digest, size = _sha256(handle)
        except FileNotFoundError:
            problems.append(f"{name}: missing")
            continue
        if digest != expected["sha256"] or size != expected["size"]:
            problems.append(f"{name}: not the file that was backed up")
    return problems
