"""JSON API v1: published projects only, stable field names, OpenAPI."""

from __future__ import annotations

import pytest

from inddrag.processes.models import Process
from tests.factories import FrameItemFactory, ProcessFactory, complete_project
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db


def test_list_contains_only_published_projects(client):
    public = complete_project(status=Process.Status.OPEN)
    complete_project(status=Process.Status.DRAFT)
    complete_project(kind=Process.Kind.CASE, status=Process.Status.OPEN)
    data = client.get("/api/v1/processes").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["id"] == public.pk
    assert item["status"] == "open"
    assert item["url"] == f"http://testserver/forloeb/{public.pk}/"
    assert set(item) == {
        "id",
        "title",
        "summary",
        "status",
        "url",
        "centre",
        "districts",
        "published_at",
    }


def test_list_paginates_with_limit_and_offset(client):
    for _ in range(5):
        ProcessFactory(status=Process.Status.OPEN)
    page = client.get("/api/v1/processes", {"limit": 2, "offset": 4}).json()
    assert page["count"] == 5
    assert len(page["items"]) == 1
    assert client.get("/api/v1/processes", {"limit": -1}).status_code == 422


@pytest.mark.parametrize("rows", [1, 50])
def test_list_query_count(client, django_assert_num_queries, rows):
    processes = [ProcessFactory(status=Process.Status.OPEN) for _ in range(rows)]
    response = assert_queries(
        django_assert_num_queries,
        3,
        lambda: client.get("/api/v1/processes"),
        shows=processes[-1].title,
    )
    assert response.json()["count"] == rows


def test_detail_has_frame_timeline_and_checks(client):
    process = complete_project(status=Process.Status.PUBLISHED)
    data = client.get(f"/api/v1/processes/{process.pk}").json()
    assert data["status"] == "published"
    assert data["url"].endswith(f"/forloeb/{process.pk}/")
    assert {
        "kind": "fixed",
        "text": "Antallet af boliger",
        "reason": "det er fastlagt i kommuneplanen.",
    } in data["frame"]
    assert data["influence_level"]["code"] == "consult"
    assert data["influence_level"]["promise"]
    assert data["activities"][0]["hearing_type"] == "local_plan"
    assert data["activities"][0]["feeds_milestone_id"] == data["milestones"][0]["id"]
    assert sorted(data["target_groups"]) == ["citizens", "employees"]
    codes = {c["code"] for c in data["checks"]}
    assert "p4_hearing_minimum" in codes
    assert all(c["severity"] in {"blocker", "warning", "ok"} for c in data["checks"])


def test_detail_is_404_for_drafts_cases_and_unknown(client):
    draft = complete_project(status=Process.Status.DRAFT)
    case = complete_project(kind=Process.Kind.CASE, status=Process.Status.OPEN)
    for pk in (draft.pk, case.pk, 999999):
        response = client.get(f"/api/v1/processes/{pk}")
        assert response.status_code == 404
        assert "Antallet" not in response.content.decode()


def test_html_in_text_is_returned_verbatim_as_json_string(client):
    process = complete_project(status=Process.Status.OPEN)
    FrameItemFactory(process=process, text="<script>alert(1)</script>")
    data = client.get(f"/api/v1/processes/{process.pk}").json()
    assert "<script>alert(1)</script>" in [i["text"] for i in data["frame"]]
    assert client.get(f"/api/v1/processes/{process.pk}")["Content-Type"].startswith(
        "application/json"
    )


@pytest.mark.parametrize("rows", [1, 50])
def test_detail_query_count(client, django_assert_num_queries, rows):
    process = complete_project(status=Process.Status.OPEN)
    for n in range(rows):
        FrameItemFactory(process=process, text=f"Punkt {n}")
    # The process with its plan (7) and its documents (no versions to fetch without any).
    response = assert_queries(
        django_assert_num_queries,
        10,
        lambda: client.get(f"/api/v1/processes/{process.pk}"),
        shows=f"Punkt {rows - 1}",
    )
    assert len(response.json()["frame"]) == rows + 2


def test_openapi_documents_the_fields(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/processes/{process_id}" in spec["paths"]
    schema = spec["components"]["schemas"]["ProcessOut"]["properties"]
    for field in (
        "status",
        "url",
        "frame",
        "influence_level",
        "phases",
        "activities",
        "milestones",
        "districts",
        "checks",
    ):
        assert field in schema
    docs = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in docs


def test_operation_ids_stay_as_first_published(client):
    """Clients are generated from the operation ids: moving a function must not rename them."""
    spec = client.get("/api/v1/openapi.json").json()
    ids = {
        (method, path): operation["operationId"]
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    }
    assert ids == {
        ("get", "/api/v1/processes"): "inddrag_api_api_list_processes",
        ("get", "/api/v1/processes/{process_id}"): "inddrag_api_api_get_process",
        ("get", "/api/v1/processes/{process_id}/contributions"): (
            "inddrag_api_contributions_list_contributions"
        ),
        ("post", "/api/v1/processes/{process_id}/contributions"): (
            "inddrag_api_contributions_submit_contribution"
        ),
    }
