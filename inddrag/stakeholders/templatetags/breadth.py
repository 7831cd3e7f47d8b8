"""``{% chart_summary chart public %}``: a breadth chart's numbers in words, for screen readers."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def chart_summary(chart, public: bool = False) -> str:
    return chart.summary(public=public)
