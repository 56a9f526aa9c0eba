"""``briefkit check``: a readability linter for CI.

Each document is measured (no summaries are made) against three thresholds:
the headline grade, the Flesch reading ease and the length of each sentence.
A broken threshold is a :class:`Finding` located by line in the source file,
printed as ``path:line: message``, as JSON, or as GitHub workflow annotations.
Thresholds come from the ``[check]`` table of the configuration, then the
``[[check.overrides]]`` whose ``paths`` match the document (later ones win),
then the command line.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterable

from ..config import CheckSettings, Settings
from ..errors import DocumentError, UsageError
from ..model import Document

RULE_GRADE = "max-grade"
RULE_EASE = "min-ease"
RULE_SENTENCE = "max-sentence-words"
RULE_HARDEST = "hardest-sentence"  # context for a grade or ease finding, not a threshold of its own
RULE_UNREADABLE = "unreadable"

QUOTE_WORDS = 12  # sentences are quoted up to this many words


@dataclass(frozen=True)
class Thresholds:
    max_grade: float
    min_ease: float
    max_sentence_words: int  # 0: off

    def to_dict(self) -> dict[str, Any]:
        # JSON has no infinity: a threshold that is off is null.
        return {k: (None if isinstance(v, float) and math.isinf(v) else v) for k, v in dataclasses.asdict(self).items()}


@dataclass
class Finding:
    source: str
    line: int
    rule: str
    message: str
    broken: bool = True  # False for context lines (the hardest sentences)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class DocumentResult:
    source: str
    thresholds: Thresholds
    grade: float | None = None
    ease: float | None = None
    longest_sentence_words: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not any(f.broken for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "passed": self.passed, "grade": self.grade, "ease": self.ease,
                "longest_sentence_words": self.longest_sentence_words, "thresholds": self.thresholds.to_dict(),
                "findings": [f.to_dict() for f in self.findings]}


@dataclass
class CheckResult:
    documents: list[DocumentResult]
    problems: list[Finding]

    @property
    def failed(self) -> list[DocumentResult]:
        return [d for d in self.documents if not d.passed]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed or self.problems else 0

    def findings(self) -> list[Finding]:
        return [f for d in self.documents for f in d.findings] + self.problems


# --------------------------------------------------------------------------- #
# Which thresholds apply to which document


def _relative(source: str, base: Path) -> str:
    """The document's path relative to ``base`` (the config file's folder), in / form."""
    path = Path(source)
    try:
        path = Path(os.path.relpath(path.resolve(), base.resolve()))
    except ValueError:  # another drive on Windows
        pass
    return PurePosixPath(path.as_posix()).as_posix()


def _matches(relative: str, pattern: str) -> bool:
    """A glob (``*`` crosses folders, as in fnmatch) or a folder that holds the document."""
    pattern = pattern.strip().removeprefix("./")
    if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(PurePosixPath(relative).name, pattern):
        return True
    folder = pattern.rstrip("/")
    return bool(folder) and not any(c in folder for c in "*?[") and relative.startswith(folder + "/")


def thresholds_for(source: str, check: CheckSettings, base: Path | None = None,
                   forced: dict[str, Any] | None = None) -> Thresholds:
    """The ``[check]`` values, then every matching override in order, then ``forced`` (command-line flags win)."""
    values = {"max_grade": check.max_grade, "min_ease": check.min_ease,
              "max_sentence_words": check.max_sentence_words}
    if source != "-":
        relative = _relative(source, base or Path.cwd())
        for override in check.overrides:
            if any(_matches(relative, p) for p in override.paths):
                values.update({k: getattr(override, k) for k in values if getattr(override, k) is not None})
    values.update({k: v for k, v in (forced or {}).items() if k in values and v is not None})
    return Thresholds(**values)


# --------------------------------------------------------------------------- #
# Sentences back to lines of the source file


def _quote(sentence: str) -> str:
    words = sentence.split()
    return " ".join(words[:QUOTE_WORDS]) + (" …" if len(words) > QUOTE_WORDS else "")


# Between two words of a sentence, in its source: spaces and punctuation, HTML tags, Markdown link targets.
_BETWEEN_WORDS = r"(?:<[^>]*>|\]\([^)]*\)|[\W_])+"


def locate(sentence: str, raw: str) -> int | None:
    """The 1-based line of ``raw`` where ``sentence`` begins, or None.

    The sentence was extracted from Markdown or HTML, so markup may sit
    between its words in the source: the words are matched with anything
    that is not a word between them, first all of its opening words, then
    fewer (a link or a tag in the middle breaks a longer match).
    """
    words = re.findall(r"\w+", sentence)
    for count in dict.fromkeys(min(n, len(words)) for n in (8, 4, 2)):
        if not count:
            break
        pattern = r"(?<!\w)" + _BETWEEN_WORDS.join(re.escape(w) for w in words[:count]) + r"(?!\w)"
        match = re.search(pattern, raw)
        if match:
            return raw.count("\n", 0, match.start()) + 1
    return None


# --------------------------------------------------------------------------- #
# The check itself


def _fmt(value: float) -> str:
    return f"{value:g}"


def check_options(settings: Settings):
    """The analysis a check needs: readability, no summaries. The hardest sentences are graded only
    for a document that breaks a threshold (they are context for its findings)."""
    return dataclasses.replace(settings.analysis_options(), short=None, medium=None, hardest_sentences=0)


def check_document(document: Document, raw: str | None, thresholds: Thresholds, settings: Settings) -> DocumentResult:
    from ..measure import hardest_sentences
    from ..run import analyse, parse

    source = document.source
    options = check_options(settings)
    parsed = parse(document, options)
    report = analyse(document, options, parsed)
    sentences = list(parsed.sentences)
    metrics = report.readability
    result = DocumentResult(source, thresholds, grade=metrics.grade, ease=metrics.flesch_reading_ease)

    def line_of(sentence: str) -> int:
        return (locate(sentence, raw) if raw is not None else None) or 1

    document_level = []
    if metrics.grade is not None and metrics.grade > thresholds.max_grade:
        document_level.append(Finding(source, 1, RULE_GRADE,
                                      f"grade {_fmt(metrics.grade)} is above the maximum {_fmt(thresholds.max_grade)} "
                                      f"({metrics.band}; {metrics.words:,} words, {len(sentences)} sentences)"))
    ease = metrics.flesch_reading_ease
    if ease is not None and ease < thresholds.min_ease:
        document_level.append(Finding(source, 1, RULE_EASE,
                                      f"reading ease {_fmt(ease)} is below the minimum {_fmt(thresholds.min_ease)} "
                                      f"({metrics.ease_band.lower()})"))
    result.findings += document_level
    if document_level:
        for hard in hardest_sentences(sentences, max(1, settings.hardest_sentences)):
            result.findings.append(Finding(source, line_of(hard.text), RULE_HARDEST,
                                           f"hardest sentence: grade {_fmt(hard.grade)}, {hard.words} words: "
                                           f"\"{_quote(hard.text)}\"", broken=False))
    lengths = [len(s.split()) for s in sentences]
    result.longest_sentence_words = max(lengths, default=0)
    if thresholds.max_sentence_words:
        for sentence, words in zip(sentences, lengths):
            if words > thresholds.max_sentence_words:
                result.findings.append(Finding(source, line_of(sentence), RULE_SENTENCE,
                                               f"sentence of {words} words is over the maximum "
                                               f"{thresholds.max_sentence_words}: \"{_quote(sentence)}\""))
    result.findings.sort(key=lambda f: (f.line, not f.broken))
    return result


def run(inputs: Iterable[str], settings: Settings, config_dir: Path | None = None,
        forced: dict[str, Any] | None = None) -> CheckResult:
    """Check every document of ``inputs``; raise UsageError when there is nothing to check.

    ``config_dir`` is where the paths of ``[[check.overrides]]`` start (the
    configuration file's folder); ``forced`` holds thresholds given on the
    command line, which win over every override.
    """
    from ..ingest import decode, discover, load, read_bytes
    from ..run import one_document

    inputs = list(inputs)
    if not inputs:
        raise UsageError("no inputs given: name files or folders to check (or - for standard input)")
    files, missing = discover(inputs)
    problems = [Finding(p.source, 1, RULE_UNREADABLE, p.message) for p in missing]
    documents: list[DocumentResult] = []
    for item in files:
        try:
            with one_document("read"):
                document = load(item, settings.load_options())
        except DocumentError as exc:
            problems.append(Finding(item.source, 1, RULE_UNREADABLE, str(exc)))
            continue
        raw = None
        if item.path is not None:  # standard input cannot be read twice: its findings are on line 1
            try:
                raw = decode(read_bytes(item, settings.max_bytes))
            except DocumentError:
                raw = None
        thresholds = thresholds_for(item.source, settings.check, config_dir, forced)
        try:
            with one_document("analyse"):
                documents.append(check_document(document, raw, thresholds, settings))
        except DocumentError as exc:
            problems.append(Finding(document.source, 1, RULE_UNREADABLE, str(exc)))
    if not documents and not files:
        detail = "; ".join(f"{p.source}: {p.message}" for p in problems[:3]) or "no supported files found"
        raise UsageError(f"nothing to check ({detail})")
    return CheckResult(documents, problems)


# --------------------------------------------------------------------------- #
# Output


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_text(result: CheckResult) -> list[str]:
    return [f"{f.source}:{f.line}: {'' if f.broken else 'note: '}{f.message} [{f.rule}]" for f in result.findings()]


def _workspace_path(source: str) -> str:
    """GitHub attaches an annotation to a file by its path in the repository: relative to the working folder."""
    path = Path(source)
    if path.is_absolute():
        try:
            return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return source
    return path.as_posix()


def format_github(result: CheckResult) -> list[str]:
    """GitHub workflow commands: a warning per broken threshold, a notice per hardest sentence."""
    lines = []
    for f in result.findings():
        level = "error" if f.rule == RULE_UNREADABLE else ("warning" if f.broken else "notice")
        props = f"file={_escape_property(_workspace_path(f.source))},line={f.line},title={_escape_property('briefkit ' + f.rule)}"
        lines.append(f"::{level} {props}::{_escape_data(f.message)}")
    return lines


def format_json(result: CheckResult) -> list[str]:
    data = {"passed": result.exit_code == 0, "documents": [d.to_dict() for d in result.documents],
            "failed": len(result.failed), "problems": [p.to_dict() for p in result.problems]}
    return [json.dumps(data, ensure_ascii=False, indent=2)]


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}


def summary_line(result: CheckResult) -> str:
    checked = len(result.documents)
    line = (f"{checked} document{'s' if checked != 1 else ''} checked, "
            f"{len(result.failed)} broke a threshold")
    if result.problems:
        line += f", {len(result.problems)} could not be read"
    return line
