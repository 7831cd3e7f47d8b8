"""The person search: an e-mail address or a user name, one of them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inddrag.accounts.models import User
from inddrag.lib.forms import DkfdsFormMixin


class PersonSearchForm(DkfdsFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an e-mail address, e.g. navn@example.dk.")},
        help_text=_("The address the person gave with a contribution, or as a contact person."),
    )
    username = forms.CharField(
        label=_("Or a user name"),
        required=False,
        max_length=150,
        help_text=_("A citizen's or a colleague's login."),
    )

    def clean_username(self) -> User | None:
        username = self.cleaned_data["username"].strip()
        if not username:
            return None
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            raise forms.ValidationError(_("There is no user with that user name."))
        return user

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors and not data.get("email") and not data.get("username"):
            raise forms.ValidationError(_("Enter an e-mail address or a user name."))
        return data

    @property
    def query(self) -> dict:
        """The search as the service takes it."""
        return {"email": self.cleaned_data.get("email", ""), "user": self.cleaned_data["username"]}
