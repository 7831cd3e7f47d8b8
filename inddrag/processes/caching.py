"""The processes app's part of the page cache (``inddrag.lib.page_cache``): its public pages,
the moment each changes by time alone, and which of its models change which pages."""

from __future__ import annotations

import datetime

from django.db.models import Min, Q

from inddrag.lib import page_cache
from inddrag.lib.calendar import to_the_minute
from inddrag.processes.models import (
    Activity,
    Decision,
    FrameItem,
    Milestone,
    Phase,
    Process,
    ProcessTargetGroup,
)

MINUTE = datetime.timedelta(minutes=1)


def next_change(now: datetime.datetime, process_id: int | None = None) -> datetime.datetime:
    """The next moment a page of ``process_id`` (None: of every public project — the front page,
    the list, the API list) looks different by time alone: an activity starts (``is_open`` from
    ``starts_at``), a deadline's minute is over (``has_ended``: the last minute is in time) or
    the date changes (today, "past/current/future" in the timeline, the principle checks' dates).
    One query."""
    activities = (
        Activity.objects.filter(process_id=process_id)
        if process_id is not None
        else Activity.objects.filter(process__in=Process.objects.public())
    )
    found = activities.aggregate(
        start=Min("starts_at", filter=Q(starts_at__gt=now)),
        end=Min("ends_at", filter=Q(ends_at__gte=to_the_minute(now))),
    )
    moments = [page_cache.next_midnight(now)]
    if found["start"] is not None:
        moments.append(found["start"])
    if found["end"] is not None:
        moments.append(to_the_minute(found["end"]) + MINUTE)
    return min(moments)


def process_id(kwargs: dict) -> int | None:
    """The process a URL names (``pk`` on the pages, ``process_id`` in the API)."""
    try:
        return int(kwargs["pk"] if "pk" in kwargs else kwargs["process_id"])
    except (KeyError, TypeError, ValueError):
        return None


def register() -> None:
    for view_name in ("processes:home", "processes:list"):
        page_cache.cacheable(view_name, until=next_change)
    page_cache.cacheable("processes:detail", process=process_id, until=next_change)

    # What the lists show too (title, status, dates, districts, what is open now): the site.
    page_cache.watch(
        Process,
        lambda p: p.pk,
        site=True,
        m2m=(Process.districts.through, Process.topic_tags.through),
    )
    page_cache.watch(Activity, lambda a: a.process_id, site=True)
    page_cache.watch(Decision, lambda d: d.process_id, site=True)
    # Only on the process's own pages.
    for model in (ProcessTargetGroup, FrameItem, Phase, Milestone):
        page_cache.watch(model, lambda o: o.process_id)
