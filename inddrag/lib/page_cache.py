"""Anonymous public pages from the cache, never stale (docs/performance.md, "Page cache").

What is cached: the responses of the views an app registers with ``cacheable()`` (the front
page, the list, the process page, the compare page, the API reads), for GET requests of an
anonymous visitor with nothing in the session and no pending message. Anyone signed in, anyone
whose session holds something (a stakeholder's invitation, a message) and every other method
gets a live page. A response is stored only when it is a 200 without a cookie of its own and
the view left the session and the messages alone.

The key: the view, the host and scheme (the API writes absolute addresses), the language, the
path with its query string (filters, paging, search, ``side``) and the htmx headers.

Never stale, by versions: every stored page names the version tokens it was rendered under — the
site's always, and its process's for a page about one process — read *before* the view reads
the database. A change to anything shown bumps the tokens (``changed()``) in
``transaction.on_commit``, so a reader that rendered the old state stored it under the old
token, and one that read the new token reads committed data. A page is served only while its
tokens are still the current ones: the tokens and the page come in one ``get_many``.

The apps say what changes what: ``watch(model, process)`` for model saves, deletes and
many-to-many changes (signals, one place per app: its ``AppConfig.ready``), and a call of
``changed()`` next to each ``update()``/``bulk_create()`` in their services (tests/lib check
that each is there).

Never past a deadline: a page is stored with the moment its state changes by time (the next
start, the end of a deadline's minute, the next midnight: the view's ``until`` function) and
served only before it, to the second, whatever the cache's own TTL rounding; the cache TTL is
at most ``INDDRAG_PAGE_CACHE_SECONDS``.

Per-visitor values in a page: the CSRF token and the one-time form token. The page is stored
with placeholders in their place, and every response — the one that rendered it and each one
served from the cache — gets the visitor's own CSRF token (``get_token``, which also sets the
CSRF cookie for a new visitor) and a fresh form token.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _unmask_cipher_token, get_token
from django.utils import timezone, translation

log = logging.getLogger(__name__)

PREFIX = "inddrag:page:"
SITE = "inddrag:pv:site"  # the site's version token: every page depends on it


def process_key(process_id: int) -> str:
    return f"inddrag:pv:{process_id}"


CSRF_PLACEHOLDER = "\x00inddrag-csrf\x00"
FORM_PLACEHOLDER = "\x00inddrag-form\x00"
_TOKEN_CANDIDATE = re.compile(
    rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d}(?![A-Za-z0-9])" % CSRF_TOKEN_LENGTH
)
_FORM_TOKEN = re.compile(rb'(name="form_token" value=")([A-Za-z0-9_-]{16,64})(")')
HEADERS_KEPT = ("Content-Type", "Content-Language", "Cache-Control", "X-Robots-Tag", "Link")


def enabled() -> bool:
    return bool(getattr(settings, "INDDRAG_PAGE_CACHE", False))


# --- Invalidation -------------------------------------------------------------------------------


def _bump(keys: Iterable[str]) -> None:
    values = {key: secrets.token_hex(8) for key in keys}
    try:
        cache.set_many(values, timeout=None)
    except Exception:  # the cache is down: pages expire within the maximum TTL
        log.exception("page cache: could not bump %s", sorted(values))


class _BumpOnCommit:
    """One transaction's bump: the tokens of everything it changed, in one ``set_many``."""

    def __init__(self, keys: set[str]) -> None:
        self.keys = set(keys)

    def __call__(self) -> None:
        _bump(self.keys)


