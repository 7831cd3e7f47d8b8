"""One way to page an API list: ``limit`` (1–100, default 100) and ``offset`` (0 or more).

``limit`` above 100 is read as 100 (the answer's ``count`` tells the client there is more), and
an ``offset`` past the end is read as the end, so the answer is the empty page it would be
anyway: no number a client sends reaches the database beyond the list's own length (PostgreSQL
refuses an OFFSET or LIMIT beyond 2^63 − 1 with "bigint out of range"). What is not a whole
number, or is below the minimum, is a 422 with a Danish message (``api.py``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 100


class Pages(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(
            MAX_LIMIT,
            ge=1,
            description=f"How many to return: 1–{MAX_LIMIT} (default {MAX_LIMIT}; a larger "
            f"value is read as {MAX_LIMIT}).",
            json_schema_extra={"maximum": MAX_LIMIT},
        )
        offset: int = Field(
            0,
            ge=0,
            description="How many to skip. An offset past the end gives an empty page.",
        )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict:
        count = self._items_count(queryset)
        offset = min(pagination.offset, count)
        limit = min(pagination.limit, MAX_LIMIT)
        return {self.items_attribute: queryset[offset : offset + limit], "count": count}
