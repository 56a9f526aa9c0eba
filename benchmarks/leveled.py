"""Does briefkit's headline grade mean something? Measured on texts rewritten for three reading levels.

Data: OneStopEnglish (Vajjala and Lucic 2018), the same news article at the levels elementary,
intermediate and advanced, as ``{"id", "levels": {...}}`` JSON Lines. For each readability formula:

* ordered: the share of articles whose grades put the levels in the right order,
  elementary < intermediate < advanced (strictly);
* level gap: the mean grade difference between adjacent levels (intermediate - elementary and
  advanced - intermediate, averaged over articles);
* summary drift: the mean absolute difference between the grade of a text and the grade of its
  short summary (3 sentences, the default summariser), over all texts of all levels; summary
  bias: the same difference with its sign (positive: the summary reads as harder).

A formula is useful for briefkit when it orders the levels (>= 95%) and the summary's grade stays
closer to its source than one level (drift < level gap).

    .venv/bin/python benchmarks/leveled.py [PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "leveled" / "onestopenglish.jsonl"
LEVELS = ("elementary", "intermediate", "advanced")
# Readability fields that are grades (Flesch reading ease and Dale-Chall are on other scales, but
# their order is still checked: ease is negated so that higher means harder for every row).
FORMULAS = ("grade", "consensus_grade", "flesch_kincaid_grade", "gunning_fog", "smog_index",
            "coleman_liau_index", "automated_readability_index", "dale_chall_score", "linsear_write",
            "flesch_reading_ease")


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from briefkit.measure import measure
    from briefkit.summarisers import DEFAULT_ALGORITHM, summarise
    from briefkit.text import ParsedDocument
    from briefkit.tools.evaluate import article_paragraphs

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--algorithm", default=DEFAULT_ALGORITHM, help="summariser of the short summary")
    parser.add_argument("--keep-reading-level", action="store_true",
                        help="choose the short summary to read at its source's grade (briefkit's option)")
    args = parser.parse_args()
    records = [json.loads(line) for line in Path(args.path).read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    ordered = {f: 0 for f in FORMULAS}
    gaps = {f: [] for f in FORMULAS}
    drift = {f: [] for f in FORMULAS}
    bias = {f: [] for f in FORMULAS}
    for record in records:
        values = {}
        for level in LEVELS:
            doc = ParsedDocument(article_paragraphs(record["levels"][level]))
            full = measure(" ".join(doc.sentences), sentence_count=len(doc)).to_dict()
            (short,) = summarise(doc, ["3"], args.algorithm, keep_reading_level=args.keep_reading_level)
            brief = measure(short.text, sentence_count=len(short.sentences)).to_dict()
            for f in FORMULAS:
                sign = -1.0 if f == "flesch_reading_ease" else 1.0
                values.setdefault(f, []).append(sign * full[f])
                drift[f].append(abs(full[f] - brief[f]))
                bias[f].append(sign * (brief[f] - full[f]))
        for f in FORMULAS:
            e, i, a = values[f]
            ordered[f] += e < i < a
            gaps[f].extend([i - e, a - i])
    rows = {
        f: {"ordered": round(100 * ordered[f] / len(records), 1),
            "level_gap": round(sum(gaps[f]) / len(gaps[f]), 2),
            "summary_drift": round(sum(drift[f]) / len(drift[f]), 2),
            "summary_bias": round(sum(bias[f]) / len(bias[f]), 2)}
        for f in FORMULAS
    }
    if args.json:
        print(json.dumps({"articles": len(records), "summariser": args.algorithm,
                          "keep_reading_level": args.keep_reading_level, "formulas": rows}, indent=2))
        return 0
    print(f"{len(records)} articles x {len(LEVELS)} levels, short summary = 3 sentences ({args.algorithm}"
          f"{', keeping the reading level' if args.keep_reading_level else ''}); "
          f"{time.perf_counter() - started:.0f} s")
    print("| formula | levels in order | mean gap between adjacent levels | mean summary drift (absolute) "
          "| mean summary bias (summary - text) |")
    print("| --- | --- | --- | --- | --- |")
    for f, row in rows.items():
        label = "**grade** (briefkit's headline)" if f == "grade" else f
        print(f"| {label} | {row['ordered']:.1f}% | {row['level_gap']:.2f} | {row['summary_drift']:.2f} | {row['summary_bias']:+.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
