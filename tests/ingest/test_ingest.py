"""Loading: encodings, titles, paragraphs, Markdown, HTML, folders and standard input."""

from __future__ import annotations

import io
import sys

import pytest

from briefkit.errors import DocumentError
from briefkit.ingest import discover, load, load_all, title_from_source
from briefkit.model import InputFile, LoadOptions
from helpers import SEEDS

TEXT = "Rain is expected across the north.\n\nFarmers welcomed the news. Reservoirs are low after a dry summer."


def load_path(path):
    return load(InputFile(str(path), path))


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""), ("utf-8-sig", b""), ("utf-16", b""), ("utf-16-le", b"\xff\xfe"), ("cp1252", b""),
])
def test_encodings_are_detected(tmp_path, encoding, prefix):
    text = "Café owners in Zürich say “prices” rose by 5 %.\n\nThe city disagrees — strongly."
    path = tmp_path / f"doc-{encoding}.txt"
    path.write_bytes(prefix + text.encode(encoding))
    document = load_path(path)
    assert document.paragraphs == ["Café owners in Zürich say “prices” rose by 5 %.", "The city disagrees — strongly."]


def test_cp1252_without_declared_encoding(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Les élèves ont reçu leurs diplômes à Montréal hier soir, après une année très difficile."
                     .encode("cp1252"))
    assert "élèves" in load_path(path).text


def test_title_from_a_heading_line(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Dry summer ends\n\n" + TEXT, encoding="utf-8")
    document = load_path(path)
    assert document.title == "Dry summer ends"
    assert document.paragraphs[0].startswith("Rain is expected")


def test_title_falls_back_to_the_file_name(tmp_path):
    path = tmp_path / "03_weather-report_north.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert load_path(path).title == "Weather report north"
    assert title_from_source("-") == "Standard input"


def test_paragraphs_one_per_line_when_there_are_no_blank_lines(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("First paragraph here.\nSecond paragraph here.\nThird one.", encoding="utf-8")
    assert load_path(path).paragraphs == ["First paragraph here.", "Second paragraph here.", "Third one."]


def test_hard_wrapped_paragraphs_are_joined(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text("A long sentence that was\nwrapped at a narrow width.\n\nAnother paragraph\nhere.", encoding="utf-8")
    assert load_path(path).paragraphs == ["A long sentence that was wrapped at a narrow width.", "Another paragraph here."]


def test_markdown_drops_code_links_targets_and_keeps_headings(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(
        "# Quarterly notes\n\nRead the [full report](https://example.com/secret-path) today.\n\n"
        "```python\nprint('code is not prose')\n```\n\n## Budget\n\nSpending rose by **ten** percent.\n",
        encoding="utf-8",
    )
    document = load_path(path)
    assert document.title == "Quarterly notes"
    assert document.paragraphs == ["Read the full report today.", "Spending rose by ten percent."]
    assert "Budget" in document.metadata["headings"]
    assert "example.com" not in document.text and "print" not in document.text


def test_saved_web_page_gives_the_article_not_the_navigation():
    document = load_path(SEEDS / "what-is-rustdoc.html")
    assert document.format == "html"
    assert document.title == "What is rustdoc?"
    assert "rustdoc" in document.text
    assert "Keyboard shortcuts" not in document.text
    assert "<script" not in document.text and "<div" not in document.text and "<nav" not in document.text


def test_binary_and_empty_files_are_clear_problems(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(DocumentError, match="PNG"):
        load_path(tmp_path / "image.txt")
    with pytest.raises(DocumentError, match="empty"):
        load_path(tmp_path / "empty.txt")


def test_folders_are_read_recursively_in_sorted_order(tmp_path):
    for name in ["b.txt", "a.md", "sub/c.txt", "sub/deeper/d.html", ".hidden.txt", "image.png", "skip.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEXT, encoding="utf-8")
    (tmp_path / ".briefkitignore").write_text("# not this one\nskip.txt\n")
    files, problems = discover([str(tmp_path)])
    assert problems == []
    assert [f.path.relative_to(tmp_path).as_posix() for f in files] == ["a.md", "b.txt", "sub/c.txt", "sub/deeper/d.html"]
    assert [f.group for f in files] == ["", "", "sub", "sub/deeper"]


def test_seed_folder_skips_its_readme():
    files, _ = discover([str(SEEDS)])
    assert "README.md" not in [f.path.name for f in files]
    assert len(files) == 3


def test_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-8"))))
    (document,) = list(load_all(["-"]))
    assert document.source == "-" and document.title == "Standard input"
    assert document.paragraphs[1] == "Farmers welcomed the news. Reservoirs are low after a dry summer."


def test_missing_path_is_a_problem_and_others_still_load(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    results = list(load_all([str(tmp_path / "missing.txt"), str(good)]))
    assert str(results[0]) == f"{tmp_path / 'missing.txt'}: no such file or folder"
    assert results[1].title == "Good"


def test_too_large_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(DocumentError, match="over the"):
        load(InputFile(str(path), path), LoadOptions(max_bytes=1000))
