"""The principles' current wording and thresholds, read cheaply, and the two changes that write a
new version of them (issue #13, section 4; docs/evaluation.md, "Editable principles and
thresholds").

Reading: ``current()`` is a snapshot of the newest row of every principle and threshold. It is
kept in Django's cache (shared by the processes of the site) and, for a few seconds, in this
process, so a page that shows a principle's title or runs the checks costs no query. A change
drops both, at once and again when its transaction commits (so a request that read the old rows
meanwhile does not keep them); another process sees it within ``MEMO_SECONDS`` — or, if it put
the old rows in the cache in the very moment the change committed, within ``CACHE_SECONDS``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import get_language, gettext, override

from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.principles.models import (
    DEFAULT_TEXTS,
    NUMBERS,
    THRESHOLDS,
    PolicyValue,
    PrincipleText,
)

CACHE_KEY = "principles:current:v1"
# A request that read the rows just before a change committed may put them in the cache just after
# the change dropped it: they expire at the latest after this long.
CACHE_SECONDS = 10 * 60
MEMO_SECONDS = 5.0

TEXT_FIELDS = ("title", "short_text", "long_text")
ALL_TEXT_FIELDS = (*TEXT_FIELDS, "title_en", "short_text_en", "long_text_en")


class NothingChanged(Exception):
    """The new version says what the current one says."""


@dataclass(frozen=True)
class Current:
    """The newest row's values of every principle and threshold that has one."""

    texts: dict[int, dict[str, str]] = field(default_factory=dict)
    values: dict[str, int] = field(default_factory=dict)


EMPTY = Current()

_memo: tuple[float, Current] | None = None


def _load() -> Current:
    newest_text = PrincipleText.objects.filter(number=OuterRef("number")).order_by("-pk")
    texts = PrincipleText.objects.filter(pk=Subquery(newest_text.values("pk")[:1]))
    newest_value = PolicyValue.objects.filter(key=OuterRef("key")).order_by("-pk")
    values = PolicyValue.objects.filter(pk=Subquery(newest_value.values("pk")[:1]))
    return Current(
        texts={row["number"]: row for row in texts.values("number", *ALL_TEXT_FIELDS)},
        values={row["key"]: row["value"] for row in values.values("key", "value")},
    )


def current() -> Current:
    """The snapshot: from this process's memo, else the cache, else the database (two queries)."""
    global _memo
    now = time.monotonic()
    memo = _memo
    if memo is not None and now - memo[0] < MEMO_SECONDS:
        return memo[1]
    snapshot = cache.get(CACHE_KEY)
    if snapshot is None:
        snapshot = _load()
        cache.set(CACHE_KEY, snapshot, CACHE_SECONDS)
    _memo = (now, snapshot)
    return snapshot


def forget() -> None:
    """Drop the snapshot here and in the cache: the next read loads the rows again."""
    global _memo
    _memo = None
    cache.delete(CACHE_KEY)


def forget_memo() -> None:
    """Drop only this process's copy (as another process's would expire)."""
    global _memo
    _memo = None


def remember(snapshot: Current) -> None:
    """Put a snapshot known to be true in the cache (the tests: an empty database)."""
    global _memo
    cache.set(CACHE_KEY, snapshot, CACHE_SECONDS)
    _memo = (time.monotonic(), snapshot)


# --- Reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wording:
    number: int
    title: str
    short_text: str
    long_text: str
    changed: bool  # an administrator's version, not the default
    # The texts shown in Danish on an English page (no English version): for their lang="da".
    danish: frozenset[str] = frozenset()


def _english() -> bool:
    return (get_language() or "da").split("-")[0] == "en"


def default_wording(number: int, language: str | None = None) -> Wording:
    """Ballerup Kommune's text, in ``language`` (else the active one)."""
    if language:
        with override(language):
            return default_wording(number)
    title, short, long = DEFAULT_TEXTS[number]
    return Wording(number, str(title), str(short), str(long), changed=False)


def wording(number: int, snapshot: Current | None = None) -> Wording:
    """Principle ``number`` in the active language: the current version (English where it has
    it, else Danish), or the default."""
    row = (snapshot or current()).texts.get(number)
    if row is None:
        return default_wording(number)
    english = _english()
    texts = [(english and row[f"{name}_en"]) or row[name] for name in TEXT_FIELDS]
    danish = frozenset(n for n in TEXT_FIELDS if english and not row[f"{n}_en"])
    return Wording(number, *texts, changed=True, danish=danish)


def wordings() -> list[Wording]:
    snapshot = current()
    return [wording(n, snapshot) for n in NUMBERS]


def principle_title(number: int) -> str:
    return wording(number).title


def policy_value(key: str) -> int:
    """The threshold's current value: the newest row's, else its default."""
    threshold = THRESHOLDS[key]
    value = current().values.get(key)
    return threshold.default() if value is None else value


