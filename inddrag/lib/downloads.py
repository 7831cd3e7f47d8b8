"""Stored files: where they are kept and how they are handed out — the one way every app serves a
file (documents' source files, contributions' attachments, hearing memos).

Kept under a random name (``contributions/3q2…Xw.pdf``): no process or contribution number, no
citizen's file name (which may hold a name or a CPR number) — a media folder served by mistake
exposes nothing guessable. The name people see is kept in the database and given on download.

Handed out with a 404 when missing, never shown in the browser (``Content-Disposition:
attachment``, no sniffing, a sandbox that runs nothing)."""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.core.files.storage import Storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,5})$")


def unguessable_name(folder: str, filename: str) -> str:
    """A storage name in ``folder`` that says nothing: 32 random characters (192 bits) and the
    file's extension, lower-cased."""
    m = _EXTENSION.search(filename)
    suffix = f".{m.group(1).lower()}" if m else ""
    return f"{folder}/{secrets.token_urlsafe(24)}{suffix}"


def move_to_unguessable_name(storage: Storage, name: str, folder: str) -> str:
    """Store the file ``name`` again under an unguessable name and delete the old one; the new
    name (for upgrading files stored before). A missing file keeps its name."""
    if not name or not storage.exists(name):
        return name
    with storage.open(name, "rb") as handle:
        new_name = storage.save(unguessable_name(folder, name), handle)
    storage.delete(name)
    return new_name


def move_model_files(storage: Storage, model: Any, fields: list[str], folder: str) -> None:
    """Move every file of ``model``'s ``fields`` to an unguessable name and save the new names
    (the data migrations that upgraded files stored before)."""
    for row in model.objects.only("pk", *fields).iterator():
        changed = []
        for field in fields:
            old = getattr(row, field).name
            new = move_to_unguessable_name(storage, old, folder)
            if new != old:
                setattr(row, field, new)
                changed.append(field)
        if changed:
            row.save(update_fields=changed)


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
