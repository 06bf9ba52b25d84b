"""Weekly opening hours of a directory entry: parsing, and what is open at a given moment.

Hours are written as the unit sees them on the service's door, in the workstation's local time:

    24/7                                 always open
    closed                               never open (e.g. a service paused for now)
    Mon-Fri 08:00-17:00                  a day range and a time span, every week
    Mon-Fri 08:00-17:00; Sat 09:00-12:00 several rules, separated by ";" or ","
    Mon-Thu 22:00-06:00                  a span that ends at or before it starts runs past midnight
    Fri 22:00-Mon 06:00                  a span from one day and time to another (over a weekend)
    daily 07:00-19:00                    every day (also "Mon-Sun", or just "07:00-19:00")

Opening times are wall-clock times, so they follow daylight saving time: a service open 08:00-17:00
opens at 08:00 local time on the day the clocks change too. "until" and "opens" are computed by
walking the week minute by minute in wall time and then placing the result in the zone.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from svdesk.errors import InvalidInput

__all__ = [
    "DAYS",
    "HoursState",
    "WeeklyHours",
    "hours_state",
    "parse_hours",
    "workstation_zone",
]

DAY_MINUTES: Final = 24 * 60
WEEK_MINUTES: Final = 7 * DAY_MINUTES
HOURS_MAX: Final = 200
DAYS: Final[tuple[str, ...]] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES: Final[dict[str, int]] = {
    **{d: i for i, d in enumerate(DAYS)},
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    "tues": 1,
    "thur": 3,
    "thurs": 3,
}
_EXAMPLE: Final = 'write e.g. "Mon-Fri 08:00-17:00", "Fri 22:00-Mon 06:00" or "24/7"'
_TIME = r"(\d{1,2}):(\d{2})"
_DAY = r"([a-z]+)"
_CROSS_DAY = re.compile(rf"^{_DAY}\s+{_TIME}\s*-\s*{_DAY}\s+{_TIME}$")
_DAYS_SPAN = re.compile(rf"^(?:([a-z]+(?:\s*-\s*[a-z]+)?)\s+)?{_TIME}\s*-\s*{_TIME}$")


@dataclass(frozen=True)
class WeeklyHours:
    """Parsed hours: `minutes[i]` is whether minute `i` of the week (Monday 00:00 = 0) is open."""

    text: str
    minutes: tuple[bool, ...]

    @property
    def always(self) -> bool:
        return all(self.minutes)

    @property
    def never(self) -> bool:
        return not any(self.minutes)


@dataclass(frozen=True)
class HoursState:
    """Open or not at `at`; `until` is when an open service closes (None: open around the clock),
    `opens` when a closed one opens next (None: it never does)."""

    at: datetime
    open: bool
    until: datetime | None = None
    opens: datetime | None = None


def _day(word: str, rule: str) -> int:
    index = _DAY_NAMES.get(word)
    if index is None:
        raise InvalidInput(
            f"{word.capitalize()!r} in {rule!r} is not a day; use Mon, Tue, Wed, Thu, Fri, Sat "
            f"or Sun ({_EXAMPLE})."
        )
    return index


def _time(hours: str, minutes: str, rule: str, *, end: bool) -> int:
    h, m = int(hours), int(minutes)
    if m > 59 or h > 24 or (h == 24 and (m != 0 or not end)):
        raise InvalidInput(
            f"{hours}:{minutes} in {rule!r} is not a time of day; use 00:00 to 23:59 "
            "(24:00 for the end of the day)."
        )
    return h * 60 + m


def _days(spec: str | None, rule: str) -> list[int]:
    if spec is None or spec in ("daily", "everyday"):
        return list(range(7))
    first, _, last = (part.strip() for part in spec.partition("-"))
    start = _day(first, rule)
    if not last:
        return [start]
    stop = _day(last, rule)
    return [(start + i) % 7 for i in range((stop - start) % 7 + 1)]


def _open(minutes: list[bool], start: int, length: int) -> None:
    for offset in range(length):
        minutes[(start + offset) % WEEK_MINUTES] = True


def parse_hours(text: str) -> WeeklyHours | None:
    """The hours in `text`; None when it is empty (hours not set). Bad text raises InvalidInput
    saying which part is wrong and how to write it."""
    clean = " ".join(text.split())
    if not clean:
        return None
    if len(clean) > HOURS_MAX:
        raise InvalidInput(
            f"The hours are {len(clean)} characters long; shorten them to {HOURS_MAX}."
        )
    lowered = clean.casefold().replace("–", "-").replace("—", "-")
    if lowered in ("24/7", "24h", "24 h", "always", "around the clock"):
        return WeeklyHours(clean, (True,) * WEEK_MINUTES)
    if lowered == "closed":
        return WeeklyHours(clean, (False,) * WEEK_MINUTES)
    minutes = [False] * WEEK_MINUTES
    for shown in (r.strip() for r in re.split(r"[;,]", clean)):
        if not shown:
            continue
        rule = shown.casefold().replace("–", "-").replace("—", "-")
        cross = _CROSS_DAY.match(rule)
        if cross:
            d1, h1, m1, d2, h2, m2 = cross.groups()
            start = _day(d1, shown) * DAY_MINUTES + _time(h1, m1, shown, end=False)
            stop = _day(d2, shown) * DAY_MINUTES + _time(h2, m2, shown, end=True)
            length = (stop - start) % WEEK_MINUTES
            if length == 0:
                raise InvalidInput(f"{shown!r} starts and ends at the same moment; {_EXAMPLE}.")
            _open(minutes, start, length)
            continue
        span = _DAYS_SPAN.match(rule)
        if not span:
            raise InvalidInput(f"Cannot read {shown!r} as opening hours; {_EXAMPLE}.")
        spec, h1, m1, h2, m2 = span.groups()
        begin = _time(h1, m1, shown, end=False)
        end = _time(h2, m2, shown, end=True)
        if begin == end:
            raise InvalidInput(
                f"{shown!r} opens and closes at the same time; for a whole day write 00:00-24:00."
            )
        length = (end - begin) % DAY_MINUTES or DAY_MINUTES
        for day in _days(spec, shown):
            _open(minutes, day * DAY_MINUTES + begin, length)
    return WeeklyHours(clean, tuple(minutes))


def _place(wall: datetime, zone: tzinfo) -> datetime:
    """A wall-clock time in `zone`; a time the clocks skip (spring forward) becomes the moment
    just after the change."""
    aware = wall.replace(tzinfo=zone)
    return aware.astimezone(ZoneInfo("UTC")).astimezone(zone)


def hours_state(hours: WeeklyHours, at: datetime, zone: tzinfo) -> HoursState:
    """Whether `hours` are open at the aware moment `at`, read in `zone`, and until or from when."""
    if at.tzinfo is None:
        raise ValueError("`at` must be an aware datetime")
    local = at.astimezone(zone)
    wall = local.replace(tzinfo=None, second=0, microsecond=0)
    minute = wall.weekday() * DAY_MINUTES + wall.hour * 60 + wall.minute
    now_open = hours.minutes[minute]
    if hours.always or hours.never:
        return HoursState(local, now_open)
    for step in range(1, WEEK_MINUTES + 1):
        if hours.minutes[(minute + step) % WEEK_MINUTES] != now_open:
            change = _place(wall + timedelta(minutes=step), zone)
            if now_open:
                return HoursState(local, True, until=change)
            return HoursState(local, False, opens=change)
    raise AssertionError("unreachable: hours neither always nor never open change in a week")


def workstation_zone() -> tzinfo:
    """The workstation's time zone as a zoneinfo zone (so daylight saving time is followed): $TZ,
    else the zone the /etc/localtime link names. Where neither names one (Windows), the current
    local UTC offset, which does NOT follow a DST change while the program runs."""
    for name in (os.environ.get("TZ", "").lstrip(":"), _system_zone_name()):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    local = datetime.now().astimezone().tzinfo
    return local if local is not None else ZoneInfo("UTC")


def _system_zone_name() -> str:
    link = Path("/etc/localtime")
    try:
        target = str(link.resolve())
    except OSError:
        return ""
    marker = "/zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else ""
