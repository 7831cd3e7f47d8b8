"""Reading a hearing's contributions: topics, campaigns and duplicates, summaries, paragraph links.

Pure Python on scikit-learn: no models, no database, no network. The caller passes the texts it
may show — for contributions, the screened text (``Contribution.screened`` and the helpers in
``inddrag.contributions.screened``): screening comes first, and nothing here ever shows text it
was not given. Every result is a suggestion for staff; nothing is stored or sent from here.

The API (docs/analysis.md):

- ``analyse(items, pinned=None, previous=None)`` → ``Analysis``: for each (id, text) a topic
  and a duplicate group; each topic with its characteristic words and its most typical
  contribution. ``pinned`` maps contribution ids to topic ids that staff have set by hand: those
  contributions stay in those topics, and a topic holding pinned contributions keeps its id.
  ``previous`` (id → topic id of the last run) keeps the other topics' ids where they still fit.
- ``place(analysis, text)`` → ``Placement``: one new text placed into the existing topics (and
  its duplicate group, if it is a copy of a letter already there), without running it all again.
- ``summarise(analysis, topic_id, k=3)`` → the k sentences that best represent a topic, each with
  the id of its contribution: extractive, never invented text.
- ``link_paragraphs(analysis, paragraphs)`` → for each paragraph of a hearing document the
  contributions that discuss it, with the words they share.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from inddrag.analysis import danish, duplicates

# Tuned on the dev hearings only (tests/analysis/evaluate.py); docs/analysis.md says why.
TOPIC_DISTANCE = 0.9  # average-linkage cosine distance at which two groups stop merging
CHAR_WEIGHT = 0.5  # the character n-grams' share beside the stemmed words
MIN_TOPIC = 3  # the texts of a smaller cluster go to their nearest larger topic …
ATTACH = 0.1  # … when it is at least this close to it (cosine); else it goes to "andet"
CAMPAIGN_POINTS = 8  # a campaign of n copies is clustered as min(n, this) points
MAX_CLUSTERED = 1500  # more distinct texts than this: cluster a fixed sample, place the rest
TOPIC_WORDS = 4
OTHER = "andet"  # the topic of the few texts that fit no topic (as the labelling guide's)
WORD_MIN_DF = 1  # 2 (words in one text only left out) measured no better
RANDOM_STATE = 15  # every sample is drawn with this seed: the same input gives the same result


@dataclass(frozen=True)
class Topic:
    id: str  # "t1", "t2", …, "andet" (what fits no topic), or an id from pinned/previous
    words: tuple[str, ...]  # its characteristic words, most characteristic first
    typical: str  # the id of its most typical contribution
    members: tuple[str, ...]  # contribution ids, in input order

    @property
    def label(self) -> str:
        return f"{self.id}: {', '.join(self.words)}" if self.words else self.id


@dataclass(frozen=True)
class Result:
    id: str
    topic: str  # a Topic.id
    duplicate_group: str | None  # "d1", "d2", … (in order of first appearance) or None
    pinned: bool = False


@dataclass(frozen=True)
class Placement:
    topic: str
    score: float  # cosine similarity to the topic's centre (0–1)
    duplicate_group: str | None
    duplicate_of: str | None  # the contribution it copies, when it is a duplicate


@dataclass(frozen=True)
class SummarySentence:
    contribution: str
    sentence: str  # exactly as written in the contribution
    score: float


@dataclass(frozen=True)
class ParagraphLink:
    paragraph: str
    contribution: str
    score: float
    words: tuple[str, ...]  # the words (as the contribution writes them) the two share


@dataclass
class _Model:
    """What placing a new text and summarising need from a run: the fitted vectorisers."""

    known: frozenset[str]
    words: TfidfVectorizer
    chars: TfidfVectorizer
    shingles: TfidfVectorizer | None
    shingle_matrix: sp.csr_matrix | None
    topic_ids: list[str]
    centroids: np.ndarray  # one L2-normalised row per topic_ids entry

    def vectors(self, texts: Sequence[str]) -> sp.csr_matrix:
        return _combine(
            self.words.transform([_word_doc(t, self.known) for t in texts]),
            self.chars.transform([_char_doc(t, self.known) for t in texts]),
        )


@dataclass
class Analysis:
    results: list[Result]  # one per input item, in input order
    topics: dict[str, Topic]  # by id, largest first
    duplicate_groups: dict[str, tuple[str, ...]]  # group id → contribution ids
    texts: dict[str, str] = field(repr=False)
    model: _Model = field(repr=False)
    vectors: sp.csr_matrix = field(repr=False)  # one row per result

    def result(self, contribution_id: str) -> Result:
        return self.results[self._index[contribution_id]]

    def __post_init__(self) -> None:
        self._index = {r.id: i for i, r in enumerate(self.results)}


def _content_words(text: str, known: frozenset[str] | set[str]) -> list[str]:
    """The words that carry meaning, in today's spelling, not stemmed."""
    return [
        w
        for w in danish.modern_spelling(danish.words(text), known)
        if len(w) > 1 and w not in danish.STOP_WORDS
    ]


