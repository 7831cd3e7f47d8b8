"""No input makes the server answer 5xx (issue #10, section 2): generated bodies and parameters
thrown at every URL.

The URL patterns are read from the resolver (as ``test_url_patterns.py`` does), so a new page
is fuzzed by itself; its path parameters are filled with real objects of one open project (the
world of ``test_access_matrix.py``: a contribution with a finding and an attachment, a memo, a
topic, a hearing-list entry, a document with two versions). Then, with Hypothesis:

- every URL gets generated form bodies by POST (the field names of the page's own forms, read
  from its HTML, and of every other page, with hostile values: NUL, huge and negative numbers,
  markup, long text, bytes that are no UTF-8, files with random names and contents); staff URLs
  are posted to as staff of the process's centre, the others anonymously;
- the API's contribution endpoint gets generated JSON (any JSON value, and objects with its
  fields holding any JSON value, lone surrogates included) and multipart bodies;
- every URL gets generated query strings by GET (the page's own parameter names and others).

Every request runs in a savepoint that is rolled back, so one example does not change the next
(and on PostgreSQL an error cannot poison the ones after it). The numbers of examples are fixed
and the examples derandomized, so CI runs the same inputs every time. The count of requests
is printed (``-s``) and is in docs/security.md.
"""

from __future__ import annotations

import datetime
import io
import json
import logging
import re
import secrets
import time
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes, urlencode

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inddrag.contributions import services as contribution_services
from inddrag.contributions.models import Contribution
from inddrag.processes.models import Activity, Decision, Process
from tests.factories import ActivityFactory, DecisionBodyFactory, StaffFactory, complete_project
from tests.factories.contributions import ContributionFactory
from tests.factories.stakeholders import HearingDutyFactory, StakeholderFactory, invite
from tests.test_access_matrix import PAGES, world

pytestmark = pytest.mark.django_db

# Examples per URL and method; the contribution API, the front door for integrations, gets more.
POST_EXAMPLES = 6
GET_EXAMPLES = 4
QUERY_EXAMPLES = 30  # a page with query parameters of its own (filters, search, paging)
COMMON = ["side", "q", "limit", "offset", "page"]
API_EXAMPLES = 100

# Django's admin is Django's; the API's documentation page is a static page of django-ninja.
SKIPPED = ("admin/",)
# Logging out as the fuzzing staff member would leave the rest of the walk logged out.
NOT_POSTED = {"accounts:logout"}

