"""The one unit of work: read an input, then parse, summarise and measure each document in it.

Every command goes through here (``build`` in this process or in workers, ``summarise``,
``readability``, ``check``, ``extract``, ``evaluate``), each with the options its settings give
(:meth:`Settings.load_options`, :meth:`Settings.analysis_options`), so no command reads or analyses
a document differently from another.
"""

from __future__ import annotations

from ..errors import DocumentError
from ..ingest import load_many
from ..measure import hardest_sentences, measure
from ..model import AnalysisOptions, Document, DocumentReport, InputFile, LoadOptions, Problem, SummaryReport
from ..summarisers import summarise
from ..text import ParsedDocument


def parse(document: Document, options: AnalysisOptions) -> ParsedDocument:
    """The document's sentences (and, on demand, words and stems) in the options' language."""
    return ParsedDocument(document.paragraphs, title=document.title, language=options.language)


def sentence_pages(document: Document, parsed: ParsedDocument, indices: list[int]) -> list[int]:
    """The page each chosen sentence is on, when the document has pages (PDF); else empty."""
    if not document.pages:
        return []
    return [document.pages[parsed.paragraph_of[i]] for i in indices]


def analyse(document: Document, options: AnalysisOptions | None = None,
            parsed: ParsedDocument | None = None) -> DocumentReport:
    """Summarise and measure one document, as ``options`` ask. ``parsed`` saves parsing it again."""
    options = options or AnalysisOptions()
    parsed = parsed if parsed is not None else parse(document, options)
    lengths = [length for length in (options.short, options.medium) if length is not None]
    summaries = iter(summarise(parsed, lengths, options.algorithm, options.keep_reading_level) if lengths else [])

    def report(length: str | None) -> SummaryReport | None:
        if length is None:
            return None
        summary = next(summaries)
        return SummaryReport(summary,
                             measure(summary.text, sentence_count=len(summary.sentences)) if options.measure else None,
                             pages=sentence_pages(document, parsed, summary.indices))

    return DocumentReport(
        document=document,
        sentence_count=len(parsed),
        readability=measure(document.text, sentence_count=len(parsed)) if options.measure else None,
        short=report(options.short),
        medium=report(options.medium),
        hardest=hardest_sentences(parsed.sentences, options.hardest_sentences) if options.hardest_sentences else [],
    )


def analyse_or_problem(document: Document, options: AnalysisOptions, cache: bool = False) -> DocumentReport | Problem:
    """:func:`analyse` (through the analysis cache when ``cache``); a problem entry when the text
    defeats the analysis."""
    from .cache import analyse_cached  # unchanged documents skip the analysis

    try:
        return analyse_cached(document, options, analyse) if cache else analyse(document, options)
    except RecursionError:
        return Problem(document.source, "the text is too deeply nested to analyse")
    except MemoryError:
        return Problem(document.source, "the document is too large to analyse in memory")


def analyse_input(item: InputFile | Document, load_options: LoadOptions, options: AnalysisOptions,
                  cache: bool = False) -> list[DocumentReport | Problem]:
    """One input, read and analysed: a report per document it holds (a feed holds several), or a
    problem instead of an exception for bad input."""
    if isinstance(item, InputFile):
        try:
            documents = load_many(item, load_options)
        except DocumentError as exc:
            return [Problem(item.source, str(exc))]
    else:
        documents = [item]
    return [document if isinstance(document, Problem) else analyse_or_problem(document, options, cache)
            for document in documents]