def _word_doc(text: str, known: frozenset[str] | set[str]) -> str:
    return " ".join(danish.stem(w) for w in _content_words(text, known))


def _char_doc(text: str, known: frozenset[str] | set[str]) -> str:
    return " ".join(_content_words(text, known))


def _combine(words: sp.spmatrix, chars: sp.spmatrix) -> sp.csr_matrix:
    return normalize(sp.hstack([words * (1 - CHAR_WEIGHT), chars * CHAR_WEIGHT]).tocsr())


@functools.lru_cache(maxsize=262144)
def _word_grams(word: str) -> tuple[str, ...]:
    """The character 3-, 4- and 5-grams of a word with a space either side (as scikit-learn's
    "char_wb"), remembered: a hearing's texts repeat their words, and this was a third of the
    time at 10,000 texts."""
    padded = f" {word} "
    if len(padded) <= 3:
        return (padded,)
    return tuple(
        padded[start : start + n] for n in (3, 4, 5) for start in range(len(padded) - n + 1)
    )


def _char_grams(doc: str) -> list[str]:
    grams: list[str] = []
    for word in doc.split():
        grams.extend(_word_grams(word))
    return grams


def _vectorisers() -> tuple[TfidfVectorizer, TfidfVectorizer]:
    words = TfidfVectorizer(
        analyzer="word",
        token_pattern=r"\S+",  # noqa: S106 (a pattern, not a password)
        lowercase=False,
        sublinear_tf=True,
        min_df=WORD_MIN_DF,
        dtype=np.float32,
    )
    chars = TfidfVectorizer(
        analyzer=_char_grams,
        lowercase=False,
        sublinear_tf=True,
        min_df=2,
        dtype=np.float32,
    )
    return words, chars


def _fit_chars(chars: TfidfVectorizer, docs: list[str]) -> sp.csr_matrix:
    try:
        return chars.fit_transform(docs)
    except ValueError:  # too few texts for min_df: every n-gram counts
        chars.set_params(min_df=1)
        try:
            return chars.fit_transform(docs)
        except ValueError:  # no text has a word at all
            chars.set_params(analyzer="char", ngram_range=(1, 1), token_pattern=None)
            return chars.fit_transform([d or " " for d in docs])


def _fit_words(words: TfidfVectorizer, docs: list[str]) -> sp.csr_matrix:
    try:
        return words.fit_transform(docs)
    except ValueError:  # too few texts for min_df, or no words at all
        words.set_params(min_df=1)
        try:
            return words.fit_transform(docs)
        except ValueError:
            words.set_params(analyzer="char", ngram_range=(1, 1), token_pattern=None)
            return words.fit_transform([d or " " for d in docs])


