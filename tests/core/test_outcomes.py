"""Outcome figures (issue 14, item 4) from records that travelled unit → coordinator."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_bundle_support import FakeSession, coordinator_session, insert_encounter, unit_session
from test_coordinator import export_now, import_, pair_unit

from svdesk.coordinator.outcomes import (
    CLOSED_IN_TIME,
    CONTACT_30,
    IMPROVED,
    REACHED_GREEN,
    REFERRAL_ACCEPTED,
    WEEKS_TO_GREEN,
    outcome_figures,
    zone_order,
)
from svdesk.coordinator.queue import close_escalation, outcome_codes
from svdesk.errors import InvalidInput, ValidationError
from svdesk.unit import export

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
OUTCOME = outcome_codes()[0]


def _case(
    unit: FakeSession, code: str, zones: list[tuple[str, str]], unit_code: str = "ED1"
) -> None:
    """One case: its first conversation and follow-ups as (date, zone), oldest first."""
    (day, zone), *follow = zones
    insert_encounter(unit.db, case_code=code, created_at=day, stress_zone=zone, unit=unit_code)
    for day, zone in follow:
        insert_encounter(
            unit.db,
            case_code=code,
            created_at=day,
            stress_zone=zone,
            encounter_type="follow_up",
            unit=unit_code,
        )


def _coordinator_with(tmp_path: Path, fill) -> FakeSession:  # type: ignore[no-untyped-def]
    coord = coordinator_session()
    unit = pair_unit(coord)
    fill(unit)
    import_(coord, export_now(unit, tmp_path))
    return coord


def test_zone_order_is_the_vocabularys_best_first() -> None:
    assert zone_order() == ("green", "yellow", "orange", "red")


def test_cases_improving_reaching_green_and_weeks_to_green(tmp_path: Path) -> None:
    def fill(unit: FakeSession) -> None:
        # 8 cases from orange to green after 1 week, 2 from yellow to green the same week,
        # 2 from green to yellow (worse), 5 unchanged red, one whose follow-up did not assess
        # the zone and one seen once (neither counted).
        for i in range(8):
            _case(unit, f"A{i}", [("2026-11-02", "orange"), ("2026-11-10", "green")])
        for i in range(2):
            _case(unit, f"B{i}", [("2026-11-02", "yellow"), ("2026-11-04", "green")])
        for i in range(2):
            _case(unit, f"C{i}", [("2026-11-02", "green"), ("2026-11-16", "yellow")])
        for i in range(5):
            _case(unit, f"D{i}", [("2026-11-02", "red"), ("2026-11-09", "red")])
        _case(unit, "N0", [("2026-11-02", "red"), ("2026-11-16", "not_assessed")])
        _case(unit, "E0", [("2026-11-02", "yellow")])

    coord = _coordinator_with(tmp_path, fill)
    figures = outcome_figures(coord, threshold=5, now=NOW)
    assert figures.zone_change == {"improved": 10, "unchanged": 5, "worse": 2}
    assert figures.cases_followed == 17
    improved = figures.outcome(IMPROVED)
    assert (improved.part, improved.whole) == (10, 17)
    assert improved.value == pytest.approx(10 / 17)
    assert improved.figure_text(5) == "59 %"
    green = figures.outcome(REACHED_GREEN)
    assert (green.part, green.whole) == (10, 15)  # of the 15 followed cases not green at first
    weeks = figures.outcome(WEEKS_TO_GREEN)
    assert weeks.whole == 10
    assert weeks.value == 1.0  # eight after one week, two in the same week: median 1
    assert weeks.figure_text(5) == "1 week"
    assert "Lower is better" in weeks.reading


def test_figures_below_the_threshold_are_withheld(tmp_path: Path) -> None:
    def fill(unit: FakeSession) -> None:
        for i in range(4):
            _case(unit, f"A{i}", [("2026-11-02", "orange"), ("2026-11-10", "green")])

    coord = _coordinator_with(tmp_path, fill)
    figures = outcome_figures(coord, threshold=5, now=NOW)
    improved = figures.outcome(IMPROVED)
    assert improved.whole == 4
    assert improved.value is None
    assert improved.part is None
    assert not improved.shown
    assert figures.outcome(WEEKS_TO_GREEN).value is None
    assert improved.figure_text(5) == "withheld"
    assert improved.base_text(5) == "<5"


def test_a_share_whose_rest_is_a_small_count_is_withheld(tmp_path: Path) -> None:
    # 9 of 11 improved would give away that 2 did not.
    def fill(unit: FakeSession) -> None:
        for i in range(9):
            _case(unit, f"A{i}", [("2026-11-02", "orange"), ("2026-11-10", "green")])
        for i in range(2):
            _case(unit, f"D{i}", [("2026-11-02", "red"), ("2026-11-09", "red")])

    coord = _coordinator_with(tmp_path, fill)
    improved = outcome_figures(coord, threshold=5, now=NOW).outcome(IMPROVED)
    assert improved.whole == 11
    assert improved.value is None


def test_period_and_unit_select_cases_by_their_first_conversation(tmp_path: Path) -> None:
    coord = coordinator_session()
    for unit_code, start in (("ED1", "2026-10-05"), ("ICU", "2026-11-02")):
        unit = unit_session(unit=unit_code)
        export.pair(unit, coord_card(coord))
        for i in range(5):
            _case(unit, f"{unit_code}{i}", [(start, "orange"), ("2026-11-23", "green")], unit_code)
        (tmp_path / unit_code).mkdir()
        import_(coord, export_now(unit, tmp_path / unit_code))
    everything = outcome_figures(coord, threshold=5, now=NOW).outcome(IMPROVED)
    assert everything.whole == 10
    icu = outcome_figures(coord, unit="ICU", threshold=5, now=NOW).outcome(IMPROVED)
    assert icu.whole == 5
    november = outcome_figures(coord, period_from="2026-W45", threshold=5, now=NOW)
    assert november.outcome(IMPROVED).whole == 5  # the ED1 cases began in October
    # Weeks to green from October (W41) to W48 = 7 weeks, from W45 to W48 = 3.
    assert outcome_figures(coord, unit="ED1", threshold=5, now=NOW).outcome(
        WEEKS_TO_GREEN
    ).value == pytest.approx(7.0)


def coord_card(coord: FakeSession) -> bytes:
    from svdesk.coordinator.keys import card_bytes

    return card_bytes(coord)


def test_referrals_and_contact_within_30_minutes(tmp_path: Path) -> None:
    def fill(unit: FakeSession) -> None:
        for i in range(6):
            insert_encounter(unit.db, case_code=f"R{i}", referral_accepted="yes")
        for i in range(5):
            insert_encounter(
                unit.db, case_code=f"S{i}", referral_accepted="no", response_time="gt_24h"
            )
        insert_encounter(unit.db, case_code="T0", referral_accepted="not_offered")

    coord = _coordinator_with(tmp_path, fill)
    figures = outcome_figures(coord, threshold=5, now=NOW)
    referral = figures.outcome(REFERRAL_ACCEPTED)
    assert (referral.part, referral.whole) == (6, 11)  # "not offered" is not in the base
    contact = figures.outcome(CONTACT_30)
    assert (contact.part, contact.whole) == (7, 12)


def test_escalations_closed_by_the_end_of_their_due_week(tmp_path: Path) -> None:
    from test_bundle_support import insert_escalation

    def fill(unit: FakeSession) -> None:
        for i in range(12):
            enc = insert_encounter(unit.db, case_code=f"E{i}")
            insert_escalation(
                unit.db,
                encounter=enc,
                created_at="2026-11-02T10:00:00+00:00",
                due_at="2026-11-05T10:00:00+00:00",  # due in W45
            )

    coord = _coordinator_with(tmp_path, fill)
    rows = list(coord.db.query("SELECT escalation_id FROM coord_escalations ORDER BY 1"))
    assert len(rows) == 12
    # Six closed within W45 (2–8 November), one closed in W47 (late), five still open and
    # overdue.
    days = ["2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07", "2026-11-08"]
    for row, closed in zip(rows, [*days, "2026-11-18"], strict=False):
        close_escalation(
            coord,
            row["escalation_id"],
            OUTCOME,
            now=datetime.fromisoformat(closed + "T09:00:00+00:00"),
        )
    closed = outcome_figures(coord, threshold=5, now=NOW).outcome(CLOSED_IN_TIME)
    assert (closed.part, closed.whole) == (6, 12)


def test_bad_periods_and_thresholds_are_refused(tmp_path: Path) -> None:
    coord = coordinator_session()
    with pytest.raises(InvalidInput, match="after it ends"):
        outcome_figures(coord, period_from="2026-W10", period_to="2026-W01")
    with pytest.raises(InvalidInput):
        outcome_figures(coord, period_from="2026-13")
    with pytest.raises(ValidationError, match="minimum"):
        outcome_figures(coord, threshold=2)
