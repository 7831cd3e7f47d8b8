"""Staff pages of the analysis of a process's contributions (docs/analysis.md).

Only staff who may edit the process get here; to everyone else each page is a 404. The pages
quote the contributions (screened) and link to them: their views are logged
(``personal_data=True``). Every suggestion is shown as one: staff rename, merge, move and answer.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from inddrag.analysis import page as analysis_page
from inddrag.analysis import services
from inddrag.analysis.forms import GroupAnswerForm, MergeForm, RunForm, SummaryForm
from inddrag.analysis.models import Analysis
from inddrag.audit import reads
from inddrag.contributions import page as contribution_page
from inddrag.memos import page as memo_page
from inddrag.memos import services as memo_services
from inddrag.memos.models import MemoTopic
from inddrag.processes.models import Process
from inddrag.processes.permissions import EDIT, process_view

GROUP_PAGE_SIZE = 50


def _url(process: Process, anchor: str = "") -> str:
    url = reverse("staff:analysis:overview", args=[process.pk])
    return f"{url}#{anchor}" if anchor else url


def _overview(
    request: HttpRequest,
    process: Process,
    forms: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    context = analysis_page.overview(process, forms or {})
    # Every contribution the page quotes: the typical ones, the quoted sentences', the groups'.
    shown = sorted(
        {t.profile.typical_id for t in context["topics"] if t.profile_typical}
        | {q["contribution"] for t in context["topics"] for q in t.sentences}
        | {g["first"] for g in context["groups"]}
    )
    reads.shown(request, process, "contributions " + ",".join(str(pk) for pk in shown))
    return render(request, "analysis/staff/overview.html", context, status=status)


@process_view(EDIT, projects_only=True, personal_data=True)
def overview(request: HttpRequest, process: Process) -> HttpResponse:
    return _overview(request, process)


@process_view(EDIT, projects_only=True)
@require_POST
def run(request: HttpRequest, process: Process) -> HttpResponse:
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The analysis was not started. Correct the field marked below."))
        return _overview(request, process, {"run": form}, status=422)
    analysis = services.request_analysis(process, request.user, form.cleaned_data["mode"])
    if request.htmx:
        return render(request, "analysis/staff/_progress.html", analysis_page.state(process))
    analysis.refresh_from_db(fields=["status"])  # a worker (or the tests' backend) may be done
    if analysis.status == Analysis.Status.DONE:
        messages.success(request, _("The analysis is done."))
    else:
        messages.success(
            request, _("The analysis is running. This page shows the result when it is done.")
        )
    return redirect(_url(process, "analysis-status"))


@process_view(EDIT, projects_only=True)
def progress(request: HttpRequest, process: Process) -> HttpResponse:
    """The progress partial for htmx polling; 204 (nothing to swap) while nothing has changed."""
    state = analysis_page.state(process)
    active = state["active"]
    if active is not None and request.GET.get("v") == f"{active.status}-{active.progress}":
        return HttpResponse(status=204)
    return render(request, "analysis/staff/_progress.html", state)


def _topic(process: Process, topic_pk: int) -> MemoTopic:
    return get_object_or_404(MemoTopic, pk=topic_pk, process=process)


@process_view(EDIT, projects_only=True, personal_data=True)
@require_POST
def rename(request: HttpRequest, process: Process, topic_pk: int) -> HttpResponse:
    topic = _topic(process, topic_pk)
    form = memo_page.rename_from_form(request, topic)
    if form is None:
        return redirect(_url(process, f"topic-{topic.pk}"))
    return _overview(request, process, {("rename", topic.pk): form}, status=422)


@process_view(EDIT, projects_only=True, personal_data=True)
@require_POST
def merge(request: HttpRequest, process: Process, topic_pk: int) -> HttpResponse:
    topic = _topic(process, topic_pk)
    topics = list(MemoTopic.objects.filter(process=process))
    form = MergeForm(request.POST, topic=topic, topics=topics)
    if form.is_valid():
        target = next(t for t in topics if t.pk == form.cleaned_data["target"])
        count = memo_services.merge_topics(topic, target, request.user)
        messages.success(
            request,
            ngettext(
                "“%(source)s” was merged into “%(target)s”: %(count)d contribution moved.",
                "“%(source)s” was merged into “%(target)s”: %(count)d contributions moved.",
                count,
            )
            % {"source": topic.name, "target": target.name, "count": count},
        )
        return redirect(_url(process, f"topic-{target.pk}"))
    messages.error(request, _("The topics were not merged. Correct the field marked below."))
    return _overview(request, process, {("merge", topic.pk): form}, status=422)


@process_view(EDIT, projects_only=True, personal_data=True)
@require_POST
def summary(request: HttpRequest, process: Process, topic_pk: int) -> HttpResponse:
    topic = _topic(process, topic_pk)
    form = SummaryForm(request.POST, topic=topic)
    if form.is_valid():
        memo_services.set_topic_summary(topic, form.cleaned_data["summary"], request.user)
        messages.success(request, _("The summary of “%(name)s” was saved.") % {"name": topic.name})
        return redirect(_url(process, f"topic-{topic.pk}"))
    messages.error(request, _("The summary was not saved. Correct the field marked below."))
    return _overview(request, process, {("summary", topic.pk): form}, status=422)


def _group_page(
    request: HttpRequest,
    process: Process,
    group: str,
    form: GroupAnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    members = analysis_page.group_members(process, group)
    if not members:
        raise Http404
    page = Paginator(members, GROUP_PAGE_SIZE).get_page(request.GET.get("side"))
    context = analysis_page.group(process, group, members, page)
    context["answer_form"] = form or GroupAnswerForm(
        process=process, initial={"members": analysis_page.fingerprint(members)}
    )
    reads.shown(request, process, "contributions " + ",".join(str(m.pk) for m in page))
    return render(request, "analysis/staff/group.html", context, status=status)


@process_view(EDIT, projects_only=True, personal_data=True)
def group(request: HttpRequest, process: Process, group: str) -> HttpResponse:
    return _group_page(request, process, group)


@process_view(EDIT, projects_only=True, personal_data=True)
@require_POST
def answer_group(request: HttpRequest, process: Process, group: str) -> HttpResponse:
    """One answer drafted for every contribution of the group (the inbox's "answer many")."""
    members = analysis_page.group_members(process, group)
    if not members:
        raise Http404
    form = GroupAnswerForm(request.POST, process=process)
    if form.is_valid() and form.cleaned_data["members"] != analysis_page.fingerprint(members):
        form.add_error(
            None,
            _(
                "The group has changed since the page was shown (the analysis has run again). "
                "Nothing was saved: check the group below and answer again."
            ),
        )
    if form.is_valid():
        drafted = contribution_page.draft_answers(form, members, request.user)
        if drafted is not None:
            contribution_page.report_drafts(request, drafted, len(members))
            return redirect(reverse("staff:analysis:group", args=[process.pk, group]))
    messages.error(request, _("No answers were saved. Correct the fields marked below."))
    return _group_page(request, process, group, form=form, status=422)


@process_view(EDIT, projects_only=True, personal_data=True)
def paragraphs(request: HttpRequest, process: Process) -> HttpResponse:
    context = analysis_page.paragraphs(process)
    reads.shown(
        request,
        process,
        "contributions " + ",".join(str(pk) for pk in context["contribution_ids"]),
    )
    return render(request, "analysis/staff/paragraphs.html", context)
