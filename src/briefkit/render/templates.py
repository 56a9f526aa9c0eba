"""The template folder: the one shipped in the wheel, or a user's own (trusted code)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import UsageError

TEMPLATE_NAME = "briefing.html.j2"


def default_template_dir() -> Path:
    """The template shipped inside the package, or the repository's ``templates/``."""
    package = Path(__file__).resolve().parents[1]  # briefkit/, where the wheel puts templates/
    for candidate in (package / "templates", package.parents[1] / "templates"):  # or the repository's
        if (candidate / TEMPLATE_NAME).is_file():
            return candidate
    raise UsageError("the default template is missing from this installation of briefkit; reinstall it")


def template_dir(custom: str | os.PathLike | None) -> Path:
    if custom is None:
        return default_template_dir()
    folder = Path(custom)
    if not (folder / TEMPLATE_NAME).is_file():
        raise UsageError(f"{folder}: not a briefkit template folder (it needs a {TEMPLATE_NAME})")
    return folder.resolve()
