"""Case types are reference data kept in the admin, with their default frame and steps."""

from django.contrib import admin

from inddrag.cases.models import CaseType, CaseTypeFrameItem, CaseTypeStep


class FrameItemInline(admin.TabularInline):
    model = CaseTypeFrameItem
    extra = 1


class StepInline(admin.TabularInline):
    model = CaseTypeStep
    extra = 1


@admin.register(CaseType)
class CaseTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "legal_basis", "processing_weeks", "hearing_days", "centre", "active")
    list_filter = ("active", "centre")
    search_fields = ("name", "legal_basis")
    inlines = (FrameItemInline, StepInline)
