"""Input that once crashed the API (issue #10, section 2): each is now a 4xx with a Danish
message. Run on PostgreSQL too: NUL, bigint and surrogate problems only show there."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from inddrag.contributions.models import Contribution
from inddrag.processes.models import Process
from tests.api.test_contributions_api import body, open_process, url
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db

UNSTORABLE = "Teksten indeholder tegn, der ikke kan gemmes."
HUGE = str(2**63)  # one past PostgreSQL's bigint


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.INDDRAG_API_RATE = "1000/m"


@pytest.fixture
def process() -> Process:
    return open_process()


def test_json_nested_100000_deep_is_422_not_a_recursion_error(client, process):
    nested = "[" * 100_000 + "]" * 100_000  # 200 kB
    for raw in (nested, '{"text": ' + nested + "}"):
        response = client.post(url(process), raw, content_type="application/json")
        assert response.status_code == 422
        assert response.json() == {
            "detail": [
                {"field": "body", "message": "Forespørgslens indhold er indlejret for dybt."}
            ]
        }
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("field", ["text", "name", "on_behalf_of", "email"])
def test_a_lone_surrogate_is_a_field_error(client, process, field):
    # json.dumps writes "\ud800" as the escape "\\ud800": what a client sends.
    raw = json.dumps(body(**{field: "Træer \ud800 tak"}))
    assert "\\ud800" in raw
    response = client.post(url(process), raw, content_type="application/json")
    assert response.status_code == 422
    messages = {e["field"]: e["message"] for e in response.json()["detail"]}
    assert field in messages
    if field != "email":  # an e-mail address is told it is not an e-mail address first
        assert messages[field] == UNSTORABLE
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("field", ["text", "name", "on_behalf_of"])
def test_a_nul_byte_is_a_field_error(client, process, field):
    response = client.post(
        url(process), body(**{field: "Træer\x00 tak"}), content_type="application/json"
    )
    assert response.status_code == 422
    assert {"field": field, "message": UNSTORABLE} in response.json()["detail"]


@pytest.mark.parametrize("key", ["a\x00b", "\x00", "æøå-\x01-\x7f"])
def test_an_idempotency_key_with_control_characters_works_as_a_key(client, process, key):
    """The key is only ever hashed (idempotency.services), never stored as text."""
    first = client.post(
        url(process), body(), content_type="application/json", headers={"Idempotency-Key": key}
    )
    again = client.post(
        url(process), body(), content_type="application/json", headers={"Idempotency-Key": key}
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["receipt_number"] == again.json()["receipt_number"]
    assert Contribution.objects.count() == 1


@pytest.mark.parametrize("path", ["/api/v1/processes", "contributions"])
@pytest.mark.parametrize(
    ("query", "items"),
    [
        ({"limit": HUGE}, 3),  # read as 100
        ({"limit": "9" * 40}, 3),
        ({"offset": HUGE}, 0),  # past the end: the empty page
        ({"offset": "9" * 40}, 0),
        ({"limit": HUGE, "offset": HUGE}, 0),
        ({"offset": 2}, 1),
    ],
)
def test_huge_limit_and_offset_are_read_within_the_list(client, path, query, items):
    process = open_process()
    for _ in range(2):
        ProcessFactory(status=Process.Status.OPEN)
    for n in range(3):
        assert client.post(url(process), body(text=f"Bidrag {n}"), content_type="application/json")
    address = url(process) if path == "contributions" else path
    response = client.get(address, query)
    assert response.status_code == 200, response.content
    assert response.json()["count"] == 3
    assert len(response.json()["items"]) == items


@pytest.mark.parametrize("path", ["/api/v1/processes", "contributions"])
@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"limit": "-1"}, "limit", "Skal være mindst 1."),
        ({"limit": "0"}, "limit", "Skal være mindst 1."),
        ({"offset": "-1"}, "offset", "Skal være mindst 0."),
        ({"offset": "-" + HUGE}, "offset", "Skal være mindst 0."),
        ({"limit": "ti"}, "limit", "Skal være et helt tal."),
        ({"offset": "1.5"}, "offset", "Skal være et helt tal."),
    ],
)
def test_a_limit_or_offset_that_is_no_count_is_422_in_danish(
    client, process, path, query, field, message
):
    address = url(process) if path == "contributions" else path
    response = client.get(address, query)
    assert response.status_code == 422
    assert response.json() == {"detail": [{"field": field, "message": message}]}


def test_the_openapi_schema_shows_the_maximum_limit(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/processes", "/api/v1/processes/{process_id}/contributions"):
        params = {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}
        assert params["limit"]["maximum"] == 100
        assert params["limit"]["minimum"] == 1
        assert params["offset"]["minimum"] == 0


@pytest.mark.parametrize("query", ["q=%00", "limit=1%00", "x%00=1"])
def test_a_nul_in_the_query_string_is_400(client, process, query):
    for address in ("/api/v1/processes", url(process)):
        response = client.get(f"{address}?{query}")
        assert response.status_code == 400
        assert response.json() == {"detail": "Adressen indeholder tegn, der ikke kan bruges."}


def test_an_unknown_huge_process_id_is_404(client):
    assert client.get(f"/api/v1/processes/{HUGE}").status_code == 404
    response = client.post(url(HUGE), body(), content_type="application/json")
    assert response.status_code == 404


def test_the_guard_for_recursion_covers_every_endpoint(client, monkeypatch):
    """A RecursionError anywhere in the API is a 400, not a 500."""
    from inddrag.api import processes

    def deep(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(processes, "load_plan", deep)
    process = ProcessFactory(status=Process.Status.OPEN)
    response = Client(raise_request_exception=False).get(f"/api/v1/processes/{process.pk}")
    assert response.status_code == 400
    assert response.json() == {"detail": "Forespørgslens indhold er indlejret for dybt."}
