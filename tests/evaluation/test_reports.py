"""The evaluation reports (issue #13, section 3): one per assessment and one for the whole round,
as DOCX and PDF, built in the background with progress; their content (figures, charts with
their tables, the texts, the development since the round before, the projects behind — never a
case), failure, a double request, access, the downloads and constant query counts."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from inddrag.audit.models import AccessLog
from inddrag.evaluation import report_content, reports, services
from inddrag.evaluation.models import (
    Assessment,
    AssessmentText,
    EvaluationReport,
    EvaluationRound,
)
from inddrag.organisation.models import DecisionBody, ElectionPeriod
from inddrag.principles.services import principle_title
from inddrag.processes.models import Process
from tests.factories import (
    ActivityFactory,
    CentreFactory,
    DecisionBodyFactory,
    MilestoneFactory,
    ProcessFactory,
    StaffFactory,
    UserFactory,
    complete_project,
)
from tests.factories.cases import case_file_for
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

TREATED = datetime.date(2027, 11, 3)


@pytest.fixture
def data(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    period = ElectionPeriod.objects.create(starts_on=datetime.date(2026, 1, 1))
    before_period = ElectionPeriod.objects.create(starts_on=datetime.date(2022, 1, 1))
    project = complete_project(
        status=Process.Status.OPEN, title="Lokalplan for Ballerup Bymidte — høring"
    )
    body = project.milestones.get().body
    body.kind = DecisionBody.Kind.COMMITTEE
    body.name = "Klima- og Miljøudvalget"
    body.save()
    case = ProcessFactory(
        kind=Process.Kind.CASE,
        status=Process.Status.OPEN,
        centre=project.centre,
        title="Fru Hansens badebænk",
    )
    MilestoneFactory(process=case, body=body, meeting_date=datetime.date(2027, 5, 1))
    file = case_file_for(case)
    file.opened_on = datetime.date(2027, 2, 1)
    file.save()
    preparer = StaffFactory(first_name="Sofie", last_name="Forbereder")
    round_ = EvaluationRound.objects.create(
        title="Forår 2028 — midtvejs",
        election_period=period,
        half=1,
        deadline=datetime.date(2027, 12, 1),
    )
    assessment = Assessment.objects.create(round=round_, body=body, preparer=preparer)
    AssessmentText.objects.create(
        assessment=assessment,
        principle=1,
        went_well="Rammerne var klare i næsten alle forløb.",
        will_do="Vi skriver „hvorfor“ ved hvert fastlåst punkt.",
    )
    # The round before, with the same committee's recorded assessment and its kept figures.
    earlier = EvaluationRound.objects.create(
        title="Efterår 2025 — slutningen", election_period=before_period, half=2, deadline=TREATED
    )
    kept = services.figures_of(assessment)
    first = kept["principles"][0]["indicators"][0]
    first["current"] = {**first["current"], "text": "17 %", "detail": "1 af 6"}
    Assessment.objects.create(
        round=earlier,
        body=body,
        preparer=preparer,
        status=Assessment.Status.RECORDED,
        treated_on=datetime.date(2025, 11, 1),
        figures=kept,
    )
    return {
        "round": round_,
        "assessment": assessment,
        "project": project,
        "case": case,
        "body": body,
        "earlier": earlier,
    }


def docx_text(blob: bytes) -> str:
    document = Document(io.BytesIO(blob))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def pdf_text(blob: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(blob)).pages)


def produced(report: EvaluationReport) -> EvaluationReport:
    report.refresh_from_db()
    return report


@pytest.fixture
def build(django_capture_on_commit_callbacks):
    """Request a report and run its task (the tests' immediate backend runs it on commit)."""

    def run(round_, assessment, user) -> EvaluationReport:
        with django_capture_on_commit_callbacks(execute=True):
            report = reports.request_report(round_, assessment, user)
        return produced(report)

    return run


# --- Building -----------------------------------------------------------------------------------


def test_the_task_builds_the_assessment_report_as_docx_and_pdf(data, build):
    staff = StaffFactory()
    report = build(data["round"], data["assessment"], staff)
    assert report.status == EvaluationReport.Status.DONE
    assert report.progress == 100
    assert report.finished_at is not None
    assert report.docx.name.startswith("evaluation/") and report.pdf.name.endswith(".pdf")
    assert "klima" not in report.docx.name  # stored under an unguessable name
    docx = docx_text(report.docx.read())
    pdf = pdf_text(report.pdf.read())
    for text in (docx, pdf):
        assert "Evaluering af principperne: Klima- og Miljøudvalget" in text
        assert f"Princip 1: {principle_title(1)}" in " ".join(text.split())  # PDF lines wrap
        assert "Rammerne var klare i næsten alle forløb." in text
        assert "Lokalplan for Ballerup Bymidte — høring" in text
        assert "Fru Hansens badebænk" not in text  # a case is never listed
        assert "Udvikling siden sidste runde" in text
        assert "Efterår 2025 — slutningen" in text
        assert "17 % (1 af 6)" in text  # the round before's kept figure
        assert "100 % (1 af 1)" in text  # this round's figure
    assert "Vi skriver „hvorfor“ ved hvert fastlåst punkt." in docx
    # the chart picture, with its description for screen readers
    with zipfile.ZipFile(io.BytesIO(produced(report).docx.read())) as package:
        assert any(name.startswith("word/media/") for name in package.namelist())
        body = package.read("word/document.xml").decode()
    assert 'descr="Søjlediagram' in body


def test_the_round_report_has_the_council_figures_the_texts_and_the_status(data, build):
    a = data["assessment"]
    Assessment.objects.filter(pk=a.pk).update(
        status=Assessment.Status.RECORDED,
        treated_on=TREATED,
        agenda_url="https://balk.dk/punkt12",
    )
    report = build(data["round"], None, StaffFactory())
    assert report.status == EvaluationReport.Status.DONE
    docx = docx_text(report.docx.read())
    pdf = pdf_text(report.pdf.read())
    for text in (docx, pdf):
        assert "Evaluering af principperne: Forår 2028 — midtvejs" in text
        assert "Klima- og Miljøudvalget" in text
        assert "Rammerne var klare i næsten alle forløb." in text
        assert "https://balk.dk/punkt12" in text
        assert "Lokalplan for Ballerup Bymidte — høring" in text
        assert "Fru Hansens badebænk" not in text
        assert "Registreret" in text


def test_progress_is_reported_step_by_step(data, monkeypatch, build):
    seen = []
    original = reports._progress

    def spy(report, progress):
        original(report, progress)
        seen.append(EvaluationReport.objects.get(pk=report.pk).progress)

    monkeypatch.setattr(reports, "_progress", spy)
    build(data["round"], data["assessment"], StaffFactory())
    assert seen == [
        reports.GATHERED,
        reports.CHARTS_DRAWN,
        reports.DOCX_WRITTEN,
        reports.PDF_WRITTEN,
    ]


def test_a_failure_leaves_no_file_and_says_why(data, monkeypatch, tmp_path, build):
    def broken(content, pictures):
        raise RuntimeError("PDF-motoren gik i stå")

    monkeypatch.setattr(reports, "render_pdf", broken)
    report = build(data["round"], data["assessment"], StaffFactory())
    assert report.status == EvaluationReport.Status.FAILED
    assert "PDF-motoren gik i stå" in report.error
    assert not report.docx and not report.pdf
    assert (
        not list((tmp_path / "evaluation").glob("*"))
        if (tmp_path / "evaluation").exists()
        else True
    )
    # a new request is taken: the failed one is not active
    monkeypatch.undo()
    again = build(data["round"], data["assessment"], StaffFactory())
    assert again.pk != report.pk and again.status == EvaluationReport.Status.DONE
    assert not EvaluationReport.objects.filter(pk=report.pk).exists()  # pruned


def test_a_double_request_gives_the_same_report(data, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=False):
        first = reports.request_report(data["round"], data["assessment"], staff)
        second = reports.request_report(data["round"], data["assessment"], staff)
        other = reports.request_report(data["round"], None, staff)
    assert first.pk == second.pk
    assert other.pk != first.pk
    assert EvaluationReport.objects.count() == 2
    assert AccessLog.objects.filter(detail__startswith="evaluation report requested").count() == 2


def test_only_the_newest_done_report_per_target_is_kept(data, build):
    staff = StaffFactory()
    first = build(data["round"], data["assessment"], staff)
    kept_round = build(data["round"], None, staff)
    old_file = first.docx.path
    second = build(data["round"], data["assessment"], staff)
    assert second.status == EvaluationReport.Status.DONE
    assert set(EvaluationReport.objects.values_list("pk", flat=True)) == {second.pk, kept_round.pk}
    import os

    assert not os.path.exists(old_file)


def test_a_stale_report_is_failed_and_a_new_one_taken(
    data, django_capture_on_commit_callbacks, build
):
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=False):
        stuck = reports.request_report(data["round"], data["assessment"], staff)
    EvaluationReport.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    state = reports.report_state(data["round"], data["assessment"])
    assert state.active is None and state.latest.status == EvaluationReport.Status.FAILED
    fresh = build(data["round"], data["assessment"], staff)
    assert fresh.pk != stuck.pk and fresh.status == EvaluationReport.Status.DONE


