"""Staff forms: registering a contribution received elsewhere, screening decisions and answers."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inddrag.contributions import uploads
from inddrag.contributions.models import AgeBand, Answer, Consent, Source, SpeakingAs
from inddrag.contributions.services import SubmissionData
from inddrag.lib.forms import DkfdsFormMixin, style_widget
from inddrag.organisation.models import District
from inddrag.processes.forms import DateTimeInput
from inddrag.processes.models import FrameItem, Process

# Contributions that staff register arrive by every route but the online form and the API.
STAFF_SOURCES = [
    (value, label) for value, label in Source.choices if value not in ("online", "api")
]

# The most contributions answered in one go (the inbox shows 25 a page).
MAX_SELECTED = 500

# A little slack for clocks that are not quite in step.
FUTURE_SLACK = datetime.timedelta(minutes=5)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more uploaded files; each is checked from its content in the form's clean."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        single = super().clean
        items = data if isinstance(data, list | tuple) else [data]
        return [single(item, initial) for item in items if item]


class RegisterForm(DkfdsFormMixin, forms.Form):
    """A contribution received by letter, e-mail, phone, at a meeting or in a workshop."""

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
    text = forms.CharField(
        label=_("Contribution"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Type or paste the text. For a scanned letter, write a short summary and attach the "
            "scan."
        ),
    )
    speaking_as = forms.ChoiceField(
        label=_("Speaks as"), choices=SpeakingAs.choices, widget=forms.RadioSelect
    )
    on_behalf_of = forms.CharField(
        label=_("On behalf of"),
        max_length=200,
        required=False,
        help_text=_("The business, association, council or authority, if any."),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("The contributor gets a receipt and, later, the answer by e-mail."),
    )
    consent = forms.ChoiceField(
        label=_("May the contribution be published?"),
        choices=Consent.choices,
        widget=forms.RadioSelect,
    )
    district = forms.ModelChoiceField(
        label=_("District (for statistics only)"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("Not stated"),
    )
    age_band = forms.ChoiceField(
        label=_("Age (for statistics only)"),
        choices=[("", _("Not stated")), *AgeBand.choices],
        required=False,
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Up to 5 files: PDF, Word (DOCX), OpenDocument text (ODT), JPG or PNG."),
    )

    def __init__(self, *args, process: Process, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.process = process
        self.fields["activity"].choices = [
            ("", _("No activity")),
            *((a.pk, a.title) for a in process.activities.all()),
        ]
        for name in ("district", "age_band"):
            self.fields[name].hide_optional = True  # the label says "for statistics only"
        if not self.is_bound:
            self.initial.setdefault(
                "received_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write the contribution's text."))
        return text

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

    def clean_attachments(self) -> list[uploads.CheckedFile]:
        files = self.cleaned_data.get("attachments") or []
        return uploads.check_files(files) if files else []

    def submission(self) -> SubmissionData:
        data = self.cleaned_data
        return SubmissionData(
            text=data["text"],
            speaking_as=data["speaking_as"],
            consent=data["consent"],
            on_behalf_of=data["on_behalf_of"].strip(),
            name=data["name"].strip(),
            email=data["email"],
            district=data["district"],
            age_band=data["age_band"],
            activity=data["activity"],
        )


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
    """The municipality's answer: an outcome, a reason and, outside the frame, the fixed item."""

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Answer.Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Write it to the contributor, in plain language: what we do, and why."),
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

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Give the reason for the outcome."))
        return reason

    def clean(self) -> dict:
        data = super().clean()
        if data.get("outcome") == Answer.Outcome.OUTSIDE_FRAME:
            if data.get("frame_item") is None and "frame_item" not in self.errors:
                self.add_error(
                    "frame_item",
                    _("Choose the fixed frame item that explains why it is outside the frame."),
                )
        else:
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


class IdListField(forms.Field):
    """The primary keys of the contributions ticked in the inbox."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        try:
            ids = sorted({int(v) for v in value})
        except (TypeError, ValueError):
            raise ValidationError(
                _("The selection was not valid. Tick the contributions again.")
            ) from None
        if len(ids) > MAX_SELECTED:
            raise ValidationError(
                _("Answer at most %(max)d contributions at a time.") % {"max": MAX_SELECTED}
            )
        return ids


class BulkAnswerForm(AnswerForm):
    """One answer for every contribution ticked in the inbox."""

    contributions = IdListField(
        label=_("Contributions"),
        error_messages={"required": _("Tick at least one contribution to answer.")},
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
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Give the reason it is not published."))
        return reason
