"""Fast summarisers against sumy's, on the same long document, in one run.

    .venv/bin/python benchmarks/bench_summarisers.py [--runs 5] [--sumy-runs 1]

Builds a document from consecutive development articles with about the number of
sentences each target names (2,500 for the graph algorithms and SumBasic, 600 for
KL-Sum), times ``rate()`` of sumy's class and of briefkit's vectorised one on it,
checks both select the same 3 and 7 sentences, and prints a markdown table with
medians. Stemming is inside both timings (the fast version's memo is cleared
before every run); sentence splitting and word tokenising are done before.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from corpus import articles, paragraphs  # noqa: E402

from briefkit.model import Length  # noqa: E402
from briefkit.summarisers import ALGORITHMS, select  # noqa: E402
from briefkit.text import ParsedDocument  # noqa: E402

TARGETS = {"lexrank": (2500, 50), "textrank": (2500, 50), "reduction": (2500, 50), "sumbasic": (2500, None),
           "kl": (600, 100)}


def document_of(sentences: int) -> ParsedDocument:
    """Consecutive articles until the document has at least ``sentences`` sentences."""
    chosen: list[str] = []
    pool = articles()
    index = 0
    while True:
        chosen.extend(paragraphs(pool[index % len(pool)]))
        index += 1
        doc = ParsedDocument(chosen)
        if len(doc) >= sentences:
            return doc


def timed(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each fast summariser (median)")
    parser.add_argument("--sumy-runs", type=int, default=1, help="runs of each sumy summariser (median)")
    parser.add_argument("--only", nargs="*", default=list(TARGETS), help="algorithms to time")
    args = parser.parse_args()
    import scipy.sparse  # noqa: F401 - imported once, outside the timings

    docs: dict[int, ParsedDocument] = {}
    rows = []
    for name in args.only:
        size, target = TARGETS[name]
        if size not in docs:
            docs[size] = document_of(size)
            docs[size].words, docs[size].sumy_document  # tokenise once, outside the timings
            for sentence in docs[size].sumy_document.sentences:
                sentence.words
        doc = docs[size]

        def run_fast(doc=doc, name=name):
            doc.__dict__.pop("_fast_content_stems", None)
            return ALGORITHMS[name]().rate(doc)

        sumy_time, sumy_scores = timed(lambda: ALGORITHMS[f"sumy-{name}"]().rate(doc), args.sumy_runs)
        fast_time, fast_scores = timed(run_fast, args.runs)
        same = all(select(doc, sumy_scores, Length.parse(k)) == select(doc, fast_scores, Length.parse(k))
                   for k in (3, 7))
        ratio = sumy_time / fast_time
        verdict = "" if target is None else ("met" if ratio >= target else f"missed ({ratio / target:.0%} of it)")
        rows.append((name, len(doc), sum(doc.word_counts), sumy_time, fast_time, ratio, target, verdict, same))
        print(f"{name}: sumy {sumy_time:.2f} s, fast {fast_time * 1000:.1f} ms, {ratio:.0f}x, same={same}",
              file=sys.stderr)
    print(f"\nMachine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}; "
          f"fast runs {args.runs} (median), sumy runs {args.sumy_runs}.\n")
    print("| algorithm | sentences | words | sumy | briefkit | ratio | target | same 3 & 7 sentences |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for name, n, words, s, f, ratio, target, verdict, same in rows:
        goal = f">= {target}x: {verdict}" if target else "(none)"
        print(f"| {name} | {n:,} | {words:,} | {s:.2f} s | {f * 1000:.0f} ms | {ratio:.0f}x | {goal} | "
              f"{'yes' if same else 'NO'} |")


if __name__ == "__main__":
    main()
