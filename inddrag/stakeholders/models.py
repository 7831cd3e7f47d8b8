"""Involving broadly (principle 5): the stakeholder registry, statutory hearing duties, the hearing
list of each process with invitations, and the reference figures that breadth is compared with.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    """A controlled topic tag (emne), shared by stakeholders, duties and processes."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    # Topics that border on this one: used to suggest stakeholders that "look beyond" the task.
    related = models.ManyToManyField("self", verbose_name=_("related topics"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic tag")
        verbose_name_plural = _("topic tags")

    def __str__(self) -> str:
        return self.name


class Stakeholder(models.Model):
    class Type(models.TextChoices):
        COUNCIL = "council", _("Council")  # råd: Seniorråd, Handicapråd, lokalråd …
        APPEALS_BOARD = "board_of_appeal", _("Committee or board of appeal")  # nævn
        BOARD = "board", _("Board")  # bestyrelser: school and institution boards
        ASSOCIATION = "association", _("Association")
        BUSINESS = "business", _("Business")
        AUTHORITY = "authority", _("Authority")
        CENTRE = "centre", _("Municipal centre")
        DISCIPLINE = "discipline", _("Professional discipline")
        MED = "med", _("MED committee")

    INTERNAL_TYPES = frozenset({Type.CENTRE, Type.DISCIPLINE, Type.MED})

    name = models.CharField(_("name"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    districts = models.ManyToManyField(
        "organisation.District", verbose_name=_("districts"), blank=True
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    centre = models.ForeignKey(
        "organisation.Centre",
        verbose_name=_("centre"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("For internal stakeholders: the centre they belong to."),
    )
    active = models.BooleanField(_("active"), default=True)
    # When the stakeholder was marked inactive: its contact person is removed a set time later
    # (INDDRAG_RETENTION_STAKEHOLDER_CONTACT_DAYS, ``inddrag.privacy``).
    inactive_since = models.DateTimeField(
        _("inactive since"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["type", "name"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Keep ``inactive_since`` in step with ``active``, however the flag was changed."""
        if self.active:
            self.inactive_since = None
        elif self.inactive_since is None:
            self.inactive_since = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "active" in update_fields:
            kwargs["update_fields"] = {*update_fields, "inactive_since"}
        super().save(*args, **kwargs)

    @property
    def is_internal(self) -> bool:
        return self.type in self.INTERNAL_TYPES


class HearingDuty(models.Model):
    """A statutory duty: this stakeholder must be heard on these topics."""

    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="duties")
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"))
    legal_basis = models.CharField(_("legal basis"), max_length=300)

    class Meta:
        verbose_name = _("statutory hearing duty")
        verbose_name_plural = _("statutory hearing duties")

    def __str__(self) -> str:
        return f"{self.stakeholder}: {self.legal_basis}"


class HearingListEntry(models.Model):
    """One stakeholder on a process's hearing list (høringsliste): suggested, accepted or
    dismissed, then invited, reminded, and ticked when they answer."""

    class Reason(models.TextChoices):
        MUST = "must", _("Must be invited (statutory)")
        SHOULD = "should", _("Should be invited")
        BEYOND = "beyond", _("Look beyond the task")
        MANUAL = "manual", _("Added by staff")

    class State(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        ACCEPTED = "accepted", _("On the hearing list")
        DISMISSED = "dismissed", _("Dismissed")

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="hearing_list"
    )
    stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.CASCADE, related_name="hearing_entries"
    )
    reason = models.CharField(_("why"), max_length=10, choices=Reason.choices)
    why = models.CharField(_("why suggested"), max_length=300, blank=True)
    score = models.FloatField(default=0)  # ranking of "look beyond" suggestions
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.SUGGESTED
    )
    dismiss_reason = models.CharField(_("why dismissed"), max_length=300, blank=True)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The invitation and the reminder.
    emails = GenericRelation(
        "notifications.Notification",
        content_type_field="about_type",
        object_id_field="about_id",
        related_query_name="hearing_entry",
    )

    class Meta:
        ordering = ["reason", "-score", "stakeholder__name"]
        constraints = [
            models.UniqueConstraint(fields=["process", "stakeholder"], name="unique_hearing_entry")
        ]
        verbose_name = _("hearing list entry")
        verbose_name_plural = _("hearing list")

    def __str__(self) -> str:
        return f"{self.process} — {self.stakeholder}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class PopulationFigure(models.Model):
    """How many inhabitants a district has in an age band: what breadth is compared with."""

    district = models.ForeignKey(
        "organisation.District", on_delete=models.CASCADE, related_name="population"
    )
    age_band = models.CharField(_("age"), max_length=8)  # contributions.AgeBand values
    count = models.PositiveIntegerField(_("inhabitants"))
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        ordering = ["district", "age_band"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "age_band", "year"], name="unique_population_figure"
            )
        ]
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")

    def __str__(self) -> str:
        return f"{self.district} {self.age_band}: {self.count} ({self.year})"