def _bump_on_commit(keys: set[str]) -> None:
    """Bump ``keys`` when the transaction commits: once per transaction, however many saves
    changed things (a post's contribution, its receipt number, the counter: one bump, not
    four). The keys join a bump already waiting whose savepoints are all still open around
    this one: whatever rolls that one back rolls these changes back too. Otherwise (outside a
    transaction, or only a bump under a savepoint since left) a bump of their own."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        open_now = set(connection.savepoint_ids)
        for savepoints, hook, _robust in reversed(connection.run_on_commit):
            if isinstance(hook, _BumpOnCommit) and savepoints <= open_now:
                hook.keys |= keys
                return
    transaction.on_commit(_BumpOnCommit(keys))


def changed(*process_ids: int | None, site: bool = False) -> None:
    """Something shown on the pages of these processes changed (``site``: something shown on
    every page or on the lists). Takes effect when the transaction commits."""
    keys = {process_key(pk) for pk in process_ids if pk is not None}
    if site:
        keys.add(SITE)
    if not keys:
        return
    if enabled():
        _bump_on_commit(keys)
    else:
        # Nothing is stored while it is off, so there is no race to avoid; the tokens still
        # move, so that a page stored before it was turned off is never served after it is on.
        _bump(keys)


@dataclass(frozen=True)
class Watched:
    model: type[Model]
    # The process an object belongs to (its id), or None; ``site`` bumps the site's token too.
    process: Callable[[Any], int | None] | None
    site: bool
    # The fields shown: a save that names only others (``update_fields``) changes nothing shown.
    fields: frozenset[str] | None = None


WATCHED: dict[type[Model], Watched] = {}


def _on_change(sender, instance, **kwargs) -> None:
    watched = WATCHED.get(sender)
    if watched is None or kwargs.get("raw"):
        return
    update_fields = kwargs.get("update_fields")
    if watched.fields is not None and update_fields and not watched.fields & set(update_fields):
        return  # e.g. a user's last login
    process_id = None
    site = watched.site
    if watched.process is not None:
        try:
            process_id = watched.process(instance)
        except Exception:  # e.g. its parent deleted in the same cascade: be safe, bump all
            site = True
    changed(process_id, site=site)


def watch(
    model: type[Model],
    process: Callable[[Any], int | None] | None = None,
    *,
    site: bool = False,
    m2m: Iterable[Any] = (),
    fields: Iterable[str] | None = None,
) -> None:
    """Bump the token of ``process(obj)`` (and the site's with ``site``; a model without a
    process always bumps the site's) when an object of ``model`` is saved or deleted, and when
    one of its many-to-many fields ``m2m`` (the field's ``through``) changes. With ``fields``,
    a save that updates none of them (``save(update_fields=…)``) changes nothing."""
    WATCHED[model] = Watched(
        model, process, site or process is None, frozenset(fields) if fields else None
    )
    uid = f"page_cache:{model._meta.label}"
    post_save.connect(_on_change, sender=model, dispatch_uid=uid + ":save")
    post_delete.connect(_on_change, sender=model, dispatch_uid=uid + ":delete")
    for through in m2m:
        receiver = _on_m2m(model)
        m2m_changed.connect(receiver, sender=through, dispatch_uid=f"{uid}:{through}", weak=False)


def _on_m2m(model: type[Model]) -> Callable[..., None]:
    def receiver(sender, instance, action, reverse, **kwargs) -> None:
        if action.startswith("pre_"):
            return
        if isinstance(instance, model):
            _on_change(model, instance)
        else:  # changed from the other side: which processes is not known cheaply
            changed(site=True)

    return receiver


# --- Which views, and what they depend on -------------------------------------------------------


@dataclass(frozen=True)
class Cacheable:
    view_name: str  # "namespace:name" as resolved
    # The process the page is about, from the URL's kwargs; not given: a page of the whole site.
    # A page about a process whose process is not known (None) is not cached.
    process: Callable[[dict], int | None] | None
    # The moment the page's state next changes by time alone, after ``now``.
    until: Callable[[datetime.datetime, int | None], datetime.datetime | None]


VIEWS: dict[str, Cacheable] = {}


def cacheable(
    view_name: str,
    *,
    until: Callable[[datetime.datetime, int | None], datetime.datetime | None],
    process: Callable[[dict], int | None] | None = None,
) -> None:
    VIEWS[view_name] = Cacheable(view_name, process, until)


def next_midnight(now: datetime.datetime) -> datetime.datetime:
    """The next local midnight: dates (today, days left, past/current/future) change then."""
    local = timezone.localtime(now)
    tomorrow = local.date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))


# --- The middleware ------------------------------------------------------------------------------


def _anonymous(request: HttpRequest) -> bool:
    if request.method != "GET":
        return False
    if request.COOKIES.get(CookieStorage.cookie_name):
        return False  # a message waits to be shown
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    return session is None or not session.keys()


def _key(request: HttpRequest, view_name: str) -> str:
    parts = "\0".join(
        (
            view_name,
            request.scheme,
            request.get_host(),
            translation.get_language() or "",
            request.get_full_path(),
            request.headers.get("HX-Request", ""),
            request.headers.get("HX-Target", ""),
        )
    )
    return PREFIX + hashlib.sha256(parts.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class _Pending:
    key: str
    deps: tuple[str, ...]
    tokens: tuple[str | None, ...]
    process_id: int | None
    page: Cacheable
    started: datetime.datetime


def _personalise(request: HttpRequest, body: bytes) -> bytes:
    if CSRF_PLACEHOLDER.encode() in body:
        body = body.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    while FORM_PLACEHOLDER.encode() in body:
        body = body.replace(FORM_PLACEHOLDER.encode(), secrets.token_urlsafe(24).encode(), 1)
    return body


def _depersonalise(request: HttpRequest, body: bytes) -> bytes | None:
    """The page with placeholders for this visitor's tokens; None if one may be left in it."""
    secret = request.META.get("CSRF_COOKIE")
    if secret:

        def csrf(match: re.Match) -> bytes:
            token = match.group().decode()
            try:
                mine = _unmask_cipher_token(token) == secret
            except Exception:
                mine = False
            return CSRF_PLACEHOLDER.encode() if mine else match.group()

        body = _TOKEN_CANDIDATE.sub(csrf, body)
        if secret.encode() in body:
            return None
    return _FORM_TOKEN.sub(lambda m: m.group(1) + FORM_PLACEHOLDER.encode() + m.group(3), body)


def _first_token(key: str) -> str | None:
    """A version token not set yet (or evicted): set one, or read the one another request set
    first. Before the view reads anything, as every token read."""
    token = secrets.token_hex(8)
    try:
        return token if cache.add(key, token, timeout=None) else cache.get(key)
    except Exception:
        return None


class PageCacheMiddleware:
    """Last in MIDDLEWARE: a page from the cache passes every other middleware as a live one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        pending = getattr(request, "_page_cache", None)
        if isinstance(pending, _Pending):
            self._store(request, response, pending)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if not enabled():
            return None
        match = request.resolver_match
        page = VIEWS.get(match.view_name) if match else None
        if page is None or not _anonymous(request):
            return None
        process_id = page.process(view_kwargs) if page.process else None
        if page.process and process_id is None:
            return None
        key = _key(request, page.view_name)
        deps = (SITE,) if process_id is None else (SITE, process_key(process_id))
        try:
            found = cache.get_many([key, *deps])
        except Exception:
            log.exception("page cache: read failed")
            return None
        tokens = tuple(found.get(d) or _first_token(d) for d in deps)
        entry = found.get(key)
        if entry is not None:
            status, body, headers, stored_tokens, expires = entry
            if stored_tokens == tokens and timezone.now().timestamp() < expires:
                response = HttpResponse(_personalise(request, body), status=status)
                for name, value in headers:
                    response[name] = value
                response["X-Page-Cache"] = "hit"
                return response
        request._page_cache = _Pending(key, deps, tokens, process_id, page, timezone.now())
        return None

    def _store(self, request: HttpRequest, response: HttpResponse, pending: _Pending) -> None:
        if any(t is None for t in pending.tokens):
            return
        session = getattr(request, "session", None)
        queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or "no-store" in response.get("Cache-Control", "")
            or "private" in response.get("Cache-Control", "")
            or (session is not None and (session.modified or session.keys()))
            or queued
            or getattr(request, "user", None) is None
            or request.user.is_authenticated
        ):
            return
        # Computed from the moment before the view read the clock: a boundary crossed while
        # it rendered is in the past now, and the page is not stored.
        until = pending.page.until(pending.started, pending.process_id)
        now = timezone.now().timestamp()
        expires = now + settings.INDDRAG_PAGE_CACHE_SECONDS
        if until is not None:
            expires = min(expires, until.timestamp())
        seconds = expires - now
        if seconds < 1:
            return
        body = _depersonalise(request, response.content)
        if body is None:
            log.warning("page cache: a CSRF secret in %s, not stored", request.path)
            return
        headers = [(h, response[h]) for h in HEADERS_KEPT if response.has_header(h)]
        entry = (response.status_code, body, headers, pending.tokens, expires)
        try:
            cache.set(pending.key, entry, timeout=max(1, round(seconds)))
        except Exception:
            log.exception("page cache: write failed")
        response["X-Page-Cache"] = "miss"
