"""The house rules, checked: layers point down, no module imports itself round a circle, one table per
extension point, and the settings say which stage they shape."""

from __future__ import annotations

import dataclasses
import inspect
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    if not LINT_IMPORTS.exists():
        pytest.fail("lint-imports is missing: install the test extra (pip install -e '.[test]')")
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def test_the_layers_contract_holds():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_layers_contract_catches_an_import_that_points_up(tmp_path):
    # A copy of the package in which the lowest stage module reaches up into the command line.
    shutil.copytree(ROOT / "src" / "briefkit", tmp_path / "src" / "briefkit")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    model = tmp_path / "src" / "briefkit" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\n\ndef _upward():\n    from .cli import main\n",
                     encoding="utf-8")
    result = lint_imports(tmp_path, pythonpath=tmp_path / "src")
    assert result.returncode != 0
    assert "briefkit.model -> briefkit.cli" in result.stdout, result.stdout


def test_no_module_imports_itself_round_a_circle():
    import grimp

    graph = grimp.build_graph("briefkit")
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain:
                cycles.append(" -> ".join((module, *chain)))
    assert not cycles, "\n".join(cycles)


def test_every_algorithm_is_a_summariser_in_one_static_table():
    from briefkit.summarisers import ALGORITHMS, DEFAULT_ALGORITHM, Summariser

    assert DEFAULT_ALGORITHM in ALGORITHMS
    for name, cls in ALGORITHMS.items():
        assert issubclass(cls, Summariser), name
        assert cls.name == name and cls.description, name
    # The reference classes are sumy's own, named for the fast versions they check.
    assert {n for n in ALGORITHMS if n.startswith("sumy-")} == {"sumy-lexrank", "sumy-textrank", "sumy-reduction",
                                                               "sumy-kl", "sumy-sumbasic"}


def test_every_input_format_is_one_reader_with_one_contract():
    from briefkit.ingest.formats import FORMATS, INPUT_FORMATS, SUFFIXES

    assert INPUT_FORMATS == ("auto", *FORMATS)
    for name, fmt in FORMATS.items():
        assert list(inspect.signature(fmt.read).parameters) == ["data", "source"], name
        assert fmt.suffixes and all(SUFFIXES[s] == name or s == ".xml" for s in fmt.suffixes)


def test_every_setting_says_which_stage_it_shapes():
    from briefkit.config import STAGES, Settings, stage_of

    for f in dataclasses.fields(Settings):
        assert stage_of(f.name) in STAGES, f.name


def test_only_analysis_settings_change_the_analysis_options():
    """The analysis options are the analysis cache's key: a setting of another stage must not be in it."""
    from briefkit.config import Settings, stage_of

    base = Settings()
    changed = {"output": "other/b.pdf", "title": "T", "author": "A", "subject": "S", "keywords": ("k",),
               "algorithm": "lead", "short": "2", "medium": "4", "keep_reading_level": True, "language": "german",
               "template": "tpl", "html": True, "json": True, "page_size": "letter", "max_bytes": 10,
               "hardest_sentences": 5, "input_format": "markdown", "fetch_timeout": 3, "quiet": True,
               "cache": False, "pdf_variant": "pdf/ua-1", "overview": False, "overview_sentences": 2,
               "group_by": "folder", "layout": "compact", "jobs": 1}
    tables = {"check", "summarise", "readability", "extract", "evaluate"}
    assert set(changed) | tables == {f.name for f in dataclasses.fields(Settings)}, "a new setting needs a case here"
    for name, value in changed.items():
        other = dataclasses.replace(base, **{name: value})
        affects_analysis = other.analysis_options() != base.analysis_options()
        affects_loading = other.load_options() != base.load_options()
        assert affects_analysis == (stage_of(name) == "analysis"), name
        assert affects_loading == (stage_of(name) == "load"), name
