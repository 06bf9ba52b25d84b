"""`svdesk` (no command) starts the GUI; `svdesk selftest` exercises Qt and a temporary store.

The GUI lives in the top-level `ui` package, imported only here and only at run time: the core
never imports Qt (a test enforces it).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys


def cmd_gui(args: argparse.Namespace) -> int:
    app = importlib.import_module("ui.app")
    status: int = app.run_gui(args.home)
    return status


def _headless() -> bool:
    if sys.platform in ("win32", "darwin"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_selftest(args: argparse.Namespace) -> int:
    if _headless():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    selftest = importlib.import_module("ui.selftest")
    status: int = selftest.run()
    return status
