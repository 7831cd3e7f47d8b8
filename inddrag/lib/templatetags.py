"""The ``inddrag`` template library: ``{% period start end %}``, ``{% moment value %}``,
``{% meeting_time start end %}``, ``{{ value|hours }}`` and ``{% section item %}`` (render a
registered page section).

Registered in ``settings.TEMPLATES`` (``libraries``), so it belongs to no app. No tag runs a
query: what a template shows is loaded by the view or the section beforehand.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from inddrag.lib import formatting
from inddrag.lib.sections import RenderedSection

register = template.Library()
register.simple_tag(formatting.period, name="period")
register.simple_tag(formatting.moment, name="moment")
register.simple_tag(formatting.meeting_time, name="meeting_time")
register.filter("hours", formatting.hours)
register.filter("grouped", formatting.grouped)


@register.simple_tag(takes_context=True)
def section(context, item: RenderedSection) -> SafeString:
    """Render a section's template with its own context on top of the page's."""
    compiled = context.template.engine.get_template(item.template)
    with context.push(item.context):
        return compiled.render(context)
