"""Time and peak memory of `briefkit build` on the worst shapes of issue 17, against input size.

    .venv/bin/python benchmarks/hostile.py --sizes 0.5,1,2 [--shapes words,nospace,dots,stars]

Each shape is generated at each size (MB) in a temporary folder and built once, with the cache off,
in a child process; the table (Markdown, for docs/benchmarks.md) gives the wall-clock seconds and
the child's peak resident memory. Linear behaviour: doubling the size doubles the time at most.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from hostile_files import shape  # noqa: E402 - the shapes the tests use


def run(name: str, megabytes: float, timeout: float) -> tuple[float | None, float | None, str]:
    size = int(megabytes * 1024 * 1024)
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "in"
        inputs.mkdir()
        filename, data = shape(name, size)
        (inputs / filename).write_bytes(data)
        command = [sys.executable, "-m", "briefkit", "build", str(inputs), "-o", str(Path(folder) / "b.pdf"),
                   "--no-cache", "--jobs", "1"]
        env = {**os.environ, "BRIEFKIT_CACHE_DIR": str(Path(folder) / "cache")}
        start = time.monotonic()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                child.kill()
                os.wait4(child.pid, 0)
                return None, None, f"killed after {timeout:g} s"
            time.sleep(0.05)
        elapsed = time.monotonic() - start
        code = os.waitstatus_to_exitcode(status)
        return elapsed, usage.ru_maxrss / 1024, f"exit {code}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.5,1,2", help="input sizes in MB, separated by commas")
    parser.add_argument("--shapes", default="words,nospace,dots,stars")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    print("| shape | size | time (s) | peak memory (MB) | result |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name in args.shapes.split(","):
        for megabytes in (float(s) for s in args.sizes.split(",")):
            elapsed, peak, result = run(name, megabytes, args.timeout)
            print(f"| {name} | {megabytes:g} MB | {elapsed:.1f} | {peak:.0f} | {result} |" if elapsed is not None
                  else f"| {name} | {megabytes:g} MB | - | - | {result} |", flush=True)


if __name__ == "__main__":
    main()
