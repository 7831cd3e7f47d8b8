"""seed_demo: idempotent, and its processes pass (or, for the draft, fail) the checks."""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from inddrag.accounts.models import User
from inddrag.principles.checks import blockers, run_checks
from inddrag.processes.models import Process


def _counts() -> dict[str, int]:
    models = [
        model
        for label in ("organisation", "accounts", "processes")
        for model in apps.get_app_config(label).get_models()
    ]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["participants"] = Process.participants.through.objects.count()
    counts["districts"] = Process.districts.through.objects.count()
    return counts


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_passes_the_checks() -> None:
    output = _seed()
    first = _counts()
    _seed()
    assert _counts() == first
    assert first["Process"] >= 7
    assert "planlaegger / inddrag-demo" in output

    processes = list(Process.objects.with_plan())
    drafts = [p for p in processes if p.status == Process.Status.DRAFT]
    assert drafts
    for process in processes:
        problems = blockers(run_checks(process))
        if process.status == Process.Status.DRAFT:
            assert problems, process.title
        else:
            assert not problems, (process.title, [p.message for p in problems])

    statuses = {p.status for p in processes if not p.is_case}
    assert statuses == set(Process.Status.values)


@pytest.mark.django_db
def test_the_case_never_shows_publicly() -> None:
    _seed()
    case = Process.objects.get(kind=Process.Kind.CASE)
    assert case.status == Process.Status.OPEN
    assert not Process.objects.public().filter(pk=case.pk).exists()
    assert set(case.participants.values_list("username", flat=True)) >= {"borger"}
    assert case.responsible.username == "sagsbehandler"


@pytest.mark.django_db
def test_demo_logins_keep_their_password_on_a_second_run() -> None:
    _seed()
    planner = User.objects.get(username="planlaegger")
    planner.set_password("changed-by-the-user")
    planner.save()
    _seed()
    planner.refresh_from_db()
    assert planner.check_password("changed-by-the-user")
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="borger").role == User.Role.CITIZEN
