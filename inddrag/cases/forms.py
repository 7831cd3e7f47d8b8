"""Validation for cases: opening a case from its type, "Det vigtigste for mig", the steps."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import Q, QuerySet
from django.forms import BoundField
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from inddrag.accounts.models import User
from inddrag.cases.models import (
    GRANT_MAX_DAYS,
    REPRESENTATION,
    CaseDecision,
    CaseFile,
    CaseHearing,
    CaseMeeting,
    CaseStep,
    CaseType,
    GrantBasis,
    GrantLevel,
    HearingException,
    MeetingKind,
    ProfessionalRole,
)
from inddrag.cases.services import (
    MAX_SLOTS,
    NEEDS_FIELDS,
    CaseData,
    CaseDecisionData,
    EvaluationData,
    GrantData,
    MeetingData,
    MeetingNeeds,
    add_months,
    hearing_minimum_refusal,
    last_complete_month,
)
from inddrag.contributions.forms import AttachmentsField
from inddrag.contributions.screening import UnreadableFile, extract_text, file_name_text, scan
from inddrag.contributions.uploads import CheckedFile, check_file
from inddrag.lib.calendar import local_date
from inddrag.lib.formatting import meeting_time
from inddrag.lib.forms import CharField, DateInput, DateTimeInput, DkfdsFormMixin, style_widget
from inddrag.organisation.models import Centre

PHONE = RegexValidator(
    r"^\+?[0-9 ]{8,20}$", _("Write a phone number with digits and spaces, e.g. 44 77 20 00.")
)
ESDH = RegexValidator(
    r"^[0-9A-Za-z./-]+$",
    _("Use only digits, letters, dots, hyphens and slashes, e.g. 2026-012345."),
)


class CaseForm(DkfdsFormMixin, forms.Form):
    """Open a case from its type: about a minute's typing."""

    case_type = forms.ModelChoiceField(
        label=_("Case type"),
        queryset=CaseType.objects.filter(active=True).order_by("name"),
        empty_label=_("Choose a case type"),
        help_text=_("The frame and the steps are copied from it; you can adjust them afterwards."),
    )
    citizen = forms.CharField(
        label=_("The citizen's user name or e-mail"),
        max_length=254,
        help_text=_(
            "The citizen's own account. Inddrag never stores a CPR number: do not write one here."
        ),
    )
    title = CharField(
        label=_("Subject"),
        max_length=200,
        help_text=_(
            "What the case is about, in the citizen's words, e.g. “Badebænk og toiletstol”."
        ),
    )
    summary = CharField(
        label=_("What the case is about"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Left empty, the case type's own description is used."),
    )
    esdh_reference = forms.CharField(
        label=_("Journal number (ESDH)"), max_length=40, required=False, validators=[ESDH]
    )
    contact_phone = forms.CharField(
        label=_("Your direct phone"), max_length=40, required=False, validators=[PHONE]
    )
    contact_email = forms.EmailField(label=_("Your e-mail"), required=False)
    contact_hours = CharField(
        label=_("When the citizen can reach you"),
        max_length=200,
        required=False,
        help_text=_("E.g. “Mandag–torsdag kl. 9–12”."),
    )

    def clean_citizen(self) -> User:
        value = self.cleaned_data["citizen"].strip()
        if cpr_in(value):
            raise ValidationError(
                _("Do not write a CPR number. Use the citizen's user name or e-mail."),
                code="cpr",
            )
        matches = list(
            User.objects.filter(Q(username__iexact=value) | Q(email__iexact=value), is_active=True)[
                :2
            ]
        )
        if not matches:
            raise ValidationError(_("No account has that user name or e-mail."), code="not_found")
        if len(matches) > 1:
            raise ValidationError(
                _("Several accounts have that e-mail. Use the user name."), code="ambiguous"
            )
        citizen = matches[0]
        if citizen.role != User.Role.CITIZEN or citizen.is_staff or citizen.is_superuser:
            raise ValidationError(
                _("That is a staff account. A case's citizen must have a citizen account."),
                code="staff",
            )
        return citizen

    def clean_title(self) -> str:
        title = self.cleaned_data["title"]
        if cpr_in(title):
            raise ValidationError(_("Do not write a CPR number."), code="cpr")
        return title

    def data_object(self) -> CaseData:
        d = self.cleaned_data
        return CaseData(
            case_type=d["case_type"],
            citizen=d["citizen"],
            title=d["title"],
            summary=d["summary"],
            esdh_reference=d["esdh_reference"],
            contact_phone=d["contact_phone"],
            contact_email=d["contact_email"],
            contact_hours=d["contact_hours"],
        )


class WhatMattersForm(DkfdsFormMixin, forms.Form):
    """ "Det vigtigste for mig": the citizen's own words. Private to the case, so screened for
    one thing only: a CPR number is refused (Inddrag never stores one); its length and
    characters are checked."""

    show_optional = False

    text = CharField(
        label=_("What matters most to me"),
        max_length=2000,
        min_length=3,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What is most important to you in your everyday life, and what you hope the case "
            "leads to. Only you and the people handling your case can read it."
        ),
        error_messages={
            "required": _("Write what matters most to you."),
            "min_length": _("Write at least a few words."),
            "max_length": _("Write at most %(limit_value)s characters (you wrote %(show_value)s)."),
        },
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if cpr_in(text):
            raise ValidationError(CPR_IN_TEXT, code="cpr")
        return text


class StepForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = CaseStep
        fields = ["title", "kind", "planned_on", "done_on", "order"]
        widgets = {"planned_on": DateInput(), "done_on": DateInput()}

    def clean_done_on(self):
        done_on = self.cleaned_data.get("done_on")
        if done_on and done_on > local_date(timezone.now()):
            raise ValidationError(_("A step cannot be done on a day still to come."))
        return done_on


StepFormSet = forms.modelformset_factory(CaseStep, form=StepForm, extra=1, can_delete=True)


class CaseListFilter(DkfdsFormMixin, forms.Form):
    """ "Mine sager": filter by case type, sort by the processing deadline."""

    show_optional = False

    SORTS = (("frist", _("Deadline, nearest first")), ("-frist", _("Deadline, furthest first")))

    type = forms.ModelChoiceField(
        label=_("Case type"),
        queryset=CaseType.objects.order_by("name"),
        required=False,
        empty_label=_("All case types"),
    )
    STATES = (
        ("", _("All cases")),
        ("aabne", _("Not decided yet")),
        ("partshoering", _("Partshøring open")),
        ("ubesvarede", _("With unanswered messages")),
        ("afgjorte", _("Decided")),
    )

    state = forms.ChoiceField(label=_("Show"), choices=STATES, required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)

    def filter(self, rows: QuerySet, today: datetime.date) -> QuerySet:
        """``rows`` (from ``services.cases_of``) narrowed to the chosen type and state."""
        if not self.is_valid():
            return rows
        if self.cleaned_data["type"]:
            rows = rows.filter(case_type=self.cleaned_data["type"])
        state = self.cleaned_data["state"]
        if state == "aabne":
            rows = rows.filter(decision__isnull=True)
        elif state == "partshoering":
            rows = rows.filter(
                decision__isnull=True, hearing__isnull=False, hearing__deadline__gte=today
            )
        elif state == "ubesvarede":
            rows = rows.filter(unanswered__gt=0)
        elif state == "afgjorte":
            rows = rows.filter(decision__isnull=False)
        return rows

    def ordering(self) -> list[str]:
        sort = self.cleaned_data.get("sort") if self.is_valid() else ""
        return ["-deadline", "-pk"] if sort == "-frist" else ["deadline", "pk"]


# --- Partshøring, the decision and the evaluation ------------------------------------------------


def _checked_upload(upload) -> CheckedFile | None:
    """The upload checks of contributions (size, type read from the content, metadata removed)."""
    return check_file(upload) if upload else None


class HearingForm(DkfdsFormMixin, forms.Form):
    """Send the draft decision to the citizen for comments (partshøring)."""

    draft = CharField(
        label=_("The draft decision"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What you expect to decide and why, with the facts it rests on, in plain Danish."
        ),
        error_messages={"required": _("Write the draft decision.")},
    )
    file = forms.FileField(
        label=_("The draft as a file"),
        required=False,
        help_text=_("PDF, Word (DOCX), OpenDocument text (ODT), JPG or PNG; at most 10 MB."),
    )
    deadline = forms.DateField(
        label=_("Deadline for comments"),
        widget=DateInput(),
        help_text=_("The citizen can answer until 23.59 on this day."),
    )

    def __init__(self, *args, case: CaseFile, today: datetime.date, **kwargs) -> None:
        self.case, self.today = case, today
        kwargs.setdefault(
            "initial",
            {"deadline": today + datetime.timedelta(days=case.case_type.hearing_days)},
        )
        super().__init__(*args, **kwargs)

    def clean_file(self) -> CheckedFile | None:
        return _checked_upload(self.cleaned_data.get("file"))

    def clean_deadline(self) -> datetime.date:
        deadline = self.cleaned_data["deadline"]
        refusal = hearing_minimum_refusal(self.case, deadline, self.today)
        if refusal:
            raise ValidationError(refusal, code="too_short")
        return deadline


def cpr_in(text: str, files: list[CheckedFile] = ()) -> str:
    """Where a CPR number stands in what a citizen sends in their case: "" when nowhere, else
    "text" or the file's name. The CPR number is never stored in Inddrag, also not in a
    document: the caseworker has it in the ESDH system. A file whose text cannot be read (a
    photo, a scan) cannot be checked and is let through."""
    if any(f.kind == "cpr" for f in scan(text, words=[])):
        return "text"
    for checked in files:
        try:
            content = extract_text(checked.data, checked.kind)
        except UnreadableFile:
            content = ""
        content += "\n" + file_name_text(checked.safe_name)
        if any(f.kind == "cpr" for f in scan(content, words=[])):
            return checked.safe_name
    return ""


CPR_IN_TEXT = _(
    "It looks like there is a CPR number in your text. Remove it before you send: we do not "
    "need it, and Inddrag never stores it (your caseworker has it already)."
)
CPR_IN_FILE = _(
    "It looks like there is a CPR number in “%(name)s”. Black it out or leave the document out: "
    "Inddrag never stores CPR numbers (your caseworker has it already)."
)


class HearingAnswerForm(DkfdsFormMixin, forms.Form):
    """The citizen's answer to the draft decision."""

    show_optional = False

    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=CaseHearing.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you have comments.")},
    )
    comment = CharField(
        label=_("Your comments"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What is wrong or missing in the draft, and what you would like instead."),
    )
    file = forms.FileField(
        label=_("Attach a file (optional)"),
        required=False,
        help_text=_("PDF, Word (DOCX), OpenDocument text (ODT), JPG or PNG; at most 10 MB."),
    )

    def clean_file(self) -> CheckedFile | None:
        return _checked_upload(self.cleaned_data.get("file"))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("answer") == CaseHearing.Answer.COMMENTS and not data.get("comment"):
            self.add_error("comment", _("Write your comments, or choose “I have no comments”."))
        file = data.get("file")
        where = cpr_in(data.get("comment", ""), [file] if file else [])
        if where == "text":
            self.add_error("comment", CPR_IN_TEXT)
        elif where:
            self.add_error("file", CPR_IN_FILE % {"name": where})
        return data


class DecisionInputForm(DkfdsFormMixin, forms.Form):
    """One row of "Sådan har vi brugt det, du har sagt"."""

    source = forms.CharField(widget=forms.HiddenInput, max_length=20)
    # What the citizen said is quoted from where they said it (the service takes it from there),
    # never retyped: shown on the page, carried as a hidden field.
    said = forms.CharField(widget=forms.HiddenInput, required=False, max_length=5000)
    used = CharField(
        label=_("How we used it"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How it weighed in the decision — also when it did not change the outcome."),
        error_messages={"required": _("Say how you used what the citizen said.")},
    )


DecisionInputFormSet = forms.formset_factory(DecisionInputForm, extra=0)


class CaseDecisionForm(DkfdsFormMixin, forms.Form):
    """The decision in a case (forvaltningsloven §§ 22–25)."""

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=CaseDecision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome.")},
    )
    reasons = CharField(
        label=_("Reasons"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The rules the decision rests on, the facts that mattered, and why."),
        error_messages={"required": _("Write the reasons for the decision.")},
    )
    complaint_guidance = CharField(
        label=_("How to complain"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The complaint deadline is added as a date."),
    )
    exception = forms.ChoiceField(
        label=_("Exception from partshøring (forvaltningsloven § 19 stk. 2)"),
        choices=[
            ("", _("None: the partshøring has ended or the citizen has answered")),
            *HearingException.choices,
        ],
        required=False,
        help_text=_("Only needed before the deadline for comments, or if none was sent."),
    )
    exception_reason = CharField(
        label=_("Why the exception applies"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def data_object(self, inputs: list[tuple[str, str, str]]) -> CaseDecisionData:
        d = self.cleaned_data
        return CaseDecisionData(
            outcome=d["outcome"],
            reasons=d["reasons"],
            complaint_guidance=d["complaint_guidance"],
            inputs=inputs,
            exception=d["exception"],
            exception_reason=d["exception_reason"],
        )


SCALE = [(n, str(n)) for n in range(1, 6)]


def _scale(label: str) -> forms.TypedChoiceField:
    """A question answered on the scale from 1 (not at all) to 5 (fully)."""
    return forms.TypedChoiceField(
        label=label,
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a number from 1 to 5.")},
    )


class EvaluationForm(DkfdsFormMixin, forms.Form):
    """Three questions after the decision, 1 (not at all) to 5 (fully)."""

    show_optional = False

    knew_influence = _scale(_("Did you know what you could influence in your case?"))
    felt_heard = _scale(_("Did you feel heard?"))
    time_enough = _scale(_("Was there time enough for you to answer and take part?"))
    comment = CharField(
        label=_("Anything else? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        # Our own message: Django's plural one fails on the grouped number ("2.000").
        error_messages={
            "max_length": _("Write at most %(limit_value)s characters (you wrote %(show_value)s).")
        },
        help_text=_("Do not write your name or anything that identifies you."),
    )

    def data_object(self) -> EvaluationData:
        return EvaluationData(**self.cleaned_data)


MESSAGE_ERRORS = {
    "required": _("Write your message."),
    "min_length": _("Write at least a few words."),
    "max_length": _("Write at most %(limit_value)s characters (you wrote %(show_value)s)."),
}


class MessageForm(DkfdsFormMixin, forms.Form):
    """A message in a case, with up to five documents (checked as a contribution's are: type
    read from the content, size, number). Private to the case, so not screened."""

    show_optional = False

    text = CharField(
        label=_("Your message"),
        max_length=4000,
        min_length=2,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only you and the people handling your case can read it."),
        error_messages=MESSAGE_ERRORS,
    )
    attachments = AttachmentsField(
        label=_("Documents"),
        required=False,
        help_text=_("Up to 5 files of at most 10 MB each: PDF, Word (DOCX), ODT, JPG or PNG."),
    )

    def __init__(self, *args, **kwargs) -> None:
        # Ids of its own: "Min sag" also holds the "Det vigtigste for mig" form, whose field is
        # called "text" too — with the same id, the label "Din besked" pointed at that field.
        kwargs.setdefault("auto_id", "message-%s")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        data = super().clean()
        where = cpr_in(data.get("text", ""), data.get("attachments") or [])
        if where == "text":
            self.add_error("text", CPR_IN_TEXT)
        elif where:
            self.add_error("attachments", CPR_IN_FILE % {"name": where})
        return data

    @property
    def files_to_choose_again(self) -> bool:
        """Chosen files are not kept when the form comes back with an error in the text."""
        return bool(self.is_bound and self.errors and "attachments" not in self.errors) and bool(
            self.files.getlist(self.add_prefix("attachments"))
        )


class StaffMessageForm(MessageForm):
    """The caseworker's message to the citizen: the citizen is e-mailed a link, not the text."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Message to the citizen")
        self.fields["text"].help_text = _(
            "The citizen gets an e-mail with a link to the case, not the message itself."
        )


class AnswerForm(DkfdsFormMixin, forms.Form):
    """The caseworker's answer to one input from the citizen."""

    show_optional = False

    answer = CharField(
        label=_("Your answer"),
        max_length=4000,
        min_length=2,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={**MESSAGE_ERRORS, "required": _("Write your answer.")},
    )


# --- The evaluation report ------------------------------------------------------------------------

REPORT_MONTHS = 36  # how far back the report's period can start
DEFAULT_MONTHS = 12  # the period shown first: the last twelve complete months


class EvaluationReportFilter(DkfdsFormMixin, forms.Form):
    """The evaluation report's filters: a period of whole months (never the month still being
    answered), a centre, a case type."""

    show_optional = False

    first = forms.ChoiceField(label=_("From"))
    last = forms.ChoiceField(label=_("To"))
    centre = forms.ModelChoiceField(
        label=_("Centre"),
        queryset=Centre.objects.order_by("name"),
        required=False,
        empty_label=_("All centres"),
    )
    case_type = forms.ModelChoiceField(
        label=_("Case type"),
        queryset=CaseType.objects.order_by("name"),
        required=False,
        empty_label=_("All case types"),
    )

    def __init__(self, query: dict | None, *, today: datetime.date) -> None:
        """``query``: the request's GET parameters; what it leaves out is the default period,
        all centres and all case types."""
        last = last_complete_month(today)
        months = [add_months(last, -n) for n in range(REPORT_MONTHS)]
        defaults = {
            "first": add_months(last, 1 - DEFAULT_MONTHS).isoformat()[:7],
            "last": last.isoformat()[:7],
        }
        super().__init__({**defaults, **(query or {})})
        choices = [(m.isoformat()[:7], date_format(m, "YEAR_MONTH_FORMAT")) for m in months]
        self.fields["first"].choices = choices
        self.fields["last"].choices = choices

    @staticmethod
    def _month(value: str) -> datetime.date:
        return datetime.date.fromisoformat(value + "-01")

    def clean_first(self) -> datetime.date:
        return self._month(self.cleaned_data["first"])

    def clean_last(self) -> datetime.date:
        return self._month(self.cleaned_data["last"])

    def clean(self) -> dict:
        data = super().clean()
        if data.get("first") and data.get("last") and data["first"] > data["last"]:
            self.add_error("last", _("The last month cannot be before the first."))
        return data

    def period(self) -> dict:
        """The cleaned filter as ``services.evaluation_summary``'s arguments."""
        d = self.cleaned_data
        return {
            "first_month": d["first"],
            "last_month": d["last"],
            "centre_id": d["centre"].pk if d["centre"] else None,
            "case_type_id": d["case_type"].pk if d["case_type"] else None,
        }


# --- Meetings and home visits -------------------------------------------------------------------


class SlotsForm(DkfdsFormMixin, forms.Form):
    """One to five times, each a start and an end in Danish time (the browser's date and time
    picker): the end after the start, the start still to come, no time twice."""

    def __init__(self, *args, now: datetime.datetime | None = None, **kwargs) -> None:
        self.now = now or timezone.now()
        super().__init__(*args, **kwargs)
        for n in range(1, MAX_SLOTS + 1):
            self.fields[f"start_{n}"] = forms.DateTimeField(
                label=_("Time %(n)d: starts") % {"n": n},
                required=False,
                widget=DateTimeInput(),
            )
            self.fields[f"end_{n}"] = forms.DateTimeField(
                label=_("Time %(n)d: ends") % {"n": n},
                required=False,
                widget=DateTimeInput(),
            )
        for names in self.slot_names():
            for name in names:
                style_widget(self.fields[name].widget)
                self.fields[name].hide_optional = True  # "1 to 5 times" says it once

    @staticmethod
    def slot_names() -> list[tuple[str, str]]:
        return [(f"start_{n}", f"end_{n}") for n in range(1, MAX_SLOTS + 1)]

    def slot_rows(self) -> list[tuple[BoundField, BoundField]]:
        """The start and end fields of each time, for the template."""
        return [(self[start], self[end]) for start, end in self.slot_names()]

    def clean(self) -> dict:
        data = super().clean()
        slots: list[tuple[datetime.datetime, datetime.datetime]] = []
        for start_name, end_name in self.slot_names():
            if start_name in self.errors or end_name in self.errors:
                continue
            starts_at, ends_at = data.get(start_name), data.get(end_name)
            if starts_at is None and ends_at is None:
                continue
            if starts_at is None:
                self.add_error(start_name, _("Fill in when the meeting starts, too."))
            elif ends_at is None:
                self.add_error(end_name, _("Fill in when the meeting ends, too."))
            elif ends_at <= starts_at:
                self.add_error(end_name, _("The end must be after the start."))
            elif starts_at <= self.now:
                self.add_error(start_name, _("This time has passed. Choose a time still to come."))
            elif (starts_at, ends_at) in slots:
                self.add_error(start_name, _("You have proposed this time already."))
            else:
                slots.append((starts_at, ends_at))
        if not slots and not self.errors:
            self.add_error("start_1", _("Propose at least one time."))
        data["slots"] = slots
        return data


class MeetingForm(SlotsForm):
    """Propose a meeting or home visit: what it is for, where, who comes, and the times."""

    kind = forms.ChoiceField(
        label=_("Kind of meeting"),
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of meeting.")},
    )
    purpose = CharField(
        label=_("What we will talk about"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "In plain Danish: what the meeting is for and what the citizen can influence there. "
            "The citizen sees it on “My case”."
        ),
        error_messages={"required": _("Write what the meeting is about.")},
    )
    place = CharField(
        label=_("Address"),
        max_length=300,
        required=False,
        help_text=_(
            "For a meeting at the town hall: the address and room. For a home visit, left "
            "empty it says “at your home”."
        ),
    )
    video_link = forms.URLField(
        label=_("Video link"),
        max_length=500,
        assume_scheme="https",
        required=False,
        help_text=_("For a video meeting: a secure link beginning with https://."),
    )
    attendees = CharField(
        label=_("Who takes part from the municipality"),
        max_length=500,
        help_text=_("Names and roles, e.g. “Jonas Holm, ergoterapeut”."),
        error_messages={"required": _("Write who comes from the municipality.")},
    )

    def clean_video_link(self) -> str:
        link = self.cleaned_data["video_link"]
        if link and not link.lower().startswith("https://"):
            raise ValidationError(_("Use a secure link beginning with https://."), code="https")
        return link

    def clean(self) -> dict:
        data = super().clean()
        kind = data.get("kind")
        if kind == MeetingKind.TOWN_HALL and not data.get("place"):
            self.add_error("place", _("Write where the meeting is: the address and room."))
        if (
            kind == MeetingKind.VIDEO
            and not data.get("video_link")
            and "video_link" not in self.errors
        ):
            self.add_error("video_link", _("Give the link to the video meeting."))
        return data

    def data_object(self) -> MeetingData:
        d = self.cleaned_data
        kind = d["kind"]
        return MeetingData(
            kind=kind,
            purpose=d["purpose"],
            attendees=d["attendees"],
            slots=d["slots"],
            place=d["place"] if kind in (MeetingKind.TOWN_HALL, MeetingKind.HOME_VISIT) else "",
            video_link=d["video_link"] if kind == MeetingKind.VIDEO else "",
        )


class MeetingNeedsForm(DkfdsFormMixin, forms.Form):
    """What the citizen needs at a meeting."""

    show_optional = False

    interpreter = forms.BooleanField(label=_("I need an interpreter"), required=False)
    interpreter_language = CharField(label=_("Which language?"), max_length=100, required=False)
    sign_language = forms.BooleanField(
        label=_("I need a sign-language interpreter"), required=False
    )
    step_free = forms.BooleanField(
        label=_("I need step-free access (no steps or stairs)"), required=False
    )
    companion = forms.BooleanField(label=_("I am bringing a companion (bisidder)"), required=False)
    other_needs = CharField(
        label=_("Anything else we should know or arrange?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("interpreter") and not data.get("interpreter_language"):
            self.add_error(
                "interpreter_language", _("Write which language you need an interpreter for.")
            )
        return data

    def needs(self) -> MeetingNeeds:
        d = self.cleaned_data
        return MeetingNeeds(**{name: d[name] for name in NEEDS_FIELDS})

    @classmethod
    def of(cls, meeting: CaseMeeting, **kwargs) -> MeetingNeedsForm:
        """The form filled in with what the citizen gave before."""
        initial = {name: getattr(meeting, name) for name in NEEDS_FIELDS}
        return cls(initial=initial, prefix=f"m{meeting.pk}", **kwargs)


class MeetingPickForm(MeetingNeedsForm):
    """The citizen picks one of the proposed times and says what they need."""

    field_order = ["slot"]

    slot = forms.IntegerField(
        label=_("Choose a time"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the times."),
            "invalid": _("Choose one of the times."),
        },
    )

    def __init__(self, *args, meeting: CaseMeeting, **kwargs) -> None:
        kwargs.setdefault("prefix", f"m{meeting.pk}")
        super().__init__(*args, **kwargs)
        self.fields["slot"].widget.choices = [
            (slot.pk, meeting_time(slot.starts_at, slot.ends_at)) for slot in meeting.slots.all()
        ]


class OtherTimeForm(DkfdsFormMixin, forms.Form):
    """ "None of the times suit me": when the citizen can instead."""

    show_optional = False

    message = CharField(
        label=_("When would suit you?"),
        max_length=2000,
        min_length=2,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. “Mondays and Tuesdays after 13” or “not in week 50”."),
        error_messages={
            "required": _("Write which days or times would suit you."),
            "min_length": _("Write at least a few words."),
            "max_length": _("Write at most %(limit_value)s characters (you wrote %(show_value)s)."),
        },
    )


class CancelMeetingForm(DkfdsFormMixin, forms.Form):
    show_optional = False

    reason = CharField(
        label=_("Why (the citizen sees it)"),
        max_length=500,
        required=False,
    )


class MeetingSummaryForm(DkfdsFormMixin, forms.Form):
    show_optional = False

    summary = CharField(
        label=_("Summary of the meeting"),
        max_length=5000,
        min_length=2,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Shared with the citizen on “My case”: what you talked about and agreed, and what "
            "happens next."
        ),
        error_messages={
            "required": _("Write the summary."),
            "min_length": _("Write at least a few words."),
            "max_length": _("Write at most %(limit_value)s characters (you wrote %(show_value)s)."),
        },
    )


# --- Who may see the case: relatives, representatives, professionals -----------------------------


def _account(value: str) -> list[User]:
    """The active accounts with this user name or e-mail (at most two: enough to tell)."""
    return list(
        User.objects.filter(Q(username__iexact=value) | Q(email__iexact=value), is_active=True)[:2]
    )


def _no_cpr(value: str) -> None:
    if cpr_in(value):
        raise ValidationError(_("Do not write a CPR number."), code="cpr")


class GrantForm(DkfdsFormMixin, forms.Form):
    """The citizen gives a relative (or anyone they trust) access to their case.

    The person is named by the user name or e-mail of their own citizen account (in production
    the MitID identity). An unknown name is refused saying so: the citizen must know whether the
    access was given, and only a logged-in citizen on their own case can ask. A staff account is
    refused with the same words (staff are added by the caseworker)."""

    show_optional = False

    person = forms.CharField(
        label=_("Their user name or e-mail"),
        max_length=254,
        help_text=_("The person must have logged in to Inddrag once themselves."),
        error_messages={"required": _("Write the person's user name or e-mail.")},
    )
    level = forms.ChoiceField(
        label=_("What they may do"),
        choices=GrantLevel.choices,
        widget=forms.RadioSelect,
        initial=GrantLevel.SEE,
        error_messages={"required": _("Choose what they may do.")},
    )
    expires_on = forms.DateField(
        label=_("Access until"),
        widget=DateInput(),
        help_text=_(
            "They can see the case until the end of this day. You can withdraw it earlier."
        ),
        error_messages={"required": _("Choose the last day of the access.")},
    )

    def __init__(self, *args, today: datetime.date | None = None, **kwargs) -> None:
        self.today = today or local_date(timezone.now())
        super().__init__(*args, **kwargs)

    def clean_person(self) -> User:
        value = self.cleaned_data["person"].strip()
        if cpr_in(value):
            raise ValidationError(
                _("Do not write a CPR number. Use the person's user name or e-mail."), code="cpr"
            )
        matches = _account(value)
        if len(matches) > 1:
            raise ValidationError(
                _("Several accounts have that e-mail. Use the user name."), code="ambiguous"
            )
        person = matches[0] if matches else None
        if (
            person is None
            or person.role != User.Role.CITIZEN
            or person.is_staff
            or person.is_superuser
        ):
            raise ValidationError(
                _(
                    "We cannot find a citizen with that user name or e-mail. Ask the person to "
                    "log in to Inddrag once, and check the spelling."
                ),
                code="not_found",
            )
        return person

    def clean_expires_on(self) -> datetime.date:
        expires_on = self.cleaned_data["expires_on"]
        if expires_on < self.today:
            raise ValidationError(_("The last day cannot be in the past."), code="past")
        latest = self.today + datetime.timedelta(days=GRANT_MAX_DAYS)
        if expires_on > latest:
            raise ValidationError(
                _("Access can be given for at most 5 years, until %(date)s.")
                % {"date": date_format(latest, "DATE_FORMAT")},
                code="too_long",
            )
        return expires_on

    def data_object(self) -> GrantData:
        d = self.cleaned_data
        return GrantData(person=d["person"], level=d["level"], expires_on=d["expires_on"])


class RepresentationForm(GrantForm):
    """The caseworker records a power of attorney, guardianship or parental authority, with its
    basis (where the document is journalised — never a CPR number)."""

    basis = forms.ChoiceField(
        label=_("Basis"),
        choices=[(value, label) for value, label in GrantBasis.choices if value in REPRESENTATION],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the basis.")},
    )
    basis_note = CharField(
        label=_("The basis, in short"),
        max_length=300,
        help_text=_(
            "E.g. “Fuldmagt af 3. marts 2026, journalnr. 2026-012345”. Do not write a CPR number."
        ),
        error_messages={"required": _("Write what the access rests on and where it is filed.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].label = _("The representative's user name or e-mail")
        self.fields["person"].help_text = _(
            "Their own citizen account. Inddrag never stores a CPR number: do not write one here."
        )
        self.fields["level"].initial = GrantLevel.WRITE
        self.order_fields(["person", "basis", "basis_note", "level", "expires_on"])

    def clean_basis_note(self) -> str:
        note = self.cleaned_data["basis_note"]
        _no_cpr(note)
        return note

    def data_object(self) -> GrantData:
        d = self.cleaned_data
        return GrantData(
            person=d["person"],
            level=d["level"],
            expires_on=d["expires_on"],
            basis=d["basis"],
            basis_note=d["basis_note"],
        )


class ProfessionalForm(DkfdsFormMixin, forms.Form):
    """Add a member of staff from another discipline to the case, with a role."""

    user = forms.CharField(
        label=_("Their user name or e-mail"),
        max_length=254,
        help_text=_("A colleague's staff account."),
        error_messages={"required": _("Write the colleague's user name or e-mail.")},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("Choose a role")), *ProfessionalRole.choices],
        help_text=_("The role decides what of the case they can see."),
        error_messages={"required": _("Choose the role.")},
    )

    def clean_user(self) -> User:
        value = self.cleaned_data["user"].strip()
        matches = _account(value)
        if len(matches) > 1:
            raise ValidationError(
                _("Several accounts have that e-mail. Use the user name."), code="ambiguous"
            )
        if not matches:
            raise ValidationError(_("No account has that user name or e-mail."), code="not_found")
        if matches[0].role != User.Role.STAFF:
            raise ValidationError(
                _("That is a citizen's account. The citizen gives relatives access on “My case”."),
                code="citizen",
            )
        return matches[0]


class CompanionForm(DkfdsFormMixin, forms.Form):
    """That the caseworker asked the citizen about a relative or companion, and the answer."""

    companion_asked_on = forms.DateField(
        label=_("Asked on"),
        widget=DateInput(),
        required=False,
        help_text=_("The day you asked the citizen whether someone should take part with them."),
    )
    companion_answer = forms.ChoiceField(
        label=_("The citizen's answer"),
        choices=[("", _("Not asked yet")), *CaseFile._meta.get_field("companion_answer").choices],
        required=False,
    )

    def clean_companion_asked_on(self) -> datetime.date | None:
        asked_on = self.cleaned_data.get("companion_asked_on")
        if asked_on and asked_on > local_date(timezone.now()):
            raise ValidationError(_("The day cannot be in the future."), code="future")
        return asked_on

    def clean(self) -> dict:
        data = super().clean()
        if data.get("companion_answer") and not data.get("companion_asked_on"):
            self.add_error("companion_asked_on", _("Write the day you asked."))
        return data
