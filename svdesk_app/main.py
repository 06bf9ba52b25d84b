"""The `svdesk` program (console script and frozen app): the core's command line plus what needs
Qt, added through `svdesk.cli.Extension` — the GUI (no command), `selftest`, the GUI after `demo`,
and `report --format pdf` (contract: cli.md).

Each of these handlers imports what it runs when it runs: the other commands (`svdesk check`,
`svdesk guard check`, ...) never load Qt or the GUI, and the GUI start loads no command's code.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from svdesk import cli
from svdesk.errors import InvalidInput

DEMO_BANNER = "Demo store: synthetic data only"


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


def launch_gui(home: Path, *, demo_banner: str | None = None) -> int:
    """Run the GUI on `home` until it closes (refused with a sentence when there is no screen)."""
    require_display()
    from ui.runtime.app import run_gui  # noqa: PLC0415 (see the module docstring)

    return run_gui(home, demo_banner=demo_banner)


def cmd_gui(args: argparse.Namespace) -> int:
    """`svdesk` (no command): the GUI."""
    return launch_gui(args.home)


def cmd_demo(args: argparse.Namespace) -> int:
    """`svdesk demo [--no-gui]`: the core's demo store, then the GUI on it."""
    from svdesk.cli.demo_cmd import create_and_print  # noqa: PLC0415 (loads the store)

    home = create_and_print(args)
    return 0 if args.no_gui else launch_gui(home, demo_banner=DEMO_BANNER)


def cmd_selftest(args: argparse.Namespace) -> int:
    """`svdesk selftest`: Qt (offscreen without a display) and a temporary store, end to end."""
    if _headless():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.runtime import selftest  # noqa: PLC0415 (see the module docstring)

    return selftest.run()


def cmd_report(args: argparse.Namespace) -> int:
    """`svdesk report`: the core's, with the GUI's PDF writer for `--format pdf`."""
    from svdesk.cli.bundle_cmds import cmd_report as write  # noqa: PLC0415 (loads the store)

    if args.format != "pdf":
        return write(args)
    from ui.coordinator.report_pdf import write_pdf_report  # noqa: PLC0415

    return write(args, pdf_writer=write_pdf_report)


def add_qt_commands(command_line: cli.CommandLine) -> None:
    """The `svdesk.cli.Extension` of the program: the commands and handlers that need Qt."""
    command_line.handlers["gui"] = cmd_gui
    command_line.handlers["demo"] = cmd_demo
    command_line.add_command(
        "selftest", "exercise Qt and a temporary store end to end", cmd_selftest
    )
    command_line.report_formats.insert(0, "pdf")
    command_line.handlers["report"] = cmd_report


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, extensions=[add_qt_commands])
