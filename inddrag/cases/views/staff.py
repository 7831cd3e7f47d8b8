"""Staff pages of cases: "Mine sager", opening a case from its type, adjusting its steps."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
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
from inddrag.cases.forms import AnswerForm, CaseForm, CaseListFilter, StaffMessageForm, StepFormSet
from inddrag.cases.models import CaseStep
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
        "days_left": days_left,
        "days_over": -days_left,
        "urgent": days_left <= WARN_DAYS,
        "worst": worst_severity(results),
        "problems": [r for r in results if r.severity != Severity.OK],
        "hearing": hearing,
        "hearing_open": hearing is not None and decision_of(case) is None and hearing.is_open(now),
        "decided": decision_of(case) is not None,
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
    page = Paginator(checked_cases(rows).order_by(*ordering), PAGE_SIZE).get_page(
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