def stored_texts(number: int) -> dict[str, str]:
    """What the edit form starts from: the current row's six texts, or the default in Danish
    and in English."""
    row = current().texts.get(number)
    if row is not None:
        return {name: row[name] for name in ALL_TEXT_FIELDS}
    return _default_row(number)


# --- Changing -----------------------------------------------------------------------------------


def _changed() -> None:
    forget()
    transaction.on_commit(forget)


def change_principle(user, number: int, *, reason: str, **texts: str) -> PrincipleText:
    """A new version of principle ``number``'s wording (the six texts of ``ALL_TEXT_FIELDS``),
    logged. Refused with ``NothingChanged`` when every text is as it is now."""
    if number not in NUMBERS:
        raise ValueError(f"there is no principle {number}")
    values = {name: texts.get(name, "") for name in ALL_TEXT_FIELDS}
    with transaction.atomic():
        # Compared with the newest row itself, not the snapshot (which may be seconds old).
        newest = PrincipleText.objects.filter(number=number).order_by("-pk")
        old = newest.values(*ALL_TEXT_FIELDS).first() or _default_row(number)
        changed = [name for name in ALL_TEXT_FIELDS if values[name] != old[name]]
        if not changed:
            raise NothingChanged
        row = PrincipleText.objects.create(number=number, changed_by=user, reason=reason, **values)
        log_access(
            user,
            row,
            AccessLog.Action.CHANGE,
            f"principle {number}: {', '.join(changed)}",
        )
        _changed()
    return row


def change_policy(user, key: str, value: int, *, reason: str) -> PolicyValue:
    """A new value of the threshold ``key``, logged. Refused with ``NothingChanged`` when it is
    the current value."""
    threshold = THRESHOLDS[key]
    if not threshold.minimum <= value <= threshold.maximum:
        raise ValueError(f"{key} must lie in {threshold.minimum}–{threshold.maximum}")
    with transaction.atomic():
        newest = PolicyValue.objects.filter(key=key).order_by("-pk")
        old = newest.values_list("value", flat=True).first()
        old = threshold.default() if old is None else old
        if value == old:
            raise NothingChanged
        row = PolicyValue.objects.create(key=key, value=value, changed_by=user, reason=reason)
        log_access(user, row, AccessLog.Action.CHANGE, f"{key}: {old} → {value}")
        _changed()
    return row


# --- History ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    field: str  # a field name of PrincipleText, or "value"
    old: str
    new: str

    @property
    def label(self) -> str:
        if self.field == "value":
            return gettext("Value")
        return str(PrincipleText._meta.get_field(self.field).verbose_name).capitalize()

    @property
    def long(self) -> bool:
        """A text shown as paragraphs, not on one line."""
        return self.field.startswith(("short_text", "long_text"))


@dataclass(frozen=True)
class HistoryEntry:
    row: PrincipleText | PolicyValue
    what: str  # "principle" or "threshold"
    differences: list[Difference]

    @property
    def changed_at(self):
        return self.row.changed_at

    @property
    def subject(self) -> str:
        if isinstance(self.row, PrincipleText):
            return gettext("Principle %(n)d") % {"n": self.row.number}
        return str(THRESHOLDS[self.row.key].label)


def principle_history() -> list[HistoryEntry]:
    """Every version of every principle, newest first, each with what it changed from the one
    before (the first from the default). Two queries."""
    before = {n: _default_row(n) for n in NUMBERS}
    entries = []
    for row in PrincipleText.objects.select_related("changed_by").order_by("pk"):
        new = {name: getattr(row, name) for name in ALL_TEXT_FIELDS}
        old = before[row.number]
        differences = [Difference(n, old[n], new[n]) for n in ALL_TEXT_FIELDS if old[n] != new[n]]
        entries.append(HistoryEntry(row, "principle", differences))
        before[row.number] = new
    return entries[::-1]


def policy_history() -> list[HistoryEntry]:
    """Every value of every threshold, newest first, with the value before it."""
    before = {key: t.default() for key, t in THRESHOLDS.items()}
    entries = []
    for row in PolicyValue.objects.select_related("changed_by").order_by("pk"):
        if row.key not in THRESHOLDS:
            continue
        entries.append(
            HistoryEntry(
                row, "threshold", [Difference("value", str(before[row.key]), str(row.value))]
            )
        )
        before[row.key] = row.value
    return entries[::-1]


def _default_row(number: int) -> dict[str, str]:
    danish, english = default_wording(number, "da"), default_wording(number, "en")
    return {
        **{name: getattr(danish, name) for name in TEXT_FIELDS},
        **{f"{name}_en": getattr(english, name) for name in TEXT_FIELDS},
    }


def history() -> list[HistoryEntry]:
    """Every change of a principle or a threshold, newest first (two queries)."""
    entries = principle_history() + policy_history()
    return sorted(entries, key=lambda e: e.changed_at, reverse=True)
