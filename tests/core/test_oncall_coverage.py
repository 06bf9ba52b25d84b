"""On-call coverage (issue 15, item 4): the hours of each ISO week with nobody on call, from the
roster with its exceptions, in real hours of Europe/Berlin (167 and 169 in the weeks the clocks
change), judged once by the roster as it was, and what a bundle carries of it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_cases_support import Unit, new_unit

from svdesk.unit.oncall import OFF, ON, add_exception, exception_span, set_on_call
from svdesk.unit.oncall_coverage import (
    coverage_for_export,
    gap_hours,
    record_coverage,
    roster_plans,
    stored_coverage,
)

BERLIN = ZoneInfo("Europe/Berlin")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


@pytest.fixture
def unit(tmp_path: Path) -> Unit:
    made = new_unit(tmp_path)
    for sid, name in (("sup-A", "Alex"), ("sup-B", "Blake")):
        made.db.execute(
            "INSERT INTO supporters (id, name, is_admin, created_at) VALUES (?, ?, 0, ?)",
            [sid, name, "2026-01-01T00:00:00+00:00"],
        )
    made.clock.at = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    return made


def roster(unit: Unit, weekly: dict[str, str]) -> None:
    set_on_call(unit.ctx("sup-A", admin=True), {k: (v, None) for k, v in weekly.items()}, BERLIN)


def weeks_of(unit: Unit, first: str, last: str) -> dict[str, tuple[int, int]]:
    found = gap_hours(roster_plans(unit.db), at(first), at(last), BERLIN)
    return {w.week: (w.hours, len(w.gaps)) for w in found}


def test_office_hours_leave_108_gaps_a_week_and_dst_weeks_have_167_and_169_hours(
    unit: Unit,
) -> None:
    roster(unit, {"sup-A": "Mon-Fri 08:00-20:00"})
    assert weeks_of(unit, "2026-03-16T00:00", "2026-04-06T00:00") == {
        "2026-W12": (168, 108),
        "2026-W13": (167, 107),  # 29 March: 02:00 never comes (a night hour: a gap anyway)
        "2026-W14": (168, 108),
    }
    assert weeks_of(unit, "2026-10-19T00:00", "2026-10-26T00:00") == {"2026-W43": (169, 109)}
    # Hour 0 is Monday 00:00; Monday 08:00-20:00 is covered; after the change hours shift.
    (autumn,) = gap_hours(roster_plans(unit.db), at("2026-10-19"), at("2026-10-26"), BERLIN)
    assert [h for h in autumn.gaps if h < 24] == [0, 1, 2, 3, 4, 5, 6, 7, 20, 21, 22, 23]
    assert autumn.gaps[-1] == 168  # Sunday 23:00, the week's 169th hour


def test_day_and_night_shifts_cover_the_clock_change_nights(unit: Unit) -> None:
    roster(unit, {"sup-A": "Mon-Sun 08:00-20:00", "sup-B": "Mon-Sun 20:00-08:00"})
    assert weeks_of(unit, "2026-03-23T00:00", "2026-03-30T00:00") == {"2026-W13": (167, 0)}
    assert weeks_of(unit, "2026-10-19T00:00", "2026-10-26T00:00") == {"2026-W43": (169, 0)}


def test_a_shift_ending_at_half_past_leaves_that_hour_a_gap(unit: Unit) -> None:
    roster(unit, {"sup-A": "Mon 00:00-08:30, Mon 09:00-24:00, Tue-Sun 00:00-24:00"})
    (week,) = gap_hours(roster_plans(unit.db), at("2026-12-07"), at("2026-12-14"), BERLIN)
    assert week.gaps == (8,)


def test_exceptions_count_time_off_and_extra_shifts(unit: Unit) -> None:
    roster(unit, {"sup-A": "Mon-Fri 08:00-20:00"})
    admin = unit.ctx("sup-A", admin=True)
    add_exception(admin, "sup-A", OFF, exception_span("2026-12-09"), BERLIN)  # Wednesday
    add_exception(admin, "sup-B", ON, exception_span("2026-12-12", times="08:00-20:00"), BERLIN)
    assert weeks_of(unit, "2026-12-07T00:00", "2026-12-14T00:00") == {
        "2026-W50": (168, 108 + 12 - 12)
    }


def test_hours_are_judged_once_by_the_roster_as_it_was(unit: Unit) -> None:
    roster(unit, {"sup-A": "Mon-Fri 08:00-20:00"})
    add_exception(unit.ctx("sup-A", admin=True), "sup-A", OFF, exception_span("2026-12-09"), BERLIN)
    ctx = unit.ctx()
    unit.clock.at = at("2026-12-07T00:20").astimezone(UTC)
    assert record_coverage(ctx, unit.clock.at, BERLIN) == 0  # the first time: recording starts now
    unit.clock.at = at("2026-12-14T00:05").astimezone(UTC)
    assert record_coverage(ctx, unit.clock.at, BERLIN) == 168
    assert [(w.week, w.hours, len(w.gaps)) for w in stored_coverage(unit.db)] == [
        ("2026-W50", 168, 120)
    ]
    roster(unit, {"sup-A": "24/7"})  # changed: the past week stays as it was
    unit.clock.at = at("2026-12-15T00:00").astimezone(UTC)
    assert record_coverage(ctx, unit.clock.at, BERLIN) == 24
    unit.clock.at = at("2026-12-14T12:00").astimezone(UTC)  # a clock stepped back
    assert record_coverage(ctx, unit.clock.at, BERLIN) == 0
    assert [(w.week, w.hours, len(w.gaps)) for w in stored_coverage(unit.db)] == [
        ("2026-W50", 168, 120),
        ("2026-W51", 24, 0),
    ]


def test_a_unit_without_a_roster_reports_no_coverage(unit: Unit) -> None:
    ctx = unit.ctx()
    unit.clock.at = at("2026-12-07T00:00").astimezone(UTC)
    record_coverage(ctx, unit.clock.at, BERLIN)
    unit.clock.at = at("2026-12-09T00:00").astimezone(UTC)
    assert record_coverage(ctx, unit.clock.at, BERLIN) == 0
    assert coverage_for_export(ctx, unit.clock.at, BERLIN) == []


def test_a_bundle_carries_the_last_six_weeks(unit: Unit) -> None:
    roster(unit, {"sup-A": "Mon-Sun 00:00-12:00"})
    ctx = unit.ctx()
    unit.clock.at = at("2026-10-05T00:00").astimezone(UTC)
    record_coverage(ctx, unit.clock.at, BERLIN)
    for n in range(1, 10):  # an unlock every Monday at 00:00 (wall clock)
        unit.clock.at = (at("2026-10-05T00:00") + timedelta(weeks=n)).astimezone(UTC)
        record_coverage(ctx, unit.clock.at, BERLIN)
    unit.clock.at = at("2026-12-07T05:00").astimezone(UTC)
    sent = coverage_for_export(ctx, unit.clock.at, BERLIN)
    assert [w["week"] for w in sent] == [f"2026-W{n}" for n in range(45, 51)]
    assert sent[-1] == {"week": "2026-W50", "hours": 5, "gaps": []}
    assert sent[0]["hours"] == 168
    assert len(sent[0]["gaps"]) == 84
