"""Every URL answers as it did: the list of URL patterns is kept in ``url_patterns.txt``.

A change of layout (apps, namespaces, view modules) must not change a single address. A new
page adds its pattern to the file in the same commit, so the change is visible in review.
"""

from __future__ import annotations

from pathlib import Path

from django.urls import URLResolver, get_resolver

KNOWN = Path(__file__).with_name("url_patterns.txt")


def _patterns(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def test_the_url_patterns_are_the_known_ones():
    current = sorted(
        {p for p in _patterns(get_resolver().url_patterns) if p and not p.startswith("admin/")}
    )
    assert current == KNOWN.read_text(encoding="utf-8").split()
