"""Public pages to read answer only GET and HEAD: POST, PUT, PATCH and DELETE are a 405 (issue
#10, section 5), not the page again with a 200. The public URL patterns are read from the
resolver, so a new page is walked by itself; the few that take a form are named here."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from inddrag.processes.models import Process
from tests.factories import StaffFactory
from tests.factories.contributions import open_hearing

pytestmark = pytest.mark.django_db

# The public addresses that take a POST (and no PUT, PATCH or DELETE), and why.
FORMS = {
    "contributions:submit": "the contribution form on the process page",
    "cases:detail": "“Det vigtigste for mig” on the citizen's page of their case",
    "accounts:login": "the login form",
    "accounts:login_code": "the second step of a staff login: the code",
    "accounts:two_factor": "a staff member enrols an authenticator app",
    "accounts:logout": "logging out is a POST (Django's LogoutView)",
    "set_language": "the language switch in the footer",
    "cases:message": "a message from the citizen in their case (POST only, from Min sag)",
    "cases:hearing_answer": "the citizen's answer to a partshøring (POST only, from Min sag)",
    "cases:evaluation": "the citizen's evaluation after the decision (POST only, from Min sag)",
    "cases:meeting_pick": "the citizen picks a meeting time (POST only, from Min sag)",
    "cases:meeting_other_time": "the citizen asks for another meeting time (POST only)",
    "cases:meeting_needs": "the citizen's needs at a booked meeting (POST only, from Min sag)",
    "cases:grant": "the citizen gives someone access to their case (POST only, from Min sag)",
    "cases:withdraw_grant": "the citizen withdraws an access (POST only, from Min sag)",
    "accounts:saml_acs": "NemLog-in posts its answer (SAML, POST binding)",
    "contributions:evaluation": "the contributor's evaluation after the decision (e-mail link)",
    "contributions:receipt_evaluation": "the same evaluation, reached from the receipt page",
}
# Of those, the ones that answer only POST (their form is on another page).
POST_ONLY = {
    "accounts:logout",
    "cases:message",
    "cases:hearing_answer",
    "cases:evaluation",
    "cases:meeting_pick",
    "cases:meeting_other_time",
    "cases:meeting_needs",
    "cases:grant",
    "cases:withdraw_grant",
    "accounts:saml_acs",
}
# Not pages of ours: the API (django-ninja answers 405 per operation, see tests/api) and the
# admin (Django's); /metrics is a 404 to any method unless the scraper is allowed
# (tests/operations/test_metrics.py).
NOT_WALKED = ("api/", "admin/", "personale/", "metrics")
UNSAFE = ("post", "put", "patch", "delete")


def public_routes() -> dict[str, str]:
    found: dict[str, str] = {}

    def walk(patterns, namespace: str, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = ":".join(n for n in (namespace, pattern.namespace) if n)
                walk(pattern.url_patterns, inner, route)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found[f"{namespace}:{pattern.name}" if namespace else pattern.name] = route

    walk(get_resolver().url_patterns, "", "")
    return {n: r for n, r in found.items() if not r.startswith(NOT_WALKED)}


def address(route: str, process: Process) -> str:
    """The route with its path parameters filled: the open process's pk for every ``pk``
    (a 405 comes before any lookup, so other numbers need not exist)."""
    return "/" + re.sub(
        r"<(?:(\w+):)?(\w+)>",
        lambda m: str(process.pk) if m.group(1) == "int" else "ukendt-token",
        route,
    )


def test_every_public_page_is_walked():
    names = set(public_routes())
    assert set(FORMS) <= names
    assert {"processes:home", "processes:list", "processes:detail", "pages:principles"} <= names


@pytest.mark.parametrize("name", sorted(public_routes()))
def test_a_public_page_to_read_answers_405_to_anything_but_get(client, name):
    process, _activity = open_hearing()
    route = public_routes()[name]
    url = address(route, process)
    for method in UNSAFE:
        status = getattr(client, method)(url).status_code
        if name in FORMS and method == "post":
            assert status != 405, (name, method)
        else:
            assert status == 405, (name, method, status)
    if name not in POST_ONLY:
        assert client.get(url).status_code not in (405, 500)
    assert client.head(url).status_code != 405 or name in FORMS


def test_the_process_page_as_staff_is_read_only_too():
    """Being logged in changes nothing: the page is read, the form posts elsewhere."""
    process, _activity = open_hearing()
    client = Client()
    client.force_login(StaffFactory(centre=process.centre))
    assert client.post(process.get_absolute_url()).status_code == 405
    assert client.get(process.get_absolute_url()).status_code == 200
