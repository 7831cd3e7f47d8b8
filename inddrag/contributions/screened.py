"""The screened texts the hearing memo shows, stored with the contribution and the answer.

Every text the memo quotes from a contributor (or writes about one) is screened for CPR numbers,
phone numbers, e-mail addresses, street addresses and the watch list's words, and what is found
is replaced with "[skjult]". That is done when the text is saved (``Contribution.save``,
``Answer.save``, the services that write with ``update()``, and ``manage.py rescreen``), not every
time the memo is read: the result is kept in the row's ``screened`` field, each value with a
fingerprint of the text it was made from and of the screening rules (``RULES_VERSION`` and the
watch list).

Reading is exactly as safe as screening on the spot: ``stored_or_screened`` uses a stored value
only when its fingerprint matches the text the row holds now under today's rules. A row saved by
``bulk_create`` or changed by an ``update()`` that did not refresh it, a value made under older
rules or another watch list — each of these is screened on the fly instead.
"""

from __future__ import annotations

import functools
import hashlib
import re
from typing import Any

from django.conf import settings

from inddrag.contributions import screening
from inddrag.contributions.screening import REDACTED

# Raise this whenever what the memo's screening finds changes (the patterns in ``screening``,
# ``clean`` or ``excerpt`` below): every stored value is then stale and is screened again on the
# fly until ``manage.py rescreen`` has stored it anew.
RULES_VERSION = 1

EXCERPT_CHARS = 300  # the start of a contribution that stands in for a missing summary
READ_CHARS = 800  # of the published text, screened before it is cut to the excerpt
# Characters that are not allowed in XML (DOCX) and have no place in a document anyway.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

# What is stored for each: the contribution's summary, the start of its published text (as the
# excerpt), the "on behalf of" and the published name; the answer's reason.
CONTRIBUTION_FIELDS = ("summary", "published_text", "on_behalf_of", "published_name")
ANSWER_FIELDS = ("reason",)


# --- What the memo does to a text ---------------------------------------------------------------


def clean(text: str) -> str:
    """``text`` with control characters removed and what screening finds (CPR numbers, phone
    numbers, e-mail addresses, street addresses, watch-list words) replaced with "[skjult]"."""
    text = _CONTROL.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    findings = screening.scan(text)
    if not findings:
        return text
    return screening.redact(text, [(f.start, f.end) for f in findings], REDACTED)


def one_line(text: str) -> str:
    return " ".join(_CONTROL.sub("", text or "").split())


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of ``text`` on one line, screened first and then cut at a word."""
    text = one_line(clean(text))
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return f"{cut.rstrip(',.;:–- ')}…"


def _summary(text: str) -> str:
    return one_line(clean(text)) if text.strip() else ""


def _name(text: str) -> str:
    return one_line(clean(text))


def _reason(text: str) -> str:
    return clean(text).strip()


# field → (what the memo shows of it, the part of the field it is made from)
_SCREEN = {
    "summary": _summary,
    "published_text": excerpt,
    "on_behalf_of": _name,
    "published_name": _name,
    "reason": _reason,
}


def source(field: str, value: str) -> str:
    """The part of a field the memo reads: the published text's first ``READ_CHARS``."""
    value = value or ""
    return value[:READ_CHARS] if field == "published_text" else value


# --- Stored, with fingerprints ------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _rules(version: int, words: tuple[str, ...]) -> bytes:
    digest = hashlib.blake2b("\x00".join(words).encode(), digest_size=8).hexdigest()
    return f"{version}:{digest}".encode()


def rules() -> bytes:
    """Today's screening rules: the version and the watch list."""
    return _rules(RULES_VERSION, tuple(settings.INDDRAG_SCREENING_WORDS))


def fingerprint(text: str, rules_key: bytes | None = None) -> str:
    return hashlib.blake2b(
        text.encode("utf-8", "surrogatepass"), digest_size=12, key=rules_key or rules()
    ).hexdigest()


def screen(field: str, value: str, rules_key: bytes | None = None) -> list[str]:
    """[fingerprint, screened value] of one field (``value`` the part the memo reads)."""
    return [fingerprint(value, rules_key), _SCREEN[field](value)]


def screened_fields(instance: Any, fields: tuple[str, ...]) -> dict[str, list[str]]:
    key = rules()
    return {f: screen(f, source(f, getattr(instance, f)), key) for f in fields}


def refresh(instance: Any, fields: tuple[str, ...]) -> None:
    """Screen ``fields`` of a model instance into its ``screened`` (not saved)."""
    instance.screened = screened_fields(instance, fields)


def stored_or_screened(
    stored: dict | None, field: str, value: str, rules_key: bytes | None = None
) -> str:
    """The screened ``field`` from ``stored`` if it was made from ``value`` (the part the memo
    reads) under today's rules; otherwise screened now."""
    entry = (stored or {}).get(field)
    if (
        isinstance(entry, list)
        and len(entry) == 2
        and entry[0] == fingerprint(value, rules_key)
        and isinstance(entry[1], str)
    ):
        return entry[1]
    return _SCREEN[field](value)


def is_current(stored: dict | None, instance: Any, fields: tuple[str, ...]) -> bool:
    """Whether every field's stored value was made from what ``instance`` holds now."""
    key = rules()
    for field in fields:
        entry = (stored or {}).get(field)
        if not (
            isinstance(entry, list)
            and len(entry) == 2
            and entry[0] == fingerprint(source(field, getattr(instance, field)), key)
        ):
            return False
    return True


def rescreen(queryset: Any, fields: tuple[str, ...], batch: int = 500) -> int:
    """Store the screened ``fields`` of every row of ``queryset`` (contributions or answers)
    whose stored values are missing or stale; returns how many rows were written. Used by
    ``manage.py rescreen`` after a change of the rules and by the migration that added the
    field (so it takes any queryset, also of a migration's historical model)."""
    model = queryset.model
    rows = queryset.only("pk", "screened", *fields).order_by("pk")
    written, last = 0, None
    while True:
        chunk = list((rows if last is None else rows.filter(pk__gt=last))[:batch])
        if not chunk:
            return written
        last = chunk[-1].pk
        stale = [row for row in chunk if not is_current(row.screened, row, fields)]
        for row in stale:
            row.screened = screened_fields(row, fields)
        model._default_manager.bulk_update(stale, ["screened"])
        written += len(stale)
