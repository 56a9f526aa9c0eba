"""Grades: the headline grade, the bands a reader understands, and the grade of any set of sentences
from counts that add up."""

from __future__ import annotations

import math

from ..compat.textstat import textstat

# Grade level (US school years) to a band a reader understands. Upper bounds.
GRADE_BANDS: tuple[tuple[float, str, str], ...] = (
    (5.0, "Very easy", "primary school"),
    (8.0, "Easy", "middle school"),
    (10.0, "Plain", "early high school"),
    (12.0, "Fairly difficult", "late high school"),
    (16.0, "Difficult", "college level"),
    (math.inf, "Very difficult", "graduate level"),
)

# Flesch reading ease, the other way round: higher is easier. Lower bounds.
EASE_BANDS: tuple[tuple[float, str], ...] = (
    (90, "Very easy"), (80, "Easy"), (70, "Fairly easy"), (60, "Plain English"),
    (50, "Fairly difficult"), (30, "Difficult"), (-math.inf, "Very difficult"),
)


def grade_band(grade: float | None) -> str:
    if grade is None:
        return "Not enough text"
    for upper, name, level in GRADE_BANDS:
        if grade <= upper:
            return f"{name}: {level}"
    raise AssertionError("unreachable")


def ease_band(ease: float | None) -> str:
    if ease is None:
        return "Not enough text"
    for lower, name in EASE_BANDS:
        if ease >= lower:
            return name
    raise AssertionError("unreachable")


def headline_grade(grades: list[float | None]) -> float | None:
    """The grade briefkit reports: the median of the grade-level formulas that gave a number.

    Measured on the same articles rewritten at three reading levels (docs/benchmarks.md, issue 3),
    the median of Flesch-Kincaid, Gunning fog, SMOG, Coleman-Liau and ARI puts the levels in order
    for 98.7% of articles; textstat's consensus (``text_standard``) does so for only 42%, because it
    rounds every formula to a whole grade and takes the most common one (including Linsear Write,
    which orders the levels for 58%), so a one-grade difference between texts is mostly lost. The
    median keeps the resolution and ignores one formula that goes astray (SMOG on a short text).
    """
    known = sorted(g for g in grades if g is not None)
    if not known:
        return None
    middle = len(known) // 2
    value = known[middle] if len(known) % 2 else (known[middle - 1] + known[middle]) / 2
    return round(value, 2)


# --------------------------------------------------------------------------- #
# The headline grade of any set of sentences, from counts that add up.
#
# Every formula in the headline grade is a ratio of counts (words, sentences, syllables, ...), so
# counting each sentence once lets the summariser compare the grades of many candidate summaries
# by arithmetic instead of re-measuring each text (summarisers/selection.py, keep_reading_level).

GRADE_COUNTS = ("words", "sentences", "syllables", "polysyllables", "letters", "characters", "tokens",
                "hard_words")


def grade_counts(text: str) -> tuple[int, ...]:
    """The counts in :data:`GRADE_COUNTS` for ``text``, exactly as textstat's formulas count them."""
    ts = textstat()
    return (int(ts.lexicon_count(text)), int(ts.sentence_count(text)), int(ts.syllable_count(text)),
            int(ts.polysyllabcount(text)), int(ts.letter_count(text)), int(ts.char_count(text)),
            int(ts.lexicon_count(text, removepunct=False)),
            # Gunning fog's "complex words": three syllables or more, not easy, every occurrence.
            int(ts.difficult_words(text, syllable_threshold=3, unique=False)))


def grades_from_counts(totals):
    """Headline grade (median of FK, fog, SMOG, Coleman-Liau, ARI) for each row of summed counts.

    The same formulas as textstat's, so for a text the result matches :func:`measure`'s ``grade``
    up to textstat counting a whole text slightly differently from its sentences one by one.
    """
    import numpy as np

    totals = np.atleast_2d(np.asarray(totals, dtype=float))
    words, sentences, syllables, polysyllables, letters, characters, tokens, hard = totals.T
    words, sentences, tokens = (np.maximum(a, 1.0) for a in (words, sentences, tokens))
    per_sentence = words / sentences
    formulas = np.stack([
        0.39 * per_sentence + 11.8 * syllables / words - 15.59,  # Flesch-Kincaid
        0.4 * (per_sentence + 100.0 * hard / words),  # Gunning fog
        1.043 * np.sqrt(30.0 * polysyllables / sentences) + 3.1291,  # SMOG
        0.058 * 100.0 * letters / words - 0.296 * 100.0 * sentences / words - 15.8,  # Coleman-Liau
        4.71 * characters / tokens + 0.5 * per_sentence - 21.43,  # ARI
    ])
    return np.median(formulas, axis=0)
