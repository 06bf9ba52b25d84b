"""One start of a window, timed by the parent (`benchmarks/run.py`): prints `shown` when painted.

python benchmarks/startup_probe.py bare            # a bare PySide6 QMainWindow
python benchmarks/startup_probe.py svdesk HOME     # svdesk up to its unlock screen
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _wait_painted(app: object, window: object) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(app, QApplication) and isinstance(window, QWidget)
    window.show()
    while not window.isVisible():
        app.processEvents()
    app.processEvents()
    window.grab()  # forces a real paint of the whole window


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication([])
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.resize(1000, 700)
        _wait_painted(app, window)
        print("shown", flush=True)
    elif mode == "svdesk":
        # The real start (`svdesk --home DIR`: command line, store opened, unlock screen), told
        # to exit once that screen is painted; run_gui prints `shown`.
        os.environ["SVDESK_EXIT_WHEN_SHOWN"] = "1"
        from svdesk_app.main import main as svdesk_main

        status = svdesk_main(["--home", str(Path(argv[1]))])
        if status:
            return int(status)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(f"peak_kib {_peak_kib()}", flush=True)
    return 0


def _peak_kib() -> int:
    """Peak resident memory of this process (measured here: a forked child's rusage would
    count the parent's pages copied before exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
