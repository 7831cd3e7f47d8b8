"""The contribution counters kept on the process (issue #14): every write path keeps them equal
to a recount, concurrent posts never make them drift, and ``recount_contributions`` finds and
fixes drift."""

from __future__ import annotations

import threading

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.utils import timezone

from inddrag.contributions import services
from inddrag.contributions.models import Answer, Contribution
from inddrag.contributions.services import SubmissionData, count_contributions, recount
from inddrag.principles.plan import load_plan
from inddrag.privacy.services import anonymise_contributions
from inddrag.processes.models import Process
from tests.factories import ProcessFactory, StaffFactory
from tests.factories.contributions import (
    AnswerFactory,
    ContributionFactory,
    hearing_process,
    open_hearing,
    submitted,
)

pytestmark = pytest.mark.django_db


def kept(process: Process) -> dict[str, int]:
    row = Process.objects.values(*Process.COUNTERS).get(pk=process.pk)
    return dict(row)


def assert_true(process: Process, **expected: int) -> None:
    """The kept counters equal a recount from the rows (and ``expected``, where given)."""
    counted = count_contributions([process.pk])[process.pk]
    assert kept(process) == counted
    assert {name: counted[name] for name in expected} == expected
    assert recount(fix=False) == []


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def process(staff):
    return hearing_process(staff)


def test_a_submitted_contribution_counts_once_and_a_repeat_not_again(process):
    data = SubmissionData(text="Flere træer, tak.", speaking_as="private", consent="name")
    for _ in range(2):  # the same idempotency key twice: one contribution
        services.submit(process, data, [], source="letter", idempotency_key="k-1")
    submitted(process)
    assert_true(process, contributions_received=2, contributions_answered=0)


def test_answering_publishing_and_redrafting_keep_the_counters_true(process, staff):
    first, second, third = (submitted(process, f"Bidrag {n}") for n in range(3))
    services.answer([first, second], outcome=Answer.Outcome.NOTED, reason="Tak.", author=staff)
    assert_true(process, contributions_answered=2, answers_published=0)
    # The same draft again, and another wording of it: still two answered.
    services.answer([first], outcome=Answer.Outcome.NOTED, reason="Tak.", author=staff)
    services.answer([first], outcome=Answer.Outcome.PARTLY, reason="Delvist.", author=staff)
    assert_true(process, contributions_answered=2, answers_published=0)
    assert services.publish_answers(process, staff, notify=False) == 2
    assert_true(process, contributions_answered=2, answers_published=2)
    # A published answer is left alone; the third gets a draft.
    services.answer([first, third], outcome=Answer.Outcome.NOTED, reason="Ny.", author=staff)
    assert_true(process, contributions_answered=3, answers_published=2)
    plan = load_plan(process.pk)
    assert (plan.contributions.received, plan.contributions.answered) == (3, 3)
    assert (plan.contributions.answers_published, plan.contributions.drafts) == (2, 1)


def test_a_draft_without_a_reason_given_one_leaves_the_without_reason_count(process, staff):
    contribution = submitted(process)
    AnswerFactory(contribution=contribution, reason="", published_at=None)
    assert_true(process, contributions_answered=1, answers_without_reason=1)
    services.answer([contribution], outcome=Answer.Outcome.NOTED, reason="Fordi.", author=staff)
    assert_true(process, contributions_answered=1, answers_without_reason=0)


def test_answers_and_contributions_saved_and_deleted_directly(process):
    answer = AnswerFactory(contribution=ContributionFactory(process=process))
    other = ContributionFactory(process=process)
    assert_true(process, contributions_received=2, answers_published=1)
    answer.published_at = None
    answer.reason = ""
    answer.save()
    assert_true(process, answers_published=0, answers_without_reason=1)
    # Loaded without the fields the counters read, then published: read from the row.
    partial = Answer.objects.only("pk", "contribution").get(pk=answer.pk)
    partial.published_at = timezone.now()
    partial.save(update_fields=["published_at"])
    assert_true(process, answers_published=1, answers_without_reason=1)
    Answer.objects.get(pk=answer.pk).delete()
    assert_true(process, contributions_received=2, contributions_answered=0)
    AnswerFactory(contribution=other)
    Contribution.objects.get(pk=other.pk).delete()  # its answer goes with it
    assert_true(process, contributions_received=1, contributions_answered=0, answers_published=0)


def test_screening_and_anonymising_change_no_counter(process, staff):
    contribution = submitted(process, "Ring til mig på 12345678.")
    services.answer([contribution], outcome=Answer.Outcome.NOTED, reason="Tak.", author=staff)
    for flag in contribution.flags.all():
        services.resolve_flag(flag, "redacted", staff)
    services.approve(Contribution.objects.get(pk=contribution.pk), staff)
    services.decline(submitted(process), "Krænkende", staff)
    anonymise_contributions(Contribution.objects.filter(process=process), timezone.now())
    assert_true(process, contributions_received=2, contributions_answered=1)


def test_a_stale_process_saved_again_never_writes_its_counters_back(process):
    stale = Process.objects.get(pk=process.pk)
    submitted(process)
    stale.title = "Nyt navn"
    stale.save()
    assert_true(process, contributions_received=1)
    assert Process.objects.get(pk=process.pk).title == "Nyt navn"


def test_recount_command_reports_drift_with_check_and_fixes_it_without(process, capsys):
    submitted(process)
    call_command("recount_contributions", "--check")
    assert "0 processes with drifted counters." in capsys.readouterr().out
    Process.objects.filter(pk=process.pk).update(contributions_received=7, answers_published=2)
    with pytest.raises(SystemExit) as exit_:
        call_command("recount_contributions", "--check")
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert "contributions_received 7 → 1" in out and "answers_published 2 → 0" in out
    assert kept(process)["contributions_received"] == 7  # --check changes nothing
    call_command("recount_contributions")
    assert "1 processes recounted." in capsys.readouterr().out
    assert_true(process, contributions_received=1, answers_published=0)


def test_the_migration_fills_the_counters_from_the_rows(process):
    from importlib import import_module

    migration = import_module("inddrag.processes.migrations.0007_contribution_counters")
    AnswerFactory(contribution=ContributionFactory(process=process), reason="")
    ContributionFactory(process=process)
    empty = ProcessFactory()
    Process.objects.update(**dict.fromkeys(Process.COUNTERS, 0))
    migration.fill_counters(apps, None)
    assert_true(process, contributions_received=2, contributions_answered=1)
    assert_true(process, answers_published=1, answers_without_reason=1)
    assert kept(empty) == dict.fromkeys(Process.COUNTERS, 0)


@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_never_make_the_counters_drift():
    """Eight threads post at once to the same open hearing (each in its own connection and
    transaction) while staff answer: the counters equal a recount afterwards (PostgreSQL;
    SQLite lets one writer in at a time anyway)."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers")
    process, _activity = open_hearing()
    staff = StaffFactory()
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def post(n: int) -> None:
        try:
            barrier.wait(timeout=10)
            for i in range(10):
                data = SubmissionData(
                    text=f"Bidrag {n}-{i}", speaking_as="private", consent="anonymous"
                )
                result = services.submit(
                    process, data, [], source="online", idempotency_key=f"{n}-{i}"
                )
                if i % 3 == 0:
                    services.answer(
                        [result.contribution], outcome="noted", reason="Tak.", author=staff
                    )
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert_true(process, contributions_received=80, contributions_answered=32)
    services.publish_answers(process, staff, notify=False)
    assert_true(process, contributions_received=80, answers_published=32)
