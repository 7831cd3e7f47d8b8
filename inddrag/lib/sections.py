"""Page sections: how an app adds its part to another app's page without being imported by it.

An app registers a ``Section`` in its ``AppConfig.ready()`` (from its ``sections.py``): on which
page and in which slot it appears, its position, its template, and a function that returns the
template's context — data only — or None when the section has nothing to show. The page's view
calls ``render_sections(page, ...)`` and loops over the result in its template. A view that
re-renders the page with a form of its own (e.g. a contribution with errors) hands the form to
its section through ``state``.

(pretix collects such parts through signals, adhocracy4 through a dashboard component registry;
this is the same idea, in one small module.)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class SectionRequest:
    """What a section's context function is given."""

    request: HttpRequest
    subject: Any  # what the page is about (for the process pages: the ProcessPlan)
    now: datetime.datetime
    state: Any = None  # what the view handed to this section, e.g. a bound form


@dataclass(frozen=True)
class Section:
    page: str  # e.g. "process" (the public process page) or "process_staff"
    key: str  # unique per page; the key of ``state`` for this section
    template: str
    context: Callable[[SectionRequest], dict | None]
    # The position in its slot; a function of the subject where it depends on it (e.g. a
    # decided process shows what was decided first).
    order: int | Callable[[Any], int] = 100
    slot: str = "main"
    # The section's entry in the page's short contents list: (the id of its heading's section,
    # the label); None for a section that is not listed. A context with "contents_label" names
    # the entry as the section's heading does this time.
    contents: tuple[str, Any] | None = None

    def position(self, subject: Any) -> int:
        return self.order(subject) if callable(self.order) else self.order


@dataclass
class RenderedSection:
    key: str
    template: str
    context: dict = field(default_factory=dict)
    contents: tuple[str, Any] | None = None


_REGISTRY: dict[str, dict[str, Section]] = {}


def register(section: Section) -> None:
    """Add ``section`` to its page (again on a repeated ``ready()``: the same key replaces)."""
    _REGISTRY.setdefault(section.page, {})[section.key] = section


def registered(page: str) -> list[Section]:
    return list(_REGISTRY.get(page, {}).values())


def _contents(section: Section, context: dict) -> tuple[str, Any] | None:
    if section.contents is None or "contents_label" not in context:
        return section.contents
    return (section.contents[0], context["contents_label"])


def render_sections(
    page: str,
    request: HttpRequest,
    subject: Any,
    now: datetime.datetime,
    state: dict[str, Any] | None = None,
) -> dict[str, list[RenderedSection]]:
    """The sections of ``page`` that have something to show, by slot, in order."""
    state = state or {}
    slots: dict[str, list[tuple[int, str, RenderedSection]]] = {}
    for section in registered(page):
        context = section.context(SectionRequest(request, subject, now, state.get(section.key)))
        if context is None:
            continue
        slots.setdefault(section.slot, []).append(
            (
                section.position(subject),
                section.key,
                RenderedSection(
                    section.key, section.template, context, _contents(section, context)
                ),
            )
        )
    return {slot: [r for _order, _key, r in sorted(items)] for slot, items in slots.items()}
