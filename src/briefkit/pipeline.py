"""The library API's build: load -> summarise -> measure -> overview -> assemble -> render, orchestrated.

    from briefkit import Settings, build
    result = build(["seeds/"], Settings(output="reports/briefing.pdf", json=True))
    result.briefing.documents[0].short.summary.sentences

Nothing here computes anything of its own: each stage is a package, and the work on each document
is :mod:`briefkit.run`'s. The command line is a thin layer over this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ._fs import atomic_write_all, check_writable
from .assemble import assemble
from .config import Settings
from .errors import UsageError
from .model import Briefing, Problem
from .overview import overview_stage
from .run import ProgressCallback, collect


@dataclass
class BuildResult:
    briefing: Briefing
    outputs: dict[str, Path] = field(default_factory=dict)
    # Every output rendered, by name ("pdf": bytes, "html" and "json": str): the ones written, or
    # with ``build(..., write=False)`` all three, in memory only.
    rendered: dict[str, bytes | str] = field(default_factory=dict)
    pdf_from_cache: bool = False  # the HTML had not changed since a build that rendered it (run/cache.py)

    @property
    def problems(self) -> list[Problem]:
        return self.briefing.problems

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0


def output_paths(settings: Settings) -> dict[str, Path]:
    """Every output asked for, by name (``render.OUTPUTS``), in the order they are written."""
    from .render import OUTPUTS

    pdf = Path(settings.output)
    if pdf.suffix.lower() != ".pdf":
        raise UsageError(f"{pdf}: the output must be a .pdf file (HTML and JSON are written beside it)")
    wanted = {"pdf": True, "html": settings.html, "json": settings.json}
    return {name: pdf.with_suffix(output.suffix) for name, output in OUTPUTS.items() if wanted[name]}


def build(inputs: Iterable[str], settings: Settings | None = None,
          progress: ProgressCallback | None = None, pdf_variant: str | None = None, *,
          write: bool = True) -> BuildResult:
    """Build the briefing and write every requested output atomically.

    With ``write=False`` nothing is written, not even to the caches: the PDF, the HTML and the JSON
    are in ``result.rendered`` and ``settings.output`` is not looked at.

    Raises :class:`UsageError` when nothing could be built (no inputs, no
    readable document, unwritable output); a batch in which some documents
    failed still builds, and the failures are in ``result.problems``.
    """
    from .render import ensure_renderer, json_attachment, render_html, render_json, render_pdf, template_dir
    from .run.cache import pdf_cached, pdf_key

    settings = settings or Settings()
    inputs = list(inputs)
    if not inputs:
        raise UsageError("no inputs given: name files or folders to read (or - for standard input)")
    if not write:
        settings = settings.replace(cache=False)  # the caches live on disk
    paths = output_paths(settings) if write else {}
    for path in paths.values():
        check_writable(path)
    template_dir(settings.template)  # a bad template folder is found before the work, not after
    ensure_renderer()  # and so is a missing Pango

    reports, problems = collect(inputs, settings.load_options(), settings.analysis_options(), cache=settings.cache,
                                jobs=settings.jobs, progress=progress)
    if not reports:
        detail = "; ".join(str(p) for p in problems[:3]) or "no supported files found"
        raise UsageError(f"no document could be read ({detail})", )
    if progress:
        progress("overview", f"{len(reports)} documents")
    reports, overview = overview_stage(reports, enabled=settings.overview, sentences=settings.overview_sentences,
                                       language=settings.language, group_by=settings.group_by)
    briefing = assemble(settings.title, settings.to_dict(), reports, problems, overview)

    if progress:
        progress("render", str(paths["pdf"]) if write else "memory")
    html = render_html(briefing, settings.template, settings.page_size)
    pdf_variant = pdf_variant or settings.pdf_variant
    embeds_json = bool(pdf_variant and pdf_variant.startswith("pdf/a-3"))
    # One JSON text serves the attachment, the PDF cache key and the .json file.
    briefing_json = render_json(briefing) if embeds_json or "json" in paths or not write else None
    attachments = [json_attachment(briefing, briefing_json)] if embeds_json else None
    key = pdf_key(html, template_dir(settings.template), pdf_variant,
                  briefing_json if attachments else None) if settings.cache else None
    pdf, pdf_from_cache = pdf_cached(key, lambda: render_pdf(html, settings.template, pdf_variant, attachments))
    rendered = {"json": briefing_json, "html": html, "pdf": pdf}
    if not write:
        return BuildResult(briefing, {}, {name: rendered[name] for name in ("pdf", "html", "json")},
                           pdf_from_cache=pdf_from_cache)
    # Every output to a temporary file first, then all renamed: a full disk leaves every old
    # output as it was, never a new JSON beside an old PDF (_fs.atomic_write_all).
    atomic_write_all({path: rendered[name] for name, path in paths.items()})
    return BuildResult(briefing, dict(paths), {name: rendered[name] for name in paths}, pdf_from_cache=pdf_from_cache)
