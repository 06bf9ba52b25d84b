"""`svdesk directory open-now [--at YYYY-MM-DDTHH:MM]`: what in the directory is open (issue 15).

Prints `{"at": ..., "open": [{"code", "label", "phone", "until"}], "closed": [{"code", "label",
"opens"}]}`; times are ISO 8601 in the workstation's time zone with the UTC offset ("until" is
null for a service open around the clock, "opens" null for one that never opens). `--at` is a
wall-clock time in that zone. Entries whose hours are not set are in neither list.
"""

from __future__ import annotations

import argparse
import json

from svdesk.cli.common import close_session, open_session
from svdesk.errors import InvalidInput
from svdesk.unit.context import context_for
from svdesk.unit.opening import open_now, parse_local


def cmd_directory_open_now(args: argparse.Namespace) -> int:
    at_text: str | None = getattr(args, "at", None)
    at = parse_local(at_text) if at_text is not None else None  # bad --at: before the unlock
    session = open_session(args)
    try:
        if session.workstation.info.role != "unit":
            raise InvalidInput(
                "This is a coordinator store, which has no unit directory; run the command "
                "on a unit workstation's store (--home)."
            )
        result = open_now(context_for(session), at)
    finally:
        close_session(session)
    print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    return 0
