"""Stage 3, measure: readability of a text, in numbers and in plain words.

The formulas are textstat's; what briefkit adds is a headline grade, a band a
reader understands without knowing any formula, and the hardest sentences.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from .nlp import textstat as _provisioned_textstat


def textstat():
    """textstat, offline, with per-word caches large enough for long texts (same numbers)."""
    from .textstat_cache import widen_word_caches

    module = _provisioned_textstat()
    widen_word_caches()
    return module

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

HARDEST_SENTENCES = 3
# A six-word line has a grade that says more about one long word than about the writing
# ("Responsible Testing: When testing potential vulnerabilities:" scores 22).
MIN_WORDS_FOR_HARDEST = 8


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


@dataclass
class Readability:
    """All metrics of one text. ``grade`` is the headline figure shown in the report."""

    grade: float | None
    band: str
    flesch_reading_ease: float | None
    ease_band: str
    flesch_kincaid_grade: float | None
    gunning_fog: float | None
    smog_index: float | None
    coleman_liau_index: float | None
    automated_readability_index: float | None
    dale_chall_score: float | None
    linsear_write: float | None
    consensus_grade: float | None
    words: int
    sentences: int
    syllables: int
    difficult_words: int
    difficult_word_share: float | None
    reading_time_seconds: float
    enough_text: bool = True

    def to_dict(self) -> dict:
        return asdict(self)


def _finite(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return round(number, 2) if math.isfinite(number) else None


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


def measure(text: str, sentence_count: int | None = None) -> Readability:
    """Readability of ``text``. ``sentence_count`` overrides textstat's regex count."""
    ts = textstat()
    words = int(ts.lexicon_count(text)) if text.strip() else 0
    if words == 0:
        return Readability(None, grade_band(None), None, ease_band(None), None, None, None, None, None,
                           None, None, None, 0, 0, 0, 0, None, 0.0, enough_text=False)
    sentences = sentence_count if sentence_count is not None else int(ts.sentence_count(text))
    difficult = int(ts.difficult_words(text))
    consensus = _finite(ts.text_standard(text, float_output=True))
    ease = _finite(ts.flesch_reading_ease(text))
    flesch_kincaid = _finite(ts.flesch_kincaid_grade(text))
    fog = _finite(ts.gunning_fog(text))
    smog = _finite(ts.smog_index(text))
    coleman_liau = _finite(ts.coleman_liau_index(text))
    ari = _finite(ts.automated_readability_index(text))
    grade = headline_grade([flesch_kincaid, fog, smog, coleman_liau, ari])
    return Readability(
        grade=grade,
        band=grade_band(grade),
        flesch_reading_ease=ease,
        ease_band=ease_band(ease),
        flesch_kincaid_grade=flesch_kincaid,
        gunning_fog=fog,
        smog_index=smog,
        coleman_liau_index=coleman_liau,
        automated_readability_index=ari,
        dale_chall_score=_finite(ts.dale_chall_readability_score(text)),
        linsear_write=_finite(ts.linsear_write_formula(text)),
        consensus_grade=consensus,
        words=words,
        sentences=sentences,
        syllables=int(ts.syllable_count(text)),
        difficult_words=difficult,
        difficult_word_share=round(difficult / words, 4) if words else None,
        reading_time_seconds=round(float(ts.reading_time(text)), 1),
        enough_text=words >= 10,
    )


# --------------------------------------------------------------------------- #
# The headline grade of any set of sentences, from counts that add up.
#
# Every formula in the headline grade is a ratio of counts (words, sentences, syllables, ...), so
# counting each sentence once lets the summariser compare the grades of many candidate summaries
# by arithmetic instead of re-measuring each text (summarise.py, keep_reading_level).

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


@dataclass
class HardSentence:
    index: int
    text: str
    grade: float
    words: int


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
