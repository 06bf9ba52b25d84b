"""`svdesk protocol check FILE`: validate a protocol file and print each problem with its path."""

from __future__ import annotations

import argparse

from svdesk.cli.content_check import check_content_file
from svdesk.content.protocol.loader import parse_protocol
from svdesk.content.protocol.model import Protocol

# The bundled protocol is about 40 KB; a file 50 times that is not a protocol.
MAX_PROTOCOL_BYTES = 2 * 1024 * 1024


def _summary(protocol: Protocol) -> str:
    return (
        f"{protocol.id} {protocol.version}, {len(protocol.steps)} steps, "
        f"{len(protocol.questions)} questions"
    )


def cmd_protocol_check(args: argparse.Namespace) -> int:
    """Print `FILE: PATH: problem` per problem (exit 2), or `ok: <id> <version>, …` (exit 0)."""
    return check_content_file(
        args.file,
        what="protocol file",
        limit=MAX_PROTOCOL_BYTES,
        parse=parse_protocol,
        summary=_summary,
    )
