"""The data that flows through the pipeline: plain dataclasses, standard library only.

    load -> Document | Problem -> summarise -> Summary -> measure -> Readability, HardSentence
         -> DocumentReport (one per document) -> overview -> Overview -> assemble -> Briefing

Every stage reads and returns these objects and nothing else, so a stage can be tested, cached or
run in another process with nothing but this module. ``to_dict`` methods are the JSON contract
(``src/briefkit/schemas/briefing.json``); the HTML template reads the same objects.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from ._version import __version__
from .errors import UsageError

SCHEMA_VERSION = "1.1"  # 1.1: overview and key_terms


# The default summariser (briefkit.summarisers.centrality): docs/benchmarks.md, issue 3.
DEFAULT_ALGORITHM = "briefkit"


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
# What a stage is asked to do: built from the settings (``Settings.load_options()``,
# ``Settings.analysis_options()``), so every command loads and analyses the same way.


@dataclass(frozen=True)
class LoadOptions:
    """How inputs are read (stage 1)."""

    max_bytes: int = 20 * 1024 * 1024  # the largest input read; larger ones are problem entries
    input_format: str = "auto"  # a reader for every input, or "auto" (by content, then by name)
    fetch_timeout: float = 20.0  # seconds for a URL the user named


@dataclass(frozen=True)
class AnalysisOptions:
    """What the analysis of one document computes (stages 2 and 3). Everything here, and nothing
    else, decides a document's analysis: it is the analysis cache's key."""

    language: str = "english"
    algorithm: str = DEFAULT_ALGORITHM
    short: str | None = "3"  # the summaries' lengths ("3", "20%", "120w"); None: not made
    medium: str | None = "7"
    keep_reading_level: bool = False
    hardest_sentences: int = 3
    measure: bool = True  # readability of the document and of its summaries


# --------------------------------------------------------------------------- #
# load


@dataclass
class InputFile:
    """An input as found on disk (or stdin), before it is read."""

    source: str
    path: Path | None
    group: str = ""
    url: str | None = None  # set for a web address the user named: fetched, never opened as a file


@dataclass
class Document:
    """One input, read and reduced to plain text."""

    source: str
    title: str
    paragraphs: list[str]
    format: str
    sha256: str
    metadata: dict[str, str] = field(default_factory=dict)
    group: str = ""
    # Page number of each paragraph, for inputs that have pages (PDF); empty otherwise.
    pages: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class Problem:
    """An input that could not be used, and why, in the user's words."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass
class Extracted:
    """One document found in an input: what ingest turns into a ``Document``."""

    title: str
    paragraphs: list[str]
    metadata: dict[str, str] = field(default_factory=dict)
    # Page number of each paragraph (PDF only), so a sentence can be traced back to its page.
    pages: list[int] = field(default_factory=list)
    # Set for the entries of a feed: which entry of the file this is (1-based) and the feed's name.
    entry: int = 0
    group: str = ""


# --------------------------------------------------------------------------- #
# summarise


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


# --------------------------------------------------------------------------- #
# measure


@dataclass
class Readability:
    """All metrics of one text. ``grade`` is the headline figure shown in the report.

    ``scores`` holds one value per formula of :data:`briefkit.measure.FORMULAS`, by key, in the
    table's order; each is also an attribute (``readability.gunning_fog``).
    """

    grade: float | None
    band: str
    ease_band: str
    scores: dict[str, float | None]
    words: int
    sentences: int
    syllables: int
    difficult_words: int
    difficult_word_share: float | None
    reading_time_seconds: float
    enough_text: bool = True

    def __getattr__(self, name: str) -> float | None:
        scores = self.__dict__.get("scores")
        if scores is not None and name in scores:
            return scores[name]
        raise AttributeError(f"{type(self).__name__!r} has no attribute {name!r}")

    def to_dict(self) -> dict:
        data: dict[str, Any] = {"grade": self.grade, "band": self.band}
        for key, value in self.scores.items():
            data[key] = value
            if key == "flesch_reading_ease":  # its band beside it, where the contract has always had it
                data["ease_band"] = self.ease_band
        data.setdefault("ease_band", self.ease_band)
        data.update(words=self.words, sentences=self.sentences, syllables=self.syllables,
                    difficult_words=self.difficult_words, difficult_word_share=self.difficult_word_share,
                    reading_time_seconds=self.reading_time_seconds, enough_text=self.enough_text)
        return data


@dataclass
class HardSentence:
    index: int
    text: str
    grade: float
    words: int


# --------------------------------------------------------------------------- #
# One document, analysed


@dataclass
class SummaryReport:
    summary: Summary
    readability: Readability | None  # None when the analysis was asked not to measure
    # Page of each summary sentence, for inputs with pages (PDF): the reader can look it up.
    pages: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        s = self.summary
        return {
            "algorithm": s.algorithm,
            "length": s.length,
            "sentences": list(s.sentences),
            "sentence_indices": list(s.indices),
            "text": s.text,
            "words": s.words,
            "complete": s.complete,
            "fallback_from": s.fallback_from or None,
            "readability": self.readability.to_dict() if self.readability is not None else None,
        }


