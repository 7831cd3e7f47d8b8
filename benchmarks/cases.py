"""Cases: "Mine sager", "Min sag" and the caseworker's pages of a case with 10, 100 and 1,000
cases. Run by hand, not in the test suite.

    .venv/bin/python benchmarks/cases.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python benchmarks/cases.py

Creates its own throw-away database (PostgreSQL: `bench_cases`, so it never collides with a test
run's `test_…` database; SQLite: a file in the temporary directory, with the same WAL journal as
production). One caseworker gets 10, then 100, then 1,000 cases of three case types, each made
the way `cases.services.create_case` makes one (the process with the caseworker and the citizen
as participants, the case file, two frame items, five steps with the first two done) but with
`bulk_create`, and with three messages (two inputs from the citizen, one answered, and one from
the caseworker); every third case has a partshøring (half of them answered) and every sixth a
decision. One more case — the one measured — has 200 inputs from its citizen (every other one
answered, every tenth with a document) and 100 messages from the caseworker. After each size
the table statistics are updated (as autovacuum would) and each page is requested ``--repeat``
times through Django's test client in one process (no network, no browser), after a warm-up.

Prints the median and 95th percentile in milliseconds with the number of queries.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
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

INPUTS = 200  # inputs from the citizen on the measured case
SIZES = (10, 100, 1000)


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, float, int, int]:
    """Median and p95 ms of the whole request, median ms in the database, queries, bytes."""
    client.get(url)  # warm up
    times, db_times = [], []
    queries = size = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
        db_times.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
        size = len(response.content)
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    return statistics.median(times), p95, statistics.median(db_times), queries, size


class Seeder:
    """Cases for one caseworker, added in bulk."""

    def __init__(self) -> None:
        from tests.factories import StaffFactory
        from tests.factories.cases import case_type

        self.caseworker = StaffFactory(first_name="Jonas", last_name="Lund")
        self.types = [case_type(name=f"Sagstype {n}") for n in range(3)]
        self.numbers = itertools.count()
        self.today = datetime.date.today()

    def add(self, count: int) -> None:
        from django.utils import timezone

        from inddrag.cases.models import (
            CaseDecision,
            CaseFile,
            CaseHearing,
            CaseMessage,
            CaseStep,
            StepKind,
        )
        from inddrag.processes.models import FrameItem, InfluenceLevel, Process, Proportionality
        from tests.factories import UserFactory

        now = timezone.now()
        numbers = [next(self.numbers) for _ in range(count)]
        citizens = UserFactory._meta.model.objects.bulk_create(
            UserFactory.build(username=f"borger{n}", email=f"borger{n}@example.dk") for n in numbers
        )
        processes = Process.objects.bulk_create(
            Process(
                kind=Process.Kind.CASE,
                title=f"Sag {n}",
                summary="Sagen handler om et hjælpemiddel til hverdagen.",
                centre_id=self.types[n % 3].centre_id,
                responsible=self.caseworker,
                status=Process.Status.OPEN,
                influence_level=InfluenceLevel.INVOLVE,
                proportionality=Proportionality.LIGHT,
            )
            for n in numbers
        )
        Through = Process.participants.through
        Through.objects.bulk_create(
            Through(process_id=p.pk, user_id=u.pk)
            for p, c in zip(processes, citizens, strict=True)
            for u in (self.caseworker, c)
        )
        cases = CaseFile.objects.bulk_create(
            CaseFile(
                process=p,
                case_type=self.types[n % 3],
                citizen=c,
                opened_on=self.today - datetime.timedelta(days=n % 60),
                deadline=self.today + datetime.timedelta(days=56 - n % 60),
                what_matters="At kunne klare mig selv om morgenen.",
            )
            for n, p, c in zip(numbers, processes, citizens, strict=True)
        )
        FrameItem.objects.bulk_create(
            FrameItem(process=p, kind=kind, text=text, reason=reason, order=order)
            for p in processes
            for order, (kind, text, reason) in enumerate(
                (("open", "Hvilket hjælpemiddel", ""), ("fixed", "Betingelserne", "Loven.")), 1
            )
        )
        kinds = (
            StepKind.CONTACT,
            StepKind.MEETING,
            StepKind.ASSESSMENT,
            StepKind.HEARING,
            StepKind.DECISION,
        )
        CaseStep.objects.bulk_create(
            CaseStep(
                case=case,
                title=f"Trin {order}",
                kind=kind,
                planned_on=case.opened_on + datetime.timedelta(days=7 * order),
                done_on=case.opened_on if order <= 2 else None,
                order=order,
            )
            for case in cases
            for order, kind in enumerate(kinds, 1)
        )
        messages = []
        for case in cases:
            messages += [
                CaseMessage(
                    case=case,
                    author=case.citizen,
                    text="Hvornår kommer I?",
                    is_input=True,
                    answer="På tirsdag.",
                    answered_by=self.caseworker,
                    answered_at=now,
                ),
                CaseMessage(case=case, author=case.citizen, text="Tak.", is_input=True),
                CaseMessage(case=case, author=self.caseworker, text="Vi ses på tirsdag."),
            ]
        CaseMessage.objects.bulk_create(messages)
        CaseHearing.objects.bulk_create(
            CaseHearing(
                case=case,
                draft="Vi vil give afslag.",
                deadline=self.today + datetime.timedelta(days=14),
                sent_at=now,
                sent_by=self.caseworker,
                answer="none" if n % 2 else "",
                answered_at=now if n % 2 else None,
            )
            for n, case in zip(numbers, cases, strict=True)
            if n % 3 == 0
        )
        CaseDecision.objects.bulk_create(
            CaseDecision(
                case=case,
                outcome="granted",
                reasons="Betingelserne er opfyldt.",
                complaint_guidance="Du kan klage.",
                decided_on=self.today,
                complaint_deadline=self.today + datetime.timedelta(weeks=4),
                hearing_exception="full_grant",
                recorded_at=now,
                recorded_by=self.caseworker,
            )
            for n, case in zip(numbers, cases, strict=True)
            if n % 6 == 1
        )

    def big_case(self):
        """The measured case, opened the ordinary way, with ``INPUTS`` inputs."""
        from django.core.files.base import ContentFile
        from django.utils import timezone

        from inddrag.cases.models import CaseMessage, CaseMessageFile
        from tests.factories import UserFactory
        from tests.factories.cases import open_case

        case = open_case(
            caseworker=self.caseworker,
            citizen=UserFactory(first_name="Karen", email="karen@example.dk"),
            kind=self.types[0],
            title="Hjælpemidler til badeværelset",
        )
        now = timezone.now()
        rows = []
        for n in range(INPUTS):
            sent = now - datetime.timedelta(hours=2 * (INPUTS - n))
            rows.append(
                CaseMessage(
                    case=case,
                    author=case.citizen,
                    text=f"Input {n}: Kan toiletstolen være hvid i stedet for grå? " * 3,
                    is_input=True,
                    sent_at=sent,
                    answer=f"Svar {n}: Ja, det kan vi godt." if n % 2 else "",
                    answered_by=self.caseworker if n % 2 else None,
                    answered_at=sent + datetime.timedelta(hours=1) if n % 2 else None,
                )
            )
            if n % 2 == 0:
                rows.append(
                    CaseMessage(
                        case=case,
                        author=self.caseworker,
                        text=f"Besked {n} fra sagsbehandleren.",
                        sent_at=sent + datetime.timedelta(minutes=30),
                    )
                )
        messages = CaseMessage.objects.bulk_create(rows)
        for n, message in enumerate(m for m in messages if m.is_input):
            if n % 10 == 0:
                document = CaseMessageFile(
                    message=message,
                    original_name=f"bilag{n}.pdf",
                    content_type="application/pdf",
                    size=4,
                )
                document.file.save(f"bilag{n}.pdf", ContentFile(b"%PDF"), save=False)
                document.save()
        return case


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    # No setup_test_environment(): its template instrumentation would inflate the figures.
    settings.ALLOWED_HOSTS = ["testserver"]
    workdir = Path(tempfile.mkdtemp(prefix="bench_cases_"))
    settings.MEDIA_ROOT = workdir / "media"
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(workdir / "bench_cases.sqlite3")
    else:
        test_settings["NAME"] = "bench_cases"
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"{connection.vendor}: database {connection.settings_dict['NAME']}")
        seeder = Seeder()
        case = seeder.big_case()
        small = None
        staff = Client()
        staff.force_login(seeder.caseworker)
        citizen = Client()
        citizen.force_login(case.citizen)
        made = 1
        print(
            f"{'cases':>6} {'page':34} {'median ms':>10} {'p95 ms':>8} {'db ms':>6} "
            f"{'queries':>8} {'KB':>6}"
        )
        for size in SIZES:
            started = time.perf_counter()
            seeder.add(size - made)
            made = size
            if small is None:
                from inddrag.cases.models import CaseFile

                small = CaseFile.objects.exclude(pk=case.pk).select_related("citizen").first()
                small_citizen = Client()
                small_citizen.force_login(small.citizen)
            with connection.cursor() as cursor:  # table statistics, as autovacuum keeps them
                cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
            print(f"# {size} cases, filled in {time.perf_counter() - started:.1f} s")
            pk = case.process_id
            pages = [
                ("Mine sager", staff, "/personale/sager/"),
                ("Mine sager, furthest deadline first", staff, "/personale/sager/?sort=-frist"),
                ("Mine sager, last page", staff, f"/personale/sager/?side={(size + 24) // 25}"),
                (f"Min sag, {INPUTS} inputs", citizen, f"/sager/{pk}/"),
                ("Min sag, 3 messages", small_citizen, f"/sager/{small.process_id}/"),
                (f"Staff messages, {INPUTS} inputs", staff, f"/personale/forloeb/{pk}/beskeder/"),
                ("Staff page of the case", staff, f"/personale/forloeb/{pk}/"),
                ("Partshøring page", staff, f"/personale/forloeb/{pk}/partshoering/"),
                ("Decision page", staff, f"/personale/forloeb/{pk}/sagsafgoerelse/"),
            ]
            for name, client, url in pages:
                median, p95, db, queries, length = measure(client, url, args.repeat)
                print(
                    f"{size:6d} {name:34} {median:10.1f} {p95:8.1f} {db:6.1f} {queries:8d} "
                    f"{length / 1024:6.0f}"
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
