"""Django admin for the stakeholder reference data: topics, and a fallback for the rest.

Staff maintain the registry on the staff pages (/personale/interessenter/); the admin is for
reference data such as the controlled topic list and the population figures. A stakeholder's
contact details are personal data: its admin pages are logged (``PersonalDataAdmin``).
"""

from django.contrib import admin

from inddrag.audit.reads import PersonalDataAdmin
from inddrag.stakeholders.models import (
    HearingDuty,
    HearingListEntry,
    PopulationFigure,
    Stakeholder,
    Topic,
)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)
    filter_horizontal = ("related",)


@admin.register(Stakeholder)
class StakeholderAdmin(PersonalDataAdmin):
    list_display = ("name", "type", "active")
    list_filter = ("type", "active", "districts")
    search_fields = ("name",)
    filter_horizontal = ("districts", "topics")


@admin.register(HearingDuty)
class HearingDutyAdmin(admin.ModelAdmin):
    list_display = ("stakeholder", "legal_basis")
    autocomplete_fields = ("stakeholder",)
    filter_horizontal = ("topics",)


@admin.register(HearingListEntry)
class HearingListEntryAdmin(admin.ModelAdmin):
    list_display = ("process", "stakeholder", "reason", "state", "invited_at")
    list_filter = ("reason", "state")
    list_select_related = ("process", "stakeholder")
    raw_id_fields = ("process", "stakeholder", "decided_by")


@admin.register(PopulationFigure)
class PopulationFigureAdmin(admin.ModelAdmin):
    list_display = ("district", "age_band", "count", "year", "source")
    list_filter = ("year", "district")
