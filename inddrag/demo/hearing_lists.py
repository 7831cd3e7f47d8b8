"""Demo hearing lists (called by ``manage.py seed_demo`` after the demo contributions).

For each published demo project: the suggestions are refreshed, the statutory ones and the two
best "should" suggestions are accepted, one "look beyond" suggestion is accepted and one
dismissed with a reason; processes whose hearing has begun are marked invited (no e-mail is sent
from the demo), and contributions sent on behalf of a stakeholder are tied to it, so the list
shows who answered. Running it again gives the same result.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from inddrag.accounts.models import User
from inddrag.contributions.models import Contribution
from inddrag.processes.models import Process
from inddrag.stakeholders import services
from inddrag.stakeholders.models import HearingListEntry

State = HearingListEntry.State
Reason = HearingListEntry.Reason


@transaction.atomic
def seed_hearing_lists(now: datetime.datetime) -> int:
    """Returns the number of accepted entries over all demo processes."""
    staff = User.objects.filter(role=User.Role.STAFF).order_by("pk").first()
    accepted = 0
    processes = Process.objects.public().filter(topic_tags__isnull=False).distinct()
    for process in processes:
        services.refresh_suggestions(process)
        entries = list(
            HearingListEntry.objects.filter(process=process).select_related("stakeholder")
        )
        should = sorted((e for e in entries if e.reason == Reason.SHOULD), key=lambda e: -e.score)[
            :2
        ]
        beyond = sorted((e for e in entries if e.reason == Reason.BEYOND), key=lambda e: -e.score)
        for entry in entries:
            if entry.state != State.SUGGESTED:
                continue
            if entry.reason == Reason.MUST or entry in should or entry in beyond[:1]:
                services.accept(entry, staff)
            elif entry in beyond[1:2]:
                services.dismiss(
                    entry, "Ikke relevant for netop dette forløb; inddrages i næste fase.", staff
                )
        started = process.status != Process.Status.PUBLISHED
        listed = HearingListEntry.objects.filter(process=process, state=State.ACCEPTED)
        if started:
            # Invited two weeks ago, with a personal link that works (no e-mail is sent).
            for entry in listed.filter(invited_at__isnull=True):
                entry.invited_at = now - datetime.timedelta(days=14)
                entry.token_hash = HearingListEntry.hash_token(services.invitation_token(entry))
                entry.save(update_fields=["invited_at", "token_hash"])
        names = {e.stakeholder.name: e.stakeholder for e in listed.select_related("stakeholder")}
        for contribution in Contribution.objects.filter(process=process, stakeholder__isnull=True):
            stakeholder = names.get(contribution.on_behalf_of)
            if stakeholder is not None:
                contribution.stakeholder = stakeholder
                contribution.save(update_fields=["stakeholder"])
        accepted += listed.count()
    return accepted
