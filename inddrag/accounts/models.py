"""Users and roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: a member of staff or a citizen taking part in a case."""

    class Role(models.TextChoices):
        CITIZEN = "citizen", _("Citizen")
        STAFF = "staff", _("Staff member")

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.CITIZEN)
    centre = models.ForeignKey(
        "organisation.Centre",
        verbose_name=_("centre"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
    )
    title = models.CharField(_("job title"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_municipal_staff(self) -> bool:
        return self.is_active and self.role == self.Role.STAFF

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class ExternalIdentity(models.Model):
    """A person's account at an identity provider, keyed on the provider's pseudonymous subject
    — never the e-mail address, which changes and may be reused. The same subject at two
    providers is two people. A CPR number is held only as a keyed hash, to match the person's
    cases; never in clear."""

    class Provider(models.TextChoices):
        CITIZEN = "citizen", _("MitID (OpenID Connect)")
        STAFF = "staff", _("The municipality's sign-on (OpenID Connect)")
        NEMLOGIN = "nemlogin", _("MitID through NemLog-in (SAML)")

    class Assurance(models.TextChoices):
        LOW = "low", _("Low")
        SUBSTANTIAL = "substantial", _("Substantial")
        HIGH = "high", _("High")

    provider = models.CharField(_("identity provider"), max_length=16, choices=Provider.choices)
    subject = models.CharField(_("pseudonymous identifier"), max_length=255)
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="identities"
    )
    cpr_key = models.CharField(
        _("CPR number (keyed hash)"), max_length=64, blank=True, db_index=True
    )
    assurance = models.CharField(
        _("assurance level of the last login"), max_length=16, choices=Assurance.choices
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_login = models.DateTimeField(_("last login"))

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "subject"], name="accounts_identity_provider_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_provider_display()}: {self.user}"
