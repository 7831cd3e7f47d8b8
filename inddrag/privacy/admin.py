from django.contrib import admin

from inddrag.privacy.models import RetentionRun


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin):
    """What each retention run and erasure did, read-only: the log of the policy."""

    list_display = ("at", "trigger", "by", "counts")
    list_filter = ("trigger",)
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
