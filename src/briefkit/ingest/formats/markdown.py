"""Markdown: headings, paragraphs and list items; code, HTML and link targets dropped."""

from __future__ import annotations

import re

from ...model import Extracted
from ..read import decode


def read(data: bytes, source: str) -> list[Extracted]:
    title, paragraphs, metadata = parse_markdown(decode(data))
    return [Extracted(title, paragraphs, metadata)]


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
