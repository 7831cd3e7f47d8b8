"""The Danish catalogue: complete, its placeholders intact, Danish quotation marks („…“); and
one date style per language."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import polib
import pytest
from django.template import Context, Template
from django.utils import translation

from inddrag.lib.formatting import full_date, moment, period

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "da" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%|\{\{ ?\w+ ?\}\}")


@pytest.fixture(scope="module")
def entries() -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(CATALOGUE)) if not e.obsolete]


def _translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgstr_plural else [entry.msgstr]


def test_every_message_is_translated_and_none_is_fuzzy(entries):
    missing = [e.msgid for e in entries if not e.translated()]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not missing and not fuzzy, (missing[:5], fuzzy[:5])


def test_placeholders_survive_translation(entries):
    broken = []
    for entry in entries:
        if entry.msgstr_plural:
            # Danish has two forms like English: the singular against the singular.
            pairs = [
                (entry.msgid, entry.msgstr_plural[0]),
                (entry.msgid_plural, entry.msgstr_plural[1]),
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                broken.append((source, text))
    assert not broken, broken[:5]


def test_danish_quotation_marks(entries):
    wrong = []
    for entry in entries:
        for text in _translations(entry):
            prose = re.sub(r"<[^>]*>", "", text)  # attribute quotes in markup are not prose
            if "”" in prose or '"' in prose or prose.count("„") != prose.count("“"):
                wrong.append(text)
    assert not wrong, wrong[:5]


WHEN = datetime.datetime(2026, 11, 29, 13, 30, tzinfo=datetime.UTC)  # 14.30 in Copenhagen


@pytest.mark.parametrize(
    ("language", "date", "at", "django"),
    [
        ("da", "29. november 2026", "29. november 2026 kl. 14.30", "29. november 2026"),
        ("en", "29 November 2026", "29 November 2026 at 14:30", "29 November 2026"),
    ],
)
def test_one_date_style_per_language(language, date, at, django):
    with translation.override(language):
        assert full_date(WHEN.date()) == date
        assert moment(WHEN) == at
        assert Template('{{ when|date:"DATE_FORMAT" }}').render(Context({"when": WHEN})) == django
        assert period(WHEN.date(), WHEN.date() + datetime.timedelta(days=2)).startswith("29")
