"""The municipality's own principles and thresholds (issue #13, section 4): the defaults without a
row, a change taking effect everywhere (the public page, the checks, the breadth threshold, the
evaluation), the history, the forms' errors, who may, the audit entries, the query count and the
cache."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from inddrag.audit.models import AccessLog
from inddrag.cases.services import evaluation_threshold
from inddrag.principles import services
from inddrag.principles.checks import run_checks
from inddrag.principles.models import (
    ANSWER_DAYS,
    BREADTH_MIN_GROUP,
    EXTENSIVE_PROCESSING_DAYS,
    PROCESSING_DAYS,
    THRESHOLDS,
    PolicyValue,
    PrincipleText,
)
from inddrag.principles.plan import load_plan
from inddrag.processes.models import Process
from inddrag.stakeholders.breadth import Bar, suppress
from tests.factories import (
    ActivityFactory,
    MilestoneFactory,
    ProcessFactory,
    StaffFactory,
    UserFactory,
    complete_project,
    cph,
)

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("staff:principles:overview")
BEFORE = cph(2027, 1, 15, 12, 0)
TEXTS = {
    "title": "Vi sætter rammerne",
    "short_text": "Du ved, hvad du kan påvirke.",
    "long_text": "Første afsnit.\n\nAndet afsnit\nmed linjeskift.",
    "title_en": "",
    "short_text_en": "",
    "long_text_en": "",
}


@pytest.fixture
def admin_user():
    return StaffFactory(is_superuser=True)


@pytest.fixture
def admin_client(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def _post_principle(client, number=1, **changes):
    data = {**TEXTS, "reason": "Kommunalbestyrelsen 1. marts", **changes}
    return client.post(reverse("staff:principles:principle", args=[number]), data)


def _post_threshold(client, slug="behandlingstid", **data):
    return client.post(reverse("staff:principles:threshold", args=[slug]), data)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- Defaults ------------------------------------------------------------------------------------


def test_without_rows_ballerups_principles_and_the_settings_apply(settings, client):
    settings.INDDRAG_PROCESSING_WORKING_DAYS = 12
    assert services.policy_value(PROCESSING_DAYS) == 12
    assert services.policy_value(EXTENSIVE_PROCESSING_DAYS) == 20
    assert services.policy_value(ANSWER_DAYS) == 14
    assert services.policy_value(BREADTH_MIN_GROUP) == 5
    with translation.override("da"):
        first = services.wording(1)
        assert first.title == "Ballerup Kommune formulerer tydelige rammer"
        assert first.long_text.startswith("Borgere og virksomheder skal vide så tydeligt")
        assert not first.changed
    page = _text(client.get(reverse("pages:principles")))
    assert (
        '<h2 class="h3">Ballerup Kommune inddrager fagligheder og borgere bredt og relevant' in page
    )
    assert "Kredsen af deltagere skal altid „se ud over“ den konkrete opgave." in page
    assert "Du skal opleve, at dine input og bidrag påvirker beslutningen." in page
    assert page.count("<li>") >= 5


def test_the_english_page_shows_the_english_defaults(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = _text(client.get(reverse("pages:principles")))
    assert "Ballerup Kommune sets clear frames" in page
    assert "What is not up for discussion should be justified." in page


# --- A change takes effect -----------------------------------------------------------------------


def test_a_new_wording_is_shown_on_the_public_page_and_in_the_checks(admin_client, client):
    response = _post_principle(admin_client, 1)
    assert response.status_code == 302
    page = _text(client.get(reverse("pages:principles")))
    assert '<h2 class="h3">Vi sætter rammerne</h2>' in page
    assert "<p>Første afsnit.</p> <p>Andet afsnit<br>med linjeskift.</p>" in page
    assert "Ballerup Kommune formulerer tydelige rammer" not in page
    results = run_checks(load_plan(ProcessFactory().pk), now=BEFORE)
    assert {r.principle_title for r in results if r.principle == 1} == {"Vi sætter rammerne"}
    assert {r.principle_title for r in results if r.principle == 2} == {
        "Ballerup Kommune lytter og er åben for nye idéer"
    }


def test_the_process_page_and_its_staff_checks_name_the_new_title(admin_user, client):
    planner = StaffFactory()
    process = complete_project(
        status=Process.Status.OPEN, centre=planner.centre, responsible=planner
    )
    services.change_principle(admin_user, 1, reason="Ny ordlyd", **TEXTS)
    public = _text(client.get(reverse("processes:detail", args=[process.pk])))
    assert "<dt>Princip 1: Vi sætter rammerne</dt>" in public
    client.force_login(planner)
    checks = _text(client.get(reverse("staff:processes:edit", args=[process.pk])))
    assert "Princip 1: Vi sætter rammerne</h3>" in checks


def test_english_falls_back_to_danish_and_uses_its_own_text_when_given(admin_user, client):
    services.change_principle(admin_user, 2, reason="Ny ordlyd", **TEXTS)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Vi sætter rammerne" in _text(client.get(reverse("pages:principles")))
    services.change_principle(
        admin_user, 2, reason="Engelsk titel", **{**TEXTS, "title_en": "We set the frame"}
    )
    page = _text(client.get(reverse("pages:principles")))
    assert '<h2 class="h3">We set the frame</h2>' in page
    # No English short text: the Danish, marked as Danish for a screen reader.
    assert '<p lang="da">Du ved, hvad du kan påvirke.</p>' in page


def _with_meeting(end: datetime.datetime, meeting: datetime.date):
    process = ProcessFactory()
    MilestoneFactory(process=process, meeting_date=meeting)
    ActivityFactory(process=process, starts_at=end - datetime.timedelta(days=30), ends_at=end)
    return process


def test_a_processing_days_change_changes_the_check(admin_client, settings):
    settings.INDDRAG_PROCESSING_WORKING_DAYS = 10
    # Ends Monday 8 March 2027, meeting Monday 22 March: 9 working days between.
    process = _with_meeting(cph(2027, 3, 8, 12, 0), datetime.date(2027, 3, 22))

    def found():
        return [
            r
            for r in run_checks(load_plan(process.pk), now=BEFORE)
            if r.code == "p3_processing_time"
        ]

    assert [r.severity for r in found()] == ["warning"]
    response = _post_threshold(admin_client, value="9", reason="Ny praksis i forvaltningen")
    assert response.status_code == 302
    assert [r.severity for r in found()] == ["ok"]
    assert services.policy_value(PROCESSING_DAYS) == 9


def test_the_breadth_threshold_hides_and_shows_a_group(admin_user):
    def hidden(count: int) -> bool:
        return suppress(
            [Bar("a", "A", count, 100), Bar("b", "B", 40, 100), Bar("c", "C", 40, 100)]
        )[0].hidden

    assert hidden(4) and not hidden(5)
    services.change_policy(admin_user, BREADTH_MIN_GROUP, 3, reason="Færre borgere i området")
    assert not hidden(4) and not hidden(3) and hidden(2)
    services.change_policy(admin_user, BREADTH_MIN_GROUP, 10, reason="Mere beskyttelse")
    assert hidden(9) and not hidden(10)
    assert evaluation_threshold() == 10  # the citizens' evaluations: the same threshold


# --- History -------------------------------------------------------------------------------------


def test_the_history_keeps_every_version_newest_first(admin_user, admin_client):
    services.change_policy(admin_user, ANSWER_DAYS, 21, reason="Grund A")
    services.change_policy(admin_user, ANSWER_DAYS, 7, reason="Grund B")
    services.change_principle(admin_user, 3, reason="Grund C", **TEXTS)
    entries = services.history()
    assert [e.row.reason for e in entries] == ["Grund C", "Grund B", "Grund A"]
    assert [(d.old, d.new) for d in entries[1].differences] == [("21", "7")]
    assert [(d.old, d.new) for d in entries[2].differences] == [("14", "21")]
    changed = {d.field for d in entries[0].differences}
    assert {
        "title",
        "short_text",
        "long_text",
        "title_en",
        "short_text_en",
        "long_text_en",
    } == changed
    assert PolicyValue.objects.count() == 2  # nothing overwritten
    page = _text(admin_client.get(OVERVIEW))
    assert page.index("Grund C") < page.index("Grund B") < page.index("Grund A")
    assert "21 → 7" in page and "14 → 21" in page
    assert "Ballerup Kommune inddrager så tidligt og relevant som muligt" in page  # the old title


# --- Errors: nothing saved -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", "Skriv principets titel."),
        ({"long_text": ""}, "long_text", "Skriv den lange tekst."),
        ({"reason": ""}, "reason", "Skriv, hvorfor det ændres: historikken gemmer det."),
        ({"title": "x" * 201}, "title", "Skriv højst 200 tegn"),
        ({"short_text": "Ring til 010203-1234"}, "short_text", "Skriv ikke et CPR-nummer."),
    ],
)
def test_a_bad_principle_form_says_why_next_to_the_field(admin_client, changes, field, message):
    response = _post_principle(admin_client, 4, **changes)
    assert response.status_code == 422
    html = _text(response)
    assert f'id="id_{field}-error"><span class="sr-only">Fejl: </span>{message}' in html
    assert not PrincipleText.objects.exists()
    assert not AccessLog.objects.exists()


def test_a_principle_saved_unchanged_saves_nothing(admin_client):
    current = services.stored_texts(5)
    response = _post_principle(admin_client, 5, **current)
    assert response.status_code == 422
    assert "Intet er ændret: ret en tekst, før du gemmer." in _text(response)
    assert not PrincipleText.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"value": "0", "reason": "x"}, "Vælg et helt tal fra 1 til 60."),
        ({"value": "61", "reason": "x"}, "Vælg et helt tal fra 1 til 60."),
        ({"value": "ti", "reason": "x"}, "Vælg et helt tal fra 1 til 60."),
        ({"value": "", "reason": "x"}, "Skriv et tal."),
        ({"value": "10", "reason": "x"}, "Det er værdien nu: vælg en anden, før du gemmer."),
    ],
)
def test_a_bad_threshold_says_why_next_to_the_field(admin_client, settings, data, message):
    settings.INDDRAG_PROCESSING_WORKING_DAYS = 10
    response = _post_threshold(admin_client, **data)
    assert response.status_code == 422
    assert f'id="id_value-error"><span class="sr-only">Fejl: </span>{message}' in _text(response)
    assert not PolicyValue.objects.exists()


def test_a_threshold_without_a_reason_is_refused(admin_client):
    response = _post_threshold(admin_client, "bredde", value="7", reason=" ")
    assert response.status_code == 422
    assert 'id="id_reason-error"' in _text(response)
    assert not PolicyValue.objects.exists()


def test_the_service_refuses_a_value_out_of_range(admin_user):
    with pytest.raises(ValueError):
        services.change_policy(admin_user, BREADTH_MIN_GROUP, 2, reason="x")
    assert not PolicyValue.objects.exists()


def test_html_is_shown_as_text(admin_client, client):
    hostile = '<script>alert("x")</script><b>fed</b>'
    response = _post_principle(admin_client, 1, title=hostile, long_text=hostile)
    assert response.status_code == 302
    for page in (client.get(reverse("pages:principles")), admin_client.get(OVERVIEW)):
        html = page.content.decode()
        assert "<script>alert" not in html and "<b>fed</b>" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


# --- Who may -------------------------------------------------------------------------------------


def _pages():
    return [
        OVERVIEW,
        reverse("staff:principles:principle", args=[1]),
        reverse("staff:principles:threshold", args=["bredde"]),
    ]


def test_a_visitor_is_sent_to_log_in(client):
    for url in _pages():
        assert client.get(url).status_code == 302


@pytest.mark.parametrize("make", [UserFactory, StaffFactory])
def test_citizens_and_ordinary_staff_get_a_404(make):
    client = Client()
    client.force_login(make())
    for url in _pages():
        assert client.get(url).status_code == 404
    assert _post_threshold(client, "bredde", value="7", reason="x").status_code == 404
    assert not PolicyValue.objects.exists()


def test_staff_with_the_permission_may(client):
    staff = StaffFactory()
    staff.user_permissions.add(Permission.objects.get(codename="change_policy"))
    client.force_login(staff)
    for url in _pages():
        assert client.get(url).status_code == 200
    # The menu item is remembered at login.
    client.post(reverse("accounts:logout"))
    client.post(
        reverse("accounts:login"), {"username": staff.username, "password": "hemmelig-kode-1"}
    )
    session = client.session
    assert session.get("can_change_policy") is True


def test_unknown_principle_or_threshold_is_a_404(admin_client):
    assert admin_client.get(reverse("staff:principles:principle", args=[6])).status_code == 404
    assert admin_client.get(reverse("staff:principles:threshold", args=["x"])).status_code == 404


# --- Audit ---------------------------------------------------------------------------------------


def test_every_change_is_logged(admin_client, admin_user):
    _post_principle(admin_client, 2)
    _post_threshold(admin_client, "svarfrist", value="21", reason="Hurtigere svar")
    entries = list(
        AccessLog.objects.order_by("pk").values_list("user", "action", "object_type", "detail")
    )
    assert entries == [
        (
            admin_user.pk,
            "change",
            "principles.principletext",
            "principle 2: title, short_text, long_text, title_en, short_text_en, long_text_en",
        ),
        (admin_user.pk, "change", "principles.policyvalue", "answer_days_after_decision: 14 → 21"),
    ]


# --- Query count ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 12])
def test_overview_query_count(admin_client, admin_user, django_assert_num_queries, rows):
    for n in range(rows):
        services.change_policy(admin_user, BREADTH_MIN_GROUP, 6 + n, reason=f"Ændring {n}")
        services.change_principle(
            admin_user, 1 + n % 5, reason=f"Tekst {n}", **{**TEXTS, "title": f"Titel {n}"}
        )
    services.current()  # the snapshot is cached (a running site's state)
    # Session and user; the history's two tables.
    with django_assert_num_queries(4):
        response = admin_client.get(OVERVIEW)
    assert response.status_code == 200
    assert f"Ændring {rows - 1}" in response.content.decode()
    assert f"Titel {rows - 1}" in response.content.decode()


# --- The cache -----------------------------------------------------------------------------------


def test_a_cold_cache_loads_the_snapshot_in_two_queries(admin_user, django_assert_num_queries):
    services.change_policy(admin_user, ANSWER_DAYS, 30, reason="x")
    services.forget()
    with django_assert_num_queries(2):
        assert services.policy_value(ANSWER_DAYS) == 30
    with django_assert_num_queries(0):
        assert services.policy_value(ANSWER_DAYS) == 30
        services.wordings()


def test_a_change_is_read_at_once_here(admin_user):
    assert services.policy_value(ANSWER_DAYS) == 14
    services.change_policy(admin_user, ANSWER_DAYS, 30, reason="x")
    assert services.policy_value(ANSWER_DAYS) == 30


def test_a_change_made_by_another_process_is_read_once_the_memo_expires(admin_user):
    assert services.policy_value(ANSWER_DAYS) == 14  # this process's memo holds 14
    # Another process writes the row and drops the shared cache (services.change_policy there).
    PolicyValue.objects.create(key=ANSWER_DAYS, value=30, changed_by=admin_user, reason="x")
    cache.delete(services.CACHE_KEY)
    assert services.policy_value(ANSWER_DAYS) == 14  # for at most MEMO_SECONDS
    services.forget_memo()  # as it expires
    assert services.policy_value(ANSWER_DAYS) == 30


def test_the_cache_is_dropped_again_when_the_change_commits(
    admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.change_policy(admin_user, ANSWER_DAYS, 30, reason="x")
        # A request that read the rows before the commit cached what it saw.
        services.remember(services.EMPTY)
    assert callbacks
    assert services.policy_value(ANSWER_DAYS) == 30


def test_every_threshold_default_lies_in_its_range(settings):
    for threshold in THRESHOLDS.values():
        assert threshold.minimum <= threshold.default() <= threshold.maximum, threshold.key