def _cluster(matrix: sp.csr_matrix, weights: np.ndarray) -> np.ndarray:
    """Cluster labels for the rows (average linkage on cosine distance, with a threshold).

    A row that stands for a campaign of n copies counts as min(n, CAMPAIGN_POINTS) points (the
    row repeated: average linkage then weighs it so), so a campaign draws the letters that share
    its subject without outvoting everything else."""
    n = matrix.shape[0]
    if n == 1:
        return np.zeros(1, dtype=int)
    copies = np.clip(np.rint(weights), 1, CAMPAIGN_POINTS).astype(int)
    if copies.max() > 1:
        first = np.concatenate(([0], np.cumsum(copies)[:-1]))
        return _cluster(matrix[np.repeat(np.arange(n), copies)], np.ones(int(copies.sum())))[first]
    distances = 1.0 - (matrix @ matrix.T).toarray()
    np.clip(distances, 0.0, 2.0, out=distances)
    np.fill_diagonal(distances, 0.0)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=TOPIC_DISTANCE,
    ).fit_predict(distances)
    return labels


def _centroids(
    matrix: sp.csr_matrix, labels: np.ndarray, weights: np.ndarray, k: int
) -> np.ndarray:
    indicator = sp.csr_matrix(
        (weights, (labels, np.arange(len(labels)))), shape=(k, matrix.shape[0])
    )
    return normalize(np.asarray((indicator @ matrix).todense(), dtype=np.float32))


def _characteristic_words(
    analysis_words: TfidfVectorizer,
    word_matrix: sp.csr_matrix,
    labels: np.ndarray,
    k: int,
    surface: Mapping[str, str],
) -> list[tuple[str, ...]]:
    """Per cluster, the stems most over-represented in it, each shown as its commonest word."""
    vocabulary = analysis_words.get_feature_names_out()
    indicator = sp.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, word_matrix.shape[0])
    )
    present = word_matrix.copy()
    present.data[:] = 1.0
    counts = np.asarray((indicator @ present).todense())  # documents per cluster with the stem
    sizes = np.bincount(labels, minlength=k).astype(float)[:, None]
    overall = counts.sum(axis=0, keepdims=True) / max(len(labels), 1)
    inside = counts / np.maximum(sizes, 1)
    score = inside * np.log((inside + 1e-9) / (overall + 1e-9))
    out = []
    for c in range(k):
        order = np.argsort(-score[c], kind="stable")
        chosen = [
            surface.get(vocabulary[i], vocabulary[i])
            for i in order[:TOPIC_WORDS]
            if score[c, i] > 0
        ]
        out.append(tuple(chosen))
    return out


