"""The page cache (inddrag/lib/page_cache.py): anonymous public pages from the cache, and never a
stale answer, count, decision or deadline.

Every test commits (``transaction=True``): the versions are bumped in ``transaction.on_commit``,
as in production, and a test inside a rolled-back transaction would never see the bump."""

from __future__ import annotations

import ast
import datetime
import pickle
import re
from pathlib import Path
from unittest import mock

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inddrag.contributions import services as contribution_services
from inddrag.contributions.models import Answer, Contribution
from inddrag.lib import page_cache
from inddrag.processes import services as process_services
from inddrag.processes.models import Process
from tests.factories import (
    ActivityFactory,
    DecisionBodyFactory,
    FrameItemFactory,
    MilestoneFactory,
    PhaseFactory,
    StaffFactory,
    complete_project,
)
from tests.factories.contributions import (
    AnswerFactory,
    PublishedContributionFactory,
    attach,
    open_hearing,
)
from tests.factories.documents import ChangeFactory, DocumentFactory, VersionFactory, paragraphs
from tests.factories.stakeholders import StakeholderFactory, accepted

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture(autouse=True)
def _on(settings):
    settings.INDDRAG_PAGE_CACHE = True
    settings.INDDRAG_PAGE_CACHE_SECONDS = 60
    cache.clear()


def _pages(process: Process) -> list[str]:
    return [
        reverse("processes:home"),
        reverse("processes:list"),
        process.get_absolute_url(),
        "/api/v1/processes",
        f"/api/v1/processes/{process.pk}",
        f"/api/v1/processes/{process.pk}/contributions",
    ]


def _get(url: str, client: Client | None = None, **extra):
    return (client or Client()).get(url, **extra)


def _hit(url: str, **extra) -> bool:
    return _get(url, **extra).get("X-Page-Cache") == "hit"


# --- Served from the cache -----------------------------------------------------------------


def test_the_second_anonymous_request_comes_from_the_cache_without_a_query():
    process, _activity = open_hearing()
    for url in _pages(process):
        first = _get(url)
        assert first.status_code == 200, url
        assert first["X-Page-Cache"] == "miss", url
        with CaptureQueriesContext(connection) as queries:
            second = _get(url)
        assert second["X-Page-Cache"] == "hit", url
        assert len(queries) == 0, (url, [q["sql"] for q in queries])
        assert second.status_code == 200
        assert second["Content-Type"] == first["Content-Type"]


def test_the_compare_page_comes_from_the_cache():
    process = complete_project(status=Process.Status.OPEN)
    document = DocumentFactory(process=process)
    old = VersionFactory(document=document, blocks=paragraphs("Et", "To"), published=True)
    new = VersionFactory(document=document, blocks=paragraphs("Et", "Tre"), published=True)
    url = reverse("documents:compare", args=[old.pk, new.pk])
    assert _get(url)["X-Page-Cache"] == "miss"
    assert _hit(url)
    # A change on the document's process (here: a new version) ends it.
    with transaction.atomic():
        VersionFactory(document=document, published=False)
    assert _get(url)["X-Page-Cache"] == "miss"


def test_the_query_string_and_the_language_are_part_of_the_key(settings):
    settings.INDDRAG_PAGE_SIZE = 1
    complete_project(status=Process.Status.OPEN, title="Første forløb")
    complete_project(status=Process.Status.OPEN, title="Andet forløb")
    url = reverse("processes:list")
    page1, page2 = _get(url).content, _get(url + "?side=2").content
    assert page1 != page2
    assert _get(url + "?side=2").content.count(b"forl") == page2.count(b"forl")
    danish = _get(url)
    assert danish["X-Page-Cache"] == "hit"
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = english.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert b'<html lang="en">' in response.content
    assert b'<html lang="da">' in danish.content


def test_the_setting_turns_it_off(settings):
    settings.INDDRAG_PAGE_CACHE = False
    process, _activity = open_hearing()
    for url in _pages(process):
        assert not _get(url).has_header("X-Page-Cache")
        assert not _get(url).has_header("X-Page-Cache")


# --- Who gets a cached page ------------------------------------------------------------------


