"""The public form a citizen takes part with (principle 2: anyone can send a contribution)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from inddrag.contributions import uploads
from inddrag.contributions.models import AgeBand, Consent, Contribution, SpeakingAs
from inddrag.contributions.services import SubmissionData
from inddrag.lib.forms import DkfdsFormMixin
from inddrag.organisation.models import District

MAX_TEXT = Contribution._meta.get_field("text").max_length

# What each choice means, in the citizen's words; the e-mail address is never shown.
CONSENT_CHOICES = [
    (
        Consent.WITH_NAME,
        _(
            "Yes, with my name: your text is shown on this page together with your name "
            "(or the name of the organisation you write for)."
        ),
    ),
    (
        Consent.ANONYMOUS,
        _("Yes, without my name: your text is shown on this page, but not who wrote it."),
    ),
    (
        Consent.NONE,
        _(
            "No: your contribution is not shown on this page. We still read it, answer it and "
            "count it."
        ),
    ),
]


class ContributionText(forms.CharField):
    """Line breaks count as one character, as the browser counts them for ``maxlength``."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to five files from one ``<input type="file" multiple>``, checked from their content."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data or []) if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        return uploads.check_files(files)

    def bound_data(self, data, initial):
        return initial


class ContributionForm(DkfdsFormMixin, forms.Form):
    text = ContributionText(
        label=_("Your contribution"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Write what you think, in your own words. You can write up to 20,000 characters."
        ),
        error_messages={
            "required": _("Write your contribution before you send it."),
            "max_length": _(
                "Your contribution is %(show_value)d characters long. It can be at most "
                "%(limit_value)d: shorten it, or attach the rest as a file."
            ),
        },
    )
    # Only when the process has a published hearing version (see __init__).
    paragraph = forms.ChoiceField(
        label=_("Which paragraph do you comment on?"),
        required=False,
        help_text=_(
            "If your contribution is about a particular part of the proposal, choose it here. "
            "We show your contribution next to that paragraph when it is published."
        ),
        error_messages={"invalid_choice": _("Choose one of the paragraphs in the list.")},
    )
    attachments = AttachmentsField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "Up to 5 files: PDF, Word (DOCX), OpenDocument text (ODT), JPG or PNG, at most 10 MB "
            "each. Hold down Ctrl (or Cmd on a Mac) to choose several files."
        ),
    )
    speaking_as = forms.ChoiceField(
        label=_("I speak as"),
        choices=SpeakingAs.choices,
        initial=SpeakingAs.PRIVATE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who you speak as.")},
    )
    on_behalf_of = forms.CharField(
        label=_("On behalf of"),
        max_length=200,
        required=False,
        help_text=_("The business, association, council or authority you write for, if any."),
    )
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_(
            "Only to send you a receipt and, later, our answer. It is never shown to anyone else."
        ),
        error_messages={"invalid": _("Write the e-mail address like this: navn@eksempel.dk")},
    )
    consent = forms.ChoiceField(
        label=_("May we publish your contribution?"),
        choices=CONSENT_CHOICES,
        widget=forms.RadioSelect,
        help_text=_(
            "Published contributions are shown on this page with the municipality's answer. "
            "Before anything is published we check it for personal data such as CPR numbers. "
            "Your e-mail address is never published."
        ),
        error_messages={"required": _("Choose whether we may publish your contribution.")},
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("I would rather not say"),
    )
    age_band = forms.ChoiceField(
        label=_("Age"),
        choices=[("", _("I would rather not say")), *AgeBand.choices],
        required=False,
    )

    statistics_fields = ("district", "age_band")

    def __init__(self, *args, process=None, stakeholder=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Set from the session by a stakeholder's personal invitation link, never from the post.
        self.stakeholder = stakeholder
        if stakeholder is not None:
            self._invited(stakeholder)
        self._paragraph_versions = {}
        if process is not None:
            self._set_paragraph_choices(process)
        if not self._paragraph_versions:
            del self.fields["paragraph"]
        # A file input takes no text-input styling.
        self.fields["attachments"].widget.attrs.pop("class", None)
        self.fields["attachments"].widget.attrs["accept"] = (
            ".pdf,.docx,.odt,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        )
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["on_behalf_of"].widget.attrs["autocomplete"] = "organization"

    def _invited(self, stakeholder) -> None:
        """The contribution comes from the invited stakeholder: "on behalf of" is fixed, and an
        internal stakeholder may mark it internal (never published)."""
        field = self.fields["on_behalf_of"]
        field.disabled = True
        field.initial = stakeholder.name
        field.help_text = _(
            "You were invited on behalf of %(name)s, so your contribution is registered as "
            "coming from them."
        ) % {"name": stakeholder.name}
        if stakeholder.is_internal:
            self.fields["internal"] = forms.BooleanField(
                label=_("Internal contribution — never published"),
                required=False,
                help_text=_(
                    "For employees and professional disciplines: the contribution is read, "
                    "answered and counted, but never shown publicly. You need not answer the "
                    "question about publication."
                ),
            )

    @property
    def has_internal(self) -> bool:
        return "internal" in self.fields

    def clean(self):
        data = super().clean()
        if data.get("internal") and self.stakeholder is not None and self.stakeholder.is_internal:
            # Internal is never published, whatever was chosen about publication.
            self._errors.pop("consent", None)
            data["consent"] = Consent.NONE
        return data

    def _set_paragraph_choices(self, process) -> None:
        """The headings and paragraphs of the process's published hearing versions."""
        from inddrag.documents import blocks, services

        groups = []
        for version in services.hearing_versions(process):
            options = [
                (f"{version.pk}:{block_id}", label)
                for block_id, label in blocks.choices(version.hearing_blocks or [])
            ]
            if options:
                self._paragraph_versions[str(version.pk)] = version
                groups.append((version.document.title, options))
        if not groups:
            return
        empty = ("", _("The whole proposal, or no particular paragraph"))
        if len(groups) == 1:
            self.fields["paragraph"].choices = [empty, *groups[0][1]]
        else:
            self.fields["paragraph"].choices = [empty, *groups]

    @property
    def has_paragraph(self) -> bool:
        return "paragraph" in self.fields

    def clean_paragraph(self) -> tuple:
        """(version, block id) of the chosen paragraph, or (None, "")."""
        value = self.cleaned_data.get("paragraph") or ""
        version_pk, _sep, block_id = value.partition(":")
        version = self._paragraph_versions.get(version_pk)
        if version is None or not block_id:
            return (None, "")
        return (version, block_id)

    @property
    def paragraph_target(self) -> tuple:
        return self.cleaned_data.get("paragraph") or (None, "")

    @property
    def contribution_fields(self):
        return [f for f in self if f.name not in self.statistics_fields]

    @property
    def statistics(self):
        return [self[name] for name in self.statistics_fields]

    @property
    def files_to_choose_again(self) -> bool:
        """Chosen files are not kept when the form comes back with an error elsewhere."""
        return bool(self.is_bound and self.errors and "attachments" not in self.errors) and bool(
            self.files.getlist(self.add_prefix("attachments"))
        )

    def submission(self) -> tuple[SubmissionData, list[uploads.CheckedFile]]:
        data = self.cleaned_data
        version, block_id = self.paragraph_target
        return (
            SubmissionData(
                text=data["text"],
                speaking_as=data["speaking_as"],
                consent=data["consent"],
                on_behalf_of=data["on_behalf_of"].strip(),
                name=data["name"].strip(),
                email=data["email"],
                district=data["district"],
                age_band=data["age_band"],
                stakeholder=self.stakeholder,
                internal=bool(
                    data.get("internal")
                    and self.stakeholder is not None
                    and self.stakeholder.is_internal
                ),
                version=version,
                block_id=block_id,
            ),
            data["attachments"],
        )
