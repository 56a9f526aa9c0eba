"""The input formats: one module per format, one table of them.

Every reader is ``read(data: bytes, source: str) -> list[Extracted]`` (a list because one file may
hold several documents, a feed) and raises :class:`~briefkit.errors.DocumentError` for an input it
cannot use. :func:`detect` chooses the format from the content first (a PDF is a PDF whatever it
is called) and the file name second; ``--format`` forces one. Adding a format is one module here
and one line in :data:`FORMATS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ...model import Extracted
from . import docx, eml, feed, html, markdown, pdf, text


@dataclass(frozen=True)
class Format:
    name: str
    read: Callable[[bytes, str], list[Extracted]]
    suffixes: tuple[str, ...]
    # What an HTTP Content-Type says about the body; anything else is refused when fetching.
    content_types: tuple[str, ...] = ()
    # Read from bytes as they are; the other formats are text, and bytes that look binary are refused first.
    binary: bool = False


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("text", text.read, (".txt", ".text"), ("text/plain",)),
    Format("markdown", markdown.read, (".md", ".markdown", ".mdown"), ("text/markdown", "text/x-markdown")),
    Format("html", html.read, (".html", ".htm", ".xhtml"), ("text/html", "application/xhtml+xml")),
    Format("feed", feed.read, (".rss", ".atom", ".xml"),
           ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")),
    Format("pdf", pdf.read, (".pdf",), ("application/pdf",), binary=True),
    Format("docx", docx.read, (".docx",), binary=True),
    Format("eml", eml.read, (".eml",)),
)}

# What --format and input_format accept: "auto" detects, the others force a reader.
INPUT_FORMATS = ("auto", *FORMATS)
SUFFIXES = {suffix: f.name for f in FORMATS.values() for suffix in f.suffixes}
CONTENT_TYPES = {kind: f.name for f in FORMATS.values() for kind in f.content_types}


_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(rss|feed|RDF)[\s>]", re.I)
_HTML_HEAD = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_EMAIL_HEADER = re.compile(rb"^(Return-Path|Received|From|To|Subject|Date|Message-ID|MIME-Version|Delivered-To):",
                           re.I | re.M)


def _zip_member(data: bytes, name: bytes) -> bool:
    # A .docx is a ZIP whose directory names word/document.xml; no need to open it to tell.
    return data.startswith(b"PK\x03\x04") and name in data[:200_000] + data[-200_000:]


def sniff(data: bytes) -> str | None:
    """The format the bytes announce themselves as, or ``None`` when they do not say."""
    if data.lstrip()[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if _zip_member(data, b"word/document.xml"):
        return "docx"
    head = data[:2048]
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig",
                           "replace").encode("utf-8")
    stripped = head.lstrip()
    if stripped.startswith(b"<?xml") or stripped.startswith(b"<rss") or stripped.startswith(b"<feed"):
        if _FEED_ROOT.search(head):
            return "feed"
        if _HTML_HEAD.search(head):
            return "html"
    # Before HTML: a message's HTML part may sit within the first bytes, but its first line is a header.
    if re.match(rb"^[\w-]+:", head) and len(_EMAIL_HEADER.findall(head)) >= 3:
        return "eml"
    if _HTML_HEAD.search(stripped[:512]):
        return "html"
    return None


def detect(data: bytes, suffix: str = "", content_type: str = "", forced: str = "auto") -> str:
    """The reader to use: forced, else the content, else the Content-Type or extension, else text."""
    if forced and forced != "auto":
        return forced
    sniffed = sniff(data)
    if sniffed:
        return sniffed
    kind = content_type.split(";")[0].strip().lower()
    if kind in CONTENT_TYPES:
        return CONTENT_TYPES[kind]
    return SUFFIXES.get(suffix.lower()) or "text"


def wanted_suffix(path) -> bool:
    """Whether a file's extension is one of an input format (nothing is opened)."""
    return SUFFIXES.get(path.suffix.lower()) is not None


def wanted_in_folder(path) -> bool:
    """Whether a file met while walking a folder is an input: by extension, and an .xml only if it is a feed.

    Only a regular file is opened to sniff it (never a FIFO, which would block, or a device); the
    caller has already refused links that lead out of the folder.
    """
    import os
    import stat

    if not wanted_suffix(path):
        return False
    if path.suffix.lower() != ".xml":
        return True
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return True  # let the reader say what it is
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return True
            return sniff(handle.read(2048)) == "feed"
    except OSError:
        return True  # let the reader report why it cannot be read
