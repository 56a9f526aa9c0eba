"""Saved web pages: the main article, its title, author, date and site.

trafilatura finds the article (``favor_precision``, tables kept, its own
fallback extractors only when it finds under 50 words); readability-lxml, an independent extractor, then
votes on the edges: leading and trailing paragraphs that readability did not
find are boilerplate (a "more stories" block, a company blurb, a comment
prompt) that trafilatura let through. Measured in ``benchmarks/extraction.py``
(see docs/benchmarks.md): this beats every trafilatura setting alone.
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field

from ...errors import DocumentError
from ...model import Extracted
from ..fetch import is_url

# Fewer words than this is a teaser, a paywall or a page of links, not an article.
MIN_ARTICLE_WORDS = 50
# Share of a paragraph's word 4-grams readability must also have found for the paragraph to count as found.
PARAGRAPH_FOUND_SHARE = 0.2
# The two extractors must broadly agree (this share of trafilatura's 4-grams found by readability)
# before readability may trim anything: when they disagree, neither is known to be right.
EXTRACTORS_AGREE_SHARE = 0.5
# Trimming removes edges; if it would remove most of the text, the extractors disagree after all.
MAX_TRIMMED_SHARE = 0.5

_WORD = re.compile(r"\w+")


@dataclass
class Article:
    title: str
    paragraphs: list[str]
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def words(self) -> int:
        return sum(len(_WORD.findall(p)) for p in self.paragraphs)


def trafilatura_extract(data: bytes | str, url: str | None = None, **options):
    """trafilatura's ``bare_extraction`` with briefkit's options; ``None`` when it finds nothing."""
    import trafilatura

    settings = dict(favor_precision=True, include_tables=True, fast=True, include_comments=False,
                    include_images=False, with_metadata=True)
    settings.update(options)
    return trafilatura.bare_extraction(data, url=url, **settings)


def readability_text(data: bytes | str) -> str:
    """The article text as readability-lxml sees it ("" when it finds none or fails)."""
    import lxml.html
    from readability import Document as ReadabilityDocument

    try:
        summary = ReadabilityDocument(data).summary(html_partial=True)
        return lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    except Exception:  # noqa: BLE001 - a second opinion that fails is simply not given
        return ""


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = _WORD.findall(text.lower())
    return {tuple(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3))}


def trim_edges(paragraphs: list[str], second_opinion: str) -> list[str]:
    """Drop leading and trailing paragraphs that a second extractor did not find.

    Only the edges: a paragraph in the middle of the article that readability
    missed is more likely article than boilerplate.
    """
    found = _shingles(second_opinion)
    if not paragraphs or not found or found == {()}:
        return paragraphs
    everything = _shingles("\n".join(paragraphs))
    if len(everything & found) < EXTRACTORS_AGREE_SHARE * len(everything):
        return paragraphs
    keep = [len(_shingles(p) & found) >= PARAGRAPH_FOUND_SHARE * len(_shingles(p)) for p in paragraphs]
    start, end = 0, len(paragraphs)
    while start < end and not keep[start]:
        start += 1
    while end > start and not keep[end - 1]:
        end -= 1
    trimmed = paragraphs[start:end]
    words_before = sum(len(p.split()) for p in paragraphs)
    if sum(len(p.split()) for p in trimmed) < (1 - MAX_TRIMMED_SHARE) * words_before:
        return paragraphs
    return trimmed


def read(data: bytes, source: str) -> list[Extracted]:
    """The page's article; ``source`` is its address when it was fetched (trafilatura reads the site from it)."""
    article = extract_article(data, source if is_url(source) else None)
    return [Extracted(article.title, article.paragraphs, article.metadata)]


