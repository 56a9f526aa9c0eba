"""Property-based tests of each stage: for any input, the contract holds.

Example counts are kept moderate (the whole file runs in well under a minute);
the database of failing examples is hypothesis's usual one, so a failure found
once is tried first next time.
"""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, assume, given, settings, strategies as st

from briefkit.assemble import assemble
from briefkit.config import Settings
from briefkit.errors import DocumentError
from briefkit.ingest import load
from briefkit.measure import hardest_sentences, measure
from briefkit.model import Document, InputFile, Length, Problem
from briefkit.render import render_json
from briefkit.run import analyse
from briefkit.summarisers import ALGORITHMS, summarise
from briefkit.summarisers.selection import MAX_SUMMARY_SENTENCES
from briefkit.text import ParsedDocument

FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words from a small vocabulary (so sentences overlap, as real ones do), some
# stop words, numbers and non-Latin words; sentences end in varied punctuation.
WORDS = st.sampled_from(
    "the a of and to in is was council budget roads schools report year members vote plan city water "
    "price rose fell said would could 2024 42 3.5 café naïve Москва 東京 مرحبا 🌍 e.g. Dr. U.S. -- ( ) ,".split())
SENTENCE = st.builds(lambda words, end: " ".join(words).capitalize() + end,
                     st.lists(WORDS, min_size=1, max_size=18), st.sampled_from([".", "!", "?", "", "...", ";"]))
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=6).map(" ".join)
PARAGRAPHS = st.lists(PARAGRAPH, min_size=1, max_size=6)
ANY_TEXT = st.text(min_size=1, max_size=400)
LENGTH = st.one_of(
    st.integers(1, 12).map(str),
    st.integers(1, 100).map(lambda p: f"{p}%"),
    st.integers(1, 150).map(lambda w: f"{w}w"),
)
# KL-Sum is cubic; over ten sentences it is slow enough to be tried on smaller documents only.
ALGORITHM = st.sampled_from(sorted(ALGORITHMS))


def _check_summary(doc: ParsedDocument, summary, length: Length, paragraphs: list[str]) -> None:
    # Every sentence comes from the text, in order, without duplicates.
    assert summary.sentences == [doc.sentences[i] for i in summary.indices]
    assert summary.indices == sorted(set(summary.indices))
    for index in summary.indices:
        assert doc.sentences[index] in paragraphs[doc.paragraph_of[index]]
    assert len(set(summary.sentences)) == len(summary.sentences), summary.sentences
    # Never empty when the document has a sentence.
    assert (len(summary.sentences) >= 1) == (len(doc) >= 1)
    # Within the requested length. A word budget smaller than the best sentence
    # still gives that one sentence: a summary is never empty.
    assert len(summary.sentences) <= MAX_SUMMARY_SENTENCES
    if length.kind == "sentences":
        assert len(summary.sentences) <= length.value
    elif length.kind == "ratio":
        assert len(summary.sentences) <= max(1, math.ceil(len(doc) * length.value))
    else:
        assert summary.words <= length.value or len(summary.sentences) == 1
    # Complete: every distinct sentence is in (a repeated sentence is given once).
    distinct = {" ".join(s.split()).casefold() for s in doc.sentences}
    assert summary.complete == (len(summary.indices) == len(distinct))


@FEW
@given(paragraphs=PARAGRAPHS, lengths=st.lists(LENGTH, min_size=1, max_size=3), algorithm=ALGORITHM,
       keep_level=st.booleans())
def test_summary_sentences_come_from_the_text_in_order_within_length(paragraphs, lengths, algorithm, keep_level):
    doc = ParsedDocument(paragraphs, title="A title")
    assume(algorithm != "kl" or len(doc) <= 12)
    summaries = summarise(doc, lengths, algorithm, keep_reading_level=keep_level)
    assert len(summaries) == len(lengths)
    for summary, spec in zip(summaries, lengths):
        _check_summary(doc, summary, Length.parse(spec), paragraphs)


@FEW
@given(paragraphs=st.lists(ANY_TEXT, min_size=1, max_size=4), length=LENGTH,
       algorithm=st.sampled_from(["lead", "lexrank", "luhn", "textrank", "lsa", "edmundson", "briefkit"]),
       keep_level=st.booleans())
