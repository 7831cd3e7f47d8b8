"""Searching contributions (issue #14): the public list's search (``?q_bidrag=``, the published
text of published contributions only) and the staff inbox's (``?q=``).

On PostgreSQL a query matches

- by full-text search in Danish: the stored ``tsvector`` columns ``search_published`` and
  ``search_text`` (generated from ``published_text`` and ``text``; added by migration
  ``contributions/0018`` on PostgreSQL only, so not model fields) with a GIN index on the
  public one. A plain query (no quotes, no ``-word``, no ``or``) matches each word and what
  begins with it, after stemming ("skole" finds "skolen", "skolerne"; "cykel" "cykelstien");
  a query with those operators is read by ``websearch_to_tsquery`` ("cykelsti -parkering",
  "\"sikker cykelsti\"", "træer or buske");
- or, for a plain query, by the text containing it as typed, case-insensitively (what the
  search did before; a trigram GIN index on ``UPPER(published_text)`` serves it), so a part of a
  word ("kelsti") or a number with its punctuation ("(4242)") still finds it;
- and the found contributions come best first (``ts_rank``), then newest first; the public list
  marks the matched words (``ts_headline``) in the HTML-escaped text.

On SQLite (development and the demo) a query matches the text containing it as typed, with
a case-folding that covers æ, ø and å (SQLite's own ``LIKE`` folds ASCII only), newest first,
and the list marks where the query's words occur. No stemming, no operators, no ranking.

Both count and page a search in one query (``paginate_once``).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.core.paginator import Page, Paginator
from django.db.backends.signals import connection_created
from django.db.models import Count, Expression, F, OrderBy, Q, QuerySet, Window
from django.db.models.functions import Greatest, Least, RowNumber
from django.db.models.lookups import IContains
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CONFIG = "danish"
# The marks ts_headline puts around a matched word: private-use characters, replaced by <mark>
# only after the text is escaped (a text holding them itself is shown without marks).
START, STOP = "\ue000", "\ue001"
# websearch_to_tsquery's operators: a quote, a word starting with "-", a free-standing "or".
OPERATORS = re.compile(r'"|(?:^|\s)-\w|(?:^|\s)or(?:\s|$)', re.IGNORECASE)
WORDS = re.compile(r"[^\W_]+")
MAX_WORDS = 32


@dataclass(frozen=True)
class Terms:
    text: str  # the query as typed, stripped
    plain: bool  # no websearch operators
    words: tuple[str, ...]  # its words (letters and digits), at most MAX_WORDS


def parse(query: str) -> Terms:
    text = query.strip()
    return Terms(
        text=text,
        plain=not OPERATORS.search(text),
        words=tuple(WORDS.findall(text))[:MAX_WORDS],
    )


def tsquery(terms: Terms) -> SearchQuery | None:
    """PostgreSQL: every word and what begins with it (a plain query), else the websearch
    reading. The raw query is built from ``WORDS`` only (letters and digits), so nothing the
    user types is read as tsquery syntax."""
    if terms.plain:
        if not terms.words:
            return None
        raw = " & ".join(f"{word}:*" for word in terms.words)
        return SearchQuery(raw, config=CONFIG, search_type="raw")
    return SearchQuery(terms.text, config=CONFIG, search_type="websearch")


class Vector(Expression):
    """A stored ``tsvector`` column of the query's own table (PostgreSQL only, not a field)."""

    output_field = SearchVectorField()

    def __init__(self, column: str) -> None:
        super().__init__()
        self.column = column

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return (
            f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name(self.column)}",
            [],
        )


PUBLISHED_VECTOR = "search_published"
TEXT_VECTOR = "search_text"


