"""Shared paths and helpers for the tests (``from helpers import ...``; tests/ is on pytest's pythonpath).

Development data lives in ../shared/data beside the clone; tests that need it skip without it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "russian-troops-arrive-in-belarus.txt"
SAMPLES = ROOT / "tests" / "samples"
SHARED_DATA = Path(os.environ.get("BRIEFKIT_SHARED_DATA", ROOT.parent / "shared" / "data"))


def shared_data(*parts: str) -> Path:
    """A path in ../shared/data, or skip the test when that data is absent (a user's clone has none)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"development data not available: {path}")
    return path


def copy_seeds(target: Path) -> Path:
    shutil.copytree(SEEDS, target, ignore=shutil.ignore_patterns("README.md"))
    return target


def collect(inputs, settings=None, progress=None):
    """Every document of ``inputs`` analysed as ``build`` analyses it with ``settings`` (no overview, no
    rendering): :func:`briefkit.run.collect` with the settings' load and analysis options."""
    from briefkit.config import Settings
    from briefkit.run import collect as run_collect

    settings = settings or Settings()
    return run_collect(list(inputs), settings.load_options(), settings.analysis_options(), cache=settings.cache,
                       jobs=settings.jobs, progress=progress)


def overview_stage(reports, settings):
    """:func:`briefkit.overview.overview_stage` with the overview settings of ``settings``, as ``build`` calls it."""
    from briefkit.overview import overview_stage as stage

    return stage(reports, enabled=settings.overview, sentences=settings.overview_sentences,
                 language=settings.language, group_by=settings.group_by)


def briefing_json(inputs, settings=None):
    """The briefing ``build`` would write as JSON, without laying out the PDF or the HTML:
    collect, overview, assemble, render_json, the steps of :func:`briefkit.pipeline.build`."""
    from briefkit.assemble import assemble
    from briefkit.config import Settings
    from briefkit.render import render_json

    settings = settings or Settings()
    reports, problems = collect(inputs, settings)
    reports, overview = overview_stage(reports, settings)
    briefing = assemble(settings.title, settings.to_dict(), reports, problems, overview)
    return briefing, render_json(briefing)
