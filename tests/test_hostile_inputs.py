"""Broken and hostile documents: each gives one clear line naming the file, or a sensible result.

The corpus is generated here, in tmp_path, so that no binary file is committed.
One batch build holds every case (so that "the rest of the batch still builds"
is tested on the real mix); the per-case expectations are read back from its
stderr and its JSON.
"""

from __future__ import annotations

import importlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefkit.cli import cli
from briefkit.errors import DocumentError
from briefkit.ingest import load
from briefkit.model import InputFile

from helpers import SEED_ARTICLE, collect

GOOD = SEED_ARTICLE.read_text(encoding="utf-8")
COMMITTEE = "The committee met on Tuesday. It approved the budget for next year. Members voiced concerns about costs.\n"
CP1252_TEXT = "The café served crème brûlée, “quite” good. Prices rose by 5€ this year. Customers complained loudly."
INTERNATIONAL = ("Hello 👋 world 🌍, said the first line. مرحبا بالعالم. هذا نص عربي قصير. "
                 "你好世界。这是中文文本。שלום עולם.")
ONE_SENTENCE = "Only one sentence lives in this document, and it is summarised by itself."
LONG_SENTENCE = " ".join("the" if i % 7 == 0 else f"word{i % 500}" for i in range(10_000)) + "."

# A minimal but real PNG (1x1 pixel) and the start of a real PDF.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000" "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def write_corpus(folder: Path) -> dict[str, Path]:
    """Every broken and hostile document of the issue, plus one good one."""
    files = {
        "good": ("good.txt", GOOD.encode("utf-8")),
        "empty": ("empty.txt", b""),
        "whitespace": ("whitespace.txt", b"   \n\t\n  \r\n"),
        "png": ("picture.txt", PNG),
        "pdf": ("paper.txt", PDF),
        "random": ("noise.txt", random.Random(6).randbytes(4096)),
        "invalid_utf8": ("broken-utf8.txt", "Café au lait is served. A naïve résumé follows.".encode() + b" Broken \xff byte \xc3\x28 here."),
        "utf16_bom": ("utf16-bom.txt", COMMITTEE.encode("utf-16")),
        "utf16_le": ("utf16-le.txt", COMMITTEE.encode("utf-16-le")),
        "utf16_be": ("utf16-be.txt", COMMITTEE.encode("utf-16-be")),
        "cp1252": ("windows-1252.txt", CP1252_TEXT.encode("cp1252")),
        "long_sentence": ("long-sentence.txt", LONG_SENTENCE.encode()),
        "no_punctuation": ("no-punctuation.txt", " ".join(["alpha beta gamma delta river mountain"] * 300).encode()),
        "numbers": ("numbers.txt", " ".join(str(i) for i in range(2000)).encode()),
        "international": ("international.txt", INTERNATIONAL.encode("utf-8")),
        "one_sentence": ("one-sentence.txt", ONE_SENTENCE.encode()),
        "twin_a": ("twin-a.txt", COMMITTEE.encode()),
        "twin_b": ("twin-b.txt", COMMITTEE.encode()),
    }
    paths = {}
    for key, (name, data) in files.items():
        paths[key] = folder / name
        paths[key].write_bytes(data)
    # Files of other types in a folder are skipped silently (a folder holds all sorts of things).
    (folder / "archive.zip").write_bytes(b"PK\x03\x04" + bytes(64))
    (folder / "photo.png").write_bytes(PNG)
    # A folder that contains itself, and a file link that points at itself.
    (folder / "loop").symlink_to(".", target_is_directory=True)
    (folder / "self-loop.txt").symlink_to("self-loop.txt")
    paths["self_loop"] = folder / "self-loop.txt"
    return paths


# Expected problem message, as a fragment, per broken input.
PROBLEMS = {
    "empty": "is empty",
    "whitespace": "is empty",
    "png": "is a PNG image, not a text",
    # A .txt that is really a (broken) PDF is read as what it is, a PDF, and said to be damaged.
    "pdf": "is a damaged PDF that cannot be read",
    "random": "looks like a binary file",
    "self_loop": "cannot read the file",
}
# Inputs that build, each with a fragment of text its document must hold.
BUILT = {
    "good": "Belarus",
    "invalid_utf8": "Café au lait is served.",
    "utf16_bom": "The committee met on Tuesday.",
    "utf16_le": "The committee met on Tuesday.",
    "utf16_be": "The committee met on Tuesday.",
    "cp1252": "The café served crème brûlée, “quite” good.",
    "long_sentence": "word1 word2 word3",
    "no_punctuation": "alpha beta gamma",
    "numbers": "1748 1749",  # the pieces of 250 numbers, in order (issue 17)
    "international": "你好世界。",
    "one_sentence": ONE_SENTENCE,
    "twin_a": "The committee met on Tuesday.",
    "twin_b": "The committee met on Tuesday.",
}


