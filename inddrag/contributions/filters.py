"""Filters for a process's contribution inbox (staff)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from inddrag.contributions import search
from inddrag.contributions.models import Contribution, Flag, Source, SpeakingAs
from inddrag.lib.forms import DkfdsFormMixin
from inddrag.processes.models import Process


class InboxFilterForm(DkfdsFormMixin, forms.Form):
    show_optional = False


STATES = [
    ("unanswered", _("Not answered")),
    ("draft", _("Answer drafted, not published")),
    ("answered", _("Answer published")),
    ("flagged", _("Flagged by the screening")),
    ("review", _("Awaiting review")),
    ("declined", _("Not published (declined)")),
]


def open_flags() -> Exists:
    return Exists(Flag.objects.filter(contribution=OuterRef("pk"), resolution=Flag.Resolution.OPEN))


class InboxFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        help_text=_("Text, receipt number, name or organisation."),
    )
    state = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATES, method="by_state", empty_label=_("All")
    )
    activity = django_filters.ChoiceFilter(
        label=_("Activity"), field_name="activity_id", empty_label=_("All activities")
    )
    speaking_as = django_filters.ChoiceFilter(
        label=_("Speaks as"), choices=SpeakingAs.choices, empty_label=_("All")
    )
    source = django_filters.ChoiceFilter(
        label=_("Received by"), choices=Source.choices, empty_label=_("All")
    )

    class Meta:
        model = Contribution
        fields = ["q", "state", "activity", "speaking_as", "source"]
        form = InboxFilterForm

    def __init__(self, data=None, queryset=None, *, process: Process, **kwargs) -> None:
        super().__init__(data, queryset, **kwargs)
        # The process's own activities, from its prefetched plan (no query).
        self.filters["activity"].extra["choices"] = [
            (a.pk, a.title) for a in process.activities.all()
        ]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()[:100]
        if not value:
            return queryset
        # The text by full-text search on PostgreSQL; æ, ø, å fold on SQLite too (``search``).
        return search.search_inbox(queryset, value, connection.vendor)

    def by_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "unanswered":
            return queryset.filter(answer__isnull=True)
        if value == "draft":
            return queryset.filter(answer__isnull=False, answer__published_at__isnull=True)
        if value == "answered":
            return queryset.filter(answer__published_at__isnull=False)
        if value == "flagged":
            return queryset.filter(open_flags())
        if value == "review":
            return queryset.filter(publication=Contribution.Publication.PENDING)
        if value == "declined":
            return queryset.filter(publication=Contribution.Publication.DECLINED)
        return queryset
