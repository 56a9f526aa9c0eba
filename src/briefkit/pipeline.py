"""The library API: load -> summarise -> measure -> assemble -> render.

    from briefkit import Settings, build
    result = build(["seeds/"], Settings(output="reports/briefing.pdf", json=True))
    result.briefing.documents[0].short.summary.sentences

The command line is a thin layer over these functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .assemble import Briefing, DocumentReport, SummaryReport, assemble
from .config import Settings
from .errors import UsageError
from .ingest import Document, Problem, load_all
from .measure import hardest_sentences, measure
from .overview import overview_stage
from .summarise import ParsedDocument, summarise

ProgressCallback = Callable[[str, str], None]  # (stage, source)


def sentence_pages(document: Document, parsed: ParsedDocument, indices: list[int]) -> list[int]:
    """The page each chosen sentence is on, when the document has pages (PDF); else empty."""
    if not document.pages:
        return []
    return [document.pages[parsed.paragraph_of[i]] for i in indices]


def analyse(document: Document, settings: Settings) -> DocumentReport:
    """Summarise and measure one document."""
    parsed = ParsedDocument(document.paragraphs, title=document.title, language=settings.language)
    short, medium = summarise(parsed, [settings.short, settings.medium], settings.algorithm,
                              settings.keep_reading_level)
    readability = measure(document.text, sentence_count=len(parsed))
    return DocumentReport(
        document=document,
        sentence_count=len(parsed),
        readability=readability,
        short=SummaryReport(short, measure(short.text, sentence_count=len(short.sentences)),
                            pages=sentence_pages(document, parsed, short.indices)),
        medium=SummaryReport(medium, measure(medium.text, sentence_count=len(medium.sentences)),
                             pages=sentence_pages(document, parsed, medium.indices)),
        hardest=hardest_sentences(parsed.sentences, settings.hardest_sentences),
    )


@dataclass
class BuildResult:
    briefing: Briefing
    outputs: dict[str, Path] = field(default_factory=dict)
    pdf_from_cache: bool = False  # the HTML had not changed since a build that rendered it (cache.py)

    @property
    def problems(self) -> list[Problem]:
        return self.briefing.problems

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0


def collect(inputs: Iterable[str], settings: Settings,
            progress: ProgressCallback | None = None) -> tuple[list[DocumentReport], list[Problem]]:
    from .parallel import collect_parallel, resolve_jobs

    jobs = resolve_jobs(settings.jobs)
    if jobs > 1:  # load, summarise and measure in worker processes; same results, input order
        return collect_parallel(inputs, settings, jobs, progress)

    reports: list[DocumentReport] = []
    problems: list[Problem] = []
    for item in load_all(inputs, settings.max_bytes, settings.input_format, settings.fetch_timeout):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        if progress:
            progress("summarise", item.source)
        result = analyse_or_problem(item, settings)
        (problems if isinstance(result, Problem) else reports).append(result)
    return reports, problems


def analyse_or_problem(document: Document, settings: Settings) -> DocumentReport | Problem:
    """:func:`analyse` through the cache; a problem entry when the text defeats the analysis."""
    from .cache import analyse_cached  # unchanged documents skip the analysis (settings.cache)

    try:
        return analyse_cached(document, settings, analyse)
    except RecursionError:
        return Problem(document.source, "the text is too deeply nested to analyse")
    except MemoryError:
        return Problem(document.source, "the document is too large to analyse in memory")


def output_paths(settings: Settings) -> dict[str, Path]:
    pdf = Path(settings.output)
    if pdf.suffix.lower() != ".pdf":
        raise UsageError(f"{pdf}: the output must be a .pdf file (HTML and JSON are written beside it)")
    paths = {"pdf": pdf}
    if settings.html:
        paths["html"] = pdf.with_suffix(".html")
    if settings.json:
        paths["json"] = pdf.with_suffix(".json")
    return paths


def build(inputs: Iterable[str], settings: Settings | None = None,
          progress: ProgressCallback | None = None, pdf_variant: str | None = None) -> BuildResult:
    """Build the briefing and write every requested output atomically.

    Raises :class:`UsageError` when nothing could be built (no inputs, no
    readable document, unwritable output); a batch in which some documents
    failed still builds, and the failures are in ``result.problems``.
    """
    from .render import (atomic_write, check_writable, ensure_renderer, json_attachment, render_html, render_json,
                         render_pdf, template_dir)

    settings = settings or Settings()
    inputs = list(inputs)
    if not inputs:
        raise UsageError("no inputs given: name files or folders to read (or - for standard input)")
    paths = output_paths(settings)
    for path in paths.values():
        check_writable(path)
    template_dir(settings.template)  # a bad template folder is found before the work, not after
    ensure_renderer()  # and so is a missing Pango

    reports, problems = collect(inputs, settings, progress)
    if not reports:
        detail = "; ".join(str(p) for p in problems[:3]) or "no supported files found"
        raise UsageError(f"no document could be read ({detail})", )
    if progress:
        progress("overview", f"{len(reports)} documents")
    reports, overview = overview_stage(reports, settings)
    briefing = assemble(settings.title, settings.to_dict(), reports, problems, overview)

    if progress:
        progress("render", str(paths["pdf"]))
    html = render_html(briefing, settings.template, settings.page_size)
    pdf_variant = pdf_variant or settings.pdf_variant
    embeds_json = bool(pdf_variant and pdf_variant.startswith("pdf/a-3"))
    # One JSON text serves the attachment, the PDF cache key and the .json file.
    briefing_json = render_json(briefing) if embeds_json or "json" in paths else None
    attachments = [json_attachment(briefing, briefing_json)] if embeds_json else None
    from .cache import pdf_cached, pdf_key

    key = pdf_key(html, template_dir(settings.template), pdf_variant,
                  briefing_json if attachments else None) if settings.cache else None
    pdf, pdf_from_cache = pdf_cached(key, lambda: render_pdf(html, settings.template, pdf_variant, attachments))
    written: dict[str, Path] = {}
    if "json" in paths:
        atomic_write(paths["json"], briefing_json)
        written["json"] = paths["json"]
    if "html" in paths:
        atomic_write(paths["html"], html)
        written["html"] = paths["html"]
    atomic_write(paths["pdf"], pdf)
    written["pdf"] = paths["pdf"]
    return BuildResult(briefing, written, pdf_from_cache=pdf_from_cache)
