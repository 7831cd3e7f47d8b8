"""``manage.py analyse_texts IN.jsonl OUT.jsonl``: its contract (ids in = ids out, the JSON)."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from tests.analysis.test_engine import PARKING, SCHOOL, campaign


def test_one_line_out_per_line_in_with_topic_and_duplicate_group(tmp_path):
    texts = [*campaign(6), *PARKING, *SCHOOL, "", "Nej"]
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    rows = [{"id": f"x-{n}", "text": t, "extra": 1} for n, t in enumerate(texts)]
    rows.append({"id": 99, "text": None})  # a number as id, no text: still one line out
    source.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows) + "\n", encoding="utf-8"
    )
    call_command("analyse_texts", str(source), str(target))
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in out] == [str(r["id"]) for r in rows]
    for o in out:
        assert set(o) == {"id", "topic", "duplicate_group"}
        assert isinstance(o["topic"], str) and o["topic"]
        assert o["duplicate_group"] is None or isinstance(o["duplicate_group"], str)
    assert len({o["duplicate_group"] for o in out[:6]}) == 1 and out[0]["duplicate_group"]
    assert all(o["duplicate_group"] is None for o in out[6:])
    assert out[0]["topic"].startswith("t1: ")  # the campaign's topic is the largest


def test_standard_input_and_output(tmp_path, capsys, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO('{"id": "a", "text": "Hej"}\n'))
    call_command("analyse_texts", "-", "-")
    assert json.loads(capsys.readouterr().out)["id"] == "a"


def test_a_line_that_is_not_json_is_an_error(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Hej"}\nnot json\n', encoding="utf-8")
    with pytest.raises(CommandError, match="Line 2"):
        call_command("analyse_texts", str(source), str(tmp_path / "out.jsonl"))
    with pytest.raises(CommandError):
        call_command("analyse_texts", str(tmp_path / "missing.jsonl"), str(tmp_path / "o.jsonl"))


def test_the_same_id_twice_is_an_error(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Hej"}\n{"id": "a", "text": "Hej"}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="unique"):
        call_command("analyse_texts", str(source), str(tmp_path / "out.jsonl"))