def test_summary_of_arbitrary_unicode(paragraphs, length, algorithm, keep_level):
    doc = ParsedDocument(paragraphs)
    (summary,) = summarise(doc, [length], algorithm, keep_reading_level=keep_level)
    _check_summary(doc, summary, Length.parse(length), paragraphs)


@FEW
@given(sentence=SENTENCE.filter(lambda s: s.strip()), copies=st.integers(2, 5), length=LENGTH)
def test_repeated_sentences_are_not_repeated_in_the_summary(sentence, copies, length):
    paragraphs = [" ".join([sentence.rstrip(".!?;") + "."] * copies)]
    doc = ParsedDocument(paragraphs)
    (summary,) = summarise(doc, [length], "lexrank")
    _check_summary(doc, summary, Length.parse(length), paragraphs)


# --------------------------------------------------------------------------- #
# Readability.

METRICS = ("grade", "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
           "coleman_liau_index", "automated_readability_index", "dale_chall_score", "linsear_write",
           "consensus_grade", "difficult_word_share")


@FEW
@given(text=st.one_of(ANY_TEXT, PARAGRAPHS.map("\n\n".join), st.text(alphabet=" \n\t.,;!?0123456789", max_size=50)))
def test_readability_is_finite_or_says_not_enough_text(text):
    result = measure(text)
    for name in METRICS:
        value = getattr(result, name)
        assert value is None or (isinstance(value, float) and math.isfinite(value)), (name, value)
    for name in ("words", "sentences", "syllables", "difficult_words"):
        assert isinstance(getattr(result, name), int) and getattr(result, name) >= 0
    assert math.isfinite(result.reading_time_seconds) and result.reading_time_seconds >= 0
    if result.words == 0:
        assert not result.enough_text and result.grade is None and result.band == "Not enough text"
    if result.grade is None:
        assert result.band == "Not enough text"
    if not result.enough_text:
        assert result.words < 10


@FEW
@given(sentences=st.lists(st.one_of(SENTENCE, ANY_TEXT), max_size=8), count=st.integers(0, 5))
def test_hardest_sentences_are_finite_and_sorted(sentences, count):
    hardest = hardest_sentences(sentences, count)
    assert len(hardest) <= count
    assert all(math.isfinite(h.grade) and sentences[h.index] == h.text for h in hardest)
    assert [h.grade for h in hardest] == sorted((h.grade for h in hardest), reverse=True)


# --------------------------------------------------------------------------- #
# Load: any bytes give a document or one DocumentError, nothing else.


@settings(max_examples=40, deadline=None)
@given(data=st.one_of(st.binary(max_size=600), ANY_TEXT.map(lambda t: t.encode("utf-8")),
                      st.tuples(ANY_TEXT, st.sampled_from(["utf-16", "utf-16-le", "cp1252", "latin-1"])).map(
                          lambda pair: pair[0].encode(pair[1], errors="ignore"))),
       suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_any_bytes_load_or_fail_with_a_document_error(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("any") / f"doc{suffix}"
    path.write_bytes(data)
    try:
        document = load(InputFile(str(path), path))
    except DocumentError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert document.paragraphs and all(p.strip() for p in document.paragraphs)


# --------------------------------------------------------------------------- #
# The JSON briefing round-trips.

TITLE = st.text(min_size=1, max_size=40)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=st.lists(st.tuples(TITLE, PARAGRAPHS), min_size=1, max_size=3), title=TITLE,
       short=LENGTH, medium=LENGTH, problems=st.lists(st.tuples(TITLE, TITLE), max_size=2))
def test_json_briefing_round_trips(docs, title, short, medium, problems):
    settings_ = Settings(title=title, short=short, medium=medium, algorithm="lead", keywords=("a", title))
    reports = []
    for index, (doc_title, paragraphs) in enumerate(docs):
        document = Document(source=f"in/{index}.txt", title=doc_title, paragraphs=paragraphs, format="text",
                            sha256="0" * 64, metadata={"author": doc_title})
        reports.append(analyse(document, settings_.analysis_options()))
    briefing = assemble(title, settings_.to_dict(), reports, [Problem(s, m) for s, m in problems])
    assert json.loads(render_json(briefing)) == briefing.to_dict()
