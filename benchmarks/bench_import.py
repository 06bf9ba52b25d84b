"""Coordinator import rate: 100 bundles × 2,000 encounters through `import_bundles` (decrypt,
verify, validate, store, summaries, audit) vs raw `executemany` of the same rows into the same
kind of encrypted store, one transaction per bundle on both sides (target: ≥ 0.5× raw). The
rows prepared for the baseline are hidden from the garbage collector while the import runs.
The CPU time of each side is printed too (the raw side spends part of its time waiting on the
disk; the import, on one thread, spends its time in Python and in the crypto).

    .venv/bin/python benchmarks/run.py --only import [--runs 5]
    SVDESK_BENCH_BUNDLES=20 ...      # a quicker, smaller run
"""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import coordinator_data as data
from run import Figure

from svdesk.exchange import fields

BUNDLES = int(os.environ.get("SVDESK_BENCH_BUNDLES", "100"))
PER_BUNDLE = 2000


def _insert_sql() -> str:
    cols = [*fields.ENCOUNTER_FIELD_NAMES, "workstation_id", "import_sequence", "period_month"]
    return (
        f"INSERT INTO coord_encounters ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    )


def bench_import(runs: int, tmp: Path) -> Iterator[Figure]:
    template, paths = data.prepared(tmp, bundles=BUNDLES, per_bundle=PER_BUNDLE)
    folder = template.parent
    first = data.unlock(template)
    rows = list(data.iter_rows(first, paths))
    data.close(first)
    total = sum(len(r) for r in rows)
    sql = _insert_sql()
    # The baseline's 200,000 prepared rows are millions of objects the cyclic garbage collector
    # would walk on every full collection during the import (7 of its 20 s): out of its sight.
    gc.collect()
    gc.freeze()
    import_s: list[float] = []
    raw_s: list[float] = []
    for i in range(runs):
        session = data.unlock(data.copy_store(template, folder / f"import{i}"))
        started, cpu = time.perf_counter(), time.process_time()
        summary = data.import_all(session, paths)
        import_s.append(time.perf_counter() - started)
        cpu = time.process_time() - cpu
        assert len(summary.imported) == len(paths), summary.to_json()
        data.close(session)

        session = data.unlock(data.copy_store(template, folder / f"raw{i}"))
        conn = session.store.conn
        started, raw_cpu = time.perf_counter(), time.process_time()
        for bundle_rows in rows:
            with session.store.transaction():
                conn.executemany(sql, bundle_rows)
        raw_s.append(time.perf_counter() - started)
        raw_cpu = time.process_time() - raw_cpu
        data.close(session)
        print(
            f"  import run {i + 1}: {import_s[-1]:.2f} s import ({cpu:.2f} s CPU), "
            f"{raw_s[-1]:.2f} s raw ({raw_cpu:.2f} s CPU)",
            file=sys.stderr,
        )
        shutil.rmtree(folder / f"import{i}")
        shutil.rmtree(folder / f"raw{i}")
    gc.unfreeze()
    rate = total / statistics.median(import_s)
    raw_rate = total / statistics.median(raw_s)
    yield Figure(
        f"import {BUNDLES}×{PER_BUNDLE} encounters",
        rate,
        "rec/s",
        raw_rate,
        "≥ 0.5× raw executemany",
        rate / raw_rate >= 0.5,
    )


BENCHMARKS = {"import": bench_import}
