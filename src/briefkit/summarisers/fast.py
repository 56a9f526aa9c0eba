"""Vectorised versions of sumy's slow summarisers: same sentences, in milliseconds.

sumy computes sentence similarities pair by pair in Python (LexRank, TextRank,
Reduction) or re-scans the whole summary for every candidate in every round
(KL-Sum, SumBasic), which takes minutes on a book. Here the same arithmetic is
done with a sparse term-count matrix (scipy.sparse) and numpy, following
sumy 0.13's source step by step: the same words (the tokeniser's words,
lower-cased, stop words removed, Snowball-stemmed), the same idf, thresholds,
damping, power-method start vector and stopping rule.

How exact each one is, and so how ties fall (``select`` keeps document order
for equal scores, as sumy's stable sort does):

* Reduction: bit-for-bit sumy's ratings (edges are summed in sumy's order).
* TextRank and LexRank, up to :data:`DENSE_LIMIT` sentences: the graph is built
  vectorised, then the power method runs on the same dense matrix with the same
  numpy calls as sumy, so the scores are bit-for-bit sumy's (for LexRank as long
  as no cosine lies within a rounding error of the 0.1 threshold). Above the
  limit the graph stays sparse (a dense matrix would need n*n*8 bytes); scores
  then differ from sumy's in the last bits only, and sentences with identical
  word lists still get identical scores, so their ties fall the same way.
* KL-Sum and SumBasic (greedy): each round is scored vectorised; when two
  candidates come within a relative 1e-9 of the best, they are re-scored with
  sumy's own scalar formula and sumy's rule picks (the earliest on a tie).

Duplicate sentences (same text) share one entry in sumy's rating dictionaries;
that is reproduced too (see :func:`_by_text_last` and friends).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Callable, ClassVar

import numpy as np

from ..text import ParsedDocument, stem_rows
from .base import Summariser

# Largest graph that is power-iterated as a dense n x n matrix, exactly as sumy does
# (1,000 sentences = 8 MB a matrix, ordinary reports and articles); bigger graphs stay
# sparse, which is what makes books fast.
DENSE_LIMIT = 1000

# Two greedy candidates closer than this (relative) are re-scored the scalar way.
NEAR_TIE = 1e-9


# --------------------------------------------------------------------------- #
# Words and matrices shared by the algorithms.


def count_matrix(rows: list[list[str]]):
    """Sentence x term counts (CSR, int64, sorted indices) and the term ids."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    ids = [vocabulary.setdefault(term, len(vocabulary)) for row in rows for term in row]
    lengths = np.fromiter((len(row) for row in rows), dtype=np.int64, count=len(rows))
    entry_rows = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
    # COO to CSR adds up repeated (sentence, term) entries: the counts
    matrix = csr_matrix((np.ones(len(ids), dtype=np.int64), (entry_rows, np.asarray(ids, dtype=np.int64))),
                        shape=(len(rows), max(1, len(vocabulary))))
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix, vocabulary


def _log_table(largest: int) -> np.ndarray:
    # math.log, as sumy uses, not np.log: the two may differ in the last bit.
    return np.array([0.0] + [math.log(k) for k in range(1, largest + 1)])


def _overlaps(counts):
    """Shared-word counts of every pair of sentences, as sumy's edge functions count them.

    ``sum(words2.count(w) for w in words1)`` is the dot product of the two count vectors.
    Returns COO-style arrays (row, col, overlap) with overlap > 0, rows sorted, cols sorted within rows.
    """
    product = (counts @ counts.T).tocsr()
    product.sort_indices()
    product.eliminate_zeros()
    rows = np.repeat(np.arange(product.shape[0]), np.diff(product.indptr))
    return rows, product.indices.astype(np.int64), product.data.astype(np.int64)


def _by_text_last(doc: ParsedDocument, scores) -> list[float]:
    """``dict(zip(sentences, scores))``: a repeated sentence gets its last occurrence's score."""
    last = {text: i for i, text in enumerate(doc.sentences)}
    return [float(scores[last[text]]) for text in doc.sentences]


