"""On-call time on the wall clock (issue 15, item 2), with no store: the spans an admin types
for an exception, a weekly pattern as spans, one supporter's on-call time (weekly shifts plus
extra shifts minus time off), and a wall-clock time placed in the zone across DST.

Spans are naive wall-clock times in the workstation's zone, the end exclusive, as the opening
hours of `svdesk.content.hours` are read: a shift 08:00-20:00 is 08:00-20:00 on the clock on the
days the clocks change too. Only the answer is placed in the zone (`instant`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Final

from svdesk.content.hours import WEEK_MINUTES, parse_hours
from svdesk.errors import InvalidInput

__all__ = [
    "EXCEPTION_DAYS_MAX",
    "OnCallPlan",
    "Span",
    "describe_span",
    "double_booking",
    "exception_span",
    "instant",
    "wall_name",
    "wall_of",
    "weekly_runs",
]

EXCEPTION_DAYS_MAX: Final = 366
_MINUTE: Final = timedelta(minutes=1)
_TIMES: Final = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})$")
_DATE_EXAMPLE: Final = "as YYYY-MM-DD (e.g. 2026-12-24)"

Span = tuple[datetime, datetime]  # naive wall-clock times in the zone; the end is exclusive


def wall_name(wall: datetime) -> str:
    return wall.strftime("%a %Y-%m-%d %H:%M")


def describe_span(starts: datetime, ends: datetime) -> str:
    """A span as the roster shows it: whole days as "Mon 2026-12-14 – Fri 2026-12-18", else
    "Thu 2026-12-24 20:00 – Fri 2026-12-25 08:00" ("… 18:00 – 24:00" up to the next midnight)."""
    if starts.time() == time() and ends.time() == time():
        last = ends.date() - timedelta(days=1)
        first = starts.strftime("%a %Y-%m-%d")
        return first if last == starts.date() else f"{first} – {last.strftime('%a %Y-%m-%d')}"
    if ends.date() == starts.date():
        end = ends.strftime("%H:%M")
    elif ends == datetime.combine(starts.date() + timedelta(days=1), time()):
        end = "24:00"
    else:
        end = wall_name(ends)
    return f"{wall_name(starts)} – {end}"


def wall_of(moment: datetime, zone: tzinfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)


def instant(wall: datetime, zone: tzinfo, after: datetime) -> datetime:
    """The wall-clock time `wall` as a moment in `zone`, the first one after `after`: of a time
    the clocks show twice (autumn), the later once the earlier has passed; a time the clocks skip
    (spring) is the change itself, the moment from which the wall clock is past it."""
    utc = wall.replace(tzinfo=zone).astimezone(UTC)
    if utc.astimezone(zone).replace(tzinfo=None) != wall:
        while (utc - _MINUTE).astimezone(zone).replace(tzinfo=None) >= wall:
            utc -= _MINUTE
    elif utc <= after.astimezone(UTC):
        later = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
        utc = later if later > after.astimezone(UTC) else utc
    return utc.astimezone(zone)


def _merge(spans: Iterable[Span]) -> list[Span]:
    """The spans joined where they overlap or touch, in order."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(spans: Iterable[Span], holes: Iterable[Span]) -> list[Span]:
    pieces = list(spans)
    for hole_start, hole_end in holes:
        pieces = [
            piece
            for start, end in pieces
            for piece in ((start, min(end, hole_start)), (max(start, hole_end), end))
            if piece[0] < piece[1]
        ]
    return pieces


@lru_cache(maxsize=128)
def weekly_runs(hours: str) -> tuple[tuple[int, int], ...]:
    """The on-call minutes of a weekly pattern as (first, end) minutes of the week."""
    parsed = parse_hours(hours)
    runs: list[tuple[int, int]] = []
    first: int | None = None
    for minute, on in enumerate(parsed.minutes if parsed is not None else ()):
        if on and first is None:
            first = minute
        elif not on and first is not None:
            runs.append((first, minute))
            first = None
    if first is not None:
        runs.append((first, WEEK_MINUTES))
    return tuple(runs)


