"""JSON API v1: published projects only; contributions can be sent. One router per app
(``processes.py``, ``contributions.py``). OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.operation import Operation

from inddrag.api.contributions import router as contributions_router
from inddrag.api.processes import router as processes_router

# The module each router's functions were first published from: operation ids are part of the
# contract (clients are generated from them), so moving a function must not rename its operation.
FIRST_MODULE = {"inddrag.api.processes": "inddrag.api.api"}


class InddragAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        module = operation.view_func.__module__
        name = f"{FIRST_MODULE.get(module, module)}.{operation.view_func.__name__}"
        return name.replace(".", "_")


api = InddragAPI(
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
api.add_router("", processes_router)
api.add_router("", contributions_router)
