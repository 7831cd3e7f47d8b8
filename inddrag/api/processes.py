"""API v1: published projects, as a list and one by one (with its plan: frame, timeline,
principle checks, documents, decision, memo and hearing list)."""

from __future__ import annotations

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from inddrag.api.pagination import Pages
from inddrag.api.schemas import ErrorOut, ProcessOut, ProcessSummaryOut
from inddrag.documents.models import Document, DocumentVersion
from inddrag.principles.plan import load_plan
from inddrag.processes.models import Process

router = Router(tags=["processes"])


@router.get("/processes", response=list[ProcessSummaryOut])
@paginate(Pages)
def list_processes(request: HttpRequest):
    """Published projects, newest first. Paginate with `limit` (default and maximum 100) and
    `offset`."""
    return (
        Process.objects.public()
        .select_related("centre")
        .prefetch_related("districts")
        .order_by("-published_at", "-pk")
    )


@router.get("/processes/{process_id}", response={200: ProcessOut, 404: ErrorOut})
def get_process(request: HttpRequest, process_id: int):
    """One published project with its frame, timeline, principle checks, published document
    versions, the recorded decision, the hearing memo and the hearing list (whom the
    municipality invited and whether they answered; no contact details)."""
    plan = load_plan(process_id, Process.objects.public())
    if plan is None:
        raise HttpError(404, "Not found")
    process = plan.process
    prefetch_related_objects(
        [process],
        Prefetch(
            "documents",
            queryset=Document.objects.prefetch_related(
                Prefetch(
                    "versions",
                    queryset=DocumentVersion.objects.filter(published=True)
                    .defer("blocks")
                    .order_by("dated", "pk"),
                    to_attr="published_versions",
                )
            ),
        ),
    )
    process.plan = plan  # what the schema reads: counts, decision, memo, hearing list, checks
    return process
