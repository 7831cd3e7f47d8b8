"""Recording changes to private processes and personal data.

Writes are logged here, by the service that makes them (``log_access``: action "change" or
"transition"). Views of personal data are logged by ``inddrag.audit.reads`` after the response.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from inddrag.audit.models import AccessLog


def log_access(user, obj: models.Model, action: str, detail: str = "") -> None:
    """Append one entry to the access log (anonymous users are refused before they get here)."""
    if not getattr(user, "is_authenticated", False):
        return
    AccessLog.objects.create(
        user=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        detail=detail[:300],
    )


def log_access_many(
    user, objects: Iterable[models.Model], action: str = AccessLog.Action.VIEW, detail: str = ""
) -> int:
    """One entry per object, written in one query (e.g. every record a person search showed)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    entries = [
        AccessLog(
            user=user,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=obj.pk,
            detail=detail[:300],
        )
        for obj in objects
    ]
    AccessLog.objects.bulk_create(entries, batch_size=500)
    return len(entries)
