"""An installed briefkit finds its template from any working directory: build a wheel, install, run."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile

import pytest
from pypdf import PdfReader

from helpers import ROOT, SEED_ARTICLE


@pytest.mark.slow
def test_wheel_ships_the_template_and_builds_from_another_directory(tmp_path):
    dist = tmp_path / "dist"
    # --no-isolation: hatchling comes from the test environment, so the test needs no network.
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = dist.glob("briefkit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "briefkit/templates/briefing.html.j2" in names
    assert "briefkit/templates/briefing.css" in names

    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=True)
    python = fresh / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    # The dependencies come from the test environment (no network); briefkit itself only from the wheel.
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    with open(os.path.join(purelib, "test-deps.pth"), "w") as handle:
        handle.write(sysconfig.get_paths()["purelib"] + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = elsewhere / "briefing.pdf"
    env = {**os.environ, "PYTHONPATH": ""}
    located = subprocess.run([str(python), "-c", "import briefkit.render as r; print(r.default_template_dir())"],
                             cwd=elsewhere, env=env, check=True, capture_output=True, text=True).stdout
    assert located.strip().startswith(purelib)
    result = subprocess.run([str(fresh / "bin" / "briefkit"), "build", str(SEED_ARTICLE), "-o", str(out), "-q"],
                            cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert any("Belarus" in page.extract_text() for page in PdfReader(out).pages[2:])
