"""API v1: the process's published documents, the recorded decision and the hearing memo."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from inddrag.documents.models import Document, DocumentVersion
from inddrag.memos.models import Memo
from inddrag.processes.models import Decision, Process
from tests.factories import complete_project
from tests.processes.outcome import document
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db


def _get(client, process: Process) -> dict:
    response = client.get(f"/api/v1/processes/{process.pk}")
    assert response.status_code == 200
    return response.json()


def test_before_anything_exists_the_fields_are_empty(client):
    process = complete_project(status=Process.Status.OPEN)
    data = _get(client, process)
    assert data["documents"] == []
    assert data["decision"] is None
    assert data["memo"] is None


def test_documents_list_only_published_versions(client):
    process = complete_project(status=Process.Status.OPEN)
    doc, hearing, draft_final = document(process, final_published=False)
    hearing.source_file.save("forslag.docx", ContentFile(b"PK"), save=True)
    Document.objects.create(process=process, title="Kladde uden udgaver")
    data = _get(client, process)
    assert len(data["documents"]) == 1
    (item,) = data["documents"]
    assert item["id"] == doc.pk
    assert item["title"] == "Forslag til lokalplan 7"
    assert item["kind"] == "local_plan"
    (version,) = item["versions"]
    assert version == {
        "id": hearing.pk,
        "label": "hearing",
        "label_display": "Høringsudgave",
        "dated": "2027-03-01",
        "url": f"http://testserver/dokumenter/udgave/{hearing.pk}/",
        "file_url": f"http://testserver/dokumenter/udgave/{hearing.pk}/fil/",
    }
    assert draft_final.pk not in [v["id"] for v in item["versions"]]


def test_a_version_without_a_file_has_no_file_url(client):
    process = complete_project(status=Process.Status.OPEN)
    document(process, final_published=True)
    versions = _get(client, process)["documents"][0]["versions"]
    assert [v["label"] for v in versions] == ["hearing", "final"]
    assert all(v["file_url"] is None for v in versions)


def test_the_decision_once_decided(client):
    process = complete_project(status=Process.Status.DECIDED)
    _doc, _hearing, final = document(process, final_published=True)
    milestone = process.milestones.get()
    Decision.objects.create(
        process=process,
        body=milestone.body,
        meeting_date=datetime.date(2027, 6, 1),
        agenda_title="Punkt 4",
        agenda_url="https://dagsorden.example/4",
        text="Vedtaget.",
        final_version=final,
    )
    decision = _get(client, process)["decision"]
    assert decision == {
        "body": milestone.body.name,
        "body_kind": "committee",
        "meeting_date": "2027-06-01",
        "agenda_title": "Punkt 4",
        "agenda_url": "https://dagsorden.example/4",
        "text": "Vedtaget.",
        "final_version_id": final.pk,
    }
    DocumentVersion.objects.filter(pk=final.pk).update(published=False)
    assert _get(client, process)["decision"]["final_version_id"] is None


def test_the_memo_links_to_the_published_memo_only(client):
    process = complete_project(status=Process.Status.PROCESSING)
    Memo.objects.create(process=process, status=Memo.Status.RUNNING)
    assert _get(client, process)["memo"] is None
    Memo.objects.create(process=process, status=Memo.Status.DONE, finished_at=timezone.now())
    assert _get(client, process)["memo"] is None  # finished, but staff have not published it
    Memo.objects.create(
        process=process,
        status=Memo.Status.DONE,
        finished_at=timezone.now(),
        published_at=timezone.now(),
    )
    assert _get(client, process)["memo"] == {
        "docx": f"http://testserver/forloeb/{process.pk}/hoeringsnotat.docx",
        "pdf": f"http://testserver/forloeb/{process.pk}/hoeringsnotat.pdf",
    }


@pytest.mark.parametrize("rows", [1, 20])
def test_detail_query_count_with_documents_and_a_decision(client, django_assert_num_queries, rows):
    process = complete_project(status=Process.Status.DECIDED)
    final = None
    for n in range(rows):
        _doc, _hearing, final = document(process, final_published=True, title=f"Dokument {n}")
    Decision.objects.create(
        process=process,
        body=process.milestones.get().body,
        meeting_date=datetime.date(2027, 6, 1),
        agenda_title="Punkt 4",
        text="Vedtaget.",
        final_version=final,
    )
    Memo.objects.create(process=process, status=Memo.Status.DONE, published_at=timezone.now())
    # The process with its plan, decision and memo flag (7), documents, versions.
    response = assert_queries(
        django_assert_num_queries,
        11,
        lambda: client.get(f"/api/v1/processes/{process.pk}"),
        shows=f"Dokument {rows - 1}",
    )
    data = response.json()
    assert len(data["documents"]) == rows
    assert data["decision"]["final_version_id"] == final.pk


def test_openapi_documents_the_new_fields(client):
    spec = client.get("/api/v1/openapi.json").json()
    schema = spec["components"]["schemas"]["ProcessOut"]["properties"]
    for field in ("documents", "decision", "memo"):
        assert field in schema
    assert "DecisionOut" in spec["components"]["schemas"]
    assert "VersionOut" in spec["components"]["schemas"]
