"""On-call coverage (issue 15, item 4): the hours of each ISO week with nobody on call, computed
from the roster with its exceptions (`svdesk.unit.oncall`), kept in `oncall_coverage` and sent
to the coordinator in the bundle (format 4, payload key "coverage"; no names).

Hours are real hours of the workstation's zone: hour 0 of a week starts on Monday at 00:00 local
time, and a week has 168 of them, 167 in the week the clocks go forward and 169 in the week they
go back. Who is on call is read on the wall clock (as `oncall_spans` does), so an hour the clocks
show twice is judged twice, by the same shifts. An hour is a gap when nobody is on call for any
part of it (the 30-minute promise holds only if someone is on call all the time).

Each hour is judged once, at the first unlock or export after it has passed, by the roster as it
is then (`record_coverage`), so a roster changed later does not rewrite the past; hours passed
while the unit has no roster at all (nobody on the weekly roster, no extra shift) are not
recorded: a unit that does not use the roster reports no coverage, rather than all gaps.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Final

from svdesk.content.hours import workstation_zone
from svdesk.exchange import weeks
from svdesk.storage.db import Database
from svdesk.storage.settings import HasDb, read_setting, transaction, write_setting
from svdesk.unit.oncall_spans import OnCallPlan, Span, wall_of, weekly_runs

__all__ = [
    "COVERAGE_WEEKS_SENT",
    "WeekCoverage",
    "coverage_for_export",
    "gap_hours",
    "record_coverage",
    "roster_plans",
    "stored_coverage",
]

SETTING_UNTIL: Final = "oncall.coverage_until"  # ISO UTC: the hours before it are recorded
COVERAGE_WEEKS_SENT: Final = 6  # the current week and the five before it, in each bundle
_LOOKBACK: Final = timedelta(days=35)  # ended exceptions are kept that long (oncall.py)
_KEPT_WEEKS: Final = 10
_HOUR: Final = timedelta(hours=1)
_WALL: Final = "%Y-%m-%dT%H:%M"


@dataclass(frozen=True)
class WeekCoverage:
    week: str  # YYYY-Www
    hours: int  # real hours recorded
    gaps: tuple[int, ...]  # of them, the indices with nobody on call

    def to_record(self) -> dict[str, Any]:
        return {"week": self.week, "hours": self.hours, "gaps": list(self.gaps)}


def roster_plans(db: Database) -> list[OnCallPlan]:
    """Every enrolled supporter's on-call time: weekly shifts, extra shifts and time off, the
    ended exceptions still kept included (the same plans `oncall.on_call_now` reads)."""
    names = {
        str(r[0]): str(r[1])
        for r in db.execute("SELECT id, name FROM supporters WHERE removed_at IS NULL")
    }
    weekly = {
        str(r[0]): (str(r[1]), r[2])
        for r in db.execute("SELECT supporter_id, hours, phone FROM oncall_shifts")
    }
    on: dict[str, list[Span]] = {}
    off: dict[str, list[Span]] = {}
    for sid, kind, starts, ends in db.execute(
        "SELECT supporter_id, kind, starts, ends FROM oncall_exceptions"
    ):
        span = (datetime.strptime(str(starts), _WALL), datetime.strptime(str(ends), _WALL))
        (on if kind == "on" else off).setdefault(str(sid), []).append(span)
    plans = []
    for sid, name in sorted(names.items(), key=lambda item: (item[1].casefold(), item[0])):
        hours, phone = weekly.get(sid, ("", None))
        plans.append(
            OnCallPlan(
                sid,
                name,
                None if phone is None else str(phone),
                weekly_runs(hours) if hours else (),
                tuple(sorted(on.get(sid, []))),
                tuple(sorted(off.get(sid, []))),
            )
        )
    return plans


def _in_use(plans: Iterable[OnCallPlan]) -> bool:
    return any(plan.runs or plan.on for plan in plans)


def _week_start(moment: datetime, zone: tzinfo) -> datetime:
    """Monday 00:00 (local) of the ISO week of `moment`, as a UTC moment."""
    local = moment.astimezone(zone).date()
    monday: date = local - timedelta(days=local.weekday())
    return datetime.combine(monday, time(), tzinfo=zone).astimezone(UTC)


def _merged(plans: Iterable[OnCallPlan], low: datetime, high: datetime) -> list[Span]:
    spans = sorted(span for plan in plans for span in plan.cover(low, high))
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _covered(merged: Sequence[Span], starts: Sequence[datetime], low: datetime) -> bool:
    """Whether one merged span covers the wall-clock hour from `low` (`starts`: the spans'
    starts, for the search)."""
    index = bisect_right(starts, low) - 1
    return index >= 0 and merged[index][1] >= low + _HOUR


def gap_hours(
    plans: Sequence[OnCallPlan], start: datetime, end: datetime, zone: tzinfo
) -> list[WeekCoverage]:
    """The real hours from `start` to `end` (whole local hours, UTC or aware moments) by ISO
    week: how many, and which of them had nobody on call under `plans`."""
    first = start.astimezone(zone).replace(minute=0, second=0, microsecond=0).astimezone(UTC)
    stop = end.astimezone(UTC)
    if first >= stop:
        return []
    low = wall_of(first, zone) - timedelta(days=1)
    merged = _merged(plans, low, wall_of(stop, zone) + timedelta(days=1))
    starts = [span[0] for span in merged]
    found: dict[str, tuple[int, list[int]]] = {}
    hour = first
    while hour + _HOUR <= stop:
        week_start = _week_start(hour, zone)
        week = weeks.iso_week(hour.astimezone(zone).date())
        index = int((hour - week_start) / _HOUR)
        count, gaps = found.setdefault(week, (0, []))
        if not _covered(merged, starts, wall_of(hour, zone)):
            gaps.append(index)
        found[week] = (count + 1, gaps)
        hour += _HOUR
    return [WeekCoverage(week, count, tuple(gaps)) for week, (count, gaps) in found.items()]


def _stored(db: Database, week: str) -> WeekCoverage | None:
    row = db.execute("SELECT hours, gaps FROM oncall_coverage WHERE week = ?", [week]).fetchone()
    return None if row is None else WeekCoverage(week, int(row[0]), tuple(json.loads(row[1])))


def record_coverage(store: HasDb, at: datetime, zone: tzinfo | None = None) -> int:
    """Judge the hours passed up to `at` since the last time (at most the last 35 days, while
    the kept exceptions reach) by the roster as it is now; returns how many hours were recorded.
    A clock that stepped back records nothing until it has caught up. `store`: a session (its
    durable transaction) or anything with the store's `db`."""
    db = store.db
    where = zone if zone is not None else workstation_zone()
    now = at.astimezone(where).replace(minute=0, second=0, microsecond=0).astimezone(UTC)
    saved = read_setting(db, SETTING_UNTIL)
    until = datetime.fromisoformat(saved) if isinstance(saved, str) else None
    if until is not None and until >= now:
        return 0
    start = now if until is None else max(until, now - _LOOKBACK)
    plans = roster_plans(db)
    found = gap_hours(plans, start, now, where) if _in_use(plans) else []
    with transaction(store):
        for week in found:
            before = _stored(db, week.week)
            hours = week.hours + (before.hours if before is not None else 0)
            gaps = sorted({*week.gaps, *(before.gaps if before is not None else ())})
            db.execute(
                "INSERT OR REPLACE INTO oncall_coverage (week, hours, gaps) VALUES (?, ?, ?)",
                [week.week, min(hours, 169), json.dumps(gaps)],
            )
        oldest = weeks.iso_week((now - timedelta(weeks=_KEPT_WEEKS)).date())
        db.execute("DELETE FROM oncall_coverage WHERE week < ?", [oldest])
        write_setting(db, SETTING_UNTIL, now.isoformat())
    return sum(week.hours for week in found)


def stored_coverage(db: Database, since_week: str | None = None) -> list[WeekCoverage]:
    """The recorded weeks (from `since_week` on), oldest first."""
    rows = db.execute(
        "SELECT week, hours, gaps FROM oncall_coverage WHERE week >= ? ORDER BY week",
        [since_week or ""],
    )
    return [WeekCoverage(str(r[0]), int(r[1]), tuple(json.loads(r[2]))) for r in rows]


def coverage_for_export(
    store: HasDb, at: datetime, zone: tzinfo | None = None
) -> list[dict[str, Any]]:
    """What a bundle made at `at` carries: the hours up to then recorded, then the current
    week and the five before it, as coded records (`svdesk.exchange.fields.COVERAGE_FIELDS`)."""
    record_coverage(store, at, zone)
    since = weeks.iso_week((at - timedelta(weeks=COVERAGE_WEEKS_SENT - 1)).date())
    return [week.to_record() for week in stored_coverage(store.db, since)]
