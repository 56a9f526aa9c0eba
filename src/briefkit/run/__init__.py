"""Running the unit of work over a batch: in this process or in worker processes, through the cache.

* :mod:`.unit`: the one unit of work (read an input, analyse each document in it);
* :mod:`.parallel`: the same over a pool of worker processes, results in input order;
* :mod:`.cache`: unchanged documents and unchanged briefings are not analysed or laid out again.
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..ingest import discover
from ..model import AnalysisOptions, DocumentReport, LoadOptions, Problem
from .unit import analyse, analyse_input, analyse_or_problem, one_document, parse, read_all, read_or_problem

ProgressCallback = Callable[[str, str], None]  # (stage, source)

__all__ = ["ProgressCallback", "analyse", "analyse_input", "analyse_or_problem", "collect", "one_document", "parse",
           "read_all", "read_or_problem"]


def collect(inputs: Iterable[str], load_options: LoadOptions, options: AnalysisOptions, *, cache: bool = False,
            jobs: int = 0, progress: ProgressCallback | None = None) -> tuple[list[DocumentReport], list[Problem]]:
    """Every document of ``inputs`` analysed, in input order, and the problems met on the way.

    ``jobs`` worker processes (0: one per core, and none for a small batch) do the reading and the
    analysis; the results are the same whatever their number.
    """
    from .parallel import collect_parallel, resolve_jobs

    workers = resolve_jobs(jobs)
    if workers > 1:  # load, summarise and measure in worker processes; same results, input order
        return collect_parallel(inputs, load_options, options, cache, workers, default_jobs=jobs == 0,
                                progress=progress)

    reports: list[DocumentReport] = []
    problems: list[Problem] = []
    files, problems = discover(inputs)
    for item in files:
        for document in read_or_problem(item, load_options):
            if isinstance(document, Problem):
                problems.append(document)
                continue
            if progress:
                progress("summarise", document.source)
            result = analyse_or_problem(document, options, cache)
            (problems if isinstance(result, Problem) else reports).append(result)
    return reports, problems
