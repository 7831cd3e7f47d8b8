"""Shared set-ups for the hearing list, invitation and reminder tests."""

from __future__ import annotations

from inddrag.stakeholders import services
from inddrag.stakeholders.models import HearingListEntry


def accepted(process, stakeholder, **kwargs) -> HearingListEntry:
    return HearingListEntry.objects.create(
        process=process, stakeholder=stakeholder, reason="manual", state="accepted", **kwargs
    )


def invite(process, stakeholder) -> tuple[HearingListEntry, str]:
    """Put the stakeholder on the list and invite them; returns the entry and its link token."""
    entry = accepted(process, stakeholder)
    services.send_invitations(process)
    entry.refresh_from_db()
    return entry, services.invitation_token(entry)
