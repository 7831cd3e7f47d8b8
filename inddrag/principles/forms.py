"""The administrator's two forms: a principle's wording, and one threshold. Both ask why."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from inddrag.contributions.screening import scan
from inddrag.lib.forms import CharField, DkfdsFormMixin, style_widget
from inddrag.principles.models import (
    LONG_LENGTH,
    REASON_LENGTH,
    SHORT_LENGTH,
    TITLE_LENGTH,
    Threshold,
)
from inddrag.principles.services import ALL_TEXT_FIELDS, policy_value, stored_texts

TOO_LONG = _("Write at most %(limit_value)s characters (you wrote %(show_value)s).")


def _no_cpr(value: str) -> None:
    """The texts are public: never a CPR number (the screening's own test, as everywhere)."""
    if any(f.kind == "cpr" for f in scan(value, words=[])):
        raise ValidationError(_("Do not write a CPR number."), code="cpr")


def _text(label, length: int, *, required: str = "", rows: int = 0, help_text="") -> CharField:
    """A text field; ``required`` is the message when it is left empty (none: optional)."""
    messages = {"max_length": TOO_LONG}
    if required:
        messages["required"] = required
    return CharField(
        label=label,
        max_length=length,
        required=bool(required),
        strip=True,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(),
        validators=[_no_cpr],
        error_messages=messages,
    )


def _reason() -> CharField:
    return CharField(
        label=_("Why is it changed?"),
        help_text=_("Kept in the history with your name, e.g. the council's decision."),
        max_length=REASON_LENGTH,
        validators=[_no_cpr],
        error_messages={
            "required": _("Write why it is changed: the history keeps it."),
            "max_length": TOO_LONG,
        },
    )


class PrincipleForm(DkfdsFormMixin, forms.Form):
    """A new version of one principle's wording: in Danish, and optionally in English (without
    it, the English pages show the Danish). Saved unchanged, it says so and saves nothing."""

    title = _text(_("Title"), TITLE_LENGTH, required=_("Write the principle's title."))
    short_text = _text(
        _("Short text"),
        SHORT_LENGTH,
        required=_("Write the short text."),
        rows=3,
        help_text=_("One or two plain sentences to the citizen."),
    )
    long_text = _text(
        _("Long text"),
        LONG_LENGTH,
        required=_("Write the long text."),
        rows=6,
        help_text=_("The council's wording. An empty line starts a new paragraph."),
    )
    title_en = _text(_("Title in English"), TITLE_LENGTH)
    short_text_en = _text(_("Short text in English"), SHORT_LENGTH, rows=3)
    long_text_en = _text(
        _("Long text in English"),
        LONG_LENGTH,
        rows=6,
        help_text=_("An English text left empty shows the Danish one on the English pages."),
    )
    reason = _reason()

    def __init__(self, *args, number: int, **kwargs) -> None:
        self.number = number
        kwargs.setdefault("initial", stored_texts(number))
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors:
            texts = {name: data.get(name, "") for name in ALL_TEXT_FIELDS}
            if texts == stored_texts(self.number):
                raise ValidationError(
                    _("Nothing is changed: change a text before you save."), code="unchanged"
                )
        return data

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in ALL_TEXT_FIELDS}


class ThresholdForm(DkfdsFormMixin, forms.Form):
    """A new value of one threshold, within its range."""

    value = forms.IntegerField(label=_("Value"))
    reason = _reason()

    def __init__(self, *args, threshold: Threshold, **kwargs) -> None:
        self.threshold = threshold
        kwargs.setdefault("initial", {"value": policy_value(threshold.key)})
        super().__init__(*args, **kwargs)
        limits = {
            "min": threshold.minimum,
            "max": threshold.maximum,
            "unit": threshold.unit,
            "default": threshold.default(),
        }
        out_of_range = _("Choose a whole number from %(min)d to %(max)d.") % limits
        field = forms.IntegerField(
            label=threshold.label,
            help_text=_("From %(min)d to %(max)d %(unit)s; the default is %(default)d.") % limits,
            min_value=threshold.minimum,
            max_value=threshold.maximum,
            error_messages={
                "required": _("Write a number."),
                "invalid": out_of_range,
                "min_value": out_of_range,
                "max_value": out_of_range,
            },
        )
        style_widget(field.widget)
        self.fields["value"] = field

    def clean_value(self) -> int:
        value = self.cleaned_data["value"]
        if value == policy_value(self.threshold.key):
            raise ValidationError(
                _("This is the value now: choose another before you save."), code="unchanged"
            )
        return value
