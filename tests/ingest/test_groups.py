"""Documents from a feed or a sub-folder are grouped in the briefing; the overview shows each source."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from helpers import ROOT, SAMPLES, SEED_ARTICLE, shared_data


@pytest.fixture(scope="module")
def grouped_build(tmp_path_factory):
    from click.testing import CliRunner

    from briefkit.cli import cli

    corpus = tmp_path_factory.mktemp("grouped")
    (corpus / "feeds").mkdir()
    (corpus / "specs").mkdir()
    shutil.copy(SEED_ARTICLE, corpus / SEED_ARTICLE.name)
    shutil.copy(SAMPLES / "diveintomark-howto.atom", corpus / "feeds" / "howto.atom")
    shutil.copy(SAMPLES / "pip-repeatable-installs.md", corpus / "specs" / "pip.md")
    shutil.copy(SAMPLES / "nodejs-documentation.html", corpus / "specs" / "node.html")
    out = tmp_path_factory.mktemp("grouped-out") / "briefing.pdf"
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--html", "--json", "-q",
                                      "--group-by", "folder"])
    assert result.exit_code == 0, result.output
    return {"html": out.with_suffix(".html").read_text(encoding="utf-8"),
            "json": json.loads(out.with_suffix(".json").read_text(encoding="utf-8")), "pdf": out}


def test_each_feed_and_sub_folder_gets_one_section(grouped_build):
    headings = re.findall(r'<h2 class="group-title"[^>]*>([^<]*)</h2>', grouped_build["html"])
    assert headings == ["feeds/howto.diveintomark.org", "specs"]
    groups = [d["group"] for d in grouped_build["json"]["documents"]]
    assert groups == ["", *["feeds/howto.diveintomark.org"] * 4, "specs", "specs"]


def test_overview_shows_the_source_of_each_document(grouped_build):
    cells = re.findall(r'<td class="source-cell">([^<]*)</td>', grouped_build["html"])
    assert len(cells) == 7
    assert cells[0].endswith(SEED_ARTICLE.name)
    assert cells[1] == "http://howto.diveintomark.org/remote-mac/"  # a feed entry's own link
    assert cells[5].endswith("node.html")


def test_groups_and_metadata_are_in_the_pdf(grouped_build):
    from pypdf import PdfReader

    reader = PdfReader(grouped_build["pdf"])
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "feeds/howto.diveintomark.org" in text
    assert "Date: 2005-11-03" in text and "Site: howto.diveintomark.org" in text
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "specs" in outline


def test_extraction_on_the_dev_pages_meets_the_goal():
    """The figure in docs/benchmarks.md, recomputed: F1 over word 4-gram shingles on the 60 dev pages."""
    import gzip
    import importlib.util

    data = shared_data("html")
    spec = importlib.util.spec_from_file_location("extraction", ROOT / "benchmarks" / "extraction.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    truth_file = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    truths = {key: value["articleBody"] for key, value in truth_file.items()}
    ours = {key: bench._briefkit(gzip.decompress((data / f"{key}.html.gz").read_bytes()), truth_file[key].get("url"))
            for key in truths}
    precision, recall, f1 = bench.score(truths, ours)
    assert f1 >= 0.96, (precision, recall, f1)
