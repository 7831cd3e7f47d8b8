"""Public downloads: the hearing memo staff published for a public process (a project that is
not a draft), as DOCX and as PDF. Anything else — a memo not published, a draft, a case — is a
404."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from inddrag.lib import downloads
from inddrag.memos import services
from inddrag.memos.models import Memo
from inddrag.processes.models import Process

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def serve(memo: Memo, kind: str) -> FileResponse:
    """The memo's DOCX or PDF as a download, or 404 when it has none."""
    if kind not in CONTENT_TYPES:
        raise Http404
    return downloads.download(
        getattr(memo, kind),
        filename=services.file_name(memo.process, kind),
        content_type=CONTENT_TYPES[kind],
    )


def _public_memo(pk: int) -> Memo:
    process = Process.objects.public().filter(pk=pk).first()
    memo = services.latest_published(process) if process is not None else None
    if memo is None:
        raise Http404
    memo.process = process
    return memo


@require_safe
def docx(request: HttpRequest, pk: int) -> FileResponse:
    return serve(_public_memo(pk), "docx")


@require_safe
def pdf(request: HttpRequest, pk: int) -> FileResponse:
    return serve(_public_memo(pk), "pdf")
