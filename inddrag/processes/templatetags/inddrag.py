"""Template tags: ``{% period start end %}``, ``{% moment value %}``, ``{{ value|hours }}``."""

from django import template

from inddrag import formatting

register = template.Library()
register.simple_tag(formatting.period, name="period")
register.simple_tag(formatting.moment, name="moment")
register.filter("hours", formatting.hours)
