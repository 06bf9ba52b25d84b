"""Outcomes of support (issue 14, item 4), from the coded records already imported.

Per case (the encounters of one workstation sharing a case code): the stress-continuum zone at
the first conversation against the zone at the last follow-up that assessed it, and for cases
that started outside green, whether and after how many ISO weeks a follow-up found them green.
Per escalation: whether it was closed by the end of its due week. Per encounter: referrals
offered and accepted, and contact within 30 minutes of the request.

The coordinator knows weeks, not days: "weeks to green" counts ISO weeks between the first
conversation and the first green follow-up (0 = the same week). Figures from fewer records than
the suppression threshold are withheld (`Outcome.value` is None), as in the reports.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from svdesk.access.session import Session
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.coordinator.periods import period_clauses
from svdesk.coordinator.suppression import DEFAULT_THRESHOLD, check_threshold, count_text
from svdesk.errors import InvalidInput
from svdesk.exchange import weeks


def zone_order() -> tuple[str, ...]:
    """The assessed stress zones, best first, as the record vocabulary lists them (the
    vocabulary's last code, "not assessed", is no zone)."""
    codes = load_record_vocabulary().codes("stress_zone")
    return tuple(c for c in codes if c != "not_assessed")


@dataclass(frozen=True)
class Outcome:
    """One figure: `part` of `whole` (a share), or a median (`whole` records behind it).

    `value` is None when `whole` is below the suppression threshold, or when the part or the
    rest of a share is a small count (1 to threshold - 1)."""

    code: str
    label: str
    part: int | None
    whole: int
    value: float | None
    reading: str  # plain-language reading aid

    @property
    def shown(self) -> bool:
        return self.value is not None

    def figure_text(self, threshold: int) -> str:
        """The figure as a report shows it: "83 %", "1.5 weeks", "withheld" or "no records"."""
        if self.value is None:
            return "no records" if self.whole == 0 else "withheld"
        if self.part is None:
            return f"{self.value:g} week" + ("" if self.value == 1 else "s")
        return f"{100 * self.value:.0f} %"

    def base_text(self, threshold: int) -> str:
        """The base as a report that leaves the coordinator may show it ("<11" when small)."""
        return count_text(self.whole, threshold)


@dataclass(frozen=True)
class OutcomeFigures:
    period_from: str | None
    period_to: str | None
    unit: str | None
    threshold: int
    cases_followed: int  # cases with a first conversation and an assessed follow-up
    zone_change: dict[str, int]  # improved / unchanged / worse (not suppressed here)
    outcomes: tuple[Outcome, ...]

    def outcome(self, label: str) -> Outcome:
        return next(o for o in self.outcomes if o.label == label)


IMPROVED = "Cases whose stress zone improved by the last follow-up"
REACHED_GREEN = "Cases that started outside green and reached green"
WEEKS_TO_GREEN = "Weeks from the first conversation to green (median)"
CLOSED_IN_TIME = "Escalations closed by the end of their due week"
REFERRAL_ACCEPTED = "Referrals offered that were accepted"
CONTACT_30 = "Requests answered within 30 minutes"


def _share(
    code: str, label: str, part: int, whole: int, *, threshold: int, reading: str
) -> Outcome:
    # The small-cell rule of the reports: a share is shown only when its base and both of its
    # counts (the part and the rest) are 0 or at least the threshold; 2 of 40 would give a
    # count of 2 away, and so would 38 of 40.
    small = whole < threshold or any(0 < n < threshold for n in (part, whole - part))
    return Outcome(
        code, label, None if small else part, whole, None if small else part / whole, reading
    )


def _case_rows(
    session: Session, period_from: str | None, period_to: str | None, unit: str | None
) -> dict[tuple[str, str], list[tuple[str, str, str | None, str | None]]]:
    """(workstation, case code) -> its encounters as (week, type, zone, unit), oldest first."""
    cases: dict[tuple[str, str], list[tuple[str, str, str | None, str | None]]] = {}
    for ws, case, week, kind, zone, unit_code in session.db.execute(
        "SELECT workstation_id, case_code, created_week, encounter_type, stress_zone, unit_code "
        "FROM coord_encounters WHERE case_code IS NOT NULL AND case_code != '' "
        "ORDER BY workstation_id, case_code, created_week, encounter_type = 'follow_up'"
    ):
        cases.setdefault((str(ws), str(case)), []).append((str(week), str(kind), zone, unit_code))
    selected = {}
    for key, rows in cases.items():
        first = next((r for r in rows if r[1] == "initial"), None)
        if first is None:
            continue  # the first conversation was never imported: no baseline
        week, _, _, unit_code = first
        if period_from is not None and week < period_from:
            continue
        if period_to is not None and week > period_to:
            continue
        if unit is not None and unit_code != unit:
            continue
        selected[key] = rows
    return selected


def _weeks_between(start: str, end: str) -> int:
    return (weeks.week_monday(end) - weeks.week_monday(start)).days // 7


def _case_outcomes(
    cases: Iterable[list[tuple[str, str, str | None, str | None]]], order: tuple[str, ...]
) -> tuple[dict[str, int], int, int, list[int]]:
    rank = {zone: i for i, zone in enumerate(order)}
    change = {"improved": 0, "unchanged": 0, "worse": 0}
    not_green = reached = 0
    to_green: list[int] = []
    for rows in cases:
        first = next(r for r in rows if r[1] == "initial")
        if first[2] not in rank:
            continue
        follow = [r for r in rows if r[1] == "follow_up" and r[2] in rank]
        if not follow:
            continue
        start, last = rank[str(first[2])], rank[str(follow[-1][2])]
        change["improved" if last < start else "worse" if last > start else "unchanged"] += 1
        if start > 0:
            not_green += 1
            green = next((r for r in follow if rank[str(r[2])] == 0), None)
            if green is not None:
                reached += 1
                to_green.append(max(0, _weeks_between(first[0], green[0])))
    return change, not_green, reached, to_green


def _escalations_in_time(
    session: Session,
    period_from: str | None,
    period_to: str | None,
    unit: str | None,
    now: datetime,
) -> tuple[int, int]:
    """(closed by the end of the due week, escalations whose due week has ended or that are
    closed). A close is dated by the coordinator's own close, else by the import that first
    reported the unit's close (an upper bound: the unit may have closed it earlier)."""
    this_week = weeks.iso_week(now)
    in_time = counted = 0
    for created, due, closed_at, unit_status, updated_at, unit_code in session.db.execute(
        "SELECT e.created_week, e.due_week, e.closed_at, e.unit_status, e.updated_at, "
        "w.unit_code FROM coord_escalations e "
        "LEFT JOIN workstations w ON w.workstation_id = e.workstation_id"
    ):
        if not due:
            continue
        if period_from is not None and (created or "") < period_from:
            continue
        if period_to is not None and (created or "") > period_to:
            continue
        if unit is not None and unit_code != unit:
            continue
        closed_when = closed_at or (updated_at if unit_status == "closed" else None)
        if closed_when is None:
            if due < this_week:
                counted += 1  # overdue and still open
            continue
        counted += 1
        if weeks.iso_week(datetime.fromisoformat(str(closed_when))) <= due:
            in_time += 1
    return in_time, counted


def outcome_figures(
    session: Session,
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    unit: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    now: datetime | None = None,
) -> OutcomeFigures:
    """The outcome figures of cases first seen in ISO weeks `period_from`..`period_to` and
    unit `unit` (escalations by the week they were raised; encounters by their week)."""
    check_threshold(threshold)
    for week in (period_from, period_to):
        if week is not None:
            weeks.parse_week(week)
    if period_from and period_to and period_from > period_to:
        raise InvalidInput(f"The period starts ({period_from}) after it ends ({period_to}).")
    order = zone_order()
    cases = _case_rows(session, period_from, period_to, unit)
    change, not_green, reached, to_green = _case_outcomes(cases.values(), order)
    followed = sum(change.values())
    in_time, escalations = _escalations_in_time(
        session, period_from, period_to, unit, now or datetime.now().astimezone()
    )
    period, params = period_clauses(period_from, period_to, unit)
    clauses = ["1 = 1", *period]
    where = " AND ".join(clauses)
    accepted, offered = session.db.execute(
        "SELECT coalesce(sum(referral_accepted = 'yes'), 0), count(*) FROM coord_encounters "
        f"WHERE referral_accepted IN ('yes', 'no') AND {where}",
        params,
    ).fetchone()
    quick, answered = session.db.execute(
        "SELECT coalesce(sum(response_time = 'le_30min'), 0), count(*) FROM coord_encounters "
        f"WHERE response_time IS NOT NULL AND {where}",
        params,
    ).fetchone()
    small = len(to_green) < threshold
    median = None if small or not to_green else float(statistics.median(to_green))
    outcomes = (
        _share(
            "improved",
            IMPROVED,
            change["improved"],
            followed,
            threshold=threshold,
            reading="Higher is better. Counts cases with a first conversation and at least one "
            "follow-up that assessed the zone; a case seen once is not in it.",
        ),
        _share(
            "reached_green",
            REACHED_GREEN,
            reached,
            not_green,
            threshold=threshold,
            reading="Higher is better. Green (ready) at any follow-up of a case that started "
            "yellow, orange or red.",
        ),
        Outcome(
            "weeks_to_green",
            WEEKS_TO_GREEN,
            None,
            len(to_green),
            median,
            "Lower is better. Counted in ISO weeks (the coordinator keeps no dates); 0 means "
            "the same week. A change of a week or more between periods is worth a look.",
        ),
        _share(
            "closed_in_time",
            CLOSED_IN_TIME,
            in_time,
            escalations,
            threshold=threshold,
            reading="Higher is better. Escalations whose due week has ended, or that are closed; a "
            "close reported by a unit is dated by the import that brought it, so late "
            "exports make this figure look worse than the care was.",
        ),
        _share(
            "referral_accepted",
            REFERRAL_ACCEPTED,
            int(accepted),
            int(offered),
            threshold=threshold,
            reading="Neither higher nor lower is better by itself: a colleague may rightly "
            "decline. A drop can point to barriers (cost, stigma, waiting times).",
        ),
        _share(
            "contact_30min",
            CONTACT_30,
            int(quick),
            int(answered),
            threshold=threshold,
            reading="Higher is better; peer programs promise contact within 30 minutes. Low use "
            "of the program can mean barriers to access, not low need.",
        ),
    )
    return OutcomeFigures(
        period_from=period_from,
        period_to=period_to,
        unit=unit,
        threshold=threshold,
        cases_followed=followed,
        zone_change=change,
        outcomes=outcomes,
    )
