"""briefkit check: thresholds, line numbers in the source, formats, exit codes, config overrides."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from briefkit.tools.check import locate
from briefkit.cli import cli

EASY = "The cat sat on the mat. It was warm. The dog ran to the park. We had fun in the sun.\n"
# One long, hard sentence on line 5 of a Markdown file, with markup between its words.
HARD_MD = """# Policy

Short line here. It is easy.

Notwithstanding the **aforementioned** considerations, institutional stakeholders collaboratively
operationalise multidimensional governance frameworks, thereby systematically [reconceptualising](https://x.org)
interdepartmental accountability mechanisms, notwithstanding considerable organisational heterogeneity,
administrative fragmentation, and longstanding jurisdictional ambiguities throughout.
"""


def run(*args):
    return CliRunner().invoke(cli, ["check", *args])


def test_easy_document_passes_with_exit_0(tmp_path):
    (tmp_path / "easy.txt").write_text(EASY)
    result = run(str(tmp_path / "easy.txt"))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_hard_document_fails_with_figures_and_line_numbers(tmp_path):
    path = tmp_path / "hard.md"
    path.write_text(HARD_MD)
    result = run(str(path), "--max-sentence-words", "20")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    grade = [line for line in lines if "[max-grade]" in line]
    assert grade and grade[0].startswith(f"{path}:1: grade ")
    figure = float(re.search(r"grade ([\d.]+) is above the maximum 12", grade[0]).group(1))
    assert figure > 12
    long_sentence = [line for line in lines if "[max-sentence-words]" in line]
    assert len(long_sentence) == 1
    # The sentence starts on line 5 of the file, despite the bold and the link inside it.
    assert long_sentence[0].startswith(f"{path}:5: sentence of ")
    assert "over the maximum 20" in long_sentence[0]
    hardest = [line for line in lines if "[hardest-sentence]" in line]
    assert hardest and hardest[0].startswith(f"{path}:5: note: hardest sentence")


def test_thresholds_from_the_command_line_can_pass_a_hard_document(tmp_path):
    path = tmp_path / "hard.md"
    path.write_text(HARD_MD)
    result = run(str(path), "--max-grade", "inf", "--min-ease", "-inf", "--max-sentence-words", "0")
    assert result.exit_code == 0, result.output


def test_github_format_prints_workflow_annotations(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "hard.md").write_text(HARD_MD)
    monkeypatch.chdir(tmp_path)
    result = run("docs", "--format", "github", "--max-sentence-words", "20")
    assert result.exit_code == 1
    warnings = [line for line in result.stdout.splitlines() if line.startswith("::warning ")]
    assert any(line.startswith("::warning file=docs/hard.md,line=1,title=briefkit max-grade::grade ")
               for line in warnings)
    assert any(line.startswith("::warning file=docs/hard.md,line=5,") for line in warnings)
    assert all("\n" not in line for line in warnings)


def test_json_format(tmp_path):
    (tmp_path / "easy.txt").write_text(EASY)
    (tmp_path / "hard.md").write_text(HARD_MD)
    result = run(str(tmp_path), "--format", "json", "--max-sentence-words", "20")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    by_name = {d["source"].rsplit("/", 1)[-1]: d for d in data["documents"]}
    assert by_name["easy.txt"]["passed"] is True
    assert by_name["hard.md"]["passed"] is False
    assert by_name["hard.md"]["grade"] > 12
    assert {f["rule"] for f in by_name["hard.md"]["findings"]} >= {"max-grade", "max-sentence-words"}
    assert data["failed"] == 1 and data["passed"] is False


def test_usage_errors_exit_2(tmp_path):
    assert run().exit_code == 2
    assert run(str(tmp_path), "--format", "xml").exit_code == 2
    missing = run(str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2
    assert "nope.txt" in missing.stderr and "Traceback" not in missing.output


def test_unreadable_document_is_reported_and_the_rest_checked(tmp_path):
    (tmp_path / "easy.txt").write_text(EASY)
    (tmp_path / "empty.txt").write_text("")
    result = run(str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path / 'empty.txt'}:1: is empty [unreadable]" in result.stdout
    assert "1 document checked" in result.stderr


def test_config_thresholds_and_per_folder_overrides(tmp_path, monkeypatch):
    (tmp_path / "docs" / "legal").mkdir(parents=True)
    (tmp_path / "docs" / "legal" / "terms.md").write_text(HARD_MD)
    (tmp_path / "docs" / "guide.md").write_text(HARD_MD)
    (tmp_path / "briefkit.toml").write_text(
        "[check]\nmax_sentence_words = 0\nformat = 'json'\n\n"
        "[[check.overrides]]\npaths = ['docs/legal/']\nmax_grade = inf\nmin_ease = -inf\n")
    monkeypatch.chdir(tmp_path / "docs")  # the config is found upward; its paths start at its folder
    result = run(".")
    data = json.loads(result.stdout)
    by_name = {d["source"].rsplit("/", 1)[-1]: d for d in data["documents"]}
    assert by_name["terms.md"]["passed"] is True
    assert by_name["terms.md"]["thresholds"]["max_grade"] is None
    assert by_name["guide.md"]["passed"] is False
    assert result.exit_code == 1
    # Command-line flags win over the overrides.
    strict = json.loads(run(".", "--max-grade", "5").stdout)
    assert all(d["thresholds"]["max_grade"] == 5 for d in strict["documents"])


def test_glob_override(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(HARD_MD)
    (tmp_path / "b.txt").write_text(HARD_MD)
    (tmp_path / "briefkit.toml").write_text("[[check.overrides]]\npaths = ['*.md']\nmax_grade = 99\n"
                                            "min_ease = -inf\nmax_sentence_words = 200\n")
    monkeypatch.chdir(tmp_path)
    result = run(".", "--format", "json")
    by_name = {d["source"].rsplit("/", 1)[-1]: d for d in json.loads(result.stdout)["documents"]}
    assert by_name["a.md"]["passed"] and not by_name["b.txt"]["passed"]


def test_locate_finds_the_line_of_a_sentence():
    raw = "Title\n\nFirst para.\nSecond <b>line</b> of text\nis here.\n"
    assert locate("Second line of text is here.", raw) == 4
    assert locate("Nothing like this at all.", raw) is None
