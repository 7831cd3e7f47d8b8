from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from inddrag.lib.forms import DkfdsFormMixin
from inddrag.lib.ratelimit import seconds_to_wait


def _minutes(seconds: int) -> int:
    return max(1, -(-seconds // 60))


class LoginForm(DkfdsFormMixin, AuthenticationForm):
    """Django's login form, held back twice: too many posts from one address (a rate limit,
    ``INDDRAG_LOGIN_RATE``) and too many failed passwords for one account (django-axes, which
    refuses even the right password until the lockout has passed)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked_out": _(
            "This account is locked for %(minutes)s minutes after too many failed attempts. "
            "Try again later, or ask the administrator to unlock it."
        ),
    }

    def clean(self) -> dict[str, Any]:
        if self.request is not None:
            wait = seconds_to_wait(self.request, "login", settings.INDDRAG_LOGIN_RATE)
            if wait is not None:
                minutes = _minutes(wait)
                raise ValidationError(
                    ngettext(
                        "Too many login attempts from your address. Try again in %(minutes)s "
                        "minute.",
                        "Too many login attempts from your address. Try again in %(minutes)s "
                        "minutes.",
                        minutes,
                    )
                    % {"minutes": minutes},
                    code="throttled",
                )
        try:
            return super().clean()
        except ValidationError:
            if self.request is not None and getattr(self.request, "axes_locked_out", False):
                raise ValidationError(
                    self.error_messages["locked_out"],
                    code="locked_out",
                    params={"minutes": settings.INDDRAG_LOGIN_LOCKOUT_MINUTES},
                ) from None
            raise