def _by_text_rounds(doc: ParsedDocument, order: list[int]) -> list[float]:
    """``ratings[sentence] = -len(ratings)`` in the order the greedy loop removed them."""
    ratings: dict[str, int] = {}
    for index in order:
        ratings[doc.sentences[index]] = -len(ratings)
    return [float(ratings[text]) for text in doc.sentences]


def _power_method_dense(matrix: np.ndarray, epsilon: float, normalise: bool) -> np.ndarray:
    # sumy's LexRankSummarizer.power_method (normalise=True) and
    # TextRankSummarizer.power_method (normalise=False), call for call.
    transposed_matrix = matrix.T
    sentences_count = len(matrix)
    p_vector = np.array([1.0 / sentences_count] * sentences_count)
    lambda_val = 1.0
    # A graph without edges gives 0/0 = NaN scores, as in sumy (select() then keeps document
    # order); numpy's warning about it would only be noise on the user's terminal.
    with np.errstate(divide="ignore", invalid="ignore"):
        while lambda_val > epsilon:
            next_p = np.dot(transposed_matrix, p_vector)
            if normalise:
                next_p /= np.linalg.norm(next_p)
            lambda_val = np.linalg.norm(np.subtract(next_p, p_vector))
            p_vector = next_p
    return p_vector


def _power_method_sparse(multiply: Callable[[np.ndarray], np.ndarray], n: int, epsilon: float,
                         normalise: bool) -> np.ndarray:
    p_vector = np.full(n, 1.0 / n)
    lambda_val = 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        while lambda_val > epsilon:
            next_p = multiply(p_vector)
            if normalise:
                next_p /= np.linalg.norm(next_p)
            lambda_val = np.linalg.norm(next_p - p_vector)
            p_vector = next_p
    return p_vector


# --------------------------------------------------------------------------- #
# Graph algorithms.


class FastLexRankSummariser(Summariser):
    name = "lexrank"
    # Longer documents fall back to lead, and say so. Measured on this project's machine:
    # 6 s and 550 MiB at 30,000 sentences.
    max_sentences: ClassVar[int | None] = 30_000
    description = "LexRank (sumy's, vectorised): centrality in a sentence-similarity graph"

    threshold: ClassVar[float] = 0.1
    epsilon: ClassVar[float] = 0.1
    dense_limit: int = DENSE_LIMIT

    def rate(self, doc: ParsedDocument) -> list[float]:
        from scipy.sparse import csr_matrix

        rows = stem_rows(doc)
        n = len(rows)
        counts, _ = count_matrix(rows)
        counts = counts.astype(np.float64)
        # tf = count / largest count in the sentence (sumy's _compute_tf)
        largest = counts.max(axis=1).toarray().ravel()
        largest[largest == 0] = 1.0
        lengths = np.diff(counts.indptr)
        entry_rows = np.repeat(np.arange(n), lengths)
        tf = counts.data / largest[entry_rows]
        # idf = log(N / (1 + n_j)) with math.log (sumy's _compute_idf)
        document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
        idf_of = {d: math.log(n / (1 + d)) for d in np.unique(document_frequency).tolist()}
        idf = np.array([idf_of[d] for d in document_frequency.tolist()])
        weights = tf * idf[counts.indices]
        tfidf = csr_matrix((weights, counts.indices, counts.indptr), shape=counts.shape)
        squared = np.bincount(entry_rows, weights=weights * weights, minlength=n)
        norms = np.sqrt(squared)
        adjacency = self._adjacency(tfidf, norms, squared > 0)
        degrees = np.asarray(adjacency.sum(axis=1)).ravel().astype(np.float64)
        degrees[degrees == 0] = 1
        a_rows = np.repeat(np.arange(n), np.diff(adjacency.indptr))
        values = 1.0 / degrees[a_rows]
        if n <= self.dense_limit:
            matrix = np.zeros((n, n))
            matrix[a_rows, adjacency.indices] = values
            scores = _power_method_dense(matrix, self.epsilon, normalise=True)
        else:
            transposed = csr_matrix((values, adjacency.indices, adjacency.indptr), shape=(n, n)).T.tocsr()
            transposed.sort_indices()
            scores = _power_method_sparse(transposed.__matmul__, n, self.epsilon, normalise=True)
        return _by_text_last(doc, scores)

    def _adjacency(self, tfidf, norms, has_weight, block: int = 1024):
        """Pairs whose idf-modified cosine exceeds the threshold, row block by row block.

        Blocks keep memory flat on long documents: only the pairs above the
        threshold are kept, not the full similarity matrix.
        """
        from scipy.sparse import csr_matrix, vstack

        transposed = tfidf.T.tocsr()
        parts = []
        n = tfidf.shape[0]
        for start in range(0, n, block):
            stop = min(n, start + block)
            product = (tfidf[start:stop] @ transposed).tocoo()
            r, c = product.row + start, product.col
            ok = has_weight[r] & has_weight[c]
            with np.errstate(divide="ignore", invalid="ignore"):
                cosine = product.data / (norms[r] * norms[c])
            keep = ok & (cosine > self.threshold)
            parts.append(csr_matrix((np.ones(int(keep.sum())), (r[keep] - start, c[keep])), shape=(stop - start, n)))
        adjacency = vstack(parts, format="csr") if parts else csr_matrix((0, 0))
        adjacency.sort_indices()
        return adjacency


