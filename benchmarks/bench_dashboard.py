"""Dashboard figures over 200,000 encounters (100 imported bundles × 2,000): the time of
`svdesk.coordinator.dashboard.dashboard_figures` for all time, one year and one unit
(target: ≤ 100 ms).

    .venv/bin/python benchmarks/run.py --only dashboard [--runs 5]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_import
import coordinator_data as data
from run import Figure

from svdesk.coordinator.dashboard import dashboard_figures


def bench_dashboard(runs: int, tmp: Path) -> Iterator[Figure]:
    template, paths = data.prepared(
        tmp, bundles=bench_import.BUNDLES, per_bundle=bench_import.PER_BUNDLE
    )
    session = data.unlock(data.copy_store(template, template.parent / "dashboard"))
    print(f"  dashboard: importing {len(paths)} bundles", file=sys.stderr)
    data.import_all(session, paths)
    count = session.db.execute("SELECT count(*) FROM coord_encounters").fetchone()[0]
    views = {
        "all time": {},
        "one year": {"period_from": "2025-W01", "period_to": "2025-W52"},
        "one unit": {"unit": "ICU"},
    }
    try:
        for label, kwargs in views.items():
            dashboard_figures(session, **kwargs)  # warm: the page cache, as on screen
            samples = []
            for _ in range(runs):
                started = time.perf_counter()
                dashboard_figures(session, **kwargs)
                samples.append(time.perf_counter() - started)
            ms = statistics.median(samples) * 1000
            yield Figure(
                f"dashboard, {label} ({count:,} encounters)", ms, "ms", None, "≤ 100 ms", ms <= 100
            )
    finally:
        data.close(session)


BENCHMARKS = {"dashboard": bench_dashboard}