def test_an_assessment_of_another_round_is_refused(data):
    with pytest.raises(ValueError):
        reports.request_report(data["earlier"], data["assessment"], StaffFactory())


# --- Query counts -------------------------------------------------------------------------------


def _more_projects(body, centre, n: int) -> str:
    last = None
    for _ in range(n):
        last = ProcessFactory(status=Process.Status.OPEN, centre=centre)
        ActivityFactory(process=last)
        MilestoneFactory(process=last, body=body, meeting_date=datetime.date(2027, 6, 1))
    return last.title


def test_gathering_an_assessment_report_takes_a_constant_number_of_queries(
    data, django_assert_num_queries
):
    report = EvaluationReport(round=data["round"], assessment=data["assessment"])
    centre = data["project"].centre
    title = _more_projects(data["body"], centre, 1)
    with CaptureQueriesContext(connection) as few:
        content = reports.gather(report)
    assert title in [t for t, _c in content.projects]
    title = _more_projects(data["body"], centre, 8)
    with django_assert_num_queries(len(few.captured_queries)):
        content = reports.gather(report)
    assert title in [t for t, _c in content.projects]
    assert len(content.projects) == 10


def test_gathering_the_round_report_takes_a_constant_number_of_queries(
    data, django_assert_num_queries
):
    report = EvaluationReport(round=data["round"])

    def grow(n: int) -> tuple[str, str]:
        for _ in range(n):
            extra = Assessment.objects.create(
                round=data["round"], centre=CentreFactory(), preparer=data["assessment"].preparer
            )
            AssessmentText.objects.create(
                assessment=extra, principle=2, went_well=f"Godt {extra.pk}"
            )
        return _more_projects(data["body"], data["project"].centre, n), f"Godt {extra.pk}"

    title, text = grow(1)
    with CaptureQueriesContext(connection) as few:
        content = reports.gather(report)
    assert title in [t for t, _c in content.projects]
    title, text = grow(6)
    with django_assert_num_queries(len(few.captured_queries)):
        content = reports.gather(report)
    assert title in [t for t, _c in content.projects]
    assert text in [t.went_well for t in content.sections[1].texts]
    assert len(content.statuses) == 8