class FastTextRankSummariser(Summariser):
    name = "textrank"
    # Longer documents fall back to lead, and say so. Measured on this project's machine:
    # 4 s and 750 MiB at 12,400 sentences; 3.5 GiB at 30,000.
    max_sentences: ClassVar[int | None] = 12_500
    description = "TextRank (sumy's, vectorised): PageRank on word overlap"

    epsilon: ClassVar[float] = 1e-4
    damping: ClassVar[float] = 0.85
    zero_division_prevention: ClassVar[float] = 1e-7
    dense_limit: int = DENSE_LIMIT

    def rate(self, doc: ParsedDocument) -> list[float]:
        from scipy.sparse import csr_matrix

        rows = stem_rows(doc)
        n = len(rows)
        counts, _ = count_matrix(rows)
        lengths = np.array([len(r) for r in rows], dtype=np.int64)
        r, c, overlap = _overlaps(counts)
        logs = _log_table(int(lengths.max(initial=1)))
        norm = logs[lengths[r]] + logs[lengths[c]]
        # sumy: rank / norm, or the bare rank when norm is (close to) zero: two one-word sentences
        with np.errstate(divide="ignore", invalid="ignore"):
            edge = np.where(np.isclose(norm, 0.0), overlap.astype(np.float64), overlap / norm)
        if n <= self.dense_limit:
            weights = np.zeros((n, n))
            weights[r, c] = edge
            weights /= (weights.sum(axis=1)[:, np.newaxis] + self.zero_division_prevention)
            # sumy: np.full(..., (1 - d) / n) + d * weights; the same two roundings, in place
            weights *= self.damping
            weights += (1.0 - self.damping) / n
            scores = _power_method_dense(weights, self.epsilon, normalise=False)
        else:
            row_sums = np.bincount(r, weights=edge, minlength=n) + self.zero_division_prevention
            graph = csr_matrix((edge / row_sums[r], (r, c)), shape=(n, n))
            transposed = graph.T.tocsr()
            teleport, damping = (1.0 - self.damping) / n, self.damping

            def multiply(p):
                return teleport * p.sum() + damping * (transposed @ p)

            scores = _power_method_sparse(multiply, n, self.epsilon, normalise=False)
        return _by_text_last(doc, scores)


