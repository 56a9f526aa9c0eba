"""A document prepared once for every algorithm: its sentences, words, stems and sumy model.

Everything beyond the sentences is computed on first use and kept, so the summarisers, the
selection and the reading-level estimate share one tokenisation and one stemming of the text.
"""

from __future__ import annotations

import math
from functools import cached_property

from .tokenize import OfflineTokenizer

# The document's grade is estimated from at most this many sentences, evenly spread.
LEVEL_SAMPLE = 500


class ParsedDocument:
    """Sentences of a document, with the words and sumy model built lazily."""

    def __init__(self, paragraphs: list[str], title: str = "", language: str = "english"):
        self.language = language
        self.title = title
        self.tokenizer = OfflineTokenizer(language)
        self.sentences: list[str] = []
        self.paragraph_of: list[int] = []
        for p_index, paragraph in enumerate(paragraphs):
            for sentence in self.tokenizer.to_sentences(paragraph):
                self.sentences.append(sentence)
                self.paragraph_of.append(p_index)
        self.paragraph_count = len(paragraphs)

    def __len__(self) -> int:
        return len(self.sentences)

    @cached_property
    def words(self) -> list[tuple[str, ...]]:
        return [self.tokenizer.to_words(s) for s in self.sentences]

    def words_of(self, i: int) -> tuple[str, ...]:
        if "words" in self.__dict__:
            return self.words[i]
        return self.tokenizer.to_words(self.sentences[i])

    @cached_property
    def word_counts(self) -> list[int]:
        return [len(s.split()) for s in self.sentences]

    @cached_property
    def stop_words(self) -> frozenset[str]:
        from sumy.utils import get_stop_words

        try:
            return frozenset(get_stop_words(self.language))
        except LookupError:
            return frozenset()

    @cached_property
    def stemmer(self):
        from ..compat.nltk import import_nltk

        import_nltk()  # sumy's stemmers import nltk: import it without its optional parts first
        from sumy.nlp.stemmers import Stemmer

        return Stemmer(self.language)

    @cached_property
    def estimated_grade(self) -> float:
        """The headline grade from per-sentence counts of at most LEVEL_SAMPLE sentences, evenly
        spread: what keep_level aims at, computed once for the short and the medium summary."""
        import numpy as np

        from ..measure import grade_counts, grades_from_counts

        step = max(1, math.ceil(len(self) / LEVEL_SAMPLE))
        return float(grades_from_counts(np.sum([grade_counts(s) for s in self.sentences[::step]], axis=0))[0])

    @cached_property
    def content_stems(self) -> list[frozenset[str]]:
        """Stemmed words that are not stop words, per sentence."""
        return [frozenset(stems) for stems in stem_rows(self)]

    @cached_property
    def sumy_document(self):
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

        grouped: dict[int, list] = {}
        for sentence, p_index in zip(self.sentences, self.paragraph_of):
            grouped.setdefault(p_index, []).append(Sentence(sentence, self.tokenizer))
        return ObjectDocumentModel(tuple(Paragraph(grouped[i]) for i in sorted(grouped)))


def stem_rows(doc: ParsedDocument) -> list[list[str]]:
    """Per sentence, sumy's ``_to_words_set``: lower-cased words minus stop words, stemmed.

    Stems are memoised per distinct word: Snowball is the slow part of sumy's
    preparation and a long document repeats its words many times.
    """
    cached = doc.__dict__.get("_stem_rows")
    if cached is not None:
        return cached
    stop = frozenset(w.lower() for w in doc.stop_words)
    stemmer = doc.stemmer
    memo = _stem_memo(doc.language)
    rows: list[list[str]] = []
    for words in doc.words:
        row = []
        for word in words:
            word = word.lower()
            if word in stop:
                continue
            stem = memo.get(word)
            if stem is None:
                stem = memo[word] = stemmer(word)
            row.append(stem)
        rows.append(row)
    doc.__dict__["_stem_rows"] = rows
    return rows


_STEM_MEMOS: dict[str, dict[str, str]] = {}


STEM_MEMO_LIMIT = 500_000  # distinct words remembered per language and process


def _stem_memo(language: str) -> dict[str, str]:
    """Word -> stem, shared by the documents of a batch (Snowball is deterministic)."""
    memo = _STEM_MEMOS.setdefault(language, {})
    if len(memo) > STEM_MEMO_LIMIT:
        memo.clear()
    return memo