@dataclass
class DocumentReport:
    """One document analysed: what :func:`briefkit.run.analyse` returns for every command.

    ``short``, ``medium`` and the readability figures are None when the analysis options did not
    ask for them (``briefkit readability`` makes no summaries; ``briefkit summarise`` measures nothing).
    """

    document: Document
    sentence_count: int
    readability: Readability | None
    short: SummaryReport | None
    medium: SummaryReport | None
    hardest: list[HardSentence]
    anchor: str = ""
    from_cache: bool = False  # taken from the analysis cache (run/cache.py); not part of the JSON
    key_terms: list[str] = field(default_factory=list)  # set by the overview stage

    @property
    def title(self) -> str:
        return self.document.title

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "source": doc.source,
            "title": doc.title,
            "format": doc.format,
            "group": doc.group,
            "sha256": doc.sha256,
            "metadata": dict(doc.metadata),
            "words": self.readability.words,
            "sentences": self.sentence_count,
            "readability": self.readability.to_dict(),
            "summaries": {"short": self.short.to_dict(), "medium": self.medium.to_dict()},
            "hardest_sentences": [
                {"index": h.index, "text": h.text, "grade": h.grade, "words": h.words} for h in self.hardest
            ],
            "key_terms": list(self.key_terms),
        }


# --------------------------------------------------------------------------- #
# overview


@dataclass
class OverviewSentence:
    text: str
    report: DocumentReport
    sentence_index: int  # index among the document's sentences (as in its summaries)
    story: int  # number of the story (1-based)
    centrality: float

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "source": self.report.document.source, "title": self.report.title,
                "anchor": self.report.anchor, "sentence_index": self.sentence_index, "story": self.story,
                "centrality": round(self.centrality, 4)}


@dataclass
class Story:
    number: int  # 1-based, in the order shown
    terms: list[str]
    members: list[DocumentReport]
    centrality: float  # mean cosine similarity of the members to the story's centroid

    @property
    def name(self) -> str:
        return ", ".join(self.terms[:3]) if self.terms else f"Story {self.number}"

    @property
    def anchor(self) -> str:
        return f"story-{self.number}"

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "name": self.name, "terms": list(self.terms),
                "centrality": round(self.centrality, 4),
                "members": [{"source": r.document.source, "title": r.title, "anchor": r.anchor}
                            for r in self.members]}


@dataclass
class DuplicateGroup:
    """Documents that are the same text (``exact``) or nearly so (``near``); the first is the one summarised."""

    kind: str
    members: list[DocumentReport]
    similarity: float  # the lowest shingle Jaccard similarity of a member to the first

    @property
    def kept(self) -> DocumentReport:
        return self.members[0]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "similarity": round(self.similarity, 4),
                "kept": self.kept.document.source,
                "members": [{"source": r.document.source, "title": r.title, "anchor": r.anchor}
                            for r in self.members]}


@dataclass
class GradeBin:
    label: str
    level: str
    upper: float | None  # None for the open-ended top band
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"band": self.label, "level": self.level, "up_to_grade": self.upper, "documents": self.count}


@dataclass
class Overview:
    sentences: list[OverviewSentence] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    duplicates: list[DuplicateGroup] = field(default_factory=list)
    key_terms: list[str] = field(default_factory=list)
    grade_distribution: list[GradeBin] = field(default_factory=list)
    not_enough_text: int = 0
    hardest: list[DocumentReport] = field(default_factory=list)
    group_by: str = "story"
    _story_index: dict | None = field(default=None, init=False, repr=False, compare=False)
    _duplicate_index: dict | None = field(default=None, init=False, repr=False, compare=False)

    def story_of(self, report: DocumentReport) -> Story | None:
        # The template asks once per document: a lookup table keeps a 1,000-document briefing linear.
        if self._story_index is None:
            self._story_index = {id(m): s for s in self.stories for m in s.members}
        return self._story_index.get(id(report))

    def duplicate_group_of(self, report: DocumentReport) -> DuplicateGroup | None:
        if self._duplicate_index is None:
            self._duplicate_index = {id(m): g for g in self.duplicates for m in g.members}
        return self._duplicate_index.get(id(report))

    @property
    def largest_bin(self) -> int:
        return max([b.count for b in self.grade_distribution] + [1])

    def to_dict(self) -> dict[str, Any]:
        return {
            "group_by": self.group_by,
            "key_terms": list(self.key_terms),
            "sentences": [s.to_dict() for s in self.sentences],
            "stories": [s.to_dict() for s in self.stories],
            "duplicates": [d.to_dict() for d in self.duplicates],
            "readability": {
                "grade_distribution": [b.to_dict() for b in self.grade_distribution],
                "not_enough_text": self.not_enough_text,
                "hardest": [{"source": r.document.source, "title": r.title, "anchor": r.anchor,
                             "grade": r.readability.grade} for r in self.hardest],
            },
        }


# --------------------------------------------------------------------------- #
# The briefing


@dataclass
class Briefing:
    title: str
    generated: _dt.datetime
    settings: dict[str, Any]
    documents: list[DocumentReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    version: str = __version__
    overview: Overview | None = None  # None when turned off

    @property
    def total_words(self) -> int:
        return sum(d.readability.words for d in self.documents)

    @property
    def total_reading_minutes(self) -> float:
        return sum(d.readability.reading_time_seconds for d in self.documents) / 60

    def to_dict(self) -> dict[str, Any]:
        return {
            "briefkit_version": self.version,
            "schema_version": SCHEMA_VERSION,
            "generated": self.generated.isoformat(),
            "title": self.title,
            "settings": self.settings,
            "totals": {"documents": len(self.documents), "words": self.total_words, "problems": len(self.problems)},
            "documents": [d.to_dict() for d in self.documents],
            "problems": [{"source": p.source, "message": p.message} for p in self.problems],
            "overview": self.overview.to_dict() if self.overview is not None else None,
        }
