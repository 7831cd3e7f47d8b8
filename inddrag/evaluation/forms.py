"""The evaluation page's choice of scope and period, from the query string."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inddrag.evaluation.indicators import (
    BY_CODE,
    Period,
    Scope,
    current_half,
    election_halves,
    scopes,
)
from inddrag.lib.forms import DateInput, DkfdsFormMixin

CUSTOM = "custom"
LONGEST = datetime.timedelta(days=10 * 366)  # a custom period of at most about ten years


def half_key(period: Period) -> str:
    year, number = period.half or (0, 0)
    return f"{year}-{number}"


def half_label(period: Period) -> str:
    year, number = period.half or (0, 0)
    label = gettext("%(years)s, first half") if number == 1 else gettext("%(years)s, second half")
    return label % {"years": f"{year}–{year + 3}"} + (
        f" ({date_format(period.start, 'SHORT_DATE_FORMAT')}–"
        f"{date_format(period.end, 'SHORT_DATE_FORMAT')})"
    )


class IndicatorFilter(DkfdsFormMixin, forms.Form):
    """A scope (a standing committee or a centre) and a period (a half of an election period, or
    any two dates). What the query leaves out is the default: the first committee and the half
    of the election period that holds today."""

    show_optional = False
    more_defaults: dict = {}

    scope = forms.ChoiceField(label=_("Committee or centre management"))
    period = forms.ChoiceField(label=_("Period"))
    start = forms.DateField(label=_("From (own period)"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To (own period)"), required=False, widget=DateInput())

    def __init__(self, query: dict | None, *, today: datetime.date) -> None:
        self.scope_list = scopes()
        self.halves = election_halves()
        current = current_half(self.halves, today)
        defaults = {
            "scope": self.scope_list[0].key if self.scope_list else "",
            "period": half_key(current) if current else CUSTOM,
            **self.more_defaults,
        }
        if current is None:
            defaults["start"] = (today - datetime.timedelta(days=729)).isoformat()
            defaults["end"] = today.isoformat()
        query = {k: v for k, v in (query or {}).items() if k in self.base_fields}
        super().__init__({**defaults, **query})
        committees = [(s.key, s.name) for s in self.scope_list if not s.is_centre]
        centres = [(s.key, s.name) for s in self.scope_list if s.is_centre]
        self.fields["scope"].choices = [
            (gettext("Standing committees"), committees),
            (gettext("Centre managements"), centres),
        ]
        self.fields["period"].choices = [(half_key(h), half_label(h)) for h in self.halves] + [
            (CUSTOM, gettext("Own period (the dates below)"))
        ]

    def clean_scope(self) -> Scope:
        key = self.cleaned_data["scope"]
        return next(s for s in self.scope_list if s.key == key)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("period") != CUSTOM:
            return data
        start, end = data.get("start"), data.get("end")
        if "start" not in self.errors and start is None:
            self.add_error("start", _("Choose the first day of the period."))
        if "end" not in self.errors and end is None:
            self.add_error("end", _("Choose the last day of the period."))
        if start and end and end < start:
            self.add_error("end", _("The last day cannot be before the first."))
        elif start and end and end - start > LONGEST:
            self.add_error("end", _("Choose a period of at most ten years."))
        return data

    def chosen(self) -> tuple[Scope, Period]:
        data = self.cleaned_data
        if data["period"] == CUSTOM:
            return data["scope"], Period(data["start"], data["end"])
        half = next(h for h in self.halves if half_key(h) == data["period"])
        return data["scope"], half


class BehindFilter(IndicatorFilter):
    """The same choice, and which indicator (the first by default) and period (this or the one
    before) to list."""

    more_defaults = {"indikator": next(iter(BY_CODE))}

    indikator = forms.ChoiceField(label=_("Indicator"), choices=[(code, code) for code in BY_CODE])
    tidligere = forms.BooleanField(label=_("The previous period"), required=False)
