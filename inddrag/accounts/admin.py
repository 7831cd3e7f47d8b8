from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from inddrag.accounts.models import User
from inddrag.audit.reads import PersonalDataAdmin


@admin.register(User)
class UserAdmin(PersonalDataAdmin, BaseUserAdmin):
    """Names and e-mail addresses of staff and citizens: every view is logged."""

    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Municipality"), {"fields": ("role", "centre", "title")}),
    )
    list_display = ("username", "first_name", "last_name", "role", "centre", "is_active")
    list_filter = ("role", "centre", "is_active")
