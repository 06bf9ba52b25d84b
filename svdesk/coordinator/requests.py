"""Requests for support at the coordinator (issue 15, item 2): what the units' bundles reported
(format 3; coded, no names). A request that asks for a supporter from another unit and is still
open on its unit is *unmatched*: the coordinator finds a supporter elsewhere and calls the
requesting unit. The figures count requests by how soon first contact came, from real times."""

from __future__ import annotations

from dataclasses import dataclass

from svdesk.access.session import Session
from svdesk.coordinator.suppression import DEFAULT_THRESHOLD, SuppressedCounts, suppress_counts
from svdesk.exchange import weeks
from svdesk.exchange.fields import REQUEST_FIELDS


@dataclass(frozen=True)
class CoordRequest:
    request_id: str
    site_code: str | None
    unit_code: str | None
    requested_week: str
    source: str | None
    people: int | None
    urgency: str | None
    workstation_fingerprint: str | None  # whom to call: that unit's admin sees it in pairing


def unmatched_requests(session: Session) -> list[CoordRequest]:
    """Open requests that want a supporter from another unit, most urgent and oldest first."""
    urgencies = next(f.codes for f in REQUEST_FIELDS if f.name == "urgency")
    order = " ".join(f"WHEN '{u}' THEN {i}" for i, u in enumerate(urgencies))
    found = session.db.execute(
        "SELECT r.request_id, r.site_code, r.unit_code, r.requested_week, r.source, r.people, "
        "r.urgency, w.fingerprint FROM coord_requests r "
        "LEFT JOIN workstations w ON w.workstation_id = r.workstation_id "
        "WHERE r.other_unit = 1 AND r.status = 'open' "
        f"ORDER BY CASE r.urgency {order} ELSE 99 END, r.requested_week, r.request_id"
    ).fetchall()
    return [
        CoordRequest(
            request_id=str(r[0]),
            site_code=r[1],
            unit_code=r[2],
            requested_week=str(r[3]),
            source=r[4],
            people=None if r[5] is None else int(r[5]),
            urgency=r[6],
            workstation_fingerprint=r[7],
        )
        for r in found
    ]


def request_figures(
    session: Session,
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    unit: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> SuppressedCounts:
    """Requests of ISO weeks `period_from`..`period_to` by what became of them: first contact
    within 30 minutes / 24 hours / later (real times), still open, withdrawn."""
    clauses, params = ["1 = 1"], []
    for week, clause in ((period_from, "requested_week >= ?"), (period_to, "requested_week <= ?")):
        if week is not None:
            weeks.parse_week(week)
            clauses.append(clause)
            params.append(week)
    if unit is not None:
        clauses.append("unit_code = ?")
        params.append(unit)
    codes = next(f.codes for f in REQUEST_FIELDS if f.name == "response_time")
    counts = {code: 0 for code in (*codes, "open", "withdrawn")}
    for status, response, n in session.db.execute(
        "SELECT status, response_time, count(*) FROM coord_requests "
        f"WHERE {' AND '.join(clauses)} GROUP BY status, response_time",
        params,
    ):
        key = str(response) if status == "taken" and response in counts else str(status)
        if key in counts:
            counts[key] += int(n)
    return suppress_counts(counts, threshold=threshold)
