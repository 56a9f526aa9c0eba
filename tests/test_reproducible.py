"""Reproducible output: the same inputs, settings and version give byte-identical PDF, HTML and JSON,
wherever and whenever the build runs."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from helpers import copy_seeds

OUTPUTS = ("briefing.pdf", "briefing.html", "briefing.json")


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_in(folder, cache, *extra):
    """Build the seeds in ``folder`` (its own working directory and cache), as a user would."""
    copy_seeds(folder / "seeds")
    (folder / "reports").mkdir()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "BRIEFKIT_CACHE_DIR": str(cache)}
    result = subprocess.run(
        [sys.executable, "-m", "briefkit", "build", "seeds", "-o", "reports/briefing.pdf", "--html", "--json",
         "--title", "Reproducible briefing", *extra],
        cwd=folder, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return {name: sha256(folder / "reports" / name) for name in OUTPUTS}, result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("variant", [(), ("--pdf-variant", "pdf/a-3b")], ids=["plain", "pdf-a-3b"])
def test_two_builds_in_different_folders_are_byte_identical(tmp_path, variant):
    first, _ = build_in(tmp_path / "one", tmp_path / "cache-one", *variant)
    second, _ = build_in(tmp_path / "elsewhere" / "two", tmp_path / "cache-two", *variant)
    assert first == second
    # A third build that takes every document from the cache writes the same bytes again.
    (tmp_path / "elsewhere" / "two" / "reports").rename(tmp_path / "old-reports")
    import shutil
    shutil.rmtree(tmp_path / "elsewhere" / "two" / "seeds")
    third, log = build_in(tmp_path / "elsewhere" / "two", tmp_path / "cache-two", *variant)
    assert "3 from the cache" in log
    assert third == first


def test_dates_come_from_source_date_epoch(tmp_path, monkeypatch):
    from pypdf import PdfReader

    from briefkit import Settings, build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    copy_seeds(tmp_path / "seeds")
    result = build([str(tmp_path / "seeds")], Settings(output=str(tmp_path / "b.pdf"), json=True))
    assert result.briefing.to_dict()["generated"] == "2023-11-14T22:13:20+00:00"
    info = PdfReader(tmp_path / "b.pdf").metadata
    assert info["/CreationDate"].startswith("D:20231114221320") and info["/ModDate"].startswith("D:20231114221320")
