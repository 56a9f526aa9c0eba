"""Stage 4, assemble: the briefing model that every renderer reads.

The model is plain data. ``Briefing.to_dict`` is the JSON contract
(``docs/json-schema.json``); the HTML template reads the same objects.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from typing import Any

from . import __version__
from .ingest import Document, Problem
from .measure import HardSentence, Readability
from .summarise import Summary

SCHEMA_VERSION = "1.1"  # 1.1: overview and key_terms


@dataclass
class SummaryReport:
    summary: Summary
    readability: Readability
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
            "readability": self.readability.to_dict(),
        }


@dataclass
class DocumentReport:
    document: Document
    sentence_count: int
    readability: Readability
    short: SummaryReport
    medium: SummaryReport
    hardest: list[HardSentence]
    anchor: str = ""
    from_cache: bool = False  # taken from the analysis cache (cache.py); not part of the JSON
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


@dataclass
class Briefing:
    title: str
    generated: _dt.datetime
    settings: dict[str, Any]
    documents: list[DocumentReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    version: str = __version__
    overview: Any = None  # an overview.Overview, or None when turned off

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


def build_time() -> _dt.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set, so that builds can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            pass
    return _dt.datetime.now(tz=_dt.timezone.utc).replace(microsecond=0)


def anchor_for(index: int, title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40]
    return f"doc-{index + 1}-{slug}" if slug else f"doc-{index + 1}"


def assemble(title: str, settings: dict[str, Any], documents: list[DocumentReport],
             problems: list[Problem], overview: Any = None) -> Briefing:
    for index, report in enumerate(documents):
        report.anchor = anchor_for(index, report.title)
    return Briefing(title=title, generated=build_time(), settings=settings, documents=documents,
                    problems=problems, overview=overview)
