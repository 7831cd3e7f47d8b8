"""Staff pages: the dashboard, creating and editing a process, publishing it, the decision.

Thin views: each parses the request, calls one service and renders. The loader
(``permissions.process_view``) answers 404 to anyone who may not edit the process.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Model
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from inddrag.accounts.permissions import staff_required
from inddrag.audit import reads
from inddrag.idempotency import services as idempotency
from inddrag.lib.calendar import local_date
from inddrag.lib.sections import render_sections
from inddrag.principles.checks import by_principle, run_checks, worst_severity
from inddrag.principles.plan import ProcessPlan, load_plan, load_plans
from inddrag.processes import permissions, services
from inddrag.processes.forms import (
    ActivityForm,
    DecisionForm,
    FrameItemForm,
    MilestoneForm,
    PhaseForm,
    ProcessForm,
)
from inddrag.processes.models import Activity, FrameItem, Milestone, Phase, Process
from inddrag.processes.permissions import EDIT, process_view
from inddrag.processes.sections import STAFF, STAFF_SLOTS


@dataclass(frozen=True)
class RowList:
    """One kind of row that hangs off a process and is edited inline on the edit page."""

    slug: str
    title: str
    add_label: str
    model: type[Model]
    form: type[ModelForm]
    related_name: str


ROW_LISTS = {
    r.slug: r
    for r in (
        RowList(
            "ramme",
            gettext_lazy("Frame"),
            gettext_lazy("Add a frame item"),
            FrameItem,
            FrameItemForm,
            "frame_items",
        ),
        RowList(
            "faser", gettext_lazy("Phases"), gettext_lazy("Add a phase"), Phase, PhaseForm, "phases"
        ),
        RowList(
            "aktiviteter",
            gettext_lazy("Activities"),
            gettext_lazy("Add an activity"),
            Activity,
            ActivityForm,
            "activities",
        ),
        RowList(
            "milepaele",
            gettext_lazy("Political decision points"),
            gettext_lazy("Add a decision point"),
            Milestone,
            MilestoneForm,
            "milestones",
        ),
    )
}


# Row lists whose forms offer the rows of another: after adding a decision point or a phase, the
# activity form must offer it at once.
DEPENDENT_ROWS = {"milepaele": ("aktiviteter",), "faser": ("aktiviteter",)}


def _row_form(rows: RowList, process: Process, data=None, instance=None) -> ModelForm:
    """A row list's form with ids of its own (``aktiviteter-title``, ``aktiviteter-12-title``):
    the edit page holds several forms with a "title", and each label must find its field."""
    prefix = f"{rows.slug}-{instance.pk}" if instance is not None else rows.slug
    return rows.form(data, instance=instance, process=process, auto_id=f"{prefix}-%s")


# A case has a frame; phases, activities and political decision points are a project's (its
# steps are the cases app's).
CASE_ROW_LISTS = ("ramme",)


def _row_list(slug: str, process: Process) -> RowList:
    """The row list named by the URL; a 404 for one the process has not (a case's phases)."""
    if process.is_case and slug not in CASE_ROW_LISTS:
        raise Http404
    try:
        return ROW_LISTS[slug]
    except KeyError:
        raise Http404 from None


def _checks_context(plan: ProcessPlan) -> dict:
    checks = run_checks(plan)
    return {
        "checks": checks,
        "checks_by_principle": by_principle(checks),
        "worst": worst_severity(checks),
    }


def _rows_context(process: Process, rows: RowList, form=None, editing=None) -> dict:
    return {
        "process": process,
        "rowlist": rows,
        "rows": list(getattr(process, rows.related_name).all()),
        "form": form if form is not None else _row_form(rows, process),
        "editing": editing,
        "form_token": idempotency.new_key(),
    }


def _edit_page(
    request: HttpRequest,
    plan: ProcessPlan,
    details_form: ProcessForm | None = None,
    focus: RowList | None = None,
    status: int = 200,
    **row_kwargs,
) -> HttpResponse:
    """The whole edit page; ``focus`` is the row list that shows ``row_kwargs`` (a bound form
    with errors, or a row being edited)."""
    process = plan.process
    row_lists = [
        _rows_context(process, r, **row_kwargs)
        if focus is not None and r.slug == focus.slug
        else _rows_context(process, r)
        for r in ROW_LISTS.values()
        if not process.is_case or r.slug in CASE_ROW_LISTS
    ]
    # A project becomes "decided" by recording the decision (a link, not a button).
    transitions = [
        (target, Process.Status(target).label)
        for target in Process.TRANSITIONS.get(process.status, ())
        if process.is_case or target != Process.Status.DECIDED
    ]
    sections = render_sections(STAFF, request, plan, timezone.now())
    context = {
        "form": details_form or ProcessForm(instance=process),
        "process": process,
        "plan": plan,
        "row_lists": row_lists,
        "transitions": transitions,
        "sections": sections,
        "boxes": [
            (slot, title, sections[slot]) for slot, title in STAFF_SLOTS.items() if slot in sections
        ],
        **_checks_context(plan),
    }
    return render(request, "processes/staff/edit.html", context, status=status)


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The staff start page: a work queue of the processes this member of staff may edit. Each
    case listed is logged (its title and status are about a citizen): one row per case, so the
    case's own log says who saw it listed — all in one insert."""
    plans = load_plans(permissions.editable_processes(request.user).order_by("-updated_at"))
    reads.shown_each(request, (p.process for p in plans if p.process.is_case), "listed")
    context = {
        "rows": services.work_queue(plans),
        "handed_over": services.handed_over_by(request.user),
    }
    return render(request, "processes/staff/dashboard.html", context)


@staff_required
def create(request: HttpRequest) -> HttpResponse:
    initial = {"responsible": request.user.pk, "centre": request.user.centre_id}
    form = ProcessForm(request.POST or None, initial=initial)
    key = idempotency.form_key(request.POST.get(idempotency.FORM_FIELD))
    if request.method == "POST" and form.is_valid():
        once = services.create_process(form, request.user, key=key)
        process = Process.objects.select_related("responsible", "centre").get(pk=once.object_id)
        if not permissions.can_edit(request.user, process):
            if once.created:
                messages.success(request, _handed_over(process))
            return redirect("staff:dashboard")
        if once.created:
            messages.success(request, _("The process was created. Now add its frame and timeline."))
        return redirect("staff:processes:edit", pk=process.pk)
    return render(
        request,
        "processes/staff/create.html",
        {"form": form, "process": None, "form_token": key or idempotency.new_key()},
    )


def _handed_over(process: Process) -> str:
    """Where a process went when its planner gave it to someone of another centre."""
    return format_html(
        _(
            "“{title}” now belongs to {name} ({centre}), who can edit it; it is listed under "
            "“Handed over by you” below."
        ),
        title=process.title,
        name=process.responsible.display_name,
        centre=process.centre.name,
    )


@process_view(EDIT, plan=True)
def edit(request: HttpRequest, plan: ProcessPlan) -> HttpResponse:
    process = plan.process
    form = ProcessForm(request.POST or None, instance=process)
    if request.method == "POST":
        if form.is_valid():
            if not services.save_details(process, form, request.user):
                messages.info(request, _("Nothing was changed."))
                return redirect("staff:processes:edit", pk=process.pk)
            if not permissions.can_edit(request.user, process):
                messages.success(request, _handed_over(process))
                return redirect("staff:dashboard")
            messages.success(request, _("Your changes were saved."))
            return redirect("staff:processes:edit", pk=process.pk)
        messages.error(request, _("The changes were not saved. Correct the fields marked below."))
        return _edit_page(request, load_plan(process.pk), details_form=form, status=422)
    return _edit_page(request, plan, details_form=form)


def _render_rows(request: HttpRequest, process: Process, rows: RowList, **kwargs) -> HttpResponse:
    """The row list's partial for htmx — with the checks panel and the row lists that depend on
    it swapped out of band — or a redirect; without JavaScript, errors re-render the whole page
    with the message at the field."""
    invalid = kwargs.get("form") is not None and kwargs["form"].errors
    if request.htmx:
        plan = load_plan(process.pk)
        context = {
            **_rows_context(plan.process, rows, **kwargs),
            **_checks_context(plan),
            "oob": True,
        }
        html = render_to_string("processes/staff/_rows.html", context, request=request)
        if not invalid:
            for slug in DEPENDENT_ROWS.get(rows.slug, ()):
                dependent = {**_rows_context(plan.process, ROW_LISTS[slug]), "oob_rows": True}
                html += render_to_string("processes/staff/_rows.html", dependent, request=request)
        return HttpResponse(html, status=422 if invalid else 200)
    if invalid:
        return _edit_page(request, load_plan(process.pk), focus=rows, status=422, **kwargs)
    return redirect(reverse("staff:processes:edit", args=[process.pk]) + f"#{rows.slug}")


@process_view(EDIT)
@require_POST
def row_add(request: HttpRequest, process: Process, slug: str) -> HttpResponse:
    rows = _row_list(slug, process)
    process = load_plan(process.pk).process  # the forms read the prefetched rows
    form = _row_form(rows, process, request.POST)
    if not form.is_valid():
        return _render_rows(request, process, rows, form=form)
    key = idempotency.form_key(request.POST.get(idempotency.FORM_FIELD))
    services.add_row(process, slug, form, request.user, key=key)  # a repeat adds nothing
    return _render_rows(request, process, rows)


@process_view(EDIT)
def row_edit(request: HttpRequest, process: Process, slug: str, item_pk: int) -> HttpResponse:
    rows = _row_list(slug, process)
    item = get_object_or_404(rows.model, pk=item_pk, process=process)
    if request.method == "POST":
        form = _row_form(rows, process, request.POST, instance=item)
        if form.is_valid():
            services.change_row(process, slug, form, request.user)
            return _render_rows(request, process, rows)
        return _render_rows(request, process, rows, form=form, editing=item.pk)
    form = _row_form(rows, process, instance=item)
    if request.htmx:
        return render(
            request,
            "processes/staff/_rows.html",
            _rows_context(process, rows, form=form, editing=item.pk),
        )
    return _edit_page(request, load_plan(process.pk), focus=rows, form=form, editing=item.pk)


@process_view(EDIT)
@require_POST
def row_delete(request: HttpRequest, process: Process, slug: str, item_pk: int) -> HttpResponse:
    rows = _row_list(slug, process)
    item = get_object_or_404(rows.model, pk=item_pk, process=process)
    services.delete_row(process, slug, item, request.user)
    return _render_rows(request, process, rows)


@process_view(EDIT, plan=True)
def checks_panel(request: HttpRequest, plan: ProcessPlan) -> HttpResponse:
    """The checks panel as a fragment for htmx; opened directly, the edit page where it sits."""
    if not request.headers.get("HX-Request"):
        return redirect(reverse("staff:processes:edit", args=[plan.process.pk]) + "#checks-panel")
    return render(
        request,
        "processes/staff/_checks.html",
        {"process": plan.process, **_checks_context(plan)},
    )


@process_view(EDIT)
@require_POST
def change_status(request: HttpRequest, process: Process) -> HttpResponse:
    target = request.POST.get("status", "")
    try:
        services.change_status(process, target, request.user)
    except services.TransitionRefused as refusal:
        messages.error(
            request,
            format_html(
                '{}<ul class="refusal-list">{}</ul>',
                refusal.message,
                format_html_join("", "<li>{}</li>", ((p.message,) for p in refusal.problems)),
            )
            if refusal.problems
            else refusal.message,
        )
        return redirect("staff:processes:edit", pk=process.pk)
    messages.success(
        request, _("The status is now “%(status)s”.") % {"status": process.get_status_display()}
    )
    return redirect("staff:processes:edit", pk=process.pk)


@process_view(EDIT, plan=True, projects_only=True)
def decision(request: HttpRequest, plan: ProcessPlan) -> HttpResponse:
    """Record the political decision (or correct the record): see services.record_decision."""
    process = plan.process
    now = timezone.now()
    existing = plan.decision
    form = DecisionForm(
        request.POST or None, instance=existing, process=process, today=local_date(now)
    )
    refusal = services.decision_refusal(process, now)
    status = 200
    if request.method == "POST":
        if refusal is None and form.is_valid():
            try:
                result = services.record_decision(
                    process, form.decision_data(), request.user, now=now
                )
            except services.TransitionRefused as refused:
                refusal = refused.message
            else:
                _report_decision(request, result)
                return redirect("staff:processes:edit", pk=process.pk)
        status = 409 if refusal else 422
    context = {
        "process": process,
        "form": form,
        "decision": existing,
        "refusal": refusal,
        "correcting": existing is not None and plan.is_decided,
        "unanswered": plan.contributions.unanswered,
        "drafts": plan.contributions.drafts,
        "contributors": process.contributions.exclude(email="").count(),
        "inbox": reverse("staff:contributions:inbox", args=[process.pk]) + "?state=unanswered",
    }
    return render(request, "processes/staff/decision.html", context, status=status)


def _report_decision(request: HttpRequest, result: services.DecisionResult) -> None:
    if not result.newly_decided:
        messages.success(request, _("The decision was updated. No e-mails were sent again."))
        return
    published = ngettext(
        "%(count)d drafted answer was published.",
        "%(count)d drafted answers were published.",
        result.answers_published,
    ) % {"count": result.answers_published}
    mailed = ngettext(
        "%(count)d contributor will get an e-mail with the decision.",
        "%(count)d contributors will get an e-mail with the decision.",
        result.notified,
    ) % {"count": result.notified}
    messages.success(
        request,
        " ".join(
            (_("The decision is recorded and the process is now “Decided”."), published, mailed)
        ),
    )
