"""Filters for the public process list."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inddrag.lib.forms import DkfdsFormMixin
from inddrag.organisation.models import Centre, District
from inddrag.processes.models import PUBLIC_STATUS_LABELS, Activity, Process


class FilterForm(DkfdsFormMixin, forms.Form):
    show_optional = False


PUBLIC_STATUSES = list(PUBLIC_STATUS_LABELS.items())


class ProcessFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        field_name="districts",
        queryset=District.objects.all(),
        empty_label=_("All districts"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PUBLIC_STATUSES, empty_label=_("All statuses")
    )
    centre = django_filters.ModelChoiceFilter(
        label=_("Centre"), queryset=Centre.objects.all(), empty_label=_("All centres")
    )
    method = django_filters.ChoiceFilter(
        label=_("Way to take part"),
        field_name="activities__method",
        choices=Activity.Method.choices,
        empty_label=_("All ways"),
        distinct=True,
    )

    class Meta:
        model = Process
        fields = ["q", "district", "status", "centre", "method"]
        form = FilterForm

    def search(self, queryset, name: str, value: str):
        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))
