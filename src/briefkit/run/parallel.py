"""Load, summarise and measure many documents in a pool of processes.

Each input file is one task (read it, parse it, summarise it, measure it) run in a
worker process; the results come back in input order, so the briefing is the same
whatever the number of workers. Rendering stays in the main process, in one pass,
so page numbers and the contents are right.

Workers are forked where the system can (see :func:`_pool`) and warm up once
(numpy, scipy, sumy, textstat's dictionary) before their first document.
"""

from __future__ import annotations

import os
import sys
from typing import Callable, Iterable

from ..ingest import discover
from ..model import AnalysisOptions, Document, InputFile, LoadOptions, Problem
from .unit import analyse_input, read_or_problem

# Most documents sent to a worker in one task.
CHUNK_LIMIT = 16
# With the default number of jobs, a batch smaller than this is analysed in this process:
# starting and warming up workers costs more than a handful of articles take.
POOL_MIN_INPUTS = 8


def resolve_jobs(jobs: int) -> int:
    """``jobs`` as given, or one per core when it is 0."""
    if jobs and jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _warm_up() -> None:
    # Worker start-up: every lazy import and textstat's dictionary, once per process.
    from ..compat.textstat import textstat

    textstat().syllable_count("warm up")
    import scipy.sparse  # noqa: F401


def analyse_items(items: list, load_options: LoadOptions, options: AnalysisOptions, cache: bool) -> list:
    """A worker's task: a few inputs, each read and analysed (:func:`analyse_input`)."""
    return [analyse_input(item, load_options, options, cache) for item in items]


def _pool(jobs: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork where it exists: workers start in milliseconds with briefkit already imported, and a
    # library caller's script needs no ``if __name__ == "__main__"`` guard (forkserver and
    # spawn re-import it). _start_worker drops what a fork must not share.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if context.get_start_method() == "fork":
        _warm_up()  # once, here: forked workers inherit the loaded dictionary instead of each loading it
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker)


def _start_worker() -> None:
    # The parent's progress thread may have held stderr's lock at the moment of the fork;
    # a fresh stream object for stderr means a warning in a worker can never wait on it.
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
    import logging

    if not logging.getLogger().handlers:  # a spawned worker: no library's log line reaches stderr
        logging.getLogger().addHandler(logging.NullHandler())
    _warm_up()


def collect_parallel(inputs: Iterable[str], load_options: LoadOptions, options: AnalysisOptions, cache: bool,
                     jobs: int, default_jobs: bool = False, progress: Callable[[str, str], None] | None = None):
    """Like :func:`briefkit.run.collect`, with ``jobs`` worker processes (``default_jobs``: the user
    did not choose the number, so a small batch stays in this process)."""
    from concurrent.futures import as_completed

    files, problems = discover(inputs)
    items: list[InputFile | Document | Problem] = []
    for item in files:
        if item.path is None and not getattr(item, "url", None):  # standard input: only the main process has it
            items.extend(read_or_problem(item, load_options))
        else:
            items.append(item)
    set_total = getattr(progress, "set_total", None)
    if set_total:
        set_total("analyse", len(items))
    results: list = [None] * len(items)
    work = [i for i, item in enumerate(items) if not isinstance(item, Problem)]
    few = len(work) <= 1 or (default_jobs and len(work) < POOL_MIN_INPUTS)
    if jobs <= 1 or few:  # a pool would only add its start-up time
        for index, item in enumerate(items):
            results[index] = [item] if isinstance(item, Problem) else analyse_input(item, load_options, options, cache)
            if progress:
                progress("analyse", _source(item))
        return _split(results, problems)
    for index, item in enumerate(items):
        if isinstance(item, Problem):
            results[index] = [item]
            if progress:
                progress("analyse", item.source)
    # A few documents per task: one task per document spends more time passing
    # messages than analysing a short article.
    size = max(1, min(CHUNK_LIMIT, len(work) // (jobs * 8)))
    chunks = [work[start:start + size] for start in range(0, len(work), size)]
    pending = {}
    with _pool(min(jobs, len(chunks))) as pool:
        for chunk in chunks:
            pending[pool.submit(analyse_items, [items[i] for i in chunk], load_options, options, cache)] = chunk
        for future in as_completed(pending):
            chunk = pending[future]
            try:
                chunk_results = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker died (killed for memory, say): its documents are problems
                chunk_results = [[Problem(_source(items[i]), f"its worker process failed ({type(exc).__name__}); "
                                                             "not analysed")] for i in chunk]
            for index, result in zip(chunk, chunk_results):
                results[index] = result
                if progress:
                    progress("analyse", _source(items[index]))
    return _split(results, problems)


def _split(results: list, problems: list[Problem]):
    reports = []
    for per_input in results:
        for result in per_input:
            (problems if isinstance(result, Problem) else reports).append(result)
    return reports, problems


def _source(item) -> str:
    return getattr(item, "source", "")

