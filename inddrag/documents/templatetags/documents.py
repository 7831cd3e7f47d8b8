"""``{{ segments|segments }}``: visible changes as ``<ins>``/``<del>``, with words for screen
readers.

Not colour alone: inserted text is underlined and deleted text struck through (the elements'
own styling), and each starts with visually hidden text ("Tilføjet: " / "Slettet: ") because
most screen readers do not announce ``<ins>`` and ``<del>``.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


def _text(value: str) -> str:
    return str(conditional_escape(value)).replace("\n", "<br>")


@register.filter
def segments(value) -> str:
    """Render a tuple of ``diff.Segment`` as HTML."""
    added = gettext("Added: ")
    deleted = gettext("Deleted: ")
    parts = []
    for segment in value or ():
        if segment.op == "insert":
            parts.append(
                f'<ins><span class="sr-only">{conditional_escape(added)}</span>'
                f"{_text(segment.text)}</ins>"
            )
        elif segment.op == "delete":
            parts.append(
                f'<del><span class="sr-only">{conditional_escape(deleted)}</span>'
                f"{_text(segment.text)}</del>"
            )
        else:
            parts.append(_text(segment.text))
    return mark_safe("".join(parts))  # noqa: S308 — every text part is escaped above
