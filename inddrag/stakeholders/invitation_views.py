"""The personal invitation link a stakeholder on a hearing list gets by e-mail.

Opening it remembers the hearing list entry in the session (server-side, so it cannot be forged
from the browser) and goes to the process page's contribution form, filled in for the
stakeholder. What is sent from that form is tied to that stakeholder, and only to them.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from inddrag.processes import permissions
from inddrag.processes.models import Process
from inddrag.stakeholders import services
from inddrag.stakeholders.models import HearingListEntry

SESSION_KEY = "hearing_invitations"  # {"<process pk>": <hearing list entry pk>}


def open_invitation(request: HttpRequest, token: str) -> HttpResponse:
    entry = services.entry_for_token(token)
    if entry is None:
        raise Http404
    process = entry.process
    if (
        process.is_case
        or process.status == Process.Status.DRAFT
        or not permissions.can_view(request.user, process)
    ):
        raise Http404
    invitations = dict(request.session.get(SESSION_KEY) or {})
    invitations[str(process.pk)] = entry.pk
    request.session[SESSION_KEY] = invitations
    if process.open_activity() is not None:
        messages.info(
            request,
            _("Welcome. The form below is filled in for %(name)s.") % {"name": entry.stakeholder},
        )
    response = redirect(process.get_absolute_url() + "#send-bidrag")
    response["Referrer-Policy"] = "no-referrer"
    patch_cache_control(response, private=True, no_store=True)
    return response


def invitation_for(request: HttpRequest, process: Process) -> HearingListEntry | None:
    """The invited entry of ``process`` remembered in this session, or None."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    entry_pk = (session.get(SESSION_KEY) or {}).get(str(process.pk))
    if not isinstance(entry_pk, int):
        return None
    return (
        HearingListEntry.objects.select_related("stakeholder")
        .filter(
            pk=entry_pk,
            process=process,
            state=HearingListEntry.State.ACCEPTED,
            invited_at__isnull=False,
        )
        .first()
    )
