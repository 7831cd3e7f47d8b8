"""Choice labels without Django's cost per call.

A model's ``get_FOO_display()`` builds a dictionary of all the field's choices on every call,
hashing each lazy label (one ``gettext`` per choice), which a list of 25 rows with four such
fields pays a hundred times per page. ``label`` keeps one dictionary per choices class and
language; the models override ``get_FOO_display`` of the fields their lists show with it
(issue #14).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language

_LABELS: dict[tuple[type[models.Choices], str | None], dict] = {}


def label(choices: type[models.Choices], value):
    """What ``get_FOO_display()`` returns for ``value`` of a field with ``choices.choices``: the
    label in the active language, or the value itself when it is not a choice."""
    key = (choices, get_language())
    labels = _LABELS.get(key)
    if labels is None:
        labels = _LABELS[key] = {code: str(text) for code, text in choices.choices}
    return labels.get(value, value)
