"""API v1: taking part through the API, and the published contributions with their answers.

`POST` takes the same contribution as the public form (JSON, or multipart/form-data with files),
validates it with Danish messages for the contributor and hands it to
`contributions.services.submit`, which saves, screens and sends the receipt. `GET` returns only
what is published: the published (possibly redacted) text, attachments that are not withheld and
answers once published — never e-mail addresses or the original text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Header, Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from inddrag.api.pagination import Pages
from inddrag.api.schemas import (
    ContributionIn,
    ContributionOut,
    ErrorOut,
    FieldErrorsOut,
    ReceiptOut,
    contribution_multipart_schema,
)
from inddrag.contributions import services, uploads
from inddrag.contributions.forms import ContributionFields
from inddrag.contributions.models import Attachment, Contribution, Source
from inddrag.idempotency.services import IdempotencyConflict
from inddrag.lib.ratelimit import seconds_to_wait
from inddrag.processes.models import Process

router = Router(tags=["contributions"])

RATE_GROUP = "api-contributions"
MAX_IDEMPOTENCY_KEY = 100
STRING_FIELDS = ("text", "speaking_as", "consent", "on_behalf_of", "name", "email", "age_band")
FIELDS = (*STRING_FIELDS, "district_id")
JSON_TYPES = ("application/json",)
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
# What the list loads: never the original text or the e-mail address.
PUBLIC_FIELDS = (
    "id",
    "receipt_number",
    "received_at",
    "speaking_as",
    "consent",
    "published_name",
    "publication",
    "published_text",
    "answer__id",
    "answer__contribution",
    "answer__outcome",
    "answer__reason",
    "answer__published_at",
    "answer__preliminary",
    "answer__frame_item",
    "answer__frame_item__text",
)


@dataclass
class Parsed:
    data: services.SubmissionData | None = None
    files: list[uploads.CheckedFile] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)

    def error(self, name: str, message: str) -> None:
        self.errors.append({"field": name, "message": str(message)})


def _not_found() -> HttpError:
    return HttpError(404, _("There is no public process with this id."))


def _status_url(request: HttpRequest, contribution: Contribution, token: str | None) -> str | None:
    """The contributor's private link, absolute: known to the request that created the
    contribution, and to a repeat with the same Idempotency-Key (sealed with the key)."""
    if token is None:
        return None
    return request.build_absolute_uri(contribution.receipt_url(token))


def _rate_limited(request: HttpRequest) -> int | None:
    """Seconds until the client may post again, or None when it may post now."""
    return seconds_to_wait(request, RATE_GROUP, settings.INDDRAG_API_RATE)


# --- Reading and validating the body ----------------------------------------------------------


def _read(request: HttpRequest, parsed: Parsed) -> tuple[dict, list[UploadedFile]] | None:
    content_type = (request.content_type or "").lower()
    if content_type in FORM_TYPES:
        try:
            raw = {name: request.POST[name] for name in FIELDS if name in request.POST}
        except MultiPartParserError:
            parsed.error("body", _("The form data could not be read."))
            return None
        return raw, request.FILES.getlist("files")
    if content_type in JSON_TYPES or content_type.endswith("+json"):
        try:
            raw = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            parsed.error("body", _("The request body is not valid JSON."))
            return None
        except RecursionError:  # e.g. "[" * 100000: no contribution is nested that deep
            parsed.error("body", _("The request body is nested too deeply."))
            return None
        if not isinstance(raw, dict):
            parsed.error("body", _("Send the contribution as a JSON object."))
            return None
        if "files" in raw:
            parsed.error(
                "files", _("Send attachments as multipart/form-data in the field “files”.")
            )
        return raw, []
    return None


# The API's names for the form's fields.
API_NAMES = {"district": "district_id", "attachments": "files"}


def _validate(raw: dict, files: list[UploadedFile], parsed: Parsed) -> None:
    """Fill the contribution form (the same one the process page and staff use) from the body;
    its errors become the 422's, under the API's field names and in Danish."""
    data = {}
    for name in FIELDS:
        value = raw.get(name)
        if value is None:
            continue
        if name == "district_id":
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                parsed.error(name, _("Must be a whole number."))
                continue
            data["district"] = value
        elif isinstance(value, str):
            data[name] = value
        else:
            parsed.error(name, _("Must be text."))
    form = ContributionFields(data, MultiValueDict({"attachments": files}))
    if not form.is_valid():
        unreadable = {e["field"] for e in parsed.errors}
        for name, problems in form.errors.get_json_data().items():
            if API_NAMES.get(name, name) in unreadable:
                continue  # already told: the value was not even of the right type
            field = form.fields.get(name)
            for problem in problems:
                message = problem["message"]
                if problem["code"] == "invalid_choice" and field is not None:
                    codes = [str(value) for value, _label in field.choices if value != ""]
                    if codes and name != "district":  # districts: see the process's page
                        message += " " + _("Valid values: %(values)s.") % {
                            "values": ", ".join(codes)
                        }
                parsed.error(API_NAMES.get(name, name), message)
    if not parsed.errors:
        parsed.data, parsed.files = form.submission()


# --- Endpoints --------------------------------------------------------------------------------

_REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ContributionIn.model_json_schema()},
            "multipart/form-data": {"schema": contribution_multipart_schema()},
        },
    }
}


@router.post(
    "/processes/{process_id}/contributions",
    response={
        200: ReceiptOut,
        201: ReceiptOut,
        404: ErrorOut,
        409: ErrorOut,
        413: ErrorOut,
        415: ErrorOut,
        422: FieldErrorsOut,
        429: ErrorOut,
    },
    openapi_extra=_REQUEST_BODY,
    summary="Send a contribution",
)
def submit_contribution(
    request: HttpRequest,
    response: HttpResponse,
    process_id: int,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        description="Any unique string up to 100 characters (e.g. a UUID). A repeat with the "
        "same key returns the first contribution (200) and never creates another.",
    ),
):
    """Send a contribution while an activity of the process is open, as JSON or as
    multipart/form-data with up to five `files`. 201 with the receipt number and the
    contributor's private status link; 200 with the same receipt for a repeat with the same
    `Idempotency-Key`; 422 with Danish messages per field; 409 when no activity is open;
    429 (with `Retry-After`) after too many posts from one address."""
    # The API has no language switch: messages are in the site's language (Danish).
    with translation.override(settings.LANGUAGE_CODE):
        wait = _rate_limited(request)
        if wait is not None:
            response["Retry-After"] = str(wait)
            message = ngettext(
                "Too many contributions from your address. Try again in %(seconds)d second.",
                "Too many contributions from your address. Try again in %(seconds)d seconds.",
                wait,
            ) % {"seconds": wait}
            return Status(429, {"detail": message})
        # At most one row: ``first()`` would add an ORDER BY and a LIMIT, and clone the query
        # for them (about 0.15 ms of CPU a post, for nothing).
        process = next(
            iter(Process.objects.public().prefetch_related("activities").filter(pk=process_id)),
            None,
        )
        if process is None:
            raise _not_found()

        parsed = Parsed()
        key = (idempotency_key or "").strip()
        if len(key) > MAX_IDEMPOTENCY_KEY:
            parsed.error(
                "Idempotency-Key",
                _("At most %(max)s characters (this has %(count)s).")
                % {"max": MAX_IDEMPOTENCY_KEY, "count": len(key)},
            )
        try:
            body = _read(request, parsed)
        except RequestDataTooBig:
            return Status(413, {"detail": _("The request is too large.")})
        if body is None and not parsed.errors:
            return Status(
                415, {"detail": _("Send the contribution as JSON or multipart/form-data.")}
            )
        if body is not None:
            _validate(*body, parsed)
        if parsed.errors:
            return Status(422, {"detail": parsed.errors})

        try:
            result = services.submit(
                process, parsed.data, parsed.files, source=Source.API, idempotency_key=key or None
            )
        except services.ContributionClosed as closed:
            return Status(409, {"detail": closed.message})
        except IdempotencyConflict:
            return Status(
                422,
                {
                    "detail": [
                        {
                            "field": "Idempotency-Key",
                            "message": _(
                                "This Idempotency-Key was used for another contribution. Use a "
                                "new key for each contribution."
                            ),
                        }
                    ]
                },
            )
        contribution = result.contribution
        return Status(
            201 if result.created else 200,
            {
                "receipt_number": contribution.receipt_number,
                "status_url": _status_url(request, contribution, result.token),
                "publication": contribution.publication,
            },
        )


@router.get(
    "/processes/{process_id}/contributions",
    response={200: list[ContributionOut], 404: ErrorOut},
    summary="Published contributions with their answers",
)
@paginate(Pages)
def list_contributions(request: HttpRequest, process_id: int):
    """The published contributions of a public process, newest first, each with its answer
    once the answer is published. Paginate with `limit` (default and maximum 100) and
    `offset`. Never e-mail addresses, never the original of a redacted text, never
    contributions that are awaiting review, declined or sent without consent."""
    if not Process.objects.public().filter(pk=process_id).exists():
        with translation.override(settings.LANGUAGE_CODE):
            raise _not_found()
    # Load only what is published: never the original text, the e-mail address or a file's
    # extracted text (up to 200,000 characters each).
    return (
        Contribution.objects.published()
        .filter(process_id=process_id)
        .select_related("answer__frame_item")
        .only(*PUBLIC_FIELDS)
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=Attachment.objects.filter(withheld=False).only(
                    "id", "contribution_id", "original_name", "content_type", "size", "withheld"
                ),
            )
        )
    )
