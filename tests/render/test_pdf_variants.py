"""--pdf-variant: read the PDF back and check what PDF/A-3b and PDF/UA-1 each promise."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefkit.cli import cli
from helpers import SEEDS


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    out = tmp_path_factory.mktemp("variants")
    built = {}
    for variant in ("pdf/a-3b", "pdf/ua-1", None):
        name = (variant or "plain").replace("/", "-")
        args = ["build", str(SEEDS), "-o", str(out / f"{name}.pdf"), "--json", "--title", "Variant briefing"]
        result = CliRunner().invoke(cli, args + (["--pdf-variant", variant] if variant else []))
        assert result.exit_code == 0, result.output
        built[variant] = (PdfReader(out / f"{name}.pdf"), out / f"{name}.json")
    return built


def xmp(reader) -> str:
    return reader.xmp_metadata.stream.get_data().decode("utf-8")


def fonts(reader):
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            yield font


def test_pdf_a_3b_metadata_attachment_fonts_and_no_external_references(variants):
    reader, json_path = variants["pdf/a-3b"]
    root = reader.trailer["/Root"]
    metadata = xmp(reader)
    assert 'pdfaid:part="3"' in metadata and 'pdfaid:conformance="B"' in metadata
    assert "Variant briefing" in metadata  # dc:title
    assert "/OutputIntents" in root
    # The JSON briefing is attached, byte for byte, and marked as the data behind the PDF.
    attached = reader.attachments["briefing.json"][0]
    assert attached == json_path.read_bytes()
    assert json.loads(attached)["title"] == "Variant briefing"
    assert len(root["/AF"]) == 1
    file_spec = root["/AF"][0].get_object()
    assert file_spec["/AFRelationship"] == "/Data"
    # Every font is embedded.
    seen = list(fonts(reader))
    assert seen
    for font in seen:
        descriptor = font["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")
    # No link leads outside the document.
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                assert action.get_object()["/S"] not in ("/URI", "/Launch", "/GoToR", "/ImportData")


def test_pdf_ua_1_is_tagged_with_language_and_title(variants):
    reader, _ = variants["pdf/ua-1"]
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata["/Title"] == "Variant briefing"
    assert 'pdfuaid:part="1"' in xmp(reader)


def test_plain_pdf_makes_no_such_promises(variants):
    reader, _ = variants[None]
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" not in root and not reader.attachments
    assert reader.xmp_metadata is None or "pdfaid" not in xmp(reader)


def test_unknown_variant_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(tmp_path / "x.pdf"), "--pdf-variant", "pdf/a-9"])
    assert result.exit_code == 2 and not (tmp_path / "x.pdf").exists()


def test_variant_from_the_configuration_file(tmp_path, monkeypatch):
    (tmp_path / "briefkit.toml").write_text("pdf_variant = 'pdf/ua-1'\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", str(SEEDS / "russian-troops-arrive-in-belarus.txt"), "-o", "x.pdf"])
    assert result.exit_code == 0, result.output
    assert "/StructTreeRoot" in PdfReader(tmp_path / "x.pdf").trailer["/Root"]


def test_document_language_follows_the_language_setting(tmp_path):
    german = tmp_path / "nachricht.txt"
    german.write_text("Der Zug ist heute Morgen angekommen. Die Soldaten sind in Belarus. "
                      "Die Regierung hat das bestätigt. Viele Menschen sind besorgt.\n")
    (tmp_path / "briefkit.toml").write_text("language = 'german'\n")
    result = CliRunner().invoke(cli, ["build", str(german), "-o", str(tmp_path / "de.pdf"), "--pdf-variant",
                                      "pdf/ua-1", "--config", str(tmp_path / "briefkit.toml")])
    assert result.exit_code == 0, result.output
    assert PdfReader(tmp_path / "de.pdf").trailer["/Root"]["/Lang"] == "de"
