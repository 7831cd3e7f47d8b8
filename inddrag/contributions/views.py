"""Public pages for contributions: taking part on the process page, the private receipt, and
"Det sagde I — det gjorde vi" (the published contributions with the municipality's answers).

Principle 2: anyone can take part without an account, nothing they write is lost, and everyone
can see what was said and what the municipality did with it.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from inddrag.audit.services import log_access
from inddrag.contributions import services
from inddrag.contributions.forms import ContributionForm
from inddrag.contributions.models import Answer, Attachment, Contribution
from inddrag.idempotency import services as idempotency
from inddrag.idempotency.services import IdempotencyConflict
from inddrag.lib.ratelimit import seconds_to_wait
from inddrag.processes import permissions
from inddrag.processes.models import Process

FORM_TOKEN = idempotency.FORM_FIELD
PAGE_PARAM = "bidrag_side"
SEARCH_PARAM = "q_bidrag"
PARAGRAPH_PARAM = "afsnit"  # "<version pk>:<block id>": the paragraph the form starts with


# --- The form's idempotency key ------------------------------------------------------------------
#
# Each rendered form carries a fresh key. The idempotency key is that key plus a digest of the
# text, so a double click or a re-post (same key, same text) creates one contribution, while a
# citizen who goes back and writes something new on the same page gets a second one rather than
# silently losing the new text.


def _idempotency_key(form_token: str, text: str) -> str | None:
    if idempotency.form_key(form_token) is None:
        return None
    return f"{form_token}:{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"


# --- The process page: the form and "Det sagde I — det gjorde vi" -------------------------------


@dataclass
class TakePart:
    activity: object | None
    form: ContributionForm | None
    form_token: str
    closed_message: str
    kept_text: str = ""


def take_part(
    process: Process,
    now: datetime.datetime,
    *,
    form: ContributionForm | None = None,
    form_token: str = "",
    closed: str = "",
    kept_text: str = "",
    paragraph: str = "",
    stakeholder=None,
) -> TakePart | None:
    """The form while an activity takes contributions, otherwise why not and what happens next."""
    if process.status == Process.Status.DRAFT:
        return None
    activity = None if closed else process.open_activity(now)
    if activity is None:
        return TakePart(None, None, "", closed or process.closed_message(now), kept_text)
    if idempotency.form_key(form_token) is None:
        form_token = idempotency.new_key()
    if form is None:
        # "Kommentér dette afsnit" on a hearing version links here with the paragraph chosen.
        initial = {"paragraph": paragraph} if paragraph else {}
        if stakeholder is not None:
            # Opened through a stakeholder's personal invitation link: filled in for them.
            from inddrag.stakeholders.services import speaking_as_for

            initial |= {
                "speaking_as": speaking_as_for(stakeholder),
                "on_behalf_of": stakeholder.name,
                "name": stakeholder.contact_name,
                "email": stakeholder.email,
            }
        form = ContributionForm(process=process, initial=initial, stakeholder=stakeholder)
    return TakePart(activity, form, form_token, "")


@dataclass
class Feedback:
    received: int
    answered: int
    outcomes: list[tuple[str, str, int]]
    page: object
    query: str
    page_query: str


def _public_answer(contribution: Contribution) -> Answer | None:
    answer = getattr(contribution, "answer", None)
    return answer if answer is not None and answer.is_published else None


def feedback(request: HttpRequest, process: Process) -> Feedback | None:
    """The summary and the published contributions, each with its published answer."""
    received = getattr(process, "n_contributions", None)
    if received is None:
        received = process.contributions.count()
    if not received:
        return None
    counts = dict(
        Answer.objects.filter(contribution__process=process, published_at__isnull=False)
        .order_by()
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .values_list("outcome", "n")
    )
    outcomes = [
        (code, label, counts[code]) for code, label in Answer.Outcome.choices if code in counts
    ]
    query = request.GET.get(SEARCH_PARAM, "").strip()[:200]
    published = (
        Contribution.objects.published()
        .filter(process=process)
        .select_related("answer__frame_item")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=Attachment.objects.filter(withheld=False),
                to_attr="public_attachments",
            )
        )
        .order_by("-received_at", "-pk")
    )
    if query:
        published = published.filter(published_text__icontains=query)
    page = Paginator(published, settings.INDDRAG_CONTRIBUTIONS_PAGE_SIZE).get_page(
        request.GET.get(PAGE_PARAM)
    )
    for contribution in page:
        contribution.public_answer = _public_answer(contribution)
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    return Feedback(
        received=received,
        answered=sum(counts.values()),
        outcomes=outcomes,
        page=page,
        query=query,
        page_query=params.urlencode(),
    )


def process_page_context(
    request: HttpRequest, process: Process, now: datetime.datetime, **take_part_kwargs
) -> dict:
    if "form" not in take_part_kwargs:
        take_part_kwargs["paragraph"] = request.GET.get(PARAGRAPH_PARAM, "")[:40]
        take_part_kwargs["stakeholder"] = _invited_stakeholder(request, process)
    return {
        "take_part": take_part(process, now, **take_part_kwargs),
        "feedback": feedback(request, process),
    }


def _invited_stakeholder(request: HttpRequest, process: Process):
    """The stakeholder whose invitation link was opened in this session for this process."""
    from inddrag.stakeholders.invitation_views import invitation_for

    entry = invitation_for(request, process)
    return entry.stakeholder if entry is not None else None


def _process_page(request: HttpRequest, process: Process, status: int, **kwargs) -> HttpResponse:
    from inddrag.processes.views import render_detail

    return render_detail(request, process, status=status, **kwargs)


# --- Sending a contribution ---------------------------------------------------------------------


def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a contribution from the form on the process page (POST, then redirect to the
    receipt). Without JavaScript, with a one-time token against double submits."""
    process = permissions.load_or_404(request.user, pk, permissions.can_view)
    if process.status == Process.Status.DRAFT:
        raise Http404
    if request.method != "POST":
        return redirect(process.get_absolute_url() + "#send-bidrag")
    if process.is_case:
        log_access(request.user, process, detail="contribution form")
    now = timezone.now()
    wait = seconds_to_wait(request, "form-contributions", settings.INDDRAG_FORM_RATE)
    if wait is not None:
        response = render(
            request,
            "contributions/too_many.html",
            {"process": process, "minutes": max(1, round(wait / 60))},
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
    form = ContributionForm(
        request.POST,
        request.FILES,
        process=process,
        stakeholder=_invited_stakeholder(request, process),
    )
    form_token = request.POST.get(FORM_TOKEN, "")
    if not form.is_valid():
        if process.open_activity(now) is None:
            return _closed(request, process, form, process.closed_message(now))
        return _process_page(
            request, process, status=422, now=now, form=form, form_token=form_token
        )
    data, files = form.submission()
    key = _idempotency_key(form_token, data.text)
    try:
        try:
            result = services.submit(process, data, files, idempotency_key=key, now=now)
        except IdempotencyConflict:
            # The same page sent again with other details: a contribution of its own.
            result = services.submit(process, data, files, now=now)
    except services.ContributionClosed as closed:
        return _closed(request, process, form, closed.message)
    if result.created:
        messages.success(request, _("Thank you. We have received your contribution."))
        return _to_receipt(result.token)
    if result.token:
        messages.info(request, _("We had already received this contribution. Here is its receipt."))
        return _to_receipt(result.token)
    return render(
        request,
        "contributions/already_received.html",
        {"contribution": result.contribution, "process": process},
    )


def _to_receipt(token: str) -> HttpResponse:
    # An own fragment, so the browser does not carry the form's "#send-bidrag" over; the page's
    # main region holds the confirmation.
    return redirect(reverse("contributions:receipt", args=[token]) + "#main-content")


def _closed(
    request: HttpRequest, process: Process, form: ContributionForm, message: str
) -> HttpResponse:
    """The deadline passed while the citizen was writing: say so, and give the text back."""
    return _process_page(
        request, process, status=409, closed=message, kept_text=form["text"].value() or ""
    )


# --- The private receipt ------------------------------------------------------------------------


def _status(contribution: Contribution) -> tuple[str, str]:
    states = Contribution.Publication
    if contribution.publication == states.PUBLISHED:
        return _("Published"), _("Your contribution can be read on the process page.")
    if contribution.publication == states.DECLINED:
        return _("Not published"), contribution.decline_reason
    if contribution.internal:
        return _("Not published"), _(
            "You marked your contribution as internal. It is never published, but we read it, "
            "answer it and count it."
        )
    if contribution.publication == states.PRIVATE:
        return _("Not published"), _(
            "You chose that your contribution should not be published. We still read it, "
            "answer it and count it."
        )
    if contribution.open_flags:
        return _("Being checked"), _(
            "We check every contribution for personal data, such as CPR numbers, before it is "
            "published."
        )
    return _("Awaiting publication"), _(
        "A member of staff reads your contribution before it is published."
    )


def receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The contributor's private page: what they sent, its status and, later, the answer.

    The token is a secret: only its hash is stored, and an unknown token is a plain 404."""
    if len(token) > 200:
        raise Http404
    contribution = (
        Contribution.objects.select_related("process", "activity", "answer__frame_item")
        .prefetch_related("attachments", "flags")
        .filter(access_token_hash=Contribution.hash_token(token))
        .first()
    )
    if contribution is None:
        raise Http404
    label, explanation = _status(contribution)
    response = render(
        request,
        "contributions/receipt.html",
        {
            "contribution": contribution,
            "process": contribution.process,
            "status_label": label,
            "status_explanation": explanation,
            "answer": _public_answer(contribution),
        },
    )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- Attachments of published contributions -----------------------------------------------------


def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A published contribution's attachment, unless it was withheld; anything else is a 404."""
    item = (
        Attachment.objects.select_related("contribution__process")
        .filter(pk=pk, withheld=False, contribution__publication=Contribution.Publication.PUBLISHED)
        .first()
    )
    if item is None or not permissions.can_view(request.user, item.contribution.process):
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
