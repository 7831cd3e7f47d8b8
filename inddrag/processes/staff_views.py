"""Staff pages: the dashboard, creating and editing a process, publishing it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Model
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from inddrag.idempotency import services as idempotency
from inddrag.lib.calendar import local_date
from inddrag.principles.checks import by_principle, run_checks, worst_severity
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


def staff_required(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.is_staff_member(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _editable(request: HttpRequest, pk: int) -> Process:
    """The process with its plan, or 404 for anyone who may not edit it."""
    return permissions.load_or_404(request.user, pk, permissions.can_edit)


@dataclass(frozen=True)
class Section:
    """One kind of row that hangs off a process and is edited inline on the edit page."""

    slug: str
    title: str
    add_label: str
    model: type[Model]
    form: type[ModelForm]
    related_name: str


SECTIONS = {
    s.slug: s
    for s in (
        Section(
            "ramme",
            gettext_lazy("Frame"),
            gettext_lazy("Add a frame item"),
            FrameItem,
            FrameItemForm,
            "frame_items",
        ),
        Section(
            "faser",
            gettext_lazy("Phases"),
            gettext_lazy("Add a phase"),
            Phase,
            PhaseForm,
            "phases",
        ),
        Section(
            "aktiviteter",
            gettext_lazy("Activities"),
            gettext_lazy("Add an activity"),
            Activity,
            ActivityForm,
            "activities",
        ),
        Section(
            "milepaele",
            gettext_lazy("Political decision points"),
            gettext_lazy("Add a decision point"),
            Milestone,
            MilestoneForm,
            "milestones",
        ),
    )
}


def _section(slug: str) -> Section:
    try:
        return SECTIONS[slug]
    except KeyError:
        raise Http404 from None


def _checks_context(process: Process) -> dict:
    checks = run_checks(process)
    return {
        "checks": checks,
        "checks_by_principle": by_principle(checks),
        "worst": worst_severity(checks),
    }


def _section_context(process: Process, section: Section, form=None, editing=None) -> dict:
    return {
        "process": process,
        "section": section,
        "rows": list(getattr(process, section.related_name).all()),
        "form": form if form is not None else section.form(process=process),
        "editing": editing,
        "form_token": idempotency.new_key(),
    }


def _edit_page(
    request: HttpRequest,
    process: Process,
    details_form: ProcessForm | None = None,
    focus: Section | None = None,
    status: int = 200,
    **section_kwargs,
) -> HttpResponse:
    """The whole edit page; ``focus`` is the section that shows ``section_kwargs`` (a bound form
    with errors, or a row being edited)."""
    sections = [
        _section_context(process, s, **section_kwargs)
        if focus is not None and s.slug == focus.slug
        else _section_context(process, s)
        for s in SECTIONS.values()
    ]
    # A project becomes "decided" by recording the decision (a link, not a button).
    transitions = [
        (target, Process.Status(target).label)
        for target in Process.TRANSITIONS.get(process.status, ())
        if process.is_case or target != Process.Status.DECIDED
    ]
    context = {
        "form": details_form or ProcessForm(instance=process),
        "process": process,
        "sections": sections,
        "transitions": transitions,
        **_checks_context(process),
    }
    return render(request, "staff/process_edit.html", context, status=status)


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    processes = list(
        permissions.editable_processes(request.user).with_plan().order_by("status", "-updated_at")
    )
    rows = []
    for process in processes:
        checks = run_checks(process)
        rows.append(
            {
                "process": process,
                "worst": worst_severity(checks),
                "blockers": sum(1 for c in checks if c.severity == "blocker"),
                "warnings": sum(1 for c in checks if c.severity == "warning"),
            }
        )
    return render(request, "staff/dashboard.html", {"rows": rows})


@staff_required
def create(request: HttpRequest) -> HttpResponse:
    initial = {"responsible": request.user.pk, "centre": request.user.centre_id}
    form = ProcessForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        key = idempotency.form_key(request.POST.get(idempotency.FORM_FIELD))
        once = services.create_process(form, request.user, key=key)
        process = Process.objects.get(pk=once.object_id)
        if not permissions.can_edit(request.user, process):
            if once.created:
                messages.success(request, _("The process was created and handed to its owner."))
            return redirect("staff:dashboard")
        if once.created:
            messages.success(request, _("The process was created. Now add its frame and timeline."))
        return redirect("staff:edit", pk=process.pk)
    token = idempotency.form_key(request.POST.get(idempotency.FORM_FIELD))
    return render(
        request,
        "staff/process_form.html",
        {"form": form, "process": None, "form_token": token or idempotency.new_key()},
    )


@staff_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    process = _editable(request, pk)
    form = ProcessForm(request.POST or None, instance=process)
    if request.method == "POST":
        if form.is_valid():
            services.save_details(process, form, request.user)
            messages.success(request, _("Your changes were saved."))
            return redirect("staff:edit", pk=process.pk)
        messages.error(request, _("The changes were not saved. Correct the fields marked below."))
        return _edit_page(request, services.load(pk), details_form=form, status=422)
    return _edit_page(request, process, details_form=form)


def _render_section(
    request: HttpRequest, process: Process, section: Section, **kwargs
) -> HttpResponse:
    """The section's partial (with the checks panel swapped out of band) for htmx, or a redirect."""
    if request.htmx:
        process = services.load(process.pk)
        context = {
            **_section_context(process, section, **kwargs),
            **_checks_context(process),
            "oob": True,
        }
        status = 422 if kwargs.get("form") is not None and kwargs["form"].errors else 200
        return render(request, "staff/_section.html", context, status=status)
    if kwargs.get("form") is not None and kwargs["form"].errors:
        # Without JavaScript: the whole page, with the errors next to the fields.
        return _edit_page(request, process, focus=section, status=422, **kwargs)
    return redirect(reverse("staff:edit", args=[process.pk]) + f"#{section.slug}")


