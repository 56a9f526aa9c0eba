"""A thousand news articles to a finished briefing PDF, and the start-up time of the command.

    .venv/bin/python benchmarks/bench_batch.py [--articles 1000] [--jobs 1 2] [--analyse-jobs 1 2] [--runs 1]

Writes the development articles (repeated to reach ``--articles``) as text files in a
temporary folder, then runs ``briefkit build FOLDER -o ... -q --jobs N`` as a separate
process and measures its wall time and its peak memory: the largest sum, over the
build and its worker processes, of resident memory, sampled every 50 ms from /proc.
Also times ``briefkit --help`` (median of 10).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_batch  # noqa: E402

BRIEFKIT = str(Path(sys.executable).with_name("briefkit"))


def _tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in KiB (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total


def run_build(folder: Path, output: Path, jobs: int) -> tuple[float, float]:
    # --no-cache: every run does the whole work, as a first build would.
    return _measure([BRIEFKIT, "build", str(folder), "-o", str(output), "-q", "--jobs", str(jobs), "--no-cache"],
                    {"SOURCE_DATE_EPOCH": "1700000000"}, "build")


def _measure(command: list[str], env: dict[str, str], what: str) -> tuple[float, float]:
    """Wall time and peak memory (MiB, the process and its workers) of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env={**os.environ, **env})
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss_kib(process.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{what} failed with exit code {process.returncode}")
    return wall, peak / 1024


ANALYSE_ONLY = r"""
import sys, time
sys.path.insert(0, {src!r})
from briefkit.config import Settings
from briefkit.run import collect
start = time.perf_counter()
settings = Settings(jobs={jobs})
reports, problems = collect([{folder!r}], settings.load_options(), settings.analysis_options(),
                            cache=settings.cache, jobs=settings.jobs)
print(time.perf_counter() - start, len(reports), len(problems))
"""


def run_analyse_only(folder: Path, jobs: int) -> tuple[float, float]:
    """Load, summarise and measure every article (no rendering), in a fresh process."""
    code = ANALYSE_ONLY.format(src=str(HERE.parent / "src"), folder=str(folder), jobs=jobs)
    # A cache folder of its own, empty: the analysis is timed, not a cache lookup.
    return _measure([sys.executable, "-c", code], {"BRIEFKIT_CACHE_DIR": tempfile.mkdtemp(prefix="briefkit-bench-")},
                    "analysis")


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def available_parallelism(n: int = 10_000_000) -> float:
    """How many cores two busy processes really get (2.0 on an idle 2-core machine)."""
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    _burn(n)
    _burn(n)
    serial = time.perf_counter() - start
    with ProcessPoolExecutor(2) as pool:
        start = time.perf_counter()
        list(pool.map(_burn, [n, n]))
        parallel = time.perf_counter() - start
    return serial / parallel


def help_time(runs: int = 10) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([BRIEFKIT, "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--analyse-jobs", type=int, nargs="*", default=[1, 2],
                        help="also time loading, summarising and measuring alone (no PDF) with these job counts")
    args = parser.parse_args()
    rows = []
    analysed = []
    with tempfile.TemporaryDirectory(prefix="briefkit-bench-") as tmp:
        folder = Path(tmp) / "articles"
        write_batch(folder, args.articles)
        for jobs in args.analyse_jobs:
            wall, peak = run_analyse_only(folder, jobs)
            analysed.append((jobs, wall, peak))
            print(f"analyse only, jobs {jobs}: {wall:.1f} s, {peak:.0f} MiB", file=sys.stderr)
        for jobs in args.jobs:
            results = [run_build(folder, Path(tmp) / f"briefing-{jobs}.pdf", jobs) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in results)
            peak = max(r[1] for r in results)
            pages = _pages(Path(tmp) / f"briefing-{jobs}.pdf")
            rows.append((jobs, wall, peak, pages))
            print(f"jobs {jobs}: {wall:.1f} s, {peak:.0f} MiB, {pages} pages", file=sys.stderr)
    startup = help_time()
    speedup = available_parallelism()
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{args.articles} articles; median of {args.runs} build(s). Two busy processes ran "
          f"{speedup:.2f}x as fast as one (2.00 on an idle 2-core machine).\n")
    print("| jobs | wall time | peak memory (all processes) | pages | target |")
    print("| ---: | ---: | ---: | ---: | --- |")
    for jobs, wall, peak, pages in rows:
        verdict = "met" if wall < 60 and peak < 2048 else f"missed ({wall:.0f} s / {peak:.0f} MiB)"
        print(f"| {jobs} | {wall:.1f} s | {peak:.0f} MiB | {pages:,} | < 60 s, < 2 GiB: {verdict} |")
    if analysed:
        print("\nLoad, summarise and measure only (no rendering), `pipeline.collect` in a fresh process:\n")
        print("| jobs | wall time | peak memory (all processes) |")
        print("| ---: | ---: | ---: |")
        for jobs, wall, peak in analysed:
            print(f"| {jobs} | {wall:.1f} s | {peak:.0f} MiB |")
    print(f"\n`briefkit --help`: {startup * 1000:.0f} ms (median of 10; target < 300 ms: "
          f"{'met' if startup < 0.3 else 'missed'}).")


def _pages(pdf: Path) -> int:
    try:
        from pypdf import PdfReader
    except ImportError:
        return 0
    return len(PdfReader(str(pdf)).pages)


if __name__ == "__main__":
    main()
