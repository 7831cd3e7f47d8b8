"""Campaigns and duplicates: contributions that are the same letter with small changes.

The method, in three steps (docs/analysis.md):

1. Every text is folded to plain ASCII words (``danish.folded``), so a copy typed without æøå is
   the same text; texts that are then identical are one letter at once.
2. The remaining texts are compared by their word shingles (every run of three words), weighted
   by how rare the run is (TF-IDF) and by cosine: a copy with another greeting, a signature, one
   personal sentence added and one sentence reworded still shares most of its runs, while two
   people writing the same opinion in their own words share almost none. Each text's nearest
   neighbours above ``DUPLICATE_THRESHOLD`` are candidates.
3. A candidate pair joins (connected components, closest pairs first) unless the two letters say
   the opposite: a sentence that the two share almost word for word but where a word of stance
   differs ("Jeg gør hermed indsigelse" / "Jeg gør hermed IKKE indsigelse", "protestere mod" /
   "støtte") marks a letter that copies a campaign's wording to argue against it, and it is kept
   out of the campaign's group.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from inddrag.analysis import danish

# Cosine of the word-shingle vectors. On the dev hearings every copy's nearest copy is at 0.73
# or more, and no two texts that are not the same letter are above 0.36 (those are the letters
# that turn a campaign around, which the stance check keeps out anyway).
DUPLICATE_THRESHOLD = 0.5
NEIGHBOURS = 12  # candidates per text: enough to reach its letter, few enough to stay fast
PAIR_BLOCK = 1000  # rows of the pairwise similarity computed at a time (memory stays bounded)
MIN_WORDS = 3  # shorter identical texts ("Nej tak") are not called the same letter
SHARED_LINE = 4  # a sentence of at least this many words, found in two texts, is shared wording
SHARED_SENTENCE = 0.5  # two sentences this alike (Jaccard of their words) are one edited sentence

# Words of stance, folded to ASCII as the texts are (``danish.folded``): when the one copy of a
# shared sentence has one of these and the other copy has not, the letters disagree.
_STANCE = frozenset(
    danish.word_list(
        """
        ikke ej ingen intet aldrig nej ja imod mod tvaertimod modsatte modsat enig uenig enige
        uenige positiv positive negativ negative glad glade imod bevar bevare bevares behold
        beholde fasthold fastholde droppe drop stop stoppe undlad luk lukke lukkes luknin
        lukning fjern fjerne fjernes tag tage fint fin godt god gode daarlig daarligt forkert
        rigtigt rigtig stoette stoetter stoettes stotte stotter stoet anbefale anbefaler
        """
    )
)
_STANCE_PREFIXES = ("protest", "indsigels", "tilhaeng", "modstand", "stoett", "opbak", "accepter")


def _is_stance(word: str) -> bool:
    return word in _STANCE or word.startswith(_STANCE_PREFIXES)


_SENTENCE_SPLIT = re.compile(r"[.!?…]+\s+|\s*\n\s*")


@dataclass(frozen=True)
class Letter:
    """One text as the duplicate search sees it: its folded form and its sentences' words."""

    folded: str
    lines: tuple[str, ...]  # its sentences, folded
    sentences: tuple[frozenset[str], ...]  # the words of each

    @classmethod
    def of(cls, text: str) -> Letter:
        # the split is at punctuation and white space, which folding drops anyway: the folded
        # sentences joined are the folded text
        parts = [p for p in (danish.folded(s) for s in _SENTENCE_SPLIT.split(text or "")) if p]
        return cls(
            folded=" ".join(parts),
            lines=tuple(parts),
            sentences=tuple(frozenset(p.split()) for p in parts),
        )


def disagree(a: Letter, b: Letter) -> bool:
    """Whether two letters that share wording say the opposite in a sentence they share."""
    only_a = [s for s in set(a.sentences) - set(b.sentences) if s]
    only_b = [s for s in set(b.sentences) - set(a.sentences) if s]
    for sa in only_a:
        best, best_score = None, 0.0
        for sb in only_b:
            score = len(sa & sb) / len(sa | sb)
            if score > best_score:
                best, best_score = sb, score
        if (
            best is not None
            and best_score >= SHARED_SENTENCE
            and (_stance_changed(sa - best, best - sa) or _stance_changed(best - sa, sa - best))
        ):
            return True
    return False


def _stance_changed(words: frozenset[str], others: frozenset[str]) -> bool:
    """Whether a word of stance is among ``words`` and not merely a misspelling of one of
    ``others`` (the other copy's words in the same sentence): "portestere" is "protestere"."""
    return any(_is_stance(w) and not any(_misspelt(w, o) for o in others) for w in words)


def _misspelt(a: str, b: str) -> bool:
    if a[:1] != b[:1] or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 5:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.8


class _Components:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def shingle_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="word",
        token_pattern=r"\S+",  # noqa: S106 (a pattern, not a password)
        ngram_range=(3, 3),
        lowercase=False,
        sublinear_tf=True,
        # no IDF: whether two letters are the same must not depend on how many others there
        # are — with IDF a campaign of 6,000 copies makes its own wording "common" and each
        # copy's personal sentence outweigh it
        use_idf=False,
        dtype=np.float32,
    )


