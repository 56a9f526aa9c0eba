"""Incremental builds: the analysis of each document, cached on disk.

A scheduled build whose inputs did not change should do no summarisation
work. The analysis of a document (summaries, readability, hardest sentences)
depends only on the text that was extracted from it, on the settings that
shape the analysis and on briefkit's code, so those make the key:

* the SHA-256 of the document's title and paragraphs (what the analysis reads,
  whatever file format they came from),
* every setting except those that only shape the output (a new setting is
  therefore part of the key until it is listed here: a needless miss, never
  a stale hit),
* briefkit's version and the field names of the cached classes.

Entries live in ``nlp.cache_dir()/analysis``. They are pickles, as black's
cache is: the folder is the user's own, and a pickle keeps every field of
the report, including fields added later. Anything wrong with an entry (cut
short, from another version, unreadable, unwritable folder) makes it a miss:
the document is analysed again and the entry rewritten; the cache is never
a reason for a build to fail.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import pickle
import time
from pathlib import Path
from typing import Callable

from . import __version__
from .assemble import DocumentReport, SummaryReport
from .config import Settings
from .ingest import Document
from .measure import HardSentence, Readability
from .nlp import cache_dir
from .summarise import Summary

# Settings that change how the briefing looks or where it goes, not what the analysis of a document is.
OUTPUT_ONLY_SETTINGS = ("output", "title", "author", "subject", "keywords", "template", "html", "json",
                        "page_size", "pdf_variant", "max_bytes", "quiet", "cache", "check", "summarise",
                        "readability")

_MAGIC = b"briefkit-analysis-1\n"

# Entries not used for this long are deleted (a hit renews an entry), so that a cache
# that CI saves and restores run after run does not grow without end.
MAX_AGE_DAYS = 30


@functools.lru_cache(maxsize=None)
def prune(root: Path | None = None, max_age_days: float = MAX_AGE_DAYS) -> int:
    """Delete stale entries, once per process and cache folder; returns how many went."""
    root = root or cache_dir()
    limit = time.time() - max_age_days * 86400
    removed = 0
    for kind, suffix in (("analysis", ".pickle"), ("pdf", ".pdf")):
        for path in (root / kind).glob(f"*/*{suffix}"):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
    return removed


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def _shape() -> str:
    """Field names of every cached class: an entry written by code of another shape is never read."""
    return ";".join(f"{cls.__name__}:{','.join(f.name for f in dataclasses.fields(cls))}"
                    for cls in (DocumentReport, SummaryReport, Summary, Readability, HardSentence))


def key_for(document: Document, settings: Settings) -> str:
    analysis_settings = {k: v for k, v in dataclasses.asdict(settings).items() if k not in OUTPUT_ONLY_SETTINGS}
    content = {"title": document.title, "paragraphs": document.paragraphs}
    material = json.dumps([__version__, _shape(), analysis_settings, content], sort_keys=True, ensure_ascii=False,
                          default=str)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def entry_path(key: str, root: Path | None = None) -> Path:
    return (root or cache_dir()) / "analysis" / key[:2] / f"{key}.pickle"


def load_entry(path: Path) -> DocumentReport | None:
    """The cached report, or None when there is none or it cannot be trusted."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(_MAGIC):
        return None
    try:
        report = pickle.loads(data[len(_MAGIC):])
    except Exception:  # noqa: BLE001 - a corrupt entry is a miss, whatever the unpickler says
        return None
    return report if isinstance(report, DocumentReport) else None


def store_entry(path: Path, report: DocumentReport) -> None:
    """Write atomically (a concurrent build sees the old entry or the new one); give up quietly."""
    stripped = dataclasses.replace(report, document=None, anchor="")
    try:
        payload = _MAGIC + pickle.dumps(stripped, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        from .render import _atomic_write

        _atomic_write(path, payload, durable=False)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass  # a read-only or full cache folder costs time on the next build, nothing else


def analyse_cached(document: Document, settings: Settings,
                   analyse: Callable[[Document, Settings], DocumentReport]) -> DocumentReport:
    """``analyse(document, settings)``, or its cached result; ``from_cache`` says which."""
    if not settings.cache:
        return analyse(document, settings)
    prune(cache_dir())
    path = entry_path(key_for(document, settings))
    cached = load_entry(path)
    if cached is not None:
        _touch(path)
        return dataclasses.replace(cached, document=document, anchor="", from_cache=True)
    report = analyse(document, settings)
    store_entry(path, report)
    return report


# --------------------------------------------------------------------------- #
# The PDF of a briefing whose HTML did not change
#
# Laying out the PDF costs far more than the analysis (docs/benchmarks.md). The
# PDF is a function of the HTML, the template folder's files (the only ones the
# renderer may read), the variant, the attachments and the WeasyPrint version:
# with SOURCE_DATE_EPOCH set, an unchanged scheduled build has the same HTML
# and takes its PDF from here. Without it the HTML holds the time, and this
# cache never hits.


def pdf_key(html: str, template_folder: Path, pdf_variant: str | None, attachment: str | None) -> str:
    import weasyprint

    digest = hashlib.sha256()
    for part in (__version__, weasyprint.__version__, pdf_variant or "", attachment or "", html):
        digest.update(part.encode("utf-8") + b"\0")
    for path in sorted(p for p in template_folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(template_folder).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def pdf_cached(key: str | None, render: Callable[[], bytes]) -> tuple[bytes, bool]:
    """``render()``, or the PDF it gave last time for ``key``; the flag says whether it came from the cache."""
    if key is None:
        return render(), False
    path = cache_dir() / "pdf" / key[:2] / f"{key}.pdf"
    try:
        data = path.read_bytes()
        if data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"):
            _touch(path)
            return data, True
    except OSError:
        pass
    data = render()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        from .render import _atomic_write

        _atomic_write(path, data, durable=False)
    except OSError:
        pass  # an unwritable cache folder costs time on the next build, nothing else
    return data, False
