"""The hearing memo for a process with many contributions: time to gather the content and to
write the DOCX and the PDF. Run by hand, not in the test suite.

    .venv/bin/python benchmarks/memo.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python benchmarks/memo.py

Creates its own throw-away database (PostgreSQL: `bench_memo`, so it never collides with a test
run's `test_…` database; SQLite: a file in the temporary directory), fills one process with
contributions (`bulk_create`; each with an answer and a recommendation, 60 % with a summary
written by staff, spread over eight topics with every eighth left without one, texts of about
800 characters) and a 30-page document with a hearing version, a final version with changes and
linked changes, then times each step three times and prints the median — and once the whole
background task (`services.produce`: the same steps plus saving the files and the progress).
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
from django.test.utils import CaptureQueriesContext  # noqa: E402

TEXT = (
    "Jeg bor på Banegårdspladsen og har læst forslaget til lokalplan. Jeg synes, det er godt, at "
    "der kommer flere boliger tæt på stationen, men jeg er bekymret for trafikken i de små veje, "
    "og for at de store træer ved stien forsvinder. Kan I bevare træerne og lave en sikker "
    "cykelsti langs Ballerup Byvej? Legepladsen bør ligge væk fra vejen, så børnene kan lege "
    "trygt. Ring gerne på 12 34 56 78. Tak for muligheden for at komme med input. "
) * 2
REASON = (
    "Administrationen er enig i, at trafiksikkerheden skal styrkes. Lokalplanen fastlægger en "
    "cykelsti langs Ballerup Byvej, og legepladsen placeres i gården væk fra vejen. Træerne langs "
    "stien bevares, hvor det er muligt."
)
TOPICS = [
    "Trafik og parkering",
    "Grønne områder",
    "Bebyggelsens højde",
    "Skole og institutioner",
    "Støj",
    "Cykelstier",
    "Legepladser",
    "Økonomi",
]


def document_blocks(paragraphs: int, changed: bool) -> list[dict]:
    blocks = []
    for n in range(paragraphs):
        if n % 12 == 0:
            blocks.append(
                {"id": f"h{n}", "type": "heading", "level": 2, "text": f"§ {n // 12 + 1}"}
            )
        text = (
            f"Afsnit {n}: Området må anvendes til boliger og liberalt erhverv. Bebyggelsen må "
            f"opføres i højst {'tre' if changed and n % 10 == 0 else 'fire'} etager, og "
            "friarealet skal udgøre mindst 50 procent af etagearealet."
        )
        blocks.append({"id": f"b{n}", "type": "paragraph", "text": text})
    return blocks


def fill(count: int):
    from inddrag.contributions import services as contribution_services
    from inddrag.contributions.models import Answer, Consent, Contribution, Source, SpeakingAs
    from inddrag.documents import diff
    from inddrag.documents.models import Change, Document, DocumentVersion
    from inddrag.memos.models import MemoTopic as Topic
    from inddrag.processes.models import Process, TargetGroup
    from tests.factories import (
        ActivityFactory,
        ProcessFactory,
        StaffFactory,
        add_target_groups,
        cph,
    )

    staff = StaffFactory()
    process = ProcessFactory(
        title="Lokalplan 123 for Banegårdspladsen",
        status=Process.Status.PROCESSING,
        responsible=staff,
        centre=staff.centre,
    )
    ActivityFactory(
        process=process, starts_at=cph(2026, 3, 1, 0, 0), ends_at=cph(2026, 4, 26, 0, 0)
    )
    add_target_groups(process, TargetGroup.CITIZENS, TargetGroup.ASSOCIATIONS, TargetGroup.COUNCILS)
    topics = Topic.objects.bulk_create(
        Topic(process=process, name=name, order=n) for n, name in enumerate(TOPICS)
    )
    kinds = list(SpeakingAs.values)
    sources = list(Source.values)
    received = cph(2026, 3, 2, 9, 0)
    rows = Contribution.objects.bulk_create(
        Contribution(
            process=process,
            receipt_number=f"B-2026-{i + 1:06d}",
            text=f"{i}: {TEXT}",
            speaking_as=kinds[i % len(kinds)] if i % 3 == 0 else SpeakingAs.PRIVATE,
            on_behalf_of=f"Forening nr. {i}" if i % 3 == 0 and i % 6 else "",
            name=f"Borger {i}",
            consent=[Consent.WITH_NAME, Consent.ANONYMOUS, Consent.NONE][i % 3],
            source=sources[i % len(sources)],
            received_at=received + datetime.timedelta(minutes=i),
            publication=Contribution.Publication.PUBLISHED
            if i % 3 != 2
            else Contribution.Publication.PRIVATE,
            published_text=f"{i}: {TEXT}" if i % 3 != 2 else "",
            published_name=f"Borger {i}" if i % 3 == 0 else "",
            summary=(
                f"Bidrag {i} ønsker færre biler, bevarede træer og en sikker cykelsti."
                if i % 5 < 3
                else ""
            ),
            topic=topics[i % len(topics)] if i % 8 else None,
        )
        for i in range(count)
    )
    Answer.objects.bulk_create(
        Answer(
            contribution=c,
            outcome=list(Answer.Outcome.values)[i % 5],
            reason=REASON,
            recommendation=["change", "no_change", ""][i % 3],
        )
        for i, c in enumerate(rows)
    )
    document = Document.objects.create(process=process, title="Lokalplan 123")
    old_blocks, new_blocks = document_blocks(300, False), document_blocks(300, True)
    hearing = DocumentVersion.objects.create(
        document=document,
        label="hearing",
        dated=datetime.date(2026, 3, 1),
        author=staff,
        blocks=old_blocks,
    )
    final = DocumentVersion.objects.create(
        document=document,
        label="final",
        dated=datetime.date(2026, 5, 1),
        author=staff,
        blocks=new_blocks,
    )
    for n, block in enumerate(diff.changes_only(diff.compare(old_blocks, new_blocks))[:20]):
        change = Change.objects.create(
            from_version=hearing,
            to_version=final,
            key=block.key,
            excerpt=diff.excerpt(block),
            explanation="Etagehøjden sænkes efter høringssvar om lys og udsyn.",
            created_by=staff,
        )
        change.contributions.add(*rows[n * 10 : n * 10 + 5])
    # bulk_create passes by the process's counters: count them once, as seed_demo does
    contribution_services.recount(type(process).objects.filter(pk=process.pk))
    return process, staff


def store_screening(process) -> float:
    """bulk_create passes by the models' save, which stores the screened texts: store them as
    ``manage.py rescreen`` does. Returns the seconds it took."""
    from inddrag.contributions import screened
    from inddrag.contributions.models import Answer, Contribution

    started = time.perf_counter()
    screened.rescreen(Contribution.objects.filter(process=process), screened.CONTRIBUTION_FIELDS)
    screened.rescreen(Answer.objects.filter(contribution__process=process), screened.ANSWER_FIELDS)
    return time.perf_counter() - started


def time_preview(process, staff, repeat: int) -> None:
    """The staff preview through Django's test client: page 1 (the hearing), a middle page,
    the last page (the recommended changes), and a contribution's page (``?bidrag=``)."""
    from django.test import Client
    from django.urls import reverse

    from inddrag.contributions.models import Contribution

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(staff)
    url = reverse("staff:memos:preview", args=[process.pk])
    middle = Contribution.objects.filter(process=process).order_by("pk")[
        Contribution.objects.filter(process=process).count() // 2
    ]
    pages = {
        "page 1": url,
        "page 100": f"{url}?side=100",
        "last page": f"{url}?side=99999",
        "?bidrag= (a contribution)": f"{url}?bidrag={middle.pk}",
    }
    print(f"{'preview':32} {'median ms':>9} {'p95 ms':>7} {'queries':>7} {'HTML KB':>8}")
    for label, address in pages.items():
        client.get(address)  # warm up
        runs = []
        for _ in range(max(repeat, 5)):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(address)
                runs.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        runs.sort()
        p95 = runs[min(len(runs) - 1, round(0.95 * (len(runs) - 1)))]
        print(
            f"{label:32} {statistics.median(runs) * 1000:9.0f} {p95 * 1000:7.0f} "
            f"{len(queries):7d} {len(response.content) / 1024:8.0f}"
        )


