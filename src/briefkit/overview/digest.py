"""The cross-document summary: the most central sentences of the set, chosen story by story with
maximal marginal relevance so that no two say the same thing, each attributed to its document."""

from __future__ import annotations

import math
import re
import warnings

import numpy as np

from ..model import DocumentReport, OverviewSentence, Story

# The cross-document summary.
MIN_SENTENCE_WORDS = 6  # a short sentence rarely stands alone out of its document
MMR_LAMBDA = 0.7  # weight of centrality against novelty in maximal marginal relevance
# Two sentences whose tf-idf vectors have at least this cosine similarity say
# the same thing for a reader: never both in the overview.
SAME_THING_SIMILARITY = 0.4




# A sentence that opens with a pronoun or a connective leans on the one before
# it ("But he said...") and reads badly out of its document; such sentences are
# quoted only when a document offers nothing else.
DANGLING_OPENERS = frozenset(
    "he she it they this these those his her its their him them but and or so also however yet "
    "meanwhile instead still then there".split())


def _dangling(sentence: str) -> bool:
    first = re.match(r"[^\W\d_]+", sentence.lstrip("\"'“‘(["))
    return bool(first) and first.group(0).lower() in DANGLING_OPENERS


def _candidates(report: DocumentReport) -> list[tuple[int, str]]:
    """Sentences the overview may quote from one document: those of its summaries, already central in it."""
    seen: dict[int, str] = {}
    for summary in (report.short.summary, report.medium.summary):
        for index, sentence in zip(summary.indices, summary.sentences):
            if len(sentence.split()) >= MIN_SENTENCE_WORDS:
                seen.setdefault(index, sentence)
    standalone = {i: s for i, s in seen.items() if not _dangling(s)}
    return sorted((standalone or seen).items())


def select_sentences(count: int, stories: list[Story], reports: list[DocumentReport], vectoriser,
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


