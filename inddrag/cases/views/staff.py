"""Staff pages of cases: "Mine sager", opening a case from its type, adjusting its steps, the
messages, who may see the case (representatives, professionals, the companion question)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inddrag.accounts.permissions import staff_required
from inddrag.audit import reads
from inddrag.cases import services
from inddrag.cases.checks import case_checks, checked_cases
from inddrag.cases.forms import (
    AnswerForm,
    CaseForm,
    CaseListFilter,
    CompanionForm,
    ProfessionalForm,
    RepresentationForm,
    StaffMessageForm,
    StepFormSet,
)
from inddrag.cases.models import (
    CaseFile,
    CaseGrant,
    CaseProfessional,
    CaseStep,
    ProfessionalRole,
    discipline_covered,
)
from inddrag.cases.sections import WARN_DAYS, case_or_404, decision_of, hearing_of
from inddrag.idempotency import services as idempotency
from inddrag.lib.calendar import local_date
from inddrag.principles.checks import Severity, worst_severity
from inddrag.processes.models import Process
from inddrag.processes.permissions import EDIT, process_view

PAGE_SIZE = 25


def _row(case, today, now) -> dict:
    days_left = case.days_left(today)
    results = case_checks(case, now)
    hearing = hearing_of(case)
    return {
        "case": case,
        "role_label": ProfessionalRole(case.professional_role).label
        if case.professional_role
        else "",
        "days_left": days_left,
        "days_over": -days_left,
        "urgent": days_left <= WARN_DAYS,
        "worst": worst_severity(results),
        "problems": [r for r in results if r.severity != Severity.OK],
        "hearing": hearing,
        "hearing_open": hearing is not None and decision_of(case) is None and hearing.is_open(now),
        "decided": decision_of(case) is not None,
        "decided_on": decision_of(case).decided_on if decision_of(case) else None,
    }


@require_http_methods(["GET", "HEAD"])
@staff_required
def mine(request: HttpRequest) -> HttpResponse:
    """The cases this member of staff takes part in, nearest processing deadline first. Each
    case listed is logged (the citizen's name is on the page), one row each, in one insert."""
    filters = CaseListFilter(request.GET or None)
    ignored = filters.is_bound and not filters.is_valid()
    now = timezone.now()
    today = local_date(now)
    rows = services.cases_of(request.user)
    if filters.is_bound:
        rows = filters.filter(rows, today)
    ordering = filters.ordering() if filters.is_bound else ["deadline", "pk"]
    # The cases still to decide first, then the decided ones (each by the chosen order).
    open_first = F("decision__id").asc(nulls_first=True)
    page = Paginator(checked_cases(rows).order_by(open_first, *ordering), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    reads.shown_each(request, (case.process for case in page), "listed")
    query = request.GET.copy()
    query.pop("side", None)
    context = {
        "filter": filters if not ignored else CaseListFilter(),
        "ignored_filter": ignored,
        "page": page,
        "rows": [_row(case, today, now) for case in page],
        "query": query.urlencode(),
    }
    return render(request, "cases/staff/mine.html", context)


@staff_required
def create(request: HttpRequest) -> HttpResponse:
    """Open a case from its type; then the caseworker lands on the case's staff page."""
    form = CaseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            key = idempotency.form_key(request.POST.get(idempotency.FORM_FIELD))
            once = services.create_case(form.data_object(), request.user, key=key)
            if once.created:
                messages.success(
                    request,
                    _("The case was opened. Check its frame and steps before the citizen sees it."),
                )
            return redirect(reverse("staff:processes:edit", args=[once.object_id]) + "#sagen")
        status = 422
    context = {"form": form, "form_token": idempotency.new_key()}
    return render(request, "cases/staff/create.html", context, status=status)


@process_view(EDIT)
def steps(request: HttpRequest, process: Process) -> HttpResponse:
    """Adjust a case's steps: change, add, mark done, remove."""
    case = case_or_404(process)
    queryset = CaseStep.objects.filter(case=case).order_by("order", "pk")
    formset = StepFormSet(request.POST or None, queryset=queryset, prefix="trin")
    status = 200
    if request.method == "POST":
        if formset.is_valid():
            services.save_steps(case, formset, request.user)
            messages.success(request, _("The steps were saved."))
            return redirect(reverse("staff:processes:edit", args=[process.pk]) + "#sagen")
        status = 422
    context = {"process": process, "case": case, "formset": formset}
    return render(request, "cases/staff/steps.html", context, status=status)


ANSWER_TO = "answer_to"  # the hidden field naming the input an answer form answers


@process_view(EDIT)
def case_messages(request: HttpRequest, process: Process) -> HttpResponse:
    """The case's messages both ways: the caseworker answers each input from the citizen and
    writes to the citizen (who is e-mailed a link to the case, never the text)."""
    case = case_or_404(process)
    thread = services.messages_of(case)
    form = StaffMessageForm()
    answering, answer_form = None, None
    status = 200
    if request.method == "POST":
        if ANSWER_TO in request.POST:
            answering = next(
                (m for m in thread if str(m.pk) == request.POST[ANSWER_TO] and m.is_input), None
            )
            if answering is None:
                raise Http404
            answer_form = AnswerForm(request.POST, prefix=f"svar-{answering.pk}")
            if answer_form.is_valid():
                services.answer_message(answering, answer_form.cleaned_data["answer"], request.user)
                messages.success(request, _("Your answer was saved. The citizen can read it now."))
                return redirect(
                    reverse("staff:cases:messages", args=[process.pk]) + f"#besked-{answering.pk}"
                )
        else:
            form = StaffMessageForm(request.POST, request.FILES)
            if form.is_valid():
                key = idempotency.form_key(request.POST.get(idempotency.FORM_FIELD))
                once = services.send_message(
                    case,
                    request.user,
                    form.cleaned_data["text"],
                    form.cleaned_data["attachments"],
                    key=key,
                )
                if once.created:
                    messages.success(request, _("Your message was sent to the citizen."))
                return redirect(reverse("staff:cases:messages", args=[process.pk]) + "#beskeder")
        status = 422
    rows = [
        {
            "message": m,
            "form": answer_form
            if m is answering
            else AnswerForm(prefix=f"svar-{m.pk}", initial={"answer": m.answer}),
        }
        for m in thread
    ]
    context = {
        "process": process,
        "case": case,
        "rows": rows,
        "unanswered": sum(1 for m in thread if m.unanswered),
        "form": form,
        "form_token": idempotency.new_key(),
        "answer_to": ANSWER_TO,
    }
    return render(request, "cases/staff/messages.html", context, status=status)


# --- Who may see the case ------------------------------------------------------------------------

ACTION = "action"  # the hidden field naming which of the access page's forms was sent


def _posted_pk(request: HttpRequest, name: str) -> int:
    """A row's id from the form; 0 (no row) for anything that is not a plain, short number."""
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 16 else 0


def _second_discipline(case: CaseFile, professionals: list[CaseProfessional]) -> dict:
    """The case type's second discipline, and whether a professional of it has been added (its
    name matched against the roles, e.g. "Ergoterapeut" and the role "ergoterapeut")."""
    wanted = case.case_type.second_discipline.strip()
    return {
        "second_discipline": wanted,
        "second_discipline_added": discipline_covered(wanted, professionals),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@process_view(EDIT)
def access(request: HttpRequest, process: Process) -> HttpResponse:
    """Who may see the case: record a power of attorney, guardianship or parental authority
    (with its basis) and withdraw any access; add and remove professionals with a role; record
    that the citizen was asked about a relative or companion."""
    case = case_or_404(process)
    today = local_date(timezone.now())
    forms = {
        "representation": RepresentationForm(prefix="rep", today=today),
        "professional": ProfessionalForm(prefix="fag"),
        "companion": CompanionForm(
            prefix="ledsager",
            initial={
                "companion_asked_on": case.companion_asked_on,
                "companion_answer": case.companion_answer,
            },
        ),
    }
    back = reverse("staff:cases:access", args=[process.pk])
    status = 200
    if request.method == "POST":
        action = request.POST.get(ACTION, "")
        key = idempotency.form_key(request.POST.get(idempotency.FORM_FIELD))
        if action == "withdraw":
            found = CaseGrant.objects.filter(pk=_posted_pk(request, "grant"), case=case).first()
            if found is None:
                raise Http404
            if services.withdraw_grant(found, request.user):
                messages.success(request, _("The access was withdrawn."))
            return redirect(back + "#adgang")
        if action == "remove":
            found = CaseProfessional.objects.filter(
                pk=_posted_pk(request, "professional"), case=case
            ).first()
            if found is None:
                raise Http404
            if services.remove_professional(found, request.user):
                messages.success(request, _("The professional was removed from the case."))
            return redirect(back + "#fagpersoner")
        if action == "representation":
            form = forms[action] = RepresentationForm(request.POST, prefix="rep", today=today)
            if form.is_valid():
                try:
                    services.grant_access(case, form.data_object(), request.user, key=key)
                except services.CaseRefused as refused:
                    form.add_error(refused.field, refused.message)
                else:
                    messages.success(request, _("The access was recorded."))
                    return redirect(back + "#adgang")
        elif action == "professional":
            form = forms[action] = ProfessionalForm(request.POST, prefix="fag")
            if form.is_valid():
                try:
                    services.add_professional(
                        case,
                        form.cleaned_data["user"],
                        form.cleaned_data["role"],
                        request.user,
                        key=key,
                    )
                except services.CaseRefused as refused:
                    form.add_error(refused.field, refused.message)
                else:
                    messages.success(request, _("The professional was added to the case."))
                    return redirect(back + "#fagpersoner")
        elif action == "companion":
            form = forms[action] = CompanionForm(request.POST, prefix="ledsager")
            if form.is_valid():
                services.record_companion(
                    case,
                    form.cleaned_data["companion_asked_on"],
                    form.cleaned_data["companion_answer"],
                    request.user,
                )
                messages.success(request, _("Saved."))
                return redirect(back + "#ledsager")
        else:
            raise Http404
        status = 422
    grants = services.grants_of(case)
    professionals = services.professionals_of(case, removed=True)
    current = [p for p in professionals if p.removed_at is None]
    context = {
        "process": process,
        "case": case,
        "grants": grants,
        "today": today,
        "professionals": current,
        "removed_professionals": [p for p in professionals if p.removed_at is not None],
        "forms": forms,
        "form_token": idempotency.new_key(),
        "action": ACTION,
        **_second_discipline(case, current),
    }
    return render(request, "cases/staff/access.html", context, status=status)
