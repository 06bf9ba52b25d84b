"""Exceptions to the on-call roster (issue 15, item 2): a supporter off for some days or on for an
extra shift; who is on call now and next honours them at midnight, at an exception that ends at
00:00, on both DST change days of Europe/Berlin, and where a shift and an exception overlap. Bad
spans are refused with a message and nothing is saved; changes are audited; a v7 store migrates.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_cases_support import Unit, new_unit

from svdesk.access.workstation import Workstation
from svdesk.errors import InvalidInput, NotPermitted
from svdesk.storage import schema
from svdesk.unit.context import context_for
from svdesk.unit.oncall import (
    OFF,
    ON,
    OnCallNow,
    add_exception,
    exception_span,
    exceptions,
    on_call_now,
    remove_exception,
    set_on_call,
    shifts,
)
from tests.fakes import ADMIN_PASSPHRASE, close_session, make_session, session_secrets

BERLIN = ZoneInfo("Europe/Berlin")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def wall(text: str) -> datetime:
    return datetime.fromisoformat(text)


def summary(state: OnCallNow) -> tuple[list[tuple[str, str | None]], tuple[str, str] | None]:
    """([(name, until)], (next name, from)) with the times as ISO text (offset included)."""
    now = [(p.name, p.until.isoformat(timespec="minutes") if p.until else None) for p in state.now]
    after = state.next
    upcoming = (
        (after.name, after.starts.isoformat(timespec="minutes"))
        if after is not None and after.starts is not None
        else None
    )
    return now, upcoming


@pytest.fixture
def unit(tmp_path: Path) -> Unit:
    made = new_unit(tmp_path)
    for sid, name in (("sup-A", "Alex"), ("sup-B", "Blake"), ("sup-C", "Casey")):
        made.db.execute(
            "INSERT INTO supporters (id, name, is_admin, created_at) VALUES (?, ?, 0, ?)",
            [sid, name, "2026-01-01T00:00:00+00:00"],
        )
    made.clock.at = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # before both DST changes of 2026
    return made


def state(unit: Unit, when: str) -> tuple[list[tuple[str, str | None]], tuple[str, str] | None]:
    return summary(on_call_now(unit.ctx(), at(when), BERLIN))


def add(unit: Unit, sid: str, kind: str, first: str, *, last: str = "", times: str = "") -> str:
    admin = unit.ctx("sup-A", admin=True)
    return add_exception(admin, sid, kind, exception_span(first, last, times), BERLIN).id


# -- off for whole days: midnight and an exception ending at 00:00 ------------------------------
def test_a_day_off_ends_at_midnight(unit: Unit) -> None:
    set_on_call(unit.ctx("sup-A", admin=True), {"sup-A": ("24/7", "0170 111")}, BERLIN)
    add(unit, "sup-A", OFF, "2026-12-07")
    assert state(unit, "2026-12-06T23:59") == ([("Alex", "2026-12-07T00:00+01:00")], None)
    assert state(unit, "2026-12-07T00:00") == ([], ("Alex", "2026-12-08T00:00+01:00"))
    assert state(unit, "2026-12-07T23:59") == ([], ("Alex", "2026-12-08T00:00+01:00"))
    # Back at 00:00, and on call around the clock again: no "until".
    assert state(unit, "2026-12-08T00:00") == ([("Alex", None)], None)


def test_leave_over_days_removes_the_weekly_shifts_only_then(unit: Unit) -> None:
    admin = unit.ctx("sup-A", admin=True)
    set_on_call(
        admin,
        {"sup-A": ("Mon-Fri 08:00-20:00", None), "sup-B": ("Mon-Thu 20:00-08:00", None)},
        BERLIN,
    )
    add(unit, "sup-A", OFF, "2026-12-07", last="2026-12-08")  # Monday and Tuesday
    assert state(unit, "2026-12-04T19:59") == (
        [("Alex", "2026-12-04T20:00+01:00")],
        ("Blake", "2026-12-07T20:00+01:00"),  # Blake has no Friday nights
    )
    assert state(unit, "2026-12-07T10:00") == ([], ("Blake", "2026-12-07T20:00+01:00"))
    assert state(unit, "2026-12-08T23:59") == (
        [("Blake", "2026-12-09T08:00+01:00")],
        ("Alex", "2026-12-09T08:00+01:00"),  # back on Wednesday morning
    )
    assert state(unit, "2026-12-09T07:59") == (
        [("Blake", "2026-12-09T08:00+01:00")],
        ("Alex", "2026-12-09T08:00+01:00"),
    )
    assert state(unit, "2026-12-09T08:00") == (
        [("Alex", "2026-12-09T20:00+01:00")],
        ("Blake", "2026-12-09T20:00+01:00"),
    )


def test_a_shift_from_the_weekend_pattern_and_the_last_day_of_leave(unit: Unit) -> None:
    set_on_call(unit.ctx("sup-A", admin=True), {"sup-C": ("Fri 20:00-Mon 08:00", None)}, BERLIN)
    add(unit, "sup-C", OFF, "2026-12-05")  # Saturday only: Friday night until midnight stays
    assert state(unit, "2026-12-04T23:00") == ([("Casey", "2026-12-05T00:00+01:00")], None)
    assert state(unit, "2026-12-05T12:00") == ([], ("Casey", "2026-12-06T00:00+01:00"))
    assert state(unit, "2026-12-06T00:00") == ([("Casey", "2026-12-07T08:00+01:00")], None)


# -- extra shifts: ending at 00:00, and overlapping a weekly shift ----------------------------
def test_an_extra_shift_that_ends_at_midnight(unit: Unit) -> None:
    set_on_call(unit.ctx("sup-A", admin=True), {"sup-A": ("Mon-Fri 08:00-20:00", None)}, BERLIN)
    assert exception_span("2026-12-05", "", "18:00-00:00") == exception_span(
        "2026-12-05", "", "18:00-24:00"
    )
    add(unit, "sup-B", ON, "2026-12-05", times="18:00-24:00")  # Saturday evening
    assert state(unit, "2026-12-05T17:59") == ([], ("Blake", "2026-12-05T18:00+01:00"))
    assert state(unit, "2026-12-05T23:59") == (
        [("Blake", "2026-12-06T00:00+01:00")],
        ("Alex", "2026-12-07T08:00+01:00"),
    )
    assert state(unit, "2026-12-06T00:00") == ([], ("Alex", "2026-12-07T08:00+01:00"))


def test_an_extra_shift_overlapping_the_own_weekly_shift_extends_it(unit: Unit) -> None:
    set_on_call(unit.ctx("sup-A", admin=True), {"sup-A": ("Mon-Fri 08:00-20:00", None)}, BERLIN)
    add(unit, "sup-A", ON, "2026-12-09", times="18:00-23:00")  # Wednesday, two hours overlap
    add(unit, "sup-A", ON, "2026-12-10", times="06:00-08:00")  # Thursday, ends as the shift starts
    assert state(unit, "2026-12-09T10:00") == ([("Alex", "2026-12-09T23:00+01:00")], None)
    assert state(unit, "2026-12-09T23:00") == ([], ("Alex", "2026-12-10T06:00+01:00"))
    assert state(unit, "2026-12-10T06:30") == ([("Alex", "2026-12-10T20:00+01:00")], None)


def test_time_off_inside_a_shift_splits_it(unit: Unit) -> None:
    set_on_call(unit.ctx("sup-A", admin=True), {"sup-A": ("Mon-Fri 08:00-20:00", None)}, BERLIN)
    add(unit, "sup-A", OFF, "2026-12-10", times="12:00-14:00")
    assert state(unit, "2026-12-10T11:00") == ([("Alex", "2026-12-10T12:00+01:00")], None)
    assert state(unit, "2026-12-10T12:00") == ([], ("Alex", "2026-12-10T14:00+01:00"))
    assert state(unit, "2026-12-10T14:00") == ([("Alex", "2026-12-10T20:00+01:00")], None)


def test_someone_with_only_an_extra_shift_is_reached_on_the_number_they_share(
    unit: Unit,
) -> None:
    admin = unit.ctx("sup-A", admin=True)
    set_on_call(admin, {"sup-C": ("", "0170 333")}, BERLIN)
    assert [(s.name, s.hours, s.phone) for s in shifts(admin)] == [("Casey", "", "0170 333")]
    assert on_call_now(admin, at("2026-12-24T21:00"), BERLIN).now == ()
    add(unit, "sup-C", ON, "2026-12-24", times="20:00-08:00")
    night = on_call_now(admin, at("2026-12-24T21:00"), BERLIN)
    assert [(p.name, p.phone) for p in night.now] == [("Casey", "0170 333")]
    assert summary(night)[0] == [("Casey", "2026-12-25T08:00+01:00")]


# -- handing a shift over: off first, then the extra shift ------------------------------------
def test_a_swap_needs_the_off_first_and_keeps_one_supporter_on_call(unit: Unit) -> None:
    admin = unit.ctx("sup-A", admin=True)
    set_on_call(
        admin,
        {"sup-A": ("Mon-Fri 08:00-20:00", None), "sup-B": ("Mon-Thu 20:00-08:00", None)},
        BERLIN,
    )
    with pytest.raises(InvalidInput) as caught:
        add(unit, "sup-A", ON, "2026-12-09", times="20:00-08:00")
    assert caught.value.message.startswith(
        "Blake is on call then too (first at Wed 2026-12-09 20:00); to hand that time to Alex, "
        "first take Blake off for it"
    )
    assert exceptions(admin, BERLIN) == []
    blake_off = add(unit, "sup-B", OFF, "2026-12-09", times="20:00-08:00")
    add(unit, "sup-A", ON, "2026-12-09", times="20:00-08:00")
    # Alex's extra night runs into the own Thursday shift: on call until Thursday 20:00.
    assert state(unit, "2026-12-09T23:00") == (
        [("Alex", "2026-12-10T20:00+01:00")],
        ("Blake", "2026-12-10T20:00+01:00"),
    )
    assert state(unit, "2026-12-10T20:00") == (
        [("Blake", "2026-12-11T08:00+01:00")],
        ("Alex", "2026-12-11T08:00+01:00"),
    )
    with pytest.raises(InvalidInput, match="remove the extra shift of Alex first"):
        remove_exception(admin, blake_off, BERLIN)
    assert len(exceptions(admin, BERLIN)) == 2
    with pytest.raises(InvalidInput) as weekly:
        set_on_call(
            admin,
            {"sup-A": ("Mon-Fri 08:00-20:00", None), "sup-C": ("Wed 20:00-Thu 08:00", None)},
            BERLIN,
        )
    assert "Casey overlap the extra shift of Alex (first at Wed 2026-12-09 20:00)" in (
        weekly.value.message
    )
    assert [s.supporter_id for s in shifts(admin)] == ["sup-A", "sup-B"]  # nothing saved


# -- DST in Europe/Berlin: 2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET
def test_a_day_off_on_the_spring_change_lasts_23_hours(unit: Unit) -> None:
    set_on_call(unit.ctx("sup-A", admin=True), {"sup-A": ("24/7", None)}, BERLIN)
    add(unit, "sup-A", OFF, "2026-03-29")
    before = on_call_now(unit.ctx(), at("2026-03-28T23:59"), BERLIN)
    during = on_call_now(unit.ctx(), at("2026-03-29T12:00"), BERLIN)
    assert summary(before) == ([("Alex", "2026-03-29T00:00+01:00")], None)
    assert summary(during) == ([], ("Alex", "2026-03-30T00:00+02:00"))
    assert before.now[0].until is not None
    assert during.next is not None
    assert during.next.starts is not None
    off = during.next.starts.astimezone(UTC) - before.now[0].until.astimezone(UTC)
    assert off.total_seconds() == 23 * 3600


def test_an_extra_shift_from_the_skipped_hour_starts_when_the_clocks_jump(unit: Unit) -> None:
    add(unit, "sup-B", ON, "2026-03-29", times="02:30-05:00")
    assert state(unit, "2026-03-29T01:59") == ([], ("Blake", "2026-03-29T03:00+02:00"))
    jumped = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 03:00 CEST, the first minute after 01:59
    assert summary(on_call_now(unit.ctx(), jumped, BERLIN)) == (
        [("Blake", "2026-03-29T05:00+02:00")],
        None,
    )


def test_an_extra_night_over_the_autumn_change_lasts_an_hour_longer(unit: Unit) -> None:
    add(unit, "sup-B", ON, "2026-10-25", times="00:00-06:00")
    first_0230 = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    second_0230 = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET
    for moment in (first_0230, second_0230):
        assert summary(on_call_now(unit.ctx(), moment, BERLIN)) == (
            [("Blake", "2026-10-25T06:00+01:00")],
            None,
        )
    starts = at("2026-10-25T00:00").astimezone(UTC)
    ends = datetime(2026, 10, 25, 5, 0, tzinfo=UTC)  # 06:00 CET
    assert (ends - starts).total_seconds() == 7 * 3600


def test_a_shift_ending_in_the_repeated_hour_never_ends_before_now(unit: Unit) -> None:
    add(unit, "sup-B", ON, "2026-10-25", times="01:00-02:30")
    first = on_call_now(unit.ctx(), datetime(2026, 10, 25, 0, 10, tzinfo=UTC), BERLIN)  # 02:10
    assert first.now[0].until is not None
    assert first.now[0].until.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    # The clocks go back: 02:10 again, still before 02:30 on the wall: on call until the
    # second 02:30 (01:30 UTC), not until a moment already past.
    second = on_call_now(unit.ctx(), datetime(2026, 10, 25, 1, 10, tzinfo=UTC), BERLIN)
    assert second.now[0].until is not None
    assert second.now[0].until.astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


# -- bad input: a message saying what is wrong and what to do; nothing saved ------------------
@pytest.mark.parametrize(
    ("first", "last", "times", "message"),
    [
        ("", "", "", "Enter the first day as YYYY-MM-DD"),
        ("24.12.2026", "", "", "'24.12.2026' is not a date; write the first day as YYYY-MM-DD"),
        ("2026-12-24", "2026-02-30", "", "'2026-02-30' is not a date; write the last day"),
        ("2026-12-14", "2026-12-10", "", "The last day (2026-12-10) is before the first day"),
        ("2026-12-14", "2026-12-14", "20:00-08:00", "would end (Mon 2026-12-14 08:00) before"),
        ("2026-12-14", "", "8-20", "'8-20' are not times; write them as HH:MM-HH:MM"),
        ("2026-12-14", "", "24:00-08:00", "'24:00-08:00' are not times"),
        ("2026-12-14", "", "08:00-08:00", "starts and ends at the same time"),
        ("2026-01-01", "2027-01-02", "", "at most 366 days"),
    ],
)
def test_spans_that_cannot_be_used_say_why(first: str, last: str, times: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        exception_span(first, last, times)
    assert message in caught.value.message


def test_spans_typed_the_ways_an_admin_would(unit: Unit) -> None:
    assert exception_span(" 2026-12-24 ") == (wall("2026-12-24T00:00"), wall("2026-12-25T00:00"))
    assert exception_span("2026-12-24", "2026-12-26") == (
        wall("2026-12-24T00:00"),
        wall("2026-12-27T00:00"),
    )
    assert exception_span("2026-12-24", "", "20:00 – 08:00") == (
        wall("2026-12-24T20:00"),
        wall("2026-12-25T08:00"),
    )
    assert exception_span("2026-12-24", "2026-12-27", "20:00-08:00") == (
        wall("2026-12-24T20:00"),
        wall("2026-12-27T08:00"),
    )


def test_a_past_only_exception_is_refused_but_one_still_running_is_kept(unit: Unit) -> None:
    unit.clock.at = at("2026-12-09T10:00").astimezone(UTC)
    with pytest.raises(InvalidInput) as caught:
        add(unit, "sup-B", OFF, "2026-12-07", last="2026-12-08")
    assert caught.value.message == (
        "Mon 2026-12-07 – Tue 2026-12-08 is over already (it is Wed 2026-12-09 10:00 now); "
        "enter an exception that ends in the future."
    )
    with pytest.raises(InvalidInput, match="is over already"):
        add(unit, "sup-B", ON, "2026-12-09", times="06:00-10:00")  # ends this very minute
    assert exceptions(unit.ctx(), BERLIN) == []
    add(unit, "sup-B", OFF, "2026-12-08", last="2026-12-11")  # off sick since yesterday
    assert [e.describe() for e in exceptions(unit.ctx(), BERLIN)] == [
        "Blake, off: Tue 2026-12-08 – Fri 2026-12-11"
    ]
    unit.clock.at = at("2026-12-12T00:00").astimezone(UTC)
    assert exceptions(unit.ctx(), BERLIN) == []  # over at 00:00 after the last day


def test_overlapping_exceptions_of_one_supporter_are_refused_touching_ones_kept(
    unit: Unit,
) -> None:
    add(unit, "sup-B", OFF, "2026-12-14", last="2026-12-18")
    with pytest.raises(InvalidInput) as caught:
        add(unit, "sup-B", ON, "2026-12-18", times="20:00-08:00")
    assert caught.value.message == (
        "Blake is off then already (Mon 2026-12-14 – Fri 2026-12-18); remove that exception "
        "first, or choose times that do not overlap it. Nothing was saved."
    )
    with pytest.raises(InvalidInput, match="Blake is off then already"):
        add(unit, "sup-B", OFF, "2026-12-10", last="2026-12-14")
    add(unit, "sup-B", ON, "2026-12-24", times="20:00-08:00")
    with pytest.raises(InvalidInput, match=r"Blake has an extra shift then already \(Thu"):
        add(unit, "sup-B", OFF, "2026-12-25")
    add(unit, "sup-B", OFF, "2026-12-19")  # starts at 00:00 as the other ends: no overlap
    add(unit, "sup-A", OFF, "2026-12-14", last="2026-12-18")  # another supporter: no overlap
    assert [e.describe() for e in exceptions(unit.ctx(), BERLIN)] == [
        "Alex, off: Mon 2026-12-14 – Fri 2026-12-18",
        "Blake, off: Mon 2026-12-14 – Fri 2026-12-18",
        "Blake, off: Sat 2026-12-19",
        "Blake, extra shift: Thu 2026-12-24 20:00 – Fri 2026-12-25 08:00",
    ]


def test_only_an_admin_changes_exceptions_and_every_change_is_audited(unit: Unit) -> None:
    span = exception_span("2026-12-24", "", "20:00-08:00")
    with pytest.raises(NotPermitted):
        add_exception(unit.ctx("sup-B"), "sup-B", ON, span, BERLIN)
    with pytest.raises(InvalidInput, match="not a kind of exception"):
        add_exception(unit.ctx("sup-A", admin=True), "sup-B", "swap", span, BERLIN)
    added = add(unit, "sup-B", ON, "2026-12-24", times="20:00-08:00")
    with pytest.raises(NotPermitted):
        remove_exception(unit.ctx("sup-B"), added, BERLIN)
    remove_exception(unit.ctx("sup-A", admin=True), added, BERLIN)
    assert exceptions(unit.ctx(), BERLIN) == []
    with pytest.raises(InvalidInput, match="no longer on the roster; refresh the list"):
        remove_exception(unit.ctx("sup-A", admin=True), added, BERLIN)
    detail = {"id": added, "supporter": "sup-B", "kind": "on"}
    rows = [(r["actor"], r["action"], r["detail"]) for r in unit.audit_rows()]
    assert rows[-2:] == [
        ("sup-A", "oncall_exception_added", detail),
        ("sup-A", "oncall_exception_removed", detail),
    ]


def test_ended_exceptions_are_forgotten_at_a_change_35_days_later(unit: Unit) -> None:
    add(unit, "sup-B", OFF, "2026-12-07", last="2026-12-08")  # sick: ends 2026-12-09 00:00
    unit.clock.at = at("2027-01-12T23:59").astimezone(UTC)  # 34 days and 23:59 later
    add(unit, "sup-A", OFF, "2027-01-20")
    stored = "SELECT supporter_id FROM oncall_exceptions ORDER BY starts"
    assert [r["supporter_id"] for r in unit.db.query(stored)] == ["sup-B", "sup-A"]
    unit.clock.at = at("2027-01-13T00:01").astimezone(UTC)
    add(unit, "sup-C", OFF, "2027-01-21")
    assert [r["supporter_id"] for r in unit.db.query(stored)] == ["sup-A", "sup-C"]


def test_a_removed_supporters_exceptions_no_longer_count(unit: Unit) -> None:
    add(unit, "sup-B", ON, "2026-12-24", times="20:00-08:00")
    unit.db.execute("UPDATE supporters SET removed_at = ? WHERE id = 'sup-B'", ["2026-12-01"])
    assert exceptions(unit.ctx(), BERLIN) == []
    assert state(unit, "2026-12-24T21:00") == ([], None)


# -- the migration ------------------------------------------------------------------------------
def test_a_version_7_store_opens_and_gets_the_exceptions_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = next(
        i for i, names in enumerate(schema.MIGRATIONS, 1) if "v8_oncall_exceptions.sql" in names
    )
    assert version == 8
    monkeypatch.setattr(schema, "SCHEMA_VERSION", version - 1)
    session = make_session(tmp_path)
    assert session.store.user_version == 7
    assert not session.db.table("oncall_exceptions").exists()
    session.db.execute(
        "INSERT INTO oncall_shifts (supporter_id, hours, phone) VALUES (?, ?, ?)",
        [session.supporter.id, "24/7", "0170 111"],
    )
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", version)
    workstation = Workstation.open(home, secrets)
    migrated = workstation.unlock(sid, ADMIN_PASSPHRASE)
    try:
        assert migrated.store.user_version == 8
        assert len(list(home.glob("svdesk.db.before-v8-*"))) == 1
        ctx = context_for(migrated)
        assert [(s.hours, s.phone) for s in shifts(ctx)] == [("24/7", "0170 111")]
        add_exception(ctx, sid, OFF, exception_span("2099-12-24"), BERLIN)
        state = on_call_now(ctx, at("2099-12-24T12:00"), BERLIN)
        assert state.now == ()
        assert state.next is not None
        assert state.next.phone == "0170 111"
    finally:
        close_session(migrated)
