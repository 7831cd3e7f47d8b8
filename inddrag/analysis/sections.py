"""The analysis's part of other pages: the way to it on the staff page of a project."""

from __future__ import annotations

from inddrag.lib.sections import Section, SectionRequest, register


def staff_link(section: SectionRequest) -> dict | None:
    return None if section.subject.is_case else {}


def register_sections() -> None:
    register(
        Section(
            "process_staff",
            "analysis",
            "analysis/staff/_process_link.html",
            staff_link,
            19,
            "outcome",
        )
    )
