"""Staff pages for the hearing memo: the preview with its files and progress, and the topics.

Only staff who may edit the process get here; to everyone else each page is a 404.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override
from django.views.decorators.http import require_POST

from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.contributions import staff_views as contribution_views
from inddrag.contributions.models import Answer, Contribution
from inddrag.memos import services
from inddrag.memos.content import build_memo, excerpt
from inddrag.memos.forms import AssignTopicForm, ContributionMemoForm, TopicForm
from inddrag.memos.labels import labels, period_line
from inddrag.memos.models import Memo, Topic
from inddrag.memos.views import serve
from inddrag.processes import permissions
from inddrag.processes.models import Process
from inddrag.processes.staff_views import staff_required

PAGE_SIZE = 25


def _process(request: HttpRequest, pk: int) -> Process:
    """The process with its plan, or 404 for anyone who may not edit it."""
    return permissions.load_or_404(request.user, pk, permissions.can_edit)


def _light(request: HttpRequest, pk: int) -> Process:
    """The process alone (for polling and downloads), or 404 for anyone who may not edit it."""
    process = Process.objects.filter(pk=pk).first()
    if process is None or not permissions.can_edit(request.user, process):
        raise Http404
    return process


def _preview_url(process: Process, anchor: str = "") -> str:
    url = reverse("memos_staff:preview", args=[process.pk])
    return f"{url}#{anchor}" if anchor else url


def _topics_url(process: Process, query: str = "") -> str:
    url = reverse("memos_staff:topics", args=[process.pk])
    return f"{url}?{query}" if query else url


# --- The memo -----------------------------------------------------------------------------------


def _state(process: Process) -> dict:
    services.expire_stale(process)
    memos = list(Memo.objects.filter(process=process)[:10])
    active = next((m for m in memos if m.status in services.ACTIVE), None)
    done = next((m for m in memos if m.status == Memo.Status.DONE), None)
    return {
        "process": process,
        "latest": memos[0] if memos else None,
        "active": active,
        "done": done,
        "is_public": process.kind == Process.Kind.PROJECT
        and process.status != Process.Status.DRAFT,
    }


@staff_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The memo as HTML, from the same content the files get, with the files and their state."""
    process = _process(request, pk)
    content = build_memo(process)
    with override(settings.LANGUAGE_CODE):
        text = labels()
        periods = [period_line(p) for p in content.hearing.periods]
        made = text.made % {"when": content.made}
    log_access(request.user, process, AccessLog.Action.VIEW, "hearing memo preview")
    context = {
        **_state(process),
        "memo": content,
        "text": text,
        "period_lines": periods,
        "made_line": made,
        "memo_language": settings.LANGUAGE_CODE,
    }
    return render(request, "memos/staff/preview.html", context)


@staff_required
@require_POST
def make(request: HttpRequest, pk: int) -> HttpResponse:
    process = _light(request, pk)
    memo = services.request_memo(process, request.user)
    if request.htmx:
        return render(request, "memos/staff/_progress.html", _state(process))
    if memo.status == Memo.Status.DONE:
        messages.success(request, _("The hearing memo is ready."))
    else:
        messages.success(
            request, _("The hearing memo is being made. This page shows when it is ready.")
        )
    return redirect(_preview_url(process, "memo-files"))


@staff_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress partial for htmx polling; 204 (nothing to swap) while nothing has changed."""
    process = _light(request, pk)
    state = _state(process)
    active = state["active"]
    if active is not None and request.GET.get("v") == f"{active.status}-{active.progress}":
        return HttpResponse(status=204)
    return render(request, "memos/staff/_progress.html", state)


@staff_required
def download(request: HttpRequest, pk: int, memo_pk: int, kind: str) -> FileResponse:
    """A memo's file for staff (also while the process is a draft)."""
    process = _light(request, pk)
    memo = get_object_or_404(Memo, pk=memo_pk, process=process, status=Memo.Status.DONE)
    memo.process = process
    return serve(memo, kind)


# --- Topics -------------------------------------------------------------------------------------


def _topic_rows(process: Process) -> list[Topic]:
    return list(process.topics.annotate(n=Count("contributions")))


def _assign_rows(process: Process, shown: str):
    rows = (
        Contribution.objects.filter(process=process)
        .select_related("topic")
        .only("pk", "receipt_number", "summary", "received_at", "topic__name", "speaking_as")
        .annotate(text_start=Substr("text", 1, 600))
        .order_by("received_at", "pk")
    )
    if shown == "none":
        rows = rows.filter(topic__isnull=True)
    elif shown.isdigit():
        rows = rows.filter(topic_id=int(shown))
    return rows


