"""The clock check at unlock (issue 18, item 2): a clock that stepped back, or one far ahead,
is said plainly instead of silently making emergencies "not overdue" or records look old.

The last recorded time is the newest entry of the store's audit log (every unlock, save and
export writes one). A clock more than `BEHIND` before it, or more than `AHEAD` after it, gives a
warning; the unlock goes on (a wrong clock must not lock people out), and the warning is audited.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, Final

# Clocks drift and get corrected by a few minutes; more than this backwards is a step.
BEHIND: Final = timedelta(minutes=10)
# A store left unused for longer than this is rare; a clock a year ahead is the usual cause.
AHEAD: Final = timedelta(days=180)


def now() -> datetime:
    return datetime.now(UTC)


def last_recorded(conn: Any) -> datetime | None:
    """The newest time the audit log holds (None for an empty or unreadable one)."""
    row = conn.execute("SELECT max(at) FROM audit").fetchone()
    if row is None or not isinstance(row[0], str):
        return None
    try:
        when = datetime.fromisoformat(row[0].replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


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
