"""Contributions: how many the API accepts per second, and the process page with many published
contributions. Run by hand, not in the test suite.

    .venv/bin/python benchmarks/contributions.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
        .venv/bin/python benchmarks/contributions.py

Creates its own throw-away database (PostgreSQL: `bench_contributions`, so it never collides with
a test run's `test_…` database; SQLite: a file in the temporary directory, with the same WAL
journal as production), then

(a) posts contributions through `POST /api/v1/processes/{id}/contributions` with Django's test
    client, one after another, each with its own Idempotency-Key: JSON without files, and
    multipart with one PDF (stored, text extracted and screened). The receipt e-mail is queued
    as a task in the database, as in production; sending it is the worker's job, not measured.
(b) fills another process with published contributions, each with a published answer (every
    tenth with an attachment), updates the table statistics (as autovacuum would after a bulk
    load) and times the public process page and the API with them.

Prints the median and 95th percentile in milliseconds with the number of queries.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import sys
import tempfile
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

TEXT = (
    "Jeg bor på Banegårdspladsen og har læst forslaget til lokalplan. Jeg synes, det er godt, at "
    "der kommer flere boliger tæt på stationen, men jeg er bekymret for trafikken i de små veje, "
    "og for at de store træer ved stien forsvinder. Kan I bevare træerne og lave en sikker "
    "cykelsti langs Ballerup Byvej? Legepladsen bør ligge væk fra vejen, så børnene kan lege "
    "trygt. Tak for muligheden for at komme med input. "
) * 2


def pdf_with_text(text: str) -> bytes:
    """A small, valid one-page PDF whose text layer is ``text``."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def open_process(title: str):
    from django.utils import timezone

    from inddrag.processes.models import Activity, FrameItem, Process
    from tests.factories import (
        ActivityFactory,
        DistrictFactory,
        MilestoneFactory,
        PhaseFactory,
        ProcessFactory,
        add_target_groups,
    )

    now = timezone.now()
    process = ProcessFactory(
        status=Process.Status.OPEN, published_at=now, title=title, review_before_publishing=True
    )
    process.districts.add(DistrictFactory(name="Ballerup", postcode="2750"))
    add_target_groups(process, "citizens", "employees")
    FrameItem.objects.create(process=process, kind="open", text="Placering af legepladsen")
    fixed = FrameItem.objects.create(
        process=process, kind="fixed", text="Antallet af boliger", reason="Kommuneplanen."
    )
    phase = PhaseFactory(process=process)
    ActivityFactory(
        process=process,
        phase=phase,
        method=Activity.Method.HEARING,
        starts_at=now - datetime.timedelta(days=7),
        ends_at=now + datetime.timedelta(days=21),
    )
    MilestoneFactory(process=process, meeting_date=(now + datetime.timedelta(days=60)).date())
    return process, fixed


def fill(process, fixed, count: int) -> None:
    """``count`` published contributions with published answers, every tenth with a file."""
    from django.utils import timezone

    from inddrag.contributions import services as contribution_services
    from inddrag.contributions.models import Answer, Attachment, Contribution
    from tests.factories import StaffFactory

    staff = StaffFactory()
    now = timezone.now()
    outcomes = list(Answer.Outcome.values)
    batch = 1000
    for start in range(0, count, batch):
        rows = Contribution.objects.bulk_create(
            Contribution(
                process=process,
                text=f"{TEXT} ({n})",
                published_text=f"{TEXT} ({n})",
                speaking_as="private" if n % 4 else "association",
                on_behalf_of="" if n % 4 else "Grundejerforeningen Nord",
                name=f"Borger {n}",
                email=f"borger{n}@example.dk",
                consent="name" if n % 3 else "anonymous",
                received_at=now - datetime.timedelta(minutes=n),
                publication=Contribution.Publication.PUBLISHED,
                receipt_number=f"BENCH-{n:07d}",
                source="online",
            )
            for n in range(start, min(start + batch, count))
        )
        Answer.objects.bulk_create(
            Answer(
                contribution=c,
                outcome=outcomes[i % len(outcomes)],
                reason="Tak for dit bidrag. Vi har flyttet legepladsen væk fra vejen, og vi "
                "bevarer de store træer langs stien.",
                frame_item=fixed if outcomes[i % len(outcomes)] == "outside_frame" else None,
                published_at=now,
                author=staff,
            )
            for i, c in enumerate(rows)
        )
        Attachment.objects.bulk_create(
            Attachment(
                contribution=c,
                file=f"contributions/{process.pk}/{c.pk}/bilag.pdf",
                original_name="bilag.pdf",
                content_type="application/pdf",
                size=48000,
            )
            for i, c in enumerate(rows)
            if i % 10 == 0
        )
    # bulk_create passes by the process's counters (docs/performance.md): count them once
    contribution_services.recount(type(process).objects.filter(pk=process.pk))


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, int, int]:
    client.get(url)  # warm up
    times = []
    queries = size = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
        size = len(response.content)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], queries, size


