"""Background tasks (Django's tasks API through django-tasks; database backend, `db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_notification(notification_id: int) -> str:
    from inddrag.contributions.services import deliver

    return deliver(notification_id)
