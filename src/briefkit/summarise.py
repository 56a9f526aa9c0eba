"""Stage 2, summarise: extractive summaries of a document.

Every algorithm is one small class with one method, ``rate``, that gives each
sentence a score (higher is better), in the manner of sumy's summarisers; the
selection (how many sentences, no near-duplicates, original order) is shared
by all of them in :func:`summarise`. sumy's own classes are wrapped, not
re-implemented, so ``--algorithm lexrank`` means exactly sumy's LexRank.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, ClassVar

from .errors import UsageError
from .nlp import OfflineTokenizer

# --------------------------------------------------------------------------- #
# Lengths: "3" sentences, "20%" of the sentences, "120w" words.


@dataclass(frozen=True)
class Length:
    kind: str  # "sentences", "ratio" or "words"
    value: float

    _PATTERN: ClassVar[re.Pattern] = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%|w|words?|s|sentences?)?\s*$", re.I)

    @classmethod
    def parse(cls, spec: str | int | "Length") -> "Length":
        if isinstance(spec, Length):
            return spec
        match = cls._PATTERN.match(str(spec))
        if not match:
            raise UsageError(
                f"invalid summary length {spec!r}: use a number of sentences (3), "
                "a percentage of the document (20%) or a word budget (120w)"
            )
        number, unit = float(match.group(1)), (match.group(2) or "").lower()
        if unit == "%":
            if not 0 < number <= 100:
                raise UsageError(f"invalid summary length {spec!r}: a percentage must be between 0 and 100")
            return cls("ratio", number / 100)
        if number < 1 or number != int(number):
            raise UsageError(f"invalid summary length {spec!r}: use a whole number of at least 1")
        return cls("words" if unit.startswith("w") else "sentences", int(number))

    def __str__(self) -> str:
        if self.kind == "ratio":
            return f"{self.value * 100:g}%"
        if self.kind == "words":
            return f"{int(self.value)}w"
        return str(int(self.value))

    def describe(self) -> str:
        """For readers: "3 sentences", "20% of the sentences", "120 words"."""
        if self.kind == "ratio":
            return f"{self} of the sentences"
        if self.kind == "words":
            return f"{int(self.value)} words"
        return f"{int(self.value)} sentence{'s' if self.value != 1 else ''}"

    def sentence_count(self, total: int) -> int:
        """Sentences to select from a document of ``total`` sentences."""
        if self.kind == "ratio":
            return max(1, math.ceil(total * self.value))
        if self.kind == "words":
            return total  # limited by words instead, in select()
        return int(self.value)


# --------------------------------------------------------------------------- #
# A document prepared once for every algorithm.


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
        from .nlp import import_nltk

        import_nltk()  # sumy's stemmers import nltk: import it without its optional parts first
        from sumy.nlp.stemmers import Stemmer

        return Stemmer(self.language)

    @cached_property
    def estimated_grade(self) -> float:
        """The headline grade from per-sentence counts of at most LEVEL_SAMPLE sentences, evenly
        spread: what keep_level aims at, computed once for the short and the medium summary."""
        import numpy as np

        from .measure import grade_counts, grades_from_counts

        step = max(1, math.ceil(len(self) / LEVEL_SAMPLE))
        return float(grades_from_counts(np.sum([grade_counts(s) for s in self.sentences[::step]], axis=0))[0])

    @cached_property
    def content_stems(self) -> list[frozenset[str]]:
        """Stemmed words that are not stop words, per sentence."""
        from .fast import content_stems  # the same words, each distinct word stemmed once

        return [frozenset(stems) for stems in content_stems(self)]

    @cached_property
    def sumy_document(self):
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

        grouped: dict[int, list] = {}
        for sentence, p_index in zip(self.sentences, self.paragraph_of):
            grouped.setdefault(p_index, []).append(Sentence(sentence, self.tokenizer))
        return ObjectDocumentModel(tuple(Paragraph(grouped[i]) for i in sorted(grouped)))


# --------------------------------------------------------------------------- #
# Algorithms.


class Summariser:
    """One algorithm: ``rate`` scores every sentence, higher is better."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    # Sentences the algorithm can rate in a few seconds; None when it is linear.
    # Quadratic (or worse) algorithms would hang on a book-length document.
    max_sentences: ClassVar[int | None] = None

    def rate(self, doc: ParsedDocument) -> list[float]:
        raise NotImplementedError


class LeadSummariser(Summariser):
    name = "lead"
    description = "the first sentences of the document (the classic news baseline)"

    def rate(self, doc: ParsedDocument) -> list[float]:
        return [-float(i) for i in range(len(doc))]


