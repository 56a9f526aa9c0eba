"""Nothing is lost: a killed build leaves the previous report intact; an unwritable output fails before any work.

The kill tests run the real ``briefkit build`` in a subprocess. A small wrapper
(written by the test, never shipped) pauses the process at one chosen moment
and says so in a signal file, so that SIGKILL lands exactly there instead of
at a moment a timer guesses: while the PDF is being rendered, half-way
through writing the temporary file, and just before the rename.
"""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefkit import _fs, pipeline
from briefkit.cli import cli
from briefkit.config import Settings
from briefkit.errors import UsageError

from helpers import SEEDS

HOOK = r'''
import os, sys, time

import briefkit.render as render
from briefkit.compat.nltk import syllable_table

# The CMU dictionary and its syllable table are written once per cache folder, atomically too:
# provision them first, so that the pause catches the report's own write.
syllable_table()

signal_file, stage = os.environ["BRIEFKIT_TEST_SIGNAL"], os.environ["BRIEFKIT_TEST_STAGE"]


def pause(where):
    with open(signal_file, "w") as handle:
        handle.write(where)
    time.sleep(300)  # the test kills the process here


if stage == "render":
    real_render_pdf = render.render_pdf

    def render_pdf(*args, **kwargs):
        pause("render")
        return real_render_pdf(*args, **kwargs)

    render.render_pdf = render_pdf
elif stage == "write":
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            pause("write")

        def __getattr__(self, name):
            return getattr(self.handle, name)

    def fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return HalfWriter(handle) if mode == "wb" else handle

    os.fdopen = fdopen
elif stage == "rename":
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if str(dst).endswith(".pdf"):
            pause("rename")
        return real_replace(src, dst, *args, **kwargs)

    os.replace = replace

from briefkit.cli import main

sys.argv = ["briefkit", *sys.argv[1:]]
main()
'''


@pytest.fixture(scope="module")
def previous_report(tmp_path_factory):
    """Yesterday's report: a real build of the seeds."""
    out = tmp_path_factory.mktemp("previous") / "briefing.pdf"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(out), "--title", "Yesterday", "-q"])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _leftovers(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != name)


@pytest.mark.parametrize("stage", ["render", "write", "rename"])
def test_sigkill_mid_build_leaves_the_previous_report_intact(tmp_path, previous_report, stage):
    out_dir = tmp_path / "reports"
    out_dir.mkdir()
    out = out_dir / "briefing.pdf"
    out.write_bytes(previous_report)
    hook = tmp_path / "hook.py"
    hook.write_text(HOOK, encoding="utf-8")
    signal_file = tmp_path / "signal"
    env = {**os.environ, "BRIEFKIT_TEST_SIGNAL": str(signal_file), "BRIEFKIT_TEST_STAGE": stage}
    # --no-cache: the cache writes its own files atomically too; the pause must catch the report's writes.
    process = subprocess.Popen([sys.executable, str(hook), "build", str(SEEDS), "-o", str(out), "--title", "Today",
                                "-q", "--no-cache"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 180
        while not signal_file.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the build never reached the pause"
            time.sleep(0.05)
        assert signal_file.read_text() == stage
        if stage == "write":
            (part,) = [p for p in out_dir.iterdir() if p.name.endswith(".part")]
            assert 0 < part.stat().st_size  # half a PDF exists, beside the output, not at it
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    assert out.read_bytes() == previous_report
    assert PdfReader(out).metadata.title == "Yesterday"
    # SIGKILL leaves no chance to clean up: at most a hidden temporary file, never at the output path.
    for name in _leftovers(out_dir, out.name):
        assert name.startswith(".briefing.pdf.") and name.endswith(".part"), name


def test_unkilled_build_replaces_the_report_and_leaves_no_temporary_file(tmp_path, previous_report):
    out = tmp_path / "briefing.pdf"
    out.write_bytes(previous_report)
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(out), "--title", "Today", "--json", "-q"])
    assert result.exit_code == 0, result.output
    assert PdfReader(out).metadata.title == "Today"
    assert _leftovers(tmp_path, out.name) == ["briefing.json"]


# --------------------------------------------------------------------------- #
# Unwritable outputs: a clear error before any document is read or summarised.


@pytest.fixture
def no_work(monkeypatch):
    """Records every document that reaches the summariser."""
    analysed: list[str] = []
    analyse_module = importlib.import_module("briefkit.run.unit")
    real = analyse_module.analyse

    def recording(document, options=None, parsed=None):
        analysed.append(document.source)
        return real(document, options, parsed)

    monkeypatch.setattr(analyse_module, "analyse", recording)
    return analysed


