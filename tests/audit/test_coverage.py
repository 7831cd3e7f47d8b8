"""Every staff page and admin page that shows personal data leaves an access log row.

The staff URLs are read from the resolver (``tests.test_access_matrix.staff_routes``), not
listed by hand, and each is fetched (GET) with a private case and a stakeholder with contact
details present, filling the path with the case and its contributions, documents, memos and
hearing list (``world``), as a member of staff who takes part in the case. Then the same with a
public project. A page that answers 200 must leave a "view" row — or be named below with the
reason it shows no personal data. A new staff page fails here until someone decides which.

The Django admin: every registered model either holds personal data, and its list, change page
and history are logged, or is named below with its reason.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.processes.models import Process
from inddrag.stakeholders.models import HearingDuty, Stakeholder
from tests.factories import StaffFactory, UserFactory, complete_project
from tests.factories.stakeholders import StakeholderFactory
from tests.test_access_matrix import NOT_OF_A_PROCESS, PAGES, Page, World, staff_routes, world

pytestmark = pytest.mark.django_db

CASE = "processes.process"

# Staff pages that show no personal data — with the reason. On a case, every page of the case
# shows personal data (the case is about a citizen), so this holds only pages of no one process.
NO_PERSONAL_DATA = {
    "staff:processes:create": "an empty form",
    "staff:cases:create": "an empty form (the citizen is typed in, not chosen from a list)",
    "staff:cases:evaluation_report": "anonymous evaluations counted (no citizen, case or "
    "caseworker; never under 5), comments screened for personal data",
    "staff:cases:evaluation_report_csv": "the same counts as the evaluation report",
    "staff:evaluation:indicators": "indicators counted over public projects and cases (no case "
    "named; the citizens' evaluations never under 5)",
    "staff:evaluation:behind": "the public projects behind a figure; cases only counted",
    "staff:evaluation:rounds": "evaluation rounds: titles, deadlines, counts of assessments",
    "staff:evaluation:round": "a round's assessments: committees, centres and the staff preparing",
    "staff:evaluation:round_create": "a form choosing staff as preparers",
    "staff:evaluation:round_edit": "a form choosing staff as preparers",
    "staff:evaluation:round_publish": "POST only: publishes the round (logged as a change)",
    "staff:evaluation:assessment": "an assessment of the principles: counts and texts written for "
    "publication (personal data refused in them)",
    "staff:evaluation:round_report": "POST only: makes a report (logged as a change)",
    "staff:evaluation:assessment_report": "POST only: makes a report (logged as a change)",
    "staff:evaluation:report_progress": "a report's progress and its download links",
    "staff:evaluation:report_download": "a report: indicators, the assessments' texts and the "
    "public projects behind; cases only counted",
    "staff:stakeholders:list": "names, types and districts; no contact details (those are on the "
    "stakeholder's page, which is logged)",
    "staff:stakeholders:create": "an empty form",
    "staff:stakeholders:duties": "statutory duties: a stakeholder's name and the law",
    "staff:stakeholders:duty_create": "a form choosing a stakeholder by name",
    "staff:stakeholders:duty_edit": "a form choosing a stakeholder by name",
    "staff:stakeholders:import": "an empty upload form",
    "staff:principles:overview": "the municipality's principles, thresholds and their history "
    "(the administrators who changed them by name)",
    "staff:principles:principle": "a form with a principle's wording",
    "staff:principles:threshold": "a form with a threshold's value",
}

# The pages of a public project that show no personal data — the municipality's own work. Its
# contributions (the inbox, one contribution, its attachments, the topics, the hearing memo,
# linking a change to contributions) are personal data and are logged.
NO_PERSONAL_DATA_IN_A_PROJECT = {
    "staff:processes:edit": "the frame, phases, activities and decision points; staff names",
    "staff:processes:checks": "the principle checks: counts, no one named",
    "staff:processes:decision": "the decision form and counts of answers and contributors",
    "staff:processes:row_edit": "a row of the frame, a phase, an activity or a decision point",
    "staff:contributions:register": "an empty form",
    "staff:contributions:publish": "counts of answers to publish and contributors to e-mail",
    "staff:documents:list": "the municipality's documents",
    "staff:documents:document": "the municipality's document and its versions",
    "staff:documents:version": "a version of the document and how many comments each part has",
    "staff:documents:download": "the municipality's document file",
    "staff:documents:compare": "two versions of the document",
    "staff:memos:progress": "whether the memo files are being made",
    "staff:analysis:progress": "whether the analysis is running, and how many it read",
    "staff:memos:publish": "a confirmation: what becomes public and where",
    "staff:stakeholders:hearing_list": "the organisations on the hearing list by name; no contact "
    "details",
    "staff:stakeholders:breadth": "who took part, counted by group (groups under 5 left out)",
}

# Admin pages. Models whose admin shows personal data: list, change page and history logged.
ADMIN_PERSONAL_DATA = {
    "accounts.user",
    "audit.accesslog",
    "stakeholders.stakeholder",
    # django-axes: login attempts with user names and addresses
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
}
ADMIN_WITHOUT_PERSONAL_DATA = {
    "operations.scheduledrun": "the daily jobs: name, day, outcome, the command's counts",
    "auth.group": "permission groups",
    "django_tasks_database.dbtaskresult": "background tasks: the ids they were given",
    "organisation.centre": "reference data",
    "cases.casetype": "reference data: case types, their law, default frame and steps",
    "privacy.retentionrun": "counts per kind of data removed, and the staff member who erased",
    "organisation.decisionbody": "reference data",
    "organisation.district": "reference data",
    "organisation.electionperiod": "reference data",
    "stakeholders.topic": "reference data",
    "stakeholders.hearingduty": "a stakeholder's name and the law; no contact details",
    "stakeholders.hearinglistentry": "a stakeholder and a process by name; no contact details",
    "stakeholders.populationfigure": "population counts per district and age band",
}


def _arguments(name: str, route: str, w: World, stakeholder: Stakeholder, duty) -> dict:
    if name == "staff:principles:principle":
        return {"number": 1}
    if name == "staff:principles:threshold":
        return {"slug": "bredde"}
    if name in NOT_OF_A_PROCESS:
        if "<int:pk>" not in route:
            return {}
        values = {"pk": duty.pk if "pligter" in route else stakeholder.pk}
        if "<str:kind>" in route:  # an evaluation report's file
            values["kind"] = "pdf"
        return values
    return w.arguments(route, PAGES[name])


def _walk(w: World, user, *, stakeholder: Stakeholder, duty) -> dict[str, tuple[int, list]]:
    """GET every staff URL; for each, its status and the access log rows it wrote."""
    client = Client()
    client.force_login(user)
    seen: dict[str, tuple[int, list]] = {}
    for name, route in sorted(staff_routes().items()):
        page = PAGES.get(name, Page())
        url = reverse(name, kwargs=_arguments(name, route, w, stakeholder, duty))
        last = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = client.get(url, headers=page.headers)
        rows = list(
            AccessLog.objects.filter(pk__gt=last).values_list(
                "action", "object_type", "object_id", "user_id"
            )
        )
        assert len(rows) == len(set(rows)), f"{name}: logged twice: {rows}"
        assert all(r[0] == AccessLog.Action.VIEW and r[3] == user.pk for r in rows), (name, rows)
        seen[name] = (response.status_code, [(t, i) for _a, t, i, _u in rows])
    return seen


def _expected_status(name: str, *, case: bool) -> int:
    """200, but a POST-only page is a 405 and a page a case does not have a 404."""
    page = PAGES.get(name)
    if name.startswith(("staff:cases:evaluation_report", "staff:principles:")):
        # Only with the permission, a 404 to other staff: the case walk's member of staff has
        # it (the evaluation report's and the principles'), the project walk's has not.
        return 200 if case else 404
    if name.startswith(
        ("staff:evaluation:round_", "staff:evaluation:assessment", "staff:evaluation:report_")
    ) or (name == "staff:evaluation:round"):
        # No round exists in this walk, and creating one needs the permission: their pages
        # write no view entry (tests/evaluation/test_rounds.py and test_reports.py, with one).
        post_only = (
            "staff:evaluation:round_publish",
            "staff:evaluation:round_report",
            "staff:evaluation:assessment_report",
        )
        return 405 if name in post_only else 404
    if name.startswith("staff:privacy:"):
        # Only for the data-protection role (a 404 to other staff); its search, export and
        # erase log one row per record found: tests/privacy/test_person.py.
        return 404
    if name in ("staff:stakeholders:toggle_active", "staff:stakeholders:duty_delete") or (
        name == "staff:stakeholders:import_save"
    ):
        return 405
    if page is None:
        return 200
    if page.cases_only and not case:
        return 404
    if "get" not in page.methods:
        return 404 if case and page.projects_only else 405
    return 404 if case and page.projects_only else 200


@pytest.fixture
def registry():
    stakeholder = StakeholderFactory(
        contact_name="Karen Blixen", email="karen@forening.example", phone="44 77 12 34"
    )
    duty = HearingDuty.objects.create(stakeholder=stakeholder, legal_basis="Planloven § 24")
    return stakeholder, duty


def test_every_staff_page_of_a_case_that_answers_is_logged(registry):
    stakeholder, duty = registry
    case = complete_project(kind=Process.Kind.CASE, status=Process.Status.OPEN)
    staff = StaffFactory()
    staff.user_permissions.add(Permission.objects.get(codename="view_evaluation_report"))
    staff.user_permissions.add(Permission.objects.get(codename="change_policy"))
    case.participants.add(staff, UserFactory())
    seen = _walk(world(case), staff, stakeholder=stakeholder, duty=duty)

    assert {n: s for n, (s, _) in seen.items() if s != _expected_status(n, case=True)} == {}
    answered = {n: rows for n, (s, rows) in seen.items() if s == 200}
    assert len(answered) >= 25
    for name, rows in answered.items():
        if name in NO_PERSONAL_DATA:
            assert rows == [], f"{name} is listed as showing no personal data, but logged {rows}"
        elif name == "staff:stakeholders:export_csv" or name == "staff:stakeholders:export_xlsx":
            assert rows == [("stakeholders.stakeholder", None)], name
        elif name in ("staff:stakeholders:detail", "staff:stakeholders:edit"):
            assert rows == [("stakeholders.stakeholder", stakeholder.pk)], name
        else:  # the dashboard (listing the case) and every page of the case
            assert (CASE, case.pk) in rows, f"{name} showed the case without logging it: {rows}"
    # Nothing that answered 405 or 404 was logged.
    assert all(rows == [] for s, rows in seen.values() if s != 200)


def test_every_staff_page_of_a_project_with_contributors_data_is_logged(registry):
    stakeholder, duty = registry
    project = complete_project(status=Process.Status.OPEN)
    staff = StaffFactory(centre=project.centre)
    w = world(project)
    seen = _walk(w, staff, stakeholder=stakeholder, duty=duty)

    assert {n: s for n, (s, _) in seen.items() if s != _expected_status(n, case=False)} == {}
    of_the_project = {n for n in seen if n not in NOT_OF_A_PROCESS and n != "staff:dashboard"}
    answered = {n: rows for n, (s, rows) in seen.items() if s == 200 and n in of_the_project}
    unlogged = {n for n, rows in answered.items() if not rows}
    # Exactly the pages named as showing no personal data leave no row: a new page that shows
    # some fails here, and so does a name left behind here when a page starts logging.
    assert unlogged == set(NO_PERSONAL_DATA_IN_A_PROJECT), unlogged ^ set(
        NO_PERSONAL_DATA_IN_A_PROJECT
    )
    logged = {n: rows for n, rows in answered.items() if rows}
    assert logged["staff:contributions:detail"] == [
        ("contributions.contribution", w.contribution.pk)
    ]
    assert logged["staff:contributions:attachment"] == [
        ("contributions.contribution", w.contribution.pk)
    ]
    for name in (
        "staff:contributions:inbox",
        "staff:memos:topics",
        "staff:memos:preview",
        "staff:memos:download",
        "staff:documents:link",
    ):
        assert logged[name] == [(CASE, project.pk)], name
    # A dashboard of projects only names no one.
    assert seen["staff:dashboard"] == (200, [])


def _admin_urls(model, pk) -> list[str]:
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    return [
        reverse(f"{info}_changelist"),
        reverse(f"{info}_change", args=[pk]),
        reverse(f"{info}_history", args=[pk]),
    ]


def _failed_logins(username: str) -> None:
    """Rows in django-axes' three tables, through a real failed login and a good one."""
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as LoginLog

    client = Client()
    url = reverse("accounts:login")
    client.post(url, {"username": username, "password": "forkert"})
    client.post(url, {"username": "nobody", "password": "forkert"})
    assert AccessAttempt.objects.exists()
    AccessFailureLog.objects.create(username=username, ip_address="192.0.2.1", path_info=url)
    user = UserFactory(username="axes-walk")
    user.set_password("rigtig-kode-1")
    user.save()
    client.post(url, {"username": "axes-walk", "password": "rigtig-kode-1"})
    assert LoginLog.objects.exists()


