"""Forms for taking part and for answering.

The fields of a contribution live in one base form, ``ContributionFields``: the citizen's form on
the process page (``ContributionForm``), staff's registration of a letter or a phone call
(``RegisterForm``) and the API (``api.contributions``, which fills the base form from JSON and
turns its errors into 422) all validate through it, so a rule is written once.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inddrag.contributions import uploads
from inddrag.contributions.models import AgeBand, Answer, Consent, Contribution, Source, SpeakingAs
from inddrag.contributions.services import ProjectEvaluationData, SubmissionData
from inddrag.documents import blocks
from inddrag.documents import services as document_services
from inddrag.lib.forms import (
    CharField,
    DateTimeInput,
    DkfdsFormMixin,
    IdListField,
    ShortModelChoiceField,
    style_widget,
)
from inddrag.organisation.models import District
from inddrag.processes.models import FrameItem, Process

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


TOO_LONG = {
    "max_length": _("Write at most %(limit_value)s characters (you have written %(show_value)s).")
}


class ContributionFields(DkfdsFormMixin, forms.Form):
    """A contribution's own fields, with the citizen's wording."""

    # Line breaks count as one character, as the browser counts them (DkfdsFormMixin).
    text = CharField(
        label=_("Your contribution"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Write what you think, in your own words. You can write up to 20,000 characters. "
            "Leave out your CPR number and information about your own or other people's health "
            "or personal circumstances: the contribution may be published."
        ),
        error_messages={
            "required": _("Write your contribution before you send it."),
            "max_length": _(
                "Your contribution is %(show_value)s characters long. It can be at most "
                "%(limit_value)s: shorten it, or attach the rest as a file."
            ),
        },
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
        error_messages={
            "required": _("Choose who you speak as."),
            "invalid_choice": _("Choose who you speak as."),
        },
    )
    on_behalf_of = CharField(
        label=_("On behalf of"),
        max_length=Contribution._meta.get_field("on_behalf_of").max_length,
        required=False,
        help_text=_("The business, association, council or authority you write for, if any."),
        error_messages=TOO_LONG,
    )
    name = CharField(
        label=_("Your name"),
        max_length=Contribution._meta.get_field("name").max_length,
        required=False,
        error_messages=TOO_LONG,
    )
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
        error_messages={
            "required": _("Choose whether we may publish your contribution."),
            "invalid_choice": _("Choose whether we may publish your contribution."),
        },
    )
    district = ShortModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("I would rather not say"),
        error_messages={
            "invalid_choice": _(
                "There is no such district. Leave it empty if you would rather not say."
            )
        },
    )
    age_band = forms.ChoiceField(
        label=_("Age"),
        choices=[("", _("I would rather not say")), *AgeBand.choices],
        required=False,
        error_messages={
            "invalid_choice": _(
                "Choose an age band, or leave it empty if you would rather not say."
            )
        },
    )

    statistics_fields = ("district", "age_band")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A file input takes no text-input styling.
        self.fields["attachments"].widget.attrs.pop("class", None)
        self.fields["attachments"].widget.attrs["accept"] = (
            ".pdf,.docx,.odt,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        )
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["on_behalf_of"].widget.attrs["autocomplete"] = "organization"

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
            ),
            data["attachments"],
        )


class ContributionForm(ContributionFields):
    """The citizen's form on the process page: the paragraph of a hearing version it is about,
    and what a stakeholder's personal invitation fills in."""

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
    field_order = ["text", "paragraph", "attachments"]

    def __init__(self, *args, process: Process, stakeholder=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Set from the session by a stakeholder's personal invitation link, never from the post.
        self.stakeholder = stakeholder
        if stakeholder is not None:
            self._invited(stakeholder)
        self._paragraph_versions = {}
        self._set_paragraph_choices(process)
        if not self._paragraph_versions:
            del self.fields["paragraph"]

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

    @property
    def has_paragraph(self) -> bool:
        return "paragraph" in self.fields

    def _set_paragraph_choices(self, process: Process) -> None:
        """The headings and paragraphs of the process's published hearing versions."""
        groups = []
        for version in document_services.hearing_versions(process):
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

    def clean_paragraph(self) -> tuple:
        """(version, block id) of the chosen paragraph, or (None, "")."""
        value = self.cleaned_data.get("paragraph") or ""
        version_pk, _sep, block_id = value.partition(":")
        version = self._paragraph_versions.get(version_pk)
        if version is None or not block_id:
            return (None, "")
        return (version, block_id)

    def clean(self):
        data = super().clean()
        if data.get("internal") and self.stakeholder is not None and self.stakeholder.is_internal:
            # Internal is never published, whatever was chosen about publication.
            self._errors.pop("consent", None)
            data["consent"] = Consent.NONE
        return data

    def submission(self) -> tuple[SubmissionData, list[uploads.CheckedFile]]:
        data, files = super().submission()
        version, block_id = self.cleaned_data.get("paragraph") or (None, "")
        data.version, data.block_id = version, block_id
        data.stakeholder = self.stakeholder
        data.internal = bool(
            self.cleaned_data.get("internal")
            and self.stakeholder is not None
            and self.stakeholder.is_internal
        )
        return data, files


# --- Staff: a contribution received elsewhere ------------------------------------------------

# Contributions that staff register arrive by every route but the online form and the API.
STAFF_SOURCES = [
    (value, label) for value, label in Source.choices if value not in ("online", "api")
]

# A little slack for clocks that are not quite in step.
FUTURE_SLACK = datetime.timedelta(minutes=5)


class RegisterForm(ContributionFields):
    """A contribution received by letter, e-mail, phone, at a meeting or in a workshop: the same
    fields, in staff's words, with how and when it was received."""

    source = forms.ChoiceField(
        label=_("Received by"),
        choices=[("", _("Choose how it was received")), *STAFF_SOURCES],
    )
    received_at = forms.DateTimeField(
        label=_("Received"),
        widget=DateTimeInput(),
        help_text=_(
            "Date and time, Danish time. A contribution received after the deadline is marked "
            "“received after the deadline”."
        ),
    )
    activity = forms.TypedChoiceField(
        label=_("Activity"), coerce=int, required=False, empty_value=None
    )
    field_order = [
        "source",
        "received_at",
        "activity",
        "text",
        "speaking_as",
        "on_behalf_of",
        "name",
        "email",
        "consent",
        "district",
        "age_band",
        "attachments",
    ]

    # Staff's wording for the shared fields.
    STAFF_WORDING = {
        "text": (
            _("Contribution"),
            _(
                "Type or paste the text. For a scanned letter, write a short summary and attach "
                "the scan."
            ),
        ),
        "speaking_as": (_("Speaks as"), None),
        "on_behalf_of": (
            _("On behalf of"),
            _("The business, association, council or authority, if any."),
        ),
        "name": (_("Name"), None),
        "email": (
            _("E-mail"),
            _("The contributor gets a receipt and, later, the answer by e-mail."),
        ),
        "consent": (_("May the contribution be published?"), None),
        "district": (_("District (for statistics only)"), None),
        "age_band": (_("Age (for statistics only)"), None),
        "attachments": (
            _("Attachments"),
            _("Up to 5 files: PDF, Word (DOCX), OpenDocument text (ODT), JPG or PNG."),
        ),
    }

    def __init__(self, *args, process: Process, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.process = process
        for name, (label, help_text) in self.STAFF_WORDING.items():
            field = self.fields[name]
            field.label = label
            field.help_text = help_text or ""
        # Staff type someone else's details: the browser must not offer their own.
        for name in ("name", "email", "on_behalf_of"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.fields["text"].error_messages["required"] = _("Write the contribution's text.")
        for name, message in (
            ("speaking_as", _("Choose whom the contributor speaks as.")),
            ("consent", _("Choose whether the contribution may be published.")),
        ):
            self.fields[name].error_messages["required"] = message
            self.fields[name].error_messages["invalid_choice"] = message
        self.fields["consent"].choices = Consent.choices
        self.fields["district"].empty_label = _("Not stated")
        self.fields["age_band"].choices = [("", _("Not stated")), *AgeBand.choices]
        self.fields["speaking_as"].initial = None
        self.fields["activity"].choices = [
            ("", _("No activity")),
            *((a.pk, a.title) for a in process.activities.all()),
        ]
        for name in self.statistics_fields:
            self.fields[name].hide_optional = True  # the label says "for statistics only"
        style_widget(self.fields["activity"].widget)
        if not self.is_bound:
            self.initial.setdefault(
                "received_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean_received_at(self) -> datetime.datetime:
        value = self.cleaned_data["received_at"]
        if value > timezone.now() + FUTURE_SLACK:
            raise ValidationError(_("The time of receipt cannot be in the future."))
        return value

    def clean_activity(self):
        pk = self.cleaned_data.get("activity")
        if pk is None:
            return None
        return next(a for a in self.process.activities.all() if a.pk == pk)

    def submission(self) -> tuple[SubmissionData, list[uploads.CheckedFile]]:
        data, files = super().submission()
        data.activity = self.cleaned_data["activity"]
        return data, files


# --- Staff: screening and answers --------------------------------------------------------------

# The most contributions answered in one go (the inbox shows 25 a page).
MAX_SELECTED = 500


class FrameItemChoiceField(forms.TypedChoiceField):
    """One of the process's fixed frame items (read from the prefetched plan, no query)."""

    def __init__(self, items: list[FrameItem], **kwargs) -> None:
        self.items = {item.pk: item for item in items}
        super().__init__(
            coerce=int,
            empty_value=None,
            choices=[("", _("Choose a fixed frame item")), *((i.pk, i.text) for i in items)],
            error_messages={"invalid_choice": _("Choose one of this process's fixed frame items.")},
            **kwargs,
        )

    def clean(self, value):
        pk = super().clean(value)
        return self.items.get(pk) if pk is not None else None


class AnswerForm(DkfdsFormMixin, forms.Form):
    """The municipality's answer: an outcome, a reason and, outside the frame, the fixed item.
    That "outside the frame" needs a fixed item is the model's rule (``Answer.clean``), checked
    when the answer is saved."""

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Answer.Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Write it to the contributor, in plain language: what we do, and why."),
        error_messages={"required": _("Give the reason for the outcome.")},
    )

    def __init__(self, *args, process: Process, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.process = process
        fixed = [i for i in process.frame_items.all() if i.kind == FrameItem.Kind.FIXED]
        self.fields["frame_item"] = FrameItemChoiceField(
            fixed,
            label=_("The fixed frame item that explains why"),
            required=False,
            help_text=_("Required when the outcome is “outside the frame”.")
            if fixed
            else _(
                "This process has no fixed frame items. Add one on the process's page before "
                "you answer “outside the frame”."
            ),
        )
        self.fields["frame_item"].hide_optional = True
        style_widget(self.fields["frame_item"].widget)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("outcome") != Answer.Outcome.OUTSIDE_FRAME:
            data["frame_item"] = None
        return data

    @classmethod
    def for_answer(cls, answer: Answer | None, process: Process) -> AnswerForm:
        """An unbound form filled with a draft answer, if there is one."""
        initial = {}
        if answer is not None:
            initial = {
                "outcome": answer.outcome,
                "reason": answer.reason,
                "frame_item": answer.frame_item_id,
            }
        return cls(initial=initial, process=process)


class BulkAnswerForm(AnswerForm):
    """One answer for every contribution ticked in the inbox."""

    contributions = IdListField(
        label=_("Contributions"),
        max_ids=MAX_SELECTED,
        error_messages={
            "required": _("Tick at least one contribution to answer."),
            "invalid": _("The selection was not valid. Tick the contributions again."),
            "too_many": _("Answer at most %(max)d contributions at a time."),
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The ticked rows come first: the table of contributions sits above the answer fields.
        self.order_fields(["contributions", "outcome", "reason", "frame_item"])


class DeclineForm(DkfdsFormMixin, forms.Form):
    prefix = "decline"  # the answer form on the same page has a "reason" too
    reason = forms.CharField(
        label=_("Why is it not published?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required. The contributor sees this reason on their private receipt page, so do "
            "not write anything about other people."
        ),
        error_messages={"required": _("Give the reason it is not published.")},
    )


# --- The contributor's evaluation after the decision ---------------------------------------------

EVALUATION_SCALE = [
    (1, _("1 — not at all")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 — fully")),
]


def _scale(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=EVALUATION_SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a number from 1 to 5."),
            "invalid_choice": _("Choose a number from 1 to 5."),
        },
    )


class ProjectEvaluationForm(DkfdsFormMixin, forms.Form):
    """The three questions of a case's evaluation, asked about a project after its decision."""

    show_optional = False

    knew_influence = _scale(_("Did you know what you could influence in the project?"))
    felt_heard = _scale(_("Did you feel heard?"))
    time_enough = _scale(_("Was there time enough for you to take part?"))
    comment = CharField(
        label=_("Anything else? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Write at most %(limit_value)s characters (you wrote %(show_value)s).")
        },
        help_text=_(
            "Do not write your name or anything that identifies you. A comment with personal "
            "data in it is never shown."
        ),
    )

    def data_object(self) -> ProjectEvaluationData:
        return ProjectEvaluationData(**self.cleaned_data)
