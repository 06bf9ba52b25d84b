"""The GUI stall figures of `benchmarks/gui_stall.py` (export, import, dashboard, PDF report on the
real screens, a 5 ms timer measuring the longest gap) in the benchmark table: the script is run
`--runs` times and each operation's longest gap is the median over the runs (target ≤ 50 ms).

    .venv/bin/python benchmarks/run.py --only gui_stall [--runs 5]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import Figure

SCRIPT = Path(__file__).resolve().parent / "gui_stall.py"


def _one_run() -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, env=env, check=True
    ).stdout
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("operation"))
    gaps: dict[str, float] = {}
    for line in lines[header + 1 :]:
        if not line.strip():
            break
        # name (may contain spaces), took ms, max gap ms, p99 ms, median ms
        parts = line.split()
        gaps[" ".join(parts[:-4])] = float(parts[-3])
    return gaps


def bench_gui_stall(runs: int, tmp: Path) -> Iterator[Figure]:
    worst: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs):
        for name, gap in _one_run().items():
            worst[name].append(gap)
    for name, gaps in worst.items():
        ms = statistics.median(gaps)
        yield Figure(f"longest GUI stall: {name}", ms, "ms", None, "≤ 50 ms", ms <= 50)


BENCHMARKS = {"gui_stall": bench_gui_stall}