class SumySummariser(Summariser):
    """Wraps one of sumy's summarisers and reads back its sentence ratings."""

    factory: ClassVar[Callable[[object], object]]

    def configure(self, summarizer, doc: ParsedDocument) -> None:
        summarizer.stop_words = doc.stop_words

    def rate(self, doc: ParsedDocument) -> list[float]:
        summarizer = type(self).factory(doc.stemmer)
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


def _sumy(name: str, module: str, cls: str, description: str,
          max_sentences: int | None = None) -> type[SumySummariser]:
    def factory(stemmer, _module=module, _cls=cls):
        import importlib

        return getattr(importlib.import_module(f"sumy.summarizers.{_module}"), _cls)(stemmer)

    return type(f"Sumy{cls}", (SumySummariser,), {"name": name, "factory": staticmethod(factory),
                                                  "description": description, "max_sentences": max_sentences})


class EdmundsonSummariser(SumySummariser):
    name = "edmundson"
    description = "sumy's Edmundson: cue words, key words, title words and location"

    # Words that mark a sentence as hedged or off to the side (Edmundson's "stigma" words).
    STIGMA_WORDS = ("hardly", "impossible", "perhaps", "maybe", "reportedly", "allegedly", "unclear")

    @staticmethod
    def factory(stemmer):
        from sumy.summarizers.edmundson import EdmundsonSummarizer

        return EdmundsonSummarizer(stemmer)

    def configure(self, summarizer, doc: ParsedDocument) -> None:
        title_words = [w.lower() for w in doc.tokenizer.to_words(doc.title) if w.lower() not in doc.stop_words]
        summarizer.null_words = doc.stop_words
        summarizer.bonus_words = title_words or ["important"]
        summarizer.stigma_words = self.STIGMA_WORDS


ALGORITHMS: dict[str, type[Summariser]] = {
    "lead": LeadSummariser,
    "lexrank": _sumy("lexrank", "lex_rank", "LexRankSummarizer", "sumy's LexRank: centrality in a sentence-similarity graph",
                     max_sentences=1000),
    "lsa": _sumy("lsa", "lsa", "LsaSummarizer", "sumy's LSA: latent semantic analysis (SVD) of the term-sentence matrix",
                 max_sentences=3000),
    "luhn": _sumy("luhn", "luhn", "LuhnSummarizer", "sumy's Luhn: clusters of significant words"),
    "textrank": _sumy("textrank", "text_rank", "TextRankSummarizer", "sumy's TextRank: PageRank on word overlap",
                      max_sentences=1000),
    "kl": _sumy("kl", "kl", "KLSummarizer", "sumy's KL-Sum: greedy KL-divergence to the document's word distribution",
                max_sentences=300),
    "sumbasic": _sumy("sumbasic", "sum_basic", "SumBasicSummarizer", "sumy's SumBasic: word frequency with re-weighting",
                      max_sentences=2000),
    "edmundson": EdmundsonSummariser,
    "reduction": _sumy("reduction", "reduction", "ReductionSummarizer", "sumy's Reduction: graph of sentence similarity weights",
                       max_sentences=1000),
}


def _register_briefkit() -> None:
    # briefkit's own summariser lives in centrality.py; registered here so every name is in one table.
    from .centrality import CentralitySummariser

    ALGORITHMS[CentralitySummariser.name] = CentralitySummariser


_register_briefkit()

# docs/benchmarks.md (issue 3): the best row but the oracle on CNN/DailyMail (level with lead); on
# BBC above lead, lexrank and the other sumy rows except textrank and reduction.
DEFAULT_ALGORITHM = "briefkit"


# The plain names run briefkit's vectorised versions (fast.py), which select the same
# sentences; sumy's own classes stay selectable as "sumy-<name>", the reference.
# fast.py registers itself in ALGORITHMS when it is imported (it needs this module first).
from . import fast as _fast  # noqa: E402,F401


def get_summariser(name: str) -> Summariser:
    try:
        return ALGORITHMS[name.lower()]()
    except KeyError:
        raise UsageError(f"unknown algorithm {name!r}; choose one of: {', '.join(sorted(ALGORITHMS))}") from None


# --------------------------------------------------------------------------- #
# Selection.

NEAR_DUPLICATE_SIMILARITY = 0.5
MAX_SUMMARY_SENTENCES = 500  # longer is no longer a summary, and selection would slow down quadratically
MIN_FILL_WORDS = 4  # the shortest sentence that may fill the rest of a word budget


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine similarity of two sets of stemmed content words."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def is_near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    # Two sentences that share half their content words (by cosine) say the
    # same thing for a reader; the seed's first two sentences score 0.58.
    return similarity(a, b) >= NEAR_DUPLICATE_SIMILARITY


