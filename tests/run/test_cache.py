"""Incremental builds: unchanged documents come from the cache, identical output, corrupt entries rebuilt."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from briefkit import cache, pipeline
from briefkit.cli import cli
from briefkit.config import Settings

from conftest import copy_seeds


@pytest.fixture
def cache_root(tmp_path, monkeypatch):
    root = tmp_path / "cache"
    monkeypatch.setenv("BRIEFKIT_CACHE_DIR", str(root))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return root


@pytest.fixture
def counted_analyse(monkeypatch):
    """Counts the real analyses (summarisation work) that a build does."""
    calls = []
    real = pipeline.analyse

    def analyse(document, settings):
        calls.append(document.source)
        return real(document, settings)

    monkeypatch.setattr(pipeline, "analyse", analyse)
    return calls


def build(inputs, out, *flags):
    return CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "--json", *flags])


def test_unchanged_build_does_no_summarisation_and_says_so(tmp_path, cache_root, counted_analyse):
    seeds = copy_seeds(tmp_path / "seeds")
    first = build(seeds, tmp_path / "a.pdf")
    assert first.exit_code == 0, first.output
    assert len(counted_analyse) == 3 and "from the cache" not in first.stderr
    assert len(list((cache_root / "analysis").rglob("*.pickle"))) == 3

    second = build(seeds, tmp_path / "b.pdf")
    assert second.exit_code == 0, second.output
    assert len(counted_analyse) == 3  # no new analysis
    assert "3 from the cache" in second.stderr
    # The cached build writes the same briefing, byte for byte.
    assert (tmp_path / "a.json").read_text().replace("a.pdf", "b.pdf") == (tmp_path / "b.json").read_text()

    # One changed document is analysed again; the other two still come from the cache.
    target = seeds / "russian-troops-arrive-in-belarus.txt"
    target.write_text(target.read_text() + "\n\nA new closing paragraph was added today.\n")
    third = build(seeds, tmp_path / "c.pdf")
    assert counted_analyse[3:] == [str(target)]
    assert "2 from the cache" in third.stderr


def test_settings_that_shape_the_analysis_are_in_the_key(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    from briefkit.ingest import load, discover

    document = load(discover([str(seeds / "russian-troops-arrive-in-belarus.txt")])[0][0])
    base = Settings()
    assert cache.key_for(document, base) == cache.key_for(document, base.replace(title="Other", html=True))
    assert cache.key_for(document, base) != cache.key_for(document, base.replace(algorithm="textrank"))
    assert cache.key_for(document, base) != cache.key_for(document, base.replace(short="5"))
    document.paragraphs = document.paragraphs[:-1]
    assert cache.key_for(document, base) != cache.key_for(load(discover([str(seeds / "russian-troops-arrive-in-belarus.txt")])[0][0]), base)


def test_no_cache_analyses_everything(tmp_path, cache_root, counted_analyse):
    seeds = copy_seeds(tmp_path / "seeds")
    assert build(seeds, tmp_path / "a.pdf").exit_code == 0
    result = build(seeds, tmp_path / "b.pdf", "--no-cache")
    assert result.exit_code == 0
    assert len(counted_analyse) == 6 and "from the cache" not in result.stderr


@pytest.mark.parametrize("damage", [b"", b"garbage", cache._MAGIC + b"\x80\x04not a pickle",
                                    cache._MAGIC + b"\x80\x04\x95"])
def test_corrupt_entry_is_ignored_and_rebuilt(tmp_path, cache_root, counted_analyse, damage):
    seeds = copy_seeds(tmp_path / "seeds")
    assert build(seeds, tmp_path / "a.pdf").exit_code == 0
    entries = sorted((cache_root / "analysis").rglob("*.pickle"))
    entries[0].write_bytes(damage)
    result = build(seeds, tmp_path / "b.pdf")
    assert result.exit_code == 0, result.output
    assert len(counted_analyse) == 4 and "2 from the cache" in result.stderr
    assert entries[0].read_bytes().startswith(cache._MAGIC) and len(entries[0].read_bytes()) > 100
    data = json.loads((tmp_path / "b.json").read_text())
    assert data["totals"]["documents"] == 3


def test_unwritable_cache_folder_is_not_fatal(tmp_path, monkeypatch, counted_analyse):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BRIEFKIT_CACHE_DIR", str(blocker))
    seeds = copy_seeds(tmp_path / "seeds")
    assert build(seeds, tmp_path / "a.pdf").exit_code == 0
    assert build(seeds, tmp_path / "b.pdf").exit_code == 0
    assert len(counted_analyse) == 6


def test_unchanged_html_takes_the_pdf_from_the_cache(tmp_path, cache_root, monkeypatch):
    from briefkit import render

    seeds = copy_seeds(tmp_path / "seeds")
    assert build(seeds, tmp_path / "a.pdf").exit_code == 0
    renders = []
    real = render.render_pdf
    monkeypatch.setattr(render, "render_pdf", lambda *a, **k: renders.append(1) or real(*a, **k))
    second = build(seeds, tmp_path / "a.pdf")
    assert second.exit_code == 0 and renders == [] and "(PDF unchanged)" in second.stderr
    first_bytes = (tmp_path / "a.pdf").read_bytes()
    # A damaged PDF entry is rendered again; so is a build with another title.
    for entry in (cache_root / "pdf").rglob("*.pdf"):
        entry.write_bytes(b"%PDF-1.7 cut short")
    assert build(seeds, tmp_path / "a.pdf").exit_code == 0 and len(renders) == 1
    assert (tmp_path / "a.pdf").read_bytes() == first_bytes
    assert build(seeds, tmp_path / "a.pdf", "--title", "Another").exit_code == 0 and len(renders) == 2
    assert build(seeds, tmp_path / "a.pdf", "--title", "Another", "--no-cache").exit_code == 0
    assert len(renders) == 3


def test_entries_unused_for_a_month_are_pruned(tmp_path, cache_root):
    import os
    import time

    seeds = copy_seeds(tmp_path / "seeds")
    assert build(seeds, tmp_path / "a.pdf").exit_code == 0
    entries = sorted((cache_root / "analysis").rglob("*.pickle")) + sorted((cache_root / "pdf").rglob("*.pdf"))
    assert len(entries) == 4
    old = time.time() - 31 * 86400
    for entry in entries[:2]:
        os.utime(entry, (old, old))
    assert cache.prune(cache_root, 30) == 2
    assert [e.exists() for e in entries] == [False, False, True, True]
