"""Configuration: one typed object, read once, validated, passed down.

Sources, later ones winning: built-in defaults, a configuration file
(``briefkit.toml``, or ``[tool.briefkit]`` in ``pyproject.toml``, found by
walking up from the working directory, or the file given with ``--config``),
then command-line flags.
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
from .summarise import DEFAULT_ALGORITHM

PAGE_SIZES = ("A4", "letter")


@dataclass(frozen=True)
class Settings:
    output: str = "reports/briefing.pdf"
    title: str = "Briefing"
    author: str = "briefkit"
    subject: str = "Summaries and readability of the documents"
    keywords: tuple[str, ...] = ()
    algorithm: str = DEFAULT_ALGORITHM
    short: str = "3"
    medium: str = "7"
    language: str = "english"
    template: str | None = None
    html: bool = False
    json: bool = False
    page_size: str = "A4"
    max_bytes: int = 20 * 1024 * 1024
    hardest_sentences: int = 3
    jobs: int = 0  # worker processes for load, summarise and measure; 0 = one per core

    def replace(self, **changes: Any) -> "Settings":
        return validate(dataclasses.replace(self, **changes))

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["keywords"] = list(self.keywords)
        # How many processes ran is not part of the briefing: the same inputs give the same JSON.
        data.pop("jobs", None)
        return data


def _expected_type(name: str) -> type:
    return {f.name: f.type for f in fields(Settings)}[name]


def validate(settings: Settings, origin: str = "settings") -> Settings:
    """Check values that types alone do not catch; raise one clear error."""
    from .summarise import ALGORITHMS, Length

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
    if settings.max_bytes < 1:
        raise UsageError(f"{origin}: max_bytes must be a positive number of bytes")
    if settings.jobs < 0:
        raise UsageError(f"{origin}: jobs must be 0 (one per core) or a positive number of processes")
    if not 0 <= settings.hardest_sentences <= 50:
        raise UsageError(f"{origin}: hardest_sentences must be between 0 and 50")
    return settings


def _coerce(key: str, value: Any, origin: str) -> Any:
    kind = _expected_type(key)
    text = str(kind)
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
    if key in ("short", "medium") and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise UsageError(f"{origin}: {key} must be a string, not {value!r}")
    return value


def from_mapping(data: dict[str, Any], origin: str, base: Settings | None = None) -> Settings:
    known = [f.name for f in fields(Settings)]
    changes: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        if key not in known:
            hint = difflib.get_close_matches(key, known, n=1)
            raise UsageError(
                f"{origin}: unknown key {raw_key!r}" + (f" (did you mean {hint[0]!r}?)" if hint else "")
            )
        changes[key] = _coerce(key, value, origin)
    return validate(dataclasses.replace(base or Settings(), **changes), origin)


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
