"""briefkit's own summariser: registered as the default, deterministic, linear similarities, sound on non-news."""

from __future__ import annotations

import numpy as np
import pytest

from briefkit.summarisers import ALGORITHMS, DEFAULT_ALGORITHM, is_near_duplicate, summarise
from briefkit.summarisers.centrality import CentralitySummariser, _tfidf_rows
from briefkit.text import ParsedDocument


def test_registered_and_default():
    assert DEFAULT_ALGORITHM == "briefkit"
    assert ALGORITHMS["briefkit"] is CentralitySummariser
    assert {"lexrank", "textrank", "lead"} <= set(ALGORITHMS)  # sumy's stay selectable


def test_deterministic_and_one_finite_score_per_sentence(seed_text):
    doc = ParsedDocument(seed_text.split("\n\n"))
    first, second = CentralitySummariser().rate(doc), CentralitySummariser().rate(ParsedDocument(seed_text.split("\n\n")))
    assert first == second
    assert len(first) == len(doc) and all(np.isfinite(first))


def test_banded_similarities_equal_the_dense_cosine(seed_text):
    doc = ParsedDocument(seed_text.split("\n\n"))
    rows = _tfidf_rows(doc.content_stems)
    dense = rows.dense(np.arange(rows.count))
    gram = dense @ dense.T
    n = rows.count
    assert n > 6
    for window in (n, 3):
        first, second, weight = rows.banded_cosine(window)
        assert np.all((second > first) & (second - first <= window))
        assert np.allclose(weight, gram[first, second])
        expected = {(i, j) for i in range(n) for j in range(i + 1, min(n, i + window + 1)) if gram[i, j] > 0}
        assert set(zip(first.tolist(), second.tolist())) == expected
    assert np.allclose(np.diag(gram)[np.diag(gram) > 0], 1.0)  # cosine rows are unit length


def test_no_near_duplicates_in_the_summary():
    sentence = "The central bank raised interest rates by half a point to fight inflation."
    paragraphs = [sentence, sentence.replace("half a point", "half a percentage point"),
                  "Shares in banks rose after the announcement.", "Economists had expected a smaller rise.",
                  "The bank will meet again in six weeks to review rates."]
    (summary,) = summarise(ParsedDocument(paragraphs), ["3"], "briefkit")
    stems = ParsedDocument(summary.sentences).content_stems
    assert len(summary.sentences) == 3
    assert not any(is_near_duplicate(stems[i], stems[j]) for i in range(3) for j in range(i + 1, 3))


def test_position_does_not_dominate_a_text_whose_opening_is_boilerplate():
    # A report that opens with housekeeping: the summary must still be about the subject.
    paragraphs = [
        "Prepared for internal use.", "Version two.", "Please circulate.",
        "Groundwater levels in the northern aquifer fell by a third between 2015 and 2023.",
        "The fall in groundwater follows a decade of heavy irrigation by farms on the northern plain.",
        "Farms on the northern plain now pump groundwater from wells twice as deep as in 2015.",
        "If irrigation continues at this rate, the aquifer's groundwater could be exhausted by 2040.",
        "The report recommends metering every irrigation well and capping groundwater extraction.",
        "Thanks to the staff who helped.",
    ]
    (summary,) = summarise(ParsedDocument(paragraphs), ["3"], "briefkit")
    assert all("groundwater" in s.lower() or "irrigation" in s.lower() for s in summary.sentences), summary.sentences


def test_degenerate_documents():
    for paragraphs in (["Only one sentence here."], ["It is.", "It was.", "So it is."], ["!!!", "???", "..."]):
        doc = ParsedDocument(paragraphs)
        (summary,) = summarise(doc, ["2"], "briefkit")
        assert summary.algorithm == "briefkit" and not summary.fallback_from
        assert len(summary.indices) == min(2, len(doc))


def test_long_document_uses_a_window_and_still_rates_every_sentence(seed_text):
    # 40 copies of the seed: far more sentences than the window, so only nearby pairs are compared.
    paragraphs = [p for _ in range(40) for p in seed_text.split("\n\n")]
    doc = ParsedDocument(paragraphs)
    assert len(doc) > 3 * CentralitySummariser.WINDOW
    scores = CentralitySummariser().rate(doc)
    assert len(scores) == len(doc) and all(np.isfinite(scores))
    first, second, _ = _tfidf_rows(doc.content_stems).banded_cosine(CentralitySummariser.WINDOW)
    assert first.size <= len(doc) * CentralitySummariser.WINDOW


@pytest.mark.parametrize("title", ["", "Rates rise again"])
def test_title_is_optional(title):
    paragraphs = ["The central bank raised interest rates again on Thursday.", "Shares fell.",
                  "Economists had expected the rise.", "Mortgage costs will go up."]
    (summary,) = summarise(ParsedDocument(paragraphs, title=title), ["2"], "briefkit")
    assert len(summary.sentences) == 2


def test_a_sentence_that_introduces_a_list_is_not_a_summary_sentence():
    # The second sentence shares the most with the rest, but only introduces what follows.
    doc = ParsedDocument([
        "The council approved the budget for the new library on Monday.",
        "The library budget approved by the council on Monday includes:",
        "Money for books, for staff and for longer opening hours at the library.",
        "The council said the library budget would be reviewed next year.",
        "Residents welcomed the news at a meeting in the town hall.",
    ])
    scores = CentralitySummariser().rate(doc)
    assert np.argsort(scores)[::-1].tolist().index(1) >= 3
    (short,) = summarise(doc, ["3"])
    assert 1 not in short.indices
    # Relevance is scaled down, not removed: a document of lead-ins still gets its summary.
    only = ParsedDocument(["Here is the first list:", "And here is another one:", "A third list follows:"])
    (summary,) = summarise(only, ["2"])
    assert len(summary.sentences) == 2
