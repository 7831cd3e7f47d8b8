"""The contributions' idempotency keys moved into the one table, hashed, with their fingerprint."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from inddrag.idempotency.services import _hash

BEFORE = [
    ("processes", "0004_process_topic_tags"),
    ("idempotency", "0001_initial"),
    ("contributions", "0008_delete_notification"),
]
AFTER = [
    ("processes", "0004_process_topic_tags"),
    ("idempotency", "0002_contribution_keys"),
    ("contributions", "0009_move_idempotency_keys"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_keys_move_from_the_contributions_to_the_one_table():
    old = _migrate(BEFORE)
    user = old.get_model("accounts", "User").objects.create(username="p", role="staff")
    process = old.get_model("processes", "Process").objects.create(
        title="T",
        summary="S",
        centre=old.get_model("organisation", "Centre").objects.create(name="C"),
        responsible=user,
    )
    contribution = old.get_model("contributions", "Contribution").objects.create(
        process=process,
        text="x",
        speaking_as="private",
        consent="none",
        received_at=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC),
        idempotency_key="client-key-1",
        idempotency_fingerprint="f" * 64,
    )
    new = _migrate(AFTER)
    row = new.get_model("idempotency", "IdempotencyKey").objects.get()
    scope = f"contributions:{process.pk}"
    assert (row.scope, row.key_hash) == (scope, _hash(scope, "client-key-1"))
    assert (row.object_id, row.fingerprint, row.sealed) == (contribution.pk, "f" * 64, "")
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
