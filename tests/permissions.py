"""One permission matrix: every request as every role, and every failing cell reported at once.

A cell is one request (method and URL) sent by one role with the Django test client. Each
cell runs in a savepoint that is rolled back afterwards, so a POST that is let in (and deletes a
row, say) changes nothing for the cells after it, and the order of the cells does not matter.

    assert_access(
        [get(edit_url), post(status_url, {"status": "open"})],
        {"anonymous": LOGIN, "citizen": 404, "other centre": 404, "centre": ALLOWED},
        {"anonymous": None, "citizen": citizen, "other centre": outsider, "centre": colleague},
    )

What a role may expect of a cell:

- ``LOGIN``: a redirect (302) to the login page — an anonymous visitor on a staff page;
- ``ALLOWED``: let in — a GET answers 200, a POST 200, 422 (a form with errors) or a redirect
  that is not to the login page; a request can name other statuses (``allowed=``);
- a status code (``404``), or several (``{200, 204}``).

A request can override the expectation for some roles (``expect={"participant": 404}``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client


class _Expectation:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


LOGIN = _Expectation("LOGIN")
ALLOWED = _Expectation("ALLOWED")

Expected = int | _Expectation | Iterable[int]

DEFAULT_ALLOWED = {"get": (200,), "post": (200, 302, 422)}


@dataclass(frozen=True)
class Call:
    """One request of the matrix. ``label`` names it in the report (e.g. the URL's name)."""

    method: str
    url: str
    data: Mapping = field(default_factory=dict)
    label: str = ""
    allowed: tuple[int, ...] = ()  # what ALLOWED means here; by default DEFAULT_ALLOWED
    expect: Mapping[str, Expected] = field(default_factory=dict)  # per-role overrides
    headers: Mapping[str, str] = field(default_factory=dict)  # e.g. {"HX-Request": "true"}

    def __post_init__(self) -> None:
        assert self.method in DEFAULT_ALLOWED, f"unknown method {self.method!r}"

    def __str__(self) -> str:
        where = f"{self.method.upper()} {self.url}"
        return f"{self.label} ({where})" if self.label else where

    @property
    def allowed_statuses(self) -> tuple[int, ...]:
        return self.allowed or DEFAULT_ALLOWED[self.method]


def get(url: str, **kwargs) -> Call:
    return Call("get", url, **kwargs)


def post(url: str, data: Mapping | None = None, **kwargs) -> Call:
    return Call("post", url, data or {}, **kwargs)


def login_url() -> str:
    return resolve_url(settings.LOGIN_URL)


def _is_login_redirect(response: HttpResponse) -> bool:
    return response.status_code == 302 and response.get("Location", "").startswith(login_url())


def _problem(response: HttpResponse, call: Call, expected: Expected) -> str | None:
    """Why ``response`` does not meet ``expected``, or None when it does."""
    status = response.status_code
    where = f" to {response['Location']}" if response.has_header("Location") else ""
    got = f"got {status}{where}"
    if expected is LOGIN:
        return None if _is_login_redirect(response) else f"expected LOGIN (302 to login), {got}"
    if expected is ALLOWED:
        if status in call.allowed_statuses and not _is_login_redirect(response):
            return None
        return f"expected ALLOWED {call.allowed_statuses}, {got}"
    statuses = {expected} if isinstance(expected, int) else set(expected)
    return None if status in statuses else f"expected {sorted(statuses)}, {got}"


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _send(client: Client, call: Call) -> HttpResponse:
    if call.method == "post":
        return client.post(call.url, dict(call.data), headers=dict(call.headers))
    return client.get(call.url, dict(call.data), headers=dict(call.headers))


def access_failures(
    calls: Iterable[Call],
    expected: Mapping[str, Expected],
    users: Mapping[str, object],
) -> tuple[int, list[str]]:
    """Run every call as every role; returns the number of cells and the failing ones, each as
    "<call> as <role>: <what went wrong>". A view that raises is a failing cell too."""
    assert set(expected) == set(users), "a role with no user, or a user with no expectation"
    clients = {role: _client(user) for role, user in users.items()}  # logged in once, kept
    cells = 0
    failures = []
    for call in calls:
        for role, client in clients.items():
            cells += 1
            expectation = call.expect.get(role, expected[role])
            try:
                with transaction.atomic():
                    response = _send(client, call)
                    transaction.set_rollback(True)
            except Exception as error:  # reported as a failing cell, with the others
                failures.append(f"{call} as {role}: raised {type(error).__name__}: {error}")
                continue
            problem = _problem(response, call, expectation)
            if response.streaming:
                # A file download holds its file open until read to the end; the test client
                # then closes it without closing the database connection (which a direct
                # response.close() would do on PostgreSQL, in the middle of the test).
                b"".join(response.streaming_content)
            if problem:
                failures.append(f"{call} as {role}: {problem}")
    return cells, failures


def assert_access(
    calls: Iterable[Call],
    expected: Mapping[str, Expected],
    users: Mapping[str, object],
) -> int:
    """Assert the whole matrix: ``users`` maps each role to its user (None: anonymous),
    ``expected`` each role to what it gets. Fails once, listing every failing cell. Returns the
    number of cells run."""
    calls = list(calls)
    cells, failures = access_failures(calls, expected, users)
    assert cells, "an empty matrix"
    if failures:
        lines = "\n  ".join(failures)
        raise AssertionError(f"{len(failures)} of {cells} cells failed:\n  {lines}")
    return cells
