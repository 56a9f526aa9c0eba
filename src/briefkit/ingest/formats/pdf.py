"""PDF files: the text layer, by pypdf, in paragraphs that remember their page.

PDF text comes as lines. Paragraphs are rebuilt from them (a short line
ending a sentence ends a paragraph; a hyphen at a line end joins the word),
and lines that repeat at the top or bottom of most pages (running heads,
page numbers) are dropped. A PDF with pages but no text layer is a scan.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from ...errors import DocumentError
from ...model import Extracted

# pypdf logs a warning per damaged object (thousands for one bad file); without a handler of its
# own, logging's last resort would print each on stderr. The problem line says what matters.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.I)
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]\s*$")
# "2.1. Directory layout", "3 Results": a numbered heading, kept as structure rather than text.
_NUMBERED_HEADING = re.compile(r"^(?:\d+\.)+\d*\.?\s+[A-Z][^.!?]{0,80}$|^\d+\s+[A-Z][^.!?]{0,60}$")


def _page_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _furniture(pages: list[list[str]]) -> set[str]:
    """Lines that open or close most pages: running heads and feet, not content."""
    if len(pages) < 3:
        return set()
    edges = Counter()
    for lines in pages:
        for line in set(lines[:2] + lines[-2:]):
            edges[re.sub(r"\d+", "#", line)] += 1
    return {line for line, count in edges.items() if count >= max(3, len(pages) // 2)}


def _paragraphs(lines: list[str], headings: list[str]) -> list[str]:
    if not lines:
        return []
    typical = sorted(len(line) for line in lines)[len(lines) * 3 // 4]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if _NUMBERED_HEADING.match(line) and len(line) < 0.8 * typical:
            if current:
                paragraphs.append(current)
                current = ""
            headings.append(line)
            continue
        if current.endswith("-") and not current.endswith(" -") and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}".strip()
        if _SENTENCE_END.search(line) and len(line) < 0.85 * typical:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def read(data: bytes, source: str) -> list[Extracted]:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    encrypted = DocumentError("is an encrypted PDF; save an unprotected copy to read it")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # many PDFs are encrypted with an empty user password
            except Exception:  # noqa: BLE001 - a missing AES library, an unknown handler: still encrypted
                raise encrypted from None
            if not opened:  # pypdf returns NOT_DECRYPTED rather than raising
                raise encrypted
        page_texts = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except FileNotDecryptedError:
        raise encrypted from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise DocumentError(f"is a damaged PDF that cannot be read ({type(exc).__name__})") from None
    if not page_texts:
        raise DocumentError("is a PDF with no pages")
    if not any(re.search(r"\w", text) for text in page_texts):
        raise DocumentError(
            f"is a PDF of {len(page_texts)} page{'s' if len(page_texts) != 1 else ''} with no text layer "
            "(a scan or images only); run OCR on it first (e.g. ocrmypdf) to summarise it"
        )
    pages = [_page_lines(text) for text in page_texts]
    furniture = _furniture(pages)
    paragraphs: list[str] = []
    headings: list[str] = []
    page_of: list[int] = []
    for number, lines in enumerate(pages, start=1):
        kept = [line for line in lines
                if not _PAGE_NUMBER.match(line) and re.sub(r"\d+", "#", line) not in furniture]
        for index, paragraph in enumerate(_paragraphs(kept, headings)):
            if index == 0 and paragraphs and not _SENTENCE_END.search(paragraphs[-1]):
                # A paragraph that runs over the page break: one paragraph, cited by the page it starts on.
                previous = paragraphs[-1]
                hyphenated = previous.endswith("-") and paragraph[:1].islower()
                paragraphs[-1] = previous[:-1] + paragraph if hyphenated else f"{previous} {paragraph}"
                continue
            paragraphs.append(paragraph)
            page_of.append(number)
    info = reader.metadata or {}
    metadata = {"pages": str(len(page_texts))}
    if headings:
        metadata["headings"] = " | ".join(headings)
    for key, name in (("author", "/Author"), ("date", "/CreationDate"), ("subject", "/Subject")):
        value = info.get(name)
        if value and str(value).strip():
            metadata[key] = _pdf_date(str(value)) if key == "date" else " ".join(str(value).split())
    title = " ".join(str(info.get("/Title") or "").split())
    return [Extracted(title=title, paragraphs=paragraphs, metadata=metadata, pages=page_of)]


def _pdf_date(value: str) -> str:
    match = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", value)
    if not match:
        return value
    return "-".join(part for part in match.groups() if part)
