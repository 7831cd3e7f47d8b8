from django.contrib import admin

from inddrag.audit.models import AccessLog
from inddrag.audit.reads import PersonalDataAdmin


@admin.register(AccessLog)
class AccessLogAdmin(PersonalDataAdmin):
    """Read-only: no one adds, changes or deletes an entry here (the retention command removes
    old ones). Reading the log is itself logged — it says what colleagues looked at."""

    list_display = ("at", "user", "action", "object_type", "object_id", "detail")
    list_filter = (
        ("user", admin.RelatedOnlyFieldListFilter),
        "object_type",
        "action",
        "at",
    )
    date_hierarchy = "at"
    search_fields = ("detail", "user__username")
    list_select_related = ("user",)
    readonly_fields = ("at", "user", "action", "object_type", "object_id", "detail")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