def _build(out: Path, *extra: str):
    return CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(out), "-q", *extra])


def test_missing_output_folder(tmp_path, no_work):
    out = tmp_path / "nope" / "briefing.pdf"
    result = _build(out)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"briefkit: error: {out}: the folder {out.parent} does not exist (create it first)")
    assert no_work == [] and not out.parent.exists()


def test_output_is_a_folder(tmp_path, no_work):
    out = tmp_path / "report.pdf"
    out.mkdir()
    result = _build(out)
    assert result.exit_code == 2 and "is a folder; give a file name" in result.stderr
    assert no_work == []


def test_output_folder_is_a_file(tmp_path, no_work):
    (tmp_path / "file").write_text("x")
    out = tmp_path / "file" / "briefing.pdf"
    result = _build(out)
    assert result.exit_code == 2 and "is not a folder" in result.stderr
    assert no_work == []


def test_output_must_be_a_pdf(tmp_path, no_work):
    result = _build(tmp_path / "briefing.txt")
    assert result.exit_code == 2 and "the output must be a .pdf file" in result.stderr
    assert no_work == []


# Root may write anywhere, so a read-only folder or file is simulated at the
# one check briefkit makes (os.access in _fs.check_writable); when permissions are enforced
# the real ones are tested as well. As root, run those with
#   setpriv --bounding-set=-dac_override,-dac_read_search .venv/bin/python -m pytest -k real_permissions


def _deny_writes(monkeypatch, denied: Path):
    real_access = os.access

    def access(path, mode, *args, **kwargs):
        if Path(path) == denied and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(_fs.os, "access", access)


def test_read_only_folder_simulated(tmp_path, monkeypatch, no_work):
    _deny_writes(monkeypatch, tmp_path)
    out = tmp_path / "briefing.pdf"
    result = _build(out)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"briefkit: error: {out}: cannot write to the folder {tmp_path} (permission denied)"
    assert no_work == [] and not out.exists()


def test_read_only_file_simulated(tmp_path, monkeypatch, no_work, previous_report):
    out = tmp_path / "briefing.pdf"
    out.write_bytes(previous_report)
    _deny_writes(monkeypatch, out)
    result = _build(out)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"briefkit: error: {out}: the file exists and is read-only"
    assert no_work == [] and out.read_bytes() == previous_report


def test_read_only_json_beside_the_pdf_is_found_first(tmp_path, monkeypatch, no_work):
    _deny_writes(monkeypatch, tmp_path / "briefing.json")
    (tmp_path / "briefing.json").write_text("{}")
    result = _build(tmp_path / "briefing.pdf", "--json")
    assert result.exit_code == 2 and "briefing.json: the file exists and is read-only" in result.stderr
    assert no_work == [] and not (tmp_path / "briefing.pdf").exists()


def _permissions_are_enforced() -> bool:
    """False for root (or anyone with CAP_DAC_OVERRIDE), who writes into a read-only folder anyway."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o555)
        try:
            Path(folder, "probe").write_text("x")
        except PermissionError:
            return True
        finally:
            os.chmod(folder, 0o755)
    return False


@pytest.mark.skipif(not _permissions_are_enforced(),
                    reason="this user writes into read-only folders (root); see the simulated tests")
def test_read_only_folder_real_permissions(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(UsageError, match="permission denied"):
            pipeline.build([str(SEEDS)], Settings(output=str(folder / "briefing.pdf")))
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not _permissions_are_enforced(),
                    reason="this user writes into read-only files (root); see the simulated tests")
def test_read_only_file_real_permissions(tmp_path, previous_report, no_work):
    out = tmp_path / "briefing.pdf"
    out.write_bytes(previous_report)
    out.chmod(0o444)
    result = _build(out)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"briefkit: error: {out}: the file exists and is read-only"
    assert no_work == [] and out.read_bytes() == previous_report


def test_write_failure_after_the_check_is_one_clear_line(tmp_path, monkeypatch):
    """The folder vanishing (or the disk filling) after the check: one line, not a traceback."""
    out = tmp_path / "briefing.pdf"

    real_mkstemp = _fs.tempfile.mkstemp

    def failing_mkstemp(*args, **kwargs):
        if Path(kwargs.get("dir", "")) == tmp_path:
            raise OSError(28, "No space left on device")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(_fs.tempfile, "mkstemp", failing_mkstemp)
    result = _build(out)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"briefkit: error: {out}: cannot write the file (No space left on device)"
