"""`svdesk` (no command) starts the GUI; `svdesk selftest` exercises Qt and a temporary store.

The GUI lives in the top-level `ui` package, imported only here and only at run time: the core
never imports Qt (a test enforces it).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from svdesk.errors import InvalidInput


def cmd_gui(args: argparse.Namespace) -> int:
    return launch_gui(args.home)


def launch_gui(home: Path, *, demo_banner: str | None = None) -> int:
    """Run the GUI on `home` until it closes (refused with a sentence when there is no screen)."""
    require_display()
    app = importlib.import_module("ui.runtime.app")  # the core never imports Qt statically
    status: int = (
        app.run_gui(home) if demo_banner is None else app.run_gui(home, demo_banner=demo_banner)
    )
    return status


def _headless() -> bool:
    if sys.platform in ("win32", "darwin"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def require_display() -> None:
    """Refuse with a plain sentence, instead of Qt aborting the process, when there is no screen.

    An explicit `QT_QPA_PLATFORM` (e.g. offscreen, vnc) is the user's choice and is respected.
    """
    if _headless() and not os.environ.get("QT_QPA_PLATFORM"):
        raise InvalidInput(
            "No display was found (DISPLAY and WAYLAND_DISPLAY are not set); run svdesk on the "
            "workstation's desktop, or use the command line (svdesk --help)."
        )


def cmd_selftest(args: argparse.Namespace) -> int:
    if _headless():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    selftest = importlib.import_module("ui.runtime.selftest")
    status: int = selftest.run()
    return status
