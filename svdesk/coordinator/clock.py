"""The coordinator tables' clock: the time now in UTC, and the form it is stored in."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)


def stamp(when: datetime) -> str:
    """`when` in UTC to the second, as the coordinator tables store times."""
    return when.astimezone(UTC).isoformat(timespec="seconds")
