"""`svdesk guard check [TEXT]`: run the identifier guard and print its JSON (cli.md).

`--explain` adds to each finding the "message" and "advice" of svdesk.unit.guard.EXPLANATIONS
(the texts the note editor shows); without it the output is exactly the cli.md contract.
Exit status 0 whatever the verdict (the check itself succeeded); 2 when the input cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys

from svdesk.errors import InvalidInput
from svdesk.unit.guard import check

# The longest text `guard check` takes: far more than any note (MAX_NOTE_CHARS), and small enough
# that checking it stays within ~100 MB (10 MB of input used to take 1.3 GB; issue 18, item 5).
MAX_INPUT_CHARS = 100_000


def _too_long(length: int) -> InvalidInput:
    return InvalidInput(
        f"The text is longer than {MAX_INPUT_CHARS:,} characters ({length:,} or more); the guard "
        "checks notes — split the text and check each part."
    )


def _read_stdin() -> str:
    stream = getattr(sys.stdin, "buffer", None)
    try:
        # UTF-8 takes at most 4 bytes a character: one byte more than that is surely too long.
        raw: str | bytes = (
            stream.read(4 * MAX_INPUT_CHARS + 1)
            if stream is not None
            else sys.stdin.read(MAX_INPUT_CHARS + 1)
        )
    except (OSError, ValueError) as exc:
        raise InvalidInput(
            "Could not read the text from standard input; pass it as an argument instead."
        ) from exc
    if isinstance(raw, str):
        return raw
    if len(raw) > 4 * MAX_INPUT_CHARS:
        raise _too_long(len(raw))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"Standard input is not UTF-8 text (bad byte at position {exc.start}); "
            "save it as UTF-8 and try again."
        ) from exc


def cmd_guard_check(args: argparse.Namespace) -> int:
    text: str | None = getattr(args, "text", None)
    if text is None:
        text = _read_stdin()
    if len(text) > MAX_INPUT_CHARS:
        raise _too_long(len(text))
    result = check(text)
    # ensure_ascii keeps the output printable on any console; the JSON carries no note text.
    print(
        json.dumps(result.to_json(explain=bool(getattr(args, "explain", False))), ensure_ascii=True)
    )
    return 0
