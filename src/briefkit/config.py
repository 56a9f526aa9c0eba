"""Configuration: one typed object, read once, validated, passed down.

Sources, later ones winning: built-in defaults, a configuration file
(``briefkit.toml``, or ``[tool.briefkit]`` in ``pyproject.toml``, found by
walking up from the working directory, or the file given with ``--config``),
then command-line flags.

Each field of :class:`Settings` says which part of a run it shapes (``stage`` in its metadata):
``load`` (how inputs are read), ``analysis`` (what each document's analysis computes, and so the
analysis cache's key), ``output`` (what the briefing shows and where it goes) or ``run`` (how the
command runs: processes, caches, progress, the other commands' tables). The stages never see
``Settings``: they get :meth:`Settings.load_options` and :meth:`Settings.analysis_options`.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import UsageError
from .model import DEFAULT_ALGORITHM, AnalysisOptions, Length, LoadOptions

PAGE_SIZES = ("A4", "letter")
LAYOUTS = ("auto", "full", "compact")
PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1")
CHECK_FORMATS = ("text", "json", "github")


@dataclass(frozen=True)
class CheckOverride:
    """Thresholds for the documents that match ``paths`` (globs or folders, relative to the config file)."""

    paths: tuple[str, ...] = ()
    max_grade: float | None = None
    min_ease: float | None = None
    max_sentence_words: int | None = None


@dataclass(frozen=True)
class CheckSettings:
    """``briefkit check``: the ``[check]`` table. ``inf``/``-inf``/0 turn a threshold off."""

    max_grade: float = 12.0
    min_ease: float = 50.0
    max_sentence_words: int = 35
    format: str = "text"
    overrides: tuple[CheckOverride, ...] = ()


@dataclass(frozen=True)
class SummariseSettings:
    """``briefkit summarise``: the ``[summarise]`` table."""

    length: str = "3"
    json: bool = False
    jsonl: bool = False  # one JSON object per line, whatever the number of inputs


@dataclass(frozen=True)
class ReadabilitySettings:
    """``briefkit readability``: the ``[readability]`` table."""

    json: bool = False
    jsonl: bool = False  # one JSON object per line, whatever the number of inputs


@dataclass(frozen=True)
class EvaluateSettings:
    """``briefkit evaluate``: the ``[evaluate]`` table."""

    algorithms: str = ""  # names separated by commas, or "all"; empty: the default algorithm
    length: int = 3
    json: bool = False
    limit: int | None = None


@dataclass(frozen=True)
class ExtractSettings:
    """``briefkit extract``: the ``[extract]`` table."""

    json: bool = False


# Fields of Settings that are tables of their own in the configuration file.
TABLES: dict[str, type] = {"check": CheckSettings, "summarise": SummariseSettings, "readability": ReadabilitySettings,
                           "extract": ExtractSettings, "evaluate": EvaluateSettings}


def _setting(default: Any = None, stage: str = "output", *, factory: Any = None) -> Any:
    """A field of :class:`Settings` with the part of a run it shapes (see the module's docstring)."""
    if factory is not None:
        return field(default_factory=factory, metadata={"stage": stage})
    return field(default=default, metadata={"stage": stage})


STAGES = ("load", "analysis", "output", "run")

# The sane ranges of the numeric settings (docs/security.md lists them).
MAX_BYTES_LIMIT = 2 * 1024 * 1024 * 1024
MAX_JOBS = 256


@dataclass(frozen=True)
class Settings:
    output: str = _setting("reports/briefing.pdf")
    title: str = _setting("Briefing")
    author: str = _setting("briefkit")
    subject: str = _setting("Summaries and readability of the documents")
    keywords: tuple[str, ...] = _setting(())
    algorithm: str = _setting(DEFAULT_ALGORITHM, "analysis")
    short: str = _setting("3", "analysis")
    medium: str = _setting("7", "analysis")
    # Choose the summaries to read at their document's grade, at some cost in ROUGE on news
    # (docs/benchmarks.md, issue 3): for readers who need the text's level, not only its gist.
    keep_reading_level: bool = _setting(False, "analysis")
    language: str = _setting("english", "analysis")
    template: str | None = _setting(None)
    html: bool = _setting(False)
    json: bool = _setting(False)
    page_size: str = _setting("A4")
    max_bytes: int = _setting(20 * 1024 * 1024, "load")
    hardest_sentences: int = _setting(3, "analysis")
    # Reader for every input ("auto" chooses by content and extension; see briefkit.ingest.formats).
    input_format: str = _setting("auto", "load")
    # Seconds to wait for a URL the user named before it becomes a problem entry.
    fetch_timeout: int = _setting(20, "load")
    quiet: bool = _setting(False, "run")
    cache: bool = _setting(True, "run")
    pdf_variant: str | None = _setting(None)
    check: CheckSettings = _setting(stage="run", factory=CheckSettings)
    summarise: SummariseSettings = _setting(stage="run", factory=SummariseSettings)
    readability: ReadabilitySettings = _setting(stage="run", factory=ReadabilitySettings)
    extract: ExtractSettings = _setting(stage="run", factory=ExtractSettings)
    evaluate: EvaluateSettings = _setting(stage="run", factory=EvaluateSettings)
    overview: bool = _setting(True)
    overview_sentences: int = _setting(7)
    group_by: str = _setting("story")  # story, folder or none: the order of the document sections
    # full: every document on its own page with all its metrics; compact: documents flow, each with
    # its short summary and headline figures; auto: compact from assemble.COMPACT_FROM documents on.
    layout: str = _setting("auto")
    jobs: int = _setting(0, "run")  # worker processes for load, summarise and measure; 0 = one per core

    def replace(self, **changes: Any) -> "Settings":
        return validate(dataclasses.replace(self, **changes))

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["keywords"] = list(self.keywords)
        for key in NOT_IN_BRIEFING:
            data.pop(key, None)
        return data

    def load_options(self) -> LoadOptions:
        """How every command reads its inputs."""
        return LoadOptions(max_bytes=self.max_bytes, input_format=self.input_format,
                           fetch_timeout=float(self.fetch_timeout))

    def analysis_options(self) -> AnalysisOptions:
        """What ``briefkit build`` computes for each document (the other commands start from it)."""
        return AnalysisOptions(language=self.language, algorithm=self.algorithm.lower(), short=self.short,
                               medium=self.medium, keep_reading_level=self.keep_reading_level,
                               hardest_sentences=self.hardest_sentences)


def stage_of(name: str) -> str:
    """The part of a run a setting shapes: load, analysis, output or run."""
    return {f.name: f.metadata["stage"] for f in fields(Settings)}[name]


# Keys that change how a command runs but not what the briefing says: kept out of
# the briefing's JSON so that, say, a cached and an uncached build are byte-identical.
# How many processes ran is not part of the briefing either: the same inputs give the same JSON.
NOT_IN_BRIEFING = ("quiet", "cache", "check", "summarise", "readability", "extract", "evaluate", "jobs")


def _expected_type(name: str, cls: type = None) -> type:
    return {f.name: f.type for f in fields(cls or Settings)}[name]


def all_keys() -> list[str]:
    """Every key the configuration file accepts, tables dotted (``check.max_grade``)."""
    keys = []
    for f in fields(Settings):
        if f.name in TABLES:
            keys += [f"{f.name}.{g.name}" for g in fields(TABLES[f.name])]
            if f.name == "check":
                keys += [f"check.overrides.{g.name}" for g in fields(CheckOverride)]
        else:
            keys.append(f.name)
    return keys


def _unknown_key(origin: str, raw_key: str, dotted: str) -> UsageError:
    """One line naming the file, the key and, where one is close, the key that was probably meant."""
    candidates = all_keys()
    leaf = dotted.rsplit(".", 1)[-1]
    # A key in the wrong table ("max_grade" at the top) is found by its last part.
    hint = [k for k in candidates if k.rsplit(".", 1)[-1] == leaf and k != dotted]
    hint = hint or difflib.get_close_matches(dotted, candidates, n=1, cutoff=0.7)
    hint = hint or difflib.get_close_matches(leaf, candidates, n=1, cutoff=0.7)
    if not hint:  # a misspelt key inside a table: compare with that table's keys only
        prefix = dotted.rsplit(".", 1)[0] + "." if "." in dotted else ""
        same_table = [k.rsplit(".", 1)[-1] for k in candidates if prefix and k.startswith(prefix)]
        close = difflib.get_close_matches(leaf, same_table, n=1, cutoff=0.6)
        hint = [prefix + close[0]] if close else []
    shown = dotted if dotted != raw_key.replace("-", "_") else raw_key
    return UsageError(f"{origin}: unknown key {shown!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""))


def validate(settings: Settings, origin: str = "settings") -> Settings:
    """Check values that types alone do not catch; raise one clear error."""
    from .summarisers import ALGORITHMS  # down the layers; the table imports numpy, so only when validating

    if settings.algorithm.lower() not in ALGORITHMS:
        hint = difflib.get_close_matches(settings.algorithm.lower(), ALGORITHMS, n=1)
        raise UsageError(
            f"{origin}: unknown algorithm {settings.algorithm!r}"
            + (f" (did you mean {hint[0]!r}?)" if hint else f"; choose one of {', '.join(sorted(ALGORITHMS))}")
        )
    for name in ("short", "medium"):
        try:
            Length.parse(getattr(settings, name))
        except UsageError as exc:
            raise UsageError(f"{origin}: {name}: {exc}") from None
    if settings.page_size.lower() not in {p.lower() for p in PAGE_SIZES}:
        raise UsageError(f"{origin}: page_size must be one of {', '.join(PAGE_SIZES)}, not {settings.page_size!r}")
    if not 1 <= settings.max_bytes <= MAX_BYTES_LIMIT:
        # Above 2 GiB one read would not fit in memory next to its text (and Python's read raises
        # OverflowError or MemoryError for the largest numbers): refuse it here, in one line.
        raise UsageError(f"{origin}: max_bytes must be between 1 and {MAX_BYTES_LIMIT:,} bytes (2 GiB), "
                         f"not {settings.max_bytes:,}")
    from .ingest.formats import INPUT_FORMATS

    if settings.input_format not in INPUT_FORMATS:
        raise UsageError(f"{origin}: input_format must be one of {', '.join(INPUT_FORMATS)}, "
                         f"not {settings.input_format!r}")
    if not 1 <= settings.fetch_timeout <= 600:
        raise UsageError(f"{origin}: fetch_timeout must be between 1 and 600 seconds")
    if not 0 <= settings.jobs <= MAX_JOBS:
        raise UsageError(f"{origin}: jobs must be 0 (one per core) or a number of processes up to {MAX_JOBS}")
    if not 0 <= settings.hardest_sentences <= 50:
        raise UsageError(f"{origin}: hardest_sentences must be between 0 and 50")
    if settings.pdf_variant is not None and settings.pdf_variant.lower() not in PDF_VARIANTS:
        hint = difflib.get_close_matches(settings.pdf_variant.lower(), PDF_VARIANTS, n=1)
        raise UsageError(f"{origin}: pdf_variant must be one of {', '.join(PDF_VARIANTS)}, not {settings.pdf_variant!r}"
                         + (f" (did you mean {hint[0]!r}?)" if hint else ""))
    if settings.check.format not in CHECK_FORMATS:
        raise UsageError(f"{origin}: check.format must be one of {', '.join(CHECK_FORMATS)}, "
                         f"not {settings.check.format!r}")
    for name in ("max_sentence_words",):
        if not 0 <= getattr(settings.check, name) <= 1_000_000:
            raise UsageError(f"{origin}: check.{name} must be between 0 (off) and 1,000,000")
    for name in ("max_grade", "min_ease"):
        value = getattr(settings.check, name)
        if not isinstance(value, (int, float)) or value != value:  # NaN compares false with every threshold
            raise UsageError(f"{origin}: check.{name} must be a number (inf and -inf turn it off), not {value!r}")
    if not 1 <= settings.evaluate.length <= 1000:
        raise UsageError(f"{origin}: evaluate.length must be between 1 and 1000 sentences")
    if settings.evaluate.limit is not None and not 0 <= settings.evaluate.limit <= 10_000_000:
        raise UsageError(f"{origin}: evaluate.limit must be between 0 and 10,000,000")
    try:
        Length.parse(settings.summarise.length)
    except UsageError as exc:
        raise UsageError(f"{origin}: summarise.length: {exc}") from None
    if not 0 <= settings.overview_sentences <= 50:
        raise UsageError(f"{origin}: overview_sentences must be between 0 and 50")
    if settings.layout.lower() not in LAYOUTS:
        raise UsageError(f"{origin}: layout must be one of {', '.join(LAYOUTS)}, not {settings.layout!r}")
    if settings.group_by.lower() not in ("story", "folder", "none"):
        raise UsageError(f"{origin}: group_by must be one of story, folder, none, not {settings.group_by!r}")
    return settings


def _coerce(key: str, value: Any, origin: str, cls: type = None) -> Any:
    kind = _expected_type(key.rsplit(".", 1)[-1], cls)
    text = str(kind)
    if text.startswith("float"):
        if value is None and "None" in text:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise UsageError(f"{origin}: {key} must be a number, not {value!r}")
        return float(value)
    if text == "int | None" and value is None:
        return None
    if text == "int | None":
        text = "int"
    if "tuple" in text:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"{origin}: {key} must be a list of strings")
        return tuple(value)
    if text == "bool":
        if not isinstance(value, bool):
            raise UsageError(f"{origin}: {key} must be true or false, not {value!r}")
        return value
    if text == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise UsageError(f"{origin}: {key} must be a whole number, not {value!r}")
        return value
    if key.rsplit(".", 1)[-1] in ("short", "medium", "length") and isinstance(value, int) \
            and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise UsageError(f"{origin}: {key} must be a string, not {value!r}")
    return value


def _table(cls: type, data: Any, origin: str, base: Any, prefix: str) -> Any:
    """One table of the configuration (``[check]``, ``[[check.overrides]]``...) merged over ``base``."""
    if not isinstance(data, dict):
        raise UsageError(f"{origin}: {prefix.rstrip('.')} must be a table")
    known = [f.name for f in fields(cls)]
    changes: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        if key not in known:
            raise _unknown_key(origin, raw_key, prefix + key)
        if cls is CheckSettings and key == "overrides":
            if isinstance(value, dict):
                value = [value]
            if not isinstance(value, list):
                raise UsageError(f"{origin}: check.overrides must be a list of tables ([[check.overrides]])")
            overrides = []
            for item in value:
                override = _table(CheckOverride, item, origin, CheckOverride(), "check.overrides.")
                if not override.paths:
                    raise UsageError(f"{origin}: every [[check.overrides]] needs paths = [\"folder/\", \"*.md\"]")
                overrides.append(override)
            changes[key] = tuple(overrides)
            continue
        changes[key] = _coerce(prefix + key, value, origin, cls)
    return dataclasses.replace(base, **changes)


def from_mapping(data: dict[str, Any], origin: str, base: Settings | None = None) -> Settings:
    base = base or Settings()
    known = [f.name for f in fields(Settings)]
    changes: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        if key not in known:
            raise _unknown_key(origin, raw_key, key)
        if key in TABLES:
            changes[key] = _table(TABLES[key], value, origin, getattr(base, key), key + ".")
            continue
        changes[key] = _coerce(key, value, origin)
    return validate(dataclasses.replace(base, **changes), origin)


def find_config_file(start: Path | None = None) -> Path | None:
    """``briefkit.toml``, or a ``pyproject.toml`` with ``[tool.briefkit]``, walking upward."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "briefkit.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "briefkit" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                    return pyproject
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                continue
    return None


def load_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the configuration file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("briefkit", {})
    if not isinstance(data, dict):
        raise UsageError(f"{path}: [tool.briefkit] must be a table")
    return data


def load_settings(config: str | os.PathLike | None = None, overrides: dict[str, Any] | None = None,
                  search: bool = True) -> tuple[Settings, Path | None]:
    """Defaults, then the configuration file, then ``overrides`` (CLI flags that were given)."""
    path = Path(config) if config else (find_config_file() if search else None)
    settings = Settings()
    if path is not None:
        settings = from_mapping(load_file(path), str(path), settings)
    if overrides:
        clean = {k: v for k, v in overrides.items() if v is not None}
        settings = from_mapping(clean, "command line", settings)
    return settings, path
