"""Time and memory of one long document against its length, with the default algorithm.

    .venv/bin/python benchmarks/bench_scale.py [--runs 3] [--words 10000 50000 100000 250000]

For each length, a fresh process builds a document from consecutive development
articles and runs ``briefkit.run.analyse`` on it: sentence splitting, short and medium
summaries with the default algorithm, every readability metric of the document and
of both summaries, and the hardest sentences. "warm" is the median of ``--runs``
analyses after the libraries and textstat's dictionary are loaded, with every cache
keyed by a text or a word emptied before each (the first analysis is not counted); "cold" is the first analysis in the process, plus imports
and loading the dictionary. Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, resource, statistics, sys, time
start = time.perf_counter()
sys.path.insert(0, {here!r}); sys.path.insert(0, {src!r})
from corpus import long_document
paragraphs = long_document({words})
from briefkit.config import Settings
from briefkit.model import Document
from briefkit import run, summarisers
from briefkit.text import ParsedDocument
document = Document("bench", "Bench", paragraphs, "text", "0")
settings = Settings()
load_done = time.perf_counter()
report = run.analyse(document, settings.analysis_options())
cold_total = time.perf_counter() - start
from briefkit.compat import textstat as textstat_compat
from briefkit.text import document as text_document

def forget():
    # Every cache keyed by a text or a word goes; loaded dictionaries stay (a warm process).
    for name, module in list(sys.modules.items()):
        if name.startswith("textstat"):
            for attribute, value in list(vars(module).items()):
                if hasattr(value, "cache_clear") and not attribute.startswith("get_"):
                    value.cache_clear()
    textstat_compat._word_syllables.cache_clear()
    text_document._STEM_MEMOS.clear()

times, parts = [], []
for _ in range({runs}):
    forget()
    t0 = time.perf_counter()
    parsed = ParsedDocument(document.paragraphs, document.title, settings.language)
    parsed.words
    t1 = time.perf_counter()
    summarisers.summarise(parsed, [settings.short, settings.medium], settings.algorithm)
    forget()
    t2 = time.perf_counter()
    run.analyse(document, settings.analysis_options())
    t3 = time.perf_counter()
    times.append(t3 - t2)
    parts.append((t1 - t0, t2 - t1))
print(json.dumps(dict(sentences=report.sentence_count, words=report.readability.words,
    warm=statistics.median(times), parse=statistics.median(p[0] for p in parts),
    summarise=statistics.median(p[1] for p in parts), cold=cold_total,
    peak_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, algorithm=settings.algorithm)))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--words", type=int, nargs="*", default=[10_000, 50_000, 100_000, 250_000])
    args = parser.parse_args()
    rows = []
    for words in args.words:
        code = CHILD.format(here=str(HERE), src=str(HERE.parent / "src"), words=words, runs=args.runs)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(row, file=sys.stderr)
    print(f"\nMachine: {platform.machine()}, Python {platform.python_version()}; default algorithm "
          f"`{rows[0]['algorithm']}`; warm = median of {args.runs}.\n")
    print("| words | sentences | analyse, warm | of which: split + tokenise | summarise (2 lengths) | "
          "cold process (imports + dictionary + analyse) | peak memory |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['words']:,} | {r['sentences']:,} | {r['warm']:.2f} s | {r['parse']:.2f} s | "
              f"{r['summarise']:.2f} s | {r['cold']:.2f} s | {r['peak_mib']:.0f} MiB |")


if __name__ == "__main__":
    main()