@dataclass
class Summary:
    algorithm: str
    length: str
    indices: list[int]
    sentences: list[str]
    complete: bool = False  # the document was no longer than the request
    note: str = ""
    fallback_from: str = ""

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    @property
    def words(self) -> int:
        return sum(len(s.split()) for s in self.sentences)


def select(doc: ParsedDocument, scores: list[float], length: Length, keep_reading_level: bool = False) -> list[int]:
    """Best-rated sentences first, skipping near-duplicates, back in document order.

    Ties keep document order (the earlier sentence wins), exactly as sumy's
    stable sort does. With ``keep_reading_level`` a few lower-rated sentences
    may replace rated ones so that the summary reads at the document's grade
    (:func:`keep_level`); word budgets ("120w") are left as they are.
    """
    # The near-duplicate check compares each candidate with every chosen
    # sentence; capping the count keeps "20%" of a book from going quadratic.
    count = min(length.sentence_count(len(doc)), MAX_SUMMARY_SENTENCES)
    level = keep_reading_level and length.kind != "words" and 1 < count < len(doc)
    ranked = _best_distinct(doc, scores, count + LEVEL_CANDIDATES if level else count, length)
    if level and len(ranked) > count:
        return sorted(keep_level(doc, ranked, count))
    return sorted(ranked[:count])


def _best_distinct(doc: ParsedDocument, scores: list[float], count: int, length: Length) -> list[int]:
    """Up to ``count`` sentences in order of score, none a near-duplicate of a better one."""
    safe = [s if isinstance(s, float) and math.isfinite(s) else -math.inf for s in scores]
    order = sorted(range(len(doc)), key=lambda i: safe[i], reverse=True)
    chosen: list[int] = []
    words = 0
    budget = int(length.value) if length.kind == "words" else None
    # A word budget is topped up with whatever still fits, so a fragment that sentence splitting left
    # behind ("syntax." after "use //!") would get in; only a sentence of some length may fill the rest.
    shortest = min((c for c in doc.word_counts if c >= MIN_FILL_WORDS), default=0) if budget is not None else 0
    # Stems of the sentences looked at only: on a book-length document the
    # few candidates of a summary are cheap, stemming every sentence is not.
    stems = doc.__dict__.get("content_stems") or _LazyStems(doc)
    chosen_texts: set[str] = set()
    for i in order:
        if len(chosen) >= count or (budget is not None and chosen and budget - words < shortest):
            break
        # Sentences without content words ("Yes.", "2024.") have no stems to
        # compare, so a repeated one is caught by its text.
        text = _same_text_key(doc.sentences[i])
        if text in chosen_texts or any(is_near_duplicate(stems[i], stems[j]) for j in chosen):
            continue
        if budget is not None and chosen and (words + doc.word_counts[i] > budget
                                              or doc.word_counts[i] < MIN_FILL_WORDS):
            continue
        chosen_texts.add(text)
        chosen.append(i)
        words += doc.word_counts[i]
    return chosen


# Keeping the reading level (docs/benchmarks.md, issue 3). Three sentences picked for their content
# read on average 3.4 grades harder than their source (they are the long, dense ones), and even three
# sentences picked at random are 2.1 grades off: too few for sentence-length formulas. So the level
# has to be chosen for: among the best ranked sentences plus LEVEL_CANDIDATES more, pick the set
# that keeps the best sentence and minimises
#     sum of ranks + LEVEL_WEIGHT * max(0, |grade(set) - grade(document)| - LEVEL_TOLERANCE).
# One grade beyond the tolerance is worth LEVEL_WEIGHT rank steps. Tuned on the leveled texts (the
# drift) against ROUGE on the two news sets, coarse grid (candidates 3-12, weight 2-5, tolerance
# 0.5-1): more than 9 candidates changed nothing; the drift stays 13% under its goal.
LEVEL_CANDIDATES = 9
LEVEL_WEIGHT = 3.0
LEVEL_TOLERANCE = 0.75
# The document's grade is estimated from at most this many sentences, evenly spread.
LEVEL_SAMPLE = 500
# Above this many candidate sets, a local search (best single swap, repeated) replaces trying all.
LEVEL_EXHAUSTIVE = 5000


