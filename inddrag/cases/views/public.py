""" "Min sag": the citizen's page of their case — for the citizen, those taking part, a relative
with an active grant and a professional added with a role (the parts the role may see); a 404 to
everyone else."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inddrag.accounts.permissions import case_assurance_required
from inddrag.cases import services
from inddrag.cases.forms import GrantForm, MessageForm, WhatMattersForm
from inddrag.cases.models import (
    DECISION,
    FRAME,
    MEETINGS,
    STEPS,
    WHAT_MATTERS,
    CaseFile,
    CaseGrant,
    CaseMessageFile,
)
from inddrag.cases.sections import (
    WARN_DAYS,
    case_or_404,
    hearing_decision_parts,
    meeting_rows,
    viewer_or_404,
)
from inddrag.cases.services import Viewer
from inddrag.idempotency import services as idempotency
from inddrag.lib import downloads
from inddrag.lib.calendar import local_date
from inddrag.processes.models import FrameItem, Process
from inddrag.processes.permissions import VIEW, process_view, shown

PARTS = (FRAME, STEPS, WHAT_MATTERS, MEETINGS, DECISION)


def _page(
    request: HttpRequest,
    process: Process,
    case: CaseFile,
    form: WhatMattersForm,
    status: int,
    message_form: MessageForm | None = None,
    *,
    viewer: Viewer,
    grant_form: GrantForm | None = None,
    **state,
) -> HttpResponse:
    frame = list(process.frame_items.all())
    today = local_date(timezone.now())
    days_left = case.days_left(today)
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
        "viewer": viewer,
        "sees": {part: viewer.sees(part) for part in PARTS},
        "may_write": viewer.may_write,
        **hearing_decision_parts(case, viewer, timezone.now(), state),
        "meetings": meeting_rows(case, request.user, timezone.now(), state)
        if viewer.sees(MEETINGS)
        else [],
    }
    if viewer.sees_messages:
        context.update(_messages_context(request, process, case, message_form))
    if viewer.is_citizen:
        context.update(_access_context(case, grant_form, today))
    return render(request, "cases/public/my_case.html", context, status=status)


def _what_matters(case: CaseFile) -> WhatMattersForm:
    return WhatMattersForm(initial={"text": case.what_matters})


@require_http_methods(["GET", "HEAD", "POST"])
@process_view(VIEW)
@case_assurance_required
def my_case(request: HttpRequest, process: Process) -> HttpResponse:
    """The case as its citizen needs it; the citizen (or a relative who may write) writes "Det
    vigtigste for mig" here."""
    case = case_or_404(process)
    viewer = viewer_or_404(case, request.user)
    if request.method != "POST":
        return _page(request, process, case, _what_matters(case), 200, viewer=viewer)
    if not viewer.may_write:
        raise PermissionDenied
    form = WhatMattersForm(request.POST)
    if not form.is_valid():
        return _page(request, process, case, form, 422, viewer=viewer)
    services.save_what_matters(case, form.cleaned_data["text"], request.user)
    messages.success(
        request, _("Thank you. Your caseworker can now read what matters most to you.")
    )
    return redirect(reverse("cases:detail", args=[process.pk]) + "#det-vigtigste")


# --- Messages and "Hvem har set min sag" ----------------------------------------------------------


def _messages_context(
    request: HttpRequest, process: Process, case: CaseFile, form: MessageForm | None
) -> dict:
    """The thread (two queries), the form to write, and who of the staff has opened the case
    (one query)."""
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
@case_assurance_required
def send(request: HttpRequest, process: Process) -> HttpResponse:
    """The citizen (or a relative who may write) writes to the caseworker, with documents if
    they like (a double submit makes one message). Anyone else who sees the case: a 403."""
    case = case_or_404(process)
    viewer = viewer_or_404(case, request.user)
    if not viewer.may_write:
        raise PermissionDenied
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, process, case, _what_matters(case), 422, form, viewer=viewer)
    key = idempotency.form_key(request.POST.get(idempotency.FORM_FIELD))
    once = services.send_message(
        case,
        request.user,
        form.cleaned_data["text"],
        form.cleaned_data["attachments"],
        key=key,
        is_input=True,
    )
    if once.created:
        messages.success(
            request, _("Your message has been sent. Your caseworker will answer it here.")
        )
    return redirect(reverse("cases:detail", args=[process.pk]) + "#beskeder")


@require_http_methods(["GET", "HEAD"])
@process_view(VIEW)
@case_assurance_required
def attachment(request: HttpRequest, process: Process, file_pk: int) -> HttpResponse:
    """A document of a message in the case: to those who see the messages (a 404 to everyone
    else — a professional too — and for a document of another case). The download is logged as
    a view of the case."""
    case = case_or_404(process)
    if not viewer_or_404(case, request.user).sees_messages:
        raise Http404
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


# --- "Hvem kan se din sag": the citizen gives and withdraws access ------------------------------


def _access_context(case: CaseFile, form: GrantForm | None, today) -> dict:
    """Who can see the case: the caseworker, the professionals, every grant (active, expired,
    withdrawn: the history) — two queries — and the form to give access."""
    grants = services.grants_of(case)
    return {
        "grants": grants,
        "active_grants": [g for g in grants if g.is_active(today)],
        "professionals": services.professionals_of(case),
        "grant_form": form or GrantForm(today=today),
        "grant_token": idempotency.new_key(),
        "today": today,
    }


def _own_case(request: HttpRequest, process: Process) -> tuple[CaseFile, Viewer]:
    case = case_or_404(process)
    viewer = viewer_or_404(case, request.user)
    if not viewer.is_citizen:
        raise PermissionDenied
    return case, viewer


@require_http_methods(["POST"])
@process_view(VIEW)
@case_assurance_required
def grant(request: HttpRequest, process: Process) -> HttpResponse:
    """The citizen gives someone access to the case (see, or see and write) until a date; the
    person is e-mailed a link. A double submit gives one access."""
    case, viewer = _own_case(request, process)
    form = GrantForm(request.POST)
    if form.is_valid():
        key = idempotency.form_key(request.POST.get(idempotency.FORM_FIELD))
        try:
            once = services.grant_access(case, form.data_object(), request.user, key=key)
        except services.CaseRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            if once.created:
                messages.success(
                    request,
                    _("%(name)s can now see your case. We have sent them an e-mail.")
                    % {"name": form.cleaned_data["person"].display_name},
                )
            return redirect(reverse("cases:detail", args=[process.pk]) + "#hvem-kan-se")
    return _page(request, process, case, _what_matters(case), 422, viewer=viewer, grant_form=form)


@require_http_methods(["POST"])
@process_view(VIEW)
@case_assurance_required
def withdraw(request: HttpRequest, process: Process, grant_pk: int) -> HttpResponse:
    """The citizen withdraws an access they gave (or a fuldmagt); a guardianship or parental
    authority only the caseworker withdraws (a 403). Another case's grant: a 404."""
    case, _viewer = _own_case(request, process)
    found = CaseGrant.objects.filter(pk=grant_pk, case=case).select_related("person").first()
    if found is None:
        raise Http404
    if not found.citizen_may_withdraw:
        raise PermissionDenied
    if services.withdraw_grant(found, request.user):
        messages.success(
            request,
            _("%(name)s can no longer see your case.") % {"name": found.person.display_name},
        )
    return redirect(reverse("cases:detail", args=[process.pk]) + "#hvem-kan-se")
