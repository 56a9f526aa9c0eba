"""One unit of work: every command reads and analyses a document the same way, from the same settings.

The first three tests are the regressions of issue 12: ``summarise``, ``readability`` and ``check``
ignored ``input_format`` and ``fetch_timeout`` from the configuration, and settings that only shape
the output or the run (``jobs``, ``layout``) were part of the analysis cache's key.
"""

from __future__ import annotations

import json
import socket
import threading

import pytest
from click.testing import CliRunner

from briefkit.cli import cli

BUDGET = """# Budget Report

The council spent less on roads this year than last year. Most of the money went to schools and to
the new library, which opened in March.

```
the quick brown fox jumps over the lazy dog again and again without a single full stop anywhere in this
very long block of example code that a reader never sees because Markdown marks it as code to be left out
```

Next year the council plans to repair the bridge on Mill Lane. It will ask residents what else matters.
"""


@pytest.fixture
def markdown_config(tmp_path):
    """A ``.txt`` file that is really Markdown, and a configuration that says so."""
    (tmp_path / "budget.txt").write_text(BUDGET, encoding="utf-8")
    (tmp_path / "briefkit.toml").write_text('input_format = "markdown"\n', encoding="utf-8")
    return tmp_path


def run(args, cwd, monkeypatch):
    """The command in ``cwd``, where it finds ``briefkit.toml`` as a user's command would."""
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(cli, args, catch_exceptions=False)


@pytest.mark.parametrize("command", [["readability", "--json"], ["summarise", "--json"]])
def test_single_document_commands_read_with_the_configured_input_format(markdown_config, command, monkeypatch):
    as_extracted = json.loads(run(["extract", "--json", "budget.txt"], markdown_config, monkeypatch).stdout)
    assert as_extracted["title"] == "Budget Report"
    result = run([*command, "budget.txt"], markdown_config, monkeypatch)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "Budget Report"  # not "# Budget Report"


def test_check_reads_with_the_configured_input_format(markdown_config, monkeypatch):
    gate = ["check", "--format", "json", "--max-grade", "inf", "--min-ease", "-inf", "budget.txt"]
    # Read as plain text, the code block is one sentence of 40 words; as Markdown it is code, left out.
    (markdown_config / "plain.toml").write_text("", encoding="utf-8")
    as_text = run([*gate, "--config", "plain.toml"], markdown_config, monkeypatch)
    assert as_text.exit_code == 1 and "max-sentence-words" in as_text.stdout
    configured = run(gate, markdown_config, monkeypatch)
    assert configured.exit_code == 0, configured.output
    report = json.loads(configured.stdout)
    assert report["passed"] and not report["documents"][0]["findings"]


@pytest.fixture
def silent_server():
    """A server on 127.0.0.1 that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/page"
    stop.set()
    thread.join(2)
    for connection in held:
        connection.close()
    listener.close()


@pytest.mark.parametrize("command", ["summarise", "readability"])
def test_single_document_commands_wait_as_long_as_the_configured_fetch_timeout(tmp_path, silent_server, command,
                                                                              monkeypatch):
    (tmp_path / "briefkit.toml").write_text("fetch_timeout = 1\n", encoding="utf-8")
    result = run([command, silent_server], tmp_path, monkeypatch)
    assert result.exit_code == 2
    assert "no answer within 1 s" in result.output  # not the default 20 s


def test_settings_of_the_output_or_the_run_do_not_change_the_analysis_cache_key(tmp_path, monkeypatch):
    """A default build, then ``-j 1`` or another layout: every document comes from the cache."""
    from briefkit.config import Settings
    from briefkit.run import collect

    monkeypatch.setenv("BRIEFKIT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "docs"
    folder.mkdir()
    for number in range(3):
        (folder / f"note-{number}.txt").write_text(
            f"Note {number}\n\nThe committee met on day {number} and agreed the plan. The budget is fixed. "
            "The work starts in spring and ends before the winter.", encoding="utf-8")

    def analysed(settings: Settings):
        reports, problems = collect([str(folder)], settings.load_options(), settings.analysis_options(),
                                    cache=settings.cache, jobs=settings.jobs)
        assert not problems
        return reports

    first = analysed(Settings())
    assert not any(r.from_cache for r in first)
    for changed in (Settings(jobs=1), Settings(layout="compact"), Settings(title="Other", html=True, jobs=1)):
        again = analysed(changed)
        assert all(r.from_cache for r in again), changed
        assert [r.short.summary.sentences for r in again] == [r.short.summary.sentences for r in first]
    # And a setting of the analysis does change it.
    assert not any(r.from_cache for r in analysed(Settings(short="2")))