def test_every_admin_page_with_personal_data_is_logged(registry):
    stakeholder, _duty = registry
    superuser = UserFactory(is_staff=True, is_superuser=True)
    log_access(superuser, stakeholder, AccessLog.Action.CHANGE, "for the admin walk")
    _failed_logins(superuser.username)
    registered = {model._meta.label_lower: model for model in admin.site._registry}
    # A new model in the admin must be decided on before this passes.
    assert set(registered) == ADMIN_PERSONAL_DATA | set(ADMIN_WITHOUT_PERSONAL_DATA), set(
        registered
    ) ^ (ADMIN_PERSONAL_DATA | set(ADMIN_WITHOUT_PERSONAL_DATA))
    client = Client()
    client.force_login(superuser)
    for label in sorted(ADMIN_PERSONAL_DATA):
        model = registered[label]
        obj = model.objects.order_by("pk").first()
        assert obj is not None, label
        for url in _admin_urls(model, obj.pk):
            last = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first()
            response = client.get(url)
            assert response.status_code == 200, url
            rows = list(
                AccessLog.objects.filter(pk__gt=last).values_list(
                    "action", "object_type", "object_id", "detail"
                )
            )
            assert len(rows) == 1, (url, rows)
            action, object_type, object_id, detail = rows[0]
            assert (action, object_type) == ("view", label), url
            if url.endswith("/change/") or url.endswith("/history/"):
                assert object_id == obj.pk, url
            else:
                assert object_id is None and "admin list: " in detail, (url, detail)
    # An object that does not exist: the admin redirects, and nothing is logged.
    before = AccessLog.objects.count()
    missing = reverse("admin:stakeholders_stakeholder_change", args=[10**9])
    assert client.get(missing).status_code == 302
    assert AccessLog.objects.count() == before
