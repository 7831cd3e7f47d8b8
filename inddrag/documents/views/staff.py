"""Staff pages for documents: documents of a process, adding, previewing and publishing versions,
comparing any two versions and linking a change to the contributions that led to it.

Only staff who may edit the process (``permissions.can_edit``) get these pages; anyone else gets
a 404, so a private process is indistinguishable from one that does not exist. The loaders note
each view of a case's documents for the access log (``permissions.shown``), and linking a change
lists the contributions, so its page is logged for a project too.
"""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inddrag.accounts.permissions import staff_required
from inddrag.contributions.models import Contribution
from inddrag.documents import diff, services
from inddrag.documents.blocks import layout
from inddrag.documents.forms import ChangeLinkForm, DocumentForm, VersionForm
from inddrag.documents.models import Change, Document, DocumentVersion
from inddrag.lib import downloads
from inddrag.processes import permissions
from inddrag.processes.models import Process
from inddrag.processes.permissions import EDIT, process_view


def _document(request: HttpRequest, pk: int) -> Document:
    document = Document.objects.select_related("process").filter(pk=pk).first()
    if document is None or not permissions.can_edit(request.user, document.process):
        raise Http404
    permissions.shown(request, document.process, f"document {document.pk}")
    return document


def _version(request: HttpRequest, pk: int) -> DocumentVersion:
    version = DocumentVersion.objects.select_related("document__process").filter(pk=pk).first()
    if version is None or not permissions.can_edit(request.user, version.document.process):
        raise Http404
    permissions.shown(request, version.document.process, f"version {version.pk}")
    return version


def _pair(request: HttpRequest, from_pk: int, to_pk: int):
    versions = {
        v.pk: v
        for v in DocumentVersion.objects.select_related("document__process").filter(
            pk__in=[from_pk, to_pk]
        )
    }
    old, new = versions.get(from_pk), versions.get(to_pk)
    if (
        old is None
        or new is None
        or old.pk == new.pk
        or old.document_id != new.document_id
        or not permissions.can_edit(request.user, old.document.process)
    ):
        raise Http404
    permissions.shown(request, old.document.process, f"versions {old.pk} and {new.pk}")
    return old, new


# --- Documents of a process ---------------------------------------------------------------------


@process_view(EDIT)
def document_list(request: HttpRequest, process: Process) -> HttpResponse:
    form = DocumentForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            document = services.save_document(form, process, request.user)
            messages.success(request, _("The document was created. Now add its first version."))
            return redirect("staff:documents:document", pk=document.pk)
        status = 422
    else:
        status = 200
    documents = Document.objects.filter(process=process).prefetch_related(
        Prefetch(
            "versions",
            queryset=DocumentVersion.objects.defer("blocks").order_by("dated", "pk"),
            to_attr="all_versions",
        )
    )
    return render(
        request,
        "documents/staff/list.html",
        {"process": process, "documents": documents, "form": form},
        status=status,
    )


