"""Template tags: ``{% period start end %}``, ``{% moment value %}``, ``{{ value|hours }}``,
``{% public_changes_of contribution as changes %}``."""

from django import template

from inddrag.lib import formatting

register = template.Library()
register.simple_tag(formatting.period, name="period")
register.simple_tag(formatting.moment, name="moment")
register.filter("hours", formatting.hours)


@register.simple_tag
def public_changes_of(contribution) -> list:
    """The published changes one contribution led to (one query). Lists of contributions set
    ``public_changes`` in one query instead (``processes.services.attach_public_changes``)."""
    from inddrag.processes.services import public_changes

    if contribution is None or contribution.pk is None:
        return []
    cached = getattr(contribution, "public_changes", None)
    if cached is not None:
        return cached
    return list(public_changes().filter(contributions=contribution))
