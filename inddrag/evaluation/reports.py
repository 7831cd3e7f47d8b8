"""The evaluation reports (DOCX and PDF), built in a background task as the hearing memo is:
one per assessment and one for the whole round.

``request_report`` records a report as queued and enqueues its production with the
surrounding transaction (``lib.tasks.enqueue_with_transaction``); while one is queued or
running for the same target, that one is returned (a double click makes one). ``produce`` (the
task's body) claims the row, gathers the content (``report_content``), draws the charts once,
writes the DOCX and the PDF, and reports its progress on the row; any error ends it "failed"
with the error and no file left. Only the newest finished report of a target is kept; a report
a worker never finished is shown failed once it is stale.

Every member of staff may request and download a report: it shows counts, public projects and
the assessments' texts, no personal data. A request is logged as a change.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.evaluation import report_content
from inddrag.evaluation.models import Assessment, EvaluationReport, EvaluationRound
from inddrag.evaluation.report_docx import render_docx
from inddrag.evaluation.report_pdf import render_pdf
from inddrag.lib.tasks import enqueue_with_transaction

logger = logging.getLogger(__name__)

STALE_AFTER = datetime.timedelta(minutes=30)
ACTIVE = (EvaluationReport.Status.QUEUED, EvaluationReport.Status.RUNNING)
# Progress reported as the report is produced (percent).
STARTED, GATHERED, CHARTS_DRAWN, DOCX_WRITTEN, PDF_WRITTEN = 5, 30, 45, 70, 90


def _stale_error() -> str:
    with override(settings.LANGUAGE_CODE):
        return _("The report was not finished in time. Try again.")


@dataclass(frozen=True)
class ReportState:
    latest: EvaluationReport | None  # the newest, whatever its state
    active: EvaluationReport | None  # queued or being made
    done: EvaluationReport | None  # the newest finished one


def _state(reports: list[EvaluationReport], now: datetime.datetime) -> ReportState:
    for report in reports:
        if report.status in ACTIVE and report.created_at < now - STALE_AFTER:
            report.status, report.error = EvaluationReport.Status.FAILED, _stale_error()
    return ReportState(
        latest=reports[0] if reports else None,
        active=next((r for r in reports if r.status in ACTIVE), None),
        done=next((r for r in reports if r.status == EvaluationReport.Status.DONE), None),
    )


def report_states(
    round_: EvaluationRound, now: datetime.datetime | None = None
) -> dict[int | None, ReportState]:
    """The state of every report of the round, by assessment pk (None: the round's own), in
    one query. Reading only: a stale one is shown failed, and marked so at the next request."""
    now = now or timezone.now()
    grouped: dict[int | None, list[EvaluationReport]] = {}
    for report in EvaluationReport.objects.filter(round=round_).order_by("-created_at", "-pk"):
        grouped.setdefault(report.assessment_id, []).append(report)
    return {target: _state(reports, now) for target, reports in grouped.items()}


def report_state(
    round_: EvaluationRound, assessment: Assessment | None, now: datetime.datetime | None = None
) -> ReportState:
    """The state of one target's reports (one query)."""
    reports = list(
        EvaluationReport.objects.filter(round=round_, assessment=assessment).order_by(
            "-created_at", "-pk"
        )[:5]
    )
    return _state(reports, now or timezone.now())


def _expire_stale(round_: EvaluationRound, assessment: Assessment | None) -> None:
    now = timezone.now()
    EvaluationReport.objects.filter(
        round=round_, assessment=assessment, status__in=ACTIVE, created_at__lt=now - STALE_AFTER
    ).update(status=EvaluationReport.Status.FAILED, error=_stale_error(), finished_at=now)


def request_report(
    round_: EvaluationRound, assessment: Assessment | None, user
) -> EvaluationReport:
    """Queue the report of ``assessment`` (None: of the whole round); while one is queued or
    running for it, that one is returned instead."""
    if assessment is not None and assessment.round_id != round_.pk:
        raise ValueError("the assessment belongs to another round")
    _expire_stale(round_, assessment)
    with transaction.atomic():
        # One at a time per target: the round's row lock makes a double click wait for the first.
        EvaluationRound.objects.select_for_update().filter(pk=round_.pk).first()
        existing = EvaluationReport.objects.filter(
            round=round_, assessment=assessment, status__in=ACTIVE
        ).first()
        if existing is not None:
            return existing
        report = EvaluationReport.objects.create(
            round=round_, assessment=assessment, requested_by=user
        )
        log_access(
            user,
            assessment if assessment is not None else round_,
            AccessLog.Action.CHANGE,
            f"evaluation report requested: {report.pk}",
        )
        enqueue_with_transaction(produce_report, report.pk)  # never a report without its task
    return report


def _progress(report: EvaluationReport, progress: int) -> None:
    report.status, report.progress = EvaluationReport.Status.RUNNING, progress
    EvaluationReport.objects.filter(pk=report.pk).update(
        status=EvaluationReport.Status.RUNNING, progress=progress
    )


def gather(report: EvaluationReport) -> report_content.ReportContent:
    """The report's content (a fixed number of queries)."""
    if report.assessment_id:
        assessment = Assessment.objects.select_related(
            "round__election_period", "body", "centre"
        ).get(pk=report.assessment_id)
        return report_content.assessment_report(assessment)
    round_ = EvaluationRound.objects.select_related("election_period").get(pk=report.round_id)
    return report_content.round_report(round_)


def build_files(content: report_content.ReportContent, report=None) -> tuple[bytes, bytes]:
    """The DOCX and the PDF of ``content`` (the charts drawn once for both)."""
    with override(settings.LANGUAGE_CODE):
        pictures = {s.number: report_content.chart_png(content, s) for s in content.sections}
        if report is not None:
            _progress(report, CHARTS_DRAWN)
        docx = render_docx(content, pictures)
        if report is not None:
            _progress(report, DOCX_WRITTEN)
        pdf = render_pdf(content, pictures)
        if report is not None:
            _progress(report, PDF_WRITTEN)
    return docx, pdf


def produce(report_id: int) -> str:
    """Build the report and save its files on it."""
    report = EvaluationReport.objects.filter(pk=report_id).first()
    if report is None or report.status != EvaluationReport.Status.QUEUED:
        return "skipped"  # gone, or already taken by another worker
    claimed = EvaluationReport.objects.filter(
        pk=report.pk, status=EvaluationReport.Status.QUEUED
    ).update(status=EvaluationReport.Status.RUNNING, progress=STARTED)
    if not claimed:
        return "skipped"
    try:
        content = gather(report)
        _progress(report, GATHERED)
        docx, pdf = build_files(content, report)
        report.docx.save(f"{content.file_stem}.docx", ContentFile(docx), save=False)
        report.pdf.save(f"{content.file_stem}.pdf", ContentFile(pdf), save=False)
        report.status = EvaluationReport.Status.DONE
        report.progress = 100
        report.error = ""
        report.finished_at = timezone.now()
        report.save(update_fields=["docx", "pdf", "status", "progress", "error", "finished_at"])
    except Exception as exc:  # any error: the report says so, and no file is left behind
        logger.exception("Evaluation report %s failed", report.pk)
        for stored in (report.docx, report.pdf):
            if stored:
                stored.delete(save=False)
        EvaluationReport.objects.filter(pk=report.pk).update(
            status=EvaluationReport.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:500],
            finished_at=timezone.now(),
            docx="",
            pdf="",
        )
        return "failed"
    _prune(report)
    return "done"


def _prune(report: EvaluationReport) -> None:
    """Only the newest report of a target is kept: older finished and failed ones are removed
    with their files."""
    older = EvaluationReport.objects.filter(
        round_id=report.round_id,
        assessment_id=report.assessment_id,
        status__in=(EvaluationReport.Status.DONE, EvaluationReport.Status.FAILED),
        created_at__lte=report.created_at,
    ).exclude(pk=report.pk)
    for old in older:
        for stored in (old.docx, old.pdf):
            if stored:
                stored.delete(save=False)
        old.delete()


def file_name(report: EvaluationReport, kind: str) -> str:
    """The name people see ("evalueringsrapport-foraar-midtvejs-klimaudvalget.pdf"); the file
    is stored under an unguessable one. ``report`` with its round and assessment loaded."""
    return f"{report_content.stem_of(report.round, report.assessment)}.{kind}"


@task()
def produce_report(report_id: int) -> str:
    """The background task (django-tasks; ``manage.py db_worker`` runs it)."""
    return produce(report_id)
