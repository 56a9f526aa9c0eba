"""Every command and every exit code, through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from briefkit import __version__
from briefkit.cli import cli
from helpers import SEED_ARTICLE, SEEDS


@pytest.fixture
def run():
    def invoke(*args, input=None):
        return CliRunner().invoke(cli, [str(a) for a in args], input=input)
    return invoke


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("command", ["build", "summarise", "readability", "algorithms", "schema"])
def test_every_command_has_help_with_examples(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    if command != "algorithms":
        assert "Examples:" in result.output and "briefkit " + command in result.output


def test_build_exit_0_writes_pdf_html_json(run, tmp_path):
    out = tmp_path / "b.pdf"
    result = run("build", SEED_ARTICLE, "-o", out, "--html", "--json")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "b.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    data = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert data["documents"][0]["source"] == str(SEED_ARTICLE)
    assert "Wrote" in result.output


def test_build_exit_1_when_some_documents_fail(run, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "good.txt").write_text(SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out" / "b.pdf"
    out.parent.mkdir()
    result = run("build", tmp_path, "-o", out, "--json")
    assert result.exit_code == 1, result.output
    assert "empty.txt: is empty" in result.output
    assert "Traceback" not in result.output
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert [d["source"] for d in data["documents"]] == [str(tmp_path / "good.txt")]
    assert data["problems"] == [{"source": str(tmp_path / "empty.txt"), "message": "is empty"}]


@pytest.mark.parametrize("args, message", [
    (["build", "does-not-exist.txt"], "does-not-exist.txt: no such file or folder"),
    (["build", str(SEED_ARTICLE), "--algorithm", "lexrnk"], "did you mean 'lexrank'"),
    (["build", str(SEED_ARTICLE), "--short", "three"], "invalid summary length"),
    (["build", str(SEED_ARTICLE), "-o", "no/such/folder/b.pdf"], "does not exist"),
    (["build", str(SEED_ARTICLE), "-o", "b.docx"], "must be a .pdf file"),
    (["summarise", "does-not-exist.txt"], "no such file or folder"),
    (["readability", str(SEEDS)], "give one document"),
])
def test_usage_errors_exit_2_with_one_line(run, args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_no_document_readable_is_exit_2(run, tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    result = run("build", tmp_path / "empty.txt", "-o", tmp_path / "b.pdf")
    assert result.exit_code == 2
    assert "no document could be read" in result.output
    assert not (tmp_path / "b.pdf").exists()


def test_debug_shows_the_traceback(run, tmp_path):
    result = CliRunner().invoke(cli, ["--debug", "build", "missing.txt", "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code != 0
    assert result.exception is not None and not isinstance(result.exception, SystemExit)


def test_summarise_prints_sentences_from_the_text(run, seed_text):
    result = run("summarise", SEED_ARTICLE, "--length", "2")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    for line in lines:
        assert line in seed_text


def test_summarise_reads_standard_input_and_json(run, seed_text):
    result = run("summarise", "-", "--length", "40w", "--algorithm", "lead", "--json", input=seed_text)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["algorithm"] == "lead"
    assert sum(len(s.split()) for s in data["sentences"]) <= 40
    assert data["sentences"][0] == seed_text.splitlines()[0]


def test_readability_text_and_json(run):
    text = run("readability", SEED_ARTICLE)
    assert text.exit_code == 0, text.output
    assert "Flesch reading ease" in text.output and "Hardest sentences" in text.output
    data = json.loads(run("readability", SEED_ARTICLE, "--json").output)
    assert data["words"] > 400
    assert 0 < data["grade"] < 25
    assert len(data["hardest_sentences"]) == 3


def test_algorithms_lists_every_summariser(run):
    from briefkit.summarisers import ALGORITHMS

    result = run("algorithms")
    assert result.exit_code == 0
    for name in ALGORITHMS:
        assert name in result.output
    assert "(default)" in result.output


def test_config_file_is_read_and_flags_win(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefkit.toml").write_text('title = "From config"\nalgorithm = "lead"\nshort = 2\n')
    result = run("build", SEED_ARTICLE, "-o", "b.pdf", "--json", "--short", "1")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert data["title"] == "From config"
    assert data["settings"]["algorithm"] == "lead"
    assert len(data["documents"][0]["summaries"]["short"]["sentences"]) == 1


def test_bad_config_key_names_file_and_suggestion(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefkit.toml").write_text('algoritm = "lead"\n')
    result = run("build", SEED_ARTICLE, "-o", "b.pdf")
    assert result.exit_code == 2
    assert "briefkit.toml" in result.output and "'algoritm'" in result.output and "'algorithm'" in result.output
