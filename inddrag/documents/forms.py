"""Staff forms: a document, a new version (a file or written text), and a linked change."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inddrag.contributions import uploads
from inddrag.documents import importers
from inddrag.documents.models import Document, DocumentVersion
from inddrag.lib.forms import DkfdsFormMixin

DOCUMENT_KINDS = {"docx", "odt"}


class DocumentForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "kind", "order"]
        help_texts = {"order": _("Documents are listed by this number, lowest first.")}


class VersionForm(DkfdsFormMixin, forms.Form):
    label = forms.ChoiceField(
        label=_("Label"), choices=DocumentVersion.Label.choices, initial="draft"
    )
    dated = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Write the date like this: 2027-03-01.")},
    )
    file = forms.FileField(
        label=_("Upload a file"),
        required=False,
        help_text=_(
            "A Word (DOCX) or OpenDocument text (ODT) file of at most 10 MB. Headings, lists "
            "and tables are kept."
        ),
    )
    text = forms.CharField(
        label=_("Or write the text here"),
        required=False,
        max_length=500_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Leave a blank line between paragraphs. Start a line with “# ” for a heading, "
            "“## ” for a subheading (up to “###### ”), “- ” for a bullet point and “1. ” for a "
            "numbered point; indent a point by two spaces per level. Tables cannot be written "
            "here: upload a file for a document with tables."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs.pop("class", None)
        self.fields["file"].widget.attrs["accept"] = (
            ".docx,.odt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
            "application/vnd.oasis.opendocument.text"
        )
        if not self.is_bound:
            self.initial.setdefault("dated", timezone.localdate())

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        text = (data.get("text") or "").strip()
        if upload and text:
            raise ValidationError(_("Upload a file or write the text, not both."))
        if not upload and not text:
            raise ValidationError(_("Upload a file or write the text of the version."))
        self.checked = None
        if upload:
            try:
                checked = uploads.check_file(upload)
            except ValidationError as error:
                self.add_error("file", error)
                return data
            if checked.kind not in DOCUMENT_KINDS:
                self.add_error(
                    "file",
                    _("“%(name)s” is not a Word (DOCX) or OpenDocument text (ODT) file.")
                    % {"name": upload.name},
                )
                return data
            try:
                blocks = importers.blocks_from_file(checked.data, checked.kind)
            except importers.ImportFailed:
                self.add_error(
                    "file",
                    _("“%(name)s” could not be read. Save it again as DOCX or ODT and try again.")
                    % {"name": upload.name},
                )
                return data
            self.checked = checked
        else:
            blocks = importers.blocks_from_text(text)
        if importers.is_empty(blocks):
            self.add_error(
                "file" if upload else "text",
                _("The document has no text. Check that you chose the right file."),
            )
            return data
        data["blocks"] = blocks
        return data


class ChangeLinkForm(DkfdsFormMixin, forms.Form):
    explanation = forms.CharField(
        label=_("Explanation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In a sentence or two, for citizens: what was changed and why."),
        error_messages={"required": _("Explain the change in a sentence or two.")},
    )
    contributions = forms.MultipleChoiceField(
        label=_("Contributions that led to the change"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, contributions=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.by_pk = {str(c.pk): c for c in contributions}
        self.fields["contributions"].choices = [
            (str(c.pk), f"{c.receipt_number} – {_first_words(c.text)}") for c in contributions
        ]

    def clean_contributions(self):
        return [self.by_pk[pk] for pk in self.cleaned_data["contributions"]]


def _first_words(text: str, words: int = 14) -> str:
    parts = " ".join(text.split()).split(" ")
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
