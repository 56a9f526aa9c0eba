"""The base class every summariser subclasses, the lead baseline, and rating with a fallback.

A summariser is one small class with one method, ``rate``, that gives each sentence a score
(higher is better), in the manner of sumy's summarisers. Selection (how many sentences, no
near-duplicates, original order) is shared by all of them (:mod:`.selection`).
"""

from __future__ import annotations

from typing import ClassVar

from ..text import ParsedDocument


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
