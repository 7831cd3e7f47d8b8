"""A pytest plugin for measuring, not for CI: run ``tests/test_fuzz.py`` and count every 5xx
(and every exception) instead of stopping at the first, e.g. against older application code.

    PYTHONPATH=benchmarks .venv/bin/pytest tests/test_fuzz.py -q -p fuzzcollect
    cat var/fuzz_found.json

Figures in docs/security.md.
"""

from __future__ import annotations

import collections
import json
import os
from pathlib import Path

import pytest

found: collections.Counter[str] = collections.Counter()
examples: list[str] = []


@pytest.fixture(autouse=True)
def _collect(monkeypatch):
    import tests.test_fuzz as fuzz

    real_send = fuzz.send

    def send(client, label, method, url, **kwargs):
        try:
            return real_send(client, label, method, url, **kwargs)
        except Exception as exc:  # what the client raised instead of answering 500
            found[f"{label} | {type(exc).__name__}"] += 1
            examples.append(f"{label} {type(exc).__name__}: {str(exc)[:120]}")
            return 599

    def assert_no_5xx(status, what):
        if 500 <= status < 599:
            found[f"5xx | {what[:60]}"] += 1

    monkeypatch.setattr(fuzz, "send", send)
    monkeypatch.setattr(fuzz, "assert_no_5xx", assert_no_5xx)
    yield


def pytest_sessionfinish(session):
    out = Path(os.environ.get("FUZZ_OUT", "var/fuzz_found.json"))
    out.parent.mkdir(parents=True, exist_ok=True)
    report = {"total": sum(found.values()), "counts": found, "examples": examples[:200]}
    out.write_text(json.dumps(report, indent=1))
    print(f"\n5xx found: {report['total']} ({out})")