class FastReductionSummariser(Summariser):
    name = "reduction"
    # Longer documents fall back to lead, and say so. Measured on this project's machine:
    # 3 s and 600 MiB at 12,400 sentences; 31 s and 2.6 GiB at 30,000.
    max_sentences: ClassVar[int | None] = 12_500
    description = "Reduction (sumy's, vectorised): total similarity weight of each sentence"

    def rate(self, doc: ParsedDocument) -> list[float]:
        from scipy.sparse import csr_matrix

        rows = stem_rows(doc)
        n = len(rows)
        counts, _ = count_matrix(rows)
        lengths = np.array([len(r) for r in rows], dtype=np.int64)
        r, c, overlap = _overlaps(counts)
        off_diagonal = r != c
        r, c, overlap = r[off_diagonal], c[off_diagonal], overlap[off_diagonal]
        logs = _log_table(int(lengths.max(initial=1)))
        norm = logs[lengths[r]] + logs[lengths[c]]
        with np.errstate(divide="ignore", invalid="ignore"):
            edge = np.where(norm == 0.0, 0.0, overlap / norm)
        # csr @ vector adds each row's entries one by one in column order, from 0.0: the
        # order in which sumy's loop over combinations() adds them, so the sums are exact.
        graph = csr_matrix((edge, c, np.concatenate([[0], np.cumsum(np.bincount(r, minlength=n))])), shape=(n, n))
        ratings = graph @ np.ones(n)
        return self._merge_repeated(doc, ratings, graph)

    @staticmethod
    def _merge_repeated(doc: ParsedDocument, ratings: np.ndarray, graph) -> list[float]:
        """sumy keys ratings by sentence text: a repeated sentence collects the edges of all its copies."""
        groups: dict[str, list[int]] = {}
        for index, text in enumerate(doc.sentences):
            groups.setdefault(text, []).append(index)
        result = ratings.tolist()
        for members in groups.values():
            if len(members) < 2:
                continue
            member_set = set(members)
            pairs: dict[tuple[int, int], float] = {}
            for m in members:
                start, stop = graph.indptr[m], graph.indptr[m + 1]
                for col, value in zip(graph.indices[start:stop].tolist(), graph.data[start:stop].tolist()):
                    pairs[(min(m, col), max(m, col))] = value
            total = 0.0
            for (a, b) in sorted(pairs):
                value = pairs[(a, b)]
                total += value
                if a in member_set and b in member_set:
                    total += value  # both ends are the same dictionary key
            for m in members:
                result[m] = total
        return result


# --------------------------------------------------------------------------- #
# Greedy algorithms.


def _pick(values: np.ndarray, remaining: np.ndarray, exact: Callable[[int], float], keys: list,
          lowest: bool, absolute: bool) -> int:
    """The index sumy's loop would pick: best value, earliest on a tie.

    ``values`` are the vectorised scores; candidates within NEAR_TIE of the best are
    re-scored with ``exact`` (sumy's scalar arithmetic), once per distinct ``keys`` entry
    (identical word lists score identically). ``absolute``: the values are sums with
    cancellation (KL), so closeness is measured against max(1, |best|), not |best|.
    """
    candidates = values[remaining]
    best = candidates.min() if lowest else candidates.max()
    tolerance = NEAR_TIE * (max(1.0, abs(float(best))) if absolute else abs(float(best)))
    close = remaining[np.abs(candidates - best) <= tolerance]
    if len(close) == 1:
        return int(close[0])
    if best == 0.0 and not lowest and values[close].max() == 0.0:
        return int(close[0])
    scored: dict = {}
    choice, choice_value = -1, None
    for index in close.tolist():
        key = keys[index]
        if key not in scored:
            scored[key] = exact(index)
        value = scored[key]
        if choice_value is None or (value < choice_value if lowest else value > choice_value):
            choice, choice_value = index, value
    return choice


