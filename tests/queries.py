"""Query-count tests that test behaviour as well.

A page that answers 404, or shows nothing, costs few queries too. So a query-count test here
asserts three things: the response has the expected status (200), it shows the last row made for
the test (its title, receipt number or name; in a JSON response, one of the JSON's values), and
the number of queries is the same with few rows and with many.

Two ways to write one:

- Parametrized over the number of rows, with one fixed count (the count is then the same for
  every size)::

      @pytest.mark.parametrize("rows", [1, 50])
      def test_list_query_count(client, django_assert_num_queries, rows):
          last = make_rows(rows)
          assert_queries(django_assert_num_queries, 6, lambda: client.get(url), shows=last.title)

- Growing the rows within one test, fetching after each step::

      def test_list_query_count(client, django_assert_num_queries):
          def grow(n):  # add n rows; return what the page must show of the last one
              return make_rows(n).title

          assert_constant_queries(django_assert_num_queries, lambda: client.get(url), grow, 6)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.http import HttpResponse
from django.utils.html import escape

FEW = 5
MANY = 50

Shown = str | Iterable[str] | None


def _texts(shows: Shown) -> list[str]:
    if shows is None:
        return []
    if isinstance(shows, str):
        return [shows]
    return list(shows)


def _json_values(data) -> Iterator[str]:
    """Every value in a JSON document (not the keys), as text."""
    if isinstance(data, dict):
        for value in data.values():
            yield from _json_values(value)
    elif isinstance(data, list):
        for value in data:
            yield from _json_values(value)
    elif data is not None:
        yield data if isinstance(data, str) else json.dumps(data)


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


def assert_shows(response: HttpResponse, text: str) -> None:
    """``text`` is on the page (as written or HTML-escaped), or — for a JSON response — inside
    one of the JSON's string values (or equal to a number's or boolean's JSON text)."""
    if _is_json(response):
        values = list(_json_values(response.json()))
        found = any(text in value for value in values)
        assert found, f"{text!r} is in none of the JSON values: {values[:20]!r}…"
        return
    html = response.content.decode()
    assert text in html or escape(text) in html, f"{text!r} is not on the page"


def assert_queries(
    django_assert_num_queries,
    expected: int,
    fetch: Callable[[], HttpResponse],
    *,
    shows: Shown = None,
    status: int = 200,
    info: str = "",
) -> HttpResponse:
    """Call ``fetch`` and assert that it runs exactly ``expected`` queries, answers ``status``
    and shows each of ``shows``. Returns the response, with the queries it ran as
    ``response.captured_queries`` (the SQL of each in ``q["sql"]``)."""
    with django_assert_num_queries(expected, info=info or None) as captured:
        response = fetch()
    prefix = f"{info}: " if info else ""
    assert response.status_code == status, (
        f"{prefix}status {response.status_code}, expected {status}: {response.content[:300]!r}"
    )
    for text in _texts(shows):
        try:
            assert_shows(response, text)
        except AssertionError as error:
            raise AssertionError(f"{prefix}{error}") from None
    response.captured_queries = captured.captured_queries
    return response


def assert_constant_queries(
    django_assert_num_queries,
    fetch: Callable[[], HttpResponse],
    grow: Callable[[int], Shown],
    expected: int,
    *,
    sizes: Sequence[int] = (FEW, MANY),
    status: int = 200,
) -> list[HttpResponse]:
    """Grow the data to each of ``sizes`` rows in turn and fetch the page after each step.

    ``grow(n)`` adds ``n`` rows and returns what the page must then show of the last one (a
    title, a receipt number, a name — or several). Every fetch must run exactly ``expected``
    queries, answer ``status`` and show it. Returns the responses, one per size."""
    assert len(sizes) >= 2 and list(sizes) == sorted(set(sizes)), "two or more growing sizes"
    responses = []
    made = 0
    for size in sizes:
        shows = grow(size - made)
        made = size
        response = assert_queries(
            django_assert_num_queries,
            expected,
            fetch,
            shows=shows,
            status=status,
            info=f"with {size} rows",
        )
        responses.append(response)
    return responses
