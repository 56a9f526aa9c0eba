"""Pipe-friendly commands: a reader that goes away (``| head -1``) ends briefkit quietly with exit 0,
several inputs give one result each, and ``--input-format`` names the input format everywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from briefkit.cli import cli
from helpers import SEED_ARTICLE, SEEDS


def _briefkit(args, cwd, stdin=subprocess.DEVNULL):
    env = {**os.environ, "BRIEFKIT_CACHE_DIR": str(cwd / "cache")}
    return subprocess.Popen([sys.executable, "-m", "briefkit", *map(str, args)], cwd=cwd, env=env, stdin=stdin,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def head_1(args, cwd):
    """``briefkit ARGS | head -1``: read one line, close the pipe, the exit code and stderr."""
    process = _briefkit(args, cwd)
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    return process.wait(timeout=120), first, stderr


def closed_from_the_start(args, cwd):
    """The reader is gone before briefkit writes a byte: the very first write meets a broken pipe."""
    read, write = os.pipe()
    os.close(read)
    env = {**os.environ, "BRIEFKIT_CACHE_DIR": str(cwd / "cache")}
    process = subprocess.Popen([sys.executable, "-m", "briefkit", *map(str, args)], cwd=cwd, env=env,
                               stdin=subprocess.DEVNULL, stdout=write, stderr=subprocess.PIPE)
    os.close(write)
    stderr = process.stderr.read().decode()
    return process.wait(timeout=120), stderr


@pytest.fixture(scope="module")
def long_text(tmp_path_factory):
    """More text than a pipe holds (64 KiB), so a summary of all of it or its extract blocks on the
    pipe until the reader has gone, whatever the timing."""
    folder = tmp_path_factory.mktemp("long")
    path = folder / "long.txt"
    path.write_text("\n\n".join(f"Paragraph {i} says that the river number {i} rose by {i % 7} metres on day {i}."
                                for i in range(1500)), encoding="utf-8")
    return path


COMMANDS = {
    "summarise": ["summarise", SEED_ARTICLE, "--length", "40"],
    "summarise, several": ["summarise", SEED_ARTICLE, SEED_ARTICLE, "--jsonl"],
    "readability": ["readability", SEED_ARTICLE],
    "readability --json": ["readability", SEED_ARTICLE, SEED_ARTICLE, "--json"],
    "extract": ["extract", SEEDS],
    "check": ["check", SEEDS, "--max-grade", "1"],
    "algorithms": ["algorithms"],
    "--help": ["--help"],
    "summarise --help": ["summarise", "--help"],
    "--version": ["--version"],
    "build": ["build", SEED_ARTICLE, "-o", "b.pdf", "--no-overview"],
    "init": ["init", "-C", "."],
    "schema": ["schema"],
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_closed_stdout_ends_every_command_quietly(name, tmp_path):
    code, stderr = closed_from_the_start(COMMANDS[name], tmp_path)
    assert code == 0, stderr
    assert "Error" not in stderr and "error" not in stderr, stderr


@pytest.mark.slow
@pytest.mark.parametrize("args", [["summarise", "--length", "100%", "--algorithm", "lead"], ["extract"]],
                         ids=["summarise", "extract"])
def test_head_1_reads_one_line_and_briefkit_ends_quietly(args, long_text, tmp_path):
    code, first, stderr = head_1([*args[:1], long_text, *args[1:]], tmp_path)
    assert first.strip()
    assert (code, stderr) == (0, "")


@pytest.fixture
def run():
    def invoke(*args, input=None):
        return CliRunner().invoke(cli, [str(a) for a in args], input=input)
    return invoke


def test_summarise_several_inputs_one_result_each(run, seed_text):
    result = run("summarise", SEED_ARTICLE, "-", "--length", "1", input=seed_text)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"==> {SEED_ARTICLE} <==" and lines[3] == "==> - <=="
    assert lines[1] == lines[4] and lines[2] == ""

    one = json.loads(run("summarise", SEED_ARTICLE, "--json").output)
    assert isinstance(one, dict)
    several = json.loads(run("summarise", SEED_ARTICLE, SEED_ARTICLE, "--json").output)
    assert several == [one, one]
    lines = run("summarise", SEED_ARTICLE, SEED_ARTICLE, "--jsonl").output.splitlines()
    assert [json.loads(line) for line in lines] == [one, one]
    assert [json.loads(line) for line in run("summarise", SEED_ARTICLE, "--jsonl").output.splitlines()] == [one]


def test_readability_several_inputs_and_a_bad_one(run, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("readability", SEED_ARTICLE, tmp_path / "empty.txt", SEED_ARTICLE, "--jsonl")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == [str(SEED_ARTICLE)] * 2
    assert "empty.txt: is empty" in result.stderr
    text = run("readability", SEED_ARTICLE, SEED_ARTICLE)
    assert text.output.count(f"==> {SEED_ARTICLE} <==") == 2 and text.output.count("Hardest sentences") == 2
    assert run("readability", tmp_path / "empty.txt").exit_code == 2  # the only input: a usage error, as before
    missing = run("readability", SEED_ARTICLE, tmp_path / "missing.txt")
    assert missing.exit_code == 2 and missing.stdout == ""  # every name is checked before anything is read


def test_input_format_everywhere_and_the_old_format_warns(run, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<p>Plain words in a paragraph. Another sentence here.</p>", encoding="utf-8")
    for command in ("summarise", "readability", "extract", "check"):
        result = run(command, page, "--input-format", "text")
        assert result.exit_code in (0, 1), (command, result.output)
        assert "deprecated" not in result.stderr
    as_text = run("extract", page, "--input-format", "text", "--jsonl")
    assert json.loads(as_text.stdout)["format"] == "text"
    old = run("extract", page, "--format", "text", "--jsonl")
    assert old.stdout == as_text.stdout
    assert old.stderr.count("--format is deprecated; use --input-format") == 1
    assert "--format" not in run("extract", "--help").output  # hidden: --input-format is the one to learn
    assert "--format" in run("check", "--help").output  # check's --format is its output format


def test_extract_jsonl_and_json_are_the_same(run):
    jsonl = run("extract", SEED_ARTICLE, "--jsonl")
    assert jsonl.exit_code == 0
    assert json.loads(jsonl.stdout)["source"] == str(SEED_ARTICLE)
    assert run("extract", SEED_ARTICLE, "--json").stdout == jsonl.stdout
