"""Staff forms of the analysis: running it, merging topics, a topic's summary."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inddrag.analysis.models import Analysis
from inddrag.contributions.forms import AnswerForm
from inddrag.lib.forms import DkfdsFormMixin
from inddrag.memos.models import MemoTopic


class RunForm(DkfdsFormMixin, forms.Form):
    mode = forms.ChoiceField(
        label=_("What the analysis may change"),
        choices=[
            (
                Analysis.Mode.KEEP,
                _("Keep every topic the contributions have, and place the new contributions"),
            ),
            (
                Analysis.Mode.REGROUP,
                _("Suggest the topics anew (the topics you named or chose by hand are kept)"),
            ),
        ],
        initial=Analysis.Mode.KEEP,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what the analysis may change."),
            "invalid_choice": _("Choose one of the two options."),
        },
    )


class MergeForm(DkfdsFormMixin, forms.Form):
    """Merge one topic into another of the same process."""

    def __init__(self, *args, topic: MemoTopic, topics: list[MemoTopic], **kwargs) -> None:
        kwargs.setdefault("prefix", f"merge-{topic.pk}")
        super().__init__(*args, **kwargs)
        self.fields["target"] = forms.TypedChoiceField(
            label=_("Merge into"),
            coerce=int,
            choices=[("", _("Choose a topic"))]
            + [(t.pk, t.name) for t in topics if t.pk != topic.pk],
            error_messages={
                "required": _("Choose the topic to merge it into."),
                "invalid_choice": _("Choose one of this process's other topics."),
            },
        )
        self.fields["target"].widget.attrs["class"] = "form-select"


class SummaryForm(DkfdsFormMixin, forms.Form):
    MAX = 4000
    summary = forms.CharField(
        label=_("Summary of the topic for the hearing memo"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Shown at the start of the topic's section in the hearing memo. Write it in your "
            "own words; the sentences above are quoted from the contributions."
        ),
        error_messages={"max_length": _("The summary can be at most 4,000 characters.")},
    )

    def __init__(self, *args, topic: MemoTopic, **kwargs) -> None:
        kwargs.setdefault("prefix", f"summary-{topic.pk}")
        super().__init__(*args, **kwargs)


class GroupAnswerForm(AnswerForm):
    """One answer for every contribution of a campaign or duplicate group, however many: the
    group is read on the server; ``members`` says which contributions the page showed."""

    members = forms.CharField(
        label=_("The group's contributions"),
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={"required": _("Open the group's page again and answer from there.")},
    )
