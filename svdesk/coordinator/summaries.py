"""The dashboard's weekly tallies (coord_weekly_counts, coord_supporter_weekly, coord_case_weekly):
kept up to date by each import inside its transaction, or recounted from the stored encounters
(`refresh_summaries`, the repair)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import repeat
from typing import Any, Final

from svdesk.exchange import weeks
from svdesk.storage.db import Database


def _or_empty(value: str | None) -> str:
    return "" if value is None else value


_MONTH_OF_WEEK: dict[str, str] = {}


def period_month(week: str) -> str:
    # An ISO week belongs to the month of its Thursday (as it belongs to that Thursday's year).
    month = _MONTH_OF_WEEK.get(week)
    if month is None:
        thursday = weeks.week_monday(week) + timedelta(days=3)
        month = f"{thursday.year:04d}-{thursday.month:02d}"
        if len(_MONTH_OF_WEEK) < 100_000:  # weeks of a few centuries: never a memory concern
            _MONTH_OF_WEEK[week] = month
    return month


CROSS_FIELDS: Final = (
    "unit_category",
    "role_category",
    "response_time",
    "format",
    "escalation_level",
    "referral_accepted",
    "needs_met",
    "supporter_own_distress",
)
NOT_RECORDED: Final = "not_recorded"


_WeeklyCounts = dict[tuple[str, str, str, str], list[int]]  # (week, unit, field, code): n, people


@dataclass
class Tally:
    """Dashboard counts of some encounters: coord_weekly_counts and coord_supporter_weekly rows
    by key, counted column by column in C (Counter over tuples); people_reached takes few
    values, so (code, people) pairs are few and the people sums come from their counts."""

    counts: _WeeklyCounts = field(default_factory=dict)
    load: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    events_of: dict[str, frozenset[str]] = field(default_factory=dict)  # each text parsed once

    def _add(self, name: str, tallies: Iterable[tuple[tuple[str, str, Any, int], int]]) -> None:
        counts = self.counts
        for (week, unit, code, people), n in tallies:
            key = (week, unit, name, NOT_RECORDED if code is None else code)
            tally = counts.setdefault(key, [0, 0])
            tally[0] += n
            tally[1] += people * n

    def count(self, columns: Sequence[Sequence[Any]]) -> None:
        """Count encounters given by column: created_week, unit_code ('' for none),
        people_reached (0 for none), supporter_id ('' for none), event_categories (JSON text as
        stored), then the columns of CROSS_FIELDS."""
        weeks, units, people, supporters, events, *codes = columns
        self._add("*", Counter(zip(weeks, units, repeat("*"), people)).items())
        for name, column in zip(CROSS_FIELDS, codes, strict=True):
            self._add(name, Counter(zip(weeks, units, column, people, strict=True)).items())
        events_of = self.events_of
        for text in set(events).difference(events_of):
            events_of[text] = frozenset(json.loads(text or "[]"))
        # Event lists repeat: counted as they are, then each distinct list split up.
        self._add(
            "event_categories",
            (
                ((week, unit, category, n), times)
                for (week, unit, text, n), times in Counter(
                    zip(weeks, units, events, people, strict=True)
                ).items()
                for category in events_of[text]
            ),
        )
        self.load.update(zip(weeks, units, supporters, strict=True))


_INSERT_WEEKLY: Final = (
    "INSERT INTO coord_weekly_counts (created_week, unit_code, field, code, n, people) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_SUPPORTER_WEEKLY: Final = (
    "INSERT INTO coord_supporter_weekly (created_week, unit_code, supporter_id, n) "
    "VALUES (?, ?, ?, ?)"
)


def refresh_summaries(db: Database, weeks_units: Iterable[tuple[str, str]] | None = None) -> None:
    """Recompute the dashboard counts for some (week, unit) keys, or all of them together with
    the follow-up counts (repair); an import of new encounters adds to them (`add_summaries`)
    and keeps the follow-up counts up to date (`case_changes`, `CaseCounts`).

    Called inside the import transaction.
    """
    scopes: list[tuple[str, list[Any]]]
    if weeks_units is None:
        db.execute("DELETE FROM coord_weekly_counts")
        db.execute("DELETE FROM coord_supporter_weekly")
        scopes = [("", [])]
    else:
        scopes = []
        for week, unit in sorted(set(weeks_units)):
            for table in ("coord_weekly_counts", "coord_supporter_weekly"):
                db.execute(
                    f"DELETE FROM {table} WHERE created_week = ? AND unit_code = ?", [week, unit]
                )
            scopes.append((" WHERE created_week = ? AND coalesce(unit_code, '') = ?", [week, unit]))
    # One read of the encounters in scope, counted here for every field at once (a GROUP BY
    # per field would read them ten times).
    tally = Tally()
    columns = ", ".join(CROSS_FIELDS)
    for where, params in scopes:
        rows = db.execute(
            "SELECT created_week, coalesce(unit_code, ''), coalesce(people_reached, 0), "
            f"coalesce(supporter_id, ''), event_categories, {columns} "
            f"FROM coord_encounters{where}",
            params,
        ).fetchall()
        if rows:
            tally.count(list(zip(*rows, strict=True)))
    db.conn.executemany(
        _INSERT_WEEKLY, [(*key, n, people) for key, (n, people) in tally.counts.items()]
    )
    db.conn.executemany(_INSERT_SUPPORTER_WEEKLY, [(*key, n) for key, n in tally.load.items()])
    if weeks_units is None:
        db.execute("DELETE FROM coord_case_weekly")
        db.execute(
            "INSERT INTO coord_case_weekly (first_week, unit_code, planned, completed) "
            "SELECT first_week, unit_code, sum(planned), sum(planned AND followed_up) "
            f"FROM ({_CASES_SQL} WHERE {_IS_CASE} GROUP BY workstation_id, case_code) "
            "GROUP BY first_week, unit_code HAVING sum(planned) > 0"
        )


def summary_tally(columns: Mapping[str, Sequence[Any]]) -> Tally:
    """The dashboard counts of encounters given by their coord_encounters values by column."""
    tally = Tally()
    tally.count(
        [
            columns["created_week"],
            list(map(_or_empty, columns["unit_code"])),
            [0 if n is None else n for n in columns["people_reached"]],
            list(map(_or_empty, columns["supporter_id"])),
            columns["event_categories"],
            *(columns[name] for name in CROSS_FIELDS),
        ]
    )
    return tally


def add_summaries(db: Database, tally: Tally) -> None:
    """Add the counts of new encounters to the dashboard counts: what `refresh_summaries` of
    their weeks and units gives when they are the only change."""
    db.conn.executemany(
        _INSERT_WEEKLY + " ON CONFLICT (created_week, unit_code, field, code) DO UPDATE SET "
        "n = n + excluded.n, people = people + excluded.people",
        [(*key, n, people) for key, (n, people) in tally.counts.items()],
    )
    db.conn.executemany(
        _INSERT_SUPPORTER_WEEKLY + " ON CONFLICT (created_week, unit_code, supporter_id) "
        "DO UPDATE SET n = n + excluded.n",
        [(*key, n) for key, n in tally.load.items()],
    )


# A case is what a unit's encounters share a case code for (per workstation): it had a planned
# follow-up if its initial encounter planned one, and got it if a follow-up was recorded.
_PLANNED_SQL: Final = (
    "encounter_type = 'initial' AND followup_plan IS NOT NULL AND followup_plan != 'none'"
)
_CASES_SQL: Final = (
    "SELECT coalesce(min(unit_code), '') AS unit_code, min(created_week) AS first_week, "
    f"coalesce(max({_PLANNED_SQL}), 0) AS planned, "
    "coalesce(max(encounter_type = 'follow_up'), 0) AS followed_up FROM coord_encounters"
)
_IS_CASE: Final = "case_code IS NOT NULL AND case_code != ''"

_CaseTally = dict[tuple[str, str], list[int]]  # (first week, unit): planned, completed


def _tally_case(tally: _CaseTally, week: str, unit: str, followed_up: bool, sign: int) -> None:
    """Count a case with a planned follow-up in (sign +1) or out (-1) of coord_case_weekly."""
    t = tally.setdefault((week, unit), [0, 0])
    t[0] += sign
    t[1] += sign if followed_up else 0


def write_case_tally(db: Database, tally: _CaseTally) -> None:
    db.conn.executemany(
        "INSERT INTO coord_case_weekly (first_week, unit_code, planned, completed) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (first_week, unit_code) DO UPDATE SET "
        "planned = planned + excluded.planned, completed = completed + excluded.completed",
        [(*key, p, c) for key, (p, c) in tally.items()],
    )
    db.conn.executemany(
        "DELETE FROM coord_case_weekly WHERE first_week = ? AND unit_code = ? AND planned = 0",
        list(tally),
    )


@dataclass
class BundleCases:
    """The cases of a bundle's encounters as `_CASES_SQL` aggregates them: each case's
    earliest week and least unit (min() passes over NULL), whether its initial encounter
    planned a follow-up, and whether a follow-up was recorded."""

    week_of: dict[str, str]
    unit_of: dict[str, str | None]
    planned: set[str]
    followed_up: set[str]

    @classmethod
    def of(cls, columns: Mapping[str, Sequence[Any]]) -> BundleCases:
        week_of: dict[str, str] = {}
        unit_of: dict[str, str | None] = {}
        planned: set[str] = set()
        followed_up: set[str] = set()
        for case, unit, week, kind, plan in zip(
            columns["case_code"],
            columns["unit_code"],
            columns["created_week"],
            columns["encounter_type"],
            columns["followup_plan"],
            strict=True,
        ):
            if not case:
                continue
            first = week_of.get(case)
            if first is None:
                week_of[case] = week
                unit_of[case] = unit
            else:
                if week < first:
                    week_of[case] = week
                least = unit_of[case]
                if unit is not None and (least is None or unit < least):
                    unit_of[case] = unit
            if kind == "initial":
                if plan is not None and plan != "none":
                    planned.add(case)
            elif kind == "follow_up":
                followed_up.add(case)
        return cls(week_of, unit_of, planned, followed_up)


def case_changes(db: Database, workstation_id: str, bundle_cases: BundleCases) -> _CaseTally:
    """How coord_case_weekly changes when new encounters join their cases: each case they
    touch is counted out as it is stored now and back in with them (its stored encounters
    joined to `bundle_cases`, which this changes). Read before they are written."""
    week_of, unit_of = bundle_cases.week_of, bundle_cases.unit_of
    planned, followed_up = bundle_cases.planned, bundle_cases.followed_up
    tally: _CaseTally = {}
    if not week_of:
        return tally
    for case, unit, week, was_planned, was_followed_up in db.execute(
        f"SELECT case_code, min(unit_code), min(created_week), coalesce(max({_PLANNED_SQL}), 0), "
        "coalesce(max(encounter_type = 'follow_up'), 0) FROM coord_encounters "
        "WHERE workstation_id = ? AND case_code IN (SELECT value FROM json_each(?)) "
        "GROUP BY case_code",
        [workstation_id, json.dumps(list(week_of))],
    ):
        if was_planned:
            _tally_case(tally, week, _or_empty(unit), bool(was_followed_up), -1)
            planned.add(case)
        if was_followed_up:
            followed_up.add(case)
        week_of[case] = min(week_of[case], week)
        least = unit_of[case]
        if unit is not None and (least is None or unit < least):
            unit_of[case] = unit
    for case in planned:
        _tally_case(tally, week_of[case], _or_empty(unit_of[case]), case in followed_up, +1)
    return tally


@dataclass
class CaseCounts:
    """coord_case_weekly kept up to date by an import that replaces stored encounters: the
    follow-up counts of the cases it touches are taken away before its encounters are written
    and added back after (both read from the store)."""

    db: Database
    keys: str  # JSON [[workstation_id, case_code], ...]: one parameter, not one per case

    @classmethod
    def of(cls, db: Database, cases: Iterable[tuple[str, str]]) -> CaseCounts:
        counts = cls(db, json.dumps(sorted({(ws, c) for ws, c in cases if c})))
        counts._add(-1)
        return counts

    def _add(self, sign: int) -> None:
        tally: _CaseTally = {}
        for unit, week, planned, followed_up in self.db.execute(
            f"{_CASES_SQL} WHERE (workstation_id, case_code) IN "
            "(SELECT value ->> 0, value ->> 1 FROM json_each(?)) "
            "GROUP BY workstation_id, case_code",
            [self.keys],
        ):
            if planned:
                _tally_case(tally, week, unit, bool(followed_up), sign)
        write_case_tally(self.db, tally)

    def update(self) -> None:
        """After the import's encounters are written."""
        self._add(+1)
