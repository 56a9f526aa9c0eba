"""Incremental builds (issue 5): how much of a build the analysis cache saves.

Writes the first N articles of the BBC development set as text files, then builds the briefing
three times with a fresh cache folder: cold (empty cache), warm (every document cached) and warm
with --no-cache, and prints the wall time of the analysis stage (pipeline.collect). Then the whole
build (with the PDF, SOURCE_DATE_EPOCH set): with --no-cache, and again with a warm cache, where the
unchanged HTML also takes its PDF from the cache. Usage:

    .venv/bin/python benchmarks/cache.py [N]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("BRIEFKIT_SHARED_DATA", ROOT.parent / "shared" / "data")) / "dev" / "bbc-news.jsonl"


def main(count: int = 40) -> None:
    if not DATA.exists():
        sys.exit(f"development data not found: {DATA}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["BRIEFKIT_CACHE_DIR"] = str(tmp / "cache")
        os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
        docs = tmp / "docs"
        docs.mkdir()
        with DATA.open(encoding="utf-8") as handle:
            for index, line in zip(range(count), handle):
                record = json.loads(line)
                (docs / f"{index:03d}.txt").write_text(record.get("title", "") + "\n\n" + record["article"])

        from briefkit import Settings, build
        from briefkit.run import collect as run_collect

        def collect(inputs, settings):
            return run_collect(inputs, settings.load_options(), settings.analysis_options(), cache=settings.cache,
                               jobs=settings.jobs)

        settings = Settings(output=str(tmp / "briefing.pdf"), json=True)
        collect([str(docs)], settings.replace(cache=False))  # warm up imports and NLTK data, not timed
        rows = []
        for label, run_settings in (("cold cache", settings), ("warm cache", settings),
                                    ("--no-cache", settings.replace(cache=False))):
            started = time.perf_counter()
            reports, _ = collect([str(docs)], run_settings)
            analysis = time.perf_counter() - started
            rows.append((label, analysis, sum(r.from_cache for r in reports)))
        started = time.perf_counter()
        build([str(docs)], settings.replace(cache=False))
        whole_cold = time.perf_counter() - started
        build([str(docs)], settings)  # fills the PDF cache
        started = time.perf_counter()
        result = build([str(docs)], settings)
        whole_warm = time.perf_counter() - started
        assert result.pdf_from_cache

    print(f"{count} BBC articles, algorithm {settings.algorithm}")
    print("| run | analysis stage (s) | documents from the cache |")
    print("| --- | ---: | ---: |")
    for label, seconds, cached in rows:
        print(f"| {label} | {seconds:.2f} | {cached} |")
    print(f"whole build with the PDF: {whole_cold:.2f} s without the cache, {whole_warm:.2f} s with a warm cache "
          f"(ratio {whole_cold / whole_warm:.1f}x); analysis stage ratio {rows[2][1] / rows[1][1]:.0f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
