"""Stage 1, load: turn input paths into plain-text documents.

Every input becomes a :class:`Document` (title, paragraphs, metadata) or a
:class:`Problem` that names the input and says what is wrong with it. Nothing
here raises for one bad document; only an unusable argument (a path that does
not exist) is a usage error, and even then the other inputs are still read.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from . import formats
from .errors import DocumentError
from .formats import fetch as _fetch

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | set(formats.SUFFIXES)
# A file of URLs, one a line, fetched when the file is named as an input (never found in a folder).
URL_LIST_SUFFIXES = {".urls"}

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Document:
    """One input, read and reduced to plain text."""

    source: str
    title: str
    paragraphs: list[str]
    format: str
    sha256: str
    metadata: dict[str, str] = field(default_factory=dict)
    group: str = ""
    # Page number of each paragraph, for inputs that have pages (PDF); empty otherwise.
    pages: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class Problem:
    """An input that could not be used, and why, in the user's words."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass
class InputFile:
    """An input as found on disk (or stdin), before it is read."""

    source: str
    path: Path | None
    group: str = ""
    url: str | None = None  # set for a web address the user named: fetched, never opened as a file


IGNORE_FILE = ".briefkitignore"


def _ignore_patterns(folder: Path) -> list[str]:
    """Glob patterns, one a line, from a folder's ``.briefkitignore`` (``#`` starts a comment)."""
    try:
        lines = (folder / IGNORE_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def discover(inputs: Iterable[str]) -> tuple[list[InputFile], list[Problem]]:
    """Expand the inputs: folders recursively, in a stable sorted order.

    Hidden files, files of unsupported types and files matched by a
    ``.briefkitignore`` in the folder given are skipped silently (a folder
    holds all sorts of things); a file named explicitly is always attempted.
    """
    found: list[InputFile] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for raw in inputs:
        if raw == "-":
            found.append(InputFile(source="-", path=None))
            continue
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", raw):
            found.append(InputFile(source=raw, path=None, url=raw))
            continue
        path = Path(raw)
        if path.suffix.lower() in URL_LIST_SUFFIXES and path.is_file():
            urls, problem = _read_url_list(path, raw)
            found.extend(InputFile(source=url, path=None, url=url, group=path.stem) for url in urls)
            problems.extend([problem] if problem else [])
            continue
        if path.is_dir():
            root_real = os.path.realpath(path)
            ignored = _ignore_patterns(path)
            for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if name.startswith(".") or not formats.wanted_in_folder(Path(dirpath) / name):
                        continue
                    file_path = Path(dirpath) / name
                    relative = os.path.relpath(file_path, path)
                    if any(fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name, pattern) for pattern in ignored):
                        continue
                    real = os.path.realpath(file_path)
                    if not (real == root_real or real.startswith(root_real + os.sep)):
                        # An unpacked archive or a shared folder can hold a link to
                        # ~/.ssh/id_rsa; only the user, by naming it, can say to read it.
                        problems.append(Problem(str(file_path), f"is a link to a file outside {path} "
                                                                "(name it explicitly to read it)"))
                        continue
                    if real in seen:
                        continue
                    seen.add(real)
                    rel_parent = os.path.relpath(dirpath, path)
                    group = "" if rel_parent == "." else rel_parent
                    if not os.path.realpath(dirpath).startswith(root_real):
                        group = rel_parent
                    found.append(InputFile(source=str(file_path), path=file_path, group=group))
        elif path.exists() or path.is_symlink():
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                found.append(InputFile(source=raw, path=path))
        else:
            problems.append(Problem(raw, "no such file or folder"))
    return found, problems