def _document_page(
    request: HttpRequest,
    document: Document,
    *,
    form: DocumentForm | None = None,
    version_form: VersionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    versions = list(
        document.versions.defer("blocks")
        .select_related("author")
        .annotate(n_contributions=Count("contributions"))
        .order_by("dated", "pk")
    )
    return render(
        request,
        "documents/staff/document.html",
        {
            "process": document.process,
            "document": document,
            "versions": versions,
            "form": form or DocumentForm(instance=document),
            "version_form": version_form or VersionForm(),
        },
        status=status,
    )


@staff_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A document's versions; the form to add one; the choice of two versions to compare."""
    document = _document(request, pk)
    if "fra" in request.GET and "til" in request.GET:
        try:
            old, new = int(request.GET["fra"]), int(request.GET["til"])
        except ValueError:
            old = new = 0
        if old > 0 and new > 0 and old != new:  # a version's id: a negative one is no address
            return redirect("staff:documents:compare", from_pk=old, to_pk=new)
        messages.error(request, _("Choose two different versions to compare."))
    if request.method == "POST":
        form = DocumentForm(request.POST, instance=document)
        if form.is_valid():
            services.save_document(form, document.process, request.user)
            messages.success(request, _("Your changes were saved."))
            return redirect("staff:documents:document", pk=document.pk)
        return _document_page(request, document, form=form, status=422)
    return _document_page(request, document)


@staff_required
@require_POST
def add_version(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    form = VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _document_page(request, document, version_form=form, status=422)
    data = form.cleaned_data
    checked = form.checked
    version = services.add_version(
        document,
        blocks=data["blocks"],
        label=data["label"],
        dated=data["dated"],
        author=request.user,
        file_data=checked.data if checked else None,
        file_name=checked.safe_name if checked else "",
        content_type=checked.content_type if checked else "",
    )
    messages.success(request, _("The version was added. Check it below before you publish it."))
    return redirect("staff:documents:version", pk=version.pk)


# --- A version ------------------------------------------------------------------------------------


@staff_required
def version_preview(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    counts = Counter(
        Contribution.objects.filter(version=version)
        .exclude(block_id="")
        .values_list("block_id", flat=True)
    )
    entries = layout(version.blocks)
    for entry in entries:
        entry.extra = counts.get(entry.block.get("id"), 0)
    others = list(
        DocumentVersion.objects.filter(document=version.document)
        .exclude(pk=version.pk)
        .defer("blocks")
        .order_by("dated", "pk")
    )
    return render(
        request,
        "documents/staff/version.html",
        {
            "process": version.document.process,
            "document": version.document,
            "version": version,
            "entries": entries,
            "others": others,
        },
    )


@staff_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    publish = request.POST.get("published") == "1"
    services.set_published(version, publish, request.user)
    if publish:
        messages.success(request, _("The version is published."))
    else:
        messages.success(request, _("The version is no longer published."))
    if request.POST.get("next") == "document":
        return redirect("staff:documents:document", pk=version.document_id)
    return redirect("staff:documents:version", pk=version.pk)


@staff_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    version = _version(request, pk)
    return downloads.download(
        version.source_file,
        filename=version.source_name,
        content_type=version.source_content_type,
    )


# --- Comparing and linking ----------------------------------------------------------------------


@staff_required
def compare(request: HttpRequest, from_pk: int, to_pk: int) -> HttpResponse:
    old, new = _pair(request, from_pk, to_pk)
    only_changes = request.GET.get(services.ONLY_CHANGES) == "1"
    context = services.compare_context(old, new, only_changes)
    url = reverse("staff:documents:compare", args=[old.pk, new.pk])
    context.update(
        {
            "process": old.document.process,
            "document": old.document,
            "all_url": url,
            "changes_url": f"{url}?{services.ONLY_CHANGES}=1",
            "staff_link": True,
            "both_published": old.published and new.published,
        }
    )
    return render(request, "documents/staff/compare.html", context)


def _link_contributions(process: Process, old: DocumentVersion) -> list[Contribution]:
    """The process's contributions, those on the older version first, newest first."""
    items = list(
        Contribution.objects.filter(process=process)
        .only("pk", "receipt_number", "text", "version_id", "block_id", "received_at")
        .order_by("-received_at", "-pk")
    )
    items.sort(key=lambda c: c.version_id != old.pk)
    return items


@staff_required
def link_change(request: HttpRequest, from_pk: int, to_pk: int, key: str) -> HttpResponse:
    """Explain one change and tick the contributions that led to it."""
    old, new = _pair(request, from_pk, to_pk)
    block = services.find_change(old, new, key)
    if block is None or block.status == "equal":
        raise Http404
    process = old.document.process
    existing = (
        Change.objects.filter(from_version=old, to_version=new, key=key)
        .prefetch_related("contributions")
        .first()
    )
    contributions = _link_contributions(process, old)
    permissions.shown(request, process, "contributions listed", personal_data=True)
    back = reverse("staff:documents:compare", args=[old.pk, new.pk])
    if request.method == "POST" and request.POST.get("action") == "remove":
        if existing is not None:
            services.unlink_change(existing, request.user)
            messages.success(request, _("The link was removed."))
        return redirect(back)
    if request.method == "POST":
        form = ChangeLinkForm(request.POST, contributions=contributions)
        if form.is_valid():
            services.link_change(
                old,
                new,
                block,
                explanation=form.cleaned_data["explanation"],
                contributions=form.cleaned_data["contributions"],
                user=request.user,
            )
            messages.success(request, _("The change was explained and linked."))
            return redirect(back)
        status = 422
    else:
        initial = {}
        if existing is not None:
            initial = {
                "explanation": existing.explanation,
                "contributions": [str(c.pk) for c in existing.contributions.all()],
            }
        form = ChangeLinkForm(initial=initial, contributions=contributions)
        status = 200
    entries = layout([block])
    return render(
        request,
        "documents/staff/link.html",
        {
            "process": process,
            "document": old.document,
            "old": old,
            "new": new,
            "block": block,
            "entries": entries,
            "excerpt": diff.excerpt(block),
            "form": form,
            "existing": existing,
            "back": back,
        },
        status=status,
    )
