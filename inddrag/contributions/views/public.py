"""Public pages for contributions: sending one from the process page, the private receipt, the
contributor's short evaluation after the decision, and a published contribution's attachment.
The form and "Det sagde I" are sections of the process page (``contributions/sections.py``)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from inddrag.contributions import services
from inddrag.contributions.forms import ContributionForm, ProjectEvaluationForm
from inddrag.contributions.models import Attachment, Contribution
from inddrag.contributions.sections import TakePart, invited_stakeholder
from inddrag.documents import services as document_services
from inddrag.idempotency import services as idempotency
from inddrag.idempotency.services import IdempotencyConflict
from inddrag.lib import downloads
from inddrag.lib.ratelimit import seconds_to_wait
from inddrag.principles.plan import ProcessPlan
from inddrag.processes import page, permissions
from inddrag.processes.models import Process
from inddrag.processes.permissions import VIEW, process_view


def _idempotency_key(form_token: str, text: str) -> str | None:
    """The form's key plus a digest of the text: a double click or a re-post (same key, same
    text) creates one contribution, while a citizen who goes back and writes something new on
    the same page gets a second one rather than silently losing the new text."""
    if idempotency.form_key(form_token) is None:
        return None
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{form_token}:{digest}"


@require_http_methods(["GET", "HEAD", "POST"])
@process_view(VIEW, plan=True)
def submit(request: HttpRequest, plan: ProcessPlan) -> HttpResponse:
    """Take a contribution from the form on the process page (POST, then redirect to the
    receipt). Works without JavaScript; the form's idempotency key stops double submits."""
    process = plan.process
    if process.status == Process.Status.DRAFT:
        raise Http404
    if request.method != "POST":
        return redirect(process.get_absolute_url() + "#send-bidrag")
    now = timezone.now()
    wait = seconds_to_wait(request, "form-contributions", settings.INDDRAG_FORM_RATE)
    if wait is not None:
        response = render(
            request,
            "contributions/public/too_many.html",
            {"process": process, "minutes": max(1, round(wait / 60))},
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
    form = ContributionForm(
        request.POST,
        request.FILES,
        process=process,
        stakeholder=invited_stakeholder(request, process),
    )
    form_token = request.POST.get(idempotency.FORM_FIELD, "")
    if not form.is_valid():
        activity = process.open_activity(now)
        if activity is None:
            return _closed(request, plan, form, process.closed_message(now))
        state = TakePart(activity, form, idempotency.form_key(form_token) or idempotency.new_key())
        return page.render_public(request, plan, now=now, status=422, state={"take_part": state})
    data, files = form.submission()
    key = _idempotency_key(form_token, data.text)
    try:
        try:
            result = services.submit(process, data, files, idempotency_key=key, now=now)
        except IdempotencyConflict:
            # The same page sent again with other details: a contribution of its own.
            result = services.submit(process, data, files, now=now)
    except services.ContributionClosed as closed:
        return _closed(request, plan, form, closed.message)
    if result.created:
        messages.success(request, _("Thank you. We have received your contribution."))
        return _to_receipt(result.token)
    if result.token:
        messages.info(request, _("We had already received this contribution. Here is its receipt."))
        return _to_receipt(result.token)
    return render(
        request,
        "contributions/public/already_received.html",
        {"contribution": result.contribution, "process": process},
    )


def _to_receipt(token: str) -> HttpResponse:
    # An own fragment, so the browser does not carry the form's "#send-bidrag" over; the page's
    # main region holds the confirmation.
    return redirect(reverse("contributions:receipt", args=[token]) + "#main-content")


def _closed(
    request: HttpRequest, plan: ProcessPlan, form: ContributionForm, message: str
) -> HttpResponse:
    """The deadline passed while the citizen was writing: say so, and give the text back."""
    state = TakePart(closed_message=message, kept_text=form["text"].value() or "")
    return page.render_public(request, plan, status=409, state={"take_part": state})


@require_safe
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The contributor's private page: what they sent, its status and, later, the answer.

    The token is a secret: only its hash is stored, and an unknown token is a plain 404."""
    if len(token) > 200:
        raise Http404
    contribution = (
        Contribution.objects.select_related("process__decision", "activity", "answer__frame_item")
        .prefetch_related("attachments", "flags")
        .filter(access_token_hash=Contribution.hash_token(token))
        .first()
    )
    if contribution is None:
        raise Http404
    answer = contribution.published_answer
    evaluation = services.evaluation_state(contribution)
    if answer is not None:
        document_services.attach_public_changes([contribution])
    label, explanation = contribution.status_for_contributor()
    response = render(
        request,
        "contributions/public/receipt.html",
        {
            "contribution": contribution,
            "process": contribution.process,
            "status_label": label,
            "status_explanation": explanation,
            "answer": answer,
            "changes": getattr(contribution, "public_changes", []),
            # The private link itself, to copy or print: the e-mail is only the fallback.
            "private_link": settings.INDDRAG_BASE_URL.rstrip("/") + contribution.receipt_url(token),
            # After the decision: the short evaluation ("open"), or thanks for it ("evaluated").
            "evaluation": evaluation,
            "evaluation_url": reverse("contributions:receipt_evaluation", args=[token]),
        },
    )
    return _private(response)


def _private(response: HttpResponse) -> HttpResponse:
    """A page behind a private link: not indexed, not cached, the link not passed on."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def evaluation(request: HttpRequest, token: str) -> HttpResponse:
    """The short evaluation after the decision, from the private link in the decision e-mail."""
    contribution = services.for_evaluation(token, receipt=False)
    return _evaluation(request, contribution, reverse("contributions:evaluation", args=[token]))


@require_http_methods(["GET", "HEAD", "POST"])
def receipt_evaluation(request: HttpRequest, token: str) -> HttpResponse:
    """The same evaluation, reached from the private receipt page."""
    contribution = services.for_evaluation(token, receipt=True)
    here = reverse("contributions:receipt_evaluation", args=[token])
    return _evaluation(request, contribution, here)


def _evaluation(request: HttpRequest, contribution: Contribution | None, here: str) -> HttpResponse:
    """Three questions, once per contribution, from the decision for ``EVALUATION_DAYS`` days.
    An unknown link, or one of an undecided project, is a 404; works without JavaScript."""
    if contribution is None:
        raise Http404
    now = timezone.now()
    state = services.evaluation_state(contribution, now)
    if state == "undecided":
        raise Http404
    process = contribution.process
    form = ProjectEvaluationForm()
    status = 410 if state == "closed" else 200
    context = {
        "process": process,
        "closes": services.evaluation_closes(process.decision),
        "here": here,
    }
    if request.method == "POST" and state == "evaluated":
        messages.info(request, _("We had already received your evaluation. Thank you."))
        return redirect(here)
    if request.method == "POST" and state == "open":
        wait = seconds_to_wait(request, "form-evaluations", settings.INDDRAG_FORM_RATE)
        if wait is not None:
            context.update(state="too_many", minutes=max(1, round(wait / 60)))
            response = render(request, "contributions/public/evaluation.html", context, status=429)
            response["Retry-After"] = str(wait)
            return _private(response)
        form = ProjectEvaluationForm(request.POST)
        if form.is_valid():
            try:
                services.evaluate_project(contribution, form.data_object(), now=now)
            except services.EvaluationRefused as refused:
                if not refused.already:  # closed while the contributor was answering
                    context.update(state="closed", form=form)
                    response = render(
                        request, "contributions/public/evaluation.html", context, status=410
                    )
                    return _private(response)
                messages.info(request, _("We had already received your evaluation. Thank you."))
            else:
                messages.success(request, _("Thank you for your evaluation."))
            return redirect(here)
        status = 422
    context.update(state=state, form=form)
    response = render(request, "contributions/public/evaluation.html", context, status=status)
    return _private(response)


@require_safe
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A published contribution's attachment, unless it was withheld; anything else is a 404."""
    item = (
        Attachment.objects.select_related("contribution__process")
        .filter(pk=pk, withheld=False, contribution__publication=Contribution.Publication.PUBLISHED)
        .first()
    )
    if item is None or not permissions.can_view(request.user, item.contribution.process):
        raise Http404
    return downloads.download(
        item.file, filename=item.original_name, content_type=item.content_type
    )
