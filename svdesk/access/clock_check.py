"""The clock check at unlock (issue 18, item 2): a clock that stepped back, or one far ahead,
is said plainly instead of silently making emergencies "not overdue" or records look old.

The last recorded time is the newest entry of the store's audit log (every unlock, save and
export writes one). A clock more than `BEHIND` before it, or more than `AHEAD` after it, gives a
warning; the unlock goes on (a wrong clock must not lock people out), and the warning is audited.

A clock that was far ahead leaves entries stamped in the future. Once it is set right, those
entries would make every unlock say "your clock is behind" for up to a year, which is wrong
advice. So entries written from the first `clock_suspect` that is itself in the future onwards
do not count as the last recorded time; instead the first unlock with the right clock says once
that records made meanwhile carry future times (`check_at_unlock`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any, Final, NamedTuple

# Clocks drift and get corrected by a few minutes; more than this backwards is a step.
BEHIND: Final = timedelta(minutes=10)
# A store left unused for longer than this is rare; a clock a year ahead is the usual cause.
AHEAD: Final = timedelta(days=180)


def now() -> datetime:
    return datetime.now(UTC)


def _parse(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def last_recorded(conn: Any, before_seq: int | None = None) -> datetime | None:
    """The newest time the audit log holds (None for an empty or unreadable one), counting only
    entries before `before_seq` when given."""
    if before_seq is None:
        row = conn.execute("SELECT max(at) FROM audit").fetchone()
    else:
        row = conn.execute("SELECT max(at) FROM audit WHERE seq < ?", [before_seq]).fetchone()
    return None if row is None else _parse(row[0])


class ClockCheck(NamedTuple):
    warning: str | None
    kind: str | None  # "behind", "ahead", "future_records" (audited with the warning)


def _future_suspect(conn: Any, current: datetime) -> int | None:
    """The seq of the first clock warning stamped later than `current`: one given while the
    clock was ahead (a warning for a clock behind is stamped in the past)."""
    for seq, at in conn.execute(
        "SELECT seq, at FROM audit WHERE action = 'clock_suspect' ORDER BY seq"
    ):
        when = _parse(at)
        if when is not None and when > current + BEHIND:
            return int(seq)
    return None


def _noted_since(conn: Any, seq: int) -> bool:
    """Whether the future records were already reported after entry `seq`."""
    for (detail,) in conn.execute(
        "SELECT detail FROM audit WHERE action = 'clock_suspect' AND seq > ?", [seq]
    ):
        try:
            if json.loads(detail).get("kind") == "future_records":
                return True
        except (TypeError, ValueError, AttributeError):
            continue
    return False


def check_at_unlock(conn: Any, current: datetime) -> ClockCheck:
    """The warning to show at this unlock, and its kind (None, None when the clock looks
    right and nothing is to be reported)."""
    last = last_recorded(conn)
    if last is not None and current < last - BEHIND:
        suspect = _future_suspect(conn, current)
        if suspect is not None:
            trusted = last_recorded(conn, before_seq=suspect)
            if trusted is None or current >= trusted - BEHIND:
                # The clock is right again; the future stamps came from the clock that was ahead.
                if _noted_since(conn, suspect):
                    return ClockCheck(None, None)
                return ClockCheck(future_records_warning(last), "future_records")
            last = trusted
        warning = clock_warning(last, current)
        return ClockCheck(warning, "behind" if warning else None)
    warning = clock_warning(last, current)
    return ClockCheck(warning, "ahead" if warning else None)


def future_records_warning(latest: datetime) -> str:
    stamp = latest.strftime("%Y-%m-%d %H:%M UTC")
    return (
        "This computer's clock looks right again, but while it was ahead svdesk recorded times "
        f"as late as {stamp}. Check the due times of escalations recorded in that period: they "
        "are later than they should be, so an overdue one may not show as overdue."
    )


def clock_warning(last: datetime | None, current: datetime) -> str | None:
    """The warning to show at unlock, or None when the clock looks right."""
    if last is None:
        return None
    shown = current.strftime("%Y-%m-%d %H:%M UTC")
    recorded = last.strftime("%Y-%m-%d %H:%M UTC")
    if current < last - BEHIND:
        return (
            f"This computer's clock ({shown}) is behind the last time recorded in this store "
            f"({recorded}). Set the correct date and time before recording anything: due times "
            "and overdue emergencies depend on it."
        )
    if current > last + AHEAD:
        return (
            f"This computer's clock ({shown}) is more than {AHEAD.days} days after the last time "
            f"recorded in this store ({recorded}). If the date is wrong, set it before recording "
            "anything: emergencies would otherwise not show as overdue."
        )
    return None