class FastKLSummariser(Summariser):
    name = "kl"
    # Longer documents fall back to lead, and say so. Measured on this project's machine:
    # 2.6 s at 5,000 sentences, and it grows quadratically.
    max_sentences: ClassVar[int | None] = 5_000
    description = "KL-Sum (sumy's, vectorised): greedy KL-divergence to the document's word distribution"

    def rate(self, doc: ParsedDocument) -> list[float]:
        from scipy.sparse import csr_matrix

        stop = doc.stop_words  # sumy's KL compares stop words as given, without lower-casing them
        raw = doc.words
        content = [[w.lower() for w in words if w.lower() not in stop] for words in raw]
        # The document's distribution: raw words that are not stop words, then lower-cased.
        doc_words = [w.lower() for words in raw for w in words if w not in stop]
        total = len(doc_words)
        word_freq = {w: f / total for w, f in Counter(doc_words).items()}

        vocabulary: dict[str, int] = {}
        for words in raw:
            for w in words:
                vocabulary.setdefault(w, len(vocabulary))
        for words in content:
            for w in words:
                vocabulary.setdefault(w, len(vocabulary))
        size = len(vocabulary)
        freq = np.zeros(size)
        for w, f in word_freq.items():
            if w in vocabulary:
                freq[vocabulary[w]] = f
        has_freq = freq > 0
        log_freq = np.where(has_freq, np.log(np.where(has_freq, freq, 1.0)), 0.0)

        n = len(raw)
        indptr, indices, data = [0], [], []
        for words in content:
            counted = Counter(vocabulary[w] for w in words)
            indices.extend(counted.keys())
            data.extend(counted.values())
            indptr.append(len(indices))
        candidates = csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                                 np.asarray(indptr, dtype=np.int64)), shape=(n, max(1, size)))
        entry_rows = np.repeat(np.arange(n), np.diff(candidates.indptr))
        keep = has_freq[candidates.indices]  # words absent from the document's distribution add nothing
        e_rows, e_terms, e_counts = entry_rows[keep], candidates.indices[keep], candidates.data[keep]
        e_f, e_logf = freq[e_terms], log_freq[e_terms]
        content_lengths = np.array([len(w) for w in content], dtype=np.float64)
        raw_ids = [[vocabulary[w] for w in words] for words in raw]
        keys = [tuple(words) for words in content]

        # KL(s) = sum over words w of joint(s) with doc_freq f_w > 0 of f_w * log(f_w * T / (c_s[w] + C[w]))
        # where C are the summary's counts and T = len(s) + len(summary). Split into
        #   base (summary words alone) + row_a (the sentence's words) + log T * (base_mass + row_b)
        # and update only what the words of the newly added sentence change.
        a = e_f * (e_logf - np.log(e_counts))  # the word is not in the summary yet
        b = e_f.copy()
        row_a = np.bincount(e_rows, weights=a, minlength=n)
        row_b = np.bincount(e_rows, weights=b, minlength=n)
        by_term = np.argsort(e_terms, kind="stable")
        term_start = np.searchsorted(e_terms[by_term], np.arange(size + 1))
        base, base_mass = 0.0, 0.0

        summary_counts = np.zeros(size)
        summary_words: list[str] = []
        remaining_mask = np.ones(n, dtype=bool)
        order: list[int] = []

        def exact(index: int) -> float:
            return _kl_scalar(content[index], summary_words, word_freq)

        for _ in range(n):
            length = content_lengths + len(summary_words)
            with np.errstate(divide="ignore", invalid="ignore"):
                values = np.where(length > 0, base + row_a + np.log(np.maximum(length, 1.0)) * (base_mass + row_b), 0.0)
            remaining = np.flatnonzero(remaining_mask)
            best = _pick(values, remaining, exact, keys, lowest=True, absolute=True)
            order.append(best)
            remaining_mask[best] = False
            summary_words.extend(raw[best])
            if not raw_ids[best]:
                continue
            changed, added = np.unique(np.asarray(raw_ids[best], dtype=np.int64), return_counts=True)
            old = summary_counts[changed]
            new = old + added
            summary_counts[changed] = new
            counted = has_freq[changed]
            f, logf = freq[changed][counted], log_freq[changed][counted]
            old_c, new_c = old[counted], new[counted]
            was_in = old_c > 0
            old_part = np.where(was_in, f * (logf - np.log(np.where(was_in, old_c, 1.0))), 0.0)
            base += float(np.sum(f * (logf - np.log(new_c)) - old_part))
            base_mass += float(np.sum(f[~was_in]))
            slices = [by_term[term_start[t]:term_start[t + 1]] for t in changed[counted].tolist()]
            touched = np.concatenate(slices) if slices else np.zeros(0, dtype=np.int64)
            if len(touched):
                c_now = summary_counts[e_terms[touched]]
                new_a = e_f[touched] * (np.log(c_now) - np.log(c_now + e_counts[touched]))
                np.add.at(row_a, e_rows[touched], new_a - a[touched])
                np.add.at(row_b, e_rows[touched], -b[touched])
                a[touched] = new_a
                b[touched] = 0.0
        return _by_text_rounds(doc, order)


