"""A bare PySide6 QMainWindow that prints `shown` once painted: the frozen baseline that
`benchmarks/run.py` compares the frozen svdesk start with (built by `scripts/build --with-bare`).
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1000, 700)
    window.show()
    while not window.isVisible():
        app.processEvents()
    app.processEvents()
    window.grab()  # forces a real paint of the whole window, as the svdesk probe does
    print("shown", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
