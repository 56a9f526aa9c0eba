"""Fetching the URLs a user named: the only network access briefkit has.

Only http and https; a timeout on every wait and on the whole download; a
size limit checked before and while reading; at most a few redirects, each
to http or https again; a user agent that says what is asking. Every failure
is a :class:`DocumentError` with one clear line, so a dead link is a problem
entry in the briefing, never the end of the build.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from .._version import __version__
from ..errors import DocumentError

USER_AGENT = f"briefkit/{__version__} (document summariser; fetches only the URLs its user gives it)"
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 20.0
SCHEMES = ("http", "https")
# Small reads, so that the size limit and the deadline are checked often.
_CHUNK = 16 * 1024


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str


def is_url(text: str) -> bool:
    return "://" in text[:12] and urllib.parse.urlsplit(text).scheme.lower() in SCHEMES


def check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise DocumentError(f"only http and https URLs are fetched, not {parts.scheme or 'this'}:")
    if not parts.hostname:
        raise DocumentError("is not a complete URL (no host name)")


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1  # the same URL twice is a loop: say so at once

    def http_error_302(self, req, fp, code, msg, headers):
        # Checked before urllib's own handling, which would name the refusal less clearly.
        location = headers.get("Location") or headers.get("URI")
        if location:
            target = urllib.parse.urljoin(req.full_url, location)
            if urllib.parse.urlsplit(target).scheme.lower() not in SCHEMES:
                raise DocumentError(f"redirected to a non-web address ({target[:80]}); not followed")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class _Deadline:
    """A wall-clock limit on a whole fetch: the connection, TLS, the headers, every redirect and the
    body. A socket's own timeout bounds one wait only, so a server that sends one byte every half
    second would never trip it; when the deadline passes, a timer shuts every socket of the fetch
    down, and the blocked read returns at once."""

    def __init__(self, seconds: float):
        self.expired = False
        self.answered = False  # the status line and headers have arrived
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shutdown(sock)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shutdown(sock)

    def cancel(self) -> None:
        self._timer.cancel()


def _shutdown(sock) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _watched(base: type, deadline: _Deadline):
    class Connection(base):  # type: ignore[misc, valid-type]
        def connect(self):
            super().connect()
            deadline.watch(self.sock)

    return Connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self._connection = _watched(http.client.HTTPConnection, deadline)

    def http_open(self, req):
        return self.do_open(self._connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self._connection = _watched(http.client.HTTPSConnection, deadline)

    def https_open(self, req):
        extra = {"check_hostname": self._check_hostname} if hasattr(self, "_check_hostname") else {}
        return self.do_open(self._connection, req, context=self._context, **extra)


def _opener(deadline: _Deadline) -> urllib.request.OpenerDirector:
    # Only the handlers needed for http(s): no file:, ftp: or data: URLs, even after a redirect.
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), _HTTPHandler(deadline), _HTTPSHandler(deadline),
                    _Redirects(), urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def fetch(url: str, max_bytes: int, timeout: float = DEFAULT_TIMEOUT) -> Fetched:
    """Download ``url``. Raises :class:`DocumentError` for anything that is not a usable response."""
    check_url(url)
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                  "application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.1",
    })
    deadline = _Deadline(timeout)
    try:
        return _download(request, max_bytes, timeout, deadline)
    except Exception:
        if deadline.expired:  # whatever the shut-down socket made http.client raise
            if not deadline.answered:
                raise DocumentError(f"no answer within {timeout:g} s (timed out)") from None
            raise DocumentError(f"the download took longer than {timeout:g} s (timed out); gave up") from None
        raise
    finally:
        deadline.cancel()


def _download(request, max_bytes: int, timeout: float, deadline: _Deadline) -> Fetched:
    end = time.monotonic() + timeout
    try:
        with _opener(deadline).open(request, timeout=timeout) as response:
            deadline.answered = True
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise DocumentError(f"the page is {int(length) / 1e6:.1f} MB, over the "
                                    f"{max_bytes / 1e6:.1f} MB limit (raise it with --max-bytes)")
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > end or deadline.expired:
                    raise DocumentError(f"the download took longer than {timeout:g} s (timed out); gave up")
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise DocumentError(f"the page is over the {max_bytes / 1e6:.1f} MB limit; "
                                        "stopped reading (raise it with --max-bytes)")
                chunks.append(chunk)
            if deadline.expired:  # the shut-down socket ended the body early
                raise DocumentError(f"the download took longer than {timeout:g} s (timed out); gave up")
            if length and length.isdigit() and size < int(length):
                raise DocumentError(f"the server sent {size:,} bytes of the {int(length):,} it announced "
                                    "(Content-Length); the download is incomplete")
            return Fetched(response.geturl(), b"".join(chunks), response.headers.get("Content-Type", ""))
    except DocumentError:
        raise
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise DocumentError(f"too many redirects or a redirect loop (HTTP {exc.code}); gave up") from None
        raise DocumentError(f"the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise DocumentError(f"no answer within {timeout:g} s (timed out)") from None
        if isinstance(reason, socket.gaierror):
            raise DocumentError("the host name could not be found") from None
        if isinstance(reason, ConnectionRefusedError):
            raise DocumentError("the connection was refused") from None
        raise DocumentError(f"cannot fetch: {reason}") from None
    except (socket.timeout, TimeoutError):
        raise DocumentError(f"no answer within {timeout:g} s (timed out)") from None
    except (ConnectionError, OSError, ValueError) as exc:
        raise DocumentError(f"cannot fetch: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - http.client has many error types for broken servers
        raise DocumentError(f"cannot fetch: the server sent a broken response ({type(exc).__name__})") from None


def read_url_list(text: str) -> list[str]:
    """URLs from a URL list file: one a line; blank lines and lines starting with # are skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
