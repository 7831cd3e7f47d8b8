"""Forms of the staff hearing list page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inddrag.lib.forms import DkfdsFormMixin
from inddrag.stakeholders.models import Stakeholder


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
