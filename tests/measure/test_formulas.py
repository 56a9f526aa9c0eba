"""The table of readability formulas is the one place a formula lives: measure(), the readability
command, the report and the JSON schema all follow it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from briefkit.compat.textstat import textstat
from briefkit.measure import formulas, measure
from briefkit.measure.formulas import FORMULAS, Formula

ROOT = Path(__file__).resolve().parents[2]
SEED_ARTICLE = ROOT / "seeds" / "russian-troops-arrive-in-belarus.txt"
SPACHE = Formula("spache", "Spache", "Spache", "spache_readability")


def test_every_formula_is_textstats_own_function():
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    metrics = measure(text)
    assert list(metrics.scores) == [f.key for f in FORMULAS]
    for formula in FORMULAS:
        expected = getattr(textstat(), formula.function)(text, **dict(formula.options))
        assert metrics.scores[formula.key] == round(float(expected), 2), formula.key
        assert getattr(metrics, formula.key) == metrics.scores[formula.key]
    headline = sorted(metrics.scores[f.key] for f in FORMULAS if f.headline)
    assert len(headline) == 5 and metrics.grade == headline[2]


def test_the_json_schema_describes_every_formula():
    schema = json.loads((ROOT / "src" / "briefkit" / "schemas" / "briefing.json").read_text(encoding="utf-8"))["$defs"]["readability"]
    keys = list(measure("A short text. It has two sentences in it, and more words.").to_dict())
    assert set(schema["required"]) == set(keys) == set(schema["properties"])
    for formula in FORMULAS:
        assert formula.key in schema["required"], formula.key
        if formula.band:
            assert formula.band in schema["required"], formula.band


def test_adding_a_formula_is_one_table_entry(monkeypatch, tmp_path):
    monkeypatch.setattr(formulas, "FORMULAS", FORMULAS + (SPACHE,))
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    metrics = measure(text)
    assert metrics.spache == round(float(textstat().spache_readability(text)), 2)
    assert "spache" in metrics.to_dict()

    from briefkit.cli import cli

    result = CliRunner().invoke(cli, ["readability", str(SEED_ARTICLE)])
    assert result.exit_code == 0, result.output
    assert re.search(rf"^  Spache +{metrics.spache:.1f}$", result.output, re.M), result.output

    from briefkit.assemble import assemble
    from briefkit.config import Settings
    from briefkit.ingest import load
    from briefkit.model import InputFile
    from briefkit.render import render_html
    from briefkit.run import analyse

    report = analyse(load(InputFile(str(SEED_ARTICLE), SEED_ARTICLE)))
    html = render_html(assemble("Formulas", Settings(layout="full").to_dict(), [report], []))
    assert "<th>Spache</th>" in html
