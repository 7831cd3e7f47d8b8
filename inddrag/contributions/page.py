"""The staff page of one contribution: the original text with what the screening found marked,
the publication preview, the answer, and the sections other apps add (``DETAIL``).

Rendered by this app's staff views and by the memos' view that saves a contribution's part in
the hearing memo (with its form's errors handed over in ``state``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import ngettext

from inddrag.audit import reads
from inddrag.contributions import screening, services
from inddrag.contributions.forms import AnswerForm, DeclineForm
from inddrag.contributions.models import REDACTED, Contribution, Flag
from inddrag.lib.sections import render_sections
from inddrag.notifications.models import Notification
from inddrag.processes.models import Process

DETAIL = "contribution_staff"  # the page sections register on


@dataclass
class Piece:
    """A stretch of the original text: plain, or marked with what the screening found in it."""

    text: str
    flags: list[Flag] = field(default_factory=list)

    @property
    def state(self) -> str:
        resolutions = {f.resolution for f in self.flags}
        for state in (Flag.Resolution.OPEN, Flag.Resolution.REDACTED):
            if state in resolutions:
                return state
        return Flag.Resolution.APPROVED


def highlight(text: str, flags: list[Flag]) -> list[Piece]:
    """``text`` split into pieces so that each finding can be marked; overlapping findings share
    one mark. Findings whose position does not match the text are left out of the marking."""
    found = sorted(
        (
            f
            for f in flags
            if f.attachment_id is None
            and 0 <= f.start < f.end <= len(text)
            and text[f.start : f.end][:200] == f.match
        ),
        key=lambda f: (f.start, f.end),
    )
    pieces: list[Piece] = []
    position = 0
    group: list[Flag] = []
    group_end = 0
    for flag in found:
        if group and flag.start < group_end:
            group.append(flag)
            group_end = max(group_end, flag.end)
            continue
        if group:
            pieces.append(Piece(text[group[0].start : group_end], group))
            position = group_end
        if flag.start > position:
            pieces.append(Piece(text[position : flag.start]))
        group, group_end = [flag], flag.end
    if group:
        pieces.append(Piece(text[group[0].start : group_end], group))
        position = group_end
    if position < len(text):
        pieces.append(Piece(text[position:]))
    return pieces


def load_contribution(process: Process, cid: int) -> Contribution:
    """The contribution with everything its page shows, or 404 if it is not this process's."""
    queryset = Contribution.objects.select_related(
        "activity", "district", "registered_by", "reviewed_by", "answer__frame_item"
    ).prefetch_related(
        Prefetch("flags", queryset=Flag.objects.select_related("resolved_by")),
        "attachments",
        Prefetch("notifications", queryset=Notification.objects.defer("body")),
    )
    contribution = get_object_or_404(queryset, pk=cid, process=process)
    contribution.process = process
    return contribution


def contribution_to_change(process: Process, cid: int) -> Contribution:
    """The contribution for a change: no cached relations that a service would read stale."""
    contribution = get_object_or_404(Contribution, pk=cid, process=process)
    contribution.process = process
    return contribution


def review_context(
    process: Process, contribution: Contribution, decline_form: DeclineForm | None = None
) -> dict:
    flags = list(contribution.flags.all())
    attachments = list(contribution.attachments.all())
    names = {a.pk: a.original_name for a in attachments}
    for flag in flags:
        flag.attachment_name = names.get(flag.attachment_id, "")
    if contribution.publication == Contribution.Publication.PUBLISHED:
        preview = contribution.published_text
    else:
        # What will be published: redacted findings hidden, and those not yet handled too,
        # for nothing is published while one is open.
        spans = [
            (f.start, f.end)
            for f in flags
            if f.attachment_id is None and f.resolution != Flag.Resolution.APPROVED
        ]
        preview = screening.redact(contribution.text, spans, REDACTED)
    withheld = {
        f.attachment_id
        for f in flags
        if f.attachment_id is not None and f.resolution == Flag.Resolution.REDACTED
    }
    for attachment in attachments:
        attachment.will_be_withheld = attachment.pk in withheld
    state = contribution.publication
    return {
        "process": process,
        "contribution": contribution,
        "pieces": highlight(contribution.text, flags),
        "flags": flags,
        "open_flags": [f for f in flags if f.resolution == Flag.Resolution.OPEN],
        "attachments": attachments,
        "preview": preview,
        "can_approve": (
            state == Contribution.Publication.DECLINED
            or (
                state == Contribution.Publication.PENDING
                and process.review_before_publishing
                and contribution.reviewed_at is None
            )
        ),
        "can_decline": state
        in (Contribution.Publication.PENDING, Contribution.Publication.PUBLISHED),
        "decline_form": decline_form or DeclineForm(),
    }


def render_detail(
    request: HttpRequest,
    process: Process,
    contribution: Contribution,
    *,
    answer_form: AnswerForm | None = None,
    decline_form: DeclineForm | None = None,
    status: int = 200,
    state: dict[str, Any] | None = None,
) -> HttpResponse:
    """The staff page of one contribution: screening, the answer and the sections other apps
    add (the hearing memo's part). Every view of it is noted for the access log (personal data)."""
    reads.shown(request, contribution)
    answer = getattr(contribution, "answer", None)
    if answer_form is None and not (answer and answer.is_published):
        answer_form = AnswerForm.for_answer(answer, process)
    context = {
        **review_context(process, contribution, decline_form),
        "answer": answer,
        "answer_form": answer_form,
        "notifications": list(contribution.notifications.all()),
        "sections": render_sections(DETAIL, request, contribution, timezone.now(), state),
    }
    return render(request, "contributions/staff/detail.html", context, status=status)


def report_drafts(request: HttpRequest, drafted: int, chosen: int) -> None:
    """Say how many answers were drafted, and how many of the chosen were locked (published);
    the inbox's "answer many" and the analysis's "answer a campaign" say it alike."""
    if drafted:
        messages.success(
            request,
            ngettext(
                "%(count)d answer was saved as a draft. It reaches the contributor when you "
                "publish the answers.",
                "%(count)d answers were saved as drafts. They reach the contributors when you "
                "publish the answers.",
                drafted,
            )
            % {"count": drafted},
        )
    locked = chosen - drafted
    if locked:
        messages.warning(
            request,
            ngettext(
                "%(count)d contribution already had a published answer. Published answers are "
                "locked and were left unchanged.",
                "%(count)d contributions already had a published answer. Published answers are "
                "locked and were left unchanged.",
                locked,
            )
            % {"count": locked},
        )


def draft_answers(form: AnswerForm, contributions: list[Contribution], user) -> int | None:
    """Draft one answer for each contribution (``services.answer``) from a valid answer form;
    a rule the service enforces that the form did not is shown at its field (then None)."""
    data = form.cleaned_data
    try:
        return services.answer(
            contributions,
            outcome=data["outcome"],
            reason=data["reason"],
            frame_item=data["frame_item"],
            author=user,
        )
    except ValidationError as error:
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
        return None
