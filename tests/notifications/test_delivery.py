"""The one outbox: queued in the caller's transaction, sent after commit, retried, scrubbed."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from inddrag.notifications import services
from inddrag.notifications.models import Notification
from tests.factories import ProcessFactory
from tests.notifications.backends import BROKEN, FLAKY, FlakyBackend

pytestmark = pytest.mark.django_db


def _queue(about, body: str = "Hej.", to: str = "anna@example.dk") -> Notification:
    return services.queue(
        kind=Notification.Kind.RECEIPT, to=to, subject="Kvittering", body=body, about=about
    )


def test_an_e_mail_is_sent_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    process = ProcessFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = _queue(process)
    assert mail.outbox == []
    assert notification.status == Notification.Status.PENDING
    callbacks[0]()
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.sent_at is not None
    assert [m.to for m in mail.outbox] == [["anna@example.dk"]]
    assert notification.about == process


def test_a_rolled_back_request_sends_nothing(django_capture_on_commit_callbacks):
    process = ProcessFactory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _queue(process)
        raise RuntimeError("the request failed")
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_failure_is_retried_and_then_delivered(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FLAKY
    FlakyBackend.calls = 0
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = _queue(ProcessFactory())
    notification.refresh_from_db()
    assert len(callbacks) == 2
    assert (notification.status, notification.attempts) == (Notification.Status.SENT, 2)
    assert notification.last_error == ""


def test_after_five_attempts_it_is_marked_failed(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = BROKEN
    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue(ProcessFactory())
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == services.MAX_DELIVERY_ATTEMPTS
    assert "the mail server is down" in notification.last_error


def test_a_sent_e_mail_is_not_sent_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue(ProcessFactory())
    assert services.deliver(notification.pk) == "skipped"
    assert services.deliver(10**9) == "skipped"
    assert len(mail.outbox) == 1


def test_registered_private_links_leave_the_outbox_once_sent(django_capture_on_commit_callbacks):
    token = "A" * 43
    body = f"Din kvittering: https://x.dk/bidrag/{token}/ og invitation https://x.dk/invitation/{token}/"
    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue(ProcessFactory(), body=body)
    notification.refresh_from_db()
    assert token in mail.outbox[0].body
    assert token not in notification.body
    assert "/bidrag/…/" in notification.body
    assert "/invitation/…/" in notification.body


def test_sent_recently_counts_per_kind_and_address():
    process = ProcessFactory()
    for _ in range(3):
        _queue(process, to="Anna@Example.dk")
    _queue(process, to="bo@example.dk")
    since = Notification.objects.order_by("created_at").first().created_at
    assert services.sent_recently(Notification.Kind.RECEIPT, "anna@example.dk", since) == 3
    assert services.sent_recently(Notification.Kind.ANSWER, "anna@example.dk", since) == 0


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_with_the_database_backend_the_task_commits_with_the_e_mail(
    settings, django_capture_on_commit_callbacks
):
    """Production's task backend: the task row is written in the same transaction as the e-mail,
    not by an on-commit callback — a process killed right after the commit (the spike test's
    SIGKILLed gunicorn worker) must not leave an e-mail that is never sent."""
    settings.TASKS = DATABASE_TASKS
    process = ProcessFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        notification = _queue(process)
        task = DBTaskResult.objects.get()
    assert callbacks == []  # nothing left for after the commit
    assert task.task_path == "inddrag.notifications.services.send_notification"
    assert task.args_kwargs["args"] == [notification.pk]
    assert task.status == "READY"
    assert task.task.call(*task.args_kwargs["args"]) == "sent"  # what the worker runs
    assert [m.to for m in mail.outbox] == [["anna@example.dk"]]


def test_with_the_database_backend_a_rolled_back_e_mail_leaves_no_task(settings):
    settings.TASKS = DATABASE_TASKS
    process = ProcessFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue(process)
        raise RuntimeError("the request failed")
    assert not Notification.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_with_the_database_backend_a_failed_send_is_retried_later(settings):
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = BROKEN
    notification = _queue(ProcessFactory())
    first = DBTaskResult.objects.get()
    assert services.deliver(notification.pk) == "retry"
    retry = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert retry.args_kwargs["args"] == [notification.pk]
    assert retry.run_after > timezone.now() + datetime.timedelta(minutes=1)
