"""Reference data: the municipality's centres, decision bodies, districts and election periods.

The municipality's identity lives here, in data, never in code.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Centre(models.Model):
    """An administrative centre (e.g. Center for Miljø, Plan og Byggeri)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    contact_email = models.EmailField(
        _("functional mailbox"),
        blank=True,
        help_text=_("A shared mailbox of the centre, shown to the public; never a person's."),
    )
    contact_phone = models.CharField(_("main phone number"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def __str__(self) -> str:
        return self.name


class DecisionBody(models.Model):
    """A political body that decides: a standing committee, Økonomiudvalget or the council."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Standing committee")
        FINANCE = "finance", _("Finance committee")
        COUNCIL = "council", _("Municipal council")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("decision body")
        verbose_name_plural = _("decision bodies")

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A district (bydel) of the municipality, or the whole municipality."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    is_whole_municipality = models.BooleanField(_("the whole municipality"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return f"{self.name} ({self.postcode})" if self.postcode else self.name


class ElectionPeriod(models.Model):
    """A four-year municipal election period, from 1 January after the November election."""

    starts_on = models.DateField(_("starts on"), unique=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("election period")
        verbose_name_plural = _("election periods")

    def __str__(self) -> str:
        return f"{self.starts_on.year}–{self.ends_on.year}"

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.starts_on.year + 4, 1, 1) - datetime.timedelta(days=1)
