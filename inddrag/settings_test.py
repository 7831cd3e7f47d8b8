"""Settings for the test suite: the real settings, with a fixed key and fast password hashing."""

import os

os.environ.setdefault("INDDRAG_LOG_FORMAT", "text")  # readable failures; tests/lib test json
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-that-is-long-enough-0123456789")

from inddrag.settings import *  # noqa: F403

STATIC_ROOT = None  # static files come from the finders; nothing is collected in tests
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False  # the test client and the live server speak plain http
INDDRAG_LOGIN_RATE = "1000/m"  # browser tests log in many times from 127.0.0.1; tests lower it
# Staff tests sign in with force_login; the two-factor tests switch "required" on themselves.
INDDRAG_STAFF_2FA = "optional"
# Tests sign citizens in with force_login (a local login): it counts as "substantial" here, as in
# the demo; the identity tests set "low" themselves.
INDDRAG_LOCAL_LOGIN_ASSURANCE = "substantial"
# The read replica (inddrag/lib/replica.py) as the test database's mirror: no second database is
# made. The router is off; tests/operations/test_replica.py switches it on.
DATABASES.setdefault("replica", {**DATABASES["default"]})["TEST"] = {"MIRROR": "default"}  # noqa: F405
DATABASE_ROUTERS = []
# The page cache is off, so every test sees a live page and its query count; the page cache's
# own tests (tests/processes/test_page_cache.py) switch it on.
INDDRAG_PAGE_CACHE = False
