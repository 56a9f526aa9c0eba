"""A killed build leaves no worker process behind (issue 19).

The build tests run the real ``briefkit build -j 2`` in a subprocess on a folder big enough to
keep two workers busy for a minute, wait until the workers exist, then SIGKILL or SIGTERM the
main process only (as a CI runner does) and check that every process of the build is gone
within a few seconds, the previous report is untouched and no temporary file is left.
Processes are found through /proc (Linux only). Every wait is bounded, and whatever survives a
failing test is killed in its ``finally``.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from briefkit.cli import Terminated, sigterm_raises
from briefkit.config import Settings
from briefkit.run import parallel

from helpers import SEEDS

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux") or not os.path.isdir("/proc/self/task"),
                                reason="finds processes through Linux's /proc")

ARTICLES = 300  # about 35 s of work for two workers: the build is always killed mid-analysis
PREVIOUS = b"%PDF-1.7\n% yesterday's report, which a killed build must leave as it is\n" + bytes(range(256)) * 4
GONE_WITHIN = 10.0  # seconds; the workers are gone in well under one (PDEATHSIG, the watchdog)


def write_articles(folder: Path, count: int) -> Path:
    """``count`` short articles, each a different draw of the seeds' sentences."""
    text = "\n".join((SEEDS / name).read_text(encoding="utf-8")
                     for name in ("russian-troops-arrive-in-belarus.txt", "nodejs-security-policy.md"))
    text = re.sub(r"[#*`>\[\]()|]", " ", text)
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 40 < len(s.strip()) < 300]
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        rng = random.Random(index)
        picked = rng.sample(sentences, 14)
        body = (" ".join(picked[:7]) + "\n\n" + " ".join(picked[7:])
                + f" Note {index} was filed on day {rng.randint(1, 28)} by desk {rng.choice('ABCDEFG')}.")
        (folder / f"article-{index:03d}.txt").write_text(f"Briefing note {index}\n\n{body}\n", encoding="utf-8")
    return folder


