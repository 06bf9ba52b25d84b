"""Identifier guard speed: a 280-character note checks in <= 5 ms (median); typing a note, each
keystroke's check; the name and place resources load in <= 150 ms and <= 30 MB (a fresh process
each run).

    .venv/bin/python benchmarks/run.py --only guard [--runs 5]

Notes are 280-character notes built from the v2 evaluation set's tuning part (its notes joined
until 280 characters), each checked once, so the typo look-up's cache does not flatter the
figure; the keystroke figure types 20 of them character by character, as the note editor does.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import ROOT, Figure

TUNE = ROOT / "tests" / "data" / "guard_eval_v2_tune.jsonl"

# Time first (untraced), then the memory the loaded lists hold (tracemalloc: Python objects,
# which is what the lists are), in the same fresh process.
_LOAD_PROBE = """
import sys, time, tracemalloc
sys.path.insert(0, {root!r})
started = time.perf_counter()
from svdesk.unit import guard
from svdesk.unit.guard import lexicon, phrases, places
imported = time.perf_counter()
lexicon._name_data()
places._places()
phrases.phrase_words()
loaded = time.perf_counter()
lexicon._name_data.cache_clear()
places._places.cache_clear()
phrases.phrase_words.cache_clear()
tracemalloc.start()
data = lexicon._name_data(), places._places(), phrases.phrase_words()
held = tracemalloc.get_traced_memory()[0]
print(imported - started, loaded - imported, held / 1e6)
"""


def _notes_280(count: int) -> list[str]:
    texts = [json.loads(line)["text"] for line in TUNE.read_text("utf-8").splitlines()[1:]]
    out: list[str] = []
    i = 0
    while len(out) < count:
        note = ""
        while len(note) < 280:
            note = (note + " " + texts[i % len(texts)]).strip()
            i += 1
        out.append(note[:280])
    return out


def bench_guard(runs: int, tmp: Path) -> Iterator[Figure]:
    from svdesk.unit.guard import IdentifierGuard
    from svdesk.unit.guard.lexicon import _name_data

    imports: list[float] = []
    loads: list[float] = []
    mbs: list[float] = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD_PROBE.format(root=str(ROOT))],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout.split()
        imports.append(float(out[0]))
        loads.append(float(out[1]))
        mbs.append(float(out[2]))
    load_ms = statistics.median(loads) * 1000
    load_mb = statistics.median(mbs)
    yield Figure("guard: module import (patterns)", statistics.median(imports) * 1000, "ms")
    yield Figure("guard: name resources load", load_ms, "ms", target="≤ 150 ms", ok=load_ms <= 150)
    yield Figure("guard: name resources memory", load_mb, "MB", target="≤ 30 MB", ok=load_mb <= 30)

    _name_data()
    guard = IdentifierGuard()
    notes = _notes_280(400 * max(1, runs // 5))
    times: list[float] = []
    for note in notes:
        started = time.perf_counter()
        guard.check(note)
        times.append(time.perf_counter() - started)
    times.sort()
    median_ms = statistics.median(times) * 1000
    yield Figure(
        "guard: check a 280-char note (median)", median_ms, "ms", target="≤ 5 ms", ok=median_ms <= 5
    )
    yield Figure(
        "guard: check a 280-char note (95th pct)", times[int(len(times) * 0.95)] * 1000, "ms"
    )
    yield Figure("guard: check a 280-char note (worst)", times[-1] * 1000, "ms")

    keys: list[float] = []
    for note in _notes_280(420)[400:420]:
        for end in range(1, len(note) + 1):
            started = time.perf_counter()
            guard.check(note[:end])
            keys.append(time.perf_counter() - started)
    keys.sort()
    yield Figure("guard: one keystroke while typing (median)", statistics.median(keys) * 1000, "ms")
    yield Figure("guard: one keystroke while typing (worst)", keys[-1] * 1000, "ms")


BENCHMARKS = {"guard": bench_guard}
