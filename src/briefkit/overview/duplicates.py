"""Duplicates: exact copies (the same text once case and spacing are set aside) and near copies (the
same article with a sentence or two changed), found by the Jaccard similarity of word 5-gram shingles."""

from __future__ import annotations

import hashlib
from typing import Sequence

import numpy as np

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


