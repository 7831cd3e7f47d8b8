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
from django.views.decorators.http import require_safe

from inddrag.processes import permissions
from inddrag.stakeholders import services


@require_safe
def open_invitation(request: HttpRequest, token: str) -> HttpResponse:
    entry = services.entry_for_token(token)
    if entry is None or not permissions.can_view_publicly(request.user, entry.process):
        raise Http404
    process = entry.process
    services.remember_invitation(request.session, entry)
    if process.open_activity() is not None:
        messages.info(
            request,
            _("Welcome. The form below is filled in for %(name)s.") % {"name": entry.stakeholder},
        )
    response = redirect(process.get_absolute_url() + "#send-bidrag")
    response["Referrer-Policy"] = "no-referrer"
    patch_cache_control(response, private=True, no_store=True)
    return response