@staff_required
@require_POST
def section_add(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    process = _editable(request, pk)
    section = _section(slug)
    form = section.form(request.POST, process=process)
    if not form.is_valid():
        return _render_section(request, process, section, form=form)
    key = idempotency.form_key(request.POST.get(idempotency.FORM_FIELD))
    services.add_row(process, slug, form, request.user, key=key)  # a repeat adds nothing
    return _render_section(request, process, section)


@staff_required
def section_edit(request: HttpRequest, pk: int, slug: str, item_pk: int) -> HttpResponse:
    process = _editable(request, pk)
    section = _section(slug)
    item = get_object_or_404(section.model, pk=item_pk, process=process)
    if request.method == "POST":
        form = section.form(request.POST, instance=item, process=process)
        if form.is_valid():
            services.change_row(process, slug, form, request.user)
            return _render_section(request, process, section)
        return _render_section(request, process, section, form=form, editing=item.pk)
    form = section.form(instance=item, process=process)
    if request.htmx:
        return render(
            request,
            "staff/_section.html",
            _section_context(process, section, form=form, editing=item.pk),
        )
    return _edit_page(request, process, focus=section, form=form, editing=item.pk)


@staff_required
@require_POST
def section_delete(request: HttpRequest, pk: int, slug: str, item_pk: int) -> HttpResponse:
    process = _editable(request, pk)
    section = _section(slug)
    item = get_object_or_404(section.model, pk=item_pk, process=process)
    services.delete_row(process, slug, item, request.user)
    return _render_section(request, process, section)


@staff_required
def checks_panel(request: HttpRequest, pk: int) -> HttpResponse:
    process = _editable(request, pk)
    return render(request, "staff/_checks.html", {"process": process, **_checks_context(process)})


@staff_required
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    process = _editable(request, pk)
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
        return redirect("staff:edit", pk=process.pk)
    messages.success(
        request, _("The status is now “%(status)s”.") % {"status": process.get_status_display()}
    )
    return redirect("staff:edit", pk=process.pk)


@staff_required
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the political decision (or correct the record): see services.record_decision."""
    process = _editable(request, pk)
    if process.is_case:
        raise Http404
    now = timezone.now()
    existing = process.recorded_decision
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
                if result.newly_decided:
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
                            (
                                _("The decision is recorded and the process is now “Decided”."),
                                published,
                                mailed,
                            )
                        ),
                    )
                else:
                    messages.success(
                        request, _("The decision was updated. No e-mails were sent again.")
                    )
                return redirect("staff:edit", pk=process.pk)
        status = 409 if refusal else 422
    contributors = process.contributions.exclude(email="").count()
    context = {
        "process": process,
        "form": form,
        "decision": existing,
        "refusal": refusal,
        "correcting": existing is not None
        and process.status in (Process.Status.DECIDED, Process.Status.CLOSED),
        "unanswered": process.n_contributions - process.n_answered,
        "drafts": process.n_answered - process.n_answers_published,
        "contributors": contributors,
        "inbox": reverse("contributions_staff:inbox", args=[process.pk]) + "?state=unanswered",
    }
    return render(request, "staff/decision_form.html", context, status=status)
