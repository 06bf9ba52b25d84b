"""Dashboard figures of the imported encounters (read from the weekly tallies), the units seen,
and the coded encounters themselves for the REDCap export."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from svdesk.access.session import Session
from svdesk.coordinator.periods import period_clauses
from svdesk.coordinator.queue import escalation_queue
from svdesk.coordinator.rows import LIST_FIELDS
from svdesk.coordinator.summaries import CROSS_FIELDS, period_month
from svdesk.errors import InvalidInput
from svdesk.exchange import fields


@dataclass(frozen=True)
class DashboardFigures:
    """Counts for the dashboard and reports; every table maps a code to a count.

    `encounters` is the number of encounters in the period. Supporter figures never carry
    supporter ids: `supporter_load` is the sorted list of encounter counts per supporter.
    """

    period_from: str | None
    period_to: str | None
    unit: str | None
    encounters: int
    people_reached: int
    per_month: dict[str, int]
    by_unit_category: dict[str, int]
    by_role: dict[str, int]
    by_event_category: dict[str, int]
    response_time: dict[str, int]
    by_format: dict[str, int]
    people_reached_by_format: dict[str, int]
    escalation_level: dict[str, int]
    referral_accepted: dict[str, int]
    followup: dict[str, int]  # planned, completed
    needs_met: dict[str, int]
    supporter_distress: dict[str, int]
    supporter_load: list[int]
    # Encounters of the period that carry no supporter id (bundle format 2 on): no one's load.
    # When every encounter is such, the supporter-load figure is not available at all.
    supporter_load_unknown: int
    escalations_open: int
    escalations_overdue: int

    def rate(self, part: int, whole: int | None = None) -> float | None:
        base = self.encounters if whole is None else whole
        return None if base == 0 else part / base

    @property
    def response_le_30min(self) -> int:
        return self.response_time.get("le_30min", 0)

    @property
    def response_le_24h(self) -> int:
        # "≤ 24 h" includes the ones answered within 30 minutes.
        return self.response_time.get("le_30min", 0) + self.response_time.get("le_24h", 0)


def _field(name: str) -> fields.RecordField:
    return next(f for f in fields.ENCOUNTER_FIELDS if f.name == name)


def _where(
    period_from: str | None,
    period_to: str | None,
    unit: str | None,
    week_column: str = "created_week",
) -> tuple[str, list[Any]]:
    """The WHERE clause (and its parameters) of ISO weeks `period_from`..`period_to` of
    `week_column` and a unit; bad weeks raise `InvalidInput`."""
    clauses, params = period_clauses(period_from, period_to, unit, week_column)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def dashboard_figures(
    session: Session,
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    unit: str | None = None,
    now: datetime | None = None,
) -> DashboardFigures:
    """All dashboard counts for ISO weeks `period_from`..`period_to` (inclusive) and a unit.

    Tables list every known code (0 when absent), codes a program added, and `not_recorded`
    when some encounters left the field empty.
    """
    if period_from and period_to and period_from > period_to:
        raise InvalidInput(f"The period starts ({period_from}) after it ends ({period_to}).")
    db = session.db
    where, params = _where(period_from, period_to, unit)
    tables: dict[str, dict[str, int]] = {
        name: {c: 0 for c in _field(name).codes} for name in (*CROSS_FIELDS, "event_categories")
    }
    people_by_format = {c: 0 for c in _field("format").codes}
    total = reached = 0
    for name, code, n, people in db.execute(
        f"SELECT field, code, sum(n), sum(people) FROM coord_weekly_counts{where} "
        "GROUP BY field, code",
        params,
    ):
        if name == "*":
            total, reached = int(n), int(people)
            continue
        tables.setdefault(str(name), {})[str(code)] = int(n)
        if name == "format":
            people_by_format[str(code)] = int(people)
    per_month: dict[str, int] = {}
    month_where = where + (" AND " if where else " WHERE ") + "field = '*'"
    for week, n in db.execute(
        f"SELECT created_week, sum(n) FROM coord_weekly_counts{month_where} "
        "GROUP BY created_week ORDER BY created_week",
        params,
    ):
        month = period_month(str(week))
        per_month[month] = per_month.get(month, 0) + int(n)
    case_where, case_params = _where(period_from, period_to, unit, "first_week")
    planned, completed = db.execute(
        "SELECT coalesce(sum(planned), 0), coalesce(sum(completed), 0) "
        f"FROM coord_case_weekly{case_where}",
        case_params,
    ).fetchone()
    load = sorted(
        (
            int(n)
            for (n,) in db.execute(
                # Bundles of format 2 carry no supporter id (docs/privacy.md): encounters
                # without one are no supporter's load.
                "SELECT sum(n) FROM coord_supporter_weekly"
                + (where + " AND " if where else " WHERE ")
                + "supporter_id != '' GROUP BY supporter_id",
                params,
            )
        ),
        reverse=True,
    )
    (unknown,) = db.execute(
        "SELECT coalesce(sum(n), 0) FROM coord_supporter_weekly"
        + (where + " AND " if where else " WHERE ")
        + "supporter_id = ''",
        params,
    ).fetchone()
    queue = escalation_queue(session, now)
    return DashboardFigures(
        period_from=period_from,
        period_to=period_to,
        unit=unit,
        encounters=total,
        people_reached=reached,
        per_month=per_month,
        by_unit_category=tables["unit_category"],
        by_role=tables["role_category"],
        by_event_category=tables["event_categories"],
        response_time=tables["response_time"],
        by_format=tables["format"],
        people_reached_by_format=people_by_format,
        escalation_level=tables["escalation_level"],
        referral_accepted=tables["referral_accepted"],
        followup={"planned": int(planned), "completed": int(completed)},
        needs_met=tables["needs_met"],
        supporter_distress=tables["supporter_own_distress"],
        supporter_load=load,
        supporter_load_unknown=int(unknown),
        escalations_open=len(queue),
        escalations_overdue=sum(1 for q in queue if q.overdue),
    )


def units(session: Session) -> list[str]:
    """Unit codes seen in imported encounters (for the dashboard's unit filter)."""
    return [
        str(u)
        for (u,) in session.db.execute(
            "SELECT DISTINCT unit_code FROM coord_encounters WHERE unit_code IS NOT NULL "
            "ORDER BY unit_code"
        )
    ]


def coded_encounters(
    session: Session,
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    unit: str | None = None,
) -> Iterable[dict[str, Any]]:
    """Imported encounters as coded records (lists decoded), oldest week first."""
    where, params = _where(period_from, period_to, unit)
    cursor = session.db.execute(
        f"SELECT {', '.join(fields.ENCOUNTER_FIELD_NAMES)} FROM coord_encounters{where} "
        "ORDER BY created_week, encounter_id",
        params,
    )
    for row in cursor:
        record: dict[str, Any] = {}
        for name, value in zip(fields.ENCOUNTER_FIELD_NAMES, row, strict=True):
            if name in LIST_FIELDS:
                record[name] = json.loads(value) if value else []
            elif name == "screen_positive":
                record[name] = None if value is None else bool(value)
            else:
                record[name] = value
        yield record


def figures_as_json(figures: DashboardFigures) -> Mapping[str, Any]:
    """Plain JSON of the figures (for tests and debugging; reports suppress before output)."""
    return asdict(figures)