def test_a_signed_in_user_always_gets_a_live_page_and_never_stores_one():
    process, _activity = open_hearing()
    staff = StaffFactory(centre=process.centre)
    signed_in = Client()
    signed_in.force_login(staff)
    for url in _pages(process):
        for _ in range(2):
            response = signed_in.get(url)
            assert not response.has_header("X-Page-Cache"), url
    # Nothing the signed-in user saw was stored: the first anonymous visitor is a miss …
    page = process.get_absolute_url()
    assert _get(page)["X-Page-Cache"] == "miss"
    # … and a signed-in user is never given the anonymous page.
    staff_page = signed_in.get(page)
    assert not staff_page.has_header("X-Page-Cache")
    assert reverse("staff:processes:edit", args=[process.pk]).encode() in staff_page.content
    assert reverse("staff:processes:edit", args=[process.pk]).encode() not in _get(page).content


def test_a_visitor_with_something_in_the_session_gets_a_live_page():
    process, _activity = open_hearing()
    url = process.get_absolute_url()
    _get(url)
    visitor = Client()
    session = visitor.session
    session["something"] = "of theirs"  # e.g. a stakeholder's invitation
    session.save()
    visitor.cookies["sessionid"] = session.session_key
    assert not visitor.get(url).has_header("X-Page-Cache")
    # A message waiting to be shown (the cookie storage): live too.
    waiting = Client()
    waiting.cookies["messages"] = "something"
    assert not waiting.get(url).has_header("X-Page-Cache")


def test_only_get_is_cached_and_only_a_200():
    process, _activity = open_hearing()
    draft = complete_project(status=Process.Status.DRAFT)
    for _ in range(2):
        response = _get(draft.get_absolute_url())
        assert response.status_code == 404
        assert not response.has_header("X-Page-Cache")
    _get(process.get_absolute_url())
    assert not Client().head(process.get_absolute_url()).has_header("X-Page-Cache")


# --- Tokens and cookies ----------------------------------------------------------------------

CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
FORM_TOKEN = re.compile(rb'name="form_token" value="([A-Za-z0-9_-]+)"')


