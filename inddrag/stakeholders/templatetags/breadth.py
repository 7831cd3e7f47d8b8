"""``{% public_breadth process %}``: the aggregate "Who took part?" section of the process page."""

from __future__ import annotations

from django import template

from inddrag.processes.models import Process
from inddrag.stakeholders.breadth import breadth

register = template.Library()

SHOWN_FROM = frozenset(
    {
        Process.Status.OPEN,
        Process.Status.PROCESSING,
        Process.Status.DECIDED,
        Process.Status.CLOSED,
    }
)


@register.inclusion_tag("stakeholders/breadth/_public.html")
def public_breadth(process: Process) -> dict:
    """Only for projects that have opened; only groups of at least ``MIN_GROUP``; contributions
    marked internal are left out; stakeholders as counts by type, never names."""
    if process.is_case or process.status not in SHOWN_FROM:
        return {"breadth": None}
    return {"breadth": breadth(process, public=True), "process": process}


@register.simple_tag
def chart_summary(chart, public: bool = False) -> str:
    return chart.summary(public=public)
