"""The process's own sections of the process page (public) and of its staff page.

Other apps add theirs in their own ``sections.py``; the pages loop over them all
(``inddrag.lib.sections``). Each function returns data only, or None when there is nothing to
show.

The public page in the order a citizen needs it: what is this (the header, and what was decided
once it is: the decision 10, the documents 20, what was said and done 22) — can I take part now
(25, with the short contents list) — what can I influence (the frame, 30) — the proposal to
read (documents 32, memo 34) — how and until when (the form 35, other ways 36) — the timeline
(50) — what happened (what was said and done 80, who took part 85) — the principles (90) —
contact (100).
"""

from __future__ import annotations

from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from inddrag.audit.models import AccessLog
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
    """What a citizen can do right now, one way per activity: the form on this page for every
    activity that takes contributions in Inddrag (until the last of them closes), the time and
    place of the others."""
    process = section.subject.process
    activities = process.open_activities(section.now)
    if not activities:
        return None
    receiving = (
        process.open_activity(section.now) if process.status != Process.Status.DRAFT else None
    )
    return {
        "receiving": receiving,
        "others": [a for a in activities if not (receiving and a.takes_contributions)],
    }


def frame(section: SectionRequest) -> dict:
    plan = section.subject
    return {"open_items": plan.open_items, "fixed_items": plan.fixed_items}


def timeline(section: SectionRequest) -> dict:
    return {"timeline": services.build_timeline(section.subject.process, section.now)}


def how_to_take_part(section: SectionRequest) -> dict | None:
    """Staff's own words on taking part; while the form takes contributions, the other ways."""
    process = section.subject.process
    if not process.how_to_take_part:
        return None
    other_ways = process.open_activity(section.now) is not None
    return {
        "other_ways": other_ways,
        "contents_label": _("Other ways to take part") if other_ways else _("How to take part"),
    }


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


SEEN_BY_ROWS = 50


def seen_by(section: SectionRequest) -> dict | None:
    """A case's staff page: who has seen the case, how often and when last (the participants may
    ask, GDPR art. 15). One query, from the access log; the view being shown is written after
    the page, so it is not in the list yet."""
    process = section.subject.process
    if not process.is_case:
        return None
    rows = (
        AccessLog.objects.filter(
            object_type=Process._meta.label_lower,
            object_id=process.pk,
            action=AccessLog.Action.VIEW,
        )
        .values("user_id", "user__first_name", "user__last_name", "user__username")
        .annotate(views=Count("pk"), last=Max("at"))
        .order_by("-last", "user_id")[:SEEN_BY_ROWS]
    )
    return {
        "seen_by": [
            {
                "name": " ".join(n for n in (r["user__first_name"], r["user__last_name"]) if n)
                or r["user__username"],
                "views": r["views"],
                "last": r["last"],
            }
            for r in rows
        ]
    }


def register_sections() -> None:
    for key, order, context, contents in (
        ("decision", 10, decision, ("beslutning", _("The decision"))),
        ("open_now", 25, open_now, None),
        ("frame", 30, frame, ("rammen", _("What you can influence"))),
        ("how_to_take_part", 36, how_to_take_part, ("saadan-deltager-du", _("How to take part"))),
        ("timeline", 50, timeline, ("tidslinje", _("Timeline"))),
        ("principles", 90, principles, ("principperne", _("The principles"))),
        ("contact", 100, contact, ("kontakt", _("Contact"))),
    ):
        register(
            Section(PUBLIC, key, f"processes/public/_{key}.html", context, order, contents=contents)
        )
    register(
        Section(
            STAFF, "decision", "processes/staff/_decision_link.html", decision_link, 30, "outcome"
        )
    )
    register(Section(STAFF, "seen_by", "processes/staff/_seen_by.html", seen_by, 100, "end"))
