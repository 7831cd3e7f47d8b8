from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from inddrag.accounts import services
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


class CodeForm(DkfdsFormMixin, forms.Form):
    """The second step of a staff login: the six digits from the authenticator app, or one of
    the backup codes."""

    code = forms.CharField(
        label=_("Code"),
        help_text=_("The 6 digits your authenticator app shows now, or one of your backup codes."),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        self.user = user
        self.device = None
        super().__init__(*args, **kwargs)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        self.device = services.verify_code(self.user, code)
        if self.device is None:
            raise ValidationError(
                _("The code is wrong or has expired. Type the code your app shows now."),
                code="wrong_code",
            )
        return code


class EnrolForm(DkfdsFormMixin, forms.Form):
    """Confirming a new authenticator app with the code it shows."""

    code = forms.CharField(
        label=_("Code from the app"),
        help_text=_("6 digits"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, user=None, key: str = "", **kwargs) -> None:
        self.user = user
        self.key = key
        self.device = None
        self.backup_codes: list[str] = []
        super().__init__(*args, **kwargs)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if services.code_matches_key(self.key, code) is None:
            raise ValidationError(
                _(
                    "The code does not match. Check the time on your phone and type the code the "
                    "app shows now."
                ),
                code="wrong_code",
            )
        return code

    def save(self) -> bool:
        """Enrol; ``False`` (with the error next to the field) if the code expired meanwhile."""
        result = services.enrol(self.user, self.key, self.cleaned_data["code"])
        if result is None:
            self.add_error("code", _("The code has expired. Type the new one."))
            return False
        self.device, self.backup_codes = result
        return True
