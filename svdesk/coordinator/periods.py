"""The period and unit a coordinator figure is for, as SQL conditions: ISO weeks
`period_from`..`period_to` (inclusive) of a week column, and a unit code."""

from __future__ import annotations

from typing import Any

from svdesk.exchange import weeks


def period_clauses(
    period_from: str | None,
    period_to: str | None,
    unit: str | None,
    week_column: str = "created_week",
) -> tuple[list[str], list[Any]]:
    """The conditions (to be joined with AND) and their parameters; bad weeks raise
    `InvalidInput` saying how to write one."""
    clauses: list[str] = []
    params: list[Any] = []
    if period_from is not None:
        weeks.parse_week(period_from)
        clauses.append(f"{week_column} >= ?")
        params.append(period_from)
    if period_to is not None:
        weeks.parse_week(period_to)
        clauses.append(f"{week_column} <= ?")
        params.append(period_to)
    if unit is not None:
        clauses.append("unit_code = ?")
        params.append(unit)
    return clauses, params
