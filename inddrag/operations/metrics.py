"""/metrics for Prometheus: django-prometheus' request, database and cache metrics, and Inddrag's
own gauges read from the database at each scrape.

The gauges are the site's, the same on every app server (``max()`` them in a query): the task
queue by state (django-tasks-db's table), the age of the oldest task waiting, outgoing e-mails
waiting and failed, and the hearings (activities taking contributions) open now.

Under gunicorn each worker is a process of its own: with ``PROMETHEUS_MULTIPROC_DIR`` set
(gunicorn.conf.py does it) the request metrics are summed over the workers' files."""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Iterator

import prometheus_client
from django.conf import settings
from django.db.models import Count, Min, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client import CollectorRegistry, multiprocess
from prometheus_client.core import GaugeMetricFamily, Metric

from inddrag.lib.security import in_networks, parse_networks
from inddrag.notifications.models import Notification
from inddrag.processes.models import CONTRIBUTION_METHODS, Activity, Process

logger = logging.getLogger(__name__)

TASK_STATES = (TaskResultStatus.READY, TaskResultStatus.RUNNING, TaskResultStatus.FAILED)
EMAIL_STATES = (Notification.Status.PENDING, Notification.Status.FAILED)
# Headers a reverse proxy adds: a request carrying one came through the proxy (Caddy sets
# X-Forwarded-For and X-Real-IP), whatever address it comes from.
FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


def allowed(request: HttpRequest) -> bool:
    """The bearer token, or a direct request from an allowed network. Nothing configured:
    nobody."""
    token = settings.INDDRAG_METRICS_TOKEN
    if token:
        given = request.META.get("HTTP_AUTHORIZATION", "")
        if given.startswith("Bearer ") and hmac.compare_digest(
            given.removeprefix("Bearer ").strip().encode(), token.encode()
        ):
            return True
    networks = parse_networks(settings.INDDRAG_METRICS_ALLOW, setting="INDDRAG_METRICS_ALLOW")
    return bool(
        networks
        and not any(header in request.META for header in FORWARDING_HEADERS)
        and in_networks(request.META.get("REMOTE_ADDR", ""), networks)
    )


def _by_state(
    name: str, documentation: str, label: str, rows: QuerySet, states: list[tuple[str, str]]
) -> GaugeMetricFamily:
    """A gauge of how many ``rows`` have each of ``states`` (their ``status`` value, the
    label's value), in one grouped query; a state with no rows is 0."""
    gauge = GaugeMetricFamily(name, documentation, labels=[label])
    counts = dict(
        rows.filter(status__in=[state for state, _ in states])
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    for state, shown in states:
        gauge.add_metric([shown], counts.get(state, 0))
    return gauge


class SiteCollector:
    """Inddrag's gauges: four queries at each scrape. A database that does not answer leaves
    them out (and says so in ``inddrag_metrics_collect_ok``)."""

    def collect(self) -> Iterator[Metric]:
        ok = GaugeMetricFamily(
            "inddrag_metrics_collect_ok", "1 when the site's gauges could be read, else 0."
        )
        try:
            metrics = list(self._site())
        except Exception:
            logger.warning("The site's metrics could not be read", exc_info=True)
            ok.add_metric([], 0)
            yield ok
            return
        ok.add_metric([], 1)
        yield ok
        yield from metrics

    def _site(self) -> Iterator[Metric]:
        now = timezone.now()
        yield _by_state(
            "inddrag_tasks",
            "Background tasks in the database queue (django-tasks-db) by state.",
            "state",
            DBTaskResult.objects.all(),
            [(state, state.lower()) for state in TASK_STATES],
        )

        oldest = DBTaskResult.objects.ready().aggregate(at=Min("enqueued_at"))["at"]
        yield GaugeMetricFamily(
            "inddrag_tasks_oldest_ready_age_seconds",
            "How long the oldest task ready to run has waited (0: none waiting).",
            value=(now - oldest).total_seconds() if oldest else 0,
        )

        yield _by_state(
            "inddrag_emails",
            "Outgoing e-mails waiting to be sent or failed (after their retries).",
            "status",
            Notification.objects.all(),
            [(status, str(status)) for status in EMAIL_STATES],
        )

        open_now = (
            Activity.objects.filter(
                method__in=CONTRIBUTION_METHODS,
                starts_at__lte=now,
                ends_at__gt=now,
                process__status=Process.Status.OPEN,
            )
            .exclude(process__kind=Process.Kind.CASE)
            .count()
        )
        yield GaugeMetricFamily(
            "inddrag_open_hearings",
            "Hearings and other activities taking contributions open now in open projects.",
            value=open_now,
        )


_site_registry = CollectorRegistry(auto_describe=False)
_site_registry.register(SiteCollector())


def exposition() -> tuple[bytes, str]:
    """The metrics page: this process's (or, under gunicorn, every worker's) request, database
    and cache metrics, then the site's gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = prometheus_client.REGISTRY
    body = prometheus_client.generate_latest(registry) + prometheus_client.generate_latest(
        _site_registry
    )
    return body, prometheus_client.CONTENT_TYPE_LATEST
