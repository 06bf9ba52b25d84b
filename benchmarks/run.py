"""svdesk benchmarks: one command, a table of figures with their targets.

    .venv/bin/python benchmarks/run.py [--runs 5] [--only NAME ...]

NAME: startup, unlock, frozen (needs `scripts/build --with-bare` first), and those registered by
`benchmarks/bench_*.py`: import, dashboard, gui_stall, guard, keystrokes. Each figure is the
median of `--runs` runs
(≥ 5; start-ups ≥ 15, alternating with their baseline); where a baseline exists it is measured
in the same run and the ratio is printed. Nothing here asserts: the targets are for people to
read (the README keeps the latest table).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PROBE = ROOT / "benchmarks" / "startup_probe.py"
CHILD_TIMEOUT_S = 60


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    baseline: float | None = None
    target: str = ""
    ok: bool | None = None

    @property
    def ratio(self) -> float | None:
        return None if not self.baseline else self.value / self.baseline


def _run_child(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds until the child printed `shown`, and its peak RSS in MiB (as the child
    reports it with `peak_kib N`, else from its rusage)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert proc.stdout is not None
    shown_at = None
    peak_kib = None
    watchdog = threading.Timer(CHILD_TIMEOUT_S, proc.kill)  # a child that never exits
    watchdog.start()
    for line in proc.stdout:
        if line.strip() == b"shown":
            shown_at = time.perf_counter() - started
        elif line.startswith(b"peak_kib "):
            peak_kib = int(line.split()[1])
    _, status, usage = os.wait4(proc.pid, 0)
    watchdog.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or shown_at is None:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise RuntimeError(f"{cmd} failed ({proc.returncode}): {err[-2000:]}")
    return shown_at, (peak_kib or usage.ru_maxrss) / 1024  # Linux: KiB


# A start takes ~0.1 s: start-up figures take at least this many runs of each side.
MIN_START_RUNS = 15


def _paired_children(
    base: tuple[list[str], dict[str, str]], app: tuple[list[str], dict[str, str]], runs: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Medians (seconds to `shown`, peak MiB) of the baseline and of the app, started in turn
    (base, app, base, app, ...) so that a drift of the machine's speed during the run (other
    load, clock changes) weighs on both sides alike instead of on the ratio."""
    for cmd, env in (base, app):
        _run_child(cmd, env)  # warm the file cache: both sides measured warm
    pairs = [(_run_child(*base), _run_child(*app)) for _ in range(max(runs, MIN_START_RUNS))]

    def medians(side: int) -> tuple[float, float]:
        return (
            statistics.median(p[side][0] for p in pairs),
            statistics.median(p[side][1] for p in pairs),
        )

    return medians(0), medians(1)


def _demo_home(tmp: Path) -> Path:
    from svdesk.demo import create_demo

    home = tmp / "demo"
    create_demo(home)
    return home


