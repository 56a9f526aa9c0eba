"""NLTK's Treebank-style word tokeniser, run on Python's own ``re`` engine.

Since 3.10 NLTK compiles every pattern with the third-party ``regex`` engine and runs
each match under a wall-clock timeout (nltk.redos), a defence against patterns
supplied by callers. The word tokeniser's patterns are NLTK's own fixed, linear
patterns, but the wrapper costs about 0.4 ms a sentence: half a minute for a book.
This subclass keeps NLTK's patterns and its ``tokenize`` code exactly and only
compiles the same pattern sources with ``re`` (Python >= 3.11 supports the
possessive quantifier one of them uses). tests/compat/test_wordtokens.py checks that
the tokens are identical on thousands of real sentences.
"""

from __future__ import annotations

import re

from .nltk import import_nltk

import_nltk()
from nltk.tokenize import NLTKWordTokenizer  # noqa: E402 - after import_nltk, which keeps it lean

_FLAGS = re.IGNORECASE | re.UNICODE | re.MULTILINE | re.DOTALL | re.VERBOSE


def _plain(pattern):
    source = getattr(pattern, "pattern", pattern)
    return re.compile(source, int(getattr(pattern, "flags", 0)) & _FLAGS)


def _plain_pairs(pairs):
    return [(_plain(pattern), substitution) for pattern, substitution in pairs]


class PlainReWordTokenizer(NLTKWordTokenizer):
    """``NLTKWordTokenizer`` with its patterns compiled by ``re`` instead of ``regex``."""

    STARTING_QUOTES = _plain_pairs(NLTKWordTokenizer.STARTING_QUOTES)
    ENDING_QUOTES = _plain_pairs(NLTKWordTokenizer.ENDING_QUOTES)
    PUNCTUATION = _plain_pairs(NLTKWordTokenizer.PUNCTUATION)
    PARENS_BRACKETS = (_plain(NLTKWordTokenizer.PARENS_BRACKETS[0]), NLTKWordTokenizer.PARENS_BRACKETS[1])
    CONVERT_PARENTHESES = _plain_pairs(NLTKWordTokenizer.CONVERT_PARENTHESES)
    DOUBLE_DASHES = (_plain(NLTKWordTokenizer.DOUBLE_DASHES[0]), NLTKWordTokenizer.DOUBLE_DASHES[1])
    CONTRACTIONS2 = [_plain(p) for p in NLTKWordTokenizer.CONTRACTIONS2]
    CONTRACTIONS3 = [_plain(p) for p in NLTKWordTokenizer.CONTRACTIONS3]
