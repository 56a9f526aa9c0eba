"""Fetching the URLs a user named: the only network access briefkit has.

Only http and https; a timeout on every wait and on the whole download; a
size limit checked before and while reading; at most a few redirects, each
to http or https again; a user agent that says what is asking. Every failure
is a :class:`DocumentError` with one clear line, so a dead link is a problem
entry in the briefing, never the end of the build.
"""

from __future__ import annotations

import socket
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
_CHUNK = 64 * 1024


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


def _opener() -> urllib.request.OpenerDirector:
    # Only the handlers needed for http(s): no file:, ftp: or data: URLs, even after a redirect.
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(),
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
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise DocumentError(f"the page is {int(length) / 1e6:.1f} MB, over the "
                                    f"{max_bytes / 1e6:.1f} MB limit (raise it with --max-bytes)")
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise DocumentError(f"the download took longer than {timeout:g} s; gave up")
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise DocumentError(f"the page is over the {max_bytes / 1e6:.1f} MB limit; "
                                        "stopped reading (raise it with --max-bytes)")
                chunks.append(chunk)
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