def keep_level(doc: ParsedDocument, ranked: list[int], count: int) -> list[int]:
    """``count`` of the ``ranked`` sentences (best first), keeping the first, at the document's grade."""
    import numpy as np

    from .measure import grade_counts, grades_from_counts

    target = doc.estimated_grade
    counts = np.array([grade_counts(doc.sentences[i]) for i in ranked], dtype=float)

    def cost(totals: np.ndarray, rank_sums: np.ndarray) -> np.ndarray:
        off = np.abs(grades_from_counts(totals) - target)
        return rank_sums + LEVEL_WEIGHT * np.maximum(0.0, off - LEVEL_TOLERANCE)

    if math.comb(len(ranked) - 1, count - 1) <= LEVEL_EXHAUSTIVE:
        sets = np.array([(0, *c) for c in itertools.combinations(range(1, len(ranked)), count - 1)])
        best = sets[int(np.argmin(cost(counts[sets].sum(axis=1), sets.sum(axis=1))))]  # ties: better ranks
        return [ranked[int(p)] for p in best]
    # Local search: the best single swap of a chosen sentence (not the first) for an unchosen one,
    # while it lowers the cost. Each swap's totals are the current totals minus one row plus another,
    # so a step costs (count x LEVEL_CANDIDATES) rows, however long the summary.
    best = np.arange(count)
    total, rank_sum = counts[:count].sum(axis=0), float(count * (count - 1) / 2)
    current = float(cost(total[None], np.array([rank_sum]))[0])
    for _ in range(count * LEVEL_CANDIDATES):
        outside = np.setdiff1d(np.arange(len(ranked)), best)
        leaving = np.repeat(np.arange(1, count), outside.size)  # slots in ``best``
        entering = np.tile(outside, count - 1)
        costs = cost(total - counts[best[leaving]] + counts[entering], rank_sum - best[leaving] + entering)
        pick = int(np.argmin(costs))
        if costs[pick] >= current - 1e-12:
            break
        total = total - counts[best[leaving[pick]]] + counts[entering[pick]]
        rank_sum += float(entering[pick] - best[leaving[pick]])
        best[leaving[pick]] = entering[pick]
        current = float(costs[pick])
    return [ranked[int(p)] for p in best]


def _same_text_key(sentence: str) -> str:
    return " ".join(sentence.split()).casefold()


class _LazyStems:
    """``doc.content_stems[i]``, computed for the indices asked for only."""

    def __init__(self, doc: ParsedDocument):
        self.doc, self.cache = doc, {}

    def __getitem__(self, i: int) -> frozenset[str]:
        if i not in self.cache:
            stop, stem = self.doc.stop_words, self.doc.stemmer
            self.cache[i] = frozenset(stem(w.lower()) for w in self.doc.words_of(i) if w.lower() not in stop)
        return self.cache[i]


def summarise(doc: ParsedDocument, lengths: "list[Length | str]", algorithm: str = DEFAULT_ALGORITHM,
              keep_reading_level: bool = False) -> list[Summary]:
    """Rate the sentences once, then select one summary per requested length (see :func:`select`)."""
    summariser = get_summariser(algorithm)
    parsed_lengths = [Length.parse(length) for length in lengths]
    if len(doc) == 0:
        return [Summary(summariser.name, str(length), [], [], complete=True, note="no sentences")
                for length in parsed_lengths]
    scores, fallback_from = rate(doc, summariser)
    summaries = []
    for length in parsed_lengths:
        indices = select(doc, scores, length, keep_reading_level)
        # Complete when every distinct sentence is in (a repeated sentence is given once).
        complete = len(indices) == len({_same_text_key(s) for s in doc.sentences})
        summaries.append(Summary(
            algorithm="lead" if fallback_from else summariser.name,
            length=str(length),
            indices=indices,
            sentences=[doc.sentences[i] for i in indices],
            complete=complete,
            note="the document is no longer than the requested summary" if complete else "",
            fallback_from=fallback_from,
        ))
    return summaries


def rate(doc: ParsedDocument, summariser: Summariser) -> tuple[list[float], str]:
    """Scores from ``summariser``; falls back to lead when the algorithm cannot cope.

    Some sumy algorithms fail on degenerate text (one sentence, no words that
    are not stop words); the user still gets a summary, and the summary says
    which algorithm produced it.
    """
    if len(doc) == 1:
        return [0.0], ""
    limit = summariser.max_sentences
    if limit is not None and len(doc) > limit:
        return LeadSummariser().rate(doc), (
            f"{summariser.name} (the document has {len(doc):,} sentences, more than the {limit:,} "
            "it can rate in reasonable time)")
    try:
        return summariser.rate(doc), ""
    except Exception as exc:  # noqa: BLE001 - reported, not hidden
        return LeadSummariser().rate(doc), f"{summariser.name} ({type(exc).__name__})"
