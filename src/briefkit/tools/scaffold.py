"""``briefkit init``: a starter ``briefkit.toml`` and a GitHub workflow that builds the briefing.

The workflow runs on a schedule and by hand: it installs briefkit, checks
readability (findings become annotations on the files), builds the briefing
even when the check failed (the job still fails), and uploads ``reports/``.
briefkit's analysis cache is kept between runs with ``actions/cache``, and the
dates of the briefing come from the last commit, so an unchanged repository
gives the same files.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError

CONFIG_NAME = "briefkit.toml"
WORKFLOW_PATH = Path(".github") / "workflows" / "briefing.yml"

STARTER_CONFIG = """\
# briefkit's configuration (https://pypi.org/project/briefkit/). Command-line flags win over it.
title = "Briefing"
output = "reports/briefing.pdf"
html = true
json = true
# algorithm = "lexrank"      # see: briefkit algorithms
# short = "3"                # sentences, a share ("20%") or a word budget ("120w")
# medium = "7"
# keep_reading_level = true  # summaries that read at their document's grade (some ROUGE lost)
# pdf_variant = "pdf/a-3b"   # archival, with the JSON attached; or "pdf/ua-1" (tagged, accessible)

[check]
max_grade = 12               # grade level (US school years); inf turns it off
min_ease = 50                # Flesch reading ease; -inf turns it off
max_sentence_words = 35      # 0 turns it off
format = "text"              # or "json", or "github" (workflow annotations)

# Other thresholds for some folders or files: globs or folders, from this file's folder.
# Later tables win.
# [[check.overrides]]
# paths = ["{inputs}legal/"]
# max_grade = 16
"""


def workflow(inputs: str = "docs/", install: str = "briefkit", cron: str = "30 5 * * 1-5",
             check_options: str = "") -> str:
    """The workflow text; ``install`` is what ``pip install`` is given."""
    folder = inputs.rstrip("/") + "/"
    check_options = f" {check_options}" if check_options else ""
    return f"""\
# Written by `briefkit init`. A scheduled and manual build of the briefing of {folder}
name: Briefing

on:
  schedule:
    - cron: "{cron}"
  workflow_dispatch:

permissions:
  contents: read

jobs:
  briefing:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4

      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"

      - name: Install Pango (WeasyPrint lays out the PDF with it)
        run: sudo apt-get update && sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0

      - name: Install briefkit
        run: python -m pip install {install}

      - name: Restore the analysis cache (unchanged documents are not summarised again)
        uses: actions/cache@v4
        with:
          path: ~/.cache/briefkit
          key: briefkit-${{{{ runner.os }}}}-${{{{ hashFiles('{folder}**') }}}}
          restore-keys: briefkit-${{{{ runner.os }}}}-

      - name: Date the briefing by the last commit (same inputs, same files)
        run: echo "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" >> "$GITHUB_ENV"

      - name: Check readability
        run: briefkit check {folder} --format github{check_options}

      - name: Build the briefing
        if: ${{{{ !cancelled() }}}}
        run: briefkit build {folder} -o reports/briefing.pdf --html --json

      - name: Upload reports/
        if: ${{{{ !cancelled() }}}}
        uses: actions/upload-artifact@v4
        with:
          name: briefing
          path: reports/
          if-no-files-found: error
"""


def init(directory: Path, inputs: str = "docs/", force: bool = False) -> list[Path]:
    """Write the starter files below ``directory``; refuse to overwrite unless ``force``."""
    if not directory.is_dir():
        raise UsageError(f"{directory}: not a folder")
    folder = inputs.rstrip("/") + "/"
    files = {directory / CONFIG_NAME: STARTER_CONFIG.replace("{inputs}", folder),
             directory / WORKFLOW_PATH: workflow(folder)}
    existing = [str(p) for p in files if p.exists()]
    if existing and not force:
        raise UsageError(f"{', '.join(existing)}: already there (use --force to overwrite)")
    from .._fs import atomic_write

    for path, text in files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, text)
        except OSError as exc:
            raise UsageError(f"{path}: cannot write it ({exc.strerror or exc})") from None
    return list(files)
