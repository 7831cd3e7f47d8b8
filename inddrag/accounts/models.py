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