@dataclass
class Groups:
    """For each text the index of its group (0, 1, … in order of first appearance) or None; and
    the fitted shingle vectoriser with every text's row, for finding copies of a new text."""

    of: list[int | None]
    vectorizer: TfidfVectorizer | None
    matrix: sp.csr_matrix | None


def _same_sentences(
    letters: list[Letter], candidates: list[int], matrix: sp.csr_matrix, components: _Components
) -> list[int]:
    """2. Copies that share the same sentences: one comparison each instead of all pairs.

    A campaign's copies mostly consist of the form letter's sentences, unchanged; what differs
    (greeting, signature, a personal sentence, a typo) is in sentences no other text has. Texts
    whose sentences found in other texts too (of four words or more) are the same set, and make
    up at least half their words, are compared with the first of them only; a copy that is
    close enough and does not disagree joins it and needs no more comparing. Returns the texts
    still to compare pairwise. (Without this step a campaign of 6,000 copies is 18 million pairs.)
    """
    counts: Counter = Counter()
    for i in candidates:
        counts.update({line for line in letters[i].lines if len(line.split()) >= SHARED_LINE})
    first: dict[frozenset[str], int] = {}
    remaining = []
    pairs: list[tuple[int, int]] = []  # (a copy, the first text with its sentences)
    for i in candidates:
        key = frozenset(
            line
            for line in letters[i].lines
            if counts[line] >= 2 and len(line.split()) >= SHARED_LINE
        )
        # words of the letter in shared sentences, a sentence the letter repeats each time
        shared_words = sum(len(line.split()) for line in letters[i].lines if line in key)
        if not key or 2 * shared_words < len(letters[i].folded.split()):
            remaining.append(i)
        elif key not in first:
            first[key] = i
            remaining.append(i)
        else:
            pairs.append((i, first[key]))
    if pairs:
        copies, firsts = (list(side) for side in zip(*pairs, strict=True))
        similarity = np.asarray(matrix[copies].multiply(matrix[firsts]).sum(axis=1)).ravel()
        for (i, j), value in zip(pairs, similarity, strict=True):
            if value >= DUPLICATE_THRESHOLD and not disagree(letters[i], letters[j]):
                components.union(j, i)
            else:
                remaining.append(i)
    return sorted(remaining)


def find_groups(texts: Sequence[str]) -> Groups:
    """The duplicate groups among the texts (see the module's docstring)."""
    letters = [Letter.of(t) for t in texts]
    n = len(letters)
    components = _Components(n)

    # 1. identical once folded
    first: dict[str, int] = {}
    unique: list[int] = []
    for i, letter in enumerate(letters):
        key = letter.folded
        if len(key.split()) < MIN_WORDS:
            unique.append(i)
            continue
        if key in first:
            components.union(first[key], i)
        else:
            first[key] = i
            unique.append(i)

    vectorizer: TfidfVectorizer | None = shingle_vectorizer()
    try:
        matrix = vectorizer.fit_transform([letter.folded for letter in letters]).tocsr()
    except ValueError:  # no text has three words
        vectorizer, matrix = None, None
    shingled = [i for i in unique if len(letters[i].folded.split()) >= MIN_WORDS]
    if matrix is not None:
        shingled = _same_sentences(letters, shingled, matrix, components)

    # 3. candidates: nearest neighbours by word shingles
    if matrix is not None and len(shingled) >= 2:
        vectors = matrix[shingled]
        transposed = vectors.T.tocsc()
        pairs: list[tuple[float, int, int]] = []
        # In blocks of rows: many near-identical texts that step 2 could not pair (each copy's
        # sentences edited) make the similarity matrix dense, and a block of it stays small.
        for begin in range(0, vectors.shape[0], PAIR_BLOCK):
            similarity = (vectors[begin : begin + PAIR_BLOCK] @ transposed).tocsr()
            for offset in range(similarity.shape[0]):
                row = begin + offset
                start, end = similarity.indptr[offset], similarity.indptr[offset + 1]
                cols = similarity.indices[start:end]
                vals = similarity.data[start:end]
                keep = (vals >= DUPLICATE_THRESHOLD) & (cols > row)
                cols, vals = cols[keep], vals[keep]
                if len(cols) > NEIGHBOURS:
                    top = np.argpartition(-vals, NEIGHBOURS)[:NEIGHBOURS]
                    cols, vals = cols[top], vals[top]
                pairs.extend((float(v), row, int(c)) for v, c in zip(vals, cols, strict=True))
        # 4. join closest first, unless the two letters disagree
        pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
        for _, row, col in pairs:
            i, j = shingled[row], shingled[col]
            if components.find(i) == components.find(j):
                continue
            if disagree(letters[i], letters[j]):
                continue
            components.union(i, j)

    sizes: dict[int, int] = {}
    for i in range(n):
        root = components.find(i)
        sizes[root] = sizes.get(root, 0) + 1
    numbers: dict[int, int] = {}
    out: list[int | None] = []
    for i in range(n):
        root = components.find(i)
        if sizes[root] < 2:
            out.append(None)
            continue
        if root not in numbers:
            numbers[root] = len(numbers)
        out.append(numbers[root])
    return Groups(out, vectorizer, matrix)
