"""``manage.py backup`` and ``restore`` (docs/deployment.md "Backups"): a populated site backed up,
restored into an empty database and an empty uploads folder by ``manage.py restore`` in a
process of its own (the production settings), and compared row by row and byte by byte.

On SQLite the empty database is a file copied from the suite's just-migrated, empty test
database; on PostgreSQL a second database made from it (TEMPLATE). Both run in their pass of
``make test``."""

from __future__ import annotations

import datetime
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, connections
from django.db.utils import load_backend

from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.contributions.models import Attachment, Contribution
from inddrag.notifications.models import Notification
from inddrag.operations import backup
from inddrag.processes.models import Process
from tests.factories import ActivityFactory, DistrictFactory, ProcessFactory, UserFactory
from tests.factories.contributions import AnswerFactory, ContributionFactory, attach
from tests.factories.files import blank_pdf

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def _postgres_server() -> dict:
    params = connection.settings_dict
    return {
        "host": params["HOST"] or "127.0.0.1",
        "port": params["PORT"] or 5432,
        "user": params["USER"],
        "password": params["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }


@pytest.fixture
def empty_database(tmp_path):
    """A copy of the test database while it is empty (just migrated): a DATABASE_URL for the
    restoring process, and the settings of an alias to read it from here."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()
        yield f"sqlite:///{path}", {**connection.settings_dict, "NAME": str(path)}
        return
    name = f"inddrag_restore_{uuid.uuid4().hex[:8]}"
    server = _postgres_server()
    connections.close_all()  # a template may have no other connection while it is copied
    with psycopg.connect(**server) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{connection.settings_dict["NAME"]}"')
    params = connection.settings_dict
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    yield (
        f"postgres://{auth}@{server['host']}:{server['port']}/{name}",
        {**params, "NAME": name},
    )
    with psycopg.connect(**server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def restored_alias(empty_database):
    """The empty database as the alias ``restored``: a connection made here, not a setting, so
    the test case's guard lets it through."""
    _url, params = empty_database
    connections["restored"] = load_backend(params["ENGINE"]).DatabaseWrapper(params, "restored")
    yield "restored"
    connections["restored"].close()
    del connections["restored"]


def _populate() -> dict[str, bytes]:
    """Processes, users, contributions with attachments, an answer, e-mails and audit rows; the
    attachments' stored names and bytes."""
    staff = UserFactory(role="staff")
    citizen = UserFactory()
    process = ProcessFactory(status=Process.Status.OPEN, responsible=staff)
    process.districts.add(DistrictFactory(), DistrictFactory())
    process.participants.add(citizen)
    ActivityFactory(process=process)
    ProcessFactory(status=Process.Status.DRAFT)  # another centre, another staff member
    files = {}
    for n in range(3):
        contribution = ContributionFactory(process=process, text=f"Bidrag {n}: æøå “citat”")
        for m in range(2):
            data = blank_pdf() + f"%{n}-{m}".encode() + os.urandom(64)
            attachment = attach(contribution, f"bilag {n}-{m}.pdf", data)
            files[attachment.file.name] = data
        Notification.objects.create(
            kind=Notification.Kind.RECEIPT,
            to=contribution.email,
            subject="Tak for dit bidrag",
            body="Hej Anna",
            about=contribution,
        )
        log_access(staff, contribution, AccessLog.Action.VIEW, detail="bidrag")
    AnswerFactory(contribution=Contribution.objects.first())
    return files


def _restore(database_url: str, archive: Path, var_dir: Path, *args: str):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "INDDRAG_", "PROMETHEUS_"))
        and k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DATABASE_REPLICA_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="inddrag.settings",
        SECRET_KEY="r3st0re-" * 8,
        DATABASE_URL=database_url,
        INDDRAG_VAR_DIR=str(var_dir),
        INDDRAG_LOG_FORMAT="text",
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "restore", str(archive), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def _rows(alias: str) -> dict[str, list[tuple]]:
    """Every row of every table; a many-to-many table's rows without their own id (nothing
    refers to it: dumpdata writes the pairs, and loaddata numbers them anew)."""
    rows = {}
    for model in backup._tables():
        if model._meta.auto_created:
            columns = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
            rows[model._meta.label] = sorted(model._base_manager.using(alias).values_list(*columns))
        else:
            rows[model._meta.label] = list(
                model._base_manager.using(alias).order_by("pk").values_list()
            )
    return rows


def test_a_backup_restores_into_an_empty_database_row_for_row_and_byte_for_byte(
    empty_database, restored_alias, tmp_path
):
    database_url, _params = empty_database
    files = _populate()
    archive = tmp_path / "inddrag.tar.gz"

    call_command("backup", str(archive))

    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        assert sorted(tar.getnames()) == sorted(
            ["manifest.json", "data.jsonl", *(f"media/{name}" for name in files)]
        )
    assert manifest["counts"]["contributions.Attachment"] == 6
    assert manifest["counts"]["processes.Process_districts"] == 2
    assert "sessions.Session" not in manifest["counts"]
    assert set(manifest["files"]) == set(files)
    assert manifest["missing_files"] == []

    var_dir = tmp_path / "restored-var"
    result = _restore(database_url, archive, var_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the counts and checksums match" in result.stdout

    # Every row of every table, and the files byte for byte.
    source, restored = _rows("default"), _rows(restored_alias)
    assert source.keys() == restored.keys()
    for label in source:
        assert restored[label] == source[label], label
    for name, data in files.items():
        assert (var_dir / "media" / name).read_bytes() == data
        assert default_storage.open(name).read() == data
    # A generic reference still points at the same kind of row (content types kept their ids).
    email = Notification.objects.using(restored_alias).first()
    assert ContentType.objects.db_manager(restored_alias).get_for_id(email.about_type_id).model == (
        "contribution"
    )
    assert Attachment.objects.using(restored_alias).count() == 6
    # A new row gets the next free id (the sequences were reset).
    with connections[restored_alias].cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_accesslog (at, user_id, action, object_type, detail) "
            "VALUES (%s, %s, 'view', 'x', '')",
            [datetime.datetime.now(tz=datetime.UTC), source["accounts.User"][0][0]],
        )

    # A second restore into the now populated database is refused.
    again = _restore(database_url, archive, var_dir)
    assert again.returncode != 0
    assert "The database is not empty" in again.stderr


def test_restore_refuses_another_version_of_the_schema(empty_database, tmp_path):
    database_url, _params = empty_database
    archive = tmp_path / "inddrag.tar.gz"
    call_command("backup", str(archive))
    with tarfile.open(archive) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}
    manifest = json.loads(members["manifest.json"])
    manifest["migrations"].append("processes.9999_from_the_future")
    members["manifest.json"] = json.dumps(manifest).encode()
    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz") as tar:
        for name, body in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, __import__("io").BytesIO(body))
    result = _restore(database_url, other, tmp_path / "var")
    assert result.returncode != 0
    assert "processes.9999_from_the_future" in result.stderr
