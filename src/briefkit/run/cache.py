"""Incremental builds: the analysis of each document, and the PDF of an unchanged briefing, cached on disk.

A scheduled build whose inputs did not change should do no summarisation
work. The analysis of a document (summaries, readability, hardest sentences)
depends only on the text that was extracted from it, on the analysis options
and on briefkit's code, so those make the key:

* the SHA-256 of the document's title and paragraphs (what the analysis reads,
  whatever file format they came from),
* the :class:`~briefkit.model.AnalysisOptions` (every setting whose stage is
  ``analysis``; how many processes ran or how the briefing is laid out is no part of it),
* briefkit's version and the field names of the cached classes.

Entries live in ``cache_dir()/analysis`` as JSON: plain data, never pickles, so
an entry can only ever be read back as numbers and strings, whoever wrote it.
Every entry (analysis and PDF) starts with the SHA-256 of its content, checked on
read: an entry damaged on disk is rebuilt, never served.
Anything wrong with an entry (cut short, from another version, unreadable,
fields that do not fit, unwritable folder) makes it a miss: the document is
analysed again and the entry rewritten; the cache is never a reason for a
build to fail.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any, Callable

from .._version import __version__
from .._fs import cache_dir, replace_file
from ..model import AnalysisOptions, Document, DocumentReport, HardSentence, Readability, Summary, SummaryReport

_MAGIC = b"briefkit-analysis-3\n"
_PDF_MAGIC = b"briefkit-pdf-1\n"


def _sealed(magic: bytes, payload: bytes) -> bytes:
    """An entry: the magic line, the SHA-256 of the payload in hex, a newline, the payload."""
    return magic + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload


def _unsealed(magic: bytes, data: bytes) -> bytes | None:
    """The payload of an entry whose digest matches; ``None`` for anything else (damaged, older)."""
    if not data.startswith(magic):
        return None
    digest, payload = data[len(magic):len(magic) + 64], data[len(magic) + 65:]
    if data[len(magic) + 64:len(magic) + 65] != b"\n":
        return None
    if hashlib.sha256(payload).hexdigest().encode("ascii") != digest:
        return None
    return payload
_SUFFIX = ".json"
# Entries of earlier versions (pickles): never read, deleted when pruning.
_RETIRED_SUFFIXES = (".pickle",)

# Entries not used for this long are deleted (a hit renews an entry), so that a cache
# that CI saves and restores run after run does not grow without end.
MAX_AGE_DAYS = 30


@functools.lru_cache(maxsize=None)
def prune(root: Path | None = None, max_age_days: float = MAX_AGE_DAYS) -> int:
    """Delete stale entries, once per process and cache folder; returns how many went."""
    root = root or cache_dir()
    limit = time.time() - max_age_days * 86400
    removed = 0
    for kind, suffix in (("analysis", _SUFFIX), ("pdf", ".pdf")) + tuple(("analysis", s) for s in _RETIRED_SUFFIXES):
        for path in (root / kind).glob(f"*/*{suffix}"):
            try:
                if suffix in _RETIRED_SUFFIXES or path.stat().st_mtime < limit:
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


def key_for(document: Document, options: AnalysisOptions) -> str:
    content = {"title": document.title, "paragraphs": document.paragraphs}
    material = json.dumps([__version__, _shape(), dataclasses.asdict(options), content], sort_keys=True,
                          ensure_ascii=False, default=str)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def entry_path(key: str, root: Path | None = None) -> Path:
    return (root or cache_dir()) / "analysis" / key[:2] / f"{key}{_SUFFIX}"


def report_to_data(report: DocumentReport) -> dict[str, Any]:
    """What the analysis computed, as JSON-ready data (the document itself is not stored: it is the key)."""
    def summary(item: SummaryReport | None) -> dict[str, Any] | None:
        if item is None:
            return None
        return {"summary": dataclasses.asdict(item.summary),
                "readability": dataclasses.asdict(item.readability) if item.readability is not None else None,
                "pages": list(item.pages)}

    return {"sentence_count": report.sentence_count,
            "readability": dataclasses.asdict(report.readability) if report.readability is not None else None,
            "short": summary(report.short), "medium": summary(report.medium),
            "hardest": [dataclasses.asdict(h) for h in report.hardest]}


def report_from_data(data: dict[str, Any], document: Document) -> DocumentReport:
    """The inverse of :func:`report_to_data`; raises TypeError, KeyError or ValueError when it does not fit."""
    def readability(item: dict[str, Any] | None) -> Readability | None:
        return None if item is None else Readability(**item)

    def summary(item: dict[str, Any] | None) -> SummaryReport | None:
        if item is None:
            return None
        return SummaryReport(Summary(**item["summary"]), readability(item["readability"]), list(item["pages"]))

    if not isinstance(data.get("sentence_count"), int):
        raise ValueError("not an analysis entry")
    return DocumentReport(document=document, sentence_count=data["sentence_count"],
                          readability=readability(data["readability"]), short=summary(data["short"]),
                          medium=summary(data["medium"]), hardest=[HardSentence(**h) for h in data["hardest"]])


def load_entry(path: Path, document: Document) -> DocumentReport | None:
    """The cached report of ``document``, or None when there is none or it cannot be trusted."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    payload = _unsealed(_MAGIC, data)
    if payload is None:
        return None
    try:
        return report_from_data(json.loads(payload), document)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None  # a damaged entry is a miss


def store_entry(path: Path, report: DocumentReport) -> None:
    """Write atomically (a concurrent build sees the old entry or the new one); give up quietly."""
    try:
        payload = _sealed(_MAGIC, json.dumps(report_to_data(report), ensure_ascii=False,
                                             allow_nan=False).encode("utf-8"))
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, payload, durable=False)
    except (OSError, TypeError, ValueError, RecursionError):
        pass  # a read-only or full cache folder costs time on the next build, nothing else


def analyse_cached(document: Document, options: AnalysisOptions,
                   analyse: Callable[[Document, AnalysisOptions], DocumentReport]) -> DocumentReport:
    """``analyse(document, options)``, or its cached result; ``from_cache`` says which."""
    prune(cache_dir())
    path = entry_path(key_for(document, options))
    cached = load_entry(path, document)
    if cached is not None:
        _touch(path)
        cached.from_cache = True
        return cached
    report = analyse(document, options)
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
        # A valid header and %%EOF with garbage between is no PDF: the digest decides, not the shape.
        data = _unsealed(_PDF_MAGIC, path.read_bytes())
        if data is not None and data.startswith(b"%PDF-"):
            _touch(path)
            return data, True
    except OSError:
        pass
    data = render()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, _sealed(_PDF_MAGIC, data), durable=False)
    except OSError:
        pass  # an unwritable cache folder costs time on the next build, nothing else
    return data, False
