"""The briefing overview (issue 8): attribution, links, duplicates, stories, JSON, CLI flags."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefkit.cli import cli
from briefkit.config import Settings
from briefkit.errors import UsageError
from briefkit.overview import build_overview, find_duplicates

from helpers import ROOT, SEED_ARTICLE, SEEDS, collect, copy_seeds, overview_stage, shared_data

SCHEMA = ROOT / "src" / "briefkit" / "schemas" / "briefing.json"


def squash(text: str) -> str:
    return " ".join(text.split())


def bbc_records(*categories: str, per_category: int | None = None) -> list[dict]:
    rows = [json.loads(line) for line in shared_data("dev", "bbc-news.jsonl").read_text(encoding="utf-8").splitlines()]
    if not categories:
        return rows
    picked: list[dict] = []
    for category in categories:
        picked.extend([r for r in rows if r["category"] == category][:per_category])
    return picked


def write_article(folder: Path, name: str, title: str, body: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def change_one_sentence(text: str) -> str:
    """The same article with its second sentence replaced by a new one."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    assert len(sentences) > 4
    sentences[1] = "A spokesman declined to comment on the figures when asked on Tuesday."
    return " ".join(sentences)


def reports_for(folder: Path, **changes):
    settings = Settings(algorithm="lead", **changes)
    reports, problems = collect([str(folder)], settings)
    assert not problems
    return reports, settings


# --------------------------------------------------------------------------- #
# Duplicates


def test_exact_and_near_copies_of_the_seed_are_flagged_and_quoted_once(tmp_path):
    folder = copy_seeds(tmp_path / "in")
    original = SEED_ARTICLE.read_text(encoding="utf-8")
    (folder / "copy-exact.txt").write_text(original, encoding="utf-8")
    title, body = original.split("\n", 1)
    (folder / "copy-near.txt").write_text(title + "\n" + change_one_sentence(squash(body)), encoding="utf-8")
    reports, settings = reports_for(folder)
    overview = build_overview(reports)

    assert len(overview.duplicates) == 1
    group = overview.duplicates[0]
    names = sorted(Path(r.document.source).name for r in group.members)
    assert names == ["copy-exact.txt", "copy-near.txt", "russian-troops-arrive-in-belarus.txt"]
    assert group.kind == "near" and 0.5 <= group.similarity < 1
    kept = group.kept
    copies = {id(r) for r in group.members if r is not kept}
    assert overview.sentences, "the seed batch has an overview summary"
    assert not any(id(s.report) in copies for s in overview.sentences)
    # Every copy is in the same story as the document it copies.
    assert all(overview.story_of(r) is overview.story_of(kept) for r in group.members)


def test_exact_duplicate_pair_is_exact():
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    other = (SEEDS / "nodejs-security-policy.md").read_text(encoding="utf-8")
    groups = find_duplicates([text, other, "  " + text.upper().replace("\n", " \n ")])
    assert groups == [([0, 2], "exact", 1.0)]


def test_every_exact_pair_in_a_batch_is_flagged():
    rows = bbc_records("business", per_category=6)
    texts = [r["article"] for r in rows]
    batch = texts + [texts[0], texts[3], texts[3]]  # one pair and one triple
    groups = {tuple(members): kind for members, kind, _ in find_duplicates(batch)}
    assert groups == {(0, 6): "exact", (3, 7, 8): "exact"}


def test_near_duplicates_flagged_but_articles_on_the_same_topic_are_not():
    rows = bbc_records("business", per_category=12)
    texts = [r["article"] for r in rows]
    batch = texts + [change_one_sentence(texts[4])]
    groups = find_duplicates(batch)
    assert [(members, kind) for members, kind, _ in groups] == [([4, 12], "near")]


def test_real_near_duplicates_of_the_dev_set():
    # The BBC set holds two versions of "Sony PSP tipped as a 'must-have'" (one word differs).
    rows = bbc_records()
    texts = [f"{r['title']}\n\n{r['article']}" for r in rows]
    flagged = {frozenset(rows[i]["id"] for i in members) for members, _, _ in find_duplicates(texts)}
    assert frozenset({"bbc-tech-045", "bbc-tech-341"}) in flagged
    # Nothing else in the same category is a copy of the PSP article.
    psp = [g for g in flagged if "bbc-tech-045" in g]
    assert psp == [frozenset({"bbc-tech-045", "bbc-tech-341"})]


