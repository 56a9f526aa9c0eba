"""Long documents and batches assembled from the development articles in ../shared/data/dev.

The articles are never copied into the repository; the benchmarks read them where they are
(``BRIEFKIT_SHARED_DATA`` or ``../shared/data`` beside the clone).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("BRIEFKIT_SHARED_DATA", ROOT.parent / "shared" / "data"))
DEV_FILES = ("bbc-news.jsonl", "cnndm-gpt4.jsonl")


def articles() -> list[dict]:
    """Every development article, BBC first, in file order."""
    found = []
    for name in DEV_FILES:
        path = SHARED_DATA / "dev" / name
        if not path.exists():
            raise SystemExit(f"development data not found: {path} (set BRIEFKIT_SHARED_DATA)")
        with open(path, encoding="utf-8") as handle:
            found.extend(json.loads(line) for line in handle if line.strip())
    return found


def paragraphs(article: dict) -> list[str]:
    return [p.strip() for p in article["article"].split("\n") if p.strip()]


def long_document(words: int) -> list[str]:
    """Paragraphs of consecutive articles (repeating the set if needed) until ``words`` words."""
    result: list[str] = []
    count = 0
    pool = articles()
    index = 0
    while count < words:
        for paragraph in paragraphs(pool[index % len(pool)]):
            result.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                break
        index += 1
    return result


def write_batch(folder: Path, count: int) -> list[Path]:
    """``count`` news articles as text files (title line, blank line, paragraphs), the dev set repeated."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = articles()
    written = []
    for index in range(count):
        article = pool[index % len(pool)]
        title = article.get("title") or paragraphs(article)[0].split(". ")[0][:80]
        path = folder / f"{index:04d}-{article['id']}.txt"
        path.write_text(title + "\n\n" + "\n\n".join(paragraphs(article)) + "\n", encoding="utf-8")
        written.append(path)
    return written
