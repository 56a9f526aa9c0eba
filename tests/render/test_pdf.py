"""The sample briefing, read back from the PDF: text, pages, outline, metadata, contents page numbers."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader


@pytest.fixture(scope="module")
def reader(seed_build):
    return PdfReader(seed_build["pdf"])


@pytest.fixture(scope="module")
def briefing(seed_build):
    return json.loads(seed_build["json"].read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page_texts(reader):
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def test_pdf_metadata(reader):
    meta = reader.metadata
    assert meta.title == "Seed briefing"
    assert meta.author == "Test Desk"
    assert meta.subject
    assert "briefkit" in (meta.creator or "") + (meta.producer or "")
    assert meta.creation_date is not None


def test_cover_states_title_counts_and_version(page_texts, briefing):
    cover = page_texts[0]
    assert "Seed briefing" in cover
    assert f"{len(briefing['documents'])}" in cover
    assert f"{briefing['totals']['words']:,}" in cover
    assert briefing["briefkit_version"] in cover


def test_every_document_has_a_bookmark_pointing_at_its_section(reader, briefing, page_texts):
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert "Overview" in titles and "Contents" in titles
    for doc in briefing["documents"]:
        assert doc["title"] in titles
        item = next(i for i in outline if not isinstance(i, list) and i.title == doc["title"])
        page = reader.get_destination_page_number(item)
        assert doc["title"] in page_texts[page]


def test_contents_page_numbers_are_the_real_pages(briefing, page_texts):
    page = next(text for text in page_texts if "Contents" in text)
    contents = page[page.index("Contents"):]
    for doc in briefing["documents"]:
        match = re.search(re.escape(doc["title"]) + r"[ .]*?(\d+)", contents)
        assert match, f"{doc['title']} missing from the contents"
        printed = int(match.group(1))
        # The section starts on the page the contents names (1-based).
        assert doc["title"] in page_texts[printed - 1]
        assert doc["summaries"]["short"]["sentences"][0][:40] in page_texts[printed - 1]


def test_each_section_shows_summaries_readability_and_hardest_sentences(page_texts, briefing):
    whole = " ".join(page_texts)
    for doc in briefing["documents"]:
        for sentence in doc["summaries"]["short"]["sentences"]:
            assert sentence[:50] in whole
        assert doc["hardest_sentences"], doc["source"]
        assert doc["hardest_sentences"][0]["text"][:40] in whole
        assert doc["readability"]["band"] in whole
    headings = whole.upper()  # the template sets these headings in capitals
    assert "IN SHORT" in headings and "IN MORE DETAIL" in headings and "HARDEST SENTENCES" in headings


def test_running_footer_counts_pages(reader, page_texts):
    total = len(reader.pages)
    assert total >= 2 + 3  # cover, overview and one page or more per sample document
    for number, text in enumerate(page_texts[1:], start=2):
        assert f"Page {number} of {total}" in text


def test_page_size_is_a4_by_default(reader):
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_letter_page_size(tmp_path):
    from click.testing import CliRunner

    from briefkit.cli import cli
    from helpers import SEED_ARTICLE

    out = tmp_path / "letter.pdf"
    result = CliRunner().invoke(cli, ["build", str(SEED_ARTICLE), "-o", str(out), "--page-size", "letter", "-q"])
    assert result.exit_code == 0, result.output
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