def _surface_forms(content: Sequence[list[str]]) -> dict[str, str]:
    """For each stem the word that most often stands for it in the texts (skol → "skolen")."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for words in content:
        for w in words:
            counts[danish.stem(w)][w] += 1
    return {s: c.most_common(1)[0][0] for s, c in counts.items()}


def analyse(
    items: Sequence[tuple[str, str]],
    pinned: Mapping[str, str] | None = None,
    previous: Mapping[str, str] | None = None,
) -> Analysis:
    """Topics and duplicate groups for (id, text) items.

    ``pinned`` maps contribution ids to topic ids set by staff (a move, a merge, a split, a topic
    they named): each such contribution stays in its topic, and a cluster that holds pinned
    contributions takes the topic id most of them are pinned to, so the topic keeps its identity
    (and whatever the caller stores under that id, such as its name). ``previous`` maps ids to
    the topic ids of an earlier run: a cluster without pinned contributions takes the earlier
    topic id that most of its members had (each id once), so ids stay put when nothing moved.
    Ids missing from ``items`` are ignored in both. New topics are numbered t1, t2, … by size,
    skipping the ids already taken.
    """
    pinned = dict(pinned or {})
    previous = dict(previous or {})
    ids = [str(i) for i, _ in items]
    texts = [t or "" for _, t in items]
    if len(set(ids)) != len(ids):
        raise ValueError("The ids must be unique.")
    n = len(ids)
    known = frozenset(danish.known_words(texts))
    words, chars = _vectorisers()
    if n == 0:
        model = _Model(known, words, chars, None, None, [], np.zeros((0, 0)))
        return Analysis([], {}, {}, {}, model, sp.csr_matrix((0, 0)))

    content = [_content_words(t, known) for t in texts]
    word_matrix = _fit_words(words, [" ".join(danish.stem(w) for w in c) for c in content])
    char_matrix = _fit_chars(chars, [" ".join(c) for c in content])
    matrix = _combine(word_matrix, char_matrix)

    # Duplicates first: one letter sent by many is one voice when topics are found.
    found = duplicates.find_groups(texts)
    group_of = found.of
    node_of = np.empty(n, dtype=int)
    nodes: list[list[int]] = []
    seen_group: dict[int, int] = {}
    for i, g in enumerate(group_of):
        if g is not None and g in seen_group:
            node_of[i] = seen_group[g]
            nodes[seen_group[g]].append(i)
            continue
        node_of[i] = len(nodes)
        if g is not None:
            seen_group[g] = len(nodes)
        nodes.append([i])
    weights = np.array([len(m) for m in nodes], dtype=float)
    node_matrix = normalize(
        sp.csr_matrix((np.ones(n), (node_of, np.arange(n))), shape=(len(nodes), n)) @ matrix
    ).tocsr()

    # Pinned contributions: their nodes are clustered with the rest, then sent to their topic.
    node_labels = _cluster_nodes(node_matrix, weights)
    k = int(node_labels.max()) + 1
    labels = node_labels[node_of]
    labels, other = _settle_small(matrix, labels, k, node_of)
    topic_of = _name_topics(labels, ids, pinned, previous)
    if other is not None:
        topic_of = [OTHER if t == f"_new{other}" else t for t in topic_of]

    sizes = Counter(topic_of)
    first: dict[str, int] = {}
    for i, t in enumerate(topic_of):
        first.setdefault(t, i)
    final_ids = sorted(sizes, key=lambda t: (-sizes[t], first[t]))
    # Number the new topics, largest first: t1, t2, … (skipping the ids already taken)
    kept = {t for t in final_ids if not t.startswith("_new")} | {OTHER}
    renames: dict[str, str] = {}
    counter = 1
    for t in final_ids:
        if t in kept:
            continue
        while f"t{counter}" in kept:
            counter += 1
        renames[t] = f"t{counter}"
        counter += 1
    topic_of = [renames.get(t, t) for t in topic_of]
    order = [renames.get(t, t) for t in final_ids]
    index = {t: c for c, t in enumerate(order)}
    final_labels = np.array([index[t] for t in topic_of])
    k = len(order)
    centroids = _centroids(matrix, final_labels, np.ones(n), k)

    surface = _surface_forms(content)
    characteristic = _characteristic_words(words, word_matrix, final_labels, k, surface)
    similarity_to_own = np.asarray(matrix @ centroids.T)[np.arange(n), final_labels]
    topics: dict[str, Topic] = {}
    for c, t in enumerate(order):
        members = np.flatnonzero(final_labels == c)
        typical = members[int(np.argmax(similarity_to_own[members]))]
        topics[t] = Topic(
            id=t,
            words=() if t == OTHER else characteristic[c],
            typical=ids[typical],
            members=tuple(ids[m] for m in members),
        )

    group_names: dict[int, str] = {}
    groups: dict[str, list[str]] = defaultdict(list)
    results = []
    for i in range(n):
        g = group_of[i]
        name = None
        if g is not None:
            name = group_names.setdefault(g, f"d{len(group_names) + 1}")
            groups[name].append(ids[i])
        results.append(Result(ids[i], topic_of[i], name, ids[i] in pinned))

    model = _Model(known, words, chars, found.vectorizer, found.matrix, order, centroids)
    return Analysis(
        results=results,
        topics=topics,
        duplicate_groups={g: tuple(m) for g, m in groups.items()},
        texts=dict(zip(ids, texts, strict=True)),
        model=model,
        vectors=matrix,
    )


def _cluster_nodes(node_matrix: sp.csr_matrix, weights: np.ndarray) -> np.ndarray:
    """Cluster the distinct texts; past MAX_CLUSTERED a fixed sample, the rest by nearest centre."""
    count = node_matrix.shape[0]
    if count <= MAX_CLUSTERED:
        return _cluster(node_matrix, weights)
    rng = np.random.default_rng(RANDOM_STATE)
    sample = np.sort(rng.choice(count, size=MAX_CLUSTERED, replace=False))
    sample_labels = _cluster(node_matrix[sample], weights[sample])
    k = int(sample_labels.max()) + 1
    centres = _centroids(node_matrix[sample], sample_labels, weights[sample], k)
    labels = np.asarray(np.argmax(node_matrix @ centres.T, axis=1)).ravel()
    labels[sample] = sample_labels
    return labels


def _settle_small(
    matrix: sp.csr_matrix, labels: np.ndarray, k: int, node_of: np.ndarray
) -> tuple[np.ndarray, int | None]:
    """Each text of a cluster smaller than MIN_TOPIC joins the larger cluster whose centre is
    nearest it, when at least ATTACH close; the others together make one cluster, "other"
    (returned with the labels, None if none). Text by text, not the small cluster as a whole: two
    short texts that met on one common word are often about two different topics. The copies of
    one letter (``node_of``: the same node) go together, by their mean similarity."""
    sizes = np.bincount(labels, minlength=k)
    large = np.flatnonzero(sizes >= MIN_TOPIC)
    if len(large) == 0 or len(large) == k:
        return labels, None
    centroids = _centroids(matrix, labels, np.ones(len(labels)), k)
    labels = labels.copy()
    small = np.flatnonzero(sizes[labels] < MIN_TOPIC)
    nodes, node_index = np.unique(node_of[small], return_inverse=True)
    similarity = np.zeros((len(nodes), len(large)))
    np.add.at(similarity, node_index, np.asarray(matrix[small] @ centroids[large].T))
    similarity /= np.bincount(node_index, minlength=len(nodes))[:, None]
    best = np.argmax(similarity, axis=1)
    close = (similarity[np.arange(len(nodes)), best] >= ATTACH)[node_index]
    labels[small[close]] = large[best[node_index[close]]]
    other = None
    if not close.all():
        other = int(labels[small[~close][0]])
        labels[small[~close]] = other
    return labels, other


def _name_topics(
    labels: np.ndarray, ids: list[str], pinned: Mapping[str, str], previous: Mapping[str, str]
) -> list[str]:
    """Each contribution's topic id.

    A pinned contribution keeps its pinned topic. Every other member of a cluster votes: a
    pinned member for its pinned topic, an unpinned one for the topic it had before. A cluster
    goes to the topic with most votes; a pinned topic may take several clusters (staff merged
    them), an earlier topic only one (the one most of whose members it holds). A cluster with no
    votes, or whose earlier topic is taken, gets a provisional id.
    """
    pinned_topics = {str(t) for t in pinned.values()}
    votes: dict[int, Counter] = defaultdict(Counter)
    for i, c in enumerate(labels):
        topic = pinned.get(ids[i], previous.get(ids[i]))
        if topic is not None:
            votes[int(c)][str(topic)] += 1
    cluster_topic: dict[int, str] = {}
    taken: set[str] = set()
    ranked = sorted(
        ((counts[t], c, t) for c, counts in votes.items() for t in counts),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    for _count, c, t in ranked:
        if c in cluster_topic:
            continue
        if t in pinned_topics or t not in taken:
            cluster_topic[c] = t
            taken.add(t)
    topic_of = []
    for i, c in enumerate(labels):
        if ids[i] in pinned:
            topic_of.append(str(pinned[ids[i]]))
        else:
            topic_of.append(cluster_topic.get(int(c), f"_new{int(c)}"))
    return topic_of


def place(analysis: Analysis, text: str) -> Placement:
    """Places one new text into the existing topics (and finds the letter it copies, if any)."""
    model = analysis.model
    if not model.topic_ids:
        raise ValueError("The analysis has no topics to place a text into.")
    vector = model.vectors([text])
    similarity = np.asarray(vector @ model.centroids.T).ravel()
    best = int(np.argmax(similarity))
    group, of = _duplicate_of(analysis, text)
    topic = model.topic_ids[best]
    if of is not None:
        topic = analysis.result(of).topic  # a copy joins its letter's topic
    return Placement(topic, float(similarity[best]), group, of)


def _duplicate_of(analysis: Analysis, text: str) -> tuple[str | None, str | None]:
    model = analysis.model
    folded = danish.folded(text)
    if model.shingles is None or len(folded.split()) < duplicates.MIN_WORDS:
        return None, None
    vector = model.shingles.transform([folded])
    similarity = np.asarray((model.shingle_matrix @ vector.T).todense()).ravel()
    letter = duplicates.Letter.of(text)
    for i in np.argsort(-similarity, kind="stable")[: duplicates.NEIGHBOURS]:
        if (
            similarity[i] < duplicates.DUPLICATE_THRESHOLD
            and danish.folded(analysis.texts[analysis.results[i].id]) != folded
        ):
            break
        other = analysis.results[i]
        if duplicates.disagree(letter, duplicates.Letter.of(analysis.texts[other.id])):
            continue
        return other.duplicate_group or f"new:{other.id}", other.id
    return None, None


def summarise(analysis: Analysis, topic_id: str, k: int = 3) -> list[SummarySentence]:
    """The k sentences that best represent a topic, each from its contribution, as written.

    Sentences are scored by their similarity to the topic's centre; a campaign counts once (its
    first copy), and no two sentences chosen say the same (near-identical ones are skipped), so
    the summary shows k different points.
    """
    topic = analysis.topics[topic_id]
    model = analysis.model
    centre = model.centroids[model.topic_ids.index(topic_id)]
    candidates: list[tuple[str, str]] = []
    seen_groups: set[str] = set()
    for cid in topic.members:
        group = analysis.result(cid).duplicate_group
        if group is not None:
            if group in seen_groups:
                continue
            seen_groups.add(group)
        for sentence in danish.sentences(analysis.texts[cid]):
            if len(danish.topic_tokens(sentence, model.known)) >= 3:
                candidates.append((cid, sentence))
    if not candidates:
        return []
    vectors = model.vectors([s for _, s in candidates])
    scores = np.asarray(vectors @ centre).ravel()
    chosen: list[int] = []
    order = np.argsort(-scores, kind="stable")
    # first one sentence per contribution, then more from the same if there are too few
    for one_each in (True, False):
        for i in order:
            if len(chosen) == k:
                break
            if i in chosen or (
                one_each and any(candidates[j][0] == candidates[i][0] for j in chosen)
            ):
                continue
            if any((vectors[i] @ vectors[j].T).toarray()[0, 0] > 0.6 for j in chosen):
                continue
            chosen.append(int(i))
    return [SummarySentence(candidates[i][0], candidates[i][1], float(scores[i])) for i in chosen]


def link_paragraphs(
    analysis: Analysis,
    paragraphs: Sequence[tuple[str, str]],
    limit: int = 5,
    threshold: float = 0.12,
) -> dict[str, list[ParagraphLink]]:
    """For each paragraph (id, text) of a hearing document, the contributions that discuss it.

    Contributions and paragraphs are compared by their stemmed words (the analysis's TF-IDF);
    each suggestion carries the words the two share, as the contribution writes them, for
    highlighting. At most ``limit`` per paragraph, best first, above ``threshold``.
    """
    model = analysis.model
    out: dict[str, list[ParagraphLink]] = {}
    if not analysis.results:
        return {str(pid): [] for pid, _ in paragraphs}
    contribution_words = model.words.transform(
        [_word_doc(analysis.texts[r.id], model.known) for r in analysis.results]
    )
    for pid, text in paragraphs:
        vector = model.words.transform([_word_doc(text, model.known)])
        scores = np.asarray((contribution_words @ vector.T).todense()).ravel()
        stems = set(danish.topic_tokens(text, model.known))
        links = []
        for i in np.argsort(-scores, kind="stable")[:limit]:
            if scores[i] < threshold:
                break
            cid = analysis.results[i].id
            shared = []
            for w in danish.modern_spelling(danish.words(analysis.texts[cid]), model.known):
                if (
                    w not in danish.STOP_WORDS
                    and len(w) > 1
                    and danish.stem(w) in stems
                    and w not in shared
                ):
                    shared.append(w)
            links.append(ParagraphLink(str(pid), cid, float(scores[i]), tuple(shared)))
        out[str(pid)] = links
    return out
