"""Page and API response times with many processes. Run by hand, not in the test suite.

    .venv/bin/python benchmarks/pages.py --processes 2000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python benchmarks/pages.py

Creates a throw-away test database, fills it with realistic processes (frame, phases, activities,
milestones), then times each page through Django's test client (no network, no browser) and
prints the median and 95th percentile in milliseconds with the number of queries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inddrag.settings_test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def fill(count: int) -> tuple[int, object]:
    from django.utils import timezone

    from inddrag.processes.models import FrameItem, Process
    from tests.factories import (
        ActivityFactory,
        DistrictFactory,
        MilestoneFactory,
        PhaseFactory,
        ProcessFactory,
        StaffFactory,
        add_target_groups,
    )

    district = DistrictFactory(name="Ballerup", postcode="2750")
    staff = StaffFactory()
    statuses = [Process.Status.OPEN, Process.Status.PUBLISHED, Process.Status.DECIDED]
    last = None
    for n in range(count):
        process = ProcessFactory(
            status=statuses[n % 3],
            published_at=timezone.now(),
            responsible=staff,
            centre=staff.centre,
            title=f"Forløb {n}",
        )
        process.districts.add(district)
        add_target_groups(process, "citizens", "employees")
        FrameItem.objects.create(process=process, kind="open", text="Placering")
        FrameItem.objects.create(process=process, kind="fixed", text="Budget", reason="vedtaget")
        phase = PhaseFactory(process=process)
        for _ in range(3):
            ActivityFactory(process=process, phase=phase)
        MilestoneFactory(process=process)
        last = process
    return count, last


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, int]:
    client.get(url)  # warm up
    times = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    # No setup_test_environment(): its template instrumentation would inflate the figures.
    settings.ALLOWED_HOSTS = ["testserver"]
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        _, process = fill(args.processes)
        print(
            f"{connection.vendor}: filled {args.processes} processes in "
            f"{time.perf_counter() - started:.1f} s"
        )
        client = Client()
        staff_client = Client()
        staff_client.force_login(process.responsible)
        pages = [
            ("front page", client, "/"),
            ("process list", client, "/forloeb/"),
            ("process list, filtered", client, "/forloeb/?status=open&q=Forl"),
            ("process page", client, f"/forloeb/{process.pk}/"),
            ("API list (limit 100)", client, "/api/v1/processes"),
            ("API detail", client, f"/api/v1/processes/{process.pk}"),
            ("staff edit page", staff_client, f"/personale/forloeb/{process.pk}/"),
        ]
        print(f"{'page':28} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for name, c, url in pages:
            median, p95, queries = measure(c, url, args.repeat)
            print(f"{name:28} {median:10.1f} {p95:8.1f} {queries:8d}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
