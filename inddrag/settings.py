"""Inddrag settings: one module, every deployment value read from the environment."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from inddrag.lib.env import env_bool, env_int, env_list, env_str, env_times, secret_key
from inddrag.lib.identity_settings import (
    env_level,
    oidc_provider,
    origins,
    saml_provider,
)
from inddrag.lib.logs import logging_config
from inddrag.lib.security import parse_networks

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("INDDRAG_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)
# `make demo`: on this machine only, as a pilot would see it — no debug pages (the friendly 404
# and 500), but a generated secret key, local hosts, static files from the source tree, e-mail
# to the console and cookies over plain http, as in debug mode.
DEMO = env_bool("INDDRAG_DEMO", default=False)
LOCAL = DEBUG or DEMO
SECRET_KEY = secret_key(VAR_DIR, debug=LOCAL)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if LOCAL else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "django_prometheus",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "inddrag.accounts",
    "inddrag.organisation",
    "inddrag.audit",
    "inddrag.notifications",
    "inddrag.idempotency",
    "inddrag.processes",
    "inddrag.cases",
    "inddrag.contributions",
    "inddrag.documents",
    "inddrag.memos",
    "inddrag.analysis",
    "inddrag.stakeholders",
    "inddrag.principles",
    "inddrag.evaluation",
    "inddrag.privacy",
    "inddrag.api",
    "inddrag.pages",
    "inddrag.operations",
    "inddrag.demo",
]

MIDDLEWARE = [
    # Prometheus (docs/deployment.md "Metrics"): counts and times every request from here to the
    # last middleware's PrometheusAfterMiddleware (by view).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "inddrag.lib.logs.RequestIdMiddleware",  # first: every log line of a request carries its id
    # /healthz, /readyz and /metrics answered here, before the host check, the https redirect
    # and sessions
    "inddrag.operations.middleware.HealthCheckMiddleware",
    # Marks the requests whose reads may go to the read replica (DATABASE_REPLICA_URL).
    "inddrag.lib.replica.ReplicaReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "inddrag.lib.security.AdminNetworkMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "inddrag.pages.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "inddrag.accounts.middleware.IdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "inddrag.accounts.middleware.DirectoryRecheckMiddleware",
    "inddrag.accounts.middleware.SecondFactorMiddleware",
    "inddrag.audit.reads.AccessLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "inddrag.pages.middleware.UnstorableQueryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a locked account into our 429 login page
    # Each view's metrics (django-prometheus); it sees cached pages as live ones.
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last: a page from the cache passes every other middleware as a live page does.
    "inddrag.lib.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "inddrag.urls"
WSGI_APPLICATION = "inddrag.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "inddrag" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inddrag.pages.context_processors.site",
            ],
            "libraries": {"inddrag": "inddrag.lib.templatetags"},
        },
    },
]

FORM_RENDERER = "inddrag.lib.forms.DkfdsFormRenderer"

# Database: SQLite under var/ by default, PostgreSQL in production (DATABASE_URL=postgres://…).
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'inddrag.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except ValueError as exc:  # unknown scheme or malformed URL
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;"}
# A read replica of PostgreSQL (streaming replication), optional: anonymous GET and HEAD requests
# read from it (inddrag/lib/replica.py, docs/deployment.md "Read replica"); every write, every
# signed-in user and a browser that posted in the last INDDRAG_REPLICA_STICKY_SECONDS use the
# primary. In tests the replica is the default database (TEST MIRROR).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
DATABASE_ROUTERS: list[str] = []
if DATABASE_REPLICA_URL:
    try:
        DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"DATABASE_REPLICA_URL is not a valid database URL: {exc}"
        ) from exc
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["inddrag.lib.replica.ReplicaRouter"]
INDDRAG_REPLICA_STICKY_SECONDS = env_int("INDDRAG_REPLICA_STICKY_SECONDS", 30, minimum=0)

# Cache: shared Redis where configured (needed for one-time form tokens across app servers),
# otherwise local memory.
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
    # Two sites sharing one Redis database keep apart with a prefix each.
    | {"KEY_PREFIX": env_str("INDDRAG_CACHE_PREFIX", "")}
}
# Anonymous public pages from the cache, invalidated by every change (inddrag/lib/page_cache.py,
# docs/performance.md). On by default only with a shared cache: local memory is one per worker,
# and a change in one would not reach the pages another has stored.
INDDRAG_PAGE_CACHE = env_bool("INDDRAG_PAGE_CACHE", default=bool(REDIS_URL))
# The longest a page is kept (seconds) — a safety net only: changes and deadlines end it anyway.
INDDRAG_PAGE_CACHE_SECONDS = env_int("INDDRAG_PAGE_CACHE_SECONDS", 60, minimum=1)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked account before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGOUT_REDIRECT_URL = "processes:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Time is Danish: store UTC, show Europe/Copenhagen.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
FORMAT_MODULE_PATH = ["inddrag.formats"]  # one date style per language
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Collected static files: in the container image, outside the uploads volume (Dockerfile).
STATIC_ROOT = Path(env_str("INDDRAG_STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [
    BASE_DIR / "inddrag" / "static",
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
WHITENOISE_USE_FINDERS = LOCAL
WHITENOISE_AUTOREFRESH = LOCAL
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded files: on local disk (MEDIA_ROOT) by default; in a bucket of an S3-compatible object
# store when INDDRAG_S3_BUCKET is set (django-storages). The bucket stays private: files are
# handed out only by the app's own download views (lib/downloads.py), which read them through
# the storage; never a public or custom-domain URL.
INDDRAG_S3_BUCKET = env_str("INDDRAG_S3_BUCKET", "")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": INDDRAG_S3_BUCKET,
                # Empty: AWS itself; otherwise the provider's address (MinIO, Ceph, a Danish
                # cloud's object storage …).
                "endpoint_url": env_str("INDDRAG_S3_ENDPOINT_URL", "") or None,
                "region_name": env_str("INDDRAG_S3_REGION", "") or None,
                # Empty: boto3's own chain (AWS_* variables, an instance role).
                "access_key": env_str("INDDRAG_S3_ACCESS_KEY_ID", "") or None,
                "secret_key": env_str("INDDRAG_S3_SECRET_ACCESS_KEY", "") or None,
                # A folder in the bucket, e.g. "inddrag/" when the bucket is shared.
                "location": env_str("INDDRAG_S3_LOCATION", ""),
                # "path" for most self-hosted stores (MinIO); empty: boto3's default.
                "addressing_style": env_str("INDDRAG_S3_ADDRESSING_STYLE", "") or None,
                "custom_domain": None,
                "querystring_auth": True,
                "default_acl": None,  # the bucket's own (private)
                "file_overwrite": False,
                # A download is buffered in memory up to 2 MB, above that in a temporary file.
                "max_memory_size": 2 * 1024 * 1024,
            },
        }
        if INDDRAG_S3_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: console in debug, SMTP otherwise.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if LOCAL
    else "django.core.mail.backends.smtp.EmailBackend",
)
# With EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend: the folder the e-mails are
# written to (benchmarks/spike.py counts them there).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Inddrag <noreply@inddrag.local>")

# Background tasks: Django's tasks API (django-tasks backport) with the database backend
# (django-tasks-db); `manage.py db_worker` runs them. No broker needed.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Security headers. Production defaults: HTTPS only (redirect, HSTS, secure cookies); a
# TLS-terminating proxy in front sets SECURE_PROXY_SSL_HEADER. `manage.py check --deploy` is
# clean with the settings in docs/configuration.md (tests/test_deploy_settings.py).
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not LOCAL)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not LOCAL)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not LOCAL)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if LOCAL else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not LOCAL)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# axes.W006: axes locks accounts only; addresses are limited by INDDRAG_LOGIN_RATE instead (a
# lockout per address would lock a whole town hall behind one NAT after five typos).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
if SECURE_HSTS_PRELOAD is False:
    # Preloading is a promise for the whole domain (and hard to undo): the municipality decides.
    SILENCED_SYSTEM_CHECKS.append("security.W021")
_proxy_header = env_list("SECURE_PROXY_SSL_HEADER")  # e.g. HTTP_X_FORWARDED_PROTO,https
if _proxy_header:
    if len(_proxy_header) != 2:
        raise ImproperlyConfigured(
            "SECURE_PROXY_SSL_HEADER must be a header and a value, "
            "e.g. HTTP_X_FORWARDED_PROTO,https"
        )
    SECURE_PROXY_SSL_HEADER = (_proxy_header[0], _proxy_header[1])
# Paths that answer over plain http (a load balancer's health check), as regular expressions.
SECURE_REDIRECT_EXEMPT = env_list("SECURE_REDIRECT_EXEMPT")

# Content-Security-Policy on every response (django-csp): scripts, styles, fonts and images from
# this site only, no inline script or style, no frames, forms post only here. htmx is configured
# not to inject its indicator style and not to evaluate code (base.html). A response that sets
# its own policy (a downloaded file: sandbox) keeps it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Login attempts (django-axes per account, a rate limit per address; the admin signs in through
# the same page). A locked account is refused even the right password until the time has passed.
AXES_FAILURE_LIMIT = env_int("INDDRAG_LOGIN_FAILURES", 5, minimum=1)
INDDRAG_LOGIN_LOCKOUT_MINUTES = env_int("INDDRAG_LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=INDDRAG_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "inddrag.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "inddrag.lib.security.client_ip"
AXES_VERBOSE = False
INDDRAG_LOGIN_RATE = env_str("INDDRAG_LOGIN_RATE", "30/10m")
# Two-factor login (TOTP, django-otp) for staff and admin accounts: off | optional (staff may
# enrol; whoever has enrolled is asked for the code) | required (no staff page or admin without
# it). Required in production; optional in debug and the demo, so the printed demo logins work.
INDDRAG_STAFF_2FA = env_str("INDDRAG_STAFF_2FA", "optional" if LOCAL else "required")
if INDDRAG_STAFF_2FA not in ("off", "optional", "required"):
    raise ImproperlyConfigured("INDDRAG_STAFF_2FA must be off, optional or required.")
# Wrong codes count towards the account's lockout (django-axes) instead of django-otp's own
# doubling delay, so password and code share one limit and one message.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# A signed-in session ends after this many minutes without a request.
INDDRAG_SESSION_IDLE_MINUTES = env_int("INDDRAG_SESSION_IDLE_MINUTES", 30, minimum=1)
# Logins through an identity provider (OpenID Connect, docs/identity.md): citizens through a
# broker in front of MitID, staff through the municipality's directory (Entra ID, ADFS …). A
# provider without a client id is off: no button, its URLs answer 404.
INDDRAG_OIDC_PROVIDERS = {
    name: config
    for name, config in (
        ("citizen", oidc_provider("INDDRAG_CITIZEN_OIDC")),
        ("staff", oidc_provider("INDDRAG_STAFF_OIDC", staff=True)),
    )
    if config
}
# Citizens through NemLog-in directly (SAML, OIOSAML 3): on with an entity id.
INDDRAG_SAML = saml_provider()
# A CPR number that arrives as a claim is kept only as HMAC-SHA256 with this key.
INDDRAG_CPR_HMAC_KEY = env_str("INDDRAG_CPR_HMAC_KEY", "")
_cpr_wanted = any(c["cpr_claim"] for c in INDDRAG_OIDC_PROVIDERS.values()) or bool(
    INDDRAG_SAML and INDDRAG_SAML["cpr_attribute"]
)
if _cpr_wanted and len(INDDRAG_CPR_HMAC_KEY) < 32:
    raise ImproperlyConfigured(
        "A CPR claim is configured: INDDRAG_CPR_HMAC_KEY must be set (at least 32 characters)."
    )
# The assurance level (NSIS) a citizen's own case asks for, and what a local password counts as.
INDDRAG_CASE_ASSURANCE = env_level("INDDRAG_CASE_ASSURANCE", "substantial")
INDDRAG_LOCAL_LOGIN_ASSURANCE = env_level(
    "INDDRAG_LOCAL_LOGIN_ASSURANCE", "substantial" if LOCAL else "low"
)
# A staff session from the directory is checked with it again after this many minutes.
INDDRAG_STAFF_OIDC_RECHECK_MINUTES = env_int("INDDRAG_STAFF_OIDC_RECHECK_MINUTES", 15, minimum=1)
# The logout form goes on to the provider's end-session page (RP-initiated logout).
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += origins(*INDDRAG_OIDC_PROVIDERS.values())
# The admin only from these networks (comma-separated CIDR); empty: from anywhere, login needed.
INDDRAG_ADMIN_NETWORKS = env_list("INDDRAG_ADMIN_NETWORKS")

# Logs: one JSON object a line with the request's id (inddrag/lib/logs.py) in production, plain
# text on a developer's machine.
INDDRAG_LOG_FORMAT = env_str("INDDRAG_LOG_FORMAT", "text" if LOCAL else "json")
if INDDRAG_LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured("INDDRAG_LOG_FORMAT must be json or text.")
LOGGING = logging_config(INDDRAG_LOG_FORMAT, env_str("LOG_LEVEL", "INFO"))

# Metrics for Prometheus at /metrics (django-prometheus and inddrag/operations/metrics.py,
# docs/deployment.md "Metrics"): answered only to a scraper asking an app server directly (not
# through the proxy) from one of these networks (comma-separated CIDR), or with
# `Authorization: Bearer <INDDRAG_METRICS_TOKEN>`; a 404 to anyone else — to everyone while both
# are empty. The database and cache backends are wrapped to count queries and cache hits.
INDDRAG_METRICS_ALLOW = env_list("INDDRAG_METRICS_ALLOW")
parse_networks(INDDRAG_METRICS_ALLOW, setting="INDDRAG_METRICS_ALLOW")
INDDRAG_METRICS_TOKEN = env_str("INDDRAG_METRICS_TOKEN", "")
if INDDRAG_METRICS_TOKEN and len(INDDRAG_METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("INDDRAG_METRICS_TOKEN must be at least 32 characters.")
for _database in DATABASES.values():
    _database["ENGINE"] = {
        "django.db.backends.postgresql": "django_prometheus.db.backends.postgresql",
        "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
    }.get(_database["ENGINE"], _database["ENGINE"])
for _cache in CACHES.values():
    _cache["BACKEND"] = {
        "django.core.cache.backends.redis.RedisCache": "inddrag.lib.metrics.RedisCache",
        "django.core.cache.backends.locmem.LocMemCache": "inddrag.lib.metrics.LocMemCache",
    }.get(_cache["BACKEND"], _cache["BACKEND"])

# --- Inddrag's own settings -------------------------------------------------------------------
# The municipality's identity lives in data (organisation app); only the site name is here.
INDDRAG_SITE_NAME = env_str("INDDRAG_SITE_NAME", "Ballerup Kommune — Inddrag")
OTP_TOTP_ISSUER = INDDRAG_SITE_NAME  # the name the authenticator app shows next to the code
# P3: working days the administration needs between the end of an activity and the meeting.
INDDRAG_PROCESSING_WORKING_DAYS = env_int("INDDRAG_PROCESSING_WORKING_DAYS", 10, minimum=0)
# P4: an extensive process needs at least this many working days between its last activity
# and the decision it feeds.
INDDRAG_EXTENSIVE_PROCESSING_WORKING_DAYS = env_int(
    "INDDRAG_EXTENSIVE_PROCESSING_WORKING_DAYS", 20, minimum=0
)
INDDRAG_PAGE_SIZE = env_int("INDDRAG_PAGE_SIZE", 10, minimum=1)
# The address of the public site, for links in e-mails.
INDDRAG_BASE_URL = env_str("INDDRAG_BASE_URL", "http://127.0.0.1:8000")
# Screening: extra words that stop a contribution from being published until reviewed.
INDDRAG_SCREENING_WORDS = env_list("INDDRAG_SCREENING_WORDS", [])
# P2: answers are published within this many days of the decision.
INDDRAG_ANSWER_DAYS_AFTER_DECISION = env_int("INDDRAG_ANSWER_DAYS_AFTER_DECISION", 14, minimum=0)
# Contributions shown per page in "Det sagde I — det gjorde vi".
INDDRAG_CONTRIBUTIONS_PAGE_SIZE = env_int("INDDRAG_CONTRIBUTIONS_PAGE_SIZE", 20, minimum=1)
# API: contributions accepted per client address per minute.
INDDRAG_API_RATE = env_str("INDDRAG_API_RATE", "30/m")
# The contribution form on the process page: posts per client address.
INDDRAG_FORM_RATE = env_str("INDDRAG_FORM_RATE", "10/m")
# The daily jobs `manage.py run_scheduler` runs (inddrag/operations/scheduler.py), each once a day
# at its time of day in Europe/Copenhagen: `job=HH:MM` or `job=off`, comma-separated.
INDDRAG_SCHEDULE = env_times(
    "INDDRAG_SCHEDULE",
    {
        "apply_retention": "02:30",
        "analyse_closed_hearings": "03:00",
        "send_hearing_reminders": "07:00",
        "send_case_reminders": "07:05",
        "send_evaluation_reminders": "07:10",
    },
)
# P5: invited stakeholders who have not answered are reminded this many days before the deadline.
INDDRAG_REMINDER_DAYS = env_int("INDDRAG_REMINDER_DAYS", 5, minimum=0)
# Cases: a citizen who has not answered a partshøring is reminded this many days before the end.
INDDRAG_CASE_HEARING_REMINDER_DAYS = env_int("INDDRAG_CASE_HEARING_REMINDER_DAYS", 3, minimum=0)
# Cases: the complaint deadline, in weeks from the decision date (shown as a date).
INDDRAG_CASE_COMPLAINT_WEEKS = env_int("INDDRAG_CASE_COMPLAINT_WEEKS", 4, minimum=1)
# Behind a reverse proxy: the request header that carries the client address for rate limits,
# e.g. HTTP_X_REAL_IP (the proxy must set it). Empty: REMOTE_ADDR.
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY", "") or None

# --- Retention (inddrag/privacy, docs/privacy.md): days each kind of personal data is kept ---
# Contributors' name, e-mail, district, age, "on behalf of" (a private person's) and the
# unredacted original, counted from the process's decision (OS2agora keeps them 730 days).
INDDRAG_RETENTION_CONTRIBUTION_DAYS = env_int("INDDRAG_RETENTION_CONTRIBUTION_DAYS", 730, minimum=1)
# Private processes (cases): the same, counted from the case's end; a setting of its own until
# cases get case types with their own periods.
INDDRAG_RETENTION_CASE_DAYS = env_int("INDDRAG_RETENTION_CASE_DAYS", 730, minimum=1)
# Sent (or failed) e-mails: the address and the body, counted from when they were written.
INDDRAG_RETENTION_NOTIFICATION_DAYS = env_int("INDDRAG_RETENTION_NOTIFICATION_DAYS", 90, minimum=1)
# Idempotency keys (and the private receipt link sealed with them).
INDDRAG_RETENTION_IDEMPOTENCY_DAYS = env_int("INDDRAG_RETENTION_IDEMPOTENCY_DAYS", 7, minimum=1)
# A stakeholder's contact person (name, e-mail, phone), once the stakeholder has been inactive
# this long; active stakeholders keep theirs.
INDDRAG_RETENTION_STAKEHOLDER_CONTACT_DAYS = env_int(
    "INDDRAG_RETENTION_STAKEHOLDER_CONTACT_DAYS", 365, minimum=1
)
# The access log: five years.
INDDRAG_RETENTION_ACCESS_LOG_DAYS = env_int("INDDRAG_RETENTION_ACCESS_LOG_DAYS", 1825, minimum=1)
# Logins (django-axes): who logged in or failed to, from which address and browser.
INDDRAG_RETENTION_LOGIN_LOG_DAYS = env_int("INDDRAG_RETENTION_LOGIN_LOG_DAYS", 180, minimum=1)
# The privacy notice (/privatlivspolitik/): the data controller and its data protection officer.
# Ballerup's by default; every municipality sets its own.
INDDRAG_PRIVACY_CONTROLLER = env_str(
    "INDDRAG_PRIVACY_CONTROLLER", "Ballerup Kommune, Hold-An Vej 7, 2750 Ballerup, CVR 58271713"
)
INDDRAG_PRIVACY_DPO_EMAIL = env_str("INDDRAG_PRIVACY_DPO_EMAIL", "databeskyttelse@balk.dk")
INDDRAG_PRIVACY_DPO_PHONE = env_str("INDDRAG_PRIVACY_DPO_PHONE", "44 77 20 00")
