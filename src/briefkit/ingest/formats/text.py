"""Plain text: paragraphs separated by blank lines, a first line that reads as a heading is the title."""

from __future__ import annotations

import re

from ...model import Extracted
from ..read import decode


def read(data: bytes, source: str) -> list[Extracted]:
    title, paragraphs, metadata = parse_text(decode(data))
    return [Extracted(title, paragraphs, metadata)]


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


_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_space(text: str) -> str:
    text = _CONTROL.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return re.sub(r"\s*\n\s*", " ", text).strip()
