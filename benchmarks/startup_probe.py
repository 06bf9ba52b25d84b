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
    elif mode == "svdesk":
        from ui.app import create_application
        from ui.main_window import MainWindow

        app = create_application()
        window = MainWindow(Path(argv[1]))  # opens the store and shows the unlock screen
        _wait_painted(app, window)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print("shown", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
