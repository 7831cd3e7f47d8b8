"""Cache backends that count gets, hits and misses for Prometheus (settings: "Metrics").

django-prometheus has wrappers of its own, but its local-memory one turns a cached falsy value
(0, "", an empty list) into a miss and its Redis one needs django-redis: these wrap Django's own
backends and count into django-prometheus' counters (``django_cache_get_total`` …)."""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.locmem import LocMemCache as DjangoLocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django_prometheus.cache.metrics import (
    django_cache_get_fail_total,
    django_cache_get_total,
    django_cache_hits_total,
    django_cache_misses_total,
)

_MISSING = object()


class _Counted:
    label = ""

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        django_cache_get_total.labels(backend=self.label).inc()
        try:
            value = super().get(key, _MISSING, version=version)
        except Exception:
            django_cache_get_fail_total.labels(backend=self.label).inc()
            raise
        if value is _MISSING:
            django_cache_misses_total.labels(backend=self.label).inc()
            return default
        django_cache_hits_total.labels(backend=self.label).inc()
        return value


class RedisCache(_Counted, DjangoRedisCache):
    label = "redis"


class LocMemCache(_Counted, DjangoLocMemCache):
    label = "locmem"