def _kl_scalar(sentence_words: list[str], summary_words: list[str], word_freq: dict[str, float]) -> float:
    # sumy's KLSummarizer._joint_freq followed by _kl_divergence, operation for operation.
    total_len = len(sentence_words) + len(summary_words)
    wc1: dict[str, int] = {}
    for w in sentence_words:
        wc1[w] = wc1.get(w, 0) + 1
    wc2: dict[str, int] = {}
    for w in summary_words:
        wc2[w] = wc2.get(w, 0) + 1
    joint: dict[str, float] = dict(wc1)
    for k in wc2:
        joint[k] = joint[k] + wc2[k] if k in joint else wc2[k]
    for k in joint:
        joint[k] /= float(total_len)
    sum_val = 0
    for w in joint:
        frequency = word_freq.get(w)
        if frequency:
            sum_val += frequency * math.log(frequency / joint[w])
    return sum_val


class FastSumBasicSummariser(Summariser):
    name = "sumbasic"
    # Longer documents fall back to lead, and say so. Measured on this project's machine:
    # 11 s at 30,000 sentences.
    max_sentences: ClassVar[int | None] = 20_000
    description = "SumBasic (sumy's, vectorised): word frequency with re-weighting"

    def rate(self, doc: ParsedDocument) -> list[float]:
        rows = stem_rows(doc)
        n = len(rows)
        counts, vocabulary = count_matrix(rows)
        counts = counts.astype(np.float64)
        total = sum(len(r) for r in rows)
        term_counts = np.bincount(counts.indices, weights=counts.data, minlength=counts.shape[1])
        freq = term_counts / total if total else np.zeros(counts.shape[1])
        lengths = np.array([len(r) for r in rows], dtype=np.float64)
        ids = [[vocabulary[t] for t in r] for r in rows]
        keys = [tuple(r) for r in rows]
        remaining_mask = np.ones(n, dtype=bool)
        order: list[int] = []

        def average(index: int) -> float:
            # sumy's _compute_average_probability_of_words
            words = ids[index]
            return sum([float(freq[w]) for w in words]) / len(words) if words else 0

        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(lengths > 0, (counts @ freq) / lengths, 0.0)
        for _ in range(n):
            remaining = np.flatnonzero(remaining_mask)
            best = _pick(values, remaining, average, keys, lowest=False, absolute=False)
            order.append(best)
            remaining_mask[best] = False
            for w in ids[best]:  # once per occurrence, as sumy's _update_tf
                freq[w] = freq[w] * freq[w]
            with np.errstate(divide="ignore", invalid="ignore"):
                values = np.where(lengths > 0, (counts @ freq) / lengths, 0.0)
        return _by_text_rounds(doc, order)
