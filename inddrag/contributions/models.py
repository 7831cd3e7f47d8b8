"""Contributions (bidrag, høringssvar), their attachments, screening flags, answers and e-mails.

Principle 2: every contribution gets an answer with an outcome and a reason, and the contributor
is told. Nothing a citizen sends is published before it has been screened for personal data.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inddrag.contributions import screened as memo_screening
from inddrag.contributions import screening
from inddrag.lib import choices, downloads
from inddrag.processes.models import Process

REDACTED = screening.REDACTED


class SpeakingAs(models.TextChoices):
    PRIVATE = "private", _("Private individual")
    BUSINESS = "business", _("Business")
    ASSOCIATION = "association", _("Association or organisation")
    COUNCIL = "council", _("Council or board")
    AUTHORITY = "authority", _("Authority")
    EMPLOYEE = "employee", _("Employee or MED committee")


class Consent(models.TextChoices):
    WITH_NAME = "name", _("Yes, with my name")
    ANONYMOUS = "anonymous", _("Yes, without my name")
    NONE = "none", _("No, do not publish my contribution")


class AgeBand(models.TextChoices):
    UNDER_18 = "u18", _("Under 18")
    AGE_18_29 = "18-29", _("18–29")
    AGE_30_49 = "30-49", _("30–49")
    AGE_50_64 = "50-64", _("50–64")
    AGE_65_79 = "65-79", _("65–79")
    AGE_80 = "80+", _("80 or over")


class Source(models.TextChoices):
    ONLINE = "online", _("Online form")
    API = "api", _("API")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone call")
    MEETING = "meeting", _("Public meeting")
    WORKSHOP = "workshop", _("Workshop notes")


class ContributionQuerySet(models.QuerySet):
    def published(self) -> ContributionQuerySet:
        return self.filter(publication=Contribution.Publication.PUBLISHED)


class Contribution(models.Model):
    class Publication(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Not published")
        PRIVATE = "private", _("Not for publication (no consent)")

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="contributions"
    )
    activity = models.ForeignKey(
        "processes.Activity",
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    # NULL until the row has its primary key, and unique once set.
    receipt_number = models.CharField(  # noqa: DJ001
        _("receipt number"), max_length=20, unique=True, null=True
    )
    text = models.TextField(_("contribution"), max_length=20000)
    speaking_as = models.CharField(_("I speak as"), max_length=16, choices=SpeakingAs.choices)
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    consent = models.CharField(_("publication"), max_length=16, choices=Consent.choices)
    district = models.ForeignKey(
        "organisation.District",
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    age_band = models.CharField(_("age"), max_length=8, choices=AgeBand.choices, blank=True)
    source = models.CharField(
        _("received by"), max_length=16, choices=Source.choices, default=Source.ONLINE
    )
    received_at = models.DateTimeField(_("received"), db_index=True)
    after_deadline = models.BooleanField(_("received after the deadline"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    publication = models.CharField(
        _("publication"), max_length=16, choices=Publication.choices, default=Publication.PENDING
    )
    published_text = models.TextField(_("published text"), blank=True)
    published_name = models.CharField(_("published name"), max_length=200, blank=True)
    decline_reason = models.CharField(_("why not published"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    # The paragraph of the hearing version the contribution comments on, if any.
    version = models.ForeignKey(
        "documents.DocumentVersion",
        verbose_name=_("document version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    block_id = models.CharField(_("paragraph"), max_length=20, blank=True)
    # Sent through a stakeholder's personal invitation link.
    stakeholder = models.ForeignKey(
        "stakeholders.Stakeholder",
        verbose_name=_("stakeholder"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    # Marked internal by an invited employee or discipline: never public.
    internal = models.BooleanField(_("internal"), default=False)
    # For the hearing memo: staff's short summary and topic.
    summary = models.TextField(_("summary for the hearing memo"), max_length=2000, blank=True)
    topic = models.ForeignKey(
        "memos.MemoTopic",
        verbose_name=_("topic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    # Staff chose the topic by hand (or kept a suggested one by naming it): the analysis of the
    # contributions (``inddrag.analysis``) never moves it.
    topic_by_staff = models.BooleanField(default=False, editable=False)
    # The campaign or duplicate group the analysis found it in ("d3": the same letter sent by
    # several, near-identical texts), "" for none; replaced by each run of the analysis.
    duplicate_group = models.CharField(max_length=20, blank=True, default="", editable=False)
    access_token_hash = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    # The private link to the short evaluation after the project's decision, sent in the
    # decision e-mail: a random token of its own (only its hash is kept), never the receipt's.
    evaluation_token_hash = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    # Set when the contributor's identity and the unredacted original were removed (after the
    # retention period, or on the contributor's request): see ``inddrag.privacy``.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    # What the hearing memo shows of the summary, the published text (its start), the "on behalf
    # of" and the published name, screened when they are saved; each value with the fingerprint
    # of the text and rules it was made from (``screened``: a stale value is never used).
    screened = models.JSONField(default=dict, blank=True, editable=False)
    # The e-mails to the contributor: receipt, answer, decision.
    notifications = GenericRelation(
        "notifications.Notification",
        content_type_field="about_type",
        object_id_field="about_id",
        related_query_name="contribution",
    )

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [
            # The public list: a process's published contributions, newest first; with the id
            # (the order's tie-break) so PostgreSQL reads the page straight from this index
            # instead of walking the received_at index across every other process (issue #14).
            models.Index(
                fields=["process", "publication", "-received_at", "-id"],
                name="contribution_published_newest",
            ),
            # Issue #14, from the query plans at 10,000 contributions: the inbox's order (all of
            # a process's contributions, newest first) and every count or join by the
            # process's contribution ids (the outcomes' counts) as an index-only scan.
            models.Index(fields=["process", "-received_at", "-id"], name="contribution_newest"),
            # The breadth of the process page ("Hvem deltog"): its counts by "I speak as", age
            # and district as an index-only scan instead of reading every row's text (issue #14).
            models.Index(
                fields=["process", "internal", "speaking_as", "age_band", "district"],
                name="contribution_breadth",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_number or f"#{self.pk}"

    # The process's counters (``Process.COUNTERS``) move with every contribution saved for the
    # first time or deleted, in the same transaction. ``bulk_create`` and queryset ``delete()``
    # pass by them: whoever uses those recounts (``services.recount``).

    def save(self, *args, count: bool = True, **kwargs) -> None:
        """``count=False``: the caller adds it to the counters itself, later in the same
        transaction (``services.submit``, to hold the process's row lock only briefly)."""
        adding = self._state.adding
        _screen(self, memo_screening.CONTRIBUTION_FIELDS, kwargs)
        super().save(*args, **kwargs)
        if adding and count:
            Process.objects.add_to_counters(self.process_id, contributions_received=1)

    def delete(self, *args, **kwargs):
        answer = Answer.objects.filter(contribution=self).first()
        result = super().delete(*args, **kwargs)
        deltas = {"contributions_received": -1}
        if answer is not None:
            for name, delta in answer.counted().items():
                deltas[name] = deltas.get(name, 0) - delta
        Process.objects.add_to_counters(self.process_id, **deltas)
        return result

    # The labels the lists show on every row, from one dictionary per language (lib.choices).
    def get_speaking_as_display(self) -> str:
        return choices.label(SpeakingAs, self.speaking_as)

    def get_source_display(self) -> str:
        return choices.label(Source, self.source)

    def get_publication_display(self) -> str:
        return choices.label(Contribution.Publication, self.publication)

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def receipt_url(self, token: str) -> str:
        return reverse("contributions:receipt", args=[token])

    @property
    def public_name(self) -> str:
        """The name shown publicly: only with consent, screened like the text, else nothing."""
        if self.consent != Consent.WITH_NAME or self.publication != self.Publication.PUBLISHED:
            return ""
        return self.published_name

    @property
    def publication_name_preview(self) -> str:
        """For staff: the name as it is (or would be) published."""
        if self.consent != Consent.WITH_NAME:
            return ""
        if self.publication == self.Publication.PUBLISHED:
            return self.published_name
        return self.on_behalf_of or self.name

    def status_for_contributor(self) -> tuple[str, str]:
        """The state of the contribution in the contributor's words: (label, explanation)."""
        states = self.Publication
        if self.publication == states.PUBLISHED:
            return gettext("Published"), gettext(
                "Your contribution can be read on the process page."
            )
        if self.publication == states.DECLINED:
            return gettext("Not published"), self.decline_reason
        if self.internal:
            return gettext("Not published"), gettext(
                "You marked your contribution as internal. It is never published, but we read "
                "it, answer it and count it."
            )
        if self.publication == states.PRIVATE:
            return gettext("Not published"), gettext(
                "You chose that your contribution should not be published. We still read it, "
                "answer it and count it."
            )
        if self.open_flags:
            return gettext("Being checked"), gettext(
                "We check every contribution for personal data, such as CPR numbers, before it "
                "is published."
            )
        return gettext("Awaiting publication"), gettext(
            "A member of staff reads your contribution before it is published."
        )

    @property
    def published_answer(self) -> Answer | None:
        """The municipality's answer once it is published (drafts are staff's only)."""
        answer = getattr(self, "answer", None)
        return answer if answer is not None and answer.is_published else None

    @property
    def open_flags(self) -> list[Flag]:
        return [f for f in self.flags.all() if f.resolution == Flag.Resolution.OPEN]


def _screen(instance: models.Model, fields: tuple[str, ...], kwargs: dict) -> None:
    """Screen what the memo shows into ``instance.screened`` when a save writes those fields
    (and add ``screened`` to ``update_fields``). A field left unloaded is not being written: its
    stored value stays as it is, and a stale one is never used (``screened.stored_or_screened``).
    """
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not set(update_fields) & set(fields):
        return
    deferred = instance.get_deferred_fields()
    loaded = tuple(f for f in fields if f not in deferred)
    if not loaded:
        return
    if len(loaded) == len(fields):
        memo_screening.refresh(instance, fields)
    elif "screened" in deferred:
        return  # no stored values at hand to add to: they stay, and the memo checks them
    else:
        instance.screened = {
            **(instance.screened or {}),
            **memo_screening.screened_fields(instance, loaded),
        }
    if update_fields is not None and "screened" not in update_fields:
        kwargs["update_fields"] = [*update_fields, "screened"]


def _upload_to(instance: Attachment, filename: str) -> str:
    return downloads.unguessable_name("contributions", filename)


class Attachment(models.Model):
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    extracted_text = models.TextField(blank=True)
    withheld = models.BooleanField(
        _("withheld from publication"),
        default=False,
        help_text=_("Set when personal data was found in the file and redacted."),
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class Flag(models.Model):
    """Something screening found that may not be published: a CPR number, a phone number, an
    e-mail address or a word from the municipality's list."""

    class Kind(models.TextChoices):
        CPR = "cpr", _("CPR number")
        PHONE = "phone", _("Phone number")
        EMAIL = "email", _("E-mail address")
        ADDRESS = "address", _("Street address")
        WORD = "word", _("Word on the watch list")
        UNSCREENED = "unscreened", _("File that cannot be screened automatically")

    class Resolution(models.TextChoices):
        OPEN = "open", _("Not handled")
        REDACTED = "redacted", _("Redacted")
        APPROVED = "approved", _("Approved")

    class Field(models.TextChoices):
        TEXT = "text", _("Text")
        NAME = "name", _("Name")
        ON_BEHALF_OF = "on_behalf_of", _("On behalf of")
        FILE_NAME = "file_name", _("File name")  # of the attachment the flag points to

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="flags")
    field = models.CharField(max_length=16, choices=Field.choices, default=Field.TEXT)
    attachment = models.ForeignKey(
        Attachment, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    match = models.CharField(max_length=200)
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)
    resolution = models.CharField(
        max_length=10, choices=Resolution.choices, default=Resolution.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["attachment_id", "start", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.match}"


class Answer(models.Model):
    """The municipality's answer: an outcome and a reason, drafted and then published."""

    class Outcome(models.TextChoices):
        ACCOMMODATED = "accommodated", _("Accommodated")
        PARTLY = "partly", _("Partly accommodated")
        NOT_ACCOMMODATED = "not_accommodated", _("Not accommodated")
        OUTSIDE_FRAME = "outside_frame", _("Outside the frame")
        NOTED = "noted", _("Noted")

    contribution = models.OneToOneField(
        Contribution, on_delete=models.CASCADE, related_name="answer"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"), max_length=5000)

    class Recommendation(models.TextChoices):
        CHANGE = "change", _("Change the proposal")
        NO_CHANGE = "no_change", _("No change")

    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    frame_item = models.ForeignKey(
        "processes.FrameItem",
        verbose_name=_("the fixed frame item that explains why"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    # Published before the political decision: the politicians have not decided yet.
    preliminary = models.BooleanField(_("preliminary answer"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # The reason as the hearing memo shows it, screened when saved (see Contribution.screened).
    screened = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.get_outcome_display()

    # The process's counters follow the answer: ``counted()`` is what this answer adds to them,
    # ``_counted`` what it added when it was loaded or last saved; save() adds the difference,
    # delete() takes it away. A queryset ``update()`` of ``published_at`` or ``reason`` passes by
    # them: the services that do so add the change themselves (``services.answer``).

    def save(self, *args, **kwargs) -> None:
        before = getattr(self, "_counted", None)
        if before is None and not self._state.adding:
            # Loaded without the fields the counters read: read what the row says now.
            row = Answer.objects.only("published_at", "reason").get(pk=self.pk)
            before = row.counted()
        _screen(self, memo_screening.ANSWER_FIELDS, kwargs)
        super().save(*args, **kwargs)
        after = self.counted()
        before = before or dict.fromkeys(after, 0)
        Process.objects.add_to_counters(
            self._process_id(), **{name: after[name] - before[name] for name in after}
        )
        self._counted = after

    def delete(self, *args, **kwargs):
        process_id = self._process_id()
        if isinstance(process_id, models.Expression):
            process_id = Contribution.objects.get(pk=self.contribution_id).process_id
        before = getattr(self, "_counted", None) or Answer.objects.get(pk=self.pk).counted()
        result = super().delete(*args, **kwargs)
        Process.objects.add_to_counters(process_id, **{n: -d for n, d in before.items()})
        return result

    def get_outcome_display(self) -> str:  # lib.choices: shown on every row of the lists
        return choices.label(Answer.Outcome, self.outcome)

    def counted(self) -> dict[str, int]:
        return {
            "contributions_answered": 1,
            "answers_published": int(self.published_at is not None),
            "answers_without_reason": int(self.reason == ""),
        }

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if not instance.get_deferred_fields() & {"published_at", "reason"}:
            instance._counted = instance.counted()
        return instance

    def _process_id(self):
        if Answer.contribution.is_cached(self):
            return self.contribution.process_id
        return models.Subquery(
            Contribution.objects.filter(pk=self.contribution_id).values("process_id")[:1]
        )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def clean(self) -> None:
        if not self.reason.strip():
            raise ValidationError({"reason": _("Give the reason for the outcome.")})
        if self.outcome == self.Outcome.OUTSIDE_FRAME:
            if self.frame_item is None:
                raise ValidationError(
                    {
                        "frame_item": _(
                            "Choose the fixed frame item that explains why it is outside the frame."
                        )
                    }
                )
        elif self.frame_item is not None:
            self.frame_item = None
        if self.frame_item is not None and (
            self.frame_item.kind != "fixed"
            or self.frame_item.process_id != self.contribution.process_id
        ):
            raise ValidationError(
                {"frame_item": _("Choose one of this process's fixed frame items.")}
            )


# --- The contributor's short evaluation after the project's decision (issue #13) ----------------


def _scale_field() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])


class ProjectEvaluation(models.Model):
    """A contributor's evaluation of a decided project: the same three questions as a case's
    (``cases.CaseEvaluation``), 1 (not at all) to 5 (fully), and an optional comment.

    Anonymous by design: no link to the contribution or to a person — only the project and the
    month it was answered. That a contribution has been used to answer is kept apart, as the
    hash ``ProjectEvaluationReceipt.contribution_key``; the primary key is random, so the order
    of the rows ties no answer to a receipt. A comment in which the personal data screening
    finds something is kept but held back (``comment_held_back``): never shown."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="project_evaluations"
    )
    month = models.DateField(help_text=_("The first day of the month it was answered."))
    knew_influence = _scale_field()
    felt_heard = _scale_field()
    time_enough = _scale_field()
    comment = models.TextField(max_length=2000, blank=True)
    comment_held_back = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("evaluation of a project")
        verbose_name_plural = _("evaluations of projects")

    def __str__(self) -> str:
        return f"{self.process_id} {self.month:%Y-%m}"


class ProjectEvaluationReceipt(models.Model):
    """That a contribution has been used to evaluate its project: a keyed hash of the
    contribution (not its pk), no time, no answer."""

    contribution_key = models.CharField(max_length=64, primary_key=True)

    def __str__(self) -> str:
        return self.contribution_key
