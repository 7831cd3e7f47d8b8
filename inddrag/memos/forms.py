"""Staff forms: topics, giving contributions a topic, and a contribution's part in the memo."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inddrag.contributions.models import Answer
from inddrag.lib.forms import DkfdsFormMixin, IdListField
from inddrag.memos.models import MemoTopic
from inddrag.processes.models import Process


class TopicForm(DkfdsFormMixin, forms.Form):
    name = forms.CharField(
        label=_("New topic"),
        max_length=120,
        help_text=_("A short name, e.g. “Trafik og parkering” or “Grønne områder”."),
        error_messages={
            "required": _("Write the topic's name."),
            "max_length": _("The topic's name can be at most 120 characters."),
        },
    )


class TopicChoiceField(forms.ModelChoiceField):
    def __init__(self, process: Process, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", _("No topic (“Other contributions”)"))
        kwargs.setdefault(
            "error_messages", {"invalid_choice": _("Choose one of this process's topics.")}
        )
        super().__init__(queryset=MemoTopic.objects.filter(process=process), **kwargs)


class AssignTopicForm(DkfdsFormMixin, forms.Form):
    """One topic (or none) for every contribution ticked on the topics page."""

    contributions = IdListField(
        label=_("Contributions"),
        error_messages={"required": _("Tick at least one contribution.")},
    )

    def __init__(self, *args, process: Process, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"] = TopicChoiceField(process, label=_("Give the ticked contributions"))
        self.fields["topic"].hide_optional = True
        self.fields["topic"].widget.attrs["class"] = "form-select"


RECOMMENDATION_CHOICES = [("", _("Not decided yet")), *Answer.Recommendation.choices]


class ContributionMemoForm(DkfdsFormMixin, forms.Form):
    """What the memo says about one contribution: staff's summary, its topic, and — while the
    answer is a draft — the administration's recommendation."""

    prefix = "memo"
    summary = forms.CharField(
        label=_("Summary for the hearing memo"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "A few neutral sentences for the committee: what the contribution says. Without a "
            "summary the memo quotes the start of the published text. Write no names or other "
            "personal data."
        ),
    )

    def __init__(self, *args, process: Process, answer: Answer | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"] = TopicChoiceField(
            process,
            label=_("Topic"),
            help_text=_("The memo groups the contributions by topic."),
        )
        self.fields["topic"].widget.attrs["class"] = "form-select"
        self.order_fields(["topic", "summary"])
        self.answer = answer
        if answer is not None and not answer.is_published:
            self.fields["recommendation"] = forms.ChoiceField(
                label=_("The administration's recommendation"),
                choices=RECOMMENDATION_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                help_text=_(
                    "Does the contribution lead to a change of the proposal? Link the change "
                    "itself on the document's page."
                ),
            )
            self.fields["recommendation"].hide_optional = True

    @property
    def takes_recommendation(self) -> bool:
        return "recommendation" in self.fields

    @classmethod
    def for_contribution(cls, contribution, answer: Answer | None, process: Process):
        initial = {"summary": contribution.summary, "topic": contribution.topic_id}
        if answer is not None:
            initial["recommendation"] = answer.recommendation
        return cls(initial=initial, process=process, answer=answer)