def test_the_round_page_with_reports_has_a_constant_query_count(
    client, data, django_assert_num_queries, build
):
    staff = StaffFactory()
    round_ = data["round"]

    def grow(n):
        last = None
        for _ in range(n):
            last = Assessment.objects.create(
                round=round_,
                body=DecisionBodyFactory(kind=DecisionBody.Kind.COMMITTEE),
                preparer=staff,
            )
            build(round_, last, staff)
        return last.body.name

    client.force_login(staff)
    url = reverse("staff:evaluation:round", args=[round_.pk])
    assert_constant_queries(
        django_assert_num_queries, lambda: client.get(url), grow, 7, sizes=(1, 4)
    )


# --- The pages ----------------------------------------------------------------------------------


def test_staff_request_a_report_and_download_it(client, data, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    client.force_login(staff)
    round_, assessment = data["round"], data["assessment"]
    url = reverse("staff:evaluation:assessment_report", args=[assessment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:evaluation:assessment", args=[assessment.pk])
    report = EvaluationReport.objects.get()
    assert report.status == EvaluationReport.Status.DONE and report.requested_by == staff
    page = client.get(reverse("staff:evaluation:assessment", args=[assessment.pk]))
    download = reverse("staff:evaluation:report_download", args=[report.pk, "pdf"])
    assert download in page.content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert (
        "evalueringsrapport-foraar-2028-midtvejs-klima-og-miljoeudvalget.pdf"
        in (response["Content-Disposition"])
    )
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"
    docx = client.get(reverse("staff:evaluation:report_download", args=[report.pk, "docx"]))
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        client.get(reverse("staff:evaluation:report_download", args=[report.pk, "exe"])).status_code
        == 404
    )
    # the round report from the round page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:evaluation:round_report", args=[round_.pk]))
    assert response["Location"] == reverse("staff:evaluation:round", args=[round_.pk]) + "#reports"
    page = client.get(reverse("staff:evaluation:round", args=[round_.pk])).content.decode()
    round_report = EvaluationReport.objects.get(assessment=None)
    assert reverse("staff:evaluation:report_download", args=[round_report.pk, "docx"]) in page
    assert reverse("staff:evaluation:report_download", args=[report.pk, "docx"]) in page


def test_the_round_page_asks_for_an_assessment_report_and_comes_back(client, data):
    client.force_login(StaffFactory())
    url = reverse("staff:evaluation:assessment_report", args=[data["assessment"].pk])
    response = client.post(url, {"next": "round"})
    assert (
        response["Location"]
        == reverse("staff:evaluation:round", args=[data["round"].pk]) + "#reports"
    )


def test_progress_fragment_polls_while_a_report_is_made(
    client, data, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=False):
        report = reports.request_report(data["round"], data["assessment"], staff)
    url = reverse("staff:evaluation:report_progress", args=[report.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "hx-get" in html and "<progress" in html
    assert client.get(url, {"v": "queued-0"}).status_code == 204  # nothing changed
    reports.produce(report.pk)
    html = client.get(url, {"v": "queued-0"}).content.decode()
    assert reverse("staff:evaluation:report_download", args=[report.pk, "pdf"]) in html
    assert "hx-get" not in html


def test_a_failed_report_shows_its_error_and_a_retry(
    client, data, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(reports, "render_docx", lambda c, p: 1 / 0)
    staff = StaffFactory()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("staff:evaluation:assessment_report", args=[data["assessment"].pk]))
    html = client.get(reverse("staff:evaluation:assessment", args=[data["assessment"].pk]))
    html = html.content.decode()
    assert "ZeroDivisionError" in html
    assert "Prøv igen" in html


def test_a_citizen_or_anonymous_gets_no_report(client, data, build):
    report = build(data["round"], data["assessment"], StaffFactory())
    urls = [
        ("post", reverse("staff:evaluation:round_report", args=[data["round"].pk])),
        ("post", reverse("staff:evaluation:assessment_report", args=[data["assessment"].pk])),
        ("get", reverse("staff:evaluation:report_download", args=[report.pk, "pdf"])),
        ("get", reverse("staff:evaluation:report_progress", args=[report.pk])),
    ]
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 302  # to the login
    client.force_login(UserFactory())
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 404
    assert EvaluationReport.objects.count() == 1


def test_a_report_being_made_cannot_be_downloaded(client, data, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=False):
        report = reports.request_report(data["round"], data["assessment"], staff)
    url = reverse("staff:evaluation:report_download", args=[report.pk, "pdf"])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("staff:evaluation:round_report", args=[data["round"].pk])).status_code
        == 405
    )


def test_the_chart_has_a_bar_for_each_share_of_a_principle(data):
    content = reports.gather(EvaluationReport(round=data["round"], assessment=data["assessment"]))
    first = content.sections[0]
    assert first.shares and all(
        line.share is not None or line.previous_share is not None for line in first.shares
    )
    assert report_content.chart_png(content, first)[:8] == b"\x89PNG\r\n\x1a\n"
