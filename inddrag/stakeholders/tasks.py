"""Background tasks for the hearing list: delivering invitations and reminders."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_hearing_email(email_id: int) -> str:
    from inddrag.stakeholders.services import deliver

    return deliver(email_id)
