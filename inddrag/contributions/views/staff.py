"""Staff pages for contributions: the inbox, screening, registering and answering.

Thin views: each parses the request, calls one function in ``services`` and renders. Only staff
who may edit the process see its contributions; to everyone else they are a 404. Every view of a
contribution's original text or attachments is noted for the access log (``audit.reads``): the
inbox and the pages of one contribution show the contributors' personal data.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.functions import Substr
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from inddrag.audit import reads
from inddrag.contributions import page, screening, services
from inddrag.contributions.filters import InboxFilter
from inddrag.contributions.forms import (
    AnswerForm,
    BulkAnswerForm,
    DeclineForm,
    RegisterForm,
)
from inddrag.contributions.models import (
    REDACTED,
    Answer,
    Attachment,
    Contribution,
    Flag,
)
from inddrag.idempotency import services as idempotency
from inddrag.idempotency.services import IdempotencyConflict
from inddrag.lib import downloads
from inddrag.principles.plan import ProcessPlan, contribution_stats
from inddrag.processes.models import Process
from inddrag.processes.permissions import EDIT, process_view

PAGE_SIZE = 25
EXCERPT_CHARS = 200  # read from the database for the inbox
EXCERPT_SHOWN = 140  # shown in the inbox, cut at a word


def _inbox_url(process: Process, query: str = "") -> str:
    url = reverse("staff:contributions:inbox", args=[process.pk])
    return f"{url}?{query}" if query else url


def _detail_url(contribution: Contribution, anchor: str = "") -> str:
    url = reverse("staff:contributions:detail", args=[contribution.process_id, contribution.pk])
    return f"{url}#{anchor}" if anchor else url


# --- The inbox ----------------------------------------------------------------------------------


def _excerpt(contribution: Contribution) -> str:
    """The first words, with everything the screening found hidden (even in the inbox)."""
    text = contribution.excerpt
    spans = [
        (f.start, min(f.end, len(text)))
        for f in contribution.flags.all()
        if f.attachment_id is None and f.start < len(text)
    ]
    text = " ".join(screening.redact(text, spans, REDACTED).split())
    if len(text) <= EXCERPT_SHOWN and len(contribution.excerpt) < EXCERPT_CHARS:
        return text
    cut = text[:EXCERPT_SHOWN].rsplit(" ", 1)[0]
    return f"{cut}…"


def _counts(process: Process) -> dict[str, int]:
    """Totals for the inbox's header: the plan's counts without the rest of the plan (the
    counters kept on the process and two indexed counts, one query)."""
    stats = contribution_stats(process)
    return {
        "total": stats.received,
        "unanswered": stats.unanswered,
        "drafts": stats.drafts,
        "published": stats.answers_published,
        "flagged": stats.flagged,
        "review": stats.awaiting_review,
    }


def _inbox_rows(process: Process):
    return (
        Contribution.objects.filter(process=process)
        .select_related("answer", "activity")
        .defer("text", "published_text", "answer__reason")
        .annotate(excerpt=Substr("text", 1, EXCERPT_CHARS))
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=Flag.objects.only(
                    "pk", "contribution_id", "attachment_id", "start", "end", "resolution"
                ),
            )
        )
        .order_by("-received_at", "-pk")
    )


def _inbox_page(
    request: HttpRequest,
    process: Process,
    answer_form: BulkAnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    # What the filter (the activities) and the answer form (the fixed frame items) list.
    prefetch_related_objects([process], "activities", "frame_items")
    filterset = InboxFilter(request.GET or None, queryset=_inbox_rows(process), process=process)
    ignored = False
    if filterset.is_bound and not filterset.is_valid():
        # An unknown filter value (e.g. an activity that was deleted) is dropped, and said so.
        data = request.GET.copy()
        for name in filterset.form.errors:
            data.pop(name, None)
        filterset = InboxFilter(data, queryset=_inbox_rows(process), process=process)
        ignored = True
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("side"))
    for contribution in page:
        flags = contribution.flags.all()
        contribution.n_flags = len(flags)
        contribution.n_open_flags = sum(1 for f in flags if f.resolution == Flag.Resolution.OPEN)
        contribution.preview = _excerpt(contribution)
    query = request.GET.copy()
    query.pop("side", None)
    reads.shown(request, process, "contributions " + ",".join(str(c.pk) for c in page))
    form = answer_form or BulkAnswerForm(process=process)
    selected = set(form.cleaned_data.get("contributions", [])) if form.is_bound else set()
    if form.is_bound and not selected:
        selected = {int(v) for v in request.POST.getlist("contributions") if v.isdigit()}
    return render(
        request,
        "contributions/staff/inbox.html",
        {
            "process": process,
            "filter": filterset,
            "ignored_filter": ignored,
            "page": page,
            "query": query.urlencode(),
            "full_query": request.GET.urlencode(),
            "counts": _counts(process),
            "answer_form": form,
            "selected": selected,
        },
        status=status,
    )


@process_view(EDIT, personal_data=True)
def inbox(request: HttpRequest, process: Process) -> HttpResponse:
    return _inbox_page(request, process)


@process_view(EDIT, personal_data=True)
@require_POST
def answer_many(request: HttpRequest, process: Process) -> HttpResponse:
    """Draft the same answer for every ticked contribution."""
    prefetch_related_objects([process], "frame_items")
    form = BulkAnswerForm(request.POST, process=process)
    valid = form.is_valid()
    ids = form.cleaned_data.get("contributions") or []
    chosen = list(Contribution.objects.filter(process=process, pk__in=ids))
    if len(chosen) != len(ids):
        raise Http404  # an id from another process, or one that does not exist
    if valid:
        drafted = page.draft_answers(form, chosen, request.user)
        if drafted is not None:
            page.report_drafts(request, drafted, len(chosen))
            return redirect(_inbox_url(process, request.GET.urlencode()))
    messages.error(request, _("No answers were saved. Correct the fields marked below."))
    return _inbox_page(request, process, answer_form=form, status=422)


@process_view(EDIT, plan=True)
def publish(request: HttpRequest, plan: ProcessPlan) -> HttpResponse:
    """Publish every drafted answer: first a page that says what becomes public and who is
    e-mailed — before the decision the answers are marked preliminary unless staff choose
    otherwise — then (POST) the step itself."""
    process = plan.process
    preview = services.publish_preview(process)
    if request.method != "POST":
        return render(
            request,
            "contributions/staff/publish.html",
            {"process": process, "preview": preview, "query": request.GET.urlencode()},
        )
    preliminary = not preview.decided and request.POST.get("preliminary") == "on"
    published = services.publish_answers(process, request.user, preliminary=preliminary)
    if published:
        messages.success(
            request,
            ngettext(
                "%(count)d answer was published.",
                "%(count)d answers were published.",
                published,
            )
            % {"count": published}
            + " "
            + ngettext(
                "%(count)d contributor gets their answer by e-mail.",
                "%(count)d contributors get their answer by e-mail.",
                preview.mailed,
            )
            % {"count": preview.mailed},
        )
    else:
        messages.info(request, _("There were no drafted answers to publish."))
    return redirect(_inbox_url(process, request.GET.urlencode()))


# --- One contribution ---------------------------------------------------------------------------


@process_view(EDIT, plan=True)
def detail(request: HttpRequest, plan: ProcessPlan, cid: int) -> HttpResponse:
    process = plan.process
    return page.render_detail(request, process, page.load_contribution(process, cid))


def _after_review(
    request: HttpRequest,
    process: Process,
    cid: int,
    decline_form: DeclineForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The screening section again (htmx), the whole page with errors, or back to the page."""
    if request.htmx:
        contribution = page.load_contribution(process, cid)
        reads.shown(request, contribution, "screening")
        context = {**page.review_context(process, contribution, decline_form), "partial": True}
        return render(request, "contributions/staff/_review.html", context, status=status)
    if decline_form is not None and decline_form.errors:
        contribution = page.load_contribution(process, cid)
        return page.render_detail(
            request, process, contribution, decline_form=decline_form, status=status
        )
    return redirect(reverse("staff:contributions:detail", args=[process.pk, cid]) + "#screening")


