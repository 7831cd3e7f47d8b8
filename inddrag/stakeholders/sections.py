"""The stakeholders' parts of the process pages: "Hvem deltog?" on the public page (counts by
group, never names, nothing under the privacy threshold), and the way to the hearing list and
the breadth page on the staff page (principle 5)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from inddrag.lib.sections import Section, SectionRequest, register
from inddrag.processes.models import Process
from inddrag.stakeholders.breadth import breadth

# Who took part is shown once a project has opened for input.
SHOWN_FROM = frozenset(
    {
        Process.Status.OPEN,
        Process.Status.PROCESSING,
        Process.Status.DECIDED,
        Process.Status.CLOSED,
    }
)


def public_breadth(section: SectionRequest) -> dict | None:
    """Only for projects that have opened; only groups of at least ``min_group()``; contributions
    marked internal are left out; stakeholders as counts by type, never names."""
    plan = section.subject
    if plan.is_case or plan.process.status not in SHOWN_FROM:
        return None
    return {"breadth": breadth(plan.process, plan.hearing_list, public=True)}


def staff_links(section: SectionRequest) -> dict | None:
    return None if section.subject.is_case else {}


def register_sections() -> None:
    register(
        Section(
            "process",
            "breadth",
            "stakeholders/public/_breadth.html",
            public_breadth,
            85,
            contents=("hvem-deltog", _("Who took part?")),
        )
    )
    register(
        Section(
            "process_staff",
            "involve",
            "stakeholders/staff/_process_links.html",
            staff_links,
            10,
            "involve",
        )
    )
