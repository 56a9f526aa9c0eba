"""`briefkit build --jobs N`: the same briefing whatever N, problems included, in input order."""

from __future__ import annotations

import json

from click.testing import CliRunner

from briefkit.cli import cli
from briefkit.config import Settings, load_settings
from briefkit.run import parallel

from helpers import SEEDS, briefing_json, copy_seeds, shared_data


def _folder(tmp_path):
    folder = copy_seeds(tmp_path / "inputs")
    with open(shared_data("dev", "bbc-news.jsonl"), encoding="utf-8") as handle:
        for index, line in enumerate(list(handle)[:5]):
            record = json.loads(line)
            (folder / f"bbc-{index}.txt").write_text(record["title"] + "\n\n" + record["article"], encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")  # a problem in the middle of the batch
    (folder / "picture.md").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    return folder


def _briefing(folder, jobs, monkeypatch):
    """The JSON briefing of ``folder`` analysed by ``jobs`` processes (no PDF: rendering is one pass
    in the main process whatever the number of jobs)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    briefing, text = briefing_json([str(folder)], Settings(output="briefing.pdf", json=True, jobs=jobs))
    assert len(briefing.problems) == 2  # two documents fail; the rest is built
    return text


def test_one_and_two_jobs_write_the_same_json(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    workers = []
    real_pool = parallel._pool
    monkeypatch.setattr(parallel, "_pool", lambda jobs: workers.append(jobs) or real_pool(jobs))
    one = _briefing(folder, 1, monkeypatch)
    assert workers == []
    two = _briefing(folder, 2, monkeypatch)
    assert workers == [2]  # the batch really went to two worker processes
    assert one == two
    data = json.loads(two)
    assert data["totals"]["documents"] == 8
    assert [p["source"].rsplit("/", 1)[-1] for p in data["problems"]] == ["empty.txt", "picture.md"]
    assert "jobs" not in data["settings"]


def test_jobs_setting(tmp_path):
    assert Settings().jobs == 0  # one per core
    config = tmp_path / "briefkit.toml"
    config.write_text("jobs = 3\n", encoding="utf-8")
    settings, _ = load_settings(config)
    assert settings.jobs == 3
    config.write_text("jobs = -1\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--config", str(config)])
    assert result.exit_code == 2
    assert "jobs must be 0" in result.output
