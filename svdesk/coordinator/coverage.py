"""On-call coverage gaps at the coordinator (issue 15, item 4): what the units' bundles report
(format 4, payload key "coverage": per ISO week the hours a unit recorded and those with nobody
on call; no names) and the figure "hours in the last month with nobody on call".

The last month is the four complete ISO weeks before the coordinator's current week. A unit's
figure is withheld while it recorded less than a week of hours in that month (a share over a few
hours says nothing); hours are not people, so the small-count rule of `suppression` does not
apply to them. Only the month's totals are shown, never which hours: a unit's gaps hour by hour
could tell when one supporter was away.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final

from svdesk.access.session import Session
from svdesk.exchange import bundle, weeks
from svdesk.storage.db import Database

__all__ = [
    "MONTH_WEEKS",
    "CoverageFigures",
    "UnitCoverage",
    "coverage_gaps",
    "coverage_rows",
    "last_month_weeks",
    "store_coverage",
]

MONTH_WEEKS: Final = 4
MIN_HOURS_SHOWN: Final = 168  # less than a week of hours recorded in the month: withheld
_WEEK_HOURS_MAX: Final = 169


def coverage_rows(opened: bundle.OpenedBundle) -> list[tuple[str, int, list[int]]]:
    """The bundle's weeks of coverage as (week, hours, gap indices); ValueError when they do
    not add up (more gaps than hours, a week named twice, more hours than a week has)."""
    out: list[tuple[str, int, list[int]]] = []
    seen: set[str] = set()
    for record in opened.coverage:
        week, hours = str(record["week"]), int(record["hours"])
        gaps = sorted({int(g) for g in record["gaps"] or ()})
        if week in seen:
            raise ValueError(f"on-call coverage names week {week} twice")
        if hours > _WEEK_HOURS_MAX or len(gaps) > hours:
            raise ValueError(f"on-call coverage of week {week} has more hours than a week")
        seen.add(week)
        out.append((week, hours, gaps))
    return out


def store_coverage(
    db: Database, opened: bundle.OpenedBundle, rows: Sequence[tuple[str, int, list[int]]], at: str
) -> None:
    """Keep each week as the latest bundle of its workstation reported it."""
    m = opened.manifest
    db.conn.executemany(
        "INSERT INTO coord_coverage (workstation_id, week, site_code, unit_code, hours, "
        "gap_hours, gaps, import_sequence, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (workstation_id, week) DO UPDATE SET site_code = excluded.site_code, "
        "unit_code = excluded.unit_code, hours = excluded.hours, gap_hours = excluded.gap_hours, "
        "gaps = excluded.gaps, import_sequence = excluded.import_sequence, "
        "updated_at = excluded.updated_at "
        "WHERE excluded.import_sequence >= coord_coverage.import_sequence",
        [
            (
                m.workstation_id,
                week,
                m.site_code,
                m.unit_code,
                hours,
                len(gaps),
                json.dumps(gaps),
                m.sequence,
                at,
            )
            for week, hours, gaps in rows
        ],
    )


def last_month_weeks(today: date) -> tuple[str, ...]:
    """The four complete ISO weeks before the week of `today`, oldest first."""
    return tuple(weeks.iso_week(today - timedelta(weeks=n)) for n in range(MONTH_WEEKS, 0, -1))


@dataclass(frozen=True)
class UnitCoverage:
    site_code: str
    unit_code: str
    weeks_reported: int  # of the month's four
    hours: int  # hours recorded
    gap_hours: int  # of them, with nobody on call

    @property
    def shown(self) -> bool:
        return self.hours >= MIN_HOURS_SHOWN

    @property
    def gap_share(self) -> float | None:
        return self.gap_hours / self.hours if self.shown else None

    @property
    def label(self) -> str:
        return " / ".join(x for x in (self.site_code, self.unit_code) if x) or "—"


@dataclass(frozen=True)
class CoverageFigures:
    weeks: tuple[str, ...]  # the month: four ISO weeks, oldest first
    units: tuple[UnitCoverage, ...]  # units that reported any of them, by site and unit

    @property
    def shown_units(self) -> tuple[UnitCoverage, ...]:
        return tuple(u for u in self.units if u.shown)

    @property
    def gap_hours(self) -> int:
        """All units' hours with nobody on call (of the units shown)."""
        return sum(u.gap_hours for u in self.shown_units)

    @property
    def hours(self) -> int:
        return sum(u.hours for u in self.shown_units)

    def to_json(self) -> dict[str, Any]:
        return {
            "weeks": list(self.weeks),
            "gap_hours": self.gap_hours,
            "hours": self.hours,
            "units": [
                {
                    "site_code": u.site_code,
                    "unit_code": u.unit_code,
                    "weeks_reported": u.weeks_reported,
                    "hours": u.hours,
                    "gap_hours": u.gap_hours if u.shown else None,
                }
                for u in self.units
            ],
        }


def coverage_gaps(
    session: Session, *, today: date | None = None, unit: str | None = None
) -> CoverageFigures:
    """Hours in the last month with nobody on call, by unit (`unit`: that unit only)."""
    month = last_month_weeks(today or datetime.now().date())
    params: list[Any] = [*month]
    where = f"week IN ({', '.join('?' for _ in month)})"
    if unit:
        where += " AND unit_code = ?"
        params.append(unit)
    rows = session.db.execute(
        "SELECT coalesce(site_code, ''), coalesce(unit_code, ''), count(DISTINCT week), "
        f"sum(hours), sum(gap_hours) FROM coord_coverage WHERE {where} "
        "GROUP BY 1, 2 ORDER BY 1, 2",
        params,
    ).fetchall()
    return CoverageFigures(
        weeks=month,
        units=tuple(
            UnitCoverage(str(r[0]), str(r[1]), int(r[2]), int(r[3] or 0), int(r[4] or 0))
            for r in rows
        ),
    )
