"""The briefing overview: what matters across all the documents.

This stage runs after every document has been summarised and measured, and
before the briefing is assembled; it reads the list of
:class:`~briefkit.assemble.DocumentReport` and adds what no single-document
tool gives:

* **duplicates**: exact copies (the same text once case and spacing are set
  aside) and near copies (the same article with a sentence or two changed),
  found by the Jaccard similarity of word 5-gram shingles;
* **stories**: the documents grouped by what they are about (tf-idf vectors,
  latent semantic analysis and k-means from scikit-learn, with the number of
  stories chosen by the silhouette coefficient), each named by its key terms;
* **key terms** of the whole briefing and of each document (tf-idf);
* **a cross-document summary**: the most central sentences of the set, chosen
  story by story with maximal marginal relevance so that no two say the same
  thing, each attributed to the document it comes from;
* **a readability overview**: how the documents spread over the grade bands,
  and which are the hardest to read.

Nothing here is random: k-means runs with a fixed seed and ties are broken
by input order, so the same documents give the same overview.
"""

from __future__ import annotations

import hashlib
import math
import re
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from .measure import GRADE_BANDS

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from .assemble import DocumentReport
    from .config import Settings

GROUP_BY = ("story", "folder", "none")
DEFAULT_OVERVIEW_SENTENCES = 7

# Duplicates. Two versions of one article that differ in a sentence or two
# share most of their word 5-grams (about 0.8 for a 400-word article with two
# changed sentences); two different articles on the same topic share almost
# none (on the BBC set, 99.97 % of same-category pairs below 0.05, and 0.24 for
# two reports of one event), so the threshold sits far from both.
SHINGLE_WORDS = 5
NEAR_DUPLICATE_JACCARD = 0.5
# One text that holds nearly all of a shorter one (a longer version of the
# same report) is the same story too; the shorter text needs some length for
# this to mean anything.
NEAR_DUPLICATE_CONTAINMENT = 0.8
MIN_SHINGLES_FOR_CONTAINMENT = 40

# Stories.
MAX_STORIES = 12
# k-means runs on latent semantic analysis (LSA) dimensions, not raw tf-idf: on
# the BBC set, purity 0.95 against 0.81 at k=5. One dimension per ten documents,
# 5 to 30: on samples of 60 to 500 BBC articles this gave the steadiest choice
# of k (a fixed 30 over-split samples of 100 into 11 stories).
LSA_DIMENSIONS = (5, 30)
DOCUMENTS_PER_DIMENSION = 10
KMEANS_RESTARTS = 10
# The silhouette curve of news text is flat near its top; the fewest stories
# whose silhouette is within this share of the best is the choice, since a
# reader is better served by five stories than by ten nearly as good.
SILHOUETTE_TOLERANCE = 0.10
# Below this many distinct documents k-means and the silhouette say little;
# documents are then joined only when they are clearly about the same thing
# (average tf-idf cosine similarity of at least SMALL_SET_SIMILARITY).
SMALL_SET = 8
SMALL_SET_SIMILARITY = 0.1
STORY_TERMS = 4

# Key terms.
DOCUMENT_KEY_TERMS = 6
BRIEFING_KEY_TERMS = 10

# The cross-document summary.
MIN_SENTENCE_WORDS = 6  # a short sentence rarely stands alone out of its document
MMR_LAMBDA = 0.7  # weight of centrality against novelty in maximal marginal relevance
# Two sentences whose tf-idf vectors have at least this cosine similarity say
# the same thing for a reader: never both in the overview.
SAME_THING_SIMILARITY = 0.4

