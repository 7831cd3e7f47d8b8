"""Domain operations on documents: adding and publishing versions, linking changes to input."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Case, F, JSONField, Value, When

from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.contributions.models import Contribution
from inddrag.documents import diff
from inddrag.documents.blocks import number_blocks
from inddrag.documents.models import Change, Document, DocumentVersion
from inddrag.processes.models import Process

_CACHE = "_inddrag_published_versions"


def published_versions(process: Process, *, hearing_text: bool = False) -> list[DocumentVersion]:
    """The published versions of the process's documents with their document, in the documents'
    order and by date — without their (large) text, except, with ``hearing_text``, for hearing
    versions (``version.hearing_blocks``), which the contribution form lists paragraphs from.

    One query, remembered on the process object for the rest of the request, so the form and
    the "Dokumenter" section of the process page share it."""
    cached = process.__dict__.get(_CACHE)
    if cached is not None and (cached[0] or not hearing_text):
        return cached[1]
    queryset = (
        DocumentVersion.objects.filter(document__process=process, published=True)
        .defer("blocks")
        .select_related("document")
        .order_by("document__order", "document_id", "dated", "pk")
    )
    if hearing_text:
        queryset = queryset.annotate(
            hearing_blocks=Case(
                When(label=DocumentVersion.Label.HEARING, then=F("blocks")),
                default=Value(None, output_field=JSONField()),
                output_field=JSONField(),
            )
        )
    versions = list(queryset)
    process.__dict__[_CACHE] = (hearing_text, versions)
    return versions


def hearing_versions(process: Process) -> list[DocumentVersion]:
    """Per document, the latest published hearing version (what citizens comment on), with
    ``hearing_blocks`` holding its text."""
    latest: dict[int, DocumentVersion] = {}
    for version in published_versions(process, hearing_text=True):
        if version.label == DocumentVersion.Label.HEARING:
            latest[version.document_id] = version
    return list(latest.values())


def add_version(
    document: Document,
    *,
    blocks: list[dict],
    label: str,
    dated: datetime.date,
    author,
    file_data: bytes | None = None,
    file_name: str = "",
    content_type: str = "",
) -> DocumentVersion:
    version = DocumentVersion(
        document=document,
        label=label,
        dated=dated,
        author=author,
        blocks=number_blocks(blocks),
    )
    with transaction.atomic():
        if file_data is not None:
            version.source_name = file_name
            version.source_content_type = content_type
            version.source_file.save(file_name, ContentFile(file_data), save=False)
        version.save()
        log_access(
            author, document.process, AccessLog.Action.CHANGE, f"document version {version.pk}"
        )
    return version


def set_published(version: DocumentVersion, published: bool, user) -> None:
    version.published = published
    version.save(update_fields=["published"])
    log_access(
        user,
        version.document.process,
        AccessLog.Action.CHANGE,
        f"document version {version.pk} {'published' if published else 'unpublished'}",
    )


def find_change(
    from_version: DocumentVersion, to_version: DocumentVersion, key: str
) -> diff.DiffBlock | None:
    return next(
        (b for b in diff.compare(from_version.blocks, to_version.blocks) if b.key == key), None
    )


def link_change(
    from_version: DocumentVersion,
    to_version: DocumentVersion,
    block: diff.DiffBlock,
    *,
    explanation: str,
    contributions: Iterable[Contribution],
    user,
) -> Change:
    """Create or update the explained change ``block`` and the contributions that led to it."""
    with transaction.atomic():
        change, _ = Change.objects.update_or_create(
            from_version=from_version,
            to_version=to_version,
            key=block.key,
            defaults={"explanation": explanation, "excerpt": diff.excerpt(block)},
            create_defaults={
                "explanation": explanation,
                "excerpt": diff.excerpt(block),
                "created_by": user,
            },
        )
        change.contributions.set(list(contributions))
        log_access(
            user,
            from_version.document.process,
            AccessLog.Action.CHANGE,
            f"linked change {change.pk}",
        )
    return change


def unlink_change(change: Change, user) -> None:
    process = change.from_version.document.process
    pk = change.pk
    change.delete()
    log_access(user, process, AccessLog.Action.CHANGE, f"removed linked change {pk}")