@dataclass(frozen=True)
class OnCallPlan:
    """One supporter's on-call time: the weekly pattern, then their extra shifts added and the
    times they are off taken away."""

    supporter_id: str
    name: str
    phone: str | None
    runs: tuple[tuple[int, int], ...] = ()
    on: tuple[Span, ...] = ()
    off: tuple[Span, ...] = ()

    def cover(self, low: datetime, high: datetime) -> list[Span]:
        """The spans within [low, high) when this supporter is on call, in order."""
        spans: list[Span] = []
        week = datetime.combine(low.date() - timedelta(days=low.weekday()), time())
        while week < high:
            for first, end in self.runs:
                start = max(week + timedelta(minutes=first), low)
                stop = min(week + timedelta(minutes=end), high)
                if start < stop:
                    spans.append((start, stop))
            week += timedelta(days=7)
        spans += [(max(s, low), min(e, high)) for s, e in self.on if s < high and e > low]
        return _subtract(_merge(spans), self.off)

    def horizon(self, wall: datetime) -> datetime:
        """A time by which the exceptions are over and a whole week of pattern has followed."""
        last = max((end for _, end in (*self.on, *self.off)), default=wall)
        return max(last, wall) + timedelta(days=8)


def double_booking(
    plans: Mapping[str, OnCallPlan], after: datetime
) -> tuple[str, str, datetime] | None:
    """(who has an extra shift, who else is on call then, the first such time) from `after` on,
    or None. Weekly patterns never overlap (checked when saved): only extra shifts can."""
    found: tuple[str, str, datetime] | None = None
    for holder, plan in plans.items():
        for start, end in plan.on:
            low = max(start, after)
            for other, theirs in plans.items():
                if other == holder or low >= end:
                    continue
                both = theirs.cover(low, end)
                if both and (found is None or both[0][0] < found[2]):
                    found = (holder, other, both[0][0])
    return found


def _day(text: str, which: str) -> date:
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a date; write the {which} day {_DATE_EXAMPLE}."
        ) from None


def _clock(hours: str, minutes: str, *, end: bool) -> int | None:
    h, m = int(hours), int(minutes)
    if m > 59 or h > 24 or (h == 24 and (m != 0 or not end)):
        return None
    return h * 60 + m


def exception_span(first_day: str, last_day: str = "", times: str = "") -> Span:
    """The wall-clock span an admin typed: whole days from `first_day` to `last_day` (inclusive;
    empty: the same day), or with `times` "HH:MM-HH:MM" from the first day at the first time to
    the last day at the second ("20:00-08:00" on one day runs past midnight). Bad text raises
    InvalidInput saying what is wrong and how to write it."""
    first_text, last_text = first_day.strip(), last_day.strip()
    clock_text = " ".join(times.split())
    if not first_text:
        raise InvalidInput(f"Enter the first day {_DATE_EXAMPLE}.")
    first = _day(first_text, "first")
    last = _day(last_text, "last") if last_text else first
    if last < first:
        raise InvalidInput(
            f"The last day ({last_text}) is before the first day ({first_text}); enter the "
            "first day first."
        )
    if not clock_text:
        starts = datetime.combine(first, time())
        ends = datetime.combine(last + timedelta(days=1), time())
    else:
        match = _TIMES.match(clock_text)
        begin = _clock(*match.groups()[:2], end=False) if match else None
        finish = _clock(*match.groups()[2:], end=True) if match else None
        if begin is None or finish is None:
            raise InvalidInput(
                f"{clock_text!r} are not times; write them as HH:MM-HH:MM (e.g. 20:00-08:00, "
                "24:00 for the end of the day), or leave them empty for whole days."
            )
        if begin == finish and not last_text:
            raise InvalidInput(
                f"{clock_text!r} starts and ends at the same time; for whole days leave the "
                "times empty."
            )
        starts = datetime.combine(first, time()) + timedelta(minutes=begin)
        ends = datetime.combine(last, time()) + timedelta(minutes=finish)
        if not last_text and ends < starts:
            ends += timedelta(days=1)  # a night shift: past midnight into the next day
        if ends <= starts:
            raise InvalidInput(
                f"The exception would end ({wall_name(ends)}) before it starts "
                f"({wall_name(starts)}); check the last day and the times."
            )
    if ends - starts > timedelta(days=EXCEPTION_DAYS_MAX):
        raise InvalidInput(
            f"An exception can last at most {EXCEPTION_DAYS_MAX} days; for a longer change, "
            "change the weekly shifts."
        )
    return starts, ends