CLOCK = time.perf_counter  # --cpu: time.process_time, this process's CPU (steady under load)


def timed(function, *args):
    start = CLOCK()
    result = function(*args)
    return result, CLOCK() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contributions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--unscreened",
        action="store_true",
        help="Leave the stored screening empty (as bulk_create does): every text screened on "
        "the fly, the memo's fallback",
    )
    parser.add_argument("--preview-runs", type=int, default=11)
    parser.add_argument(
        "--cpu", action="store_true", help="time the steps in CPU seconds (a loaded machine)"
    )
    args = parser.parse_args()
    if args.cpu:
        global CLOCK
        CLOCK = time.process_time

    workdir = Path(tempfile.mkdtemp(prefix="bench_memo_"))
    settings.MEDIA_ROOT = workdir / "media"
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(workdir / "bench_memo.sqlite3")
    else:
        test_settings["NAME"] = "bench_memo"
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from pypdf import PdfReader

        from inddrag.memos import services
        from inddrag.memos.docx_file import render_docx
        from inddrag.memos.gathering import build_memo
        from inddrag.memos.models import Memo
        from inddrag.memos.pdf_file import fonts, render_pdf

        started = time.perf_counter()
        process, staff = fill(args.contributions)
        screening_s = 0.0 if args.unscreened else store_screening(process)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
        print(
            f"{connection.vendor}: database {connection.settings_dict['NAME']}; filled "
            f"{args.contributions} contributions in {time.perf_counter() - started:.1f} s "
            f"(storing the screening {screening_s:.1f} s"
            f"{', skipped: --unscreened' if args.unscreened else ''}); PDF font {fonts().regular}"
        )
        build_memo(process)  # warm up (translations, fonts, templates)
        steps: dict[str, list[float]] = {"content": [], "docx": [], "pdf": [], "total": []}
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                content, t_content = timed(build_memo, process)
            docx, t_docx = timed(render_docx, content)
            pdf, t_pdf = timed(render_pdf, content)
            for name, value in (("content", t_content), ("docx", t_docx), ("pdf", t_pdf)):
                steps[name].append(value)
            steps["total"].append(t_content + t_docx + t_pdf)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(f"{'step':32} {'median s':>9} {'runs':>24}")
        for name, label in (
            ("content", f"build_memo ({len(queries)} queries)"),
            ("docx", f"DOCX ({len(docx) / 1024:.0f} KB)"),
            ("pdf", f"PDF ({len(pdf) / 1024:.0f} KB, {pages} pages)"),
            ("total", "content + DOCX + PDF"),
        ):
            runs = ", ".join(f"{v:.2f}" for v in steps[name])
            print(f"{label:32} {statistics.median(steps[name]):9.2f} {runs:>24}")
        memo = Memo.objects.create(process=process, requested_by=staff)
        _, t_task = timed(services.produce, memo.pk)
        memo.refresh_from_db()
        print(f"{'background task (produce)':32} {t_task:9.2f}   status {memo.status}")
        time_preview(process, staff, args.preview_runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
