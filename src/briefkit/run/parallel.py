"""Load, summarise and measure many documents in a pool of processes.

Each input file is one task (read it, parse it, summarise it, measure it) run in a
worker process; the results come back in input order, so the briefing is the same
whatever the number of workers. Rendering stays in the main process, in one pass,
so page numbers and the contents are right.

Workers are forked where the system can (see :func:`_pool`) and warm up once
(numpy, scipy, sumy, textstat's dictionary) before their first document.

Workers never outlive the build: each one dies with its parent (:func:`_die_with_parent`,
:func:`_watch_parent`), and a build stopped by any exception (Ctrl-C, SIGTERM turned into
an exception by the command line, a bug) stops its workers at once (:func:`_stop_pool`)
instead of waiting for their running tasks.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from typing import Callable, Iterable

from ..ingest import discover
from ..model import AnalysisOptions, Document, InputFile, LoadOptions, Problem
from .unit import analyse_input, read_or_problem

# Most documents sent to a worker in one task.
CHUNK_LIMIT = 16
# With the default number of jobs, a batch smaller than this is analysed in this process:
# starting and warming up workers costs more than a handful of articles take.
POOL_MIN_INPUTS = 8
# How often a worker checks that the process that started it is still alive (seconds).
PARENT_CHECK_INTERVAL = 0.5
# How long a stopped worker gets to go after SIGTERM before it is killed (seconds).
STOP_GRACE = 1.0


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
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker,
                               initargs=(os.getpid(),))


def _start_worker(parent_pid: int) -> None:
    # A forked worker inherits the parent's Python signal handlers: the command line's SIGTERM
    # handler would raise its exception here, and the worker would send it back as a task's
    # result instead of stopping. A worker stops on SIGTERM (that is how _stop_pool stops it).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent_pid)
    _watch_parent(parent_pid)
    # The parent's progress thread may have held stderr's lock at the moment of the fork;
    # a fresh stream object for stderr means a warning in a worker can never wait on it.
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
    import logging

    if not logging.getLogger().handlers:  # a spawned worker: no library's log line reaches stderr
        logging.getLogger().addHandler(logging.NullHandler())
    _warm_up()


def _parent_gone(parent_pid: int) -> bool:
    # On POSIX an orphan is re-parented (to init or a subreaper), so its parent pid changes.
    # Windows does not re-parent: there the parent's sentinel in _watch_parent tells.
    return os.name == "posix" and os.getppid() != parent_pid


def _die_with_parent(parent_pid: int) -> None:
    """On Linux, ask the kernel to SIGKILL this worker the moment its parent dies.

    PR_SET_PDEATHSIG fires when the *thread* that forked the worker exits, not the process.
    On Python 3.11 with fork, ProcessPoolExecutor forks every worker from the thread that
    calls ``submit`` (``_launch_processes``, not the executor's management thread; the
    management thread only spawns replacements for ``max_tasks_per_child``, which fork
    refuses). That thread is the one in :func:`collect_parallel`, and it stays there until the
    pool's workers have exited, so the signal never comes while the build is alive. Should a
    later Python fork from another thread, the worst case is a worker killed early, which
    breaks the pool loudly (BrokenProcessPool), never a silent orphan; :func:`_watch_parent`
    is the portable net either way.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no libc to call: the watchdog still stops the worker
        return
    # The race: the parent may have died between the fork and the prctl call, in which case
    # the kernel will never send the signal. Then we are an orphan already.
    if _parent_gone(parent_pid):
        os._exit(1)


def _watch_parent(parent_pid: int, interval: float = PARENT_CHECK_INTERVAL) -> threading.Thread:
    """A daemon thread that ends this process within ``interval`` seconds of its parent's death.

    Every platform: the parent pid changes (POSIX) or the parent's sentinel is ready (the pipe
    multiprocessing keeps to the parent is closed on POSIX; the parent's process handle is
    signalled on Windows).
    """
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    sentinel = parent.sentinel if parent is not None and parent.pid == parent_pid else None

    def watch() -> None:
        while True:
            if sentinel is not None:
                try:
                    if wait([sentinel], interval):
                        os._exit(1)
                except OSError:  # the sentinel itself is gone: the parent's pid still tells
                    time.sleep(interval)
            else:
                time.sleep(interval)
            if _parent_gone(parent_pid):
                os._exit(1)

    thread = threading.Thread(target=watch, name="briefkit-parent-watchdog", daemon=True)
    thread.start()
    return thread


def _stop_pool(pool) -> None:
    """Stop ``pool`` now: cancel what has not started, stop the workers mid-task, reap them."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except (OSError, ValueError):  # already gone, or already closed
            pass
    deadline = time.monotonic() + STOP_GRACE
    for process in processes:
        try:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(STOP_GRACE)
        except (OSError, ValueError):
            pass


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
    pool = _pool(min(jobs, len(chunks)))
    try:
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
    except BaseException:
        # Ctrl-C, SIGTERM (the command line raises it as an exception), a failed task, a bug:
        # leaving the pool's ``with`` would wait for every running task; stop the workers instead.
        _stop_pool(pool)
        raise
    pool.shutdown(wait=True)
    return _split(results, problems)


def _split(results: list, problems: list[Problem]):
    reports = []
    for per_input in results:
        for result in per_input:
            (problems if isinstance(result, Problem) else reports).append(result)
    return reports, problems


def _source(item) -> str:
    return getattr(item, "source", "")

