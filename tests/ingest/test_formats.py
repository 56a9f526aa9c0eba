"""Readers for real-world inputs (issue 7), each on a real sample from tests/samples/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefkit.errors import DocumentError
from briefkit.ingest import discover, formats, load, load_all, load_many
from briefkit.model import Document, InputFile, LoadOptions, Problem

from helpers import SAMPLES, SEED_ARTICLE


def read(name: str, **kwargs) -> list[Document | Problem]:
    path = SAMPLES / name
    return load_many(InputFile(str(path), path), LoadOptions(**kwargs))


# --- format detection -------------------------------------------------------------------------


@pytest.mark.parametrize("name, expected", [
    ("nodejs-documentation.html", "html"),
    ("pip-repeatable-installs.md", "markdown"),
    ("diveintomark-howto.atom", "feed"),
    ("honositomuhely-hu.rss", "feed"),
    ("shared-mime-info-spec.pdf", "pdf"),
    ("mailman-digest.eml", "eml"),
])
def test_samples_are_read_as_their_format(name, expected):
    assert {d.format for d in read(name) if isinstance(d, Document)} == {expected}


def test_content_wins_over_a_misleading_extension(tmp_path):
    disguised = tmp_path / "notes.txt"
    disguised.write_bytes((SAMPLES / "diveintomark-howto.atom").read_bytes())
    pdf = tmp_path / "report.html"
    pdf.write_bytes((SAMPLES / "shared-mime-info-spec.pdf").read_bytes())
    assert {d.format for d in load_many(InputFile(str(disguised), disguised))} == {"feed"}
    assert load(InputFile(str(pdf), pdf)).format == "pdf"


def test_format_can_be_forced(tmp_path):
    page = SAMPLES / "nodejs-documentation.html"
    forced = load(InputFile(str(page), page), LoadOptions(input_format="text"))
    assert forced.format == "text"
    assert any("<nav" in p or "<li>" in p for p in forced.paragraphs)  # raw markup: it really was read as text


def test_xml_that_is_not_a_feed_is_skipped_in_folders_but_feeds_are_found(tmp_path):
    (tmp_path / "pom.xml").write_text("<?xml version='1.0'?><project><name>x</name></project>", encoding="utf-8")
    (tmp_path / "news.xml").write_bytes((SAMPLES / "diveintomark-howto.atom").read_bytes())
    found, problems = discover([str(tmp_path)])
    assert [Path(f.source).name for f in found] == ["news.xml"] and not problems


def test_sniff_on_plain_text_says_nothing():
    assert formats.sniff(SEED_ARTICLE.read_bytes()) is None
    assert formats.detect(SEED_ARTICLE.read_bytes(), ".txt") == "text"


# --- web pages --------------------------------------------------------------------------------


def test_html_keeps_the_article_and_drops_the_navigation():
    (doc,) = read("nodejs-documentation.html")
    text = doc.text
    assert "Node.js is a JavaScript runtime built on the V8 JavaScript engine." in text
    assert "Stability index" in doc.metadata["headings"]  # headings are structure, not prose to summarise
    # The sidebar links every API module; the entries that the article itself does not list must not appear.
    for menu_item in ("Usage and example", "Child processes", "Command-line options", "Deprecated APIs"):
        assert menu_item not in text
    assert doc.title.startswith("Node.js") and doc.metadata["site"].startswith("Node.js")


def test_html_with_too_little_article_text_is_a_problem(tmp_path):
    page = tmp_path / "teaser.html"
    page.write_text("<html><head><title>Big news</title></head><body><nav><a href='/'>Home</a></nav>"
                    "<article><p>Subscribe to read the whole of this story about the budget.</p></article>"
                    "</body></html>", encoding="utf-8")
    (item,) = list(load_all([str(page)]))
    assert isinstance(item, Problem)
    assert "words of article text" in item.message and "under 50" in item.message


def test_html_metadata_reaches_the_briefing_model():
    (doc,) = read("nodejs-documentation.html")
    assert doc.metadata.get("url") == "https://nodejs.org/api/documentation.html"


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_keeps_headings_as_structure_and_drops_code_and_markup():
    (doc,) = read("pip-repeatable-installs.md")
    assert doc.title == "Repeatable Installs"
    assert doc.metadata["headings"].split(" | ")[:2] == ["Pinning the package versions", "Hash-checking"]
    text = doc.text
    assert "Pinning the package versions" not in text  # a heading is structure, not a sentence
    assert "SomePackage == 1.2.3" not in text and "--hash=sha256" not in text  # fenced code
    assert "```" not in text and "{ref}" not in text and "(repeatability)=" not in text
    assert "pip can be used to achieve various levels of repeatable environments." in text


def test_markdown_drops_link_targets_but_keeps_link_text(tmp_path):
    note = tmp_path / "note.md"
    note.write_text("# Note\n\nRead [the guide](https://example.org/guide) and ![a chart](chart.png) "
                    "before the meeting.\n\n<div>raw html</div>\n", encoding="utf-8")
    doc = load(InputFile(str(note), note))
    assert doc.text == "Read the guide and a chart before the meeting."


# --- feeds ------------------------------------------------------------------------------------


def test_atom_feed_gives_one_document_per_entry():
    docs = read("diveintomark-howto.atom")
    assert len(docs) == 4 and all(isinstance(d, Document) for d in docs)
    first = docs[0]
    assert first.title == "HOWTO Use Your Mac From Anywhere"
    assert first.metadata["link"] == "http://howto.diveintomark.org/remote-mac/"
    assert first.metadata["date"] == "2005-11-03"
    assert first.text.startswith("Use SSH tunnels and open source VNC")
    assert first.source.endswith("diveintomark-howto.atom#1") and docs[3].source.endswith("#4")
    assert {d.group for d in docs} == {"howto.diveintomark.org"}


def test_rss_feed_in_a_legacy_encoding_with_bad_ampersands():
    docs = read("honositomuhely-hu.rss")
    assert len(docs) == 8
    assert docs[0].title == "Simply Calenders 4.5 (d) (fr)"
    assert docs[0].text.startswith("Személyre szabott naptárakat")  # ISO-8859-2 decoded
    assert docs[0].metadata["date"] == "2006-01-04"
    assert "filecatid=911" in docs[0].metadata["link"]
    assert docs[0].group == "Honosító Műhely : Legfrissebb verziók"


def test_feed_html_content_is_cleaned_to_text(tmp_path):
    feed = tmp_path / "blog.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>'
        "<item><title>Post</title><link>http://example.org/p</link>"
        "<description><![CDATA[<p>First <b>bold</b> paragraph.</p><script>alert(1)</script>"
        "<p>Second paragraph.</p>]]></description></item>"
        "<item><title>Only a headline</title></item></channel></rss>", encoding="utf-8")
    post, headline = load_many(InputFile(str(feed), feed))
    assert post.paragraphs == ["First bold paragraph.", "Second paragraph."]
    assert isinstance(headline, Problem) and "Only a headline" in headline.message


def test_a_feed_is_refused_by_single_document_commands():
    path = SAMPLES / "diveintomark-howto.atom"
    with pytest.raises(DocumentError, match="holds 4 documents"):
        load(InputFile(str(path), path))


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_text_keeps_page_numbers_and_drops_running_heads():
    (doc,) = read("shared-mime-info-spec.pdf")
    assert doc.metadata["pages"] == "17"
    assert len(doc.pages) == len(doc.paragraphs) and doc.pages[0] == 1 and doc.pages[-1] == 17
    assert doc.pages == sorted(doc.pages)
    # The running head "Shared MIME-info Database" opens every page; it must not become text.
    assert sum(p.startswith("Shared MIME-info Database") for p in doc.paragraphs) <= 1
    index = next(i for i, p in enumerate(doc.paragraphs) if "language used in this specification" in p.lower()
                 or "RFC 2119" in p)
    assert doc.pages[index] == 2
    assert "1.3. Language used in this specification" in doc.metadata["headings"]
    # A paragraph running from page 2 onto page 3 stays one paragraph, cited by the page it starts on.
    (across,) = [i for i, p in enumerate(doc.paragraphs) if "Information found in a directory is added to" in p]
    assert "information found in previous directories" in doc.paragraphs[across] and doc.pages[across] == 2


def test_pdf_without_a_text_layer_is_a_clear_problem(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(2):
        writer.add_blank_page(width=595, height=842)
    scan = tmp_path / "scan.pdf"
    with open(scan, "wb") as handle:
        writer.write(handle)
    (problem,) = list(load_all([str(scan)]))
    assert isinstance(problem, Problem)
    assert "no text layer" in problem.message and "2 pages" in problem.message and "OCR" in problem.message


def test_damaged_pdf_is_a_problem_not_a_crash(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes((SAMPLES / "shared-mime-info-spec.pdf").read_bytes()[:3000])
    (item,) = list(load_all([str(broken)]))
    assert isinstance(item, Problem) and "PDF" in item.message


# --- Word and e-mail --------------------------------------------------------------------------


@pytest.fixture
def seed_docx(tmp_path, seed_text):
    import docx

    from briefkit.ingest.formats.text import split_paragraphs

    paragraphs = split_paragraphs(seed_text)
    document = docx.Document()
    document.core_properties.author = "Test Desk"
    document.add_heading(paragraphs[0].strip(), level=0)  # style "Title"
    document.add_heading("Background", level=1)
    for paragraph in paragraphs[1:]:
        document.add_paragraph(paragraph.strip())
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Country", "Troops"
    table.cell(1, 0).text, table.cell(1, 1).text = "Belarus", "arriving"
    path = tmp_path / "seed.docx"
    document.save(path)
    return path, paragraphs


def test_docx_reads_title_paragraphs_headings_and_tables(seed_docx):
    path, paragraphs = seed_docx
    doc = load(InputFile(str(path), path))
    assert doc.format == "docx"
    assert doc.title == paragraphs[0].strip()
    assert doc.metadata["author"] == "Test Desk" and doc.metadata["headings"] == "Background"
    assert doc.paragraphs[0] == " ".join(paragraphs[1].split())
    assert doc.paragraphs[-1] == "Belarus | arriving"


def test_empty_docx_template_is_a_problem():
    import docx

    template = Path(docx.__file__).parent / "templates" / "default.docx"  # ships with python-docx
    (item,) = list(load_all([str(template)]))
    assert isinstance(item, Problem) and "no readable text" in item.message


def test_eml_digest_reads_subject_sender_and_plain_text():
    (doc,) = read("mailman-digest.eml")
    assert doc.title == "Ppp digest, Vol 1 #2 - 5 msgs"
    assert doc.metadata["author"] == "ppp-request@zzz.org" and doc.metadata["date"] == "2001-04-20"
    assert doc.paragraphs[0].startswith("Send Ppp mailing list submissions to")


def test_eml_prefers_the_plain_text_part():
    (doc,) = read("outlook-alternative.eml", input_format="eml")  # .eml by name, headers by content
    assert doc.text == "Some removed test."  # the plain part, not "Some removed text." of the HTML part
    assert doc.title == "XX" and doc.metadata["author"] == "xx@xx.dk"


# --- the extract command ----------------------------------------------------------------------


def test_extract_json_gives_one_line_per_document_and_per_feed_entry():
    from click.testing import CliRunner

    from briefkit.cli import cli

    result = CliRunner().invoke(cli, ["extract", "--json", str(SAMPLES / "diveintomark-howto.atom"),
                                      str(SAMPLES / "pip-repeatable-installs.md")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == 5
    assert all({"source", "title", "text", "metadata"} <= set(r) for r in records)
    assert records[0]["metadata"]["link"] == "http://howto.diveintomark.org/remote-mac/"
    assert records[4]["title"] == "Repeatable Installs" and "```" not in records[4]["text"]


def test_extract_text_shows_metadata_pages_and_reports_problems(tmp_path):
    from click.testing import CliRunner

    from briefkit.cli import cli

    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(SAMPLES / "shared-mime-info-spec.pdf"), str(empty)])
    assert result.exit_code == 1
    assert "format: pdf" in result.stdout and "pages: 17" in result.stdout and "[p. 2] " in result.stdout
    assert "empty.md: is empty" in result.stderr


def test_extract_rejects_an_unknown_format():
    from click.testing import CliRunner

    from briefkit.cli import cli

    result = CliRunner().invoke(cli, ["extract", "--format", "odt", str(SAMPLES / "mailman-digest.eml")])
    assert result.exit_code == 2 and "odt" in result.output


def test_pdf_summary_sentences_cite_the_page_they_are_on(tmp_path):
    """Every summary sentence of a PDF carries its page; that page of the original really holds it."""
    import re

    from pypdf import PdfReader

    from briefkit.config import Settings
    from briefkit.pipeline import build

    source = SAMPLES / "shared-mime-info-spec.pdf"
    result = build([str(source)], Settings(output=str(tmp_path / "b.pdf"), html=True))
    (report,) = result.briefing.documents
    assert len(report.medium.pages) == len(report.medium.summary.sentences) > 0
    original = [" ".join(page.extract_text().split()) for page in PdfReader(source).pages]
    for sentence, page in zip(report.medium.summary.sentences, report.medium.pages):
        opening = " ".join(sentence.split()[:5])
        assert opening in original[page - 1], (page, sentence)
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert len(re.findall(r'class="page-ref">\(p\.&nbsp;\d+\)', html)) == (
        len(report.short.pages) + len(report.medium.pages))


def test_eml_html_only_message_with_an_attachment(tmp_path):
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Desk Editor <desk@example.org>"
    message["Subject"] = "Weekly notes"
    message["Date"] = "Mon, 06 Jan 2025 09:30:00 +0000"
    message.set_content("<html><body><p>Budget talks resume on <b>Tuesday</b>.</p>"
                        "<blockquote>Earlier reply</blockquote><p>Bring the figures.</p></body></html>",
                        subtype="html")
    message.add_attachment(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png", filename="chart.png")
    path = tmp_path / "notes.eml"
    path.write_bytes(bytes(message))
    doc = load(InputFile(str(path), path))
    assert doc.format == "eml" and doc.title == "Weekly notes"
    assert doc.paragraphs[0] == "Budget talks resume on Tuesday." and doc.paragraphs[-1] == "Bring the figures."
    assert doc.metadata == {"author": "Desk Editor", "date": "2025-01-06", "attachments": "chart.png"}


def test_build_format_flag_reaches_every_input(tmp_path):
    from click.testing import CliRunner

    from briefkit.cli import cli

    page = tmp_path / "page.txt"  # a saved page with the wrong extension, sniffed as HTML anyway
    page.write_bytes((SAMPLES / "nodejs-documentation.html").read_bytes())
    out = tmp_path / "b.pdf"
    runner = CliRunner()
    auto = runner.invoke(cli, ["build", str(page), "-o", str(out), "--json", "-q"])
    assert auto.exit_code == 0, auto.output
    assert json.loads(out.with_suffix(".json").read_text())["documents"][0]["format"] == "html"
    forced = runner.invoke(cli, ["build", str(page), "-o", str(out), "--json", "-q", "--format", "text"])
    assert forced.exit_code == 0, forced.output
    assert json.loads(out.with_suffix(".json").read_text())["documents"][0]["format"] == "text"


def test_html_paragraphs_follow_the_page_blocks_not_its_line_breaks():
    from briefkit.ingest import load
    from briefkit.model import InputFile
    from helpers import SEEDS

    path = SEEDS / "what-is-rustdoc.html"
    doc = load(InputFile(str(path), path))
    # The page wraps this paragraph over four source lines; it is one paragraph of whole sentences.
    assert doc.paragraphs[0] == (
        "The standard Rust distribution ships with a tool called rustdoc. Its job is to generate documentation "
        "for Rust projects. On a fundamental level, Rustdoc takes as an argument either a crate root or a "
        "Markdown file, and produces HTML, CSS, and JavaScript.")
    assert "$ cargo new docs --lib" not in doc.text  # a code block, not prose
    assert "fn foo() {}" not in doc.text