# Tokens for tf-idf: words of at least two letters (numbers and years make poor key terms).
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}(?:['-][^\W\d_]+)*\b"


# --------------------------------------------------------------------------- #
# The model.


@dataclass
class OverviewSentence:
    text: str
    report: "DocumentReport"
    sentence_index: int  # index among the document's sentences (as in its summaries)
    story: int  # number of the story (1-based)
    centrality: float

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "source": self.report.document.source, "title": self.report.title,
                "anchor": self.report.anchor, "sentence_index": self.sentence_index, "story": self.story,
                "centrality": round(self.centrality, 4)}


@dataclass
class Story:
    number: int  # 1-based, in the order shown
    terms: list[str]
    members: list["DocumentReport"]
    centrality: float  # mean cosine similarity of the members to the story's centroid

    @property
    def name(self) -> str:
        return ", ".join(self.terms[:3]) if self.terms else f"Story {self.number}"

    @property
    def anchor(self) -> str:
        return f"story-{self.number}"

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "name": self.name, "terms": list(self.terms),
                "centrality": round(self.centrality, 4),
                "members": [{"source": r.document.source, "title": r.title, "anchor": r.anchor}
                            for r in self.members]}


@dataclass
class DuplicateGroup:
    """Documents that are the same text (``exact``) or nearly so (``near``); the first is the one summarised."""

    kind: str
    members: list["DocumentReport"]
    similarity: float  # the lowest shingle Jaccard similarity of a member to the first

    @property
    def kept(self) -> "DocumentReport":
        return self.members[0]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "similarity": round(self.similarity, 4),
                "kept": self.kept.document.source,
                "members": [{"source": r.document.source, "title": r.title, "anchor": r.anchor}
                            for r in self.members]}


@dataclass
class GradeBin:
    label: str
    level: str
    upper: float | None  # None for the open-ended top band
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"band": self.label, "level": self.level, "up_to_grade": self.upper, "documents": self.count}


@dataclass
class Overview:
    sentences: list[OverviewSentence] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    duplicates: list[DuplicateGroup] = field(default_factory=list)
    key_terms: list[str] = field(default_factory=list)
    grade_distribution: list[GradeBin] = field(default_factory=list)
    not_enough_text: int = 0
    hardest: list["DocumentReport"] = field(default_factory=list)
    group_by: str = "story"
    _story_index: dict | None = field(default=None, init=False, repr=False, compare=False)
    _duplicate_index: dict | None = field(default=None, init=False, repr=False, compare=False)

    def story_of(self, report: "DocumentReport") -> Story | None:
        # The template asks once per document: a lookup table keeps a 1,000-document briefing linear.
        if self._story_index is None:
            self._story_index = {id(m): s for s in self.stories for m in s.members}
        return self._story_index.get(id(report))

    def duplicate_group_of(self, report: "DocumentReport") -> DuplicateGroup | None:
        if self._duplicate_index is None:
            self._duplicate_index = {id(m): g for g in self.duplicates for m in g.members}
        return self._duplicate_index.get(id(report))

    @property
    def largest_bin(self) -> int:
        return max([b.count for b in self.grade_distribution] + [1])

    def to_dict(self) -> dict[str, Any]:
        return {
            "group_by": self.group_by,
            "key_terms": list(self.key_terms),
            "sentences": [s.to_dict() for s in self.sentences],
            "stories": [s.to_dict() for s in self.stories],
            "duplicates": [d.to_dict() for d in self.duplicates],
            "readability": {
                "grade_distribution": [b.to_dict() for b in self.grade_distribution],
                "not_enough_text": self.not_enough_text,
                "hardest": [{"source": r.document.source, "title": r.title, "anchor": r.anchor,
                             "grade": r.readability.grade} for r in self.hardest],
            },
        }


# --------------------------------------------------------------------------- #
# Duplicates.


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split())


