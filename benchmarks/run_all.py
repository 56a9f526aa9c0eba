"""Every benchmark of issue 4, one after the other; markdown on stdout (see docs/benchmarks.md).

    make benchmarks        or        .venv/bin/python benchmarks/run_all.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in ("bench_summarisers.py", "bench_scale.py", "bench_batch.py"):
    print(f"\n### {script}\n", flush=True)
    subprocess.run([sys.executable, str(HERE / script)], check=True)