def _topics_page(
    request: HttpRequest,
    process: Process,
    form: TopicForm | None = None,
    assign_form: AssignTopicForm | None = None,
    rename: tuple[int, TopicForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    topics = _topic_rows(process)
    shown = request.GET.get("vis", "none")
    if shown not in ("none", "all") and not (
        shown.isdigit() and any(t.pk == int(shown) for t in topics)
    ):
        shown = "none"
    page = Paginator(_assign_rows(process, shown), PAGE_SIZE).get_page(request.GET.get("side"))
    for row in page:
        row.preview = excerpt(row.summary or row.text_start or "", 160)
    query = request.GET.copy()
    query.pop("side", None)
    selected = set()
    if assign_form is not None and assign_form.is_bound:
        selected = {int(v) for v in request.POST.getlist("contributions") if v.isdigit()}
    for topic in topics:
        if rename and rename[0] == topic.pk:
            topic.form = rename[1]
        else:
            topic.form = TopicForm(initial={"name": topic.name}, prefix=f"topic-{topic.pk}")
    return render(
        request,
        "memos/staff/topics.html",
        {
            "process": process,
            "topics": topics,
            "form": form or TopicForm(),
            "assign_form": assign_form or AssignTopicForm(process=process),
            "page": page,
            "shown": shown,
            "query": query.urlencode(),
            "full_query": request.GET.urlencode(),
            "selected": selected,
            "counts": Contribution.objects.filter(process=process).aggregate(
                total=Count("pk"), without=Count("pk", filter=Q(topic__isnull=True))
            ),
        },
        status=status,
    )


@staff_required
def topics(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    if request.method != "POST":
        return _topics_page(request, process)
    form = TopicForm(request.POST)
    if form.is_valid():
        try:
            topic = services.add_topic(process, form.cleaned_data["name"], request.user)
        except services.TopicError as error:
            form.add_error("name", error.message)
        else:
            messages.success(request, _("The topic “%(name)s” was added.") % {"name": topic.name})
            return redirect(_topics_url(process, request.GET.urlencode()) + "#topics")
    messages.error(request, _("The topic was not added. Correct the field marked below."))
    return _topics_page(request, process, form=form, status=422)


@staff_required
@require_POST
def topic_rename(request: HttpRequest, pk: int, topic_pk: int) -> HttpResponse:
    process = _process(request, pk)
    topic = get_object_or_404(Topic, pk=topic_pk, process=process)
    form = TopicForm(request.POST, prefix=f"topic-{topic.pk}")
    if form.is_valid():
        old = topic.name
        try:
            services.rename_topic(topic, form.cleaned_data["name"], request.user)
        except services.TopicError as error:
            form.add_error("name", error.message)
        else:
            if old != topic.name:
                messages.success(
                    request,
                    _("The topic “%(old)s” is now called “%(name)s”.")
                    % {"old": old, "name": topic.name},
                )
            return redirect(_topics_url(process, request.GET.urlencode()) + "#topics")
    messages.error(request, _("The topic was not renamed. Correct the field marked below."))
    return _topics_page(request, process, rename=(topic.pk, form), status=422)


@staff_required
@require_POST
def topic_delete(request: HttpRequest, pk: int, topic_pk: int) -> HttpResponse:
    process = _process(request, pk)
    topic = get_object_or_404(Topic, pk=topic_pk, process=process)
    name = topic.name
    count = services.delete_topic(topic, request.user)
    message = _("The topic “%(name)s” was deleted.") % {"name": name}
    if count:
        message += " " + ngettext(
            "Its %(count)d contribution is now under “Other contributions”.",
            "Its %(count)d contributions are now under “Other contributions”.",
            count,
        ) % {"count": count}
    messages.success(request, message)
    query = request.GET.copy()
    if query.get("vis") == str(topic_pk):
        query.pop("vis")
    return redirect(_topics_url(process, query.urlencode()) + "#topics")


@staff_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """One topic for every ticked contribution."""
    process = _process(request, pk)
    form = AssignTopicForm(request.POST, process=process)
    if not form.is_valid():
        messages.error(request, _("No topics were set. Correct the fields marked below."))
        return _topics_page(request, process, assign_form=form, status=422)
    ids = form.cleaned_data["contributions"]
    if Contribution.objects.filter(process=process, pk__in=ids).count() != len(ids):
        raise Http404  # an id from another process, or one that does not exist
    topic = form.cleaned_data["topic"]
    count = services.assign_topic(process, ids, topic, request.user)
    if topic is None:
        text = ngettext(
            "%(count)d contribution now has no topic.",
            "%(count)d contributions now have no topic.",
            count,
        ) % {"count": count}
    else:
        text = ngettext(
            "%(count)d contribution now has the topic “%(name)s”.",
            "%(count)d contributions now have the topic “%(name)s”.",
            count,
        ) % {"count": count, "name": topic.name}
    messages.success(request, text)
    return redirect(_topics_url(process, request.GET.urlencode()) + "#assign")


# --- One contribution (its form sits on the contribution's staff page) -------------------------


@staff_required
@require_POST
def contribution(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    """Save a contribution's summary, topic and (on a draft answer) recommendation."""
    process = _process(request, pk)
    item = contribution_views._plain(process, cid)
    answer = Answer.objects.filter(contribution=item).first()
    form = ContributionMemoForm(request.POST, process=process, answer=answer)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
        return contribution_views._detail_page(
            request,
            process,
            contribution_views._load(process, cid),
            memo_form=form,
            status=422,
        )
    data = form.cleaned_data
    saved = services.set_memo_fields(
        item,
        summary=data["summary"],
        topic=data["topic"],
        recommendation=data.get("recommendation") if form.takes_recommendation else None,
        user=request.user,
    )
    if saved:
        messages.success(request, _("Saved for the hearing memo."))
    else:
        messages.warning(
            request,
            _(
                "The summary and topic were saved. The recommendation was not: the answer was "
                "published in the meantime and is locked."
            ),
        )
    return redirect(contribution_views._detail_url(item, "memo"))
