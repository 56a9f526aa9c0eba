"""Stories and key terms: tf-idf vectors, latent semantic analysis and k-means from scikit-learn, the
number of stories chosen by the silhouette coefficient, each story named by its key terms."""

from __future__ import annotations

import math
import warnings
from typing import Sequence

import numpy as np

from ..model import Story

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

# Tokens for tf-idf: words of at least two letters (numbers and years make poor key terms).
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}(?:['-][^\W\d_]+)*\b"




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


def row_terms(matrix, row: int, vocabulary: np.ndarray, count: int) -> list[str]:
    """``top_terms`` of one row of a CSR matrix, reading only its non-zero entries."""
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    return top_terms(matrix.data[start:end], vocabulary[matrix.indices[start:end]], count)


def row_weights(matrix, rows: Sequence[int]) -> np.ndarray:
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


