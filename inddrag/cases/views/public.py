""" "Min sag": the citizen's page of their case (for its participants; a 404 to everyone else)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inddrag.cases import services
from inddrag.cases.forms import MessageForm, WhatMattersForm
from inddrag.cases.models import CaseFile, CaseMessageFile
from inddrag.cases.sections import (
    WARN_DAYS,
    case_or_404,
    hearing_decision_parts,
    meeting_rows,
)
from inddrag.idempotency import services as idempotency
from inddrag.lib import downloads
from inddrag.lib.calendar import local_date
from inddrag.processes.models import FrameItem, Process
from inddrag.processes.permissions import VIEW, process_view, shown


def _page(
    request: HttpRequest,
    process: Process,
    case: CaseFile,
    form: WhatMattersForm,
    status: int,
    message_form: MessageForm | None = None,
    **state,
) -> HttpResponse:
    frame = list(process.frame_items.all())
    days_left = case.days_left(local_date(timezone.now()))
    context = {
        "process": process,
        "case": case,
        "case_type": case.case_type,
        "steps": list(case.steps.all()),
        "current": case.current_step(),
        "open_items": [i for i in frame if i.kind == FrameItem.Kind.OPEN],
        "fixed_items": [i for i in frame if i.kind == FrameItem.Kind.FIXED],
        "days_left": days_left,
        "days_over": -days_left,
        "urgent": days_left <= WARN_DAYS,
        "form": form,
        "may_write": case.citizen_id == request.user.pk,
        **hearing_decision_parts(case, request.user, timezone.now(), state),
        "meetings": meeting_rows(case, request.user, timezone.now(), state),
        **_messages_context(request, process, case, message_form),
    }
    return render(request, "cases/public/my_case.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@process_view(VIEW)
def my_case(request: HttpRequest, process: Process) -> HttpResponse:
    """The case as its citizen needs it; the citizen writes "Det vigtigste for mig" here."""
    case = case_or_404(process)
    if request.method != "POST":
        return _page(
            request, process, case, WhatMattersForm(initial={"text": case.what_matters}), 200
        )
    if case.citizen_id != request.user.pk:
        raise PermissionDenied
    form = WhatMattersForm(request.POST)
    if not form.is_valid():
        return _page(request, process, case, form, 422)
    services.save_what_matters(case, form.cleaned_data["text"], request.user)
    messages.success(
        request, _("Thank you. Your caseworker can now read what matters most to you.")
    )
    return redirect(reverse("cases:detail", args=[process.pk]) + "#det-vigtigste")


# --- Messages and "Hvem har set min sag" ----------------------------------------------------------


def _messages_context(
    request: HttpRequest, process: Process, case: CaseFile, form: MessageForm | None
) -> dict:
    """The thread (two queries), the form to write (the case's citizen), and who of the staff
    has opened the case (one query)."""
    thread = services.messages_of(case)
    seen_by = services.seen_by_staff(process)
    return {
        "case_messages": thread,
        "unanswered": sum(1 for m in thread if m.unanswered),
        "message_form": form or MessageForm(),
        "message_token": idempotency.new_key(),
        "seen_by": seen_by,
        "seen_by_limit": services.SEEN_BY_ROWS,
    }


@require_http_methods(["POST"])
@process_view(VIEW)
def send(request: HttpRequest, process: Process) -> HttpResponse:
    """The citizen writes to the caseworker, with documents if they like (a double submit makes
    one message). Other participants may not write yet: a 403."""
    case = case_or_404(process)
    if case.citizen_id != request.user.pk:
        raise PermissionDenied
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        what_matters = WhatMattersForm(initial={"text": case.what_matters})
        return _page(request, process, case, what_matters, 422, message_form=form)
    key = idempotency.form_key(request.POST.get(idempotency.FORM_FIELD))
    once = services.send_message(
        case, request.user, form.cleaned_data["text"], form.cleaned_data["attachments"], key=key
    )
    if once.created:
        messages.success(
            request, _("Your message has been sent. Your caseworker will answer it here.")
        )
    return redirect(reverse("cases:detail", args=[process.pk]) + "#beskeder")


@require_http_methods(["GET", "HEAD"])
@process_view(VIEW)
def attachment(request: HttpRequest, process: Process, file_pk: int) -> HttpResponse:
    """A document of a message in the case: to its participants only (a 404 to everyone else,
    and for a document of another case). The download is logged as a view of the case."""
    document = (
        CaseMessageFile.objects.filter(pk=file_pk, message__case__process=process)
        .only("file", "original_name", "content_type", "message_id")
        .first()
    )
    if document is None:
        raise Http404
    shown(request, process, f"document {document.pk} of message {document.message_id}")
    return downloads.download(
        document.file, filename=document.original_name, content_type=document.content_type
    )
