"""The vectorised summarisers (briefkit.summarisers.fast) against sumy's own classes, on real articles.

sumy is the reference: every fast algorithm must select the same sentences at 3 and 7
sentences. On ordinary documents (up to DENSE_LIMIT sentences) the ratings themselves are
compared exactly; above it (sparse graphs) to within rounding, and the selections exactly.
Article counts are kept small because sumy is slow.
"""

from __future__ import annotations

import json

import pytest

from briefkit.model import Length
from briefkit.summarisers import ALGORITHMS, SumySummariser, fast, select, summarise
from briefkit.text import ParsedDocument

from helpers import shared_data

# The algorithms whose plain name runs briefkit's vectorised version, sumy's own kept as "sumy-<name>".
FAST_NAMES = sorted(name.removeprefix("sumy-") for name in ALGORITHMS if name.startswith("sumy-"))
ARTICLES_PER_SET = 12


def _articles(name: str, count: int, skip: int = 0) -> list[dict]:
    with open(shared_data("dev", name), encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return records[skip:skip + count]


def _paragraphs(article: dict) -> list[str]:
    return [p for p in article["article"].split("\n") if p.strip()]


def _document(articles: list[dict]) -> ParsedDocument:
    return ParsedDocument([p for a in articles for p in _paragraphs(a)])


def _reference(name: str):
    return ALGORITHMS[f"sumy-{name}"]()


def _selections(doc: ParsedDocument, scores: list[float]) -> list[list[int]]:
    return [select(doc, scores, Length.parse(count)) for count in (3, 7)]


@pytest.fixture(scope="module")
def articles() -> list[ParsedDocument]:
    chosen = _articles("bbc-news.jsonl", ARTICLES_PER_SET) + _articles("cnndm-gpt4.jsonl", ARTICLES_PER_SET)
    docs = [_document([a]) for a in chosen]
    return [d for d in docs if len(d) >= 2]


def test_registry_keeps_sumy_as_reference():
    assert FAST_NAMES == ["kl", "lexrank", "reduction", "sumbasic", "textrank"]
    for name in FAST_NAMES:
        assert ALGORITHMS[name].__module__ == fast.__name__ and ALGORITHMS[name].name == name  # the vectorised one
        assert not issubclass(ALGORITHMS[name], SumySummariser)
        reference = ALGORITHMS[f"sumy-{name}"]
        assert reference.name == f"sumy-{name}"
        assert issubclass(reference, SumySummariser)


@pytest.mark.parametrize("name", FAST_NAMES)
def test_same_ratings_and_selection_on_articles(articles, name):
    assert len(articles) >= 2 * ARTICLES_PER_SET - 2
    for doc in articles:
        expected = _reference(name).rate(doc)
        got = ALGORITHMS[name]().rate(doc)
        assert _selections(doc, got) == _selections(doc, expected), doc.sentences[0]
        # Below the dense limit every fast algorithm reproduces sumy's numbers bit for bit.
        assert got == expected, (name, doc.sentences[0])


def test_summarise_gives_the_same_summaries_through_both_names(articles):
    for doc in articles[:6]:
        for name in FAST_NAMES:
            ours = summarise(doc, ["3", "7"], name)
            theirs = summarise(doc, ["3", "7"], f"sumy-{name}")
            assert [s.indices for s in ours] == [s.indices for s in theirs]
            assert [s.algorithm for s in ours] == [name, name]


@pytest.fixture(scope="module")
def long_documents() -> list[ParsedDocument]:
    """Consecutive articles joined into longer documents (one from each set, one mixed)."""
    bbc = _articles("bbc-news.jsonl", 14, skip=100)
    cnn = _articles("cnndm-gpt4.jsonl", 6, skip=40)
    return [_document(bbc[:8]), _document(cnn[:5]), _document(bbc[8:] + cnn[5:])]


@pytest.mark.parametrize("name", ["lexrank", "textrank", "reduction"])
def test_graphs_on_long_documents_dense_and_sparse(long_documents, name):
    for doc in long_documents:
        assert len(doc) > 100
        expected = _reference(name).rate(doc)
        dense = ALGORITHMS[name]()
        assert _selections(doc, dense.rate(doc)) == _selections(doc, expected)
        # The sparse path, which documents above DENSE_LIMIT take, on the same text.
        sparse = ALGORITHMS[name]()
        sparse.dense_limit = 0
        got = sparse.rate(doc)
        assert _selections(doc, got) == _selections(doc, expected)
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("name", ["kl", "sumbasic"])
def test_greedy_on_a_long_document(name):
    doc = _document(_articles("bbc-news.jsonl", 4, skip=200))
    assert len(doc) > 50
    expected = _reference(name).rate(doc)
    got = ALGORITHMS[name]().rate(doc)
    assert got == expected


@pytest.mark.parametrize("name", FAST_NAMES)
def test_repeated_sentences_tie_like_sumy(name):
    """An article that repeats itself: every sentence has an exact twin.

    sumy keys its ratings by sentence text, so twins share one rating; select()
    then keeps document order, so the first copy is chosen and the second is
    skipped as a near-duplicate. The fast versions must give twins identical
    ratings, on both the dense and the sparse path.
    """
    article = _articles("bbc-news.jsonl", 1, skip=7)[0]
    doc = ParsedDocument(_paragraphs(article) * 2 + ["A closing line that appears once."])
    half = (len(doc) - 1) // 2
    expected = _reference(name).rate(doc)
    variants = [ALGORITHMS[name]()]
    if hasattr(variants[0], "dense_limit"):
        sparse = ALGORITHMS[name]()
        sparse.dense_limit = 0
        variants.append(sparse)
    for summariser in variants:
        got = summariser.rate(doc)
        assert all(got[i] == got[i + half] for i in range(half))
        chosen = _selections(doc, got)
        assert chosen == _selections(doc, expected)
        assert all(i < half or i == len(doc) - 1 for picked in chosen for i in picked)


def test_isolated_sentences_tie_and_keep_document_order():
    """Sentences that share no content word with any other all get the same LexRank score.

    sumy's dense power method gives them bit-identical scores; so must the sparse path,
    and select() must then take them in document order.
    """
    sentences = ["Volcanoes erupt molten rock.", "Penguins huddle against blizzards.",
                 "Orchestras rehearse symphonies nightly.", "Bakers knead dough before sunrise.",
                 "Glaciers carve deep valleys."]
    doc = ParsedDocument([" ".join(sentences)])
    assert len(doc) == 5
    expected = _reference("lexrank").rate(doc)
    for limit in (fast.DENSE_LIMIT, 0):
        summariser = fast.FastLexRankSummariser()
        summariser.dense_limit = limit
        got = summariser.rate(doc)
        assert len(set(got)) == 1
        assert select(doc, got, Length.parse(3)) == select(doc, expected, Length.parse(3)) == [0, 1, 2]