def find_duplicates(texts: Sequence[str]) -> list[tuple[list[int], str, float]]:
    """Groups of indices of texts that are copies of one another: ``(indices, kind, similarity)``.

    Indices in a group are in input order; the first is the original.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import HashingVectorizer

    n = len(texts)
    if n < 2:
        return []
    # An empty text is nobody's copy: it gets a key of its own.
    keys = [hashlib.sha256(_normalised(t).encode("utf-8")).hexdigest() if t.strip() else f"empty-{i}"
            for i, t in enumerate(texts)]
    # Hashing the shingles avoids building a vocabulary of every 5-gram of the
    # batch; with 2**22 buckets, collisions cannot move a similarity visibly.
    hasher = HashingVectorizer(analyzer="word", ngram_range=(SHINGLE_WORDS, SHINGLE_WORDS), binary=True,
                               norm=None, alternate_sign=False, n_features=2**22, token_pattern=r"(?u)\b\w+\b")
    shingles = hasher.transform(texts).tocsr()
    shingles.data[:] = 1
    sizes = np.asarray(shingles.sum(axis=1)).ravel()
    shared = (shingles @ shingles.T).tocoo()
    rows, cols, inter = shared.row, shared.col, shared.data.astype(float)
    upper = rows < cols
    rows, cols, inter = rows[upper], cols[upper], inter[upper]
    union = sizes[rows] + sizes[cols] - inter
    jaccard = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    smaller = np.minimum(sizes[rows], sizes[cols])
    containment = np.divide(inter, smaller, out=np.zeros_like(inter), where=smaller > 0)
    near = (jaccard >= NEAR_DUPLICATE_JACCARD) | (
        (containment >= NEAR_DUPLICATE_CONTAINMENT) & (smaller >= MIN_SHINGLES_FOR_CONTAINMENT))
    pair_rows = list(rows[near])
    pair_cols = list(cols[near])
    similarity = {(int(a), int(b)): float(j) for a, b, j in zip(rows[near], cols[near], jaccard[near])}
    # Exact copies are joined by their key too (texts shorter than a shingle have none).
    first_with_key: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key in first_with_key:
            pair_rows.append(first_with_key[key])
            pair_cols.append(index)
            similarity[(first_with_key[key], index)] = 1.0
        else:
            first_with_key[key] = index
    if not pair_rows:
        return []
    graph = coo_matrix((np.ones(len(pair_rows)), (pair_rows, pair_cols)), shape=(n, n))
    count, labels = connected_components(graph, directed=False)
    groups: list[tuple[list[int], str, float]] = []
    for label in range(count):
        members = [int(i) for i in np.flatnonzero(labels == label)]
        if len(members) < 2:
            continue
        first = members[0]
        kind = "exact" if all(keys[m] == keys[first] for m in members) else "near"
        lowest = 1.0
        for other in members[1:]:
            if keys[other] == keys[first]:
                continue
            value = similarity.get((first, other))
            if value is None:  # joined through a third document: measure it directly
                a, b = shingles[first], shingles[other]
                both = a.multiply(b).sum()
                value = float(both / max(1, sizes[first] + sizes[other] - both))
            lowest = min(lowest, value)
        groups.append((members, kind, lowest))
    groups.sort(key=lambda g: g[0][0])
    return groups


# --------------------------------------------------------------------------- #
# Vectors, key terms and stories.


# Titles that sumy's English stop list lacks and that would otherwise name stories ("labour, mr, blair").
EXTRA_STOP_WORDS = {"english": {"mr", "mrs", "ms", "dr"}}


def _stop_words(language: str) -> list[str]:
    from sumy.utils import get_stop_words

    try:
        words = set(get_stop_words(language))
    except LookupError:
        words = set()
    return sorted(words | EXTRA_STOP_WORDS.get(language, set()))


def _term_key(word: str) -> str:
    # "award" and "awards" are one term for a reader.
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _preprocess(text: str) -> str:
    # Typographic apostrophes as plain ones, so that "it’s" meets "it's" in the stop list.
    return text.lower().replace("\u2019", "'")


def vectorise(texts: Sequence[str], language: str = "english"):
    """L2-normalised tf-idf vectors of words and word pairs, and the fitted vectoriser.

    Returns ``(None, None)`` when the texts hold no usable word at all.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    many = len(texts) >= 10
    vectoriser = TfidfVectorizer(
        stop_words=_stop_words(language) or None, token_pattern=TOKEN_PATTERN, ngram_range=(1, 2),
        preprocessor=_preprocess,
        sublinear_tf=True,
        # In a batch of some size, a term in one document only says nothing about
        # what documents share, and a term in most of them names no story.
        min_df=2 if many else 1, max_df=0.5 if many else 1.0, dtype=np.float32,
    )
    with warnings.catch_warnings():
        # sklearn warns that the stop list has words its tokeniser would split; harmless here.
        warnings.simplefilter("ignore", UserWarning)
        try:
            matrix = vectoriser.fit_transform(texts)
        except ValueError:  # empty vocabulary: only stop words, or nothing left after min_df
            return _vectorise_plain(texts, language) if many else (None, None)
    return matrix.tocsr(), vectoriser


