"""Forms render with Det Fælles Designsystem's markup: label, hint, error next to the field."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.core.validators import ProhibitNullCharactersValidator as ProhibitNullCharacters
from django.forms import BoundField, widgets
from django.forms.renderers import TemplatesSetting
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy

# A lone surrogate (U+D800–U+DFFF, e.g. a JSON "\\ud800" escape) is no character: it cannot be
# written as UTF-8, so neither the database nor an e-mail nor a digest can take it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def has_unstorable_characters(value: str) -> bool:
    """Whether ``value`` holds something no database column can store: a NUL or a lone
    surrogate."""
    return "\x00" in value or _SURROGATE.search(value) is not None


def reject_unstorable_characters(value) -> None:
    """A validator for every text field of our forms (``DkfdsFormMixin``): one clear message
    next to the field instead of a crash when the text holds a NUL or a lone surrogate."""
    if isinstance(value, str) and has_unstorable_characters(value):
        raise ValidationError(UNSTORABLE_MESSAGE, code="unstorable")


UNSTORABLE_MESSAGE = gettext_lazy("The text contains characters that cannot be saved.")


class DkfdsFormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"


_WIDGET_CLASSES: list[tuple[type[widgets.Widget], str]] = [
    (widgets.CheckboxSelectMultiple, ""),
    (widgets.RadioSelect, ""),
    (widgets.CheckboxInput, ""),
    (widgets.Select, "form-select"),
    (widgets.Textarea, "form-input"),
    (widgets.Input, "form-input"),
]


def style_widget(widget: widgets.Widget) -> None:
    """Add the design system's class for the widget's kind (once)."""
    for kind, css in _WIDGET_CLASSES:
        if isinstance(widget, kind):
            if css and css not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            return


class DkfdsBoundField(BoundField):
    """Points the widget at its hint and error message for screen readers."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        described = []
        if self.help_text:
            described.append(f"{self.auto_id}_helptext")
        if self.errors:
            described.append(f"{self.auto_id}-error")
            attrs["aria-invalid"] = "true"
        widget = widget or self.field.widget
        if described and not isinstance(
            widget, widgets.CheckboxSelectMultiple | widgets.RadioSelect
        ):
            attrs["aria-describedby"] = " ".join(described)
        elif isinstance(widget, widgets.CheckboxSelectMultiple | widgets.RadioSelect):
            attrs.pop("aria-describedby", None)
        return attrs


class DkfdsFormMixin:
    """Style every widget and render fields with the design system's markup."""

    bound_field_class = DkfdsBoundField
    show_optional = True  # mark optional fields "(valgfrit)"; off where all fields are optional

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            style_widget(field.widget)
            if isinstance(field, forms.CharField):
                # Django's NUL validator says "Null-tegn er ikke tilladte"; ours says it plainly
                # and covers lone surrogates too.
                field.validators = [
                    *(v for v in field.validators if not isinstance(v, ProhibitNullCharacters)),
                    reject_unstorable_characters,
                ]
            if isinstance(field.widget, widgets.Textarea):
                field.widget.value_from_datadict = _one_newline(field.widget.value_from_datadict)


def one_newline(value: str) -> str:
    """Line breaks as stored: browsers send a textarea's lines with CRLF."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _one_newline(read):
    """A textarea's value with one kind of line break, so a text saved unchanged is unchanged
    (and a length limit counts a line break once, as the browser does)."""

    def value_from_datadict(data, files, name):
        value = read(data, files, name)
        return one_newline(value) if isinstance(value, str) else value

    return value_from_datadict


# --- Widgets and fields shared by the apps' forms ---------------------------------------------


class DateInput(widgets.DateInput):
    """``<input type="date">``: the browser's date picker, always in ISO format."""

    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(widgets.DateTimeInput):
    """``<input type="datetime-local">``, read and shown in Danish time (the site's zone)."""

    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class _ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices read with one plain ``SELECT`` (kept by the field's own queryset, so a second
    rendering reads none), not through ``QuerySet.iterator()``: on PostgreSQL that is a
    server-side cursor — DECLARE, FETCH and CLOSE, three round trips — for a handful of rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ShortModelChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` over a short list (the districts): see ``_ListedChoiceIterator``
    (issue #14, the process page's form)."""

    iterator = _ListedChoiceIterator


class IdListField(forms.Field):
    """The primary keys of the rows ticked in a list (at most ``max_ids``)."""

    widget = widgets.MultipleHiddenInput
    default_error_messages = {
        "invalid": gettext_lazy("The selection was not valid. Tick the rows again."),
        "too_many": gettext_lazy("Choose at most %(max)d at a time."),
    }

    def __init__(self, *args, max_ids: int = 500, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.max_ids = max_ids

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        try:
            ids = sorted({int(v) for v in value})
        except (TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if len(ids) > self.max_ids:
            raise ValidationError(
                self.error_messages["too_many"] % {"max": self.max_ids}, code="too_many"
            )
        return ids


class GroupedMaxLengthValidator(MaxLengthValidator):
    """A maximum length whose message shows the numbers as people read them: "20.000 tegn"."""

    def __call__(self, value) -> None:
        cleaned = self.clean(value)
        if self.compare(cleaned, self.limit_value):
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "limit_value": number_format(self.limit_value, force_grouping=True),
                    "show_value": number_format(cleaned, force_grouping=True),
                    "value": value,
                },
            )


class CharField(forms.CharField):
    """A text field whose "too long" message groups the thousands (use ``%(limit_value)s`` and
    ``%(show_value)s`` in its ``max_length`` message)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.validators = [
            GroupedMaxLengthValidator(v.limit_value) if type(v) is MaxLengthValidator else v
            for v in self.validators
        ]
