"""Staff pages for the hearing memo: the preview with its files and progress, and the topics.

Only staff who may edit the process get here; to everyone else each page is a 404. The memo
(names given with consent, summaries) and the topics page (the contributions' first words) show
the contributors' personal data: their views are logged (``personal_data=True``).
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

from inddrag.audit import reads
from inddrag.contributions import page as contribution_page
from inddrag.contributions.models import Answer, Contribution
from inddrag.memos import page, services
from inddrag.memos.forms import AssignTopicForm, ContributionMemoForm, TopicForm
from inddrag.memos.gathering import build_preview, excerpt
from inddrag.memos.models import Memo, MemoTopic
from inddrag.memos.views.public import serve
from inddrag.memos.wording import labels, period_line
from inddrag.processes.models import Process
from inddrag.processes.permissions import EDIT, process_view

PAGE_SIZE = 25
PREVIEW_PAGE_SIZE = 50  # contributions on a page of the memo's preview


def _preview_url(process: Process, anchor: str = "") -> str:
    url = reverse("staff:memos:preview", args=[process.pk])
    return f"{url}#{anchor}" if anchor else url


def _topics_url(process: Process, query: str = "") -> str:
    url = reverse("staff:memos:topics", args=[process.pk])
    return f"{url}?{query}" if query else url


# --- The memo -----------------------------------------------------------------------------------


def _state(process: Process) -> dict:
    state = services.memo_state(process)
    return {
        "process": process,
        "latest": state.latest,
        "active": state.active,
        "done": state.done,
        "published": state.published,
        "is_public": process.kind == Process.Kind.PROJECT
        and process.status != Process.Status.DRAFT,
    }


def preview_url(process: Process, contribution_pk: int) -> str:
    """The preview's page that has the contribution, at the contribution."""
    url = reverse("staff:memos:preview", args=[process.pk])
    return f"{url}?bidrag={contribution_pk}#bidrag-{contribution_pk}"


@process_view(EDIT, projects_only=True, personal_data=True)
def preview(request: HttpRequest, process: Process) -> HttpResponse:
    """The memo as HTML, from the same content the files get, with the files and their state:
    its structure and counts in full, its contributions a page at a time (``?side=``; or the
    page that has ``?bidrag=<id>``)."""
    wanted = request.GET.get("bidrag", "")
    memo = build_preview(
        process,
        request.GET.get("side"),
        contribution=int(wanted) if wanted.isdigit() else None,
        per_page=PREVIEW_PAGE_SIZE,
    )
    content = memo.content
    with override(settings.LANGUAGE_CODE):
        text = labels()
        periods = [period_line(p) for p in content.hearing.periods] if content.hearing else []
        made = text.made % {"when": content.made}
    page = memo.page
    context = {
        **_state(process),
        "memo": content,
        "preview": memo,
        "page": page,
        "shown_from": page.start_index(),
        "shown_to": page.end_index(),
        "last_page": page.paginator.num_pages,
        "text": text,
        "period_lines": periods,
        "made_line": made,
        "memo_language": settings.LANGUAGE_CODE,
    }
    return render(request, "memos/staff/preview.html", context)


@process_view(EDIT, projects_only=True)
@require_POST
def make(request: HttpRequest, process: Process) -> HttpResponse:
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


@process_view(EDIT, projects_only=True)
def publish(request: HttpRequest, process: Process, memo_pk: int) -> HttpResponse:
    """Make a finished memo the public one: first a page that says what becomes public and
    where, then (POST) the step itself."""
    memo = get_object_or_404(Memo, pk=memo_pk, process=process, status=Memo.Status.DONE)
    if process.status == Process.Status.DRAFT:
        messages.error(request, _("Publish the process first: a draft has no public page."))
        return redirect(_preview_url(process, "memo-files"))
    if request.method == "POST":
        services.publish_memo(memo, request.user)
        messages.success(
            request,
            _("The hearing memo is published: anyone can download it from the process's page."),
        )
        return redirect(_preview_url(process, "memo-files"))
    context = {"process": process, "memo": memo, "replaces": _state(process)["published"]}
    return render(request, "memos/staff/publish.html", context)


@process_view(EDIT, projects_only=True)
def progress(request: HttpRequest, process: Process) -> HttpResponse:
    """The progress partial for htmx polling; 204 (nothing to swap) while nothing has changed."""
    state = _state(process)
    active = state["active"]
    if active is not None and request.GET.get("v") == f"{active.status}-{active.progress}":
        return HttpResponse(status=204)
    return render(request, "memos/staff/_progress.html", state)


@process_view(EDIT, projects_only=True, personal_data=True)
def download(request: HttpRequest, process: Process, memo_pk: int, kind: str) -> FileResponse:
    """A memo's file for staff (also while the process is a draft)."""
    memo = get_object_or_404(Memo, pk=memo_pk, process=process, status=Memo.Status.DONE)
    memo.process = process
    reads.shown(request, process, f"memo {memo.pk} {kind}")
    return serve(memo, kind)


# --- Topics -------------------------------------------------------------------------------------


def _topic_rows(process: Process) -> list[MemoTopic]:
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
    reads.shown(request, process, "contributions " + ",".join(str(row.pk) for row in page))
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


@process_view(EDIT, projects_only=True, personal_data=True)
def topics(request: HttpRequest, process: Process) -> HttpResponse:
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


@process_view(EDIT, projects_only=True)
@require_POST
def topic_rename(request: HttpRequest, process: Process, topic_pk: int) -> HttpResponse:
    topic = get_object_or_404(MemoTopic, pk=topic_pk, process=process)
    form = page.rename_from_form(request, topic)
    if form is None:
        return redirect(_topics_url(process, request.GET.urlencode()) + "#topics")
    return _topics_page(request, process, rename=(topic.pk, form), status=422)


@process_view(EDIT, projects_only=True)
@require_POST
def topic_delete(request: HttpRequest, process: Process, topic_pk: int) -> HttpResponse:
    topic = get_object_or_404(MemoTopic, pk=topic_pk, process=process)
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


@process_view(EDIT, projects_only=True)
@require_POST
def assign(request: HttpRequest, process: Process) -> HttpResponse:
    """One topic for every ticked contribution."""
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


@process_view(EDIT, projects_only=True)
@require_POST
def contribution(request: HttpRequest, process: Process, cid: int) -> HttpResponse:
    """Save a contribution's summary, topic and (on a draft answer) recommendation."""
    item = contribution_page.contribution_to_change(process, cid)
    answer = Answer.objects.filter(contribution=item).first()
    form = ContributionMemoForm(request.POST, process=process, answer=answer)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
        return contribution_page.render_detail(
            request,
            process,
            contribution_page.load_contribution(process, cid),
            status=422,
            state={"memo": form},
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
    return redirect(reverse("staff:contributions:detail", args=[process.pk, item.pk]) + "#memo")