# --------------------------------------------------------------------------- #
# Stories, key terms, summary


def test_two_topics_make_two_stories_named_by_their_terms(tmp_path):
    rows = bbc_records("sport", "business", per_category=15)
    folder = tmp_path / "in"
    folder.mkdir()
    for r in rows:
        write_article(folder, r["id"], r["title"], r["article"])
    reports, _ = reports_for(folder)
    overview = build_overview(reports)
    category = {r["id"]: r["category"] for r in rows}
    assert len(overview.stories) >= 2
    members = sum(len(s.members) for s in overview.stories)
    assert members == len(reports)
    # Each story is (nearly) one category: purity over the batch.
    majority = sum(max(sum(1 for m in s.members if category[Path(m.document.source).stem] == c)
                       for c in ("sport", "business")) for s in overview.stories)
    assert majority / members >= 0.9
    # Story order: by size.
    sizes = [len(s.members) for s in overview.stories]
    assert sizes == sorted(sizes, reverse=True)
    assert all(s.terms for s in overview.stories)
    # The briefing's key terms start with what sets each story apart, largest story first.
    firsts = list(dict.fromkeys(s.terms[0] for s in overview.stories))
    assert overview.key_terms[:len(firsts)] == firsts
    # Key terms of a document are words of that document.
    for report in reports:
        assert report.key_terms
        text = squash(f"{report.title} {report.document.text}").lower()
        assert all(term.split()[0] in text for term in report.key_terms)
    # The summary quotes several stories and never says the same thing twice.
    assert len({s.story for s in overview.sentences}) >= 2
    assert len(overview.sentences) == 7
    texts = [s.text for s in overview.sentences]
    assert len(set(texts)) == len(texts)


def test_overview_is_deterministic(tmp_path):
    folder = copy_seeds(tmp_path / "in")
    reports, _ = reports_for(folder)
    first = build_overview(reports)
    second = build_overview(reports)
    assert [s.text for s in first.sentences] == [s.text for s in second.sentences]
    assert [[m.document.source for m in s.members] for s in first.stories] == \
           [[m.document.source for m in s.members] for s in second.stories]


def test_group_by_orders_the_sections(tmp_path):
    folder = copy_seeds(tmp_path / "in")
    (folder / "b-folder").mkdir()
    (folder / "a-folder").mkdir()
    (folder / "b-folder" / "one.txt").write_text("Rain in Spain\n\nThe rain in Spain falls mainly on the plain.",
                                                 encoding="utf-8")
    (folder / "a-folder" / "two.txt").write_text("Snow\n\nSnow fell in the Alps overnight, closing two passes.",
                                                 encoding="utf-8")
    reports, settings = reports_for(folder)
    given = [r.document.source for r in reports]

    ordered, overview = overview_stage(list(reports), settings.replace(group_by="none"))
    assert [r.document.source for r in ordered] == given and overview is not None

    ordered, _ = overview_stage(list(reports), settings.replace(group_by="folder"))
    assert [r.document.group for r in ordered] == sorted(r.document.group for r in reports)

    ordered, overview = overview_stage(list(reports), settings.replace(group_by="story"))
    assert [r.document.source for r in ordered] == [m.document.source for s in overview.stories for m in s.members]
    assert sorted(r.document.source for r in ordered) == sorted(given)

    ordered, overview = overview_stage(list(reports), settings.replace(overview=False, group_by="none"))
    assert overview is None and [r.document.source for r in ordered] == given


def test_overview_sentences_setting(tmp_path):
    folder = copy_seeds(tmp_path / "in")
    reports, settings = reports_for(folder)
    assert len(build_overview(reports, sentences=2).sentences) == 2
    assert build_overview(reports, sentences=0).sentences == []