@process_view(EDIT, plan=True)
@require_POST
def resolve(request: HttpRequest, plan: ProcessPlan, cid: int, flag_pk: int) -> HttpResponse:
    """Redact or approve one finding."""
    process = plan.process
    flag = get_object_or_404(
        Flag.objects.select_related("contribution"),
        pk=flag_pk,
        contribution_id=cid,
        contribution__process=process,
    )
    resolution = request.POST.get("resolution", "")
    if resolution not in (Flag.Resolution.REDACTED, Flag.Resolution.APPROVED):
        raise Http404
    flag.contribution.process = process
    services.resolve_flag(flag, resolution, request.user)
    if resolution == Flag.Resolution.REDACTED:
        messages.success(request, _("The finding is hidden in the published version."))
    else:
        messages.success(request, _("The finding was approved and may be published."))
    return _after_review(request, process, cid)


@process_view(EDIT, plan=True)
@require_POST
def approve(request: HttpRequest, plan: ProcessPlan, cid: int) -> HttpResponse:
    process = plan.process
    contribution = page.contribution_to_change(process, cid)
    services.approve(contribution, request.user)  # sets the new publication state
    if contribution.publication == Contribution.Publication.PUBLISHED:
        messages.success(request, _("The contribution is approved and published."))
    else:
        messages.success(
            request,
            _(
                "The contribution is approved. It is published when every finding of the "
                "screening has been handled."
            ),
        )
    return _after_review(request, process, cid)


