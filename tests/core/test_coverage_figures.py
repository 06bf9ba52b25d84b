"""On-call coverage gaps end to end (issue 15, item 4): a unit's roster with an exception, its
hours judged as they pass, exported in bundle format 4 and imported; the coordinator's figure
"hours in the last month with nobody on call" by unit, withheld below a week of hours, and a
resent or older bundle never replaces a newer week."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_bundle_support import coordinator_session
from test_coordinator import import_, pair_unit
from test_request_export import context_for

from svdesk.coordinator.coverage import coverage_gaps, last_month_weeks
from svdesk.progress import run_to_end
from svdesk.unit import export
from svdesk.unit.oncall import OFF, add_exception, exception_span, set_on_call
from svdesk.unit.oncall_coverage import record_coverage

BERLIN = ZoneInfo("Europe/Berlin")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN).astimezone(UTC)


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("svdesk.unit.oncall_coverage.workstation_zone", lambda: BERLIN)


def _unit(coord, unit: str, hours: str):  # type: ignore[no-untyped-def]
    session = pair_unit(coord, unit)
    session.db.execute(
        "INSERT INTO supporters (id, name, is_admin, created_at) VALUES (?, ?, 1, ?)",
        [session.supporter.id, "Alex", "2026-01-01T00:00:00+00:00"],
    )
    ctx = context_for(session)
    set_on_call(ctx, {session.supporter.id: (hours, "0170 111")}, BERLIN)
    return session


def test_the_coordinator_sees_the_hours_with_nobody_on_call_by_unit(tmp_path: Path) -> None:
    coord = coordinator_session()
    ed = _unit(coord, "ED1", "Mon-Fri 08:00-20:00")
    icu = _unit(coord, "ICU1", "24/7")
    late = _unit(coord, "NEW1", "24/7")
    ctx = replace(context_for(ed), now=lambda: at("2026-11-01T00:00"))
    add_exception(ctx, ed.supporter.id, OFF, exception_span("2026-11-18"), BERLIN)  # a Wednesday
    for session in (ed, icu):
        record_coverage(session, at("2026-11-02T00:00"), BERLIN)  # recording starts W45
        record_coverage(session, at("2026-11-16T00:00"), BERLIN)  # an unlock meanwhile
    record_coverage(late, at("2026-12-05T00:00"), BERLIN)  # its roster began on Saturday
    paths = []
    for session in (ed, icu, late):
        out = tmp_path / session.workstation.info.unit_code
        out.mkdir()
        made = run_to_end(export.export_bundle(session, out, now=lambda: at("2026-12-07T09:30")))
        paths.append(made.path)
    summary = import_(coord, *paths)
    assert summary.rejected == []

    today = date(2026, 12, 8)
    assert last_month_weeks(today) == ("2026-W46", "2026-W47", "2026-W48", "2026-W49")
    figures = coverage_gaps(coord, today=today)
    by_unit = {u.unit_code: u for u in figures.units}
    assert by_unit["ED1"].weeks_reported == 4
    assert by_unit["ED1"].hours == 4 * 168
    assert by_unit["ED1"].gap_hours == 4 * 108 + 12  # and the Wednesday off
    assert by_unit["ICU1"].gap_hours == 0
    assert by_unit["ICU1"].gap_share == 0.0
    # Two days of hours recorded: too little to show a share.
    assert by_unit["NEW1"].hours == 48
    assert not by_unit["NEW1"].shown
    assert by_unit["NEW1"].gap_share is None
    assert figures.gap_hours == 4 * 108 + 12
    assert figures.to_json()["units"][2]["gap_hours"] is None
    assert coverage_gaps(coord, today=today, unit="ICU1").units == (by_unit["ICU1"],)
    stored = coord.db.execute("SELECT gaps FROM coord_coverage").fetchall()
    assert all(isinstance(h, int) for (g,) in stored for h in json.loads(g))  # hours, no names

    # A later bundle updates the current week; the week's older copy never comes back.
    record_coverage(ed, at("2026-12-08T00:00"), BERLIN)
    out = tmp_path / "again"
    out.mkdir()
    second = run_to_end(export.export_bundle(ed, out, now=lambda: at("2026-12-08T00:00")))
    import_(coord, second.path)
    current = coord.db.execute(
        "SELECT hours FROM coord_coverage WHERE unit_code = 'ED1' AND week = '2026-W50'"
    ).fetchone()[0]
    assert current == 24
    import_(coord, paths[0])  # the first again: a duplicate, nothing changes
    assert coverage_gaps(coord, today=today).units == figures.units


def test_the_report_carries_the_months_coverage_by_unit(tmp_path: Path) -> None:
    from svdesk.coordinator.dashboard import dashboard_figures
    from svdesk.coordinator.reports import report_tables, write_report

    coord = coordinator_session()
    ed = _unit(coord, "ED1", "Mon-Fri 08:00-20:00")
    record_coverage(ed, at("2026-11-02T00:00"), BERLIN)
    record_coverage(ed, at("2026-11-30T00:00"), BERLIN)
    out = tmp_path / "out"
    out.mkdir()
    made = run_to_end(export.export_bundle(ed, out, now=lambda: at("2026-11-30T00:00")))
    import_(coord, made.path)
    figures = coverage_gaps(coord, today=date(2026, 12, 1))
    tables = report_tables(dashboard_figures(coord), coverage=figures, language="es")
    (table,) = [t for t in tables if t.key == "coverage"]
    assert table.title == "Horas sin nadie de guardia, de 2026-W45 a 2026-W48"
    assert table.rows[0][1:3] == ("ED1", 4 * 108)
    assert table.rows[0][4] == 4 * 168
    assert table.rows[-1][2] == 4 * 108  # the total
    report = tmp_path / "report.csv"
    run_to_end(write_report(coord, "csv", report))
    assert "Hours with nobody on call" in report.read_text(encoding="utf-8-sig")
