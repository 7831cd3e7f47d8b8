"""Staff forms for a process and the rows that hang off it."""

from __future__ import annotations

import datetime

from django import forms
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inddrag.accounts.models import User
from inddrag.documents.models import DocumentVersion
from inddrag.lib.calendar import local_date
from inddrag.lib.forms import DkfdsFormMixin
from inddrag.organisation.models import District
from inddrag.processes.models import (
    CONTRIBUTION_METHODS,
    Activity,
    Decision,
    FrameItem,
    Milestone,
    Phase,
    Process,
    TargetGroup,
)
from inddrag.processes.services import DecisionData
from inddrag.stakeholders.models import Topic


def _https_urls(db_field, **kwargs):
    """URL fields assume https:// when a scheme is left out."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ProcessForm(DkfdsFormMixin, forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Who should be involved? Think beyond the task (principle 5)."),
    )

    class Meta:
        model = Process
        fields = [
            "title",
            "summary",
            "how_to_take_part",
            "centre",
            "responsible",
            "influence_level",
            "frame_all_open",
            "proportionality",
            "districts",
            "topic_tags",
            "target_groups",
            "esdh_reference",
            "kle_number",
            "planned_hours",
            "used_hours",
            "review_before_publishing",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "how_to_take_part": forms.Textarea(attrs={"rows": 4}),
            "districts": forms.CheckboxSelectMultiple,
            "topic_tags": forms.CheckboxSelectMultiple,
            "influence_level": forms.RadioSelect,
            "proportionality": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Staff who run processes: not the site's administrators.
        self.fields["responsible"].queryset = User.objects.filter(
            role=User.Role.STAFF, is_active=True, is_superuser=False
        ).order_by("first_name", "last_name")
        self.fields["responsible"].label_from_instance = lambda user: (
            f"{user.display_name} ({user.title})" if user.title else user.display_name
        )
        self.fields["responsible"].empty_label = _("Choose a staff member")
        self.fields["centre"].empty_label = _("Choose a centre")
        # Number inputs get the machine format ("220.5"): a browser drops a value it cannot
        # read, such as "220,5", and the form would save the field empty.
        for name in ("planned_hours", "used_hours"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"
        self.fields["districts"].queryset = District.objects.all()
        self.fields["topic_tags"].queryset = Topic.objects.order_by("name")
        self.fields["influence_level"].choices = [
            c for c in self.fields["influence_level"].choices if c[0]
        ]
        self.fields["influence_level"].required = False
        # Publishing is refused without one (a blocker): never labelled "optional".
        self.fields["influence_level"].hide_optional = True
        self.fields["summary"].required = True
        if self.instance.pk and self.instance.is_case:
            # A case's own data is the cases app's; its details are these few. Influence level,
            # proportionality, districts, topics, target groups, hours and review are a
            # project's (a case is created "involve" and "light", and never publishes input).
            for name in list(self.fields):
                if name not in self.CASE_FIELDS:
                    del self.fields[name]
        elif self.instance.pk:
            self.initial["target_groups"] = self.instance.target_group_codes()

    CASE_FIELDS = ("title", "summary", "centre", "responsible", "esdh_reference", "kle_number")

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Write a title."))
        return title


class FrameItemForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = FrameItem
        fields = ["kind", "text", "reason"]
        widgets = {"kind": forms.RadioSelect, "reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, process: Process, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.process = process
        self.instance.process = process
        self.fields["kind"].choices = FrameItem.Kind.choices  # no empty radio button
        self.fields["reason"].hide_optional = True  # required for fixed items, see the hint

    def save(self, commit: bool = True) -> FrameItem:
        if not self.instance.pk:
            self.instance.order = self.process.frame_items.count()
        return super().save(commit)


class PhaseForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["title", "starts_on", "ends_on", "description"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, process: Process, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.process = process


class ActivityForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = Activity
        formfield_callback = _https_urls
        fields = [
            "title",
            "method",
            "phase",
            "starts_at",
            "ends_at",
            "location",
            "online_url",
            "hearing_type",
            "feeds_milestone",
            "description",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, process: Process, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.process = process
        # Only this process's own phases and milestones: another process's ids are invalid.
        self.fields["phase"].queryset = process.phases.all()
        self.fields["phase"].empty_label = _("No phase")
        self.fields["feeds_milestone"].queryset = process.milestones.select_related("body")
        self.fields["feeds_milestone"].empty_label = _("Not chosen")
        self.fields["method"].choices = [("", _("Choose a method")), *Activity.Method.choices]
        for name in ("location", "online_url"):
            self.fields[name].hide_optional = True
        self.fields["location"].help_text = _(
            "For a meeting, a workshop or a site walk: where it takes place, an online link, or "
            "both. A hearing or a call for ideas takes the input here in Inddrag and needs "
            "neither."
        )

    def clean(self) -> dict:
        data = super().clean()
        milestone = data.get("feeds_milestone")
        ends_at = data.get("ends_at")
        if milestone and ends_at and local_date(ends_at) >= milestone.meeting_date:
            self.add_error(
                "feeds_milestone",
                _("The decision is taken on %(date)s, before this activity ends.")
                % {"date": milestone.meeting_date.strftime("%d.%m.%Y")},
            )
        takes_input_here = data.get("method") in CONTRIBUTION_METHODS
        if not takes_input_here and not data.get("location") and not data.get("online_url"):
            self.add_error(
                "location",
                _("Give the place where it takes place, an online link, or both."),
            )
        return data


class MilestoneForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        formfield_callback = _https_urls
        fields = ["body", "meeting_date", "decides", "agenda_url"]
        widgets = {"meeting_date": DateInput()}

    def __init__(self, *args, process: Process, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.process = process
        self.fields["body"].empty_label = _("Choose a decision body")

    def clean_meeting_date(self):
        date = self.cleaned_data["meeting_date"]
        if self.instance.pk:
            late = [a.title for a in self.instance.fed_by.all() if local_date(a.ends_at) >= date]
            if late:
                raise forms.ValidationError(
                    _("The meeting cannot be before the activities that feed it: %(titles)s.")
                    % {"titles": ", ".join(late)}
                )
        return date


class FinalVersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: DocumentVersion) -> str:
        label = f"{obj.document.title} — {obj.get_label_display()} ({obj.dated:%d.%m.%Y})"
        if not obj.published:
            label += " — " + str(_("not published yet; it is published with the decision"))
        return label


class DecisionForm(DkfdsFormMixin, forms.ModelForm):
    """The decision as the political body took it, and the final version of the document."""

    class Meta:
        model = Decision
        formfield_callback = _https_urls
        fields = ["body", "meeting_date", "agenda_title", "agenda_url", "text", "final_version"]
        field_classes = {"final_version": FinalVersionChoiceField}
        widgets = {"meeting_date": DateInput(), "text": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "agenda_title": _("As on the agenda, e.g. “12. Trafiksikkerhedsplan 2026-2030”."),
            "agenda_url": _("The item in the published minutes, so citizens can read the case."),
            "text": _("The decision as it stands in the minutes."),
        }

    def __init__(self, *args, process: Process, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process
        self.instance.process = process
        self.today = today or local_date(timezone.now())
        self.fields["body"].empty_label = _("Choose a decision body")
        versions = (
            DocumentVersion.objects.filter(document__process=process)
            .select_related("document")
            .defer("blocks")
            .annotate(
                final_first=Case(
                    When(label=DocumentVersion.Label.FINAL, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("final_first", "-dated", "-pk")
        )
        field = self.fields["final_version"]
        field.queryset = versions
        field.empty_label = _("No document")
        field.help_text = _(
            "The version the decision adopts, usually the one labelled “Final version”. It is "
            "published when you record the decision."
        )
        if not self.instance.pk and not self.is_bound:
            self._suggest()

    def _suggest(self) -> None:
        """Start from the last political meeting on or before today and the newest final
        version, so staff mostly check and add the decision text."""
        past = [m for m in self.process.milestones.all() if m.meeting_date <= self.today]
        if past:
            meeting = max(past, key=lambda m: (m.meeting_date, m.pk))
            self.initial.setdefault("body", meeting.body_id)
            self.initial.setdefault("meeting_date", meeting.meeting_date)
            self.initial.setdefault("agenda_title", meeting.decides)
            if meeting.agenda_url:
                self.initial.setdefault("agenda_url", meeting.agenda_url)
        final = (
            self.fields["final_version"].queryset.filter(label=DocumentVersion.Label.FINAL).first()
        )
        if final is not None:
            self.initial.setdefault("final_version", final.pk)

    def clean_meeting_date(self) -> datetime.date:
        date = self.cleaned_data["meeting_date"]
        if date > self.today:
            raise forms.ValidationError(
                _("The meeting is on %(date)s. Record the decision once it has been taken.")
                % {"date": date.strftime("%d.%m.%Y")}
            )
        return date

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write the decision."))
        return text

    def decision_data(self) -> DecisionData:
        data = self.cleaned_data
        return DecisionData(
            body=data["body"],
            meeting_date=data["meeting_date"],
            agenda_title=data["agenda_title"],
            agenda_url=data.get("agenda_url", ""),
            text=data["text"],
            final_version=data.get("final_version"),
        )

    def clean_agenda_title(self) -> str:
        title = self.cleaned_data["agenda_title"].strip()
        if not title:
            raise forms.ValidationError(_("Write the agenda item's title."))
        return title
