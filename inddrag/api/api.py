"""JSON API v1: published projects only; contributions can be sent (see contributions.py).
OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from inddrag.api.contributions import router as contributions_router
from inddrag.api.schemas import ErrorOut, ProcessOut, ProcessSummaryOut
from inddrag.documents.models import Document, DocumentVersion
from inddrag.processes.models import Process

api = NinjaAPI(
    title="Inddrag API",
    version="1",
    description=(
        "Access to a municipality's published involvement processes (projects), for "
        "integrations and open data: read the processes and their published contributions and "
        "answers, and send a contribution while an activity is open. Drafts, citizens' cases, "
        "e-mail addresses and unpublished text are never exposed. Field names are stable within "
        "v1; see docs/api.md."
    ),
    urls_namespace="api-v1",
)
api.add_router("", contributions_router)


@api.get("/processes", response=list[ProcessSummaryOut], tags=["processes"])
@paginate(LimitOffsetPagination)
def list_processes(request: HttpRequest):
    """Published projects, newest first. Paginate with `limit` (default 100) and `offset`."""
    return (
        Process.objects.public()
        .select_related("centre")
        .prefetch_related("districts")
        .order_by("-published_at", "-pk")
    )


@api.get("/processes/{process_id}", response={200: ProcessOut, 404: ErrorOut}, tags=["processes"])
def get_process(request: HttpRequest, process_id: int):
    """One published project with its frame, timeline, principle checks, published document
    versions, the recorded decision, the hearing memo and the hearing list (whom the
    municipality invited and whether they answered; no contact details)."""
    process = (
        Process.objects.public()
        .with_plan()
        .prefetch_related(
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
            )
        )
        .filter(pk=process_id)
        .first()
    )
    if process is None:
        raise HttpError(404, "Not found")
    return process
