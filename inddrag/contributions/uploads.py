"""Checking uploaded attachments: size, count and a type read from the content, not the name."""

from __future__ import annotations

from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from inddrag.contributions.sanitize import strip_metadata

MAX_FILES = 5
MAX_BYTES = 10 * 1024 * 1024

# Detected kind → (MIME type, extension). Anything else is refused.
ALLOWED = {
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "odt": ("application/vnd.oasis.opendocument.text", "odt"),
    "jpg": ("image/jpeg", "jpg"),
    "png": ("image/png", "png"),
}


@dataclass(frozen=True)
class CheckedFile:
    """An accepted upload; ``data`` has had its hidden metadata removed."""

    upload: UploadedFile
    kind: str
    content_type: str
    data: bytes

    @property
    def safe_name(self) -> str:
        """The citizen's file name, cleaned, with the extension of the detected type."""
        stem = (self.upload.name or "bilag").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
        stem = stem.rsplit(".", 1)[0] if "." in stem else stem
        # Dots stay ("Høringssvar 01.02.2024"): a date keeps looking like a date to screening.
        cleaned = "".join(c if c.isalnum() or c in "-_ ." else "_" for c in stem)
        cleaned = cleaned.strip(" .")[:80].rstrip(" .")
        return f"{cleaned or 'bilag'}.{ALLOWED[self.kind][1]}"


def check_file(upload: UploadedFile) -> CheckedFile:
    """Raise a ValidationError with a Danish message unless the file may be attached."""
    name = upload.name or "?"
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than 10 MB. Make it smaller or split it into several files.")
            % {"name": name}
        )
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than 10 MB. Make it smaller or split it into several files.")
            % {"name": name}
        )
    if not data:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name})
    kind = filetype.guess_extension(data)
    if kind == "jpeg":
        kind = "jpg"
    if kind not in ALLOWED:
        raise ValidationError(
            _(
                "“%(name)s” is not a file type we accept. Attach PDF, Word (DOCX), "
                "OpenDocument text (ODT), JPG or PNG files."
            )
            % {"name": name}
        )
    # What is stored is published byte for byte: hidden author names, company and GPS position
    # go first. Screening then reads the same bytes as are published.
    data = strip_metadata(data, kind)
    return CheckedFile(upload=upload, kind=kind, content_type=ALLOWED[kind][0], data=data)


def check_files(uploads: list[UploadedFile]) -> list[CheckedFile]:
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("You can attach at most %(max)d files.") % {"max": MAX_FILES})
    errors, checked = [], []
    for upload in uploads:
        try:
            checked.append(check_file(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return checked
