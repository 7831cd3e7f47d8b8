"""Background tasks (Django's tasks API through django-tasks; database backend, `db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def produce_memo(memo_id: int) -> str:
    from inddrag.memos.services import produce

    return produce(memo_id)
