"""briefkit: turn a pile of documents into a PDF briefing.

The public API (docs/api.md), imported lazily so that ``briefkit --help`` starts fast::

    import briefkit
    briefkit.summarise(text, length=2).sentences          # a Summary
    briefkit.readability(text).grade                      # a Readability
    briefkit.build(["notes/"], write=False).rendered["pdf"]  # a briefing, in memory

The library never prints: results are returned, failures are raised as :class:`BriefkitError`
(:class:`UsageError` for a bad argument, :class:`DocumentError` for a text that cannot be used).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ._version import __version__

if TYPE_CHECKING:  # the names below, for type checkers; at run time they load on first use
    from .config import Settings, load_settings
    from .errors import BriefkitError, DocumentError, UsageError
    from .model import Briefing, Document, DocumentReport, Problem, Readability, Summary
    from .pipeline import BuildResult
    from .run import ProgressCallback

__all__ = [
    "Briefing", "BriefkitError", "BuildResult", "Document", "DocumentError", "DocumentReport", "Problem",
    "Readability", "Settings", "Summary", "UsageError", "__version__", "analyse", "build", "load_settings",
    "readability", "summarise",
]

# Lazy attributes: name -> the module that defines it.
_LAZY = {
    "Settings": "config", "load_settings": "config",
    "BriefkitError": "errors", "UsageError": "errors", "DocumentError": "errors",
    "Briefing": "model", "Document": "model", "DocumentReport": "model", "Problem": "model",
    "Readability": "model", "Summary": "model",
    "BuildResult": "pipeline",
}


if not TYPE_CHECKING:  # hidden from type checkers, so that a misspelt name is an error there too
    def __getattr__(name: str) -> Any:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'briefkit' has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(f".{module}", __name__), name)
        globals()[name] = value  # looked up once
        return value


def __dir__() -> list[str]:
    return sorted(__all__)


def _text_document(text: str) -> "Document":
    from .ingest import from_text

    return from_text(text)


def _text_settings(algorithm: str | None, language: str) -> "Settings":
    from .config import Settings

    changes: dict[str, Any] = {"language": language}
    if algorithm is not None:
        changes["algorithm"] = algorithm
    return Settings().replace(**changes)  # an unknown algorithm is a UsageError


def summarise(text: str, length: int | str = 3, algorithm: str | None = None,
              language: str = "english") -> "Summary":
    """An extractive summary of ``text``: ``length`` is a number of sentences (3), a share of the
    text ("20%") or a word budget ("120w"); ``algorithm`` one of ``briefkit algorithms`` (default:
    briefkit's own). The text is read as a plain-text file is: paragraphs at blank lines, a first
    short line without a full stop is the title and is not summarised."""
    from dataclasses import replace

    from .model import Length
    from .run import analyse as analyse_document

    Length.parse(length)  # a UsageError that names the bad length
    options = replace(_text_settings(algorithm, language).analysis_options(), short=str(length), medium=None,
                      measure=False, hardest_sentences=0)
    report = analyse_document(_text_document(text), options).short
    assert report is not None  # short was asked for
    return report.summary


def readability(text: str, language: str = "english") -> "Readability":
    """Every readability metric of ``text`` (``.grade`` is the headline grade, ``.scores`` one value
    per formula)."""
    from dataclasses import replace

    from .run import analyse as analyse_document

    options = replace(_text_settings(None, language).analysis_options(), short=None, medium=None,
                      hardest_sentences=0)
    metrics = analyse_document(_text_document(text), options).readability
    assert metrics is not None  # measure is on
    return metrics


def _is_path(value: str) -> bool:
    try:
        return "\n" not in value and Path(value).exists()
    except (OSError, ValueError):  # a name too long for the system, a NUL byte: text, not a path
        return False


def analyse(text_or_path: "str | os.PathLike[str] | Document", settings: "Settings | None" = None) -> "DocumentReport":
    """One document summarised (``settings.short`` and ``settings.medium``) and measured, as
    ``briefkit build`` does for each of its documents. A :class:`~pathlib.Path`, or a string naming a
    file that exists, is read as the command line reads it (any supported format); any other string
    is the text itself."""
    from .config import Settings
    from .errors import DocumentError, UsageError
    from .model import Document
    from .run import analyse as analyse_document

    settings = settings or Settings()
    if isinstance(text_or_path, Document):
        document = text_or_path
    elif isinstance(text_or_path, os.PathLike) or _is_path(text_or_path):
        from .ingest import discover, load

        name = os.fspath(text_or_path)
        files, problems = discover([name])
        if problems:
            raise UsageError(str(problems[0]))
        if len(files) != 1:
            raise UsageError(f"{name}: give one document, not a folder (briefkit.build reads folders)")
        try:
            document = load(files[0], settings.load_options())
        except DocumentError as exc:
            raise DocumentError(f"{name}: {exc}") from None
    else:
        document = _text_document(text_or_path)
    return analyse_document(document, settings.analysis_options())


def build(inputs: "str | os.PathLike[str] | Iterable[str | os.PathLike[str]]", settings: "Settings | None" = None,
          *, write: bool = True, progress: "ProgressCallback | None" = None) -> "BuildResult":
    """The briefing of ``inputs`` (files, folders, URLs, ``*.urls`` lists), as ``briefkit build``
    makes it. ``write=True`` writes ``settings.output`` (and the HTML and JSON it asks for);
    ``write=False`` writes nothing and puts the PDF (bytes), HTML and JSON (str) in
    ``result.rendered``. Documents that fail are in ``result.problems``; nothing usable at all is a
    :class:`UsageError`. ``progress(stage, source)`` is called as the work goes on."""
    from .pipeline import build as run_build

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    return run_build([os.fspath(item) for item in inputs], settings, progress, write=write)
