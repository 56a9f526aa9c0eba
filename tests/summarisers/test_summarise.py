"""Summaries: lengths, algorithms, near-duplicates, order, short documents."""

from __future__ import annotations

import pytest

from briefkit.errors import UsageError
from briefkit.model import Length
from briefkit.summarisers import ALGORITHMS, is_near_duplicate, summarise
from briefkit.text import ParsedDocument


@pytest.mark.parametrize("spec, kind, value", [
    ("3", "sentences", 3), (7, "sentences", 7), ("20%", "ratio", 0.2), ("120w", "words", 120),
    ("5 sentences", "sentences", 5), ("80 words", "words", 80),
])
def test_length_parse(spec, kind, value):
    length = Length.parse(spec)
    assert (length.kind, length.value) == (kind, value)


@pytest.mark.parametrize("spec", ["", "0", "-3", "2.5", "three", "0%", "150%", "10x"])
def test_bad_lengths_are_usage_errors(spec):
    with pytest.raises(UsageError):
        Length.parse(spec)


def test_the_seed_opening_pair_are_near_duplicates(seed_doc):
    first, second = seed_doc.content_stems[:2]
    assert is_near_duplicate(first, second)


@pytest.mark.parametrize("algorithm", sorted(ALGORITHMS))
def test_every_algorithm_summarises_the_seed_without_the_duplicate_pair(seed_doc, algorithm):
    for length in ("3", "7", "30%", "120w"):
        (summary,) = summarise(seed_doc, [length], algorithm)
        assert summary.algorithm == algorithm and not summary.fallback_from
        assert summary.indices == sorted(set(summary.indices))
        assert summary.sentences == [seed_doc.sentences[i] for i in summary.indices]
        assert not {0, 1} <= set(summary.indices), f"{algorithm} kept both opening sentences"
        if Length.parse(length).kind == "sentences":
            assert len(summary.sentences) == int(length)
        if length == "120w":
            assert summary.words <= 120


def test_lead_is_the_first_sentences_skipping_the_duplicate(seed_doc):
    (summary,) = summarise(seed_doc, ["3"], "lead")
    assert summary.indices == [0, 2, 3]


def test_lexrank_selects_what_sumy_selects(seed_doc):
    from sumy.summarizers.lex_rank import LexRankSummarizer

    sumy = LexRankSummarizer(seed_doc.stemmer)
    sumy.stop_words = seed_doc.stop_words
    chosen = [str(s) for s in sumy(seed_doc.sumy_document, 4)]
    (ours,) = summarise(seed_doc, ["4"], "lexrank")
    # sumy may keep both opening sentences; apart from that rule, the selection is sumy's.
    expected = [s for s in chosen if s != seed_doc.sentences[1] or seed_doc.sentences[0] not in chosen]
    assert [s for s in ours.sentences if s in chosen] == expected


def test_short_document_gives_all_sentences_marked_complete():
    doc = ParsedDocument(["One short paragraph here. It has two sentences."])
    short, medium = summarise(doc, ["3", "7"], "lexrank")
    assert short.sentences == doc.sentences and short.complete
    assert medium.complete


def test_one_sentence_document_is_its_own_summary():
    doc = ParsedDocument(["Just this one sentence stands alone."])
    (summary,) = summarise(doc, ["3"], "lsa")
    assert summary.sentences == ["Just this one sentence stands alone."]
    assert summary.complete


def test_ratio_rounds_up_and_never_selects_zero(seed_doc):
    (summary,) = summarise(seed_doc, ["1%"], "lead")
    assert len(summary.sentences) == 1
    (summary,) = summarise(seed_doc, ["20%"], "lead")
    assert len(summary.sentences) == 5


def test_word_budget_keeps_at_least_one_sentence(seed_doc):
    (summary,) = summarise(seed_doc, ["1w"], "lexrank")
    assert len(summary.sentences) == 1


def test_unknown_algorithm():
    with pytest.raises(UsageError, match="unknown algorithm"):
        summarise(ParsedDocument(["A. B."]), ["1"], "nope")


def test_vectorised_kl_falls_back_to_lead_over_its_limit():

    limit = ALGORITHMS["kl"].max_sentences
    doc = ParsedDocument([f"Sentence number {i} talks about topic {i % 7} today." for i in range(limit + 1)])
    (summary,) = summarise(doc, ["3"], "kl")
    # Lead from the first sentence on (these near-identical sentences are skipped as near-duplicates).
    assert summary.algorithm == "lead" and summary.indices[0] == 0
    assert summary.fallback_from.startswith(f"kl (the document has {limit + 1:,} sentences")


def test_a_word_budget_is_not_topped_up_with_fragments():
    # Sentence splitting leaves "syntax." behind after code such as "use //!"; it fits any budget.
    doc = ParsedDocument(["The compiler ships with a documentation tool that reads comments in the code. "
                          "To document a whole crate you need to use //! syntax. "
                          "The tool writes HTML pages with a search bar for every public item."])
    assert "syntax." in doc.sentences
    first, last = doc.sentences[0], doc.sentences[-1]
    budget = doc.word_counts[0] + doc.word_counts[-1] + 1  # after the two longest, one word is left
    (summary,) = summarise(doc, [f"{budget}w"], "lead")
    lead_order = [doc.sentences[i] for i in summary.indices]
    assert "syntax." not in lead_order
    scores = [float(len(s)) for s in doc.sentences]  # longest first: the fragment is all that still fits
    from briefkit.summarisers import select

    assert [doc.sentences[i] for i in select(doc, scores, Length("words", budget))] == [first, last]
