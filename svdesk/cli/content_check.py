"""What `protocol check` and `survey check` share: read a content file so that a FIFO or a
device is refused at once instead of blocking (issue 18), parse it, and print either one
`FILE: PATH: problem` line per problem on standard output (exit 2) or one `ok: ...` line
(exit 0) — the contract of `protocol check` in the CLI spec."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from svdesk.content.loading import ContentError, parse_toml
from svdesk.storage.inputs import read_regular_text

T = TypeVar("T")


def load_content_file(path: Path, *, what: str, limit: int, parse: Callable[[Any, str], T]) -> T:
    """The file parsed by `parse(data, source)`; ContentError for a file that cannot be read."""
    source = str(path)
    try:
        text = read_regular_text(path, what=what, limit=limit)
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(source, [("", f"cannot be read ({exc})")]) from None
    return parse(parse_toml(text, source), source)


def check_content_file(
    path: Path,
    *,
    what: str,
    limit: int,
    parse: Callable[[Any, str], T],
    summary: Callable[[T], str],
) -> int:
    try:
        loaded = load_content_file(path, what=what, limit=limit, parse=parse)
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
    print(f"ok: {summary(loaded)}")
    return 0
