"""Shared fixtures; the shared paths and helpers are in helpers.py."""

from __future__ import annotations

import os

import pytest

from helpers import SEED_ARTICLE, SEEDS


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    """Each test session provisions its own NLTK data, as a fresh machine would."""
    cache = tmp_path_factory.mktemp("briefkit-cache")
    old = os.environ.get("BRIEFKIT_CACHE_DIR")
    os.environ["BRIEFKIT_CACHE_DIR"] = str(cache)
    yield cache
    if old is None:
        os.environ.pop("BRIEFKIT_CACHE_DIR", None)
    else:
        os.environ["BRIEFKIT_CACHE_DIR"] = old


@pytest.fixture(autouse=True)
def _fresh_build_cache(tmp_path_factory, monkeypatch):
    """Each test starts with an empty analysis and PDF cache (run/cache.py): what one test
    built, perhaps with something patched, must not answer another test's build."""
    monkeypatch.setenv("BRIEFKIT_CACHE_DIR", str(tmp_path_factory.mktemp("build-cache")))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_doc(seed_text):
    """The seed article parsed as the pipeline parses it (title line, paragraphs)."""
    from briefkit.ingest.formats.text import parse_text
    from briefkit.text import ParsedDocument

    title, paragraphs, _ = parse_text(seed_text)
    return ParsedDocument(paragraphs, title)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The sample briefing, built once through the CLI with HTML and JSON beside the PDF."""
    from click.testing import CliRunner

    from briefkit.cli import cli

    out = tmp_path_factory.mktemp("seed-build")
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(SEEDS), "-o", str(out / "briefing.pdf"), "--html", "--json",
                                 "--title", "Seed briefing", "--author", "Test Desk"])
    assert result.exit_code == 0, result.output
    return {"dir": out, "pdf": out / "briefing.pdf", "html": out / "briefing.html", "json": out / "briefing.json",
            "result": result}


@pytest.fixture
def corpus(tmp_path):
    """A folder to put test documents in."""
    return tmp_path
