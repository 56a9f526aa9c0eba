"""Stage 4, overview: what matters across all the documents.

This stage runs after every document has been summarised and measured, and
before the briefing is assembled; it reads the list of
:class:`~briefkit.model.DocumentReport` and adds what no single-document
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

Duplicates are :mod:`.duplicates`, stories and key terms :mod:`.topics`, the cross-document summary
:mod:`.digest`; this module puts them together and orders the document sections.

Nothing here is random: k-means runs with a fixed seed and ties are broken
by input order, so the same documents give the same overview.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from ..measure import GRADE_BANDS
from ..model import DocumentReport, DuplicateGroup, GradeBin, Overview, Story
from .digest import select_sentences
from .duplicates import find_duplicates
from .topics import (BRIEFING_KEY_TERMS, DOCUMENT_KEY_TERMS, STORY_TERMS, row_terms, row_weights, briefing_terms,
                     cluster, top_terms, vectorise)

GROUP_BY = ("story", "folder", "none")
DEFAULT_OVERVIEW_SENTENCES = 7


# --------------------------------------------------------------------------- #
# Readability across the documents.


def grade_distribution(reports: Sequence[DocumentReport]) -> tuple[list[GradeBin], int]:
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


def hardest_documents(reports: Sequence[DocumentReport], count: int = 3) -> list[DocumentReport]:
    graded = [r for r in reports if r.readability.grade is not None and r.readability.enough_text]
    if len(graded) < 2:
        return []
    return sorted(graded, key=lambda r: -r.readability.grade)[:count]


# --------------------------------------------------------------------------- #
# The stage.


def _text_of(report: DocumentReport) -> str:
    return f"{report.title}\n\n{report.document.text}"


def build_overview(reports: list[DocumentReport], sentences: int = DEFAULT_OVERVIEW_SENTENCES,
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
            report.key_terms = row_terms(matrix, row, vocabulary, DOCUMENT_KEY_TERMS)
        labels = cluster(matrix)
        total = np.asarray(matrix.sum(axis=0)).ravel()
        drafts = []
        for label in sorted(set(labels.tolist())):
            rows = [int(r) for r in np.flatnonzero(labels == label)]
            mean = row_weights(matrix, rows)
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
        key_terms = top_terms(row_weights(matrix, range(matrix.shape[0])), vectoriser.get_feature_names_out(),
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


def arrange(reports: list[DocumentReport], overview: Overview | None, group_by: str) -> list[DocumentReport]:
    """The documents in the order of their sections: by story, by folder, or as given."""
    if group_by == "story" and overview is not None and overview.stories:
        ordered = [member for story in overview.stories for member in story.members]
        if len(ordered) == len(reports):
            return ordered
    if group_by == "folder":
        position = {id(r): i for i, r in enumerate(reports)}
        return sorted(reports, key=lambda r: (r.document.group, position[id(r)]))
    return list(reports)


def overview_stage(reports: list[DocumentReport], *, enabled: bool = True,
                   sentences: int = DEFAULT_OVERVIEW_SENTENCES, language: str = "english",
                   group_by: str = "story") -> tuple[list[DocumentReport], Overview | None]:
    """Build the overview (unless turned off) and put the documents in section order."""
    group_by = group_by.lower()
    if not enabled and group_by != "story":
        return arrange(reports, None, group_by), None
    overview = build_overview(reports, sentences, language, group_by)
    ordered = arrange(reports, overview, group_by)
    return ordered, overview if enabled else None
