"""`svdesk protocol check FILE`: validate a protocol file and print each problem with its path."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from svdesk.content.loading import ContentError, parse_toml
from svdesk.content.protocol.loader import parse_protocol
from svdesk.content.protocol.model import Protocol
from svdesk.storage.inputs import read_regular_text

# The bundled protocol is about 40 KB; a file 50 times that is not a protocol.
MAX_PROTOCOL_BYTES = 2 * 1024 * 1024


def _load(path: Path) -> Protocol:
    """`load_protocol(path)`, reading the file so that a FIFO or a device is refused at once
    (InvalidInput) instead of blocking for good (issue 18)."""
    source = str(path)
    try:
        text = read_regular_text(path, what="protocol file", limit=MAX_PROTOCOL_BYTES)
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(source, [("", f"cannot be read ({exc})")]) from None
    return parse_protocol(parse_toml(text, source), source)


def cmd_protocol_check(args: argparse.Namespace) -> int:
    """Print `FILE: PATH: problem` per problem (exit 2), or `ok: <id> <version>, …` (exit 0)."""
    path = args.file
    try:
        protocol = _load(path)
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
