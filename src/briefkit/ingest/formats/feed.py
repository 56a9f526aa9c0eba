"""RSS and Atom feeds: every entry is a document (title, link, date, author, content as text)."""

from __future__ import annotations

import io
import time

from ...errors import DocumentError
from ...model import Extracted
from .html import html_to_text


def _entry_text(entry) -> list[str]:
    """The fullest text the entry carries: its content, else its summary; HTML reduced to text."""
    candidates = []
    for content in entry.get("content") or []:
        candidates.append((content.get("value") or "", content.get("type") or ""))
    summary = entry.get("summary_detail") or {}
    if entry.get("summary"):
        candidates.append((entry.get("summary") or "", summary.get("type") or "text/html"))
    best: list[str] = []
    for value, kind in candidates:
        if "html" in kind or "<" in value:
            paragraphs = html_to_text(value)
        else:
            paragraphs = [p.strip() for p in value.split("\n\n") if p.strip()]
        if sum(len(p) for p in paragraphs) > sum(len(p) for p in best):
            best = paragraphs
    return best


def _date(entry) -> str:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%d", parsed)
    return entry.get("published") or entry.get("updated") or ""


def read(data: bytes, source: str) -> list[Extracted]:
    import feedparser

    # A stream, never bytes or a string: feedparser treats a string as a URL or a file name to open.
    # It reads the XML encoding declaration itself.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    if not version and not entries:
        reason = parsed.get("bozo_exception")
        raise DocumentError("is not an RSS or Atom feed" + (f" ({reason})" if reason else ""))
    feed = parsed.get("feed") or {}
    feed_title = " ".join((feed.get("title") or "").split())
    if not entries:
        raise DocumentError(f"feed {feed_title!r} has no entries" if feed_title else "feed has no entries")
    documents = []
    for number, entry in enumerate(entries, start=1):
        paragraphs = _entry_text(entry)
        title = " ".join((entry.get("title") or "").split())
        metadata = {
            "link": entry.get("link") or "",
            "date": _date(entry),
            "author": " ".join((entry.get("author") or "").split()),
            "site": feed_title,
        }
        documents.append(Extracted(
            title=title, paragraphs=paragraphs, metadata={k: v for k, v in metadata.items() if v},
            entry=number, group=feed_title or source,
        ))
    return documents
