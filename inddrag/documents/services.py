"""Domain operations on documents: adding and publishing versions, linking changes to input."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import (
    Case,
    Count,
    F,
    JSONField,
    Prefetch,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.forms import ModelForm
from django.urls import reverse

from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.contributions.models import Contribution
from inddrag.documents import diff
from inddrag.documents.blocks import layout, number_blocks
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


# --- What the public sees of the changes -------------------------------------------------------


def public_changes() -> QuerySet[Change]:
    """Changes citizens may see: between two published versions."""
    return (
        Change.objects.filter(from_version__published=True, to_version__published=True)
        .select_related("to_version__document")
        .order_by("pk")
    )


def input_changes(process: Process) -> list[Change]:
    """The published changes of the process that came from input (linked to at least one
    contribution), with ``n_contributions``; one query — none when fewer than two versions of
    the process are published (a public change is between two), which the process page knows
    from the versions it loads anyway (``published_versions``, remembered on the process)."""
    if len(published_versions(process)) < 2:
        return []
    return list(
        public_changes()
        .filter(to_version__document__process=process)
        .annotate(n_contributions=Count("contributions"))
        .filter(n_contributions__gt=0)
        .order_by("to_version__document__order", "to_version__document_id", "pk")
    )


def attach_public_changes(contributions: list[Contribution]) -> None:
    """Set ``public_changes`` on each contribution: the published changes it led to (one query
    for the whole list, none when it is empty)."""
    prefetch_related_objects(
        contributions, Prefetch("changes", queryset=public_changes(), to_attr="public_changes")
    )


@dataclass
class DocumentEntry:
    """A document on the process page: its published versions and, where a hearing version and
    a later published version exist, the explained changes between them."""

    document: Document
    versions: list[DocumentVersion]
    hearing: DocumentVersion | None = None
    later: DocumentVersion | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def compare_url(self) -> str:
        if self.hearing is None or self.later is None:
            return ""
        return compare_url(self.hearing, self.later)


def compare_url(old: DocumentVersion, new: DocumentVersion, only_changes: bool = False) -> str:
    url = reverse("documents:compare", args=[old.pk, new.pk])
    return f"{url}?{ONLY_CHANGES}=1" if only_changes else url


ONLY_CHANGES = "kun_aendringer"  # the query parameter of "Vis kun ændringer"


def process_documents(process: Process) -> list[DocumentEntry]:
    """Each document of the process with its published versions and the explained changes
    from its hearing version to the latest published one. Two queries at most, however many
    documents, versions and changes; none for the versions when the contribution form already
    loaded them (``published_versions``)."""
    by_document: dict[int, list[DocumentVersion]] = {}
    for version in published_versions(process):
        by_document.setdefault(version.document_id, []).append(version)
    entries = []
    for versions in by_document.values():
        for previous, version in zip([None, *versions], versions, strict=False):
            version.previous = previous
        entry = DocumentEntry(document=versions[0].document, versions=versions)
        hearings = [v for v in versions if v.label == DocumentVersion.Label.HEARING]
        if hearings:
            entry.hearing = hearings[-1]
            later = versions[versions.index(entry.hearing) + 1 :]
            entry.later = later[-1] if later else None
        entries.append(entry)
    pairs = [(e.hearing.pk, e.later.pk) for e in entries if e.hearing and e.later]
    if pairs:
        by_pair = defaultdict(list)
        changes = (
            Change.objects.filter(
                from_version_id__in=[a for a, _ in pairs], to_version_id__in=[b for _, b in pairs]
            )
            .annotate(n_contributions=Count("contributions"))
            .order_by("pk")
        )
        for change in changes:
            by_pair[(change.from_version_id, change.to_version_id)].append(change)
        for entry in entries:
            if entry.hearing and entry.later:
                entry.changes = by_pair.get((entry.hearing.pk, entry.later.pk), [])
    return entries


@dataclass
class LinkedChange:
    change: Change
    published: list[Contribution]
    others: int  # linked contributions that are not published: counted, never shown


def linked_changes(old: DocumentVersion, new: DocumentVersion) -> dict[str, LinkedChange]:
    """The explained changes between two versions by key, with the contributions behind them."""
    changes = Change.objects.filter(from_version=old, to_version=new).prefetch_related(
        Prefetch(
            "contributions",
            queryset=Contribution.objects.only(
                "pk",
                "process_id",
                "receipt_number",
                "publication",
                "published_name",
                "consent",
                "version_id",
                "block_id",
            ).order_by("receipt_number", "pk"),
        )
    )
    out = {}
    for change in changes:
        items = list(change.contributions.all())
        published = [c for c in items if c.publication == Contribution.Publication.PUBLISHED]
        out[change.key] = LinkedChange(change, published, len(items) - len(published))
    return out


def compare_context(old: DocumentVersion, new: DocumentVersion, only_changes: bool) -> dict:
    """The visible changes between two versions, ready for the compare page (public and staff)."""
    result = diff.compare(old.blocks, new.blocks)
    shown = diff.changes_under_headings(result) if only_changes else result
    changes = linked_changes(old, new)
    entries = layout(shown)
    for entry in entries:
        entry.extra = changes.get(entry.block.key)
    counts = {"added": 0, "deleted": 0, "changed": 0}
    for block in result:
        if block.status in counts:
            counts[block.status] += 1
    return {
        "old": old,
        "new": new,
        "entries": entries,
        "only_changes": only_changes,
        "counts": counts,
        "n_changes": sum(counts.values()),
        "linked": list(changes.values()),
    }


# --- Documents, versions and linked changes ----------------------------------------------------


@transaction.atomic
def save_document(form: ModelForm, process: Process, user) -> Document:
    """Save a document of ``process`` (new or changed) from its validated form."""
    document = form.save(commit=False)
    document.process = process
    document.save()
    log_access(user, process, AccessLog.Action.CHANGE, f"document {document.pk}")
    return document


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


@transaction.atomic
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
            defaults={"explanation": explanation, **diff.change_fields(block)},
            create_defaults={
                "explanation": explanation,
                **diff.change_fields(block),
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


@transaction.atomic
def unlink_change(change: Change, user) -> None:
    process = change.from_version.document.process
    pk = change.pk
    change.delete()
    log_access(user, process, AccessLog.Action.CHANGE, f"removed linked change {pk}")
