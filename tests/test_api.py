"""The public API of ``import briefkit`` (docs/api.md): small, typed, lazy, and it never prints."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import briefkit
from helpers import SEED_ARTICLE

TEXT = ("Cats sleep for most of the day. They wake up at dusk and hunt. A cat can run fast for a short time. "
        "Most cats do not like water. Kittens learn to hunt from their mothers.")

EMBED = textwrap.dedent("""\
    import briefkit
    summary: briefkit.Summary = briefkit.summarise(open("notes.txt").read(), length=2)
    grade: float | None = briefkit.readability(open("notes.txt").read()).grade
    result: briefkit.BuildResult = briefkit.build(["notes.txt"], write=False)
    print(len(summary.sentences), grade is not None, result.rendered["pdf"][:5], sorted(result.rendered))
""")


def test_every_public_name_resolves_and_dir_lists_them():
    assert sorted(dir(briefkit)) == sorted(briefkit.__all__)
    for name in briefkit.__all__:
        assert getattr(briefkit, name) is not None
    with pytest.raises(AttributeError):
        briefkit.nothing_of_the_sort  # noqa: B018


def test_importing_briefkit_loads_no_stage():
    code = "import sys, briefkit; print(sorted(m for m in sys.modules if m.startswith(('briefkit.', 'numpy'))))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "['briefkit._version']"


def test_summarise_and_readability_of_a_string(capsys):
    summary = briefkit.summarise(TEXT, length=2)
    assert isinstance(summary, briefkit.Summary)
    assert len(summary.sentences) == 2 and all(s in TEXT for s in summary.sentences)
    assert briefkit.summarise(TEXT, length="100%").complete
    assert briefkit.summarise(TEXT, length=1, algorithm="lead").sentences == ["Cats sleep for most of the day."]
    metrics = briefkit.readability(TEXT)
    assert isinstance(metrics, briefkit.Readability)
    assert metrics.words == len(TEXT.split()) and metrics.grade is not None
    assert capsys.readouterr() == ("", "")  # the library never prints


def test_bad_arguments_are_briefkit_errors():
    with pytest.raises(briefkit.UsageError, match="unknown algorithm"):
        briefkit.summarise(TEXT, algorithm="nonesuch")
    with pytest.raises(briefkit.UsageError, match="summary length"):
        briefkit.summarise(TEXT, length="lots")
    with pytest.raises(briefkit.DocumentError, match="empty"):
        briefkit.readability("   ")
    with pytest.raises(briefkit.BriefkitError):
        briefkit.summarise("!!! ...")


def test_analyse_reads_a_path_or_takes_text():
    from_path = briefkit.analyse(SEED_ARTICLE)
    assert from_path.document.source == str(SEED_ARTICLE)
    assert briefkit.analyse(str(SEED_ARTICLE)).document.sha256 == from_path.document.sha256
    from_text = briefkit.analyse(SEED_ARTICLE.read_text(encoding="utf-8"))
    assert from_text.document.source == "<text>"
    assert from_text.short.summary.sentences == from_path.short.summary.sentences
    assert from_text.readability.grade == from_path.readability.grade
    settings = briefkit.Settings(short="1", medium="2")
    assert len(briefkit.analyse(TEXT, settings).medium.summary.sentences) == 2
    assert briefkit.analyse("a" * 5000 + " word.").document.source == "<text>"  # too long a name: text


@pytest.mark.slow
def test_build_in_memory_touches_no_disk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFKIT_CACHE_DIR", str(tmp_path / "cache"))
    notes = tmp_path / "notes.txt"
    notes.write_text(TEXT, encoding="utf-8")
    result = briefkit.build(notes, write=False)
    assert result.outputs == {}
    assert result.rendered["pdf"][:5] == b"%PDF-"
    assert "<html" in result.rendered["html"] and '"documents"' in result.rendered["json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]

    written = briefkit.build([notes], briefkit.Settings(output=str(tmp_path / "out.pdf"), html=True))
    assert sorted(written.outputs) == ["html", "pdf"] == sorted(written.rendered)
    assert (tmp_path / "out.html").read_text(encoding="utf-8") == written.rendered["html"]


@pytest.mark.slow
def test_embedding_takes_five_lines(tmp_path):
    (tmp_path / "notes.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "embed.py").write_text(EMBED, encoding="utf-8")
    env = {**os.environ, "BRIEFKIT_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "embed.py"], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2 True b'%PDF-' ['html', 'json', 'pdf']\n"
    assert result.stderr == ""


def test_the_embedding_script_type_checks_strictly(tmp_path):
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent)) or shutil.which("mypy")
    if mypy is None:
        pytest.skip("mypy is not installed")
    (tmp_path / "embed.py").write_text(EMBED + "wrong: int = briefkit.summarise('x')\n", encoding="utf-8")
    result = subprocess.run([mypy, "--strict", "--no-incremental", "--cache-dir", os.devnull, "embed.py"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.stdout.splitlines()[:-1] == [
        'embed.py:6: error: Incompatible types in assignment (expression has type "Summary", variable has type '
        '"int")  [assignment]'], result.stdout


def _examples(markdown: str) -> tuple[str, str]:
    """The ```python blocks of ``markdown`` joined, and the plain ``` blocks (their output) joined."""
    import re

    blocks = re.findall(r"^```(python)?\n(.*?)^```", markdown, re.S | re.M)
    return ("".join(body for lang, body in blocks if lang), "".join(body for lang, body in blocks if not lang))


@pytest.mark.slow
def test_the_readme_and_api_examples_print_what_the_docs_say(tmp_path):
    from helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## From Python"):readme.index("## Templates")]
    readme_code, readme_out = _examples(section)
    api_code, api_out = _examples((ROOT / "docs" / "api.md").read_text(encoding="utf-8"))
    (tmp_path / "examples.py").write_text(readme_code + "\n" + api_code, encoding="utf-8")
    (tmp_path / "out").mkdir()  # docs/api.md's build writes out/briefing.pdf
    env = {**os.environ, "BRIEFKIT_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "examples.py"], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout == readme_out + api_out
