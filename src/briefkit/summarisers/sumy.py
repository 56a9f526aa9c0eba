"""sumy's own summarisers, wrapped, not re-implemented: ``--algorithm lsa`` means exactly sumy's LSA.

Each wrapper names the sumy module and class it runs. The five that briefkit also has vectorised
(:mod:`.fast`) are kept here as ``sumy-<name>``, the reference the fast versions are tested against.
"""

from __future__ import annotations

import importlib
from typing import ClassVar

from ..text import ParsedDocument
from .base import Summariser

REFERENCE_NOTE = " (the reference; slow on long texts)"


class SumySummariser(Summariser):
    """Wraps one of sumy's summarisers and reads back its sentence ratings."""

    # The sumy class: sumy.summarizers.<module>.<cls>.
    module: ClassVar[str] = ""
    cls: ClassVar[str] = ""

    def factory(self, stemmer):
        return getattr(importlib.import_module(f"sumy.summarizers.{self.module}"), self.cls)(stemmer)

    def configure(self, summarizer, doc: ParsedDocument) -> None:
        summarizer.stop_words = doc.stop_words

    def rate(self, doc: ParsedDocument) -> list[float]:
        summarizer = self.factory(doc.stemmer)
        self.configure(summarizer, doc)
        sentences = doc.sumy_document.sentences
        captured: list[float] = []

        # Every sumy summariser ends with _get_best_sentences(sentences, count,
        # rating, ...): capture the rating of each sentence instead of letting
        # sumy cut the list, so that length, de-duplication and ties are
        # handled the same way for every algorithm.
        def capture(sentence_list, count, rating, *args, **kwargs):
            rate = rating.__getitem__ if isinstance(rating, dict) else (lambda s: rating(s, *args, **kwargs))
            captured.extend(float(rate(s)) for s in sentence_list)
            return tuple(sentence_list)

        summarizer._get_best_sentences = capture
        summarizer(doc.sumy_document, len(sentences))
        if len(captured) != len(doc):
            raise RuntimeError(f"{self.name} rated {len(captured)} of {len(doc)} sentences")
        return captured


class SumyLsaSummariser(SumySummariser):
    name = "lsa"
    description = "sumy's LSA: latent semantic analysis (SVD) of the term-sentence matrix"
    module, cls = "lsa", "LsaSummarizer"
    max_sentences = 3000


class SumyLuhnSummariser(SumySummariser):
    name = "luhn"
    description = "sumy's Luhn: clusters of significant words"
    module, cls = "luhn", "LuhnSummarizer"


class EdmundsonSummariser(SumySummariser):
    name = "edmundson"
    description = "sumy's Edmundson: cue words, key words, title words and location"
    module, cls = "edmundson", "EdmundsonSummarizer"

    # Words that mark a sentence as hedged or off to the side (Edmundson's "stigma" words).
    STIGMA_WORDS = ("hardly", "impossible", "perhaps", "maybe", "reportedly", "allegedly", "unclear")

    def configure(self, summarizer, doc: ParsedDocument) -> None:
        title_words = [w.lower() for w in doc.tokenizer.to_words(doc.title) if w.lower() not in doc.stop_words]
        summarizer.null_words = doc.stop_words
        summarizer.bonus_words = title_words or ["important"]
        summarizer.stigma_words = self.STIGMA_WORDS


# The references for briefkit's vectorised versions (fast.py), which select the same sentences.

class SumyLexRankSummariser(SumySummariser):
    name = "sumy-lexrank"
    description = "sumy's LexRank: centrality in a sentence-similarity graph" + REFERENCE_NOTE
    module, cls = "lex_rank", "LexRankSummarizer"
    max_sentences = 1000


class SumyTextRankSummariser(SumySummariser):
    name = "sumy-textrank"
    description = "sumy's TextRank: PageRank on word overlap" + REFERENCE_NOTE
    module, cls = "text_rank", "TextRankSummarizer"
    max_sentences = 1000


class SumyReductionSummariser(SumySummariser):
    name = "sumy-reduction"
    description = "sumy's Reduction: graph of sentence similarity weights" + REFERENCE_NOTE
    module, cls = "reduction", "ReductionSummarizer"
    max_sentences = 1000


class SumyKLSummariser(SumySummariser):
    name = "sumy-kl"
    description = "sumy's KL-Sum: greedy KL-divergence to the document's word distribution" + REFERENCE_NOTE
    module, cls = "kl", "KLSummarizer"
    max_sentences = 300


class SumySumBasicSummariser(SumySummariser):
    name = "sumy-sumbasic"
    description = "sumy's SumBasic: word frequency with re-weighting" + REFERENCE_NOTE
    module, cls = "sum_basic", "SumBasicSummarizer"
    max_sentences = 2000
