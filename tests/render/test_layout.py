"""The compact layout: many documents flow on shared pages, with contents and bookmarks still right."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from pypdf import PdfReader

from briefkit.cli import cli
from briefkit.assemble import COMPACT_FROM

from helpers import SEEDS, shared_data


def _build(inputs, out, *flags):
    result = CliRunner().invoke(cli, ["build", *map(str, inputs), "-o", str(out), "--json", "-q", *flags])
    assert result.exit_code == 0, result.output
    return PdfReader(out), json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))


def test_compact_layout_is_shorter_and_keeps_contents_and_bookmarks(tmp_path):
    full, _ = _build([SEEDS], tmp_path / "full.pdf", "--layout", "full")
    compact, data = _build([SEEDS], tmp_path / "compact.pdf", "--layout", "compact")
    assert len(compact.pages) < len(full.pages)
    texts = [" ".join((page.extract_text() or "").split()) for page in compact.pages]
    contents = next(t for t in texts if "Contents" in t)
    contents = contents[contents.index("Contents"):]
    titles = [item.title for item in compact.outline if not isinstance(item, list)]
    for doc in data["documents"]:
        assert doc["title"] in titles
        page = int(re.search(re.escape(doc["title"]) + r"[ .]*?(\d+)", contents).group(1))
        assert doc["title"] in texts[page - 1]
        assert doc["summaries"]["short"]["sentences"][0][:40] in " ".join(texts)
        assert doc["readability"]["band"] in " ".join(texts)
    # The medium summary and the metrics table are left out of the PDF, not out of the JSON.
    assert "In more detail".upper() not in " ".join(texts).upper()
    assert all(doc["summaries"]["medium"]["sentences"] for doc in data["documents"])


def test_auto_layout_turns_compact_for_big_batches(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    with open(shared_data("dev", "bbc-news.jsonl"), encoding="utf-8") as handle:
        for index, line in zip(range(COMPACT_FROM), handle):
            record = json.loads(line)
            (folder / f"{index:03d}.txt").write_text(record["title"] + "\n\n" + record["article"], encoding="utf-8")
    reader, data = _build([folder], tmp_path / "b.pdf")
    assert len(data["documents"]) == COMPACT_FROM
    # Full pages would take at least one page per document.
    assert len(reader.pages) < COMPACT_FROM