def test_one_document_and_empty_text(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    reports, _ = reports_for(folder)
    overview = build_overview(reports)
    assert len(overview.stories) == 1 and overview.sentences and reports[0].key_terms
    (folder / "stop.txt").write_text("The and of\n\nIt is what it is, and so it was.", encoding="utf-8")
    reports, _ = reports_for(folder)
    overview = build_overview(reports)  # no failure on a text of stop words only
    assert sum(len(s.members) for s in overview.stories) == 2


def test_bad_settings_are_one_clear_error():
    with pytest.raises(UsageError, match="group_by"):
        Settings().replace(group_by="topic")
    with pytest.raises(UsageError, match="overview_sentences"):
        Settings().replace(overview_sentences=-1)
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--group-by", "topic"])
    assert result.exit_code == 2 and "Traceback" not in result.output


# --------------------------------------------------------------------------- #
# The seed briefing: attribution, links, JSON.


@pytest.fixture(scope="module")
def dup_build(tmp_path_factory):
    """The seeds plus a near copy of one of them, built through the CLI with HTML and JSON."""
    root = tmp_path_factory.mktemp("overview-build")
    folder = copy_seeds(root / "in")
    original = SEED_ARTICLE.read_text(encoding="utf-8")
    title, body = original.split("\n", 1)
    (folder / "wire-copy.txt").write_text(title + "\n" + change_one_sentence(squash(body)), encoding="utf-8")
    out = root / "out"
    out.mkdir()
    result = CliRunner().invoke(cli, ["build", str(folder), "-o", str(out / "b.pdf"), "--html", "--json", "-q"])
    assert result.exit_code == 0, result.output
    return {"folder": folder, "pdf": out / "b.pdf", "html": out / "b.html",
            "json": json.loads((out / "b.json").read_text(encoding="utf-8"))}


def test_every_overview_sentence_occurs_in_the_document_it_names(dup_build):
    data = dup_build["json"]
    by_anchor = {d_anchor(data, i): d for i, d in enumerate(data["documents"])}
    sentences = data["overview"]["sentences"]
    assert len(sentences) == 7
    for s in sentences:
        document = by_anchor[s["anchor"]]
        assert document["source"] == s["source"]
        raw = Path(s["source"]).read_text(encoding="utf-8")
        if s["source"].endswith(".txt"):
            assert squash(s["text"]) in squash(raw)
        # Whatever the format, the sentence is the document's sentence at that index.
        for summary in document["summaries"].values():
            if s["sentence_index"] in summary["sentence_indices"]:
                position = summary["sentence_indices"].index(s["sentence_index"])
                assert summary["sentences"][position] == s["text"]
                break
        else:
            pytest.fail(f"sentence {s['sentence_index']} of {s['source']} is in none of its summaries")
    # The wire copy is flagged and never quoted.
    (group,) = data["overview"]["duplicates"]
    copy = next(m["source"] for m in group["members"] if m["source"] != group["kept"])
    assert copy.endswith("wire-copy.txt") or group["kept"].endswith("wire-copy.txt")
    assert all(s["source"] != copy for s in sentences)


def d_anchor(data: dict, index: int) -> str:
    """The anchor of the document at ``index``, as the stories list it."""
    source = data["documents"][index]["source"]
    return next(m["anchor"] for s in data["overview"]["stories"] for m in s["members"] if m["source"] == source)


def test_json_matches_the_schema_fragment(dup_build):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(dup_build["json"], schema)
    data = dup_build["json"]
    # Stories hold every document once, and the sections follow the stories.
    story_sources = [m["source"] for s in data["overview"]["stories"] for m in s["members"]]
    assert story_sources == [d["source"] for d in data["documents"]]
    assert data["settings"]["group_by"] == "story" and data["settings"]["overview_sentences"] == 7


def test_pdf_overview_links_go_to_the_document_sections(dup_build):
    from pypdf import PdfReader

    reader = PdfReader(str(dup_build["pdf"]))
    overview_page = reader.pages[1]
    assert "The briefing at a glance" in overview_page.extract_text()
    destinations = reader.named_destinations
    link_targets = [a.get_object().get("/Dest") for a in overview_page.get("/Annots", [])
                    if a.get_object().get("/Subtype") == "/Link"]
    data = dup_build["json"]
    for sentence in data["overview"]["sentences"]:
        assert sentence["anchor"] in link_targets
        page = reader.get_destination_page_number(destinations[sentence["anchor"]])
        assert page > 1
        assert squash(sentence["title"])[:30] in squash(reader.pages[page].extract_text())


def test_html_overview_escapes_and_has_no_external_resources(dup_build):
    html = dup_build["html"].read_text(encoding="utf-8")
    start = html.index('<section class="briefing-overview">')
    assert start < html.index('<section class="overview">') < html.index('<article class="document">')
    section = html[start:html.index("</section>", start)]
    assert "<svg" in section and "http://" not in section.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in section
    assert section.count('class="attribution" href="#doc-') == 7


def test_no_overview_flag(tmp_path):
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(out), "--json", "--html", "--no-overview",
                                      "--group-by", "none", "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["overview"] is None and data["settings"]["overview"] is False
    assert "briefing-overview" not in out.with_suffix(".html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- #
# A 100-article briefing from the dev data.


@pytest.mark.slow
def test_hundred_article_briefing_opens_with_the_overview(tmp_path):
    from pypdf import PdfReader

    rows = bbc_records()[::5]
    assert len(rows) == 100
    folder = tmp_path / "in"
    folder.mkdir()
    for r in rows:
        write_article(folder, r["id"], r["title"], r["article"])
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(cli, ["build", str(folder), "-o", str(out), "--json", "-q", "--algorithm", "lead"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    overview = data["overview"]
    assert len(overview["sentences"]) == 7 and len(overview["stories"]) >= 3
    assert sum(len(s["members"]) for s in overview["stories"]) == 100
    reader = PdfReader(str(out))
    first = reader.pages[1].extract_text()
    assert "The briefing at a glance" in first
    assert squash(overview["sentences"][0]["text"])[:40] in squash(first)
    assert all(d["key_terms"] for d in data["documents"])


def test_copies_under_other_file_names_are_exact_duplicates(tmp_path):
    # A text file whose first line is no heading takes its title from the file name:
    # the copies differ in title only, and are still the same text.
    folder = tmp_path / "in"
    folder.mkdir()
    body = squash(SEED_ARTICLE.read_text(encoding="utf-8").split("\n", 1)[1])
    for name in ("monday", "tuesday"):
        (folder / f"{name}.txt").write_text(body, encoding="utf-8")
    (folder / "other.md").write_text((SEEDS / "nodejs-security-policy.md").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    reports, _ = reports_for(folder)
    assert len({r.title for r in reports}) == 3
    (group,) = build_overview(reports).duplicates
    assert group.kind == "exact" and group.similarity == 1.0
    assert sorted(Path(r.document.source).name for r in group.members) == ["monday.txt", "tuesday.txt"]


def test_a_sentence_shared_by_two_documents_is_quoted_once(tmp_path):
    # Two different documents that open with the same three sentences (lead summaries
    # of both hold them): the overview may quote each of them once, not twice.
    folder = tmp_path / "in"
    folder.mkdir()
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    title, body = article.split("\n", 1)
    opening = " ".join(re.split(r"(?<=[.!?])\s+", squash(body))[:3])
    (folder / "a.txt").write_text(article, encoding="utf-8")
    policy = (SEEDS / "nodejs-security-policy.md").read_text(encoding="utf-8")
    (folder / "b.md").write_text("# Troops and security\n\n" + opening + "\n\n" + policy.split("\n", 1)[1],
                                 encoding="utf-8")
    reports, _ = reports_for(folder)
    assert not find_duplicates([r.document.text for r in reports])
    shared = set(re.split(r"(?<=[.!?])\s+", opening))
    overview = build_overview(reports, sentences=8)
    quoted = [squash(s.text) for s in overview.sentences]
    assert len(quoted) == len(set(quoted))
    assert sum(1 for q in quoted if q in shared) <= len(shared)
    assert any(q in shared for q in quoted)


def test_seed_briefing_opens_with_the_overview(seed_build):
    from pypdf import PdfReader

    data = json.loads(seed_build["json"].read_text(encoding="utf-8"))
    page = squash(PdfReader(str(seed_build["pdf"])).pages[1].extract_text())
    assert page.startswith("The briefing at a glance") or "The briefing at a glance" in page[:80]
    assert squash(data["overview"]["sentences"][0]["text"])[:40] in page
    assert all(d["key_terms"] for d in data["documents"])