def _installed_env(tmp: Path) -> dict[str, str]:
    """Children run as an installed app does: with compiled bytecode. Without this, a
    PYTHONDONTWRITEBYTECODE=1 environment makes svdesk compile every module of its own at
    each start, while PySide6's bytecode was compiled when it was installed."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def bench_startup(runs: int, tmp: Path) -> Iterator[Figure]:
    env = _installed_env(tmp)
    home = _demo_home(tmp)
    (bare_t, bare_m), (app_t, app_m) = _paired_children(
        ([sys.executable, str(PROBE), "bare"], env),
        ([sys.executable, str(PROBE), "svdesk", str(home)], env),
        runs,
    )
    yield Figure(
        "start to unlock screen",
        app_t * 1000,
        "ms",
        bare_t * 1000,
        "≤ 1.5× bare",
        app_t / bare_t <= 1.5,
    )
    yield Figure(
        "peak memory at unlock screen", app_m, "MiB", bare_m, "≤ 1.5× bare", app_m / bare_m <= 1.5
    )


def bench_frozen(runs: int, tmp: Path) -> Iterator[Figure]:
    app = ROOT / "dist" / "svdesk" / "svdesk"
    bare = ROOT / "dist" / "bare_window" / "bare_window"
    if not app.exists() or not bare.exists():
        print("frozen: build first with scripts/build --with-bare", file=sys.stderr)
        return
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    home = _demo_home(tmp)
    # the real GUI start (`svdesk --home DIR`), told to exit once its unlock screen is painted
    app_env = {**env, "SVDESK_EXIT_WHEN_SHOWN": "1"}
    (bare_t, _), (app_t, _) = _paired_children(
        ([str(bare)], env), ([str(app), "--home", str(home)], app_env), runs
    )
    yield Figure(
        "frozen start to unlock screen",
        app_t * 1000,
        "ms",
        bare_t * 1000,
        "≤ 1.5× frozen bare",
        app_t / bare_t <= 1.5,
    )
    # what is on disk: PyInstaller links duplicate libraries, so symlinks are not counted twice
    files = (ROOT / "dist" / "svdesk").rglob("*")
    size = sum(f.lstat().st_size for f in files if f.is_file() and not f.is_symlink())
    yield Figure("onedir size", size / 1e6, "MB", None, "≤ 160 MB", size <= 160e6)


def bench_unlock(runs: int, tmp: Path) -> Iterator[Figure]:
    os.environ.pop("SVDESK_KDF_PROFILE", None)  # the real key derivation
    from svdesk.access.workstation import Workstation

    home = tmp / "unlock"
    session, _ = Workstation.create(
        home,
        role="unit",
        site="B",
        unit="U",
        admin_name="Bench",
        passphrase="benchmark passphrase",
        secrets=None,
        passphrase_only=True,
    )
    session.lock()
    workstation = session.workstation
    who = workstation.supporters()[0]
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        workstation.unlock(who.id, "benchmark passphrase").lock()
        samples.append(time.perf_counter() - started)
    workstation.close()
    yield Figure(
        "unlock (Argon2id + open + checks)", statistics.median(samples) * 1000, "ms", None, "report"
    )
    # The first unlock after a start also imports what the unlock screen deferred (sqlite-utils,
    # cryptography, argon2): measured in a fresh process each time, as a user meets it.
    env = _installed_env(tmp)
    child = [sys.executable, "-c", _FIRST_UNLOCK, str(home), who.id]
    subprocess.run(child, env=env, check=True, capture_output=True)  # compile bytecode once
    firsts = [
        float(subprocess.run(child, env=env, check=True, capture_output=True, text=True).stdout)
        for _ in range(runs)
    ]
    yield Figure(
        "first unlock after start (+ deferred imports)",
        statistics.median(firsts) * 1000,
        "ms",
        None,
        "report",
    )


_FIRST_UNLOCK = """
import sys, time
from pathlib import Path
from svdesk.access.workstation import Workstation
ws = Workstation.open(Path(sys.argv[1]), None)
started = time.perf_counter()
ws.unlock(sys.argv[2], "benchmark passphrase").lock()
print(time.perf_counter() - started)
ws.close()
"""


BENCHMARKS: dict[str, Callable[[int, Path], Iterator[Figure]]] = {
    "startup": bench_startup,
    "unlock": bench_unlock,
    "frozen": bench_frozen,
}


def _extra_benchmarks() -> None:
    """Benchmarks of other areas register themselves in modules named `bench_*.py` here."""
    import importlib.util

    for path in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # as an import would: dataclasses look their module up
        spec.loader.exec_module(module)
        BENCHMARKS.update(getattr(module, "BENCHMARKS", {}))


def print_table(figures: list[Figure]) -> None:
    print(f"{'figure':44} {'value':>12} {'baseline':>12} {'ratio':>7}  target")
    for f in figures:
        base = f"{f.baseline:10.1f} {f.unit}" if f.baseline else ""
        ratio = f"{f.ratio:6.2f}×" if f.ratio is not None else ""
        verdict = {True: "met", False: "MISSED", None: ""}[f.ok]
        print(f"{f.name:44} {f.value:8.1f} {f.unit:>3} {base:>12} {ratio:>7}  {f.target} {verdict}")


def main(argv: list[str] | None = None) -> int:
    _extra_benchmarks()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS))
    args = parser.parse_args(argv)
    runs = max(5, args.runs)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="svdesk-bench-") as tmp:
        for name in args.only or list(BENCHMARKS):
            print(f"… {name}", file=sys.stderr, flush=True)
            figures.extend(BENCHMARKS[name](runs, Path(tmp)))
    print_table(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
