"""Missing Pango is named, with the command that installs it, before and after installation."""

from __future__ import annotations

import builtins
import ctypes.util
import runpy
import sys

import pytest
from click.testing import CliRunner

from briefkit.cli import cli
from helpers import ROOT, SEED_ARTICLE


def test_check_system_script_names_the_missing_package(monkeypatch, capsys):
    real = ctypes.util.find_library
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None if name.startswith("pango") else real(name))
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_path(str(ROOT / "scripts" / "check_system.py"), run_name="__main__")
    message = str(exit_info.value.code)
    assert "WeasyPrint needs Pango" in message
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in message


def test_check_system_script_passes_here():
    runpy.run_path(str(ROOT / "scripts" / "check_system.py"), run_name="__main__")


def test_build_without_pango_is_one_clear_line(monkeypatch, tmp_path):
    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    for module in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setattr(builtins, "__import__", no_pango)
    result = CliRunner().invoke(cli, ["build", str(SEED_ARTICLE), "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 2
    assert "WeasyPrint cannot load Pango" in result.output
    assert "apt-get install libpango-1.0-0" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "b.pdf").exists()


def test_missing_pango_is_found_before_any_document_is_analysed(monkeypatch, tmp_path):
    import importlib

    from briefkit.errors import SystemDependencyError

    analyse_module = importlib.import_module("briefkit.run.unit")
    pdf = importlib.import_module("briefkit.render.pdf")
    analysed = []
    monkeypatch.setattr(analyse_module, "analyse", lambda *a, **k: analysed.append(a))
    monkeypatch.setattr(pdf, "_weasyprint", lambda: (_ for _ in ()).throw(SystemDependencyError("no Pango")))
    result = CliRunner().invoke(cli, ["build", str(SEED_ARTICLE), "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 2 and "no Pango" in result.output
    assert analysed == []
