"""Incremental builds: unchanged documents come from the cache, identical output, corrupt entries rebuilt."""

from __future__ import annotations

import importlib
import json
import pickle

import pytest
from click.testing import CliRunner

from briefkit.cli import cli
from briefkit.config import Settings
from briefkit.run import cache

from helpers import collect, copy_seeds

# The module, not the function: briefkit.run's name "analyse" is the function it re-exports.
analyse_module = importlib.import_module("briefkit.run.unit")


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
    real = analyse_module.analyse

    def analyse(document, options=None, parsed=None):
        calls.append(document.source)
        return real(document, options, parsed)

    monkeypatch.setattr(analyse_module, "analyse", analyse)
    return calls


def entry_data(path) -> dict:
    """An analysis entry read back: the magic line, the digest of the content, then JSON (never a pickle)."""
    raw = path.read_bytes()
    assert raw.startswith(cache._MAGIC), raw[:40]
    payload = cache._unsealed(cache._MAGIC, raw)
    assert payload is not None, "the digest does not match the content"
    return json.loads(payload.decode("utf-8"))


def build(inputs, out, *flags):
    return CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "--json", *flags])


def test_unchanged_build_does_no_summarisation_and_says_so(tmp_path, cache_root, counted_analyse):
    seeds = copy_seeds(tmp_path / "seeds")
    first = build(seeds, tmp_path / "a.pdf")
    assert first.exit_code == 0, first.output
    assert len(counted_analyse) == 3 and "from the cache" not in first.stderr
    entries = list((cache_root / "analysis").rglob("*"))
    entries = [e for e in entries if e.is_file()]
    assert len(entries) == 3 and all(e.suffix == ".json" for e in entries)
    assert all(isinstance(entry_data(e)["sentence_count"], int) for e in entries)

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
    from briefkit.ingest import discover, load

    def key(document, settings):
        return cache.key_for(document, settings.analysis_options())

    document = load(discover([str(seeds / "russian-troops-arrive-in-belarus.txt")])[0][0])
    base = Settings()
    assert key(document, base) == key(document, base.replace(title="Other", html=True))
    assert key(document, base) == key(document, base.replace(jobs=3, cache=False, group_by="none"))
    assert key(document, base) != key(document, base.replace(algorithm="textrank"))
    assert key(document, base) != key(document, base.replace(short="5"))
    document.paragraphs = document.paragraphs[:-1]
    assert key(document, base) != key(load(discover([str(seeds / "russian-troops-arrive-in-belarus.txt")])[0][0]), base)


def test_no_cache_analyses_everything(tmp_path, cache_root, counted_analyse):
    seeds = copy_seeds(tmp_path / "seeds")
    assert build(seeds, tmp_path / "a.pdf").exit_code == 0
    result = build(seeds, tmp_path / "b.pdf", "--no-cache")
    assert result.exit_code == 0
    assert len(counted_analyse) == 6 and "from the cache" not in result.stderr


@pytest.mark.parametrize("damage", [
    b"", b"garbage",
    cache._MAGIC + b'{"sentence_count": 23, "readability": {"words',  # cut short
    cache._MAGIC + b'{"sentence_count": "23", "short": null}',  # JSON, but not an analysis
    cache._MAGIC + b'{"sentence_count": 23, "readability": null, "short": {"summary": {"nope": 1}}, '
                   b'"medium": null, "hardest": []}',  # fields that do not fit
    cache._MAGIC + b"\x80\x04not json",
    b"briefkit-analysis-1\n" + pickle.dumps({"sentence_count": 23}),  # an entry of the pickle era
    cache._MAGIC + pickle.dumps({"sentence_count": 23}),  # a pickle behind the current magic
    cache._sealed(cache._MAGIC, b'{"sentence_count": "23", "short": null}'),  # a good digest of a bad entry
])
def test_corrupt_entry_is_ignored_and_rebuilt(tmp_path, cache_root, counted_analyse, damage):
    """Analysis only (no PDF): the first collect fills the cache, the second reads it back."""
    seeds = copy_seeds(tmp_path / "seeds")
    settings = Settings(cache=True)
    first, _ = collect([str(seeds)], settings)
    assert len(first) == 3 and len(counted_analyse) == 3
    entries = sorted((cache_root / "analysis").rglob("*.json"))
    entries[0].write_bytes(damage)
    reports, problems = collect([str(seeds)], settings)
    assert not problems
    assert len(counted_analyse) == 4 and sum(r.from_cache for r in reports) == 2
    assert entries[0].read_bytes().startswith(cache._MAGIC) and len(entries[0].read_bytes()) > 100
    assert entry_data(entries[0])["sentence_count"] > 0  # rewritten as a JSON entry
    assert len(reports) == 3
    assert [r.short.summary.sentences for r in reports] == [r.short.summary.sentences for r in first]


def test_an_entry_is_never_unpickled(tmp_path, cache_root):
    """A pickle planted where an entry belongs is a miss, and nothing in it runs."""
    import os

    from briefkit.ingest import discover, load

    seeds = copy_seeds(tmp_path / "seeds")
    document = load(discover([str(seeds / "russian-troops-arrive-in-belarus.txt")])[0][0])
    settings = Settings(cache=True)
    path = cache.entry_path(cache.key_for(document, settings.analysis_options()))
    path.parent.mkdir(parents=True)
    marker = tmp_path / "pwned"

    class Planted:
        def __reduce__(self):
            return os.mkdir, (str(marker),)

    for magic in (cache._MAGIC, b"briefkit-analysis-1\n"):
        path.write_bytes(magic + pickle.dumps(Planted()))
        assert cache.load_entry(path, document) is None
        (report,), _ = collect([str(seeds / "russian-troops-arrive-in-belarus.txt")], settings)
        assert not report.from_cache and not marker.exists()
        assert entry_data(path)["sentence_count"] == report.sentence_count


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
    # A valid header and %%EOF with garbage between (issue 17) is caught by the digest, never served.
    for entry in (cache_root / "pdf").rglob("*.pdf"):
        raw = entry.read_bytes()
        entry.write_bytes(raw[:200] + b"garbage" * 100 + raw[-200:])
    assert build(seeds, tmp_path / "a.pdf").exit_code == 0 and len(renders) == 2
    assert (tmp_path / "a.pdf").read_bytes() == first_bytes
    for entry in (cache_root / "pdf").rglob("*.pdf"):
        entry.write_bytes(b"%PDF-1.7\n" + b"garbage" * 100 + b"\n%%EOF\n")  # an entry of the unsealed era
    assert build(seeds, tmp_path / "a.pdf").exit_code == 0 and len(renders) == 3
    assert (tmp_path / "a.pdf").read_bytes() == first_bytes
    renders[:] = [1]
    assert build(seeds, tmp_path / "a.pdf", "--title", "Another").exit_code == 0 and len(renders) == 2
    assert build(seeds, tmp_path / "a.pdf", "--title", "Another", "--no-cache").exit_code == 0
    assert len(renders) == 3


def test_entries_unused_for_a_month_are_pruned(tmp_path, cache_root):
    import os
    import time

    seeds = copy_seeds(tmp_path / "seeds")
    assert build(seeds, tmp_path / "a.pdf").exit_code == 0
    entries = sorted((cache_root / "analysis").rglob("*.json")) + sorted((cache_root / "pdf").rglob("*.pdf"))
    assert len(entries) == 4
    old = time.time() - 31 * 86400
    for entry in entries[:2]:
        os.utime(entry, (old, old))
    assert cache.prune(cache_root, 30) == 2
    assert [e.exists() for e in entries] == [False, False, True, True]
