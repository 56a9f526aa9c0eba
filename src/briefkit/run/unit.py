"""The one unit of work: read an input, then parse, summarise and measure each document in it.

Every command goes through here (``build`` in this process or in workers, ``summarise``,
``readability``, ``check``, ``extract``, ``evaluate``), each with the options its settings give
(:meth:`Settings.load_options`, :meth:`Settings.analysis_options`), so no command reads or analyses
a document differently from another.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from ..errors import DocumentError
from ..ingest import discover, load_many
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


def failure_message(exc: BaseException, doing: str = "read or analyse") -> str:
    """What went wrong with one document, in one line, whatever raised it (a reader, a library, us)."""
    if isinstance(exc, DocumentError):
        return str(exc)
    name = type(exc).__name__
    if isinstance(exc, RecursionError):
        return f"is too deeply nested to {doing} ({name})"
    if isinstance(exc, MemoryError):
        return f"is too large to {doing} in memory ({name})"
    if "Limit" in name:  # pypdf's LimitReachedError: a stream that inflates past its limit
        return f"expands past a size limit when decompressed; not read ({name})"
    detail = " ".join(str(exc).split())[:160]
    return f"could not be {'read' if doing.startswith('read') else doing + 'd'}: {name}" + (f": {detail}" if detail else "")


@contextmanager
def one_document(doing: str = "read or analyse") -> Iterator[None]:
    """The boundary round one document's reading and analysis: every exception inside it (a
    RecursionError, a MemoryError, any library's error) becomes a :class:`DocumentError` with one
    line. KeyboardInterrupt and SystemExit are not exceptions of the document and pass through."""
    try:
        yield
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - this is the one place that turns anything into a problem
        raise DocumentError(failure_message(exc, doing)) from None


def read_or_problem(item: InputFile, load_options: LoadOptions) -> list[Document | Problem]:
    """One input read (:func:`load_many`); a problem entry instead of any exception."""
    try:
        with one_document("read"):
            return load_many(item, load_options)
    except DocumentError as exc:
        return [Problem(item.source, str(exc))]


def read_all(inputs, load_options: LoadOptions) -> Iterator[Document | Problem]:
    """Every document of ``inputs`` read (``extract``), each input through :func:`read_or_problem`."""
    files, problems = discover(inputs)
    yield from problems
    for item in files:
        yield from read_or_problem(item, load_options)


def analyse_or_problem(document: Document, options: AnalysisOptions, cache: bool = False) -> DocumentReport | Problem:
    """:func:`analyse` (through the analysis cache when ``cache``); a problem entry instead of any
    exception the text provokes."""
    from .cache import analyse_cached  # unchanged documents skip the analysis

    try:
        with one_document("analyse"):
            return analyse_cached(document, options, analyse) if cache else analyse(document, options)
    except DocumentError as exc:
        return Problem(document.source, str(exc))


def analyse_input(item: InputFile | Document, load_options: LoadOptions, options: AnalysisOptions,
                  cache: bool = False) -> list[DocumentReport | Problem]:
    """One input, read and analysed: a report per document it holds (a feed holds several), or a
    problem instead of an exception, whatever raised it."""
    documents = read_or_problem(item, load_options) if isinstance(item, InputFile) else [item]
    return [document if isinstance(document, Problem) else analyse_or_problem(document, options, cache)
            for document in documents]
