"""What other apps' views share with the memo's: renaming a topic from its form (the topics page
and the analysis page both have one)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from inddrag.memos import services
from inddrag.memos.forms import TopicForm
from inddrag.memos.models import MemoTopic


def rename_from_form(request: HttpRequest, topic: MemoTopic) -> TopicForm | None:
    """Rename ``topic`` from the POSTed form and say so; None when done, else the form with its
    errors next to the field (nothing saved)."""
    form = TopicForm(request.POST, prefix=f"topic-{topic.pk}")
    if form.is_valid():
        old = topic.name
        try:
            services.rename_topic(topic, form.cleaned_data["name"], request.user)
        except services.TopicError as error:
            form.add_error("name", error.message)
        else:
            if old != topic.name:
                messages.success(
                    request,
                    _("The topic “%(old)s” is now called “%(name)s”.")
                    % {"old": old, "name": topic.name},
                )
            return None
    messages.error(request, _("The topic was not renamed. Correct the field marked below."))
    return form
