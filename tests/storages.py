"""File storages that fail the way real disks do, for testing that nothing is half-saved."""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage


class DiskFullAfterOneFile(FileSystemStorage):
    """Stores the first file, then the disk is full."""

    saved = 0

    def _save(self, name, content):
        type(self).saved += 1
        if type(self).saved > 1:
            raise OSError(28, "No space left on device")
        return super()._save(name, content)


def disk_full_after_one_file(settings) -> None:
    """Make the default storage fill up after one file (for the current test)."""
    DiskFullAfterOneFile.saved = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.DiskFullAfterOneFile"},
    }
