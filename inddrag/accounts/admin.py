from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from inddrag.accounts import services
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
    actions = ["reset_two_factor"]

    @admin.action(description=_("Reset two-step login (lost phone)"))
    def reset_two_factor(self, request, queryset) -> None:
        for user in queryset:
            services.reset_devices(user, by=request.user)
        self.message_user(
            request,
            _(
                "Two-step login reset for %(count)s user(s); they set it up again at their next "
                "login."
            )
            % {"count": len(queryset)},
        )


# django-axes' login attempts hold user names and addresses: every view of them is logged too.
def _log_axes_admin() -> None:
    from axes import admin as axes_admin
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as LoginLog

    for model, base in (
        (AccessAttempt, axes_admin.AccessAttemptAdmin),
        (LoginLog, axes_admin.AccessLogAdmin),
        (AccessFailureLog, axes_admin.AccessFailureLogAdmin),
    ):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
        admin.site.register(model, type(base.__name__, (PersonalDataAdmin, base), {}))


_log_axes_admin()


# django-otp's own admin pages show each person's secret TOTP key (and its QR code) and the
# unused backup codes: not in our admin. A lost phone is reset with the action on Users.
def _hide_otp_admin() -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_hide_otp_admin()
