"""The documents app's part of the page cache (``inddrag.lib.page_cache``): the public compare
page, and which of its models change a process's pages."""

from __future__ import annotations

import functools

from inddrag.documents.models import Change, Document, DocumentVersion
from inddrag.lib import page_cache
from inddrag.processes.caching import next_change


@functools.lru_cache(maxsize=4096)
def _process_of_version(pk: int) -> int | None:
    """A version's process never changes (its document's process is fixed), so each worker
    remembers it: a compare page from the cache costs no query."""
    return (
        DocumentVersion.objects.filter(pk=pk).values_list("document__process_id", flat=True).first()
    )


def _compare_process(kwargs: dict) -> int | None:
    return _process_of_version(int(kwargs["from_pk"]))


def register() -> None:
    page_cache.cacheable("documents:compare", process=_compare_process, until=next_change)
    page_cache.watch(Document, lambda d: d.process_id)
    page_cache.watch(DocumentVersion, lambda v: v.document.process_id)
    page_cache.watch(
        Change, lambda c: c.from_version.document.process_id, m2m=(Change.contributions.through,)
    )
