"""The process's own sections of the process page (public) and of its staff page.

Other apps add theirs in their own ``sections.py``; the pages loop over them all
(``inddrag.lib.sections``). Each function returns data only, or None when there is nothing to
show. Positions: what was decided (10) · its memo (11) · documents (20/40) · what was said and
done (30/80) · open now (25) · the frame (30) · timeline (50) · how to take part (60) · taking
part (70) · who took part (85) · the principles (90) · contact (100).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from inddrag.lib.sections import Section, SectionRequest, register
from inddrag.principles.checks import by_principle, run_checks
from inddrag.processes import services
from inddrag.processes.models import Process

PUBLIC = "process"  # the public process page
STAFF = "process_staff"  # the staff page of a process (edit)

# The slots of the staff page: above the details, and the two boxes beside them.
STAFF_SLOTS = {
    "involve": _("Involving broadly"),
    "outcome": _("From input to decision"),
}


def decision(section: SectionRequest) -> dict | None:
    plan = section.subject
    return {"decision": plan.public_decision} if plan.public_decision else None


def open_now(section: SectionRequest) -> dict | None:
    process = section.subject.process
    activities = process.open_activities(section.now)
    if not activities:
        return None
    takes_contributions = (
        process.status != Process.Status.DRAFT and process.open_activity(section.now) is not None
    )
    return {"open_activities": activities, "takes_contributions": takes_contributions}


def frame(section: SectionRequest) -> dict:
    plan = section.subject
    return {"open_items": plan.open_items, "fixed_items": plan.fixed_items}


def timeline(section: SectionRequest) -> dict:
    return {"timeline": services.build_timeline(section.subject.process, section.now)}


def how_to_take_part(section: SectionRequest) -> dict | None:
    return {} if section.subject.process.how_to_take_part else None


def principles(section: SectionRequest) -> dict | None:
    results = [c for c in run_checks(section.subject, now=section.now) if c.public]
    return {"public_checks": by_principle(results)} if results else None


def contact(section: SectionRequest) -> dict:
    return {}


def decision_link(section: SectionRequest) -> dict | None:
    """Staff: record the decision, once the process has asked for input (projects only)."""
    process = section.subject.process
    if process.is_case or process.status in (Process.Status.DRAFT, Process.Status.PUBLISHED):
        return None
    return {"decision": section.subject.decision}


def register_sections() -> None:
    for key, order, context in (
        ("decision", 10, decision),
        ("open_now", 25, open_now),
        ("frame", 30, frame),
        ("timeline", 50, timeline),
        ("how_to_take_part", 60, how_to_take_part),
        ("principles", 90, principles),
        ("contact", 100, contact),
    ):
        register(Section(PUBLIC, key, f"processes/public/_{key}.html", context, order))
    register(
        Section(
            STAFF, "decision", "processes/staff/_decision_link.html", decision_link, 30, "outcome"
        )
    )
