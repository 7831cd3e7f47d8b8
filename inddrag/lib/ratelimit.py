"""Per-client rate limits for taking contributions (the HTML form and the API)."""

from __future__ import annotations

from django.http import HttpRequest
from django_ratelimit.core import get_usage


def seconds_to_wait(request: HttpRequest, group: str, rate: str) -> int | None:
    """Count this request against the client address; the seconds until it may post again when
    over the limit, otherwise None. Needs a shared cache (``REDIS_URL``) across app servers."""
    usage = get_usage(request, group=group, key="ip", rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    if usage["time_left"] < 0:  # the cache could not count: refuse rather than let through
        return 60
    return max(1, usage["time_left"])
