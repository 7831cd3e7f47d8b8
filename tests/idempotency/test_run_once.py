"""One idempotency for every create form and the API: run_once."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from inddrag.idempotency import services
from inddrag.idempotency.models import IdempotencyKey
from inddrag.idempotency.services import IdempotencyConflict
from inddrag.organisation.models import District

pytestmark = pytest.mark.django_db


def _district(name: str = "Måløv"):
    return lambda: District.objects.create(name=name, postcode="2760")


def test_the_first_call_creates_and_a_repeat_returns_the_same_object():
    first = services.run_once("test", "k", _district())
    again = services.run_once("test", "k", _district())
    assert first.created and not again.created
    assert first.object_id == again.object_id
    assert District.objects.count() == 1


def test_the_key_is_kept_only_as_a_hash():
    services.run_once("test", "secret-key-123", _district())
    row = IdempotencyKey.objects.get()
    assert "secret-key-123" not in row.key_hash
    assert row.scope == "test"


def test_scopes_keep_keys_apart():
    services.run_once("a", "k", _district("A"))
    services.run_once("b", "k", _district("B"))
    assert District.objects.count() == 2


def test_without_a_key_every_call_creates():
    services.run_once("test", None, _district("A"))
    services.run_once("test", "", _district("B"))
    assert District.objects.count() == 2
    assert not IdempotencyKey.objects.exists()


def test_other_content_with_the_same_key_is_a_conflict():
    services.run_once("test", "k", _district(), fingerprint="one")
    with pytest.raises(IdempotencyConflict):
        services.run_once("test", "k", _district(), fingerprint="two")
    assert District.objects.count() == 1


def test_a_failure_rolls_back_the_key_with_the_object():
    def fails():
        District.objects.create(name="Halv", postcode="2750")
        raise ValueError("the request failed half way")

    with pytest.raises(ValueError):
        services.run_once("test", "k", fails)
    assert not District.objects.exists()
    assert services.run_once("test", "k", _district()).created


def test_a_sealed_secret_is_given_back_only_to_the_key():
    def create():
        return District.objects.create(name="Skovlunde", postcode="2740"), "the-private-link"

    assert services.run_once("test", "k", create).unsealed == "the-private-link"
    assert services.run_once("test", "k", create).unsealed == "the-private-link"
    row = IdempotencyKey.objects.get()
    assert "the-private-link" not in row.sealed
    assert b"the-private-link".hex() not in row.sealed


def test_form_keys():
    key = services.new_key()
    assert services.form_key(key) == key
    assert services.new_key() != key
    for bad in (None, "", "short", "x" * 65, "æøå" * 10, "<script>alert(1)</script>"):
        assert services.form_key(bad) is None


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_create_one_object():
    """The second insert of the key waits for the first transaction and then reads its result
    (PostgreSQL; SQLite lets only one writer in at a time anyway)."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers")
    barrier = threading.Barrier(2)
    results = []

    def slow_create():
        district = District.objects.create(name=f"D{time.monotonic_ns()}", postcode="2750")
        time.sleep(0.3)  # keep the first transaction open while the second arrives
        return district

    def request():
        try:
            barrier.wait(timeout=10)
            results.append(services.run_once("race", "same", slow_create))
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(r.created for r in results) == [False, True]
    assert len({r.object_id for r in results}) == 1
    assert District.objects.count() == 1


def test_last_runs_after_the_key_is_written_and_only_when_something_was_created():
    seen = []

    def last():
        seen.append(IdempotencyKey.objects.get(scope="test").object_id)

    first = services.run_once("test", "k", _district(), last=last)
    services.run_once("test", "k", _district(), last=last)  # a repeat: nothing created
    assert seen == [first.object_id]
    services.run_once("test", None, _district("Uden nøgle"), last=lambda: seen.append("no key"))
    assert seen == [first.object_id, "no key"]
