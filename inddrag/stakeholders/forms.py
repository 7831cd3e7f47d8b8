"""Staff forms for stakeholders: the registry (a stakeholder, a statutory duty, the import and the
list's filter) and the hearing list of a process (adding a stakeholder, dismissing a suggestion)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inddrag.lib.forms import DkfdsFormMixin
from inddrag.organisation.models import District
from inddrag.stakeholders.models import HearingDuty, Stakeholder, Topic


class StakeholderForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "type", "contact_name", "email", "phone", "districts", "topics", "centre"]
        widgets = {
            "districts": forms.CheckboxSelectMultiple,
            "topics": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "email": {
                "required": _("Enter the stakeholder's e-mail address."),
                "invalid": _("Enter a valid e-mail address, e.g. name@example.dk."),
            },
            "name": {"required": _("Enter the stakeholder's name.")},
            "type": {"required": _("Choose a type.")},
        }

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Stakeholder.objects.filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("A stakeholder with this name already exists."), code="unique"
            )
        return name

    def validate_unique(self) -> None:
        # The name is checked case-insensitively in clean_name, with a Danish message.
        exclude = self._get_validation_exclusions()
        exclude.add("name")
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)


class HearingDutyForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = HearingDuty
        fields = ["stakeholder", "topics", "legal_basis"]
        widgets = {"topics": forms.CheckboxSelectMultiple}
        help_texts = {
            "legal_basis": _("E.g. “Retssikkerhedsloven § 30”."),
            "topics": _("The stakeholder must be heard on processes with these topics."),
        }
        error_messages = {
            "stakeholder": {"required": _("Choose the stakeholder that must be heard.")},
            "topics": {"required": _("Choose at least one topic.")},
            "legal_basis": {"required": _("Enter the legal basis.")},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].queryset = Stakeholder.objects.filter(
            Q(active=True) | Q(pk=self.instance.stakeholder_id)
        ).order_by("name")


class ImportForm(DkfdsFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8, separated by ; or ,) or XLSX with a header row, at most 2 MB and "
            "2,000 rows. Columns: navn, type, kontaktperson, e-mail, telefon, bydele, emner."
        ),
        error_messages={"required": _("Choose a file to upload.")},
    )
    create_topics = forms.BooleanField(label=_("Create new topics"), required=False)


class FilterForm(DkfdsFormMixin, forms.Form):
    show_optional = False


class StakeholderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    type = django_filters.ChoiceFilter(
        label=_("Type"), choices=Stakeholder.Type.choices, empty_label=_("All types")
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        field_name="districts",
        queryset=District.objects.all(),
        empty_label=_("All districts"),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        queryset=Topic.objects.all(),
        empty_label=_("All topics"),
    )
    internal = django_filters.ChoiceFilter(
        label=_("Internal or external"),
        choices=[("internal", _("Internal")), ("external", _("External"))],
        empty_label=_("Both"),
        method="filter_internal",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("active", _("Active")), ("inactive", _("Deactivated"))],
        empty_label=_("All"),
        method="filter_status",
    )

    class Meta:
        model = Stakeholder
        fields = ["q", "type", "district", "topic", "internal", "status"]
        form = FilterForm

    def search(self, queryset, name: str, value: str):
        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(contact_name__icontains=value))

    def filter_internal(self, queryset, name: str, value: str):
        internal = Q(type__in=Stakeholder.INTERNAL_TYPES)
        return queryset.filter(internal if value == "internal" else ~internal)

    def filter_status(self, queryset, name: str, value: str):
        return queryset.filter(active=(value == "active"))


# --- The hearing list of a process ---------------------------------------------------------


class DismissForm(DkfdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why dismiss?"),
        max_length=300,
        error_messages={
            "required": _("Write a short reason for dismissing the suggestion."),
            "max_length": _("Keep the reason under %(limit_value)d characters."),
        },
    )

    def clean_reason(self) -> str:
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(
                _("Write a short reason for dismissing the suggestion."), code="required"
            )
        return reason


class AddForm(forms.Form):
    stakeholder = forms.ModelChoiceField(
        queryset=Stakeholder.objects.filter(active=True),
        error_messages={"invalid_choice": _("Choose a stakeholder from the search results.")},
    )