@process_view(EDIT, plan=True)
@require_POST
def decline(request: HttpRequest, plan: ProcessPlan, cid: int) -> HttpResponse:
    process = plan.process
    contribution = page.contribution_to_change(process, cid)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _after_review(request, process, cid, decline_form=form, status=422)
    services.decline(contribution, form.cleaned_data["reason"], request.user)
    messages.success(request, _("The contribution will not be published."))
    return _after_review(request, process, cid)


@process_view(EDIT, plan=True)
@require_POST
def answer_one(request: HttpRequest, plan: ProcessPlan, cid: int) -> HttpResponse:
    process = plan.process
    contribution = page.contribution_to_change(process, cid)
    existing = Answer.objects.filter(contribution=contribution).first()
    if existing and existing.is_published:
        messages.error(request, _("The answer is published and locked; it cannot be changed."))
        return redirect(_detail_url(contribution, "answer"))
    form = AnswerForm(request.POST, process=process)
    saved = form.is_valid() and page.draft_answers(form, [contribution], request.user)
    if form.is_valid() and not saved:
        messages.error(request, _("The answer is published and locked; it cannot be changed."))
        return redirect(_detail_url(contribution, "answer"))
    if saved:
        messages.success(
            request,
            _(
                "The answer was saved as a draft. It reaches the contributor when the answers "
                "are published from the inbox."
            ),
        )
        return redirect(_detail_url(contribution, "answer"))
    messages.error(request, _("The answer was not saved. Correct the fields marked below."))
    return page.render_detail(
        request, process, page.load_contribution(process, cid), answer_form=form, status=422
    )


@process_view(EDIT, plan=True)
def attachment(
    request: HttpRequest, plan: ProcessPlan, cid: int, attachment_pk: int
) -> FileResponse:
    """Download an attachment as it was received (staff only; logged)."""
    process = plan.process
    item = get_object_or_404(
        Attachment.objects.select_related("contribution"),
        pk=attachment_pk,
        contribution_id=cid,
        contribution__process=process,
    )
    response = downloads.download(
        item.file, filename=item.original_name, content_type=item.content_type
    )
    reads.shown(request, item.contribution, f"attachment {item.pk}")
    return response


# --- Registering a contribution received elsewhere ---------------------------------------------


@process_view(EDIT, plan=True)
def register(request: HttpRequest, plan: ProcessPlan) -> HttpResponse:
    """A letter, an e-mail, a phone call, a public meeting or workshop notes: saved with its
    source and time of receipt. The form's one-time token is the idempotency key, so a double
    submit creates one contribution."""
    process = plan.process
    if request.method != "POST":
        form = RegisterForm(process=process)
        return _register_page(request, process, form, idempotency.new_key())
    token = idempotency.form_key(request.POST.get(idempotency.FORM_FIELD))
    form = RegisterForm(request.POST, request.FILES, process=process)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
        return _register_page(request, process, form, token or idempotency.new_key(), status=422)

    data, files = form.submission()

    def register_with(key: str | None) -> services.SubmissionResult:
        return services.submit(
            process,
            data,
            files,
            source=form.cleaned_data["source"],
            registered_by=request.user,
            received_at=form.cleaned_data["received_at"],
            idempotency_key=key,
        )

    try:
        result = register_with(f"staff-{token}" if token else None)
    except IdempotencyConflict:
        # The form was sent again with other content (back, edit, send): a contribution of its own.
        result = register_with(None)
    contribution = result.contribution
    if not result.created:
        messages.info(
            request,
            _("This contribution was already registered as %(number)s.")
            % {"number": contribution.receipt_number},
        )
    else:
        messages.success(
            request,
            _("The contribution was registered as %(number)s.")
            % {"number": contribution.receipt_number},
        )
        if contribution.after_deadline:
            messages.warning(request, _("It was received after the deadline, and is marked so."))
    return redirect(_detail_url(contribution))


def _register_page(
    request: HttpRequest, process: Process, form: RegisterForm, token: str, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "contributions/staff/register.html",
        {"process": process, "form": form, "form_token": token},
        status=status,
    )
