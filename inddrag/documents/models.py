"""Documents of a process and their versions; changes between versions linked to contributions.

A version's text is kept as a list of blocks (headings, paragraphs, list items, tables), so that
citizens can comment on a paragraph and two versions can be compared word by word with their
structure kept ("Synlige rettelser: tilføjet/slettet").

Block format (``DocumentVersion.blocks``), a JSON list of objects:
    {"id": "b7", "type": "heading", "level": 2, "text": "Formål"}
    {"id": "b8", "type": "paragraph", "text": "…"}
    {"id": "b9", "type": "list_item", "level": 1, "ordered": false, "text": "…"}
    {"id": "b10", "type": "table", "rows": [["Celle", "Celle"], ["…", "…"]]}
Ids are unique within a version and never reused for another block of that version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from inddrag.documents.diff import Segment
from inddrag.lib import downloads


class Document(models.Model):
    class Kind(models.TextChoices):
        LOCAL_PLAN = "local_plan", _("Local plan proposal")
        MUNICIPAL_PLAN = "municipal_plan", _("Municipal plan proposal")
        POLICY = "policy", _("Policy")
        DECISION_BASIS = "decision_basis", _("Basis for the decision")
        OTHER = "other", _("Other document")

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


def _upload_to(instance: DocumentVersion, filename: str) -> str:
    return downloads.unguessable_name("documents", filename)


class DocumentVersion(models.Model):
    class Label(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("document version", "Draft")
        HEARING = "hearing", _("Hearing version")
        FINAL = "final", _("Final version")
        OTHER = "other", _("Other version")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    label = models.CharField(_("label"), max_length=10, choices=Label.choices)
    dated = models.DateField(_("date"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    blocks = models.JSONField(_("text"), default=list)
    source_file = models.FileField(_("file"), upload_to=_upload_to, blank=True, max_length=300)
    source_name = models.CharField(_("file name"), max_length=200, blank=True)
    source_content_type = models.CharField(max_length=100, blank=True)
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dated", "pk"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")

    def __str__(self) -> str:
        return f"{self.document} — {self.get_label_display()} ({self.dated:%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return reverse("documents:version", args=[self.pk])

    def block(self, block_id: str) -> dict | None:
        return next((b for b in self.blocks if b.get("id") == block_id), None)


class Change(models.Model):
    """A change between two versions that staff have explained and linked to contributions."""

    from_version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="changes_out"
    )
    to_version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="changes_in"
    )
    # Identifies the change within the comparison of the two versions (see documents.diff).
    key = models.CharField(max_length=64)
    # The change in plain text („as it was“ → „as it is“) for e-mails and the memo, and as
    # segments ([op, text], see documents.diff.readable) to show it with <del> and <ins>.
    excerpt = models.TextField(_("the change"), blank=True)
    segments = models.JSONField(default=list, blank=True)
    explanation = models.TextField(_("explanation"), max_length=2000)
    contributions = models.ManyToManyField(
        "contributions.Contribution",
        verbose_name=_("contributions"),
        related_name="changes",
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_version", "to_version", "key"], name="unique_change_key"
            )
        ]
        verbose_name = _("linked change")
        verbose_name_plural = _("linked changes")

    def __str__(self) -> str:
        return self.explanation[:60]

    @property
    def readable(self) -> tuple[Segment, ...]:
        """The change as ``diff.Segment``s, for the ``segments`` template filter."""
        return tuple(Segment(op, text) for op, text in self.segments or ())
