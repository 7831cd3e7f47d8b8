"""The hearing memo's parts of other pages: its downloads on the public process page (inside the
decision once decided), the way to it on the staff page of a process, and a contribution's part
in it (topic, summary, recommendation) on the contribution's staff page."""

from __future__ import annotations

from inddrag.documents.models import Change
from inddrag.lib.sections import Section, SectionRequest, register
from inddrag.memos.forms import ContributionMemoForm


def memo_links(section: SectionRequest) -> dict | None:
    plan = section.subject
    if not plan.has_published_memo or plan.is_case or plan.public_decision:
        return None
    return {"level": "h2"}


def memo_links_in_decision(section: SectionRequest) -> dict | None:
    plan = section.subject
    if not plan.has_published_memo or plan.is_case or not plan.public_decision:
        return None
    return {"level": "h3"}


def staff_link(section: SectionRequest) -> dict | None:
    return None if section.subject.is_case else {}


def contribution_part(section: SectionRequest) -> dict:
    """A bound form with errors comes from the memos view in ``state``."""
    contribution = section.subject
    process = contribution.process
    answer = getattr(contribution, "answer", None)
    form = section.state or ContributionMemoForm.for_contribution(contribution, answer, process)
    linked = Change.objects.filter(contributions=contribution).only("pk", "explanation", "excerpt")
    return {"memo_form": form, "answer": answer, "linked_changes": list(linked)}


def register_sections() -> None:
    template = "memos/public/_memo_links.html"
    register(Section("process", "memo", template, memo_links, 34))
    register(
        Section("process", "memo_in_decision", template, memo_links_in_decision, slot="decision")
    )
    register(
        Section(
            "process_staff", "memo", "memos/staff/_process_link.html", staff_link, 20, "outcome"
        )
    )
    register(
        Section("contribution_staff", "memo", "memos/staff/_contribution.html", contribution_part)
    )
