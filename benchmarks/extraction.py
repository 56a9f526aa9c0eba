"""Article-body extraction on saved web pages, scored as the article-extraction benchmark scores it.

For each page: word 4-gram shingles (tokens are ``\\w+`` runs) of the true
article body and of the extracted text, counted with multiplicity; precision
and recall of the shingles per page, averaged over the pages; F1 of the two
averages.

    .venv/bin/python benchmarks/extraction.py                 # ../shared/data/html
    .venv/bin/python benchmarks/extraction.py --data DIR --only briefkit

DIR holds ``KEY.html.gz`` pages and ``ground-truth.json`` (``{KEY: {"articleBody", "url"}}``).
Prints one row per extractor and the pages where briefkit finds under 50 words
(those become problems in a briefing instead of summaries).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefkit.errors import DocumentError  # noqa: E402
from briefkit.ingest.formats import html as article  # noqa: E402

TOKEN = re.compile(r"\w+")


def shingle_counts(text: str, n: int = 4) -> Counter:
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def precision_recall(true: str, predicted: str) -> tuple[float, float]:
    """Per-page shingle precision and recall (an empty truth and an empty prediction agree perfectly)."""
    truth, guess = shingle_counts(true), shingle_counts(predicted)
    tp = sum((truth & guess).values())
    fp = sum((guess - truth).values())
    fn = sum((truth - guess).values())
    if fp == fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def score(truths: dict[str, str], predictions: dict[str, str]) -> tuple[float, float, float]:
    pairs = [precision_recall(truths[key], predictions.get(key, "")) for key in truths]
    precision = sum(p for p, _ in pairs) / len(pairs)
    recall = sum(r for _, r in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _trafilatura(**options):
    def run(data: bytes, url: str | None) -> str:
        result = article.trafilatura_extract(data, url, **options)
        return result.text if result is not None and result.text else ""
    return run


def _briefkit(data: bytes, url: str | None) -> str:
    try:
        return "\n".join(article.extract_article(data, url, check_length=False).paragraphs)
    except DocumentError:
        return ""


def _readability(data: bytes, url: str | None) -> str:
    return article.readability_text(data)


# Every row is a configuration that was tried; "briefkit" is what `briefkit build` uses.
EXTRACTORS = {
    "trafilatura library defaults": _trafilatura(favor_precision=False, include_tables=True, fast=False,
                                                 include_comments=True),
    "trafilatura as in briefkit 0.1": _trafilatura(favor_precision=False, include_tables=False, fast=False),
    "trafilatura +tables": _trafilatura(favor_precision=False, include_tables=True, fast=False),
    "trafilatura favor_recall": _trafilatura(favor_precision=False, favor_recall=True, include_tables=False,
                                             fast=False),
    "trafilatura favor_precision": _trafilatura(include_tables=False, fast=False),
    "trafilatura precision+tables": _trafilatura(fast=False),
    "trafilatura precision+tables+fast": _trafilatura(),
    "readability-lxml": _readability,
    "briefkit": _briefkit,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "html")
    parser.add_argument("--only", action="append", choices=sorted(EXTRACTORS), help="run only these extractors")
    args = parser.parse_args()

    truth_file = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    truths = {key: value.get("articleBody", "") for key, value in truth_file.items()}
    pages = {key: gzip.decompress((args.data / f"{key}.html.gz").read_bytes()) for key in truths}
    print(f"{len(pages)} pages from {args.data}")
    print(f"{'extractor':<36}{'precision':>10}{'recall':>8}{'F1':>8}{'s/page':>8}")
    outputs: dict[str, dict[str, str]] = {}
    for name in args.only or list(EXTRACTORS):
        run = EXTRACTORS[name]
        started = time.perf_counter()
        outputs[name] = {key: run(pages[key], truth_file[key].get("url")) for key in pages}
        seconds = (time.perf_counter() - started) / len(pages)
        precision, recall, f1 = score(truths, outputs[name])
        print(f"{name:<36}{precision:>10.3f}{recall:>8.3f}{f1:>8.3f}{seconds:>8.2f}", flush=True)
    if "briefkit" in outputs:
        short = {key: len(TOKEN.findall(text)) for key, text in outputs["briefkit"].items()
                 if len(TOKEN.findall(text)) < article.MIN_ARTICLE_WORDS}
        print(f"pages briefkit reports as problems (under {article.MIN_ARTICLE_WORDS} words): {len(short)}")
        for key, words in sorted(short.items()):
            print(f"  {key[:12]}  {words} words extracted, {len(TOKEN.findall(truths[key]))} in the truth  "
                  f"{truth_file[key].get('url', '')}")


if __name__ == "__main__":
    main()
