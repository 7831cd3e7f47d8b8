"""Public pages for documents: the "Dokumenter" section of the process page, reading a version
with the contributions on each paragraph, downloading its file, and the visible changes between
two versions.

Only published versions of public projects are shown; anything else is a 404, indistinguishable
from a version that does not exist. The case UI is not built, so documents of cases are not shown
on the public pages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from inddrag.contributions.models import Contribution
from inddrag.contributions.views import PARAGRAPH_PARAM
from inddrag.documents import diff, services
from inddrag.documents.blocks import layout
from inddrag.documents.models import Change, Document, DocumentVersion
from inddrag.processes import permissions
from inddrag.processes.models import Process

ONLY_CHANGES = "kun_aendringer"


def publicly_visible(user, process: Process) -> bool:
    return (
        not process.is_case
        and process.status != Process.Status.DRAFT
        and permissions.can_view(user, process)
    )


# --- The "Dokumenter" section of the process page ----------------------------------------------


@dataclass
class DocumentEntry:
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


def process_documents_context(request: HttpRequest, process: Process) -> dict:
    """What ``documents/_process_documents.html`` needs: each document with its published
    versions and, where a hearing version and a later published version exist, the visible
    changes between them with the changes staff linked to contributions.

    Two queries at most, however many documents, versions and changes; none for the versions
    when the contribution form already loaded them (``services.published_versions``)."""
    if not publicly_visible(request.user, process):
        return {"process_documents": []}
    by_document: dict[int, list[DocumentVersion]] = {}
    for version in services.published_versions(process):
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
    return {"process_documents": entries}


# --- Reading a version --------------------------------------------------------------------------


def _published_version(request: HttpRequest, pk: int) -> DocumentVersion:
    version = (
        DocumentVersion.objects.select_related("document__process")
        .filter(pk=pk, published=True)
        .first()
    )
    if version is None or not publicly_visible(request.user, version.document.process):
        raise Http404
    return version


def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A published version, paragraph by paragraph, with the published contributions that point
    to each paragraph next to it."""
    version = _published_version(request, pk)
    contributions = (
        Contribution.objects.published()
        .filter(version=version)
        .exclude(block_id="")
        .only(
            "pk",
            "receipt_number",
            "published_text",
            "published_name",
            "consent",
            "publication",
            "block_id",
            "received_at",
            "speaking_as",
            "version_id",
        )
        .order_by("received_at", "pk")
    )
    by_block: dict[str, list[Contribution]] = defaultdict(list)
    for contribution in contributions:
        by_block[contribution.block_id].append(contribution)
    entries = layout(version.blocks)
    for entry in entries:
        entry.extra = by_block.get(entry.block.get("id"), [])
    others = list(
        DocumentVersion.objects.filter(document=version.document, published=True)
        .exclude(pk=version.pk)
        .defer("blocks")
        .order_by("dated", "pk")
    )
    # While the hearing is open, each paragraph of the current hearing version links to the
    # contribution form with that paragraph chosen.
    comment_url = ""
    if version.label == DocumentVersion.Label.HEARING and not any(
        o.label == DocumentVersion.Label.HEARING and (o.dated, o.pk) > (version.dated, version.pk)
        for o in others
    ):
        process = version.document.process
        if process.open_activity() is not None:
            comment_url = f"{process.get_absolute_url()}?{PARAGRAPH_PARAM}={version.pk}:"
    return render(
        request,
        "documents/version.html",
        {
            "comment_url": comment_url,
            "version": version,
            "document": version.document,
            "process": version.document.process,
            "entries": entries,
            "n_commented": sum(len(v) for v in by_block.values()),
            "others": [(other, _pair_url(version, other)) for other in others],
        },
    )


def _pair_url(a: DocumentVersion, b: DocumentVersion) -> str:
    old, new = (a, b) if (a.dated, a.pk) <= (b.dated, b.pk) else (b, a)
    return compare_url(old, new)


def download(request: HttpRequest, pk: int) -> FileResponse:
    """The version's source file (DOCX or ODT), as an attachment."""
    version = _published_version(request, pk)
    if not version.source_file:
        raise Http404
    try:
        handle = version.source_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.source_name or version.source_file.name.rsplit("/", 1)[-1],
        content_type=version.source_content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- Visible changes ----------------------------------------------------------------------------


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
    result = diff.compare(old.blocks, new.blocks)
    shown = diff.changes_only(result) if only_changes else result
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


def compare(request: HttpRequest, from_pk: int, to_pk: int) -> HttpResponse:
    """Visible changes from one published version to another of the same document."""
    versions = {
        v.pk: v
        for v in DocumentVersion.objects.select_related("document__process").filter(
            pk__in=[from_pk, to_pk], published=True
        )
    }
    old, new = versions.get(from_pk), versions.get(to_pk)
    if (
        old is None
        or new is None
        or old.pk == new.pk
        or old.document_id != new.document_id
        or not publicly_visible(request.user, old.document.process)
    ):
        raise Http404
    only_changes = request.GET.get(ONLY_CHANGES) == "1"
    context = compare_context(old, new, only_changes)
    context.update(
        {
            "document": old.document,
            "process": old.document.process,
            "all_url": compare_url(old, new),
            "changes_url": compare_url(old, new, only_changes=True),
        }
    )
    return render(request, "documents/compare.html", context)
