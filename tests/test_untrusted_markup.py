"""Untrusted markup stays data: no input can make briefkit read a local file, run a template or open a socket.

The inputs reference a secret file (and a stylesheet that would print a
marker) in every way HTML, CSS and Markdown allow; the PDF is read back with
pypdf and must show the input's text literally (or drop the markup) and never
the secret.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefkit.cli import cli
from briefkit.render import default_template_dir, make_url_fetcher

SECRET = "TOPSECRET-7f3a9c"
CSS_MARKER = "LEAKED-CSS-9d2e"
SCRIPT_MARKER = "SCRIPT-RAN-4b1c"


def _hostile_inputs(folder: Path, secret: Path, secret_css: Path) -> None:
    s, c = secret.as_uri(), secret_css.as_uri()
    (folder / "hostile.html").write_text(f"""<!DOCTYPE html>
<html><head><title>Hostile page</title>
<link rel="stylesheet" href="http://203.0.113.9/evil.css">
<link rel="stylesheet" href="{c}">
<style>@import url("{c}"); body {{ background: url("{s}"); }} p::after {{ content: url("{s}"); }}</style>
<script>document.write("{SCRIPT_MARKER}")</script>
</head><body><article>
<h1>Hostile page</h1>
<p>The council published its annual report on Monday. The report covers spending on roads, schools and parks.</p>
<p>Template syntax such as {{{{ 7*7 }}}} and {{% raw %}} and {{{{ config }}}} must appear literally in the briefing.</p>
<iframe src="{s}"></iframe>
<object data="{s}"></object>
<embed src="{s}">
<img src="file:///etc/passwd"><img src="{s}">
<p>Residents asked the council to publish more detail about how the budget for next year was decided.</p>
<p style="background: url('{s}')">Officials said a second report would follow in the spring with figures for every district.</p>
</article></body></html>
""", encoding="utf-8")
    (folder / "titled.html").write_text(f"""<!DOCTYPE html>
<html><head><title>&lt;img src="{s}"&gt; Budget {{{{ 7*7 }}}} news</title>
<meta name="author" content="&lt;script&gt;document.write('{SCRIPT_MARKER}')&lt;/script&gt; Jane">
<link rel="canonical" href="{s}">
</head><body><article>
<p>The water board raised prices by three percent this year, the first rise in a decade.</p>
<p>Customers will see the change on their bills from April, the board said in a statement.</p>
<p>Campaigners said the rise would hit households already struggling with energy costs.</p>
<p>The board replied that the money would pay for new pipes in the oldest parts of the network.</p>
</article></body></html>
""", encoding="utf-8")
    (folder / "notes.md").write_text(f"""# Notes with markup

The meeting ended late on Thursday evening after a long debate about the budget.

<script>document.write("{SCRIPT_MARKER}")</script>

![secret]({s}) Members voted to approve the plan. Text like {{{{ 7*7 }}}} stays text.

<img src="{s}"> <link rel="stylesheet" href="{c}"> <style>@import url("{c}");</style>
""", encoding="utf-8")
    (folder / "plain.txt").write_text(
        f'Plain text can say <script>alert(1)</script> and <img src="{s}"> literally. '
        "It can also say {{ 7*7 }} and {% raw %} without harm. "
        f'A stylesheet line such as <link rel="stylesheet" href="{c}"> is only text.\n', encoding="utf-8")


def block_network() -> tuple[pytest.MonkeyPatch, list[tuple]]:
    """Every way out to the network, blocked and recorded; undo with the returned MonkeyPatch."""
    calls: list[tuple] = []
    mp = pytest.MonkeyPatch()

    def refuse(name):
        def blocked(*args, **kwargs):
            calls.append((name, args))
            raise OSError(f"test: {name} is blocked")
        return blocked

    mp.setattr(socket.socket, "connect", refuse("socket.connect"))
    mp.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    mp.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    mp.setattr(socket, "create_connection", refuse("create_connection"))
    return mp, calls


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("markup")
    secrets = root / "secrets"
    secrets.mkdir()
    secret = secrets / "secret.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    secret_css = secrets / "secret.css"
    secret_css.write_text(f'body::before {{ content: "{CSS_MARKER}"; }} p::before {{ content: "{CSS_MARKER}"; }}\n',
                          encoding="utf-8")
    inputs = root / "inputs"
    inputs.mkdir()
    _hostile_inputs(inputs, secret, secret_css)
    out = root / "out.pdf"

    mp, calls = block_network()
    try:
        result = CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "--html", "--json", "-q"])
    finally:
        mp.undo()
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    return {"result": result, "out": out, "text": text, "calls": calls, "secret": secret,
            "html": out.with_suffix(".html").read_text(encoding="utf-8"),
            "json": json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))}


def test_build_succeeds(hostile_build):
    assert hostile_build["result"].exit_code == 0, hostile_build["result"].output
    assert {Path(d["source"]).name for d in hostile_build["json"]["documents"]} == {"hostile.html", "notes.md",
                                                                                   "plain.txt", "titled.html"}


def test_no_socket_is_opened(hostile_build):
    assert hostile_build["calls"] == []


def test_the_network_guard_catches_weasyprints_own_fetcher():
    """The guard above can fail: WeasyPrint's default fetcher, given an http stylesheet, is caught."""
    import weasyprint

    mp, calls = block_network()
    try:
        weasyprint.HTML(string='<link rel="stylesheet" href="http://203.0.113.9/evil.css"><p>x</p>').write_pdf()
    finally:
        mp.undo()
    assert calls


