"""The evaluation of a committee with 500 processes and 50,000 contributions (issue #13, section
5): the time to measure the indicators and to build one assessment report (gather, DOCX, PDF),
and the queries of the pages and of the report's gathering. Run by hand, not in the test suite.

    .venv/bin/python benchmarks/evaluation.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python benchmarks/evaluation.py

Creates its own throw-away database (PostgreSQL: `bench_evaluation`; SQLite: a file in the
temporary directory) and fills it with `bulk_create`: one standing committee whose decision
points are on every one of the processes, spread over five centres, each with a hearing in the
first half of the election period, 100 contributions each (answers to 60 %, published on half
of the processes), a recorded decision on every third; the round with the committee's draft
assessment (so the report measures the indicators afresh — the slowest case) and its texts.
Each step runs three times; the median is printed.
"""

from __future__ import annotations

import argparse
import datetime
import io
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
    "Jeg bor tæt på området og synes, at der skal være plads til både cykler og gående. "
    "Bevar de store træer, og lav en sikker skolevej."
)


def fill(processes: int, per_process: int):
    from django.utils import timezone

    from inddrag.contributions import services as contribution_services
    from inddrag.contributions.models import Answer, Contribution, SpeakingAs
    from inddrag.evaluation.models import Assessment, AssessmentText, EvaluationRound
    from inddrag.organisation.models import DecisionBody, ElectionPeriod
    from inddrag.processes.models import Activity, Decision, Milestone, Process
    from tests.factories import CentreFactory, DecisionBodyFactory, StaffFactory, cph

    election = ElectionPeriod.objects.create(starts_on=datetime.date(2026, 1, 1))
    ElectionPeriod.objects.create(starts_on=datetime.date(2022, 1, 1))
    committee = DecisionBodyFactory(
        name="Klima- og Miljøudvalget", kind=DecisionBody.Kind.COMMITTEE
    )
    centres = [CentreFactory(name=f"Center {n}") for n in range(5)]
    staff = StaffFactory(centre=centres[0])
    now = timezone.now()
    rows = Process.objects.bulk_create(
        Process(
            kind=Process.Kind.PROJECT,
            title=f"Lokalplan {i} for område {i % 40} — høring",
            summary="Kommunen vil gerne høre din mening.",
            centre=centres[i % len(centres)],
            responsible=staff,
            status=Process.Status.DECIDED if i % 3 == 0 else Process.Status.PROCESSING,
            influence_level="consult",
            proportionality="standard",
            planned_hours=40,
            published_at=now,
        )
        for i in range(processes)
    )
    day = datetime.timedelta(days=1)
    Activity.objects.bulk_create(
        Activity(
            process=p,
            title="Offentlig høring",
            method=Activity.Method.HEARING,
            starts_at=cph(2026, 2, 1, 0, 0) + (i % 500) * day,
            ends_at=cph(2026, 3, 15, 0, 0) + (i % 500) * day,
            location="Ballerup Rådhus",
        )
        for i, p in enumerate(rows)
    )
    Milestone.objects.bulk_create(
        Milestone(
            process=p,
            body=committee,
            meeting_date=datetime.date(2026, 6, 1) + (i % 500) * day,
            decides="Endelig vedtagelse",
        )
        for i, p in enumerate(rows)
    )
    Decision.objects.bulk_create(
        Decision(
            process=p,
            body=committee,
            meeting_date=datetime.date(2026, 6, 1) + (i % 500) * day,
            agenda_title=f"Punkt {i}",
            text="Udvalget vedtog planen med ændringer efter høringen.",
            recorded_by=staff,
        )
        for i, p in enumerate(rows)
        if i % 3 == 0
    )
    kinds = list(SpeakingAs.values)
    received = cph(2026, 2, 10, 9, 0)
    contributions = Contribution.objects.bulk_create(
        (
            Contribution(
                process=p,
                receipt_number=f"B-2026-{i * per_process + n + 1:07d}",
                text=f"{n}: {TEXT}",
                speaking_as=kinds[n % len(kinds)],
                name=f"Borger {n}",
                received_at=received + datetime.timedelta(minutes=n),
            )
            for i, p in enumerate(rows)
            for n in range(per_process)
        ),
        batch_size=5000,
    )
    Answer.objects.bulk_create(
        (
            Answer(
                contribution=c,
                outcome=list(Answer.Outcome.values)[n % 5],
                reason="Administrationen er enig.",
                published_at=now if (n // per_process) % 2 == 0 else None,
            )
            for n, c in enumerate(contributions)
            if n % 5 < 3
        ),
        batch_size=5000,
    )
    round_ = EvaluationRound.objects.create(
        title="Forår 2028 — midtvejs",
        election_period=election,
        half=1,
        deadline=datetime.date(2027, 12, 1),
    )
    assessment = Assessment.objects.create(round=round_, body=committee, preparer=staff)
    AssessmentText.objects.bulk_create(
        AssessmentText(
            assessment=assessment,
            principle=n,
            went_well=f"Princip {n} gik godt i de fleste forløb.",
            went_badly="Svarene kom for sent i nogle forløb.",
            will_do="Vi planlægger høringerne tidligere.",
        )
        for n in range(1, 6)
    )
    # bulk_create passes by the processes' counters: count them once, as seed_demo does
    contribution_services.recount(Process.objects.filter(pk__in=[p.pk for p in rows]))
    return round_, assessment, committee, staff, len(contributions)


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def page_queries(client: Client, url: str) -> tuple[int, float, int]:
    with CaptureQueriesContext(connection) as queries:
        response, seconds = timed(client.get, url)
    return len(queries), seconds, response.status_code


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=500)
    parser.add_argument("--contributions", type=int, default=100, help="per process")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench_evaluation_"))
    settings.MEDIA_ROOT = workdir / "media"
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(workdir / "bench_evaluation.sqlite3")
    else:
        test_settings["NAME"] = "bench_evaluation"
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.urls import reverse
        from pypdf import PdfReader

        from inddrag.evaluation import indicators, reports, services
        from inddrag.evaluation.models import EvaluationReport
        from inddrag.lib.pdf_fonts import fonts

        started = time.perf_counter()
        round_, assessment, committee, staff, total = fill(args.processes, args.contributions)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
        print(
            f"{connection.vendor}: database {connection.settings_dict['NAME']}; filled "
            f"{args.processes} processes and {total} contributions in "
            f"{time.perf_counter() - started:.1f} s; PDF font {fonts().regular}"
        )
        scope = services.scope_of(assessment)
        period = services.period_of(round_)
        report = EvaluationReport(round=round_, assessment=assessment)
        reports.gather(report)  # warm up (translations, fonts)
        steps: dict[str, list[float]] = {k: [] for k in ("evaluate", "gather", "files", "total")}
        for _ in range(args.repeat):
            evaluation, t_eval = timed(indicators.evaluate, scope, period)
            with CaptureQueriesContext(connection) as gathering:
                content, t_gather = timed(reports.gather, report)
            (docx, pdf), t_files = timed(reports.build_files, content)
            steps["evaluate"].append(t_eval)
            steps["gather"].append(t_gather)
            steps["files"].append(t_files)
            steps["total"].append(t_gather + t_files)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(f"{'step':44} {'median s':>9} {'runs':>20}")
        for name, label in (
            ("evaluate", f"indicators.evaluate ({evaluation.projects} projects)"),
            ("gather", f"gather the report ({len(gathering)} queries)"),
            ("files", f"charts + DOCX ({len(docx) // 1024} KB) + PDF ({pages} p.)"),
            ("total", "one assessment report (gather + files)"),
        ):
            if steps[name]:
                runs = ", ".join(f"{v:.2f}" for v in steps[name])
                print(f"{label:44} {statistics.median(steps[name]):9.2f} {runs:>20}")
        made = EvaluationReport.objects.create(round=round_, assessment=assessment)
        _, t_task = timed(reports.produce, made.pk)
        made.refresh_from_db()
        print(f"{'background task (produce)':44} {t_task:9.2f}   status {made.status}")

        # No setup_test_environment(): its template instrumentation would inflate the figures.
        settings.ALLOWED_HOSTS = ["testserver"]
        client = Client()
        client.force_login(staff)
        urls = {
            "indicators page (the committee)": reverse("staff:evaluation:indicators")
            + f"?scope=committee-{committee.pk}&period={period.half[0]}-{period.half[1]}",
            "assessment page": reverse("staff:evaluation:assessment", args=[assessment.pk]),
            "round page (with its reports)": reverse("staff:evaluation:round", args=[round_.pk]),
        }
        for label, url in urls.items():
            page_queries(client, url)  # warm up
            queries, seconds, status = page_queries(client, url)
            print(f"{label:44} {seconds:9.2f}   {queries} queries, status {status}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
