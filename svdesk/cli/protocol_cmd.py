"""`svdesk protocol check FILE`: validate a protocol file and print each problem with its path."""

from __future__ import annotations

import argparse
import sys

from svdesk.content.loading import ContentError
from svdesk.content.protocol.loader import load_protocol


def cmd_protocol_check(args: argparse.Namespace) -> int:
    """Print `FILE: PATH: problem` per problem (exit 2), or `ok: <id> <version>, …` (exit 0)."""
    path = args.file
    try:
        protocol = load_protocol(path)
    except ContentError as exc:
        for where, problem in exc.problems:
            location = f"{exc.source}: {where}" if where else exc.source
            print(f"{location}: {problem}", file=sys.stdout)
        count = len(exc.problems)
        print(
            f"svdesk: {path} has {count} problem{'s' if count != 1 else ''}; "
            "correct the file and check it again.",
            file=sys.stderr,
        )
        return 2
    print(
        f"ok: {protocol.id} {protocol.version}, {len(protocol.steps)} steps, "
        f"{len(protocol.questions)} questions"
    )
    return 0
