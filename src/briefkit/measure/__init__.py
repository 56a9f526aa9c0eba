"""Stage 3, measure: readability of a text, in numbers and in plain words.

The formulas are textstat's, one table of them (:mod:`.formulas`); what briefkit adds is a headline
grade, a band a reader understands without knowing any formula (:mod:`.grade`), and the hardest
sentences.
"""

from __future__ import annotations

import re

import math

from ..compat.textstat import textstat
from ..model import HardSentence, Readability
from . import formulas
from .formulas import FORMULAS, Formula
from .grade import (EASE_BANDS, GRADE_BANDS, GRADE_COUNTS, ease_band, grade_band, grade_counts, grades_from_counts,
                    headline_grade)

__all__ = ["EASE_BANDS", "FORMULAS", "Formula", "GRADE_BANDS", "GRADE_COUNTS", "ease_band", "grade_band",
           "grade_counts", "grades_from_counts", "hardest_sentences", "headline_grade", "measure", "textstat"]

HARDEST_SENTENCES = 3
# A six-word line has a grade that says more about one long word than about the writing
# ("Responsible Testing: When testing potential vulnerabilities:" scores 22).
MIN_WORDS_FOR_HARDEST = 8


def _finite(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return round(number, 2) if math.isfinite(number) else None


def score(formula: Formula, text: str) -> float | None:
    """One formula's value for ``text``, rounded to two places; None where it gives no number."""
    return _finite(getattr(textstat(), formula.function)(text, **dict(formula.options)))


# No word is longer than this; a longer token (a megabyte without a space) is measured as its first
# characters, because hyphenating one token (pyphen, for syllables) is super-linear in its length.
MAX_WORD_CHARS = 64
_OVERLONG_TOKEN = re.compile(r"\S{%d,}" % (MAX_WORD_CHARS + 1))


def measure(text: str, sentence_count: int | None = None) -> Readability:
    """Readability of ``text``: every formula of the table. ``sentence_count`` overrides textstat's regex count."""
    ts = textstat()
    if len(text) > MAX_WORD_CHARS:
        text = _OVERLONG_TOKEN.sub(lambda m: m.group()[:MAX_WORD_CHARS], text)
    words = int(ts.lexicon_count(text)) if text.strip() else 0
    if words == 0:
        return Readability(None, grade_band(None), ease_band(None), {f.key: None for f in formulas.FORMULAS}, 0, 0,
                           0, 0, None, 0.0, enough_text=False)
    sentences = sentence_count if sentence_count is not None else int(ts.sentence_count(text))
    difficult = int(ts.difficult_words(text))
    # The table is read through its module at every call, so a formula added to it is measured.
    scores = {f.key: score(f, text) for f in formulas.FORMULAS}
    grade = headline_grade([scores[f.key] for f in formulas.FORMULAS if f.headline])
    return Readability(
        grade=grade,
        band=grade_band(grade),
        ease_band=ease_band(scores["flesch_reading_ease"]),
        scores=scores,
        words=words,
        sentences=sentences,
        syllables=int(ts.syllable_count(text)),
        difficult_words=difficult,
        difficult_word_share=round(difficult / words, 4) if words else None,
        reading_time_seconds=round(float(ts.reading_time(text)), 1),
        enough_text=words >= 10,
    )


def hardest_sentences(sentences: list[str], count: int = HARDEST_SENTENCES) -> list[HardSentence]:
    """The ``count`` sentences with the highest Flesch-Kincaid grade, hardest first."""
    ts = textstat()
    graded: list[HardSentence] = []
    for index, sentence in enumerate(sentences):
        words = len(sentence.split())
        if words < MIN_WORDS_FOR_HARDEST or sentence.rstrip().endswith(":"):
            continue  # too short to grade, or the lead-in to a list rather than a sentence
        grade = _finite(ts.flesch_kincaid_grade(sentence))
        if grade is not None:
            graded.append(HardSentence(index, sentence, grade, words))
    graded.sort(key=lambda h: (-h.grade, h.index))
    return graded[:count]