def run_cli(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One build of the whole hostile corpus, plus a path that does not exist."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "inputs"
    folder.mkdir()
    paths = write_corpus(folder)
    missing = root / "does-not-exist.txt"
    explicit = root / "photo.png"  # named explicitly, so attempted although not a supported suffix
    explicit.write_bytes(PNG)
    out = root / "out" / "briefing.pdf"
    out.parent.mkdir()
    result = run_cli("build", str(folder), str(missing), str(explicit), "-o", str(out), "--json", "-q")
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    docs = {Path(d["source"]).name: d for d in data["documents"]}
    return {"result": result, "paths": paths, "missing": missing, "explicit": explicit, "out": out,
            "json": data, "docs": docs}


def test_batch_exit_code_is_one_and_no_traceback(batch):
    result = batch["result"]
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.stderr
    assert batch["out"].read_bytes().startswith(b"%PDF")


def test_every_stderr_line_is_one_briefkit_line(batch):
    lines = [line for line in batch["result"].stderr.splitlines() if line.strip()]
    assert lines
    assert all(line.startswith("briefkit: ") for line in lines), lines


@pytest.mark.parametrize("key", sorted(PROBLEMS))
def test_broken_input_is_one_line_naming_the_file(batch, key):
    path = batch["paths"][key]
    lines = [line for line in batch["result"].stderr.splitlines() if line.startswith(f"briefkit: {path}: ")]
    assert len(lines) == 1, batch["result"].stderr
    assert PROBLEMS[key] in lines[0]
    assert path.name not in batch["docs"]
    assert {"source": str(path), "message": lines[0].split(f"{path}: ", 1)[1]} in batch["json"]["problems"]


def test_missing_path_is_reported_and_the_rest_builds(batch):
    assert f"briefkit: {batch['missing']}: no such file or folder" in batch["result"].stderr
    assert f"briefkit: {batch['explicit']}: is a PNG image" in batch["result"].stderr


def test_other_file_types_in_a_folder_are_skipped_silently(batch):
    assert "archive.zip" not in batch["result"].stderr and "inputs/photo.png" not in batch["result"].stderr
    assert "archive.zip" not in batch["docs"] and "photo.png" not in batch["docs"]


def test_symlink_loop_folder_is_not_followed(batch):
    # "loop -> ." would list every file again (or forever) if followed.
    assert not any("loop/" in source for source in (d["source"] for d in batch["json"]["documents"]))
    assert len(batch["docs"]) == len(BUILT)


@pytest.mark.parametrize("key", sorted(BUILT))
def test_usable_input_builds(batch, key):
    doc = batch["docs"][batch["paths"][key].name]
    text = " ".join(doc["summaries"]["medium"]["sentences"])
    assert BUILT[key] in text
    assert doc["summaries"]["short"]["sentences"], doc
    assert doc["words"] > 0


def test_invalid_utf8_keeps_the_good_text_and_marks_broken_bytes(batch):
    doc = batch["docs"]["broken-utf8.txt"]
    text = " ".join(doc["summaries"]["medium"]["sentences"])
    assert "naïve résumé" in text and "\ufffd" in text


def test_cp1252_is_not_read_as_another_code_page(batch):
    doc = batch["docs"]["windows-1252.txt"]
    assert doc["summaries"]["medium"]["sentences"][0] == "The café served crème brûlée, “quite” good."


def test_one_sentence_document_is_summarised_by_itself(batch):
    doc = batch["docs"]["one-sentence.txt"]
    for length in ("short", "medium"):
        summary = doc["summaries"][length]
        assert summary["sentences"] == [ONE_SENTENCE]
        assert summary["complete"] is True


def test_ten_thousand_word_sentence_is_cut_into_bounded_pieces(batch):
    """A "sentence" over MAX_SENTENCE_WORDS words is cut into pieces (issue 17: a 400,000-word one
    made the build super-linear); nothing of the text is lost."""
    from briefkit.text.tokenize import MAX_SENTENCE_WORDS

    doc = batch["docs"]["long-sentence.txt"]
    assert doc["sentences"] == 10_000 // MAX_SENTENCE_WORDS
    words = LONG_SENTENCE.split()
    assert doc["summaries"]["short"]["sentences"][0] == " ".join(words[:MAX_SENTENCE_WORDS])
    assert all(len(s.split()) <= MAX_SENTENCE_WORDS for s in doc["summaries"]["short"]["sentences"])
    assert doc["words"] == 10_000


def test_international_text_survives_unchanged(batch):
    doc = batch["docs"]["international.txt"]
    joined = " ".join(doc["summaries"]["medium"]["sentences"])
    for fragment in ("👋", "🌍", "مرحبا بالعالم.", "你好世界。", "שלום עולם."):
        assert fragment in joined


def test_identical_documents_both_build_with_the_same_summary(batch):
    a, b = batch["docs"]["twin-a.txt"], batch["docs"]["twin-b.txt"]
    assert a["sha256"] == b["sha256"]
    assert a["summaries"]["short"]["sentences"] == b["summaries"]["short"]["sentences"]


def test_readability_is_finite_or_not_enough_text(batch):
    for doc in batch["json"]["documents"]:
        readability = doc["readability"]
        for key, value in readability.items():
            if isinstance(value, float):
                assert value == value and abs(value) != float("inf"), (doc["source"], key)


# --------------------------------------------------------------------------- #
# Exit code 2: nothing usable, or a usage error.


def test_only_broken_inputs_is_a_usage_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("build", str(tmp_path / "empty.txt"), str(tmp_path / "nope.md"), "-o", str(tmp_path / "o.pdf"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert "no document could be read" in result.stderr and "empty.txt: is empty" in result.stderr
    assert not (tmp_path / "o.pdf").exists()


def test_path_that_does_not_exist_alone_is_exit_two(tmp_path):
    result = run_cli("summarise", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"briefkit: error: {tmp_path / 'nope.txt'}: no such file or folder"


def test_summarise_of_a_binary_file_is_one_line(tmp_path):
    (tmp_path / "x.txt").write_bytes(PNG)
    result = run_cli("summarise", str(tmp_path / "x.txt"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"briefkit: error: {tmp_path / 'x.txt'}: is a PNG image, not a text, Markdown or HTML document"


def test_real_process_prints_no_traceback(tmp_path):
    """The installed command, not CliRunner: what a user in a terminal sees."""
    (tmp_path / "noise.txt").write_bytes(random.Random(1).randbytes(2048))
    result = subprocess.run([sys.executable, "-m", "briefkit", "readability", str(tmp_path / "noise.txt")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == f"briefkit: error: {tmp_path / 'noise.txt'}: looks like a binary file, not text"


# --------------------------------------------------------------------------- #
# An unreadable file. The tests run as root, who can read a chmod 000 file, so
# the permission error is simulated at the one place ingest opens files (ingest/read.py); when
# permissions are enforced, the real chmod 000 is tested as well. As root, run it with
#   setpriv --bounding-set=-dac_override,-dac_read_search .venv/bin/python -m pytest -k real_permissions


def test_unreadable_file_simulated(tmp_path, monkeypatch):
    secret = tmp_path / "locked.txt"
    secret.write_text(GOOD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    real_open = open

    def guarded_open(file, *args, **kwargs):
        if Path(file) == secret:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(importlib.import_module("briefkit.ingest.read"), "open", guarded_open, raising=False)
    # The analysis of the batch, as build runs it (the problem lines on stderr: the batch tests above).
    reports, problems = collect([str(tmp_path)])
    assert [str(p) for p in problems] == [f"{secret}: cannot read the file: permission denied"]
    assert [Path(r.document.source).name for r in reports] == ["good.txt"]


def _permissions_are_enforced() -> bool:
    """False for root (or anyone with CAP_DAC_OVERRIDE), who reads a chmod 000 file anyway."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_text("x")
        probe.chmod(0)
        try:
            probe.read_text()
        except PermissionError:
            return True
        finally:
            probe.chmod(0o600)
    return False


@pytest.mark.skipif(not _permissions_are_enforced(),
                    reason="this user reads a chmod 000 file (root); see test_unreadable_file_simulated")
def test_unreadable_file_real_permissions(tmp_path):
    secret = tmp_path / "locked.txt"
    secret.write_text(GOOD, encoding="utf-8")
    secret.chmod(0)
    try:
        with pytest.raises(DocumentError, match="permission denied"):
            load(InputFile(str(secret), secret))
    finally:
        secret.chmod(0o644)


# --------------------------------------------------------------------------- #
# Size: a limit per document, and a document too long for a quadratic algorithm.


def test_fifty_megabytes_is_over_the_default_limit(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: the size check must not read it
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    reports, problems = collect([str(tmp_path)])  # the default settings' limit, as build applies it
    assert [Path(r.document.source).name for r in reports] == ["good.txt"]
    assert [str(p) for p in problems] == [
        f"{big}: file is 50.0 MB, over the 20.0 MB limit (raise it with --max-bytes)"]


def test_max_bytes_flag_applies_to_each_document(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(GOOD, encoding="utf-8")
    result = run_cli("summarise", str(doc))
    assert result.exit_code == 0
    result = run_cli("build", str(doc), "--max-bytes", "1000", "-o", str(tmp_path / "o.pdf"), "-q")
    assert result.exit_code == 2
    assert f"{doc}: file is 2.9 KB, over the 1000 bytes limit" in result.stderr


def test_standard_input_over_the_limit(tmp_path):
    result = CliRunner().invoke(cli, ["build", "-", "--max-bytes", "100", "-o", str(tmp_path / "o.pdf"), "-q"],
                                input=GOOD)
    assert result.exit_code == 2
    assert "-: input is over the 100 bytes limit" in result.stderr


def _long_document(sentences: int) -> str:
    rng = random.Random(6)
    words = [w.strip(".,“”\"'") for w in GOOD.split() if w.strip(".,“”\"'")]
    lines = []
    for start in range(0, sentences, 5):
        lines.append(" ".join(
            " ".join(rng.choice(words) for _ in range(14)).capitalize() + "." for _ in range(5)))
    return "\n\n".join(lines)


def test_document_too_long_for_a_quadratic_algorithm_falls_back_and_says_so(tmp_path):
    """sumy's LexRank is quadratic in sentences; over its limit the build uses lead and says so, instead of hanging.

    (briefkit's own vectorised lexrank has no such limit; sumy's stays selectable as sumy-lexrank.)

    The document is over a lowered --max-bytes (refused) and under a raised one (built).
    """
    doc = tmp_path / "book.txt"
    doc.write_text(_long_document(2500), encoding="utf-8")
    size = doc.stat().st_size
    out = tmp_path / "o.pdf"
    refused = run_cli("build", str(doc), "--max-bytes", str(size - 1), "-o", str(out), "-q")
    assert refused.exit_code == 2 and "raise it with --max-bytes" in refused.stderr
    result = run_cli("build", str(doc), "--max-bytes", str(size + 1), "--algorithm", "sumy-lexrank", "-o", str(out),
                     "--json", "-q")
    assert result.exit_code == 0, result.output
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    (report,) = data["documents"]
    assert report["sentences"] > 1000
    short = report["summaries"]["short"]
    assert short["algorithm"] == "lead"
    assert short["fallback_from"].startswith(f"sumy-lexrank (the document has {report['sentences']:,} sentences")
    assert short["sentence_indices"] == [0, 1, 2]
    pdf_text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "more than the 1,000" in " ".join(pdf_text.split())


def test_summarise_command_says_when_it_fell_back(tmp_path):
    doc = tmp_path / "book.txt"
    doc.write_text(_long_document(400), encoding="utf-8")
    result = run_cli("summarise", str(doc), "--algorithm", "sumy-kl")
    assert result.exit_code == 0
    assert "sumy-kl (the document has" in result.stderr and "used lead instead" in result.stderr
    assert len(result.stdout.strip().splitlines()) == 3


# --------------------------------------------------------------------------- #
# A link in an input folder to a file outside it (an unpacked archive can hold
# one to ~/.ssh/id_rsa) is not followed; named explicitly, it is read.


def test_link_out_of_an_input_folder_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The private key is TOPSECRET-51ab. Nobody should read it. It stays here.", encoding="utf-8")
    folder = tmp_path / "inputs"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "sub" / "innocent.txt").symlink_to(secret)
    (folder / "alias.txt").symlink_to(folder / "good.txt")  # inside the folder: fine, and read once
    out = tmp_path / "o.pdf"
    result = run_cli("build", str(folder), "-o", str(out), "--json", "-q")
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"briefkit: {folder / 'sub' / 'innocent.txt'}: is a link to a file outside "
                                     f"{folder} (name it explicitly to read it)")
    data = out.with_suffix(".json").read_text(encoding="utf-8")
    assert "TOPSECRET-51ab" not in data
    assert [Path(d["source"]).name for d in json.loads(data)["documents"]] == ["alias.txt"]
    pdf_text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "TOPSECRET-51ab" not in pdf_text

    named = run_cli("build", str(folder / "sub" / "innocent.txt"), "-o", str(out), "--json", "-q")
    assert named.exit_code == 0
    assert "TOPSECRET-51ab" in out.with_suffix(".json").read_text(encoding="utf-8")


def test_summarise_and_readability_accept_max_bytes(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(GOOD, encoding="utf-8")
    for command in ("summarise", "readability"):
        result = run_cli(command, str(doc), "--max-bytes", "100")
        assert result.exit_code == 2
        assert result.stderr.strip() == f"briefkit: error: {doc}: file is 2.9 KB, over the 100 bytes limit (raise it with --max-bytes)"
        assert run_cli(command, str(doc), "--max-bytes", "3000").exit_code == 0


def test_a_share_of_a_long_document_is_capped_not_quadratic():
    from briefkit.summarisers import summarise
    from briefkit.summarisers.selection import MAX_SUMMARY_SENTENCES
    from briefkit.text import ParsedDocument

    def word(i: int) -> str:  # distinct letter-only words, so that no two sentences are near-duplicates
        return "".join("abcdefghijklmnopqrstuvwxyz"[int(d)] for d in f"{i:05d}") + "ing"

    paragraphs = [" ".join(word(i + k * 3000) for k in range(8)).capitalize() + "."
                  for i in range(3 * MAX_SUMMARY_SENTENCES)]
    doc = ParsedDocument(paragraphs)
    half, budget = summarise(doc, ["50%", "400w"], "lead")
    assert len(half.indices) == MAX_SUMMARY_SENTENCES < len(doc) // 2
    assert 400 - 8 < budget.words <= 400


def test_hostile_file_name_stays_on_one_line(tmp_path):
    """A name with a newline and a terminal escape sequence neither splits the message nor restyles the terminal."""
    evil = tmp_path / "evil\nbriefkit: all good\x1b[2J.txt"
    evil.write_bytes(b"")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("build", str(tmp_path), "-o", str(tmp_path / "o.pdf"), "-q")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
    assert result.stderr == f"briefkit: {tmp_path}/evil\\nbriefkit: all good\\x1b[2J.txt: is empty\n"


@pytest.mark.parametrize("name, data, expected", [
    ("deep.md", "> " * 50_000 + "Deep quote text here.\n", "has no readable text"),
    ("deep.html", "<div>" * 100_000 + "<p>Deep text is here. Another sentence follows.</p>" + "</div>" * 100_000,
     "no article text found in this HTML page"),
])
def test_pathologically_nested_markup_is_one_line_not_a_crash(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    with pytest.raises(DocumentError, match=expected):
        load(InputFile(str(path), path))


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("BRIEFKIT_SLOW_TESTS"),
                    reason="builds a real 50 MB document (minutes); set BRIEFKIT_SLOW_TESTS=1 to run")
def test_fifty_megabytes_under_a_raised_limit_builds(tmp_path):
    big = tmp_path / "big.txt"
    paragraph = _long_document(5) + "\n\n"
    with open(big, "w", encoding="utf-8") as handle:
        for _ in range(50 * 1024 * 1024 // len(paragraph.encode()) + 1):
            handle.write(paragraph)
    out = tmp_path / "o.pdf"
    result = run_cli("build", str(big), "--max-bytes", str(60 * 1024 * 1024), "-o", str(out), "--json", "-q")
    assert result.exit_code == 0, result.output
    (report,) = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))["documents"]
    assert report["summaries"]["short"]["fallback_from"].startswith("lexrank (the document has")


def test_progress_shows_a_hostile_file_name_as_itself(capsys, monkeypatch):
    """On a terminal, a name with rich markup or an escape sequence is shown, not obeyed."""
    import sys

    from briefkit.cli.progress import Progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with Progress() as progress:
        assert progress.enabled
        progress.update("summarise", "inputs/[bold red]x\x1b[2J.txt")
    err = capsys.readouterr().err
    assert "\x1b[2J" not in err
    assert "[bold red]x\\x1b[2J.txt" in err


@pytest.mark.parametrize("value", ["0", "-5"])
def test_max_bytes_must_be_positive(tmp_path, value):
    result = run_cli("build", str(SEED_ARTICLE), "--max-bytes", value, "-o", str(tmp_path / "o.pdf"))
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("briefkit: error: command line: max_bytes must be between 1 and ")