def test_a_cached_page_has_the_visitors_own_tokens_and_its_form_works():
    process, _activity = open_hearing()
    url = process.get_absolute_url()
    first = Client(enforce_csrf_checks=True)
    first_page = first.get(url)
    assert first_page["X-Page-Cache"] == "miss"
    second = Client(enforce_csrf_checks=True)
    page = second.get(url)
    assert page["X-Page-Cache"] == "hit"
    assert b"\x00" not in page.content
    csrf = CSRF_FIELD.findall(page.content)
    assert csrf and set(csrf).isdisjoint(CSRF_FIELD.findall(first_page.content))
    form_token = FORM_TOKEN.search(page.content).group(1)
    assert form_token != FORM_TOKEN.search(first_page.content).group(1)
    assert form_token != FORM_TOKEN.search(_get(url).content).group(1)
    # The visitor's own CSRF cookie came with the page, and the form posts.
    assert "csrftoken" in page.cookies
    response = second.post(
        reverse("contributions:submit", args=[process.pk]),
        {
            "csrfmiddlewaretoken": csrf[-1].decode(),
            "form_token": form_token.decode(),
            "text": "Jeg ønsker en cykelsti langs skolen.",
            "speaking_as": "private",
            "consent": "anonymous",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert "/bidrag/" in response["Location"]
    assert Contribution.objects.filter(process=process).count() == 1


def test_no_cookie_is_stored_or_handed_on():
    process, _activity = open_hearing()
    for url in _pages(process):
        _get(url)
        response = _get(url)
        assert response["X-Page-Cache"] == "hit"
        assert set(response.cookies) <= {"csrftoken"}, url
        assert "sessionid" not in response.cookies
    # What is stored holds no cookie and no token of the visitor who rendered it.
    stored_pages = [
        pickle.loads(value)  # noqa: S301 (our own cache)
        for key, value in cache._cache.items()  # LocMemCache in the tests
        if page_cache.PREFIX in key
    ]
    assert len(stored_pages) == len(_pages(process))
    for stored in stored_pages:
        _status, body, headers, _tokens, _expires = stored
        assert not any(name.lower() == "set-cookie" for name, _ in headers)
        assert not CSRF_FIELD.search(body)
        assert not FORM_TOKEN.search(body)


# --- Never stale: every change shows on the next request ------------------------------------


def _decision_data(process: Process) -> process_services.DecisionData:
    return process_services.DecisionData(
        body=DecisionBodyFactory(),
        meeting_date=timezone.localdate(),
        agenda_title="Lokalplan 123",
        text="Byrådet vedtog lokalplanen.",
    )


def test_each_change_shows_on_the_next_request():
    process, activity = open_hearing()
    staff = StaffFactory(centre=process.centre)
    page, api = process.get_absolute_url(), f"/api/v1/processes/{process.pk}"
    contributions_api = f"/api/v1/processes/{process.pk}/contributions"

    def warm() -> None:
        for url in (page, api, contributions_api):
            _get(url)
            assert _hit(url), url

    # A new published contribution (through the form's service).
    warm()
    result = contribution_services.submit(
        process,
        contribution_services.SubmissionData(
            text="Bevar de gamle træer ved stien.", speaking_as="private", consent="anonymous"
        ),
        [],
    )
    assert b"Bevar de gamle tr" in _get(page).content
    assert b"Bevar de gamle tr" in _get(contributions_api).content
    assert _get(api).json()["contributions_count"] == 1

    # An answer published (one UPDATE for them all).
    warm()
    AnswerFactory(contribution=result.contribution, reason="Træerne bevares i planen.")
    contribution_services.publish_answers(process, staff, notify=False)
    assert b"Tr\xc3\xa6erne bevares i planen." in _get(page).content
    assert (
        _get(contributions_api).json()["items"][0]["answer"]["reason"]
        == "Træerne bevares i planen."
    )

    # The deadline moved.
    warm()
    new_end = timezone.localtime(activity.ends_at + datetime.timedelta(days=7))
    activity.ends_at = new_end
    activity.save()
    assert str(new_end.year).encode() in _get(page).content
    assert new_end.strftime("%H.%M").encode() in _get(page).content
    assert _get(reverse("processes:list"))["X-Page-Cache"] == "miss"

    # The decision: the deadline must be over first.
    warm()
    activity.ends_at = timezone.now() - datetime.timedelta(days=1)
    activity.save()
    process_services.record_decision(process, _decision_data(process), staff)
    assert b"Byr\xc3\xa5det vedtog lokalplanen." in _get(page).content
    assert _get(api).json()["decision"]["text"] == "Byrådet vedtog lokalplanen."
    assert _get(reverse("processes:home"))["X-Page-Cache"] == "miss"

    # Anonymised (a queryset update): the name is gone at once.
    warm()
    from inddrag.privacy.services import anonymise_contributions

    anonymise_contributions(Contribution.objects.filter(pk=result.contribution.pk), timezone.now())
    assert _get(page)["X-Page-Cache"] == "miss"


def _rich_process() -> Process:
    """A process with one of everything a public page of it shows."""
    process = complete_project(status=Process.Status.OPEN)
    FrameItemFactory(process=process)
    phase = PhaseFactory(process=process)
    ActivityFactory(process=process, phase=phase)
    MilestoneFactory(process=process)
    contribution = PublishedContributionFactory(process=process)
    AnswerFactory(contribution=contribution, published_at=timezone.now())
    attach(contribution)
    document = DocumentFactory(process=process)
    old = VersionFactory(document=document, published=True)
    new = VersionFactory(document=document, published=True)
    ChangeFactory(from_version=old, to_version=new)
    accepted(process, StakeholderFactory())
    return process


# Models of the apps whose data the cached pages show that are never shown there, and why.
NOT_SHOWN = {
    "processes.Process_participants": "a case's participants; cases are never cached",
    "contributions.ProjectEvaluationReceipt": "that a contributor evaluated: never public",
}
SHOWN_APPS = (
    "processes",
    "contributions",
    "documents",
    "memos",
    "stakeholders",
    "principles",
    "organisation",
)


def test_every_model_of_the_apps_on_the_pages_is_watched():
    missing = [
        model._meta.label
        for app in SHOWN_APPS
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
        if model not in page_cache.WATCHED
        and model._meta.label not in NOT_SHOWN
        and not any(
            field.remote_field.through is model
            for watched in page_cache.WATCHED
            for field in watched._meta.many_to_many
            if field.remote_field.through is model and _connected_m2m(model)
        )
    ]
    assert missing == []


def _connected_m2m(through) -> bool:
    from django.db.models.signals import m2m_changed

    return m2m_changed.has_listeners(through)


def test_saving_or_deleting_any_watched_object_ends_the_pages_it_is_on():
    process = _rich_process()
    page = process.get_absolute_url()
    for model in page_cache.WATCHED:
        obj = model.objects.order_by("-pk").first()
        if obj is None:
            continue  # nothing of it here (e.g. an election period): its save is tested alike
        _get(page)
        assert _hit(page), model
        obj.save()
        assert _get(page)["X-Page-Cache"] == "miss", f"saving a {model._meta.label}"


def test_deleting_a_published_contribution_ends_the_page():
    process = _rich_process()
    page = process.get_absolute_url()
    _get(page)
    assert _hit(page)
    Answer.objects.filter(contribution__process=process).delete()
    assert _get(page)["X-Page-Cache"] == "miss"
    _get(page)
    Contribution.objects.filter(process=process).delete()
    assert _get(page)["X-Page-Cache"] == "miss"


def test_a_change_to_another_process_leaves_the_page_in_the_cache():
    process, _activity = open_hearing()
    other, _ = open_hearing()
    page = process.get_absolute_url()
    _get(page)
    PublishedContributionFactory(process=other)
    assert _hit(page)


def test_a_reader_never_stores_the_old_state_under_the_new_version():
    """The bump runs after the commit: a render that read the old data read the old token."""
    process, _activity = open_hearing()
    page = process.get_absolute_url()
    _get(page)
    with transaction.atomic():
        PublishedContributionFactory(process=process, text="Midt i en transaktion.")
        # Not committed: the page is still the old one, from the cache.
        assert _hit(page)
    response = _get(page)
    assert response["X-Page-Cache"] == "miss"
    assert "Midt i en transaktion." in response.content.decode()


def _bumps():
    """The bumps (``cache.set_many`` of version tokens) run while the block is open."""
    return mock.patch.object(page_cache.cache, "set_many", wraps=page_cache.cache.set_many)


def test_a_transaction_bumps_once_with_everything_it_changed():
    """A post saves the contribution, its receipt number and the counter: one bump."""
    process, _activity = open_hearing()
    other, _ = open_hearing()
    with _bumps() as set_many, transaction.atomic():
        page_cache.changed(process.pk)
        page_cache.changed(process.pk)
        page_cache.changed(other.pk, site=True)
        assert set_many.call_count == 0  # not before the commit
    assert set_many.call_count == 1
    assert set(set_many.call_args.args[0]) == {
        page_cache.process_key(process.pk),
        page_cache.process_key(other.pk),
        page_cache.SITE,
    }


def test_a_change_rolled_back_with_a_savepoint_takes_nothing_with_it():
    """Keys join a waiting bump only when that bump cannot be rolled back without them."""
    process, _activity = open_hearing()
    other, _ = open_hearing()
    with _bumps() as set_many, transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            page_cache.changed(other.pk)
            raise RuntimeError  # the savepoint is rolled back with its bump
        with transaction.atomic():
            page_cache.changed(process.pk)  # a bump in a savepoint that is kept…
        page_cache.changed(site=True)  # …and one after it: a bump of its own
        with transaction.atomic():
            page_cache.changed(other.pk)  # joins the one above: both or neither
    bumped = [set(call.args[0]) for call in set_many.call_args_list]
    assert bumped == [
        {page_cache.process_key(process.pk)},
        {page_cache.SITE, page_cache.process_key(other.pk)},
    ]


def test_outside_a_transaction_each_change_bumps_at_once():
    process, _activity = open_hearing()
    with _bumps() as set_many:
        page_cache.changed(process.pk)
        page_cache.changed(process.pk)
    assert set_many.call_count == 2


# Every update(), bulk_create() and bulk_update() on a watched model in the product's code is
# in a function that calls page_cache, or here with the reason it changes nothing shown.
UNSHOWN_BULK_WRITES = {
    ("contributions/services.py", "notify_decision"): "the evaluation links' hashes",
    ("stakeholders/services.py", "send_reminders"): "when it was reminded, the link's hash",
    ("privacy/services.py", "apply_retention"): "stakeholders' contact persons (not public)",
    ("privacy/services.py", "erase"): "stakeholders' contact persons (not public)",
    ("memos/services.py", "delete_topic"): "a contribution's memo topic (staff's grouping)",
    ("memos/services.py", "rename_topic"): "whose topic a contribution's is (staff's grouping)",
    ("memos/services.py", "merge_topics"): "a contribution's memo topic (staff's grouping)",
    ("memos/services.py", "set_topic_summary"): "whose topic a contribution's is (staff's)",
    ("analysis/services.py", "_store_topics"): "a contribution's suggested memo topic",
    ("analysis/services.py", "_store_groups"): "a contribution's campaign group (staff's pages)",
    ("memos/services.py", "assign_topic"): "a contribution's memo topic",
    ("memos/services.py", "set_memo_fields"): "staff's summary, a draft's recommendation",
    ("memos/services.py", "expire_stale"): "an unpublished memo's state",
    ("memos/services.py", "_progress"): "an unpublished memo's progress",
    ("memos/services.py", "produce"): "an unpublished memo being made",
    ("cases/services.py", "*"): "cases are never cached (never public)",
}


def test_every_bulk_write_on_a_watched_model_bumps_the_pages():
    names = {model.__name__ for model in page_cache.WATCHED}
    offenders = []
    for path in sorted((ROOT / "inddrag").rglob("*.py")):
        relative = path.relative_to(ROOT / "inddrag").as_posix()
        if "/migrations/" in relative or relative.startswith(("demo/", "lib/")):
            continue
        source = path.read_text()
        tree = ast.parse(source)
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            body = ast.get_source_segment(source, function) or ""
            for node in ast.walk(function):
                if not (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("update", "bulk_create", "bulk_update")
                ):
                    continue
                root = node.func.value
                while isinstance(root, ast.Call | ast.Attribute):
                    root = root.func if isinstance(root, ast.Call) else root.value
                if not (isinstance(root, ast.Name) and root.id in names):
                    continue
                if "page_cache.changed" in body:
                    continue
                if (relative, function.name) in UNSHOWN_BULK_WRITES or (
                    relative,
                    "*",
                ) in UNSHOWN_BULK_WRITES:
                    continue
                offenders.append(f"{relative}:{node.lineno} {function.name}")
    assert offenders == []


# --- Never past a deadline -------------------------------------------------------------------


def test_a_page_is_never_served_past_its_deadline_to_the_second():
    now = timezone.now().replace(microsecond=0)
    deadline = (now + datetime.timedelta(hours=2)).replace(second=0)  # "kl. 12.34"
    process, activity = open_hearing(now)
    activity.ends_at = deadline
    activity.save()
    page = process.get_absolute_url()
    last_second = deadline + datetime.timedelta(seconds=59, microseconds=999_000)
    # Stored 30 s before and 10 s into the deadline's minute (which is in time): served to the
    # last millisecond of it, never after.
    for stored_at in (deadline - datetime.timedelta(seconds=30), deadline, last_second):
        with mock.patch("django.utils.timezone.now", return_value=stored_at):
            assert b'name="form_token"' in _get(page).content, stored_at
    cache.clear()
    with mock.patch("django.utils.timezone.now", return_value=deadline + 10 * SECOND):
        assert _get(page)["X-Page-Cache"] == "miss"
        assert _hit(page)
    with mock.patch("django.utils.timezone.now", return_value=last_second):
        response = _get(page)
        assert response["X-Page-Cache"] == "hit"
        assert b'name="form_token"' in response.content
    over = deadline + datetime.timedelta(minutes=1)  # the minute is over
    with mock.patch("django.utils.timezone.now", return_value=over):
        response = _get(page)
        assert response["X-Page-Cache"] == "miss"
        assert b'name="form_token"' not in response.content
        for url in (reverse("processes:home"), reverse("processes:list")):
            assert _get(url)["X-Page-Cache"] == "miss"


def test_a_page_is_never_served_past_an_opening_or_midnight():
    now = timezone.now().replace(microsecond=0)
    process, _ = open_hearing(now)
    opens = now + datetime.timedelta(minutes=5)
    ActivityFactory(process=process, starts_at=opens, ends_at=opens + datetime.timedelta(days=1))
    page = process.get_absolute_url()
    with mock.patch("django.utils.timezone.now", return_value=opens - SECOND):
        _get(page)
        assert _hit(page)
    with mock.patch("django.utils.timezone.now", return_value=opens):
        assert _get(page)["X-Page-Cache"] == "miss"
    midnight = page_cache.next_midnight(opens)
    with mock.patch("django.utils.timezone.now", return_value=midnight - 2 * SECOND):
        _get(page)
        assert _hit(page)
    with mock.patch("django.utils.timezone.now", return_value=midnight):
        assert _get(page)["X-Page-Cache"] == "miss"


def test_a_page_is_kept_at_most_the_maximum(settings):
    settings.INDDRAG_PAGE_CACHE_SECONDS = 30
    now = timezone.now()
    process, _ = open_hearing(now)
    page = process.get_absolute_url()
    with mock.patch("django.utils.timezone.now", return_value=now):
        _get(page)
        assert _hit(page)
    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(seconds=31)):
        assert _get(page)["X-Page-Cache"] == "miss"