FUZZ = settings(
    max_examples=POST_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

requests_sent: Counter[str] = Counter()
seconds: Counter[str] = Counter()


# --- The URLs and their arguments --------------------------------------------------------------


def routes() -> dict[str, str]:
    found: dict[str, str] = {}

    def walk(patterns, namespace: str, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = ":".join(n for n in (namespace, pattern.namespace) if n)
                walk(pattern.url_patterns, inner, route)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or route
                found[f"{namespace}:{name}" if namespace else name] = route

    walk(get_resolver().url_patterns, "", "")
    return {n: r for n, r in found.items() if not r.startswith(SKIPPED)}


class Fixture:
    """One open project with every kind of object a URL names, and the values for each path
    parameter."""

    def __init__(self) -> None:
        process = complete_project(status=Process.Status.OPEN, review_before_publishing=False)
        now = timezone.now()
        ActivityFactory(  # open now, so the contribution form and the API take posts
            process=process,
            method=Activity.Method.HEARING,
            starts_at=now - datetime.timedelta(days=3),
            ends_at=now + datetime.timedelta(days=3),
        )
        self.world = world(process)
        self.staff = StaffFactory(centre=process.centre)
        # The evaluation report's filters are fuzzed too (a 404 without the permission).
        self.staff.user_permissions.add(Permission.objects.get(codename="view_evaluation_report"))
        # … and the principles' forms (a 404 without the permission).
        self.staff.user_permissions.add(Permission.objects.get(codename="change_policy"))
        result = contribution_services.submit(
            process,
            contribution_services.SubmissionData(
                text="Flere træer.", speaking_as="private", consent="anonymous"
            ),
            [],
        )
        self.receipt_token = result.token
        _entry, self.invitation_token = invite(process, StakeholderFactory())
        # A decided project whose contributor may evaluate it (the evaluation's two links).
        decided = complete_project(status=Process.Status.DECIDED, centre=process.centre)
        Decision.objects.create(
            process=decided,
            body=DecisionBodyFactory(),
            meeting_date=now.date(),
            agenda_title="Punkt 1",
            text="Vedtaget.",
        )
        self.decided_receipt = secrets.token_urlsafe(32)
        self.evaluation_token = secrets.token_urlsafe(32)
        ContributionFactory(
            process=decided,
            receipt_number="B-EVALUERING",
            access_token_hash=Contribution.hash_token(self.decided_receipt),
            evaluation_token_hash=Contribution.hash_token(self.evaluation_token),
        )
        self.duty_pk = HearingDutyFactory().pk

    def url(self, name: str, route: str) -> str:
        w = self.world
        if name in PAGES:  # a staff page of the process: as the access matrix calls it
            values = w.arguments(route, PAGES[name])
        else:
            values = {
                "pk": w.process.pk,
                "process_id": w.process.pk,
                "token": self.receipt_token,
                "from_pk": w.hearing.pk,
                "to_pk": w.final.pk,
                "grant_pk": 1,
                # A case's document: this world's process is a project, so "Min sag" and its
                # documents are a 404 here — the input still reaches the URL resolver and view.
                "file_pk": 1,
                "meeting_pk": 1,  # a meeting of a case: a 404 here, as "file_pk"
                "kind": "pdf",  # an evaluation report's file: none exists here, a 404
            }
            if name == "stakeholders:invitation":
                values["token"] = self.invitation_token
            elif name == "contributions:evaluation":
                values["token"] = self.evaluation_token
            elif name == "contributions:receipt_evaluation":
                values["token"] = self.decided_receipt
            elif name.startswith("staff:stakeholders:duty"):
                values["pk"] = self.duty_pk
            elif name.startswith("staff:stakeholders:"):
                values["pk"] = w.entry.stakeholder_id
            elif name in ("documents:version", "documents:download"):
                values["pk"] = w.hearing.pk
            elif name == "contributions:attachment":
                values["pk"] = w.attachment.pk
            elif name == "staff:principles:principle":
                values["number"] = 1
            elif name == "staff:principles:threshold":
                values["slug"] = "bredde"
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


class FormNames(HTMLParser):
    """The names of a page's form fields, which of them take files, and which belong to a form
    sent by GET (the page's own query parameters: filters, search, paging)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.files: set[str] = set()
        self.query: set[str] = set()
        self.method = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.method = (attributes.get("method") or "get").lower()
        if tag == "a" and "?side=" in (attributes.get("href") or ""):  # the paging links
            self.query.add("side")
        name = attributes.get("name")
        if tag in ("input", "select", "textarea", "button") and name:
            if name == "csrfmiddlewaretoken":
                return
            (self.files if attributes.get("type") == "file" else self.names).add(name)
            if self.method == "get":
                self.query.add(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.method = ""


def api_parameters(client: Client) -> dict[str, set[str]]:
    """The query parameters of each API path, from its OpenAPI schema."""
    schema = client.get("/api/v1/openapi.json").json()
    return {
        path.lstrip("/"): {
            p["name"]
            for operation in operations.values()
            for p in operation.get("parameters", [])
            if p["in"] == "query"
        }
        for path, operations in schema["paths"].items()
    }


# --- What is thrown -----------------------------------------------------------------------------

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "0",
    "1",
    "-1",
    str(2**31),
    str(2**63),
    str(-(2**63) - 1),
    "9" * 40,
    "1e309",
    "NaN",
    "1.5",
    "true",
    "null",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    "'; DROP TABLE x; --",
    "../../etc/passwd",
    "%00",
    "\u202eevil",
    "æøå ÆØÅ „citat“",
    "👍🏽",
    "x" * 5000,
    "2026-02-30",
    "2026-03-29T02:30",
    "9999-12-31T23:59",
    "0000-00-00",
    "approved",
    "open",
    "private",
    "anonymous",
    "docx",
]
# What an HTTP form can carry: any text but lone surrogates (a browser cannot encode them).
TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.integers().map(str),
)


def form_bodies(names: list[str], files: list[str]):
    keys = st.one_of(st.sampled_from(names), st.sampled_from(names), TEXT) if names else TEXT
    fields = st.dictionaries(keys, st.lists(TEXT, min_size=1, max_size=3), max_size=8)
    uploads = st.dictionaries(
        st.sampled_from(files or ["attachments", "file"]),
        st.tuples(
            st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40),
            st.binary(max_size=300)
            | st.sampled_from([b"%PDF-1.4\n%%EOF", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n"]),
        ),
        max_size=2,
    )
    return st.tuples(fields, uploads)


EXTREMES = [0, -1, 1, 100, 101, 2**31, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30, "9" * 30]
VALUES = st.one_of(st.sampled_from(EXTREMES).map(str), st.integers().map(str), TEXT)


def query_strings(own: list[str], others: list[str]):
    """The page's own parameters (filters, search, paging) with numbers at and past every
    limit, hostile text, or bytes that are no UTF-8; and now and then other names."""
    mine = st.dictionaries(st.sampled_from(own), VALUES, min_size=1) if own else st.just({})
    extra = st.dictionaries(st.one_of(st.sampled_from(others), TEXT), VALUES, max_size=2)
    plain = st.tuples(mine, extra).map(lambda pair: urlencode({**pair[1], **pair[0]}))
    raw = st.tuples(st.sampled_from(own or others), st.binary(max_size=30)).map(
        lambda pair: f"{pair[0]}={quote_from_bytes(pair[1])}"
    )
    return st.one_of(plain, plain, raw)


# Lone surrogates: no HTTP form can carry one, but a JSON escape ("\\ud800") can.
SURROGATES = st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1)
JSON_TEXT = st.one_of(
    st.text(max_size=30),
    st.tuples(st.text(max_size=10), SURROGATES).map("".join),
    st.sampled_from(HOSTILE),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | JSON_TEXT,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
API_FIELDS = [
    "text",
    "speaking_as",
    "consent",
    "on_behalf_of",
    "name",
    "email",
    "district_id",
    "age_band",
    "files",
]
VALID = {
    "text": "Flere træer.",
    "speaking_as": "private",
    "consent": "name",
    "name": "Anna Jensen",
    "email": "anna@example.dk",
}
# A valid contribution with one to three fields replaced: so a value gets past the other
# fields' checks and reaches the deeper code (the digest, the database, the e-mail).
CONTRIBUTION = st.dictionaries(
    st.sampled_from(API_FIELDS), st.one_of(JSON_TEXT, JSON), min_size=1, max_size=3
).map(lambda changes: {**VALID, **changes})
JSON_BODIES = st.one_of(
    CONTRIBUTION.map(json.dumps),
    CONTRIBUTION.map(json.dumps),
    JSON.map(json.dumps),
    st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
    st.sampled_from([10, 999, 1001, 5000, 100_000]).map(lambda n: "[" * n + "]" * n),
)


def upload(name: str, content: bytes) -> io.BytesIO:
    """A file as the test client sends it, under any name (also "/" or "" — which
    ``SimpleUploadedFile`` itself would refuse before the server saw it)."""
    file = io.BytesIO(content)
    file.name = name
    return file


# --- Sending ----------------------------------------------------------------------------------


def send(client: Client, label: str, method: str, url: str, **kwargs) -> int:
    """One request in a savepoint that is rolled back; its status."""
    requests_sent[label] += 1
    started = time.perf_counter()
    with transaction.atomic():
        response = getattr(client, method)(url, **kwargs)
        transaction.set_rollback(True)
    seconds[label] += time.perf_counter() - started
    return response.status_code


def assert_no_5xx(status: int, what: str) -> None:
    assert status < 500, what


@pytest.fixture
def fixture(settings):
    settings.INDDRAG_API_RATE = "100000/m"
    settings.INDDRAG_FORM_RATE = "100000/m"
    # Thousands of 4xx warnings are expected here; a 5xx still fails the test.
    quiet = [logging.getLogger(name) for name in ("django.request", "inddrag")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.CRITICAL)
    yield Fixture()
    for logger, level in zip(quiet, levels, strict=True):
        logger.setLevel(level)


def clients(fixture: Fixture) -> tuple[Client, Client]:
    anonymous = Client(raise_request_exception=True)
    staff = Client(raise_request_exception=True)
    staff.force_login(fixture.staff)
    return anonymous, staff


def pages(fixture: Fixture, staff: Client, anonymous: Client) -> list[tuple[str, str, Client]]:
    """Every URL (name, address, the client that uses it)."""
    found = []
    for name, route in sorted(routes().items()):
        client = staff if name.startswith("staff:") else anonymous
        found.append((name, fixture.url(name, route), client))
    return found


def form_names(pages_: list[tuple[str, str, Client]]) -> dict[str, FormNames]:
    """The form field names each page shows (read from its HTML)."""
    names = {}
    for name, url, client in pages_:
        parser = FormNames()
        response = client.get(url)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            parser.feed(response.content.decode())
        names[name] = parser
    return names


def test_every_url_survives_generated_form_posts(fixture):
    anonymous, staff = clients(fixture)
    walked = pages(fixture, staff, anonymous)
    names = form_names(walked)
    vocabulary = sorted({n for parser in names.values() for n in parser.names})
    file_names = sorted({n for parser in names.values() for n in parser.files})
    assert len(walked) > 70 and "text" in vocabulary and "attachments" in file_names

    for name, url, client in walked:
        if name in NOT_POSTED:
            continue
        own = sorted(names[name].names)

        @FUZZ
        @given(form_bodies(own + vocabulary, sorted(names[name].files) + file_names))
        def post(body):
            fields, uploads = body
            data = {key: values for key, values in fields.items()}
            for key, (file_name, content) in uploads.items():
                data[key] = upload(file_name, content)
            status = send(client, f"POST {name}", "post", url, data=data)  # noqa: B023
            assert_no_5xx(status, f"POST {url} {fields!r}")  # noqa: B023

        post()  # runs now, in this iteration: the loop variables are the ones meant
    print(f"\nform posts: {sum(requests_sent.values())} to {len(walked)} URLs")


def test_every_url_survives_generated_query_strings(fixture):
    anonymous, staff = clients(fixture)
    walked = pages(fixture, staff, anonymous)
    names = form_names(walked)
    api = api_parameters(anonymous)
    before = sum(requests_sent.values())
    with_parameters = []
    for name, url, client in walked:
        path = re.sub(r"/\d+", "/{process_id}", url.lstrip("/"))
        own = sorted(names[name].query | api.get(path, set()))
        others = sorted(names[name].names - names[name].query) + COMMON

        @settings(FUZZ, max_examples=QUERY_EXAMPLES if own else GET_EXAMPLES)
        @given(query_strings(own, others))
        def get(query):
            status = send(client, f"GET {name}", "get", f"{url}?{query}")  # noqa: B023
            assert_no_5xx(status, f"GET {url}?{query}")  # noqa: B023

        get()  # runs now, in this iteration
        if own:
            with_parameters.append(name)
    print(f"\nquery strings: {sum(requests_sent.values()) - before} to {len(walked)} URLs")
    print(f"{QUERY_EXAMPLES} each to those with parameters of their own: {with_parameters}")


def test_the_contribution_api_survives_generated_json_and_multipart(fixture):
    anonymous, _staff = clients(fixture)
    url = f"/api/v1/processes/{fixture.world.process.pk}/contributions"
    before = sum(requests_sent.values())

    @settings(FUZZ, max_examples=API_EXAMPLES)
    @given(
        JSON_BODIES,
        st.sampled_from(["application/json", "application/merge-patch+json", "text/plain"]),
        st.one_of(st.none(), st.text(st.characters(max_codepoint=255), max_size=120)),
    )
    def post_json(raw, content_type, key):
        headers = {"Idempotency-Key": key} if key is not None else {}
        status = send(
            anonymous,
            "POST api json",
            "post",
            url,
            data=raw,
            content_type=content_type,
            headers=headers,
        )
        assert_no_5xx(status, f"POST {url} {raw[:200]!r} {key!r}")

    @settings(FUZZ, max_examples=API_EXAMPLES // 2)
    @given(form_bodies(API_FIELDS, ["files"]))
    def post_multipart(body):
        fields, uploads = body
        data = {key: values for key, values in fields.items()}
        for key, (file_name, content) in uploads.items():
            data[key] = upload(file_name, content)
        status = send(anonymous, "POST api multipart", "post", url, data=data)
        assert_no_5xx(status, f"POST {url} {fields!r}")

    post_json()
    post_multipart()
    print(f"\ncontribution API: {sum(requests_sent.values()) - before} requests")
    print(f"slowest: {[(label, round(spent, 2)) for label, spent in seconds.most_common(3)]}")
