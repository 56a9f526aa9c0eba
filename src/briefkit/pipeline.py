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
from .summarise import ParsedDocument, summarise

ProgressCallback = Callable[[str, str], None]  # (stage, source)


def analyse(document: Document, settings: Settings) -> DocumentReport:
    """Summarise and measure one document."""
    parsed = ParsedDocument(document.paragraphs, title=document.title, language=settings.language)
    short, medium = summarise(parsed, [settings.short, settings.medium], settings.algorithm)
    readability = measure(document.text, sentence_count=len(parsed))
    return DocumentReport(
        document=document,
        sentence_count=len(parsed),
        readability=readability,
        short=SummaryReport(short, measure(short.text, sentence_count=len(short.sentences))),
        medium=SummaryReport(medium, measure(medium.text, sentence_count=len(medium.sentences))),
        hardest=hardest_sentences(parsed.sentences, settings.hardest_sentences),
    )


@dataclass
class BuildResult:
    briefing: Briefing
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def problems(self) -> list[Problem]:
        return self.briefing.problems

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0


def collect(inputs: Iterable[str], settings: Settings,
            progress: ProgressCallback | None = None) -> tuple[list[DocumentReport], list[Problem]]:
    from .parallel import collect_parallel, resolve_jobs

    jobs = resolve_jobs(getattr(settings, "jobs", 1))
    if jobs > 1:  # load, summarise and measure in worker processes; same results, input order
        return collect_parallel(inputs, settings, jobs, progress)
    reports: list[DocumentReport] = []
    problems: list[Problem] = []
    for item in load_all(inputs, settings.max_bytes):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        if progress:
            progress("summarise", item.source)
        try:
            reports.append(analyse(item, settings))
        except RecursionError:
            problems.append(Problem(item.source, "the text is too deeply nested to analyse"))
        except MemoryError:
            problems.append(Problem(item.source, "the document is too large to analyse in memory"))
    return reports, problems


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
    from .render import atomic_write, check_writable, render_html, render_json, render_pdf, template_dir

    settings = settings or Settings()
    inputs = list(inputs)
    if not inputs:
        raise UsageError("no inputs given: name files or folders to read (or - for standard input)")
    paths = output_paths(settings)
    for path in paths.values():
        check_writable(path)
    template_dir(settings.template)  # a bad template folder is found before the work, not after

    reports, problems = collect(inputs, settings, progress)
    if not reports:
        detail = "; ".join(str(p) for p in problems[:3]) or "no supported files found"
        raise UsageError(f"no document could be read ({detail})", )
    briefing = assemble(settings.title, settings.to_dict(), reports, problems)

    if progress:
        progress("render", str(paths["pdf"]))
    html = render_html(briefing, settings.template, settings.page_size)
    pdf = render_pdf(html, settings.template, pdf_variant)
    written: dict[str, Path] = {}
    if "json" in paths:
        atomic_write(paths["json"], render_json(briefing))
        written["json"] = paths["json"]
    if "html" in paths:
        atomic_write(paths["html"], html)
        written["html"] = paths["html"]
    atomic_write(paths["pdf"], pdf)
    written["pdf"] = paths["pdf"]
    return BuildResult(briefing, written)
