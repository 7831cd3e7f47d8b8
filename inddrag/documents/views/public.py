"""Public pages for documents: reading a version with the contributions on each paragraph,
downloading its file, and the visible changes between two versions.

Only published versions of public projects are shown; anything else is a 404, indistinguishable
from a version that does not exist. The "Dokumenter" part of the process page is a section
(``documents/sections.py``).
"""

from __future__ import annotations

from collections import defaultdict

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from inddrag.contributions.models import Contribution
from inddrag.contributions.sections import PARAGRAPH_PARAM
from inddrag.documents import services
from inddrag.documents.blocks import layout
from inddrag.documents.models import DocumentVersion
from inddrag.lib import downloads
from inddrag.processes import permissions

# --- Reading a version --------------------------------------------------------------------------


def _published_version(request: HttpRequest, pk: int) -> DocumentVersion:
    version = (
        DocumentVersion.objects.select_related("document__process")
        .filter(pk=pk, published=True)
        .first()
    )
    if version is None or not permissions.can_view_publicly(request.user, version.document.process):
        raise Http404
    return version


@require_safe
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
        "documents/public/version.html",
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
    return services.compare_url(old, new)


@require_safe
def download(request: HttpRequest, pk: int) -> FileResponse:
    """The version's source file (DOCX or ODT), as an attachment."""
    version = _published_version(request, pk)
    return downloads.download(
        version.source_file,
        filename=version.source_name,
        content_type=version.source_content_type,
    )


# --- Visible changes ----------------------------------------------------------------------------


@require_safe
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
        or not permissions.can_view_publicly(request.user, old.document.process)
    ):
        raise Http404
    only_changes = request.GET.get(services.ONLY_CHANGES) == "1"
    context = services.compare_context(old, new, only_changes)
    context.update(
        {
            "document": old.document,
            "process": old.document.process,
            "all_url": services.compare_url(old, new),
            "changes_url": services.compare_url(old, new, only_changes=True),
        }
    )
    return render(request, "documents/public/compare.html", context)
