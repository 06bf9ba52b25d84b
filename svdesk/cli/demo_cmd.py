"""`svdesk demo [--no-gui]`: create or reuse a demo unit store and print its sign-ins. The core has
no GUI, so here it needs --no-gui; svdesk_app's `demo` then starts the GUI on the store."""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from svdesk.demo import create_demo
from svdesk.errors import InvalidInput


def create_and_print(args: argparse.Namespace) -> Path:
    """Create (or reuse) the demo store in `--home` (default: a new temporary folder), print its
    summary; the folder."""
    home: Path = args.home or Path(tempfile.mkdtemp(prefix="svdesk-demo-"))
    summary = create_demo(home)
    print(json.dumps(summary), flush=True)
    return home


def cmd_demo(args: argparse.Namespace) -> int:
    if not args.no_gui:
        raise InvalidInput(
            "The core's command line has no GUI: add --no-gui to only create the demo store, or "
            "run `svdesk demo` (the installed app) to use it in the GUI."
        )
    create_and_print(args)
    return 0
