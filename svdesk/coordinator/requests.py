"""Requests for support at the coordinator (issue 15, item 2): what the units' bundles reported
(format 3; coded, no names). A request that asks for a supporter from another unit and is still
open on its unit is *unmatched*: the coordinator finds a supporter elsewhere and calls the
requesting unit. The figures count requests by how soon first contact came, from real times."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any, Final

from svdesk.access.session import Session
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.coordinator.periods import period_clauses
from svdesk.coordinator.suppression import (
    DEFAULT_THRESHOLD,
    SuppressedCounts,
    check_threshold,
    suppress_counts,
)
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


def _where(
    period_from: str | None, period_to: str | None, unit: str | None
) -> tuple[list[str], list[Any]]:
    clauses, params = period_clauses(period_from, period_to, unit, "requested_week")
    return ["1 = 1", *clauses], params


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
    clauses, params = _where(period_from, period_to, unit)
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


# Hours of day in bands of four: single hours would leave most cells below the threshold.
HOUR_BANDS: Final = tuple((start, start + 4) for start in range(0, 24, 4))


def hour_band(hour: int) -> str:
    start = hour - hour % 4
    return f"{start:02d}–{start + 4:02d}"


@dataclass(frozen=True)
class RequestTimes:
    """How soon first contact came, from the real times (issue 15, item 4)."""

    taken: int  # requests taken up whose minutes to contact are known
    median_minutes: float | None  # None below the threshold
    within_30: int | None  # None when the share is withheld (small part or rest)
    by_source: SuppressedCounts  # all requests by who asked
    by_hour: SuppressedCounts  # all requests by hour band of the day (the unit's local time)

    @property
    def within_30_share(self) -> float | None:
        return None if self.within_30 is None or not self.taken else self.within_30 / self.taken


def request_times(
    session: Session,
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    unit: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> RequestTimes:
    """Minutes from request to first contact (median, share within 30), and the period's
    requests by who asked and by hour of day, with the reports' small-cell rules."""
    check_threshold(threshold)
    clauses, params = _where(period_from, period_to, unit)
    where = " AND ".join(clauses)
    minutes = [
        int(m)
        for (m,) in session.db.execute(
            f"SELECT minutes_to_contact FROM coord_requests WHERE {where} "
            "AND status = 'taken' AND minutes_to_contact IS NOT NULL",
            params,
        )
    ]
    taken = len(minutes)
    quick = sum(1 for m in minutes if m <= 30)
    small = taken < threshold or any(0 < n < threshold for n in (quick, taken - quick))
    sources = {code: 0 for code in load_record_vocabulary().codes("activation_source")}
    hours = {f"{a:02d}–{b:02d}": 0 for a, b in HOUR_BANDS}
    for source, hour in session.db.execute(
        f"SELECT source, requested_hour FROM coord_requests WHERE {where}", params
    ):
        if source in sources:
            sources[str(source)] += 1
        if isinstance(hour, str) and hour.isdigit() and 0 <= int(hour) < 24:
            hours[hour_band(int(hour))] += 1
    return RequestTimes(
        taken=taken,
        median_minutes=None if taken < threshold else float(statistics.median(minutes)),
        within_30=None if small else quick,
        by_source=suppress_counts(sources, threshold=threshold),
        by_hour=suppress_counts(hours, threshold=threshold),
    )
