"""An installed briefkit finds its template from any working directory: build a wheel, install, run.

And the wheel installs with the pip that Python ships (``ensurepip``, pip 23.2.1 for Python 3.11),
not only with an upgraded one: that pip's resolver trips over two spellings of one extra
(``lxml[html_clean]`` and ``lxml[html-clean]``) unless briefkit names the extra itself.
"""

from __future__ import annotations

import email
import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile

import pytest
from pypdf import PdfReader

from helpers import ROOT, SEED_ARTICLE


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    # --no-isolation: hatchling comes from the test environment, so the build needs no network.
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (built,) = dist.glob("briefkit-*.whl")
    return built


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A new virtual environment with the pip of the running Python's ensurepip, never upgraded."""
    path = tmp_path_factory.mktemp("fresh")
    venv.create(path, with_pip=True)
    return path


@pytest.mark.slow
def test_wheel_carries_license_types_and_urls(wheel):
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    assert "briefkit/py.typed" in names
    assert {f"briefkit/schemas/{name}.json" for name in ("briefing", "check", "readability", "summarise")} <= set(names)
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    metadata = email.message_from_bytes(archive.read(metadata_name))
    assert metadata["License-Expression"] == "MIT"
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL"))
    assert {"Homepage", "Source", "Issues", "Documentation"} <= set(urls)
    assert "lxml[html-clean]>=5" in metadata.get_all("Requires-Dist")


@pytest.mark.slow
def test_wheel_resolves_with_the_pip_python_ships(wheel, fresh):
    """The whole dependency tree, resolved from the package registry by the ensurepip pip
    (``--dry-run``: the resolver is what failed; installing the tree again costs minutes)."""
    python = str(fresh / "bin" / "python")
    version = subprocess.run([python, "-m", "pip", "--version"], check=True, capture_output=True, text=True).stdout
    result = subprocess.run([python, "-m", "pip", "install", "--dry-run", "--ignore-installed",
                             "--disable-pip-version-check", str(wheel)],
                            capture_output=True, text=True, timeout=600)
    if result.returncode and any(marker in result.stdout + result.stderr for marker in (
            "NewConnectionError", "Failed to establish a new connection", "Network is unreachable",
            "No matching distribution found")):
        pytest.skip(f"the package registry is not reachable ({version.split(' from ')[0]})")
    assert result.returncode == 0, f"{version}\n{result.stderr[-3000:]}"
    assert "Would install" in result.stdout and "briefkit-" in result.stdout, result.stdout[-2000:]
    assert "lxml_html_clean" in result.stdout.replace("-", "_")


@pytest.mark.slow
def test_wheel_ships_the_template_and_builds_from_another_directory(wheel, fresh, tmp_path):
    names = zipfile.ZipFile(wheel).namelist()
    assert "briefkit/templates/briefing.html.j2" in names
    assert "briefkit/templates/briefing.css" in names

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
    schema = subprocess.run([str(fresh / "bin" / "briefkit"), "schema", "check"], cwd=elsewhere, env=env,
                            check=True, capture_output=True, text=True).stdout
    assert json.loads(schema)["title"] == "briefkit check --format json"
