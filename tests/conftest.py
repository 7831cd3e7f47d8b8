from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from inddrag.principles import services as policy
from tests.factories import StaffFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and one-time tokens live in the cache: each test starts with an empty one —
    except for the principles' snapshot, which holds what the test's empty database holds (no
    administrator's text or threshold), as a running site's cache does: reading it costs no
    query, so a page's query count is the same whichever test ran before it."""
    cache.clear()
    policy.remember(policy.EMPTY)
    yield
    cache.clear()
    policy.forget_memo()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _danish(settings):
    settings.LANGUAGE_CODE = "da"
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def citizen(db):
    return UserFactory()


@pytest.fixture
def staff_client(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client
