from django.contrib import admin

from inddrag.operations.models import ScheduledRun


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    """Read only: what the scheduler ran, when, and how it went."""

    list_display = ["job", "day", "outcome", "started_at", "finished_at", "claimed_by"]
    list_filter = ["outcome", "job"]
    date_hierarchy = "day"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