def test_referenced_file_contents_never_reach_the_outputs(hostile_build):
    for output in (hostile_build["text"], hostile_build["html"], json.dumps(hostile_build["json"])):
        assert SECRET not in output
        assert CSS_MARKER not in output
        assert SCRIPT_MARKER not in output
        assert "root:x:0:0" not in output  # /etc/passwd


def test_pdf_shows_the_input_text(hostile_build):
    text = hostile_build["text"]
    assert "The council published its annual report on Monday." in text
    assert "The meeting ended late on Thursday evening" in text


def test_template_syntax_in_documents_is_shown_literally(hostile_build):
    text = hostile_build["text"]
    assert "{{ 7*7 }}" in text and "{% raw %}" in text and "{{ config }}" in text
    assert " 49 " not in text.replace("{{ 7*7 }}", "")


def test_markup_written_as_text_is_escaped_not_rendered(hostile_build):
    text, html = hostile_build["text"], hostile_build["html"]
    assert "Plain text can say <script>alert(1)</script> and <img src=" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    body = html.split("<body", 1)[1]
    for tag in ("<script", "<iframe", "<object", "<embed", "<img"):
        assert tag not in body.lower(), tag
    # Only the template's own stylesheet is linked.
    assert html.count("<link ") == 1 and 'href="briefing.css"' in html


# --------------------------------------------------------------------------- #
# The fetcher itself.


@pytest.fixture
def fetcher():
    return make_url_fetcher(default_template_dir())


def test_fetcher_serves_the_template_folder(fetcher):
    css = default_template_dir() / "briefing.css"
    fetched = fetcher.fetch(css.as_uri())
    try:
        assert fetched.read() == css.read_bytes()
    finally:
        fetched.close()
    assert fetcher.refused == []


def test_fetcher_refuses_a_file_outside_the_template_folder(fetcher, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    with pytest.raises(ValueError, match="only files of the template folder"):
        fetcher.fetch(secret.as_uri())
    assert fetcher.refused == [secret.as_uri()]


@pytest.mark.parametrize("suffix", ["../pyproject.toml", "..%2Fpyproject.toml", "./../../../../etc/passwd",
                                    "%2e%2e/%2e%2e/%2e%2e/etc/passwd"])
def test_fetcher_refuses_traversal(fetcher, suffix):
    url = default_template_dir().as_uri() + "/" + suffix
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_refuses_a_symlink_out_of_the_template_folder(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (templates / "innocent.css").symlink_to(secret)
    fetcher = make_url_fetcher(templates)
    with pytest.raises(ValueError):
        fetcher.fetch((templates / "innocent.css").as_uri())


def test_fetcher_refuses_a_sibling_folder_with_the_same_prefix(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates-evil").mkdir()
    (tmp_path / "templates-evil" / "x.css").write_text("p{}", encoding="utf-8")
    fetcher = make_url_fetcher(tmp_path / "templates")
    with pytest.raises(ValueError):
        fetcher.fetch((tmp_path / "templates-evil" / "x.css").as_uri())


@pytest.mark.parametrize("url", ["http://203.0.113.9/evil.css", "https://example.com/x.png", "ftp://example.com/x",
                                 "data:text/css,p{color:red}", "//example.com/x.css", "file://example.com/etc/passwd"])
def test_fetcher_refuses_other_schemes(fetcher, url, monkeypatch):
    calls = []
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(socket.socket, "connect", lambda *a, **k: calls.append(a))
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert calls == []


def test_markup_in_titles_and_metadata_is_shown_literally(hostile_build):
    (doc,) = [d for d in hostile_build["json"]["documents"] if d["source"].endswith("titled.html")]
    assert doc["title"].startswith("<img src=") and "{{ 7*7 }}" in doc["title"]
    assert "<img src=" in hostile_build["text"] and "Budget {{ 7*7 }} news" in hostile_build["text"]
    assert "&lt;img src=" in hostile_build["html"]

