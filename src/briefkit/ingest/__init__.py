"""Stage 1, load: turn input paths into plain-text documents.

Every input becomes a :class:`~briefkit.model.Document` (title, paragraphs, metadata) or a
:class:`~briefkit.model.Problem` that names the input and says what is wrong with it. Nothing here
raises for one bad document; only an unusable argument (a path that does not exist) is a usage
error, and even then the other inputs are still read.

* :mod:`.discovery`: which files a folder holds; :mod:`.read`: bytes within the limit, decoding;
* :mod:`.fetch`: URLs the user named; :mod:`.formats`: one reader per format, one table.
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import DocumentError
from ..model import Document, Extracted, InputFile, LoadOptions, Problem
from . import fetch, formats
from .discovery import discover
from .formats.text import normalise_space
from .read import DEFAULT_MAX_BYTES, check_not_binary, decode, read_bytes

__all__ = ["DEFAULT_MAX_BYTES", "LoadOptions", "decode", "discover", "from_text", "load", "load_all", "load_many",
           "read_bytes", "title_from_source"]


def load_many(item: InputFile, options: LoadOptions | None = None) -> list[Document | Problem]:
    """Read one input: one document, or several for a feed (a feed entry without text is a Problem).

    Raises :class:`DocumentError` with a user-facing message when the input as a whole cannot be used.
    """
    options = options or LoadOptions()
    content_type = ""
    if item.url is not None:
        fetched = fetch.fetch(item.url, options.max_bytes, options.fetch_timeout)
        data, content_type = fetched.data, fetched.content_type
        kind = content_type.split(";")[0].strip().lower()
        if (kind and kind not in formats.CONTENT_TYPES and formats.sniff(data) is None
                and options.input_format == "auto"):
            raise DocumentError(f"the server sent {kind}, not a web page, feed, PDF or text")
        suffix = Path(urllib.parse.urlsplit(fetched.url).path).suffix
    else:
        data = read_bytes(item, options.max_bytes)
        suffix = item.path.suffix if item.path else ""
    if not data.strip():
        raise DocumentError("is empty")
    fmt = formats.FORMATS[formats.detect(data, suffix, content_type, options.input_format)]
    sha256 = hashlib.sha256(data).hexdigest()
    if not fmt.binary:
        check_not_binary(data)
    parts = fmt.read(data, item.source)
    results: list[Document | Problem] = []
    for part in parts:
        source = f"{item.source}#{part.entry}" if part.entry else item.source
        try:
            results.append(_document(part, source, fmt.name, sha256, item))
        except DocumentError as exc:
            if not part.entry:
                raise
            results.append(Problem(source, f"{part.title or 'feed entry'}: {exc}"))
    return results


def _document(part: Extracted, source: str, fmt: str, sha256: str, item: InputFile) -> Document:
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


def from_text(text: str, source: str = "<text>", title: str = "") -> Document:
    """A document from a string, read as a plain-text file is (paragraphs at blank lines, a first
    line that reads as a heading is the title). Raises :class:`DocumentError` for text without words."""
    from .formats.text import parse_text

    if not text.strip():
        raise DocumentError(f"{source} is empty")
    found, paragraphs, metadata = parse_text(text)
    part = Extracted(title or found or "Text", paragraphs, metadata)
    try:
        return _document(part, source, "text", hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
                         InputFile(source, None))
    except DocumentError as exc:
        raise DocumentError(f"{source} {exc}") from None


def load(item: InputFile, options: LoadOptions | None = None) -> Document:
    """Read one input that holds one document. Raises :class:`DocumentError` with a user-facing message."""
    results = load_many(item, options)
    documents = [r for r in results if isinstance(r, Document)]
    if len(results) > 1:
        raise DocumentError(f"holds {len(results)} documents (a feed); read it with 'briefkit extract' "
                            "or 'briefkit build'")
    if not documents:
        raise DocumentError(results[0].message if results else "has no readable text")
    return documents[0]


def load_all(inputs: Iterable[str], options: LoadOptions | None = None) -> Iterator[Document | Problem]:
    files, problems = discover(inputs)
    yield from problems
    for item in files:
        try:
            yield from load_many(item, options)
        except DocumentError as exc:
            yield Problem(item.source, str(exc))


def title_from_source(source: str) -> str:
    if source == "-":
        return "Standard input"
    stem = Path(source).stem
    stem = re.sub(r"^\d+[_-]+", "", stem)  # drop a leading sort number like "01-"
    words = re.sub(r"[_\-]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else Path(source).name
