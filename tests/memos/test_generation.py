"""Producing the memo in a background task: queued after commit, progress as it goes, done with
both files — or failed with the error, never left running."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from inddrag.memos import services
from inddrag.memos.models import Memo
from tests.factories.memos import memo_process
from tests.storages import disk_full_after_one_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(staff):
    return memo_process(staff)


@pytest.fixture
def steps():
    """Every progress (percent) the memo reports to the database while it is produced, read
    from the SQL that reaches the database — what the progress page polls."""
    seen: list[int] = []

    def record(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith("UPDATE") and "memos_memo" in sql and '"progress" = %s' in sql:
            position = sql[: sql.index('"progress" = %s')].count("%s")
            seen.append(params[position])
        return result

    with connection.execute_wrapper(record):
        yield seen


def test_request_queues_and_the_task_produces_both_files(
    data, staff, steps, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        memo = services.request_memo(data.process, staff)
        assert memo.status == Memo.Status.QUEUED
        assert memo.progress == 0
    assert len(callbacks) == 1
    memo.refresh_from_db()
    assert memo.status == Memo.Status.DONE
    assert memo.progress == 100
    assert memo.error == ""
    assert memo.finished_at is not None
    assert memo.requested_by == staff
    assert steps == [
        services.STARTED,
        services.GATHERED,
        services.DOCX_WRITTEN,
        services.PDF_WRITTEN,
        100,
    ]
    with memo.docx.open("rb") as handle:
        assert handle.read(2) == b"PK"
    with memo.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert memo.docx.name.endswith(".docx")
    # Stored under a random name; downloaded under the readable one (test_views).
    assert memo.pdf.name.startswith("memos/") and "lokalplan" not in memo.pdf.name


def test_with_the_database_backend_the_task_commits_with_the_memo(
    data, staff, settings, django_capture_on_commit_callbacks
):
    """Production's task backend: the task row is written in the request's transaction, so a
    process killed right after the commit does not leave a memo queued without its task."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        memo = services.request_memo(data.process, staff)
    assert callbacks == []
    task = DBTaskResult.objects.get()
    assert task.task_path == "inddrag.memos.services.produce_memo"
    assert task.args_kwargs["args"] == [memo.pk]


def test_nothing_is_enqueued_when_the_request_is_rolled_back(
    data, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        try:
            with transaction.atomic():
                services.request_memo(data.process, staff)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not Memo.objects.exists()


def test_a_failing_generation_ends_failed_with_the_error(
    data, staff, settings, steps, django_capture_on_commit_callbacks
):
    disk_full_after_one_file(settings)  # the DOCX is stored, then the disk is full
    with django_capture_on_commit_callbacks(execute=True):
        memo = services.request_memo(data.process, staff)
    memo.refresh_from_db()
    assert memo.status == Memo.Status.FAILED
    assert memo.error == "OSError: [Errno 28] No space left on device"
    assert memo.finished_at is not None
    assert steps[-1] == services.PDF_WRITTEN  # both were written; storing them failed
    assert not memo.docx
    assert not memo.pdf
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_a_failure_keeps_the_previous_memo(data, staff, settings):
    first = Memo.objects.create(process=data.process, requested_by=staff)
    assert services.produce(first.pk) == "done"
    disk_full_after_one_file(settings)
    second = Memo.objects.create(process=data.process, requested_by=staff)
    assert services.produce(second.pk) == "failed"
    assert services.latest_done(data.process) == first
    second.refresh_from_db()
    assert second.error.startswith("OSError")
    first.refresh_from_db()
    assert first.docx.storage.exists(first.docx.name)


def test_a_newer_memo_replaces_the_older_files(data, staff):
    first = Memo.objects.create(process=data.process, requested_by=staff)
    services.produce(first.pk)
    first.refresh_from_db()
    storage, name = first.docx.storage, first.docx.name
    assert storage.exists(name)
    second = Memo.objects.create(process=data.process, requested_by=staff)
    services.produce(second.pk)
    assert list(Memo.objects.filter(process=data.process)) == [second]
    assert not storage.exists(name)


def test_only_one_memo_at_a_time(data, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = services.request_memo(data.process, staff)
        again = services.request_memo(data.process, staff)
    assert again == first
    assert len(callbacks) == 1


def test_the_task_runs_once(data, staff):
    memo = Memo.objects.create(process=data.process, requested_by=staff)
    assert services.produce(memo.pk) == "done"
    assert services.produce(memo.pk) == "skipped"
    assert services.produce(999999) == "skipped"


def test_a_memo_a_worker_never_finished_is_failed_when_stale(data, staff):
    old = timezone.now() - services.STALE_AFTER - datetime.timedelta(minutes=1)
    stuck = Memo.objects.create(process=data.process, status=Memo.Status.RUNNING, progress=30)
    Memo.objects.filter(pk=stuck.pk).update(created_at=old)
    fresh = Memo.objects.create(process=data.process, status=Memo.Status.QUEUED)
    assert services.expire_stale(data.process) == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == Memo.Status.FAILED
    assert stuck.error == "Høringsnotatet blev ikke færdigt i tide. Prøv igen."
    assert fresh.status == Memo.Status.QUEUED


def test_file_names_spell_out_danish_letters(data):
    data.process.title = "Lokalplan for Måløv Øst & Ærtebjerg"
    assert services.file_name(data.process, "pdf") == (
        "hoeringsnotat-lokalplan-for-maaloev-oest-aertebjerg.pdf"
    )
