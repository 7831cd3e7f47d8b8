"""The contributions' parts of the process page: taking part (the form, or why it is closed),
"Det sagde I — det gjorde vi" (what was said and what the municipality did), and on the staff
page the count of contributions and answers with the way to the inbox.

Principle 2: anyone can take part without an account, nothing they write is lost, and everyone
can see what was said and what the municipality did with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from inddrag.contributions import search, services
from inddrag.contributions.forms import ContributionForm
from inddrag.documents import services as document_services
from inddrag.idempotency import services as idempotency
from inddrag.lib.sections import Section, SectionRequest, register
from inddrag.processes.models import Activity, Process
from inddrag.stakeholders import services as stakeholder_services

PAGE_PARAM = "bidrag_side"
SEARCH_PARAM = "q_bidrag"
PARAGRAPH_PARAM = "afsnit"  # "<version pk>:<block id>": the paragraph the form starts with


@dataclass
class TakePart:
    """The "Send dit bidrag" section: the form while an activity takes contributions, otherwise
    why not and what happens next (with the text kept if the deadline passed while writing)."""

    activity: Activity | None = None
    form: ContributionForm | None = None
    form_token: str = ""
    closed_message: str = ""
    kept_text: str = ""


def take_part(section: SectionRequest) -> dict | None:
    """A view that posted the form hands its outcome in ``state`` (a ``TakePart``): the form
    with its errors, or the closed message with the text kept."""
    plan, now, state = section.subject, section.now, section.state
    process = plan.process
    if process.status == Process.Status.DRAFT:
        return None
    if state is None:
        state = fresh_form(section.request, process, now)
    if plan.public_decision and not state.kept_text:
        return None  # decided: "Det sagde I" and the decision come first, no form
    label = _("Send your contribution") if state.form else _("Written contributions")
    return {"take_part": state, "contents_label": label}


def fresh_form(request, process: Process, now) -> TakePart:
    activity = process.open_activity(now)
    if activity is None:
        return TakePart(closed_message=process.closed_message(now))
    initial = {}
    # "Kommentér dette afsnit" on a hearing version links here with the paragraph chosen.
    paragraph = request.GET.get(PARAGRAPH_PARAM, "")[:40]
    if paragraph:
        initial["paragraph"] = paragraph
    stakeholder = invited_stakeholder(request, process)
    if stakeholder is not None:
        # Opened through a stakeholder's personal invitation link: filled in for them.
        initial |= {
            "speaking_as": stakeholder_services.speaking_as_for(stakeholder),
            "on_behalf_of": stakeholder.name,
            "name": stakeholder.contact_name,
            "email": stakeholder.email,
        }
    form = ContributionForm(process=process, initial=initial, stakeholder=stakeholder)
    return TakePart(activity, form, idempotency.new_key())


def invited_stakeholder(request, process: Process):
    """The stakeholder whose invitation link was opened in this session for this process."""
    entry = stakeholder_services.invited_entry(getattr(request, "session", None), process)
    return entry.stakeholder if entry is not None else None


@dataclass
class Feedback:
    received: int
    answered: int
    outcomes: list[tuple[str, str, int]]
    page: object
    query: str
    page_query: str


def feedback(section: SectionRequest) -> dict | None:
    """The summary and the published contributions, each with its published answer and the
    published changes it led to."""
    plan, request = section.subject, section.request
    if not plan.contributions.received:
        return None
    # No published answer yet (a hearing still open): nothing to count (the counter says so).
    counts = (
        services.published_outcomes(plan.process) if plan.contributions.answers_published else []
    )
    query = request.GET.get(SEARCH_PARAM, "").strip()[:200]
    published = services.published_with_answers(plan.process, query)
    size, number = settings.INDDRAG_CONTRIBUTIONS_PAGE_SIZE, request.GET.get(PAGE_PARAM)
    if query:  # the search runs once, counted with its page; what matched is marked
        page = search.paginate_once(published, number, size)
        search.highlight(page.object_list, query)
    else:
        page = Paginator(published, size).get_page(number)
    contributions = list(page)
    # After "take_part" (registered first), so the versions the form loaded are reused.
    input_changes = document_services.input_changes(plan.process)
    if input_changes:
        document_services.attach_public_changes(contributions)
    else:
        # No published change of this process came from input, so none of its contributions
        # led to one (changes are linked to the contributions of their own process).
        for contribution in contributions:
            contribution.public_changes = []
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    return {
        "feedback": Feedback(
            received=plan.contributions.received,
            answered=sum(n for _code, _label, n in counts),
            outcomes=counts,
            page=page,
            query=query,
            page_query=params.urlencode(),
        ),
        "input_changes": input_changes,
    }


def staff_summary(section: SectionRequest) -> dict | None:
    """Contributions and answers: a project's (a case's inputs are its messages)."""
    if section.subject.is_case:
        return None
    return {"stats": section.subject.contributions}


def register_sections() -> None:
    register(
        Section(
            "process",
            "take_part",
            "contributions/public/_take_part.html",
            take_part,
            order=35,
            contents=("send-bidrag", _("Send your contribution")),
        )
    )
    register(
        Section(
            "process",
            "feedback",
            "contributions/public/_feedback.html",
            feedback,
            # Decided: the decision, the documents and "Det sagde I" come first.
            order=lambda plan: 22 if plan.public_decision else 80,
            contents=("det-sagde-i", _("You said — we did")),
        )
    )
    register(
        Section(
            "process_staff",
            "contributions",
            "contributions/staff/_summary.html",
            staff_summary,
            order=10,
            slot="top",
        )
    )
