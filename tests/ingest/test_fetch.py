"""URLs the user names are fetched with limits; every failure is a problem entry and the briefing still builds.

The server is started by the tests on 127.0.0.1; nothing else is contacted.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from briefkit.config import Settings
from briefkit.errors import DocumentError
from briefkit.ingest import fetch, load_all
from briefkit.model import Document, LoadOptions, Problem

from helpers import SAMPLES
ARTICLE = (SAMPLES / "nodejs-documentation.html").read_bytes()
FEED = (SAMPLES / "diveintomark-howto.atom").read_bytes()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
LIMIT = 200_000  # bytes: the article is 28 kB, /huge is far more


class Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def log_message(self, *args):  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - the name http.server calls
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/article.html":
            self._send(200, ARTICLE, "text/html; charset=utf-8")
        elif path == "/moved":
            self._send(301, b"", "text/html", {"Location": "/article.html"})
        elif path == "/feed":
            self._send(200, FEED, "application/atom+xml")
        elif path == "/missing":
            self._send(404, b"<html><body>Not here</body></html>", "text/html")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, ARTICLE, "text/html")
        elif path == "/drip":
            # Headers at once, then the body a little at a time: each read is quick, the whole is too slow.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(12):
                self.wfile.write(b"<p>" + b"x" * 100 + b"</p>\n")
                self.wfile.flush()
                time.sleep(0.25)
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * LIMIT))
            self.end_headers()
        elif path == "/huge-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"<p>" + b"y" * 16_000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path in ("/loop-a", "/loop-b"):
            self._send(302, b"", "text/html", {"Location": "/loop-b" if path == "/loop-a" else "/loop-a"})
        elif path.startswith("/chain"):
            step = int(path.removeprefix("/chain"))
            self._send(302, b"", "text/html", {"Location": f"/chain{step + 1}"})
        elif path == "/to-file":
            self._send(302, b"", "text/html", {"Location": "file:///etc/passwd"})
        elif path == "/image.png":
            self._send(200, PNG, "image/png")
        elif path == "/data.json":
            self._send(200, b'{"a": 1}', "application/json")
        else:
            self._send(404, b"", "text/plain")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """A proxy from the environment must not carry test requests off this machine."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")


def problem_for(url: str, timeout: float = 1, max_bytes: int = LIMIT) -> str:
    (item,) = list(load_all([url], LoadOptions(max_bytes, "auto", timeout)))
    assert isinstance(item, Problem), item
    assert item.source == url
    return item.message


def test_a_page_is_fetched_with_briefkits_user_agent(server):
    (doc,) = list(load_all([f"{server}/moved"], LoadOptions(LIMIT, "auto", 5)))
    assert isinstance(doc, Document) and doc.format == "html"
    assert "Node.js is a JavaScript runtime" in doc.text
    assert Handler.seen_agents[-1] == fetch.USER_AGENT and Handler.seen_agents[-1].startswith("briefkit/")


def test_a_fetched_feed_gives_its_entries(server):
    docs = list(load_all([f"{server}/feed"], LoadOptions(LIMIT, "auto", 5)))
    assert len(docs) == 4 and docs[0].title == "HOWTO Use Your Mac From Anywhere"


def test_not_found(server):
    assert problem_for(f"{server}/missing") == "the server answered HTTP 404 Not Found"


def test_slow_server_times_out(server):
    assert "timed out" in problem_for(f"{server}/slow")


def test_a_download_that_never_ends_is_cut_off(server):
    assert "took longer than 1 s" in problem_for(f"{server}/drip")


def test_declared_huge_body_is_refused_before_reading(server):
    message = problem_for(f"{server}/huge-declared")
    assert "over the 0.2 MB limit" in message and "--max-bytes" in message


def test_streamed_huge_body_is_cut_at_the_limit(server):
    message = problem_for(f"{server}/huge-streamed", timeout=5)
    assert "over the 0.2 MB limit" in message and "stopped reading" in message


def test_redirect_loop(server):
    assert "redirect loop" in problem_for(f"{server}/loop-a")


def test_too_many_redirects(server):
    assert "too many redirects" in problem_for(f"{server}/chain0")


def test_redirect_to_a_file_url_is_not_followed(server):
    assert "non-web address" in problem_for(f"{server}/to-file")


@pytest.mark.parametrize("path, kind", [("/image.png", "image/png"), ("/data.json", "application/json")])
def test_content_that_is_not_a_document(server, path, kind):
    assert problem_for(f"{server}{path}") == f"the server sent {kind}, not a web page, feed, PDF or text"


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/file.txt", "file:///etc/passwd"])
def test_only_http_and_https(url):
    assert "only http and https" in problem_for(url)


def test_nothing_listens(server):
    # A port the test server just freed: nobody answers there.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert problem_for(f"http://127.0.0.1:{port}/") == "the connection was refused"


def test_fetch_raises_one_clear_error(server):
    with pytest.raises(DocumentError, match="HTTP 404"):
        fetch.fetch(f"{server}/missing", LIMIT, 1)


def test_url_list_file_builds_a_briefing_with_problems_for_the_bad_urls(server, tmp_path):
    from click.testing import CliRunner
    from pypdf import PdfReader

    from briefkit.cli import cli

    urls = tmp_path / "reading.urls"
    urls.write_text(f"# Monday reading\n{server}/article.html\n\n{server}/missing\n{server}/image.png\n"
                    f"{server}/loop-a\n", encoding="utf-8")
    out = tmp_path / "briefing.pdf"
    result = CliRunner().invoke(cli, ["build", str(urls), f"{server}/feed", "-o", str(out), "--json", "-q", "--group-by", "none",
                                      "--fetch-timeout", "2", "--max-bytes", str(LIMIT)])
    assert result.exit_code == 1, result.output  # built, with problems
    briefing = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert [d["source"] for d in briefing["documents"]][0] == f"{server}/article.html"
    assert briefing["documents"][0]["group"] == "reading"
    assert len(briefing["documents"]) == 5  # the page and the feed's four entries
    assert {p["source"]: p["message"] for p in briefing["problems"]} == {
        f"{server}/missing": "the server answered HTTP 404 Not Found",
        f"{server}/image.png": "the server sent image/png, not a web page, feed, PDF or text",
        f"{server}/loop-a": "too many redirects or a redirect loop (HTTP 302); gave up",
    }
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Node.js v20.20.2 documentation" in text and "HOWTO Use Your Mac From Anywhere" in text
    assert "HTTP 404 Not Found" in text  # the problems page


def test_empty_url_list_is_a_problem(tmp_path):
    urls = tmp_path / "none.urls"
    urls.write_text("# nothing yet\n", encoding="utf-8")
    (item,) = list(load_all([str(urls)]))
    assert isinstance(item, Problem) and "no URLs" in item.message


def test_settings_validate_the_fetch_timeout():
    from briefkit.errors import UsageError

    with pytest.raises(UsageError, match="fetch_timeout"):
        Settings().replace(fetch_timeout=0)
    with pytest.raises(UsageError, match="input_format"):
        Settings().replace(input_format="odt")


def test_a_url_list_inside_a_folder_is_not_fetched(tmp_path):
    """Only a list named on the command line starts downloads; reading a folder never does."""
    from briefkit.ingest import discover

    (tmp_path / "later.urls").write_text("http://127.0.0.1:9/never\n", encoding="utf-8")
    (tmp_path / "note.txt").write_text("A short note about the budget.\n", encoding="utf-8")
    found, problems = discover([str(tmp_path)])
    assert [f.source for f in found] == [str(tmp_path / "note.txt")] and not problems
    assert all(f.url is None for f in found)
