"""Benchmark of the briefing overview (issue 8): story grouping quality and overview time.

    .venv/bin/python benchmarks/overview.py                 # grouping on the 500 BBC articles + timings
    .venv/bin/python benchmarks/overview.py --size 1000     # also time the overview on 1,000 articles

Grouping: the story groups of the 500 BBC dev articles (default settings, the
categories never shown to the algorithm) against their five categories:
adjusted Rand index and purity.

Speed: the time of the overview stage alone (duplicates, tf-idf, stories, key
terms, cross-document summary), on reports that were summarised and measured
beforehand. The 1,000-article batch is every distinct text of the development
data (500 BBC, 100 CNN/DailyMail, 228 OneStopEnglish, 60 web-page bodies: 888
documents) plus 112 wire copies of BBC articles with one sentence dropped (the
near duplicates a real batch has); its grouping figures are not reported (it
has no single set of categories).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefkit.config import Settings  # noqa: E402
from briefkit.model import Document  # noqa: E402
from briefkit.overview import build_overview  # noqa: E402
from briefkit.run import analyse  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DATA = SHARED / "dev" / "bbc-news.jsonl"


def _document(source: str, title: str, text: str) -> Document:
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return Document(source=source, title=title, paragraphs=paragraphs, format="text",
                    sha256=hashlib.sha256(text.encode()).hexdigest())


def other_documents(shared: Path) -> list[Document]:
    """Every other distinct text of the development data (388 documents)."""
    docs = []
    for line in (shared / "dev" / "cnndm-gpt4.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        docs.append(_document(record["id"], record["article"][:60], record["article"]))
    for line in (shared / "leveled" / "onestopenglish.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for level, text in sorted(record["levels"].items()):
            docs.append(_document(f"{record['id']}-{level}", record["id"], text))
    truth = json.loads((shared / "html" / "ground-truth.json").read_text(encoding="utf-8"))
    for key, record in sorted(truth.items()):
        body = record.get("articleBody") or ""
        if body.strip():
            docs.append(_document(key[:12], body[:60], body))
    return docs


def documents(path: Path) -> tuple[list[Document], list[str]]:
    docs, categories = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        paragraphs = [p.strip() for p in record["article"].split("\n\n") if p.strip()]
        docs.append(Document(source=record["id"], title=record["title"], paragraphs=paragraphs, format="text",
                             sha256=hashlib.sha256(record["article"].encode()).hexdigest()))
        categories.append(record["category"])
    return docs, categories


def wire_copy(doc: Document) -> Document:
    """The same article with one sentence (the last of its middle paragraph) dropped."""
    paragraphs = list(doc.paragraphs)
    middle = len(paragraphs) // 2
    sentences = paragraphs[middle].split(". ")
    paragraphs[middle] = ". ".join(sentences[:-1]) + "." if len(sentences) > 1 else paragraphs[middle]
    if len(paragraphs) > 2 and len(sentences) == 1:
        del paragraphs[middle]
    return Document(source=doc.source + "-copy", title=doc.title, paragraphs=paragraphs, format="text",
                    sha256=doc.sha256 + "-copy")


def purity(truth: list[str], labels: list[int]) -> float:
    from sklearn.metrics.cluster import contingency_matrix

    table = contingency_matrix(truth, labels)
    return float(table.max(axis=0).sum() / table.sum())


def robustness(path: Path) -> None:
    """Story grouping of random samples in random order: is the default steady beyond one file order?"""
    import random

    from sklearn.metrics import adjusted_rand_score

    from briefkit.overview.topics import cluster, vectorise

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    print("samples (seed, size: stories, purity, ARI):")
    for seed in (0, 1, 2):
        for size in (40, 100, 250, 500):
            sample = random.Random(seed).sample(records, size)
            matrix, _ = vectorise([f"{r['title']}\n\n{r['article']}" for r in sample])
            labels = cluster(matrix).tolist()
            truth = [r["category"] for r in sample]
            print(f"  seed {seed}, {size}: {len(set(labels))} stories, purity {purity(truth, labels):.3f}, "
                  f"ARI {adjusted_rand_score(truth, labels):.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--size", type=int, default=500, choices=(500, 1000))
    parser.add_argument("--algorithm", default="lead",
                        help="summariser for the per-document reports (the overview quotes their sentences; "
                             "lead keeps the benchmark short) [default: lead]")
    parser.add_argument("--robustness", action="store_true",
                        help="also group random samples (40, 100, 250, 500 articles, three seeds) of the BBC set")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    from sklearn.metrics import adjusted_rand_score

    docs, categories = documents(args.data)
    if args.size == 1000:
        docs = docs + other_documents(args.data.parents[1])
        docs = docs + [wire_copy(d) for d in docs[: 1000 - len(docs)]]
    settings = Settings(algorithm=args.algorithm)
    started = time.perf_counter()
    reports = [analyse(d, settings.analysis_options()) for d in docs]
    analysed = time.perf_counter() - started
    # Importing scikit-learn is a one-off cost of any build with an overview, whatever its size.
    started = time.perf_counter()
    import sklearn.cluster, sklearn.decomposition, sklearn.feature_extraction.text, sklearn.metrics  # noqa: E401,F401
    imported = time.perf_counter() - started
    build_overview(reports[:20])  # warm caches outside the timing

    started, cpu_started = time.perf_counter(), time.process_time()
    overview = build_overview(reports, settings.overview_sentences, settings.language, settings.group_by)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started

    print(f"documents: {len(reports)}; summarise+measure ({args.algorithm}): {analysed:.1f} s; "
          f"overview: {elapsed:.2f} s wall, {cpu:.2f} s CPU; importing scikit-learn once: {imported:.2f} s")
    print(f"stories: {len(overview.stories)} "
          f"(sizes {', '.join(str(len(s.members)) for s in overview.stories)})")
    for story in overview.stories:
        print(f"  {story.number}. {story.name} ({len(story.members)})")
    print(f"duplicate groups: {len(overview.duplicates)} "
          f"({sum(1 for g in overview.duplicates if g.kind == 'exact')} exact, "
          f"{sum(1 for g in overview.duplicates if g.kind == 'near')} near)")
    if args.size == 500:
        label_of = {id(m): s.number for s in overview.stories for m in s.members}
        labels = [label_of[id(r)] for r in reports]
        print(f"grouping vs categories: purity {purity(categories, labels):.3f}, "
              f"adjusted Rand index {adjusted_rand_score(categories, labels):.3f}")
    if args.robustness and args.size == 500:
        robustness(args.data)
    print("overview sentences:")
    for sentence in overview.sentences:
        print(f"  [{sentence.story}] {sentence.text[:110]} ({sentence.report.document.source})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
