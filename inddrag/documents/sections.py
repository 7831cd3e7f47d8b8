"""The documents' parts of the process pages: "Dokumenter" on the public page (each document's
published versions, and the changes from the hearing version linked to the contributions that
led to them), and the way to the documents on the staff page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from inddrag.documents import services
from inddrag.lib.sections import Section, SectionRequest, register
from inddrag.processes import permissions


def process_documents(section: SectionRequest) -> dict | None:
    process = section.subject.process
    if not permissions.can_view_publicly(section.request.user, process):
        return None
    entries = services.process_documents(process)
    return {"process_documents": entries} if entries else None


def staff_link(section: SectionRequest) -> dict | None:
    return None if section.subject.is_case else {}


def register_sections() -> None:
    register(
        Section(
            "process",
            "documents",
            "documents/public/_process_documents.html",
            process_documents,
            # Decided: what was decided, then what changed, then "Det sagde I"; before, the
            # proposal to read comes right before the form.
            order=lambda plan: 20 if plan.public_decision else 32,
            contents=("dokumenter", _("Documents")),
        )
    )
    register(
        Section(
            "process_staff",
            "documents",
            "documents/staff/_process_link.html",
            staff_link,
            10,
            "outcome",
        )
    )