def post_many(process, count: int, with_file: bool, prefix: str) -> None:
    from inddrag.contributions.models import Contribution

    url = f"/api/v1/processes/{process.pk}/contributions"
    client = Client()
    body = {
        "text": TEXT,
        "speaking_as": "private",
        "consent": "name",
        "name": "Anna Jensen",
        "email": "anna@example.dk",
    }
    pdf = pdf_with_text("Bilag til mit hoeringssvar om lokalplanen. " * 20)

    def send(key: str):
        headers = {"Idempotency-Key": key}
        if with_file:
            from django.core.files.uploadedfile import SimpleUploadedFile

            data = {**body, "files": [SimpleUploadedFile("bilag.pdf", pdf)]}
            return client.post(url, data, headers=headers)
        return client.post(url, json.dumps(body), content_type="application/json", headers=headers)

    with CaptureQueriesContext(connection) as captured:
        assert send(f"{prefix}-warm-up").status_code == 201
    queries = len(captured)
    before = Contribution.objects.count()
    times = []
    started = time.perf_counter()
    for n in range(count):
        t0 = time.perf_counter()
        response = send(f"{prefix}-{n}")
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 201, response.content
    total = time.perf_counter() - started
    assert Contribution.objects.count() == before + count
    times.sort()
    label = "multipart + 1 PDF" if with_file else "JSON"
    print(
        f"POST {label:18} {count:5d} in {total:6.1f} s = {count / total:6.1f}/s   "
        f"median {statistics.median(times):6.1f} ms  p95 {times[int(len(times) * 0.95) - 1]:6.1f} "
        f"ms  {queries} queries"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--posts-with-file", type=int, default=100)
    parser.add_argument("--contributions", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    # No setup_test_environment(): its template instrumentation would inflate the figures.
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.INDDRAG_API_RATE = "1000000/m"  # measure the work, not the rate limit
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    workdir = Path(tempfile.mkdtemp(prefix="bench_contributions_"))
    settings.MEDIA_ROOT = workdir / "media"
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(workdir / "bench_contributions.sqlite3")
    else:
        test_settings["NAME"] = "bench_contributions"
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"{connection.vendor}: database {connection.settings_dict['NAME']}")
        process, _ = open_process("Lokalplan for Banegårdspladsen")
        post_many(process, args.posts, with_file=False, prefix="json")
        post_many(process, args.posts_with_file, with_file=True, prefix="file")

        big, fixed = open_process("Kommuneplan 2027")
        started = time.perf_counter()
        fill(big, fixed, args.contributions)
        with connection.cursor() as cursor:  # table statistics, as autovacuum keeps them
            cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
        print(
            f"filled {args.contributions} published contributions with answers in "
            f"{time.perf_counter() - started:.1f} s"
        )
        empty, _ = open_process("Lokalplan uden bidrag")
        client = Client()
        api = f"/api/v1/processes/{big.pk}"
        pages = [
            ("process page, no contributions", f"/forloeb/{empty.pk}/"),
            ("process page", f"/forloeb/{big.pk}/"),
            ("process page, page 250", f"/forloeb/{big.pk}/?bidrag_side=250"),
            ("process page, searched", f"/forloeb/{big.pk}/?q_bidrag=%284242%29"),
            ("API contributions (100)", f"{api}/contributions"),
            ("API contributions, offset", f"{api}/contributions?offset=9900"),
            ("API process detail", api),
        ]
        print(f"{'page':32} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'KB':>6}")
        for name, url in pages:
            median, p95, queries, size = measure(client, url, args.repeat)
            print(f"{name:32} {median:10.1f} {p95:8.1f} {queries:8d} {size / 1024:6.0f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
