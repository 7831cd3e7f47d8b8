"""The memo's fixed wording, shared by the preview, the DOCX and the PDF (call inside
``translation.override(settings.LANGUAGE_CODE)``: the memo is written in Danish)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inddrag.memos.gathering import Item, Period

INSERTED_RGB = (0x2A, 0x66, 0x00)  # dark green, 6.6:1 on white
DELETED_RGB = (0xB5, 0x1D, 0x09)  # dark red, 6.4:1 on white


@dataclass(frozen=True)
class Labels:
    hearing: str
    contributions: str
    changes: str
    period: str
    activities: str
    invited: str
    respondents: str
    total: str
    by_category: str
    by_source: str
    category: str
    source: str
    number: str
    recommendations: str
    contribution: str
    summary: str
    excerpt: str
    assessment: str
    recommendation: str
    linked_change: str
    reason_for_change: str
    legend: str
    legend_example: str
    inserted_example: str
    deleted_example: str
    added: str
    deleted: str
    changed: str
    no_periods: str
    no_activities: str
    not_stated: str
    none: str
    no_contributions: str
    no_documents: str
    no_changes: str
    made: str
    page: str
    continued: str = ""  # a section of the preview begun on an earlier page


def labels() -> Labels:
    return Labels(
        hearing=_("1. The hearing"),
        contributions=_("2. The contributions and the administration's assessment"),
        changes=_("3. Recommended changes to the proposal"),
        period=_("Hearing period"),
        activities=_("Activities held"),
        invited=_("Parties invited (target groups)"),
        respondents=_("Organisations and authorities that answered"),
        total=_("Contributions in all"),
        by_category=_("Contributions by sender"),
        by_source=_("Contributions by how they were received"),
        category=_("Sender"),
        source=_("Received by"),
        number=_("Number"),
        recommendations=_("The administration's recommendations"),
        contribution=_("Contribution"),
        summary=_("Summary of the contribution"),
        excerpt=_("The start of the contribution (no summary yet)"),
        assessment=_("The administration's assessment"),
        recommendation=_("Recommendation"),
        linked_change=_("Linked change"),
        reason_for_change=_("Why it was changed"),
        legend=_(
            "How to read the changes: added text is underlined (and green), deleted text is "
            "struck through (and red). Unchanged text is shown as it is.",
        ),
        legend_example=_("Example:"),
        inserted_example=_("added text"),
        deleted_example=_("deleted text"),
        added=_("Added"),
        deleted=_("Deleted"),
        changed=_("Changed"),
        no_periods=_("No activity took written contributions."),
        no_activities=_("No activities."),
        not_stated=_("Not stated"),
        none=_("None"),
        no_contributions=_("No contributions were received."),
        no_documents=_(
            "There is no hearing version with a later version to compare it with, so no changes "
            "are shown.",
        ),
        no_changes=_("No changes between the versions."),
        made=_("Made %(when)s from the data in Inddrag."),
        page=_("Page %(page)d"),
        continued=_("continued"),
    )


def period_line(p: Period) -> str:
    days = ngettext("%(days)d day", "%(days)d days", p.days) % {"days": p.days}
    return f"{p.title} ({p.method}): {p.dates} ({days})"


def item_heading(item: Item) -> str:
    heading = f"{item.number}. {item.receipt_number} — {item.who}"
    return f"{heading} ({item.category})" if item.named else heading


def summary_label(item: Item, text: Labels) -> str:
    return text.excerpt if item.summary_kind == "excerpt" else text.summary


def block_status(status: str, text: Labels) -> str:
    return {"added": text.added, "deleted": text.deleted}.get(status, text.changed)
