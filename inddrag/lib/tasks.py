"""Enqueue a background task for rows the caller is writing, so that the rows never exist without
their task.

With the database task backend (production: ``django_tasks_db``, the tasks are rows in the same
database) the task is written *in the caller's transaction*: the rows and their task commit
together or not at all, and a worker sees the task only once it has committed. Enqueuing from an
on-commit callback instead leaves a gap: a process killed between the commit and the callback (a
gunicorn worker killed by SIGKILL or the OOM killer) leaves the rows without a task, and nothing
would ever send that e-mail — ``benchmarks/spike.py`` found 3 receipts of 1,000 never sent with
twenty workers killed. Any other backend (the immediate backend of the tests, a broker) gets the
task after the commit, so it never runs for rows that are rolled back.
"""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, router, transaction


def tasks_in_database(task: Any, using: str = DEFAULT_DB_ALIAS) -> bool:
    """True when ``task``'s backend stores tasks as rows in the database ``using``."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    return (
        isinstance(task.get_backend(), DatabaseBackend)
        and router.db_for_write(DBTaskResult) == using
    )


def enqueue_with_transaction(task: Any, *args: Any, using: str = DEFAULT_DB_ALIAS) -> None:
    """Enqueue ``task(*args)`` atomically with the caller's transaction on ``using`` (see above):
    in it with the database backend, after its commit with any other backend."""
    if tasks_in_database(task, using):
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args), using=using)
