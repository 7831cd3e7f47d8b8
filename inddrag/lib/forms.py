"""Forms render with Det Fælles Designsystem's markup: label, hint, error next to the field."""

from __future__ import annotations

from django.forms import BoundField, widgets
from django.forms.renderers import TemplatesSetting


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
