"""`svdesk demo [--no-gui]`: create or reuse a demo unit store, print its sign-ins, run the GUI."""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from svdesk.cli.gui_cmds import launch_gui
from svdesk.demo import create_demo


def cmd_demo(args: argparse.Namespace) -> int:
    home: Path = args.home or Path(tempfile.mkdtemp(prefix="svdesk-demo-"))
    summary = create_demo(home)
    print(json.dumps(summary), flush=True)
    if args.no_gui:
        return 0
    return launch_gui(home, demo_banner="Demo store: synthetic data only")