def _stat(pid: int) -> list[str] | None:
    """/proc/<pid>/stat's fields after the command name (state, ppid, ...), or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def children(pid: int) -> dict[int, str]:
    """The live children of ``pid``, each with its start time (so a reused pid is not mistaken for it)."""
    found = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            fields = _stat(int(name))
            if fields and fields[1] == str(pid) and fields[0] != "Z":
                found[int(name)] = fields[19]
    return found


def alive(pid: int, started: str) -> bool:
    """``pid`` still runs as the same process (a zombie has stopped running; only its exit status is left)."""
    fields = _stat(pid)
    return bool(fields) and fields[0] != "Z" and fields[19] == started


def wait_until_gone(processes: dict[int, str], timeout: float = GONE_WITHIN) -> float:
    start = time.monotonic()
    while any(alive(pid, started) for pid, started in processes.items()):
        if time.monotonic() - start > timeout:
            survivors = [pid for pid, started in processes.items() if alive(pid, started)]
            pytest.fail(f"worker processes {survivors} outlived their build by {timeout:.0f} s")
        time.sleep(0.02)
    return time.monotonic() - start


def kill_survivors(process: subprocess.Popen, processes: dict[int, str]) -> None:
    if process.poll() is None:
        process.kill()
    for pid, started in processes.items():
        if alive(pid, started):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    try:
        process.communicate(timeout=10)
    except (subprocess.TimeoutExpired, ValueError):
        pass


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    return write_articles(tmp_path_factory.mktemp("articles"), ARTICLES)


@linux_only
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_build_leaves_no_worker_behind(tmp_path, articles, sig):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "b.pdf"
    out.write_bytes(PREVIOUS)
    process = subprocess.Popen([sys.executable, "-m", "briefkit", "build", str(articles), "-o", str(out),
                                "-j", "2", "--no-cache"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    workers: dict[int, str] = {}
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the build never started its two workers"
            time.sleep(0.05)
            workers = children(process.pid)
        assert len(workers) == 2
        time.sleep(1.0)  # the workers are at work
        assert process.poll() is None, "the build ended before it could be killed: give it more articles"
        killed = time.monotonic()
        os.kill(process.pid, sig)  # the main process only, as a CI runner's timeout does
        _, stderr = process.communicate(timeout=GONE_WITHIN)  # EOF: the workers closed stderr too
        wait_until_gone(workers)
        print(f"{sig.name}: the build and its workers gone {time.monotonic() - killed:.3f} s after the signal")
        if sig == signal.SIGTERM:
            assert process.returncode == 143
            assert stderr.decode().splitlines() == ["briefkit: terminated"]
        else:
            assert process.returncode == -signal.SIGKILL
        assert out.read_bytes() == PREVIOUS
        assert sorted(p.name for p in out_dir.iterdir()) == ["b.pdf"]  # no .b.pdf.*.part
    finally:
        kill_survivors(process, workers)


WATCHED = textwrap.dedent('''
    import multiprocessing, os, sys, time
    from briefkit.run import parallel

    def worker(parent_pid, by):
        if by == "sentinel":  # as on Windows, where an orphan's parent pid does not change
            parallel._parent_gone = lambda pid: False
        parallel._watch_parent(parent_pid, interval=0.1)
        time.sleep(120)

    by = sys.argv[1]
    child = multiprocessing.get_context("fork").Process(target=worker, args=(os.getpid(), by))
    child.start()
    print(child.pid, flush=True)
    time.sleep(120)
''')


@linux_only
@pytest.mark.parametrize("by", ["parent-pid", "sentinel"])
def test_the_watchdog_ends_a_worker_whose_parent_died(tmp_path, by):
    """Without PDEATHSIG (the other platforms), the watchdog alone ends an orphaned worker."""
    script = tmp_path / "watched.py"
    script.write_text(WATCHED, encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(script), by], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    workers: dict[int, str] = {}
    try:
        pid = int(process.stdout.readline() or 0)
        assert pid, process.communicate(timeout=10)
        workers = {pid: _stat(pid)[19]}
        time.sleep(0.5)  # the watchdog is watching
        assert alive(pid, workers[pid])  # a living parent is left alone
        process.kill()
        process.wait(timeout=10)
        assert wait_until_gone(workers, timeout=5) < 5
    finally:
        kill_survivors(process, workers)


def test_an_exception_in_the_parent_stops_the_workers_at_once(tmp_path, monkeypatch):
    """Whatever stops collect_parallel (Ctrl-C, SIGTERM, a bug) stops the pool without waiting for its tasks."""
    folder = write_articles(tmp_path / "articles", 48)
    pools = []
    real_pool = parallel._pool
    monkeypatch.setattr(parallel, "_pool", lambda jobs: pools.append(real_pool(jobs)) or pools[-1])
    monkeypatch.setattr(parallel, "CHUNK_LIMIT", 1)

    processes = []

    def progress(stage, source):
        processes.extend(pools[0]._processes.values())  # shutdown forgets them
        raise Terminated()

    settings = Settings(output="b.pdf")
    handler = signal.getsignal(signal.SIGTERM)
    start = time.monotonic()
    with pytest.raises(Terminated):
        parallel.collect_parallel([str(folder)], settings.load_options(), settings.analysis_options(), False, 2,
                                  progress=progress)
    assert len(pools) == 1 and len(processes) == 2
    assert not any(p.is_alive() for p in processes)
    assert time.monotonic() - start < 30  # the other 47 documents were not analysed first
    assert signal.getsignal(signal.SIGTERM) == handler  # the library leaves its caller's handlers alone


def test_sigterm_raises_only_inside_and_the_handler_comes_back():
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Terminated):
        with sigterm_raises():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the handler raises before this ends
    assert signal.getsignal(signal.SIGTERM) == before
