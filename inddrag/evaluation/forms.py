"""The evaluation page's choice of scope and period, from the query string."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inddrag.accounts.models import User
from inddrag.contributions.screening import scan
from inddrag.evaluation.indicators import (
    BY_CODE,
    Period,
    Scope,
    current_half,
    election_halves,
    scopes,
)
from inddrag.evaluation.models import PRINCIPLES, AssessmentText, EvaluationRound
from inddrag.evaluation.services import RoundData
from inddrag.lib.forms import DateInput, DkfdsFormMixin, style_widget
from inddrag.organisation.models import Centre, DecisionBody, ElectionPeriod

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


# --- Rounds and assessments -----------------------------------------------------------------------

TEXT_FIELDS = (
    ("went_well", _("What went well")),
    ("went_badly", _("What did not go well")),
    ("will_do", _("What we will do")),
)
TEXT_LIMIT = 5000
PERSONAL_KINDS = {
    "cpr": _("a CPR number"),
    "email": _("an e-mail address"),
    "phone": _("a phone number"),
}


def _staff_members() -> models.QuerySet[User]:
    return User.objects.filter(role=User.Role.STAFF, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


class PreparerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class RoundForm(DkfdsFormMixin, forms.Form):
    """A round: its title, the half of an election period it evaluates, the deadline, and who
    prepares each assessment (every standing committee and every centre management)."""

    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("E.g. “Spring 2027 — midway”."),
        error_messages={"required": _("Give the round a title.")},
    )
    period = forms.ChoiceField(label=_("The half of the election period it evaluates"))
    deadline = forms.DateField(
        label=_("Deadline for the assessments"),
        widget=DateInput(),
        help_text=_("The preparers are reminded 14 and 3 days before, and the day after it."),
    )

    def __init__(
        self,
        data: dict | None = None,
        *,
        today: datetime.date,
        instance: EvaluationRound | None = None,
    ) -> None:
        self.today = today
        self.instance = instance
        self.halves = election_halves()
        self.targets = [
            (b, None) for b in DecisionBody.objects.filter(kind=DecisionBody.Kind.COMMITTEE)
        ] + [(None, c) for c in Centre.objects.all()]
        initial: dict = {}
        if instance is not None:
            initial = {
                "title": instance.title,
                "period": f"{instance.election_period.starts_on.year}-{instance.half}",
                "deadline": instance.deadline,
            }
            for a in instance.assessments.all():
                initial[self._key(a.body, a.centre, a.body_id, a.centre_id)] = a.preparer_id
        super().__init__(data, initial=initial)
        self.fields["period"].choices = [(half_key(h), half_label(h)) for h in self.halves]
        if instance is not None:
            self.fields["period"].disabled = True
            self.fields["period"].help_text = _("The half cannot be changed once the round exists.")
        staff = _staff_members()
        for body, centre in self.targets:
            name = self._key(body, centre)
            label = (
                body.name
                if body
                else gettext("Centre management, %(centre)s") % {"centre": centre.name}
            )
            # A committee or centre not in an existing round (added since, or left out of it)
            # may be added to it, not required.
            added = instance is not None and name not in initial
            self.fields[name] = PreparerField(
                label=label,
                queryset=staff,
                required=not added,
                empty_label=(
                    gettext("Not in this round") if added else gettext("Choose a member of staff")
                ),
                help_text=(
                    gettext("Choose a member of staff to add it to the round.") if added else ""
                ),
                error_messages={"required": gettext("Choose who prepares this assessment.")},
            )
            style_widget(self.fields[name].widget)

    @staticmethod
    def _key(body, centre, body_id=None, centre_id=None) -> str:
        if body is not None or body_id:
            return f"udvalg_{body_id or body.pk}"
        return f"center_{centre_id or centre.pk}"

    def preparer_fields(self) -> list:
        return [self[self._key(b, c)] for b, c in self.targets]

    def committee_fields(self) -> list:
        return [self[self._key(b, c)] for b, c in self.targets if b is not None]

    def centre_fields(self) -> list:
        return [self[self._key(b, c)] for b, c in self.targets if c is not None]

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise ValidationError(_("Give the round a title."), code="required")
        return title

    def clean_deadline(self) -> datetime.date:
        deadline = self.cleaned_data["deadline"]
        unchanged = self.instance is not None and deadline == self.instance.deadline
        if deadline < self.today and not unchanged:
            raise ValidationError(_("The deadline cannot be in the past."), code="past")
        if deadline > self.today + datetime.timedelta(days=3 * 366):
            raise ValidationError(_("Choose a deadline within three years."), code="far")
        return deadline

    def clean_period(self) -> Period:
        key = self.cleaned_data["period"]
        half = next((h for h in self.halves if half_key(h) == key), None)
        if half is None:
            raise ValidationError(_("Choose a half of an election period."), code="invalid")
        if self.instance is None:
            year, number = half.half
            if EvaluationRound.objects.filter(
                election_period__starts_on__year=year, half=number
            ).exists():
                raise ValidationError(
                    _("There is already an evaluation round for this half."), code="taken"
                )
        return half

    def clean(self) -> dict:
        data = super().clean()
        if not self.targets:
            raise ValidationError(
                _(
                    "There are no standing committees or centres to evaluate. "
                    "Add them in the administration first."
                )
            )
        return data

    def round_data(self) -> RoundData:
        data = self.cleaned_data
        year, number = data["period"].half
        return RoundData(
            title=data["title"],
            election_period=ElectionPeriod.objects.get(starts_on__year=year),
            half=number,
            deadline=data["deadline"],
            preparers=[
                (b, c, data[self._key(b, c)]) for b, c in self.targets if data.get(self._key(b, c))
            ],
        )


def screen_public_text(text: str) -> str | None:
    """The error for a text that is published with the round: it may hold no CPR number,
    e-mail address or phone number."""
    kinds = {f.kind for f in scan(text, words=[])} & PERSONAL_KINDS.keys()
    if not kinds:
        return None
    what = ", ".join(str(PERSONAL_KINDS[k]) for k in sorted(kinds))
    return gettext(
        "The text is published with the round, and it looks like it holds %(what)s. "
        "Remove it: the assessment is about the principles, never about a person."
    ) % {"what": what}


class AssessmentForm(DkfdsFormMixin, forms.Form):
    """What went well, what did not, and what the committee or management will do, for each of
    the five principles (fields ``p1_went_well`` …)."""

    show_optional = False

    def __init__(self, data: dict | None = None, *, texts: dict[int, AssessmentText]) -> None:
        initial = {
            f"p{n}_{key}": getattr(text, key)
            for n, text in texts.items()
            for key, _l in TEXT_FIELDS
        }
        super().__init__(data, initial=initial)
        for n in PRINCIPLES:
            for key, label in TEXT_FIELDS:
                self.fields[f"p{n}_{key}"] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=TEXT_LIMIT,
                    strip=True,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
                style_widget(self.fields[f"p{n}_{key}"].widget)

    def fields_of(self, principle: int) -> list:
        return [self[f"p{principle}_{key}"] for key, _l in TEXT_FIELDS]

    def clean(self) -> dict:
        data = super().clean()
        for name, value in list(data.items()):
            if value and (error := screen_public_text(value)):
                self.add_error(name, error)
        return data

    def texts(self) -> dict[int, dict[str, str]]:
        data = self.cleaned_data
        return {
            n: {key: data.get(f"p{n}_{key}", "") for key, _l in TEXT_FIELDS} for n in PRINCIPLES
        }


class RecordForm(DkfdsFormMixin, forms.Form):
    """The meeting where the committee or management treated the assessment."""

    treated_on = forms.DateField(label=_("Treated on"), widget=DateInput())
    agenda_url = forms.URLField(
        label=_("Link to the agenda item"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("The item on the committee's or management's agenda, if it is published."),
    )

    def __init__(
        self, data: dict | None = None, *, today: datetime.date, round_: EvaluationRound
    ) -> None:
        self.today = today
        self.round = round_
        super().__init__(data)

    def clean_treated_on(self) -> datetime.date:
        day = self.cleaned_data["treated_on"]
        if day > self.today:
            raise ValidationError(
                _("Record the assessment after the meeting: the day cannot be in the future."),
                code="future",
            )
        if day < self.round.period_start:
            raise ValidationError(
                _("The meeting cannot be before the period the round evaluates."), code="early"
            )
        return day

    def clean_agenda_url(self) -> str:
        url = self.cleaned_data["agenda_url"]
        if url and not url.lower().startswith(("https://", "http://")):
            raise ValidationError(_("Give a web address that starts with https://."), code="scheme")
        return url
