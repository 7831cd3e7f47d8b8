"""Danish text handling for the analysis, offline: normalising, stop words, stemming, sentences.

Nothing here downloads anything: the stop words are written out below, and stemming is the
Snowball Danish stemmer (PyStemmer, a C extension with the Snowball algorithms built in).

Two normal forms are made of a text:

- ``topic_tokens``: the words that say what a contribution is about — casefolded, the old
  spelling and text written without æøå brought to today's (see ``modern_spelling``), stop words
  and greetings left out, each word stemmed (skole, skolen, skolerne → "skol").
- ``folded``: for finding the same letter twice, every letter brought to plain ASCII (å → aa,
  æ → ae, ø → oe), so a copy typed without æøå is the same text as the original.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

import Stemmer


def word_list(text: str) -> list[str]:
    """The words of a list written as text, one space or line break between them."""
    return text.split()


# Danish stop words: Snowball's Danish list, a few more function words, and what every letter to
# a municipality says whatever its subject (greetings, closings, the hearing itself).
STOP_WORDS = frozenset(
    word_list(
        """
        og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har
        om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal
        selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle
        denne end dette mit også under have dig anden hende mine alt meget sit sine vor mod
        disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan ja nej kan kun
        få får fik gør gøre gjorde går gik kommer komme kom lige mere mest mindre bare helt godt
        god gode meget rigtig rigtigt virkelig synes synts syntes mener tror ved vide hvordan
        hvorfor hvem hvilke hvilken hvornår derfor fordi samt både enten hverken altså dermed
        således desuden allerede stadig igen aldrig altid også nok vel måske lidt ret heller bl
        fx evt ca osv dvs pr nr kr stk hej kære til hermed venlig venlige hilsen hilsner
        mvh vh kh dbh tak tusind mange med ønsket ønsker ønske gerne bede beder vil vores jeres
        deres hans hendes kommune kommunen kommunens byrådet byråd politikere politikerne
        udvalget forvaltningen høring høringen høringssvar høringssvaret forslag forslaget
        """
    )
)

_STEMMER = Stemmer.Stemmer("danish")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
_LETTERS_DIGITS = re.compile(r"[^\W_]+", re.UNICODE)
_HAS_DANISH = re.compile(r"[æøå]")
# Sentences: after . ! ? (or a run of them) and a space, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»)]*\s+|\s*\n\s*")
_FOLD = str.maketrans({"å": "aa", "æ": "ae", "ø": "oe", "ä": "ae", "ö": "oe", "ü": "u", "é": "e"})


def casefold(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").casefold()


def words(text: str) -> list[str]:
    """The words of a text, casefolded, without digits and punctuation."""
    return _WORD.findall(casefold(text))


def modern_spelling(
    tokens: Iterable[str], known: frozenset[str] | set[str] = frozenset()
) -> list[str]:
    """Brings the old spelling and text typed without æøå to today's spelling, word by word.

    "aa" becomes "å" everywhere: before 1948 it was the spelling, and a text without å writes it
    so; the few modern words with "aa" across a compound's join become a form that every text
    shares, so nothing is lost. "ae" and "oe" are changed only where the changed word is a word
    the texts (``known``: words seen written with æ or ø) actually use — "groenne" becomes
    "grønne" when some text says "grønne", while "poesi" or "Michael" stay as written.
    """
    out = []
    for token in tokens:
        if "aa" in token:
            token = token.replace("aa", "å")
        if ("ae" in token or "oe" in token) and known:
            candidate = token.replace("ae", "æ").replace("oe", "ø")
            if candidate in known:
                token = candidate
        out.append(token)
    return out


def known_words(texts: Iterable[str]) -> set[str]:
    """The words written with æ or ø in these texts: what ``modern_spelling`` may turn into."""
    known: set[str] = set()
    for text in texts:
        folded = casefold(text)
        if _HAS_DANISH.search(folded):
            known.update(w for w in _WORD.findall(folded) if "æ" in w or "ø" in w)
    return known


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def topic_tokens(text: str, known: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The stems of the words that carry a text's subject (no stop words, no one-letter words)."""
    return [
        stem(w) for w in modern_spelling(words(text), known) if len(w) > 1 and w not in STOP_WORDS
    ]


def folded(text: str) -> str:
    """The text as plain lower-case ASCII words separated by one space (for duplicates)."""
    return " ".join(_LETTERS_DIGITS.findall(casefold(text).translate(_FOLD)))


def sentences(text: str) -> list[str]:
    """The sentences of a text, as written (greeting and signature lines are sentences too)."""
    parts = _SENTENCE_END.split(text or "")
    return [p.strip() for p in parts if p and p.strip()]
