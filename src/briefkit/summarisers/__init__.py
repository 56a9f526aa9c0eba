"""Stage 2, summarise: extractive summaries of a document.

Every algorithm subclasses :class:`~.base.Summariser` and has one method, ``rate``, that scores each
sentence; :func:`summarise` rates once and selects one summary per requested length
(:mod:`.selection`). The table below is every algorithm there is: adding one is a module (or a class
in a family's module) and a line here.

* :mod:`.base`: the base class, ``lead``, and rating with a fallback to lead;
* :mod:`.sumy`: sumy's own summarisers, wrapped;
* :mod:`.fast`: vectorised versions of sumy's slow ones, the same sentences in milliseconds;
* :mod:`.centrality`: briefkit's own, the default;
* :mod:`.selection`: which sentences make a summary of a given :class:`~briefkit.model.Length`.
"""

from __future__ import annotations

from ..errors import UsageError
from ..model import DEFAULT_ALGORITHM, Length, Summary
from ..text import ParsedDocument
from .base import LeadSummariser, Summariser, rate
from .centrality import CentralitySummariser
from .fast import (FastKLSummariser, FastLexRankSummariser, FastReductionSummariser, FastSumBasicSummariser,
                   FastTextRankSummariser)
from .selection import is_near_duplicate, same_text_key, select
from .sumy import (EdmundsonSummariser, SumyKLSummariser, SumyLexRankSummariser, SumyLsaSummariser,
                   SumyLuhnSummariser, SumyReductionSummariser, SumySumBasicSummariser, SumySummariser,
                   SumyTextRankSummariser)

# The plain names of sumy's slow algorithms run briefkit's vectorised versions, which select the
# same sentences; sumy's own classes stay selectable as "sumy-<name>", the reference.
ALGORITHMS: dict[str, type[Summariser]] = {
    cls.name: cls for cls in (
        LeadSummariser,
        FastLexRankSummariser,
        SumyLsaSummariser,
        SumyLuhnSummariser,
        FastTextRankSummariser,
        FastKLSummariser,
        FastSumBasicSummariser,
        EdmundsonSummariser,
        FastReductionSummariser,
        CentralitySummariser,
        SumyLexRankSummariser,
        SumyTextRankSummariser,
        SumyReductionSummariser,
        SumyKLSummariser,
        SumySumBasicSummariser,
    )
}

# DEFAULT_ALGORITHM (briefkit.model) is CentralitySummariser's name: docs/benchmarks.md (issue 3), the
# best row but the oracle on CNN/DailyMail (level with lead); on BBC above lead, lexrank and the
# other sumy rows except textrank and reduction.

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "Length", "ParsedDocument", "Summariser", "SumySummariser",
           "Summary", "get_summariser", "is_near_duplicate", "rate", "select", "summarise"]


def get_summariser(name: str) -> Summariser:
    try:
        return ALGORITHMS[name.lower()]()
    except KeyError:
        raise UsageError(f"unknown algorithm {name!r}; choose one of: {', '.join(sorted(ALGORITHMS))}") from None


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
        complete = len(indices) == len({same_text_key(s) for s in doc.sentences})
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