def _vectorise_plain(texts: Sequence[str], language: str):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(stop_words=_stop_words(language) or None, token_pattern=TOKEN_PATTERN,
                                 preprocessor=_preprocess, sublinear_tf=True, dtype=np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        try:
            return vectoriser.fit_transform(texts).tocsr(), vectoriser
        except ValueError:
            return None, None


def top_terms(weights: np.ndarray, vocabulary: np.ndarray, count: int) -> list[str]:
    """The ``count`` highest-weighted terms, without a word that a chosen pair already holds (or the reverse)."""
    chosen: list[str] = []
    chosen_words: list[set[str]] = []
    for index in np.argsort(-weights, kind="stable"):
        if weights[index] <= 0 or len(chosen) >= count:
            break
        term = str(vocabulary[index])
        words = {_term_key(w) for w in term.split()}
        if any(words <= other or other <= words for other in chosen_words):
            continue
        chosen.append(term)
        chosen_words.append(words)
    return chosen


def briefing_terms(stories: Sequence[Story], count: int) -> list[str]:
    """Key terms of the whole briefing: the stories' own terms taken in turn, largest story first.

    The mean tf-idf of a whole batch favours words common to every topic ("year",
    "people"); what sets each story apart says more about the batch.
    """
    chosen: list[str] = []
    for rank in range(max(len(s.terms) for s in stories)):
        for story in stories:
            if rank < len(story.terms) and story.terms[rank] not in chosen and len(chosen) < count:
                chosen.append(story.terms[rank])
    return chosen


def _row_terms(matrix, row: int, vocabulary: np.ndarray, count: int) -> list[str]:
    """``top_terms`` of one row of a CSR matrix, reading only its non-zero entries."""
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    return top_terms(matrix.data[start:end], vocabulary[matrix.indices[start:end]], count)


def _row_weights(matrix, rows: Sequence[int]) -> np.ndarray:
    return np.asarray(matrix[list(rows)].mean(axis=0)).ravel()


def cluster(matrix, seed: int = 0) -> np.ndarray:
    """Story labels for the rows of ``matrix``; rows without any term (only stop words) make one story of their own."""
    empty = np.asarray(matrix.getnnz(axis=1) == 0)
    if not empty.any():
        return _cluster_rows(matrix, seed)
    labels = np.zeros(matrix.shape[0], dtype=int)
    filled = np.flatnonzero(~empty)
    if len(filled):
        labels[filled] = _cluster_rows(matrix[filled], seed)
        labels[empty] = labels[filled].max() + 1
    return labels


def _cluster_rows(matrix, seed: int = 0) -> np.ndarray:
    """Story labels for the rows of an L2-normalised tf-idf matrix.

    Latent semantic analysis (truncated SVD, normalised) and
    k-means for each k from 2 to MAX_STORIES (fewer for small batches); the silhouette coefficient, by
    cosine distance in the tf-idf space itself, picks k. Small sets use
    average-linkage agglomerative clustering with a similarity threshold.
    """
    from sklearn.cluster import AgglomerativeClustering, KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import normalize
    from threadpoolctl import threadpool_limits

    n = matrix.shape[0]
    if n < 2:
        return np.zeros(n, dtype=int)
    if n < SMALL_SET:
        clustering = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                             distance_threshold=1 - SMALL_SET_SIMILARITY)
        return clustering.fit_predict(matrix.toarray())
    # One thread: the machines briefkit runs on are shared, and at this size
    # threads cost more in start-up and contention than they save.
    with threadpool_limits(limits=1):
        low, high = LSA_DIMENSIONS
        wanted = min(high, max(low, n // DOCUMENTS_PER_DIMENSION))
        dimensions = max(1, min(wanted, n - 1, matrix.shape[1] - 1))
        reduced = TruncatedSVD(dimensions, algorithm="arpack", random_state=seed).fit_transform(matrix)
        reduced = normalize(reduced)
        scored: list[tuple[int, float, np.ndarray]] = []
        # At most sqrt(n/2) stories (the textbook rule of thumb for k), though a
        # batch of a few dozen may still hold six topics (with three documents each).
        # Without the square root, samples of 100 BBC articles split into 10 to 12
        # stories instead of 5.
        most = min(MAX_STORIES, max(2, math.isqrt(n // 2), min(n // 3, 6)))
        for k in range(2, most + 1):
            labels = KMeans(n_clusters=k, n_init=KMEANS_RESTARTS, random_state=seed).fit_predict(reduced)
            if len(set(labels.tolist())) < 2:
                continue
            scored.append((k, float(silhouette_score(matrix, labels, metric="cosine")), labels))
    if not scored:
        return np.zeros(n, dtype=int)
    best = max(score for _, score, _ in scored)
    if best <= 0:  # no grouping is better than none
        return np.zeros(n, dtype=int)
    for _, score, labels in scored:  # fewest stories first
        if score >= best * (1 - SILHOUETTE_TOLERANCE):
            return labels
    raise AssertionError("unreachable")


# --------------------------------------------------------------------------- #
# The cross-document summary.


# A sentence that opens with a pronoun or a connective leans on the one before
# it ("But he said...") and reads badly out of its document; such sentences are
# quoted only when a document offers nothing else.
DANGLING_OPENERS = frozenset(
    "he she it they this these those his her its their him them but and or so also however yet "
    "meanwhile instead still then there".split())


def _dangling(sentence: str) -> bool:
    first = re.match(r"[^\W\d_]+", sentence.lstrip("\"'“‘(["))
    return bool(first) and first.group(0).lower() in DANGLING_OPENERS


def _candidates(report: "DocumentReport") -> list[tuple[int, str]]:
    """Sentences the overview may quote from one document: those of its summaries, already central in it."""
    seen: dict[int, str] = {}
    for summary in (report.short.summary, report.medium.summary):
        for index, sentence in zip(summary.indices, summary.sentences):
            if len(sentence.split()) >= MIN_SENTENCE_WORDS:
                seen.setdefault(index, sentence)
    standalone = {i: s for i, s in seen.items() if not _dangling(s)}
    return sorted((standalone or seen).items())


def select_sentences(count: int, stories: list[Story], reports: list["DocumentReport"], vectoriser,
                     centroids: dict[int, np.ndarray], skip: set[int]) -> list[OverviewSentence]:
    """Up to ``count`` sentences, story by story, with maximal marginal relevance.

    ``reports`` are in input order; ``skip`` holds the indices of duplicate
    copies (their original is quoted instead). A sentence's centrality is its
    cosine similarity to its story's centroid; each pick maximises
    MMR_LAMBDA * centrality - (1 - MMR_LAMBDA) * (highest similarity to a sentence already
    picked), and a sentence too similar to one already picked is never taken.
    """
    if count <= 0 or vectoriser is None:
        return []
    position = {id(r): i for i, r in enumerate(reports)}
    texts: list[str] = []
    meta: list[tuple[int, int, int]] = []  # (report index, sentence index, story number)
    for story in stories:
        for report in story.members:
            index = position[id(report)]
            if index in skip:
                continue
            for sentence_index, sentence in _candidates(report):
                texts.append(sentence)
                meta.append((index, sentence_index, story.number))
    if not texts:
        return []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        vectors = vectoriser.transform(texts).tocsr()
    centrality = np.zeros(len(texts))
    by_story: dict[int, list[int]] = {}
    for row, (_, _, number) in enumerate(meta):
        by_story.setdefault(number, []).append(row)
    for number, rows in by_story.items():
        centrality[rows] = vectors[rows] @ centroids[number]
    documents_quoted = len({m[0] for m in meta})
    per_document = max(1, math.ceil(count / max(1, documents_quoted)))
    quoted: dict[int, int] = {}
    chosen: list[int] = []
    closest = np.zeros(len(texts))  # highest similarity of each candidate to a chosen sentence
    available = np.ones(len(texts), dtype=bool)
    while len(chosen) < count and available.any():
        progress = False
        for story in stories:
            if len(chosen) >= count:
                break
            rows = [r for r in by_story.get(story.number, []) if available[r]]
            if not rows:
                continue
            scores = MMR_LAMBDA * centrality[rows] - (1 - MMR_LAMBDA) * closest[rows]
            pick = rows[int(np.argmax(scores))]  # argmax keeps the first of equals: input order
            chosen.append(pick)
            progress = True
            available[pick] = False
            report_index = meta[pick][0]
            quoted[report_index] = quoted.get(report_index, 0) + 1
            if quoted[report_index] >= per_document:
                available[[r for r, m in enumerate(meta) if m[0] == report_index]] = False
            similarity = (vectors @ vectors[pick].T).toarray().ravel()
            closest = np.maximum(closest, similarity)
            available &= closest < SAME_THING_SIMILARITY
        if not progress:
            break
    story_rank = {s.number: i for i, s in enumerate(stories)}
    # Shown story by story; within a story, a document's sentences together and in their own order.
    first_pick = {}
    for r in chosen:
        first_pick.setdefault(meta[r][0], len(first_pick))
    chosen.sort(key=lambda r: (story_rank[meta[r][2]], first_pick[meta[r][0]], meta[r][1]))
    return [OverviewSentence(text=texts[r], report=reports[meta[r][0]], sentence_index=meta[r][1],
                             story=meta[r][2], centrality=float(centrality[r])) for r in chosen]


# --------------------------------------------------------------------------- #
# Readability across the documents.


def grade_distribution(reports: Sequence["DocumentReport"]) -> tuple[list[GradeBin], int]:
    bins = [GradeBin(name, level, None if math.isinf(upper) else upper, 0) for upper, name, level in GRADE_BANDS]
    missing = 0
    for report in reports:
        grade = report.readability.grade
        if grade is None:
            missing += 1
            continue
        for band, (upper, _, _) in zip(bins, GRADE_BANDS):
            if grade <= upper:
                band.count += 1
                break
    return bins, missing


def hardest_documents(reports: Sequence["DocumentReport"], count: int = 3) -> list["DocumentReport"]:
    graded = [r for r in reports if r.readability.grade is not None and r.readability.enough_text]
    if len(graded) < 2:
        return []
    return sorted(graded, key=lambda r: -r.readability.grade)[:count]


# --------------------------------------------------------------------------- #
# The stage.


def _text_of(report: "DocumentReport") -> str:
    return f"{report.title}\n\n{report.document.text}"


def build_overview(reports: list["DocumentReport"], sentences: int = DEFAULT_OVERVIEW_SENTENCES,
                   language: str = "english", group_by: str = "story") -> Overview:
    """The overview of ``reports`` (in input order). Sets ``key_terms`` on every report."""
    texts = [_text_of(r) for r in reports]
    # Copies are judged on the body: a title may come from the file name, which every copy changes.
    duplicate_groups = find_duplicates([r.document.text for r in reports])
    copy_of: dict[int, int] = {}
    for members, _, _ in duplicate_groups:
        for member in members[1:]:
            copy_of[member] = members[0]
    originals = [i for i in range(len(reports)) if i not in copy_of]

    matrix, vectoriser = vectorise([texts[i] for i in originals], language)
    stories: list[Story] = []
    centroids: dict[int, np.ndarray] = {}
    key_terms: list[str] = []
    if matrix is None:
        for r in reports:
            r.key_terms = []
        stories = [Story(1, [], list(reports), 0.0)] if reports else []
    else:
        vocabulary = vectoriser.get_feature_names_out()
        row_of = {original: row for row, original in enumerate(originals)}
        for index, report in enumerate(reports):
            row = row_of[copy_of.get(index, index)]
            report.key_terms = _row_terms(matrix, row, vocabulary, DOCUMENT_KEY_TERMS)
        labels = cluster(matrix)
        total = np.asarray(matrix.sum(axis=0)).ravel()
        drafts = []
        for label in sorted(set(labels.tolist())):
            rows = [int(r) for r in np.flatnonzero(labels == label)]
            mean = _row_weights(matrix, rows)
            centroid = mean / (float(np.linalg.norm(mean)) or 1.0)
            closeness = np.asarray(matrix[rows] @ centroid).ravel()
            # Name a story by what sets it apart: its mean weights above the other documents'.
            rest = len(originals) - len(rows)
            others = (total - mean * len(rows)) / rest if rest else 0.0
            terms = top_terms(mean - others, vocabulary, STORY_TERMS)
            order = sorted(range(len(rows)), key=lambda i: (-round(float(closeness[i]), 9), rows[i]))
            members: list[DocumentReport] = []
            for i in order:
                original = originals[rows[i]]
                members.append(reports[original])
                members.extend(reports[c] for c, o in sorted(copy_of.items()) if o == original)
            drafts.append((len(members), float(closeness.mean()), min(originals[r] for r in rows), terms, members,
                           centroid))
        drafts.sort(key=lambda d: (-d[0], -round(d[1], 9), d[2]))
        for number, (_, mean_closeness, _, terms, members, centroid) in enumerate(drafts, start=1):
            stories.append(Story(number, terms, members, mean_closeness))
            centroids[number] = centroid

    if stories and any(s.terms for s in stories):
        key_terms = briefing_terms(stories, BRIEFING_KEY_TERMS)
    elif matrix is not None:
        key_terms = top_terms(_row_weights(matrix, range(matrix.shape[0])), vectoriser.get_feature_names_out(),
                              BRIEFING_KEY_TERMS)
    groups = [DuplicateGroup(kind, [reports[i] for i in members], similarity)
              for members, kind, similarity in duplicate_groups]
    bins, missing = grade_distribution(reports)
    return Overview(
        sentences=select_sentences(sentences, stories, reports, vectoriser if matrix is not None else None,
                                   centroids, set(copy_of)),
        stories=stories,
        duplicates=groups,
        key_terms=key_terms,
        grade_distribution=bins,
        not_enough_text=missing,
        hardest=hardest_documents(reports),
        group_by=group_by,
    )


def arrange(reports: list["DocumentReport"], overview: Overview | None, group_by: str) -> list["DocumentReport"]:
    """The documents in the order of their sections: by story, by folder, or as given."""
    if group_by == "story" and overview is not None and overview.stories:
        ordered = [member for story in overview.stories for member in story.members]
        if len(ordered) == len(reports):
            return ordered
    if group_by == "folder":
        position = {id(r): i for i, r in enumerate(reports)}
        return sorted(reports, key=lambda r: (r.document.group, position[id(r)]))
    return list(reports)


def overview_stage(reports: list["DocumentReport"], settings: "Settings") -> tuple[list["DocumentReport"], Overview | None]:
    """Build the overview (unless turned off) and put the documents in section order."""
    group_by = settings.group_by.lower()
    if not settings.overview and group_by != "story":
        return arrange(reports, None, group_by), None
    overview = build_overview(reports, settings.overview_sentences, settings.language, group_by)
    ordered = arrange(reports, overview, group_by)
    return ordered, overview if settings.overview else None
