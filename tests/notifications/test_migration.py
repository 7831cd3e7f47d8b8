"""The data migration that merged the two outboxes into one loses nothing, and can go back."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("processes", "0004_process_topic_tags"),
    ("notifications", "0001_initial"),
    ("contributions", "0007_contribution_stakeholder"),
    ("stakeholders", "0002_hearingemail"),
]
AFTER = [
    ("processes", "0004_process_topic_tags"),
    ("notifications", "0002_merge_outboxes"),
    ("contributions", "0008_delete_notification"),
    ("stakeholders", "0003_delete_hearingemail"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_both_outboxes_are_merged_and_split_again():
    old = _migrate(BEFORE)
    User = old.get_model("accounts", "User")
    Centre = old.get_model("organisation", "Centre")
    Process = old.get_model("processes", "Process")
    Contribution = old.get_model("contributions", "Contribution")
    OldNotification = old.get_model("contributions", "Notification")
    Stakeholder = old.get_model("stakeholders", "Stakeholder")
    Entry = old.get_model("stakeholders", "HearingListEntry")
    HearingEmail = old.get_model("stakeholders", "HearingEmail")
    user = User.objects.create(username="p", role="staff")
    process = Process.objects.create(
        title="T", summary="S", centre=Centre.objects.create(name="C"), responsible=user
    )
    received = datetime.datetime(2026, 5, 1, 10, tzinfo=datetime.UTC)
    contribution = Contribution.objects.create(
        process=process, text="x", speaking_as="private", consent="none", received_at=received
    )
    sent = OldNotification.objects.create(
        contribution=contribution,
        kind="receipt",
        to="anna@example.dk",
        subject="Kvittering",
        body="Tak",
        status="sent",
        attempts=1,
        sent_at=received,
    )
    entry = Entry.objects.create(
        process=process,
        stakeholder=Stakeholder.objects.create(name="Seniorrådet", type="council", email="s@x.dk"),
        reason="must",
    )
    HearingEmail.objects.create(
        entry=entry,
        kind="invitation",
        to="s@x.dk",
        subject="Invitation",
        body="Kom",
        attempts=5,
        status="failed",
        last_error="nede",
    )

    new = _migrate(AFTER)
    Notification = new.get_model("notifications", "Notification")
    rows = {n.kind: n for n in Notification.objects.all()}
    assert set(rows) == {"receipt", "invitation"}
    receipt, invitation = rows["receipt"], rows["invitation"]
    assert (receipt.about_type.model, receipt.about_id) == ("contribution", contribution.pk)
    assert (receipt.to, receipt.status, receipt.sent_at) == ("anna@example.dk", "sent", received)
    assert receipt.created_at == sent.created_at
    assert (invitation.about_type.model, invitation.about_id) == ("hearinglistentry", entry.pk)
    assert (invitation.status, invitation.attempts, invitation.last_error) == ("failed", 5, "nede")

    back = _migrate(BEFORE)
    assert back.get_model("contributions", "Notification").objects.get().to == "anna@example.dk"
    assert back.get_model("stakeholders", "HearingEmail").objects.get().last_error == "nede"
    _migrate(_latest())


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