class FoldedContains(IContains):
    """``icontains`` whose case-folding also covers æ, ø, å on SQLite (through
    ``inddrag_fold``, Python's ``str.casefold``); on PostgreSQL it is ``icontains``
    (``UPPER(…) LIKE UPPER(…)``, the expression the trigram index is on)."""

    lookup_name = "icontains"  # its operators and casts; used as an expression, not registered

    def as_sqlite(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        rhs_params = [p.casefold() if isinstance(p, str) else p for p in rhs_params]
        return (
            f"inddrag_fold({lhs_sql}) LIKE inddrag_fold({rhs_sql}) ESCAPE '\\'",
            (*lhs_params, *rhs_params),
        )


def _fold(value):
    return value.casefold() if isinstance(value, str) else value


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("inddrag_fold", 1, _fold, deterministic=True)


connection_created.connect(register_sqlite_functions, dispatch_uid="inddrag_fold")


def text_match(field: str, vector: str, terms: Terms, vendor: str, *, part: bool = True) -> Q:
    """The condition "``field`` matches ``terms``" (see the module's docstring); ``part``: also
    a plain query found anywhere in the text, as typed."""
    if vendor != "postgresql":
        return Q(FoldedContains(F(field), terms.text))
    query = tsquery(terms)
    conditions = [Q(SearchVectorExact(Vector(vector), query))] if query is not None else []
    if terms.plain and (part or query is None):
        # A plain query always comes here, an operator query always has a tsquery.
        conditions.append(Q(FoldedContains(F(field), terms.text)))
    return reduce(operator.or_, conditions)


def search_published(queryset: QuerySet, query: str, vendor: str) -> QuerySet:
    """The public search: the published text (and a receipt number typed or linked whole), best
    first on PostgreSQL; ``queryset`` is of published contributions, ordered newest first."""
    terms = parse(query)
    found = queryset.filter(
        text_match("published_text", PUBLISHED_VECTOR, terms, vendor)
        # The links from a visible change to its contributions (receipt numbers are upper case).
        | Q(receipt_number=terms.text.upper())
    )
    if vendor == "postgresql" and (ts := tsquery(terms)) is not None:
        found = found.annotate(
            rank=SearchRank(Vector(PUBLISHED_VECTOR), ts),
            headline=SearchHeadline(
                "published_text",
                ts,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                highlight_all=True,
            ),
        ).order_by("-rank", "-received_at", "-pk")
    return found


def search_inbox(queryset: QuerySet, query: str, vendor: str) -> QuerySet:
    """The staff inbox's search: receipt number, the text (as above, on ``text``), the name,
    the organisation and the e-mail address."""
    terms = parse(query)
    return queryset.filter(
        Q(FoldedContains(F("receipt_number"), terms.text))
        # Full-text only: the inbox reads every row of the process anyway (the name, the
        # e-mail), and a LIKE through each whole text would double its time.
        | text_match("text", TEXT_VECTOR, terms, vendor, part=False)
        | Q(FoldedContains(F("name"), terms.text))
        | Q(FoldedContains(F("on_behalf_of"), terms.text))
        | Q(FoldedContains(F("email"), terms.text))
    )


# --- Marking what was found ---------------------------------------------------------------------


def mark_words(text: str, terms: Terms) -> SafeString:
    """``text`` HTML-escaped, with the query's words (case-insensitively, anywhere in a word)
    in ``<mark>``."""
    words = sorted({w.casefold() for w in terms.words}, key=len, reverse=True)
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    parts, last = [], 0
    for found in pattern.finditer(text):
        parts += [escape(text[last : found.start()]), "<mark>", escape(found.group()), "</mark>"]
        last = found.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of the text is escaped


def mark_headline(headline: str) -> SafeString | None:
    """A ts_headline result, escaped, its marks made ``<mark>``; None without any mark."""
    if START not in headline:
        return None
    escaped = escape(headline)  # the marks are not HTML: escape() leaves them as they are
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def highlight(contributions, query: str) -> None:
    """Set ``highlighted`` on each contribution found by ``search_published``: its published
    text, escaped, with what matched in ``<mark>``."""
    terms = parse(query)
    for contribution in contributions:
        text = contribution.published_text
        marked = None
        headline = getattr(contribution, "headline", None)
        if headline is not None and START not in text and STOP not in text:
            marked = mark_headline(headline)
        contribution.highlighted = marked if marked is not None else mark_words(text, terms)


# --- Counting and paging at once ----------------------------------------------------------------


def ordered(field: str) -> OrderBy:
    return OrderBy(F(field.removeprefix("-")), descending=field.startswith("-"))


def paginate_once(queryset: QuerySet, number, per_page: int) -> Page:
    """``Paginator(queryset, per_page).get_page(number)``, the search run once: one query picks
    the page's ids with the number of all the rows found (``ROW_NUMBER()`` and ``COUNT(*)``
    over the rows found: narrow rows, the ids and the order only; a page number past the end
    picks the last page, as ``get_page`` does), a second reads the page's rows by id (with what
    ``queryset`` joins and prefetches, and the headline of these rows only)."""
    past_the_end = 2**31 // per_page  # the last page; no OFFSET out of the database's range
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    if not 1 <= number <= past_the_end:  # below 1 too, as ``get_page``
        number = past_the_end
    order = queryset.query.order_by
    count = Window(Count("pk"))
    last = Greatest((count + (per_page - 1)) / per_page, 1)  # integer division: the last page
    start = (Least(number, last) - 1) * per_page
    picked = list(
        queryset.prefetch_related(None)
        .annotate(
            found_count=count,
            position=Window(RowNumber(), order_by=[ordered(field) for field in order]),
        )
        .filter(position__gt=start, position__lte=start + per_page)
        .values_list("pk", "found_count", "position")
    )
    paginator = Paginator(queryset, per_page)
    paginator.count = picked[0][1] if picked else 0
    number = (picked[0][2] - 1) // per_page + 1 if picked else 1
    ids = [pk for pk, _count, _position in picked]
    rows = {row.pk: row for row in queryset.filter(pk__in=ids)} if ids else {}
    return Page([rows[pk] for pk in ids if pk in rows], number, paginator)