def extract_article(data: bytes | str, url: str | None = None, check_length: bool = True) -> Article:
    """The article in a saved page. Raises :class:`DocumentError` when there is none worth summarising."""
    try:
        result = trafilatura_extract(data, url)
        if result is None or len(_WORD.findall(result.text or "")) < MIN_ARTICLE_WORDS:
            # Too little for an article: let trafilatura try its own fallback extractors before giving up.
            # Then with recall first: precision mode drops paragraphs that follow odd
            # markup (an unclosed <embed>, say) and can leave a real article short.
            for options in ({"fast": False}, {"fast": False, "favor_precision": False, "favor_recall": True}):
                rescue = trafilatura_extract(data, url, **options)
                if rescue is not None and len(_WORD.findall(rescue.text or "")) > len(_WORD.findall(
                        (result.text or "") if result is not None else "")):
                    result = rescue
                if result is not None and len(_WORD.findall(result.text or "")) >= MIN_ARTICLE_WORDS:
                    break
    except Exception as exc:  # a broken page must not end the batch
        raise DocumentError(f"cannot extract text from this HTML page ({type(exc).__name__})") from None
    if result is None or not (result.text or "").strip():
        raise DocumentError("no article text found in this HTML page")
    paragraphs, headings = body_blocks(result)
    paragraphs = trim_edges(paragraphs, readability_text(data))
    metadata = {
        key: str(value).strip()
        for key, value in (("author", result.author), ("date", result.date), ("site", result.sitename),
                           ("url", result.url or url), ("description", result.description))
        if value and str(value).strip()
    }
    if headings:
        metadata["headings"] = " | ".join(headings)
    article = Article(page_title(data, result.title), paragraphs, metadata)
    if check_length and article.words < MIN_ARTICLE_WORDS:
        raise DocumentError(
            f"only {article.words} words of article text found in this HTML page (under {MIN_ARTICLE_WORDS}): "
            "probably a teaser, a paywall or a page of links, so it is not summarised"
        )
    return article


# trafilatura's article tree: prose blocks, containers to walk into, and code to leave out.
_PROSE = {"p", "item", "cell", "quote"}
_CONTAINERS = {"body", "doc", "main", "list", "table", "row", "div", "quote", "item"}


def body_blocks(result) -> tuple[list[str], list[str]]:
    """Paragraphs and headings from trafilatura's article tree.

    The page's own blocks make the paragraphs: its source line breaks do not
    (HTML wraps lines inside a paragraph freely), and code blocks are not prose
    to summarise. Inline code inside a sentence stays, as words.
    """
    body = getattr(result, "body", None)
    if body is None:
        return [line.strip() for line in (result.text or "").split("\n") if line.strip()], []
    paragraphs: list[str] = []
    headings: list[str] = []

    def text_of(element) -> str:
        return " ".join("".join(element.itertext()).split())

    def walk(element) -> None:
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "code":
                continue  # a code block
            if tag == "head":
                heading = text_of(child)
                if heading:
                    headings.append(heading)
            elif tag in _CONTAINERS and any(isinstance(c.tag, str) and c.tag in _PROSE | _CONTAINERS | {"head", "code"}
                                            for c in child):
                walk(child)
            else:
                text = text_of(child)
                if text:
                    paragraphs.append(text)

    walk(body)
    return paragraphs, headings


def page_title(data: bytes | str, extracted: str | None) -> str:
    """trafilatura's title when the page's <title> agrees with it, else the <title> itself.

    trafilatura strips site names from titles well, but on some pages it picks
    the heading of a dialog or a sidebar; the <title> element is the page's own
    statement of what it is.
    """
    extracted = (extracted or "").strip()
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "replace")
    match = re.search(rb"<title[^>]*>(.*?)</title>", raw[:200_000], re.I | re.S)
    if not match:
        return extracted
    page = " ".join(_html.unescape(match.group(1).decode("utf-8", "replace")).split())
    if not page or (extracted and extracted.lower() in page.lower()):
        return extracted or page
    return re.split(r"\s+[-|–—·]\s+", page)[0].strip() or page


def html_to_text(fragment: str) -> list[str]:
    """Paragraphs of a small HTML fragment (a feed entry, an e-mail part): all its text, markup dropped.

    No article detection: a fragment is all content, and trafilatura would
    discard short ones as boilerplate.
    """
    import lxml.html

    if not re.search(r"<[a-zA-Z/!]", fragment):
        return [p.strip() for p in re.split(r"\n\s*\n", _html.unescape(fragment)) if p.strip()]
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types for garbage
        return [_html.unescape(re.sub(r"<[^>]+>", " ", fragment)).strip()]
    for bad in root.xpath("//script|//style|//noscript|//iframe|//object|//embed"):
        bad.drop_tree()
    blocks = "p div li h1 h2 h3 h4 h5 h6 blockquote pre tr table ul ol section article figcaption dd dt".split()
    for element in root.iter(*blocks):
        element.tail = "\n\n" + (element.tail or "")
        element.text = "\n\n" + (element.text or "")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    text = root.text_content()
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
