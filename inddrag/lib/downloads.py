"""A stored file handed out as a download — the one way every app serves a file (documents'
source files, contributions' attachments, hearing memos): a 404 when it is missing, never shown
in the browser (``Content-Disposition: attachment``, no sniffing, a sandbox that runs nothing)."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def download(stored: FieldFile | None, *, filename: str, content_type: str) -> FileResponse:
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename or stored.name.rsplit("/", 1)[-1],
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
