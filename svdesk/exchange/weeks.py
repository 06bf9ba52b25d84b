"""ISO weeks, the only date form that leaves a workstation (`YYYY-Www`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from svdesk.errors import InvalidInput

_WEEK_RE: Final = re.compile(r"^(\d{4})-W(\d{2})$")


def iso_week(value: str | dt.date | dt.datetime) -> str:
    """`YYYY-Www` of a day or ISO timestamp (the only date form that leaves a workstation).

    A timestamp with a time zone counts on the day it is on this computer, as encounters are
    dated (their local day): otherwise an escalation raised on Monday morning east of UTC fell
    in the week before its encounter's, and around New Year in the year before (issue 18).
    """
    if isinstance(value, str):
        try:
            if len(value) > 10:
                value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            else:
                day = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise InvalidInput(f"{value!r} is not a date (expected YYYY-MM-DD).") from exc
    if isinstance(value, dt.datetime):
        day = value.astimezone().date() if value.tzinfo is not None else value.date()
    elif isinstance(value, dt.date):
        day = value
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def parse_week(text: str) -> tuple[int, int]:
    """(year, week) of `YYYY-Www`; `InvalidInput` if it is not a real ISO week."""
    m = _WEEK_RE.match(text)
    if m:
        year, week = int(m.group(1)), int(m.group(2))
        try:
            dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            pass
        else:
            return year, week
    raise InvalidInput(f"{text!r} is not an ISO week; write it as YYYY-Www, e.g. 2026-W07.")


def week_monday(text: str) -> dt.date:
    year, week = parse_week(text)
    return dt.date.fromisocalendar(year, week, 1)
