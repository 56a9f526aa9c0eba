"""How long each summariser takes at its sentence limit, and what a document over the limit costs.

Each algorithm's ``max_sentences`` (src/briefkit/summarisers/) is chosen so that
rating a document of that many sentences takes seconds, not minutes; over it,
briefkit falls back to lead and says so. Run:

    .venv/bin/python benchmarks/long_documents.py

and copy the table into docs/benchmarks.md (issue 6). To make the 50 MB text
of the end-to-end figure there:

    .venv/bin/python benchmarks/long_documents.py --make-text 50 /tmp/big50.txt
"""

from __future__ import annotations

import random
import sys
import time
import warnings
from pathlib import Path

from briefkit.summarisers import ALGORITHMS, summarise
from briefkit.text import ParsedDocument

SEED = Path(__file__).resolve().parents[1] / "seeds" / "russian-troops-arrive-in-belarus.txt"


def document(sentences: int) -> ParsedDocument:
    """``sentences`` sentences of 14 words drawn from the seed article, five to a paragraph."""
    words = [w.strip(".,“”\"'") for w in SEED.read_text(encoding="utf-8").split() if w.strip(".,“”\"'")]
    rng = random.Random(6)
    made = [" ".join(rng.choice(words) for _ in range(14)).capitalize() + "." for _ in range(sentences)]
    return ParsedDocument([" ".join(made[i:i + 5]) for i in range(0, sentences, 5)])


def timed(function) -> float:
    start = time.process_time()  # CPU time: the machine is shared, wall time says more about the neighbours
    function()
    return time.process_time() - start


def main() -> None:
    warnings.simplefilter("ignore")
    print("| Algorithm | Limit (sentences) | Rating at the limit (CPU) | Summary of 10x the limit, falling back to lead (CPU) |")
    print("|---|---:|---:|---:|")
    for name, cls in sorted(ALGORITHMS.items()):
        limit = cls.max_sentences
        if limit is None:
            continue
        at_limit = document(limit)
        # Punkt splits a few of the made-up sentences; keep exactly ``limit``.
        del at_limit.sentences[limit:], at_limit.paragraph_of[limit:]
        rating = timed(lambda: cls().rate(at_limit))
        over = document(10 * limit)
        fallback = timed(lambda: summarise(over, ["3", "7"], name))
        print(f"| {name} | {limit:,} | {rating:.1f} s | {fallback:.2f} s |", flush=True)


def make_text(megabytes: float, path: str) -> None:
    """A plain-text file of ``megabytes`` MiB: paragraphs of five made-up sentences."""
    words = [w.strip(".,“”\"'") for w in SEED.read_text(encoding="utf-8").split() if w.strip(".,“”\"'")]
    rng = random.Random(6)
    size = 0
    with open(path, "w", encoding="utf-8") as handle:
        while size < megabytes * 1024 * 1024:
            paragraph = " ".join(" ".join(rng.choice(words) for _ in range(14)).capitalize() + "."
                                 for _ in range(5)) + "\n\n"
            handle.write(paragraph)
            size += len(paragraph.encode("utf-8"))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--make-text"]:
        make_text(float(sys.argv[2]), sys.argv[3])
    else:
        main()