def _read_url_list(path: Path, source: str) -> tuple[list[str], Problem | None]:
    try:
        urls = _fetch.read_url_list(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return [], Problem(source, f"cannot read the URL list ({exc})")
    return urls, (None if urls else Problem(source, "the URL list has no URLs in it"))


def read_bytes(item: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    if item.path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            size = item.path.stat().st_size
        except OSError as exc:
            raise DocumentError(_os_message(exc)) from None
        if size > max_bytes:
            raise DocumentError(
                f"file is {_size(size)}, over the {_size(max_bytes)} limit (raise it with --max-bytes)"
            )
        try:
            with open(item.path, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise DocumentError(_os_message(exc)) from None
    if len(data) > max_bytes:
        raise DocumentError(f"input is over the {_size(max_bytes)} limit (raise it with --max-bytes)")
    return data


def _size(count: int) -> str:
    """Bytes for a reader: binary units, as the default limit (20 MB = 20 * 1024 * 1024) is."""
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count} bytes"


def _os_message(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot read the file: permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot read the file: {exc.strerror or exc}"


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes) -> str:
    """Decode bytes to text: BOMs first, then strict UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        # UTF-8 with a few broken bytes (a truncated or damaged file): keep the
        # good text, mark each broken byte with U+FFFD rather than guess a code page.
        return data.decode("utf-8", errors="replace")
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise DocumentError("looks like a binary file, not text")
    for match in results:
        # On short texts the Latin code pages tie (cp1250 reads "crème" as
        # "crčme"); Windows-1252 is by far the most common of them.
        if match.encoding == "cp1252" and match.chaos <= best.chaos + 0.02:
            return str(match)
    return str(best)


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(data: bytes) -> bool:
    """More valid multi-byte UTF-8 sequences than stray high bytes."""
    sequences = _UTF8_SEQUENCE.findall(data)
    stray = sum(1 for byte in data if byte >= 0x80) - sum(len(m) for m in sequences)
    return bool(sequences) and len(sequences) >= stray


_BINARY_SIGNATURES = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x7fELF": "an executable",
}


def _check_not_binary(data: bytes) -> None:
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DocumentError(f"is {what}, not a text, Markdown or HTML document")
    head = data[:4096]
    if b"\x00" in head and not any(head.startswith(b) for b, _ in _BOMS):
        # UTF-16 without a BOM has NULs in every other byte; anything else is binary.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        half = max(1, len(head) // 2)
        if not ((odd > 0.3 * half and even == 0) or (even > 0.3 * half and odd == 0)):
            raise DocumentError("looks like a binary file, not text")


def sniff_format(item: InputFile, text: str) -> str:
    suffix = item.path.suffix.lower() if item.path else ""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text"


def load_many(item: InputFile, max_bytes: int = DEFAULT_MAX_BYTES, input_format: str = "auto",
              fetch_timeout: float = _fetch.DEFAULT_TIMEOUT) -> list[Document | Problem]:
    """Read one input: one document, or several for a feed (a feed entry without text is a Problem).

    Raises :class:`DocumentError` with a user-facing message when the input as a whole cannot be used.
    """
    content_type = ""
    if item.url is not None:
        fetched = _fetch.fetch(item.url, max_bytes, fetch_timeout)
        data, content_type = fetched.data, fetched.content_type
        kind = content_type.split(";")[0].strip().lower()
        if kind and kind not in formats.CONTENT_TYPES and formats.sniff(data) is None and input_format == "auto":
            raise DocumentError(f"the server sent {kind}, not a web page, feed, PDF or text")
        suffix = Path(urllib.parse.urlsplit(fetched.url).path).suffix
    else:
        data = read_bytes(item, max_bytes)
        suffix = item.path.suffix if item.path else ""
    if not data.strip():
        raise DocumentError("is empty")
    fmt = formats.detect(data, suffix, content_type, input_format)
    sha256 = hashlib.sha256(data).hexdigest()
    if fmt in ("pdf", "docx"):
        from .formats import docx as _docx, pdf as _pdf

        parts = (_pdf if fmt == "pdf" else _docx).read(data)
    else:
        _check_not_binary(data)
        parts = _read_text_format(fmt, data, item)
    results: list[Document | Problem] = []
    for part in parts:
        source = f"{item.source}#{part.entry}" if part.entry else item.source
        try:
            results.append(_document(part, source, fmt, sha256, item))
        except DocumentError as exc:
            if not part.entry:
                raise
            results.append(Problem(source, f"{part.title or 'feed entry'}: {exc}"))
    return results


def _read_text_format(fmt: str, data: bytes, item: InputFile) -> list[formats.Extracted]:
    if fmt == "feed":
        from .formats import feed

        return feed.read(data, item.source)
    if fmt == "eml":
        from .formats import eml

        return eml.read(data)
    if fmt == "html":
        title, paragraphs, metadata = parse_html(data, item.url)
    elif fmt == "markdown":
        title, paragraphs, metadata = parse_markdown(decode(data))
    else:
        title, paragraphs, metadata = parse_text(decode(data))
    return [formats.Extracted(title, paragraphs, metadata)]


def _document(part: formats.Extracted, source: str, fmt: str, sha256: str, item: InputFile) -> Document:
    paragraphs: list[str] = []
    pages: list[int] = []
    for index, raw in enumerate(part.paragraphs):
        paragraph = normalise_space(raw)
        if paragraph:
            paragraphs.append(paragraph)
            if part.pages:
                pages.append(part.pages[index])
    if not paragraphs:
        raise DocumentError("has no readable text")
    if not any(re.search(r"\w", p) for p in paragraphs):
        raise DocumentError("has no words in it")
    group = item.group
    if part.group:
        group = f"{item.group}/{part.group}" if item.group else part.group
    return Document(
        source=source,
        title=normalise_space(part.title) or title_from_source(item.source),
        paragraphs=paragraphs,
        format=fmt,
        sha256=sha256,
        metadata=part.metadata,
        group=group,
        pages=pages,
    )


def load(item: InputFile, max_bytes: int = DEFAULT_MAX_BYTES, input_format: str = "auto",
         fetch_timeout: float = _fetch.DEFAULT_TIMEOUT) -> Document:
    """Read one input that holds one document. Raises :class:`DocumentError` with a user-facing message."""
    results = load_many(item, max_bytes, input_format, fetch_timeout)
    documents = [r for r in results if isinstance(r, Document)]
    if len(results) > 1:
        raise DocumentError(f"holds {len(results)} documents (a feed); read it with 'briefkit extract' "
                            "or 'briefkit build'")
    if not documents:
        raise DocumentError(results[0].message if results else "has no readable text")
    return documents[0]


def load_all(inputs: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, input_format: str = "auto",
             fetch_timeout: float = _fetch.DEFAULT_TIMEOUT) -> Iterator[Document | Problem]:
    files, problems = discover(inputs)
    yield from problems
    for item in files:
        try:
            yield from load_many(item, max_bytes, input_format, fetch_timeout)
        except DocumentError as exc:
            yield Problem(item.source, str(exc))


_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_space(text: str) -> str:
    text = _CONTROL.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return re.sub(r"\s*\n\s*", " ", text).strip()


def title_from_source(source: str) -> str:
    if source == "-":
        return "Standard input"
    stem = Path(source).stem
    stem = re.sub(r"^\d+[_-]+", "", stem)  # drop a leading sort number like "01-"
    words = re.sub(r"[_\-]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else Path(source).name


def _looks_like_heading(line: str) -> bool:
    line = line.strip()
    words = line.split()
    return (
        0 < len(words) <= 15
        and len(line) <= 120
        and not re.search(r"[.,;:!?]$", line)
        and bool(re.search(r"[A-Za-z\w]", line))
    )


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; text with none has one per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b for b in re.split(r"\n[ \t]*\n", text) if b.strip()]
    if len(blocks) <= 1:
        return [line for line in text.split("\n") if line.strip()]
    return blocks


def parse_text(text: str) -> tuple[str, list[str], dict[str, str]]:
    paragraphs = split_paragraphs(text)
    title = ""
    if len(paragraphs) > 1 and "\n" not in paragraphs[0].strip() and _looks_like_heading(paragraphs[0]):
        title = normalise_space(paragraphs[0])
        paragraphs = paragraphs[1:]
    return title, paragraphs, {}


def parse_markdown(text: str) -> tuple[str, list[str], dict[str, str]]:
    """Headings, paragraphs and list items; code, HTML and link targets dropped."""
    from markdown_it import MarkdownIt

    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # YAML front matter
    text = re.sub(r"(?m)^\([\w.:-]+\)=[ \t]*$", "", text)  # MyST/Sphinx link targets such as "(intro)="
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    title = ""
    paragraphs: list[str] = []
    headings: list[str] = []
    in_heading = None
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            in_heading = token.tag
        elif token.type == "heading_close":
            in_heading = None
        elif token.type == "inline":
            content = _inline_text(token)
            if not content.strip():
                continue
            if in_heading:
                if in_heading == "h1" and not title:
                    title = content
                else:
                    headings.append(content)
                continue
            paragraphs.append(content)
    metadata = {"headings": " | ".join(headings)} if headings else {}
    return title, paragraphs, metadata


def _inline_text(token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type == "text":
            # A MyST role ("{ref}`target`") is markup: its name goes, the code that follows stays.
            parts.append(re.sub(r"\{[a-z][\w:-]*\}$", "", child.content))
        elif child.type == "code_inline":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content or "")
    return "".join(parts).strip()


def parse_html(data: bytes, url: str | None = None) -> tuple[str, list[str], dict[str, str]]:
    """Main article text and metadata (see :mod:`briefkit.formats.html`); the page's markup is never kept."""
    from .formats.html import extract_article

    article = extract_article(data, url)
    return article.title, article.paragraphs, article.metadata

