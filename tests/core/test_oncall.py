"""The on-call roster (issue 15, item 2, minimal): shifts saved whole, overlapping or empty
shifts refused with names and nothing saved, who is on call now and next at the boundaries."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_cases_support import Unit, new_unit

from svdesk.errors import InvalidInput, NotPermitted
from svdesk.unit.oncall import on_call_now, roster_rows, set_on_call, shifts

BERLIN = ZoneInfo("Europe/Berlin")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


@pytest.fixture
def unit(tmp_path: Path) -> Unit:
    made = new_unit(tmp_path)
    for sid, name in (("sup-A", "Alex"), ("sup-B", "Blake"), ("sup-C", "Casey")):
        made.db.execute(
            "INSERT INTO supporters (id, name, is_admin, created_at) VALUES (?, ?, 0, ?)",
            [sid, name, "2026-11-01T00:00:00+00:00"],
        )
    return made


def test_days_and_nights_and_the_weekend_hand_over(unit: Unit) -> None:
    admin = unit.ctx("sup-A", admin=True)
    saved = set_on_call(
        admin,
        {
            "sup-A": ("Mon-Fri 08:00-20:00", "0170 111"),
            "sup-B": ("Mon-Thu 20:00-08:00", None),
            "sup-C": ("Fri 20:00-Mon 08:00", "0170 333"),
        },
    )
    assert [s.name for s in saved] == ["Alex", "Blake", "Casey"]
    wednesday_day = on_call_now(admin, at("2026-12-02T19:59"), BERLIN)
    assert [(p.name, p.phone) for p in wednesday_day.now] == [("Alex", "0170 111")]
    assert wednesday_day.now[0].until == at("2026-12-02T20:00")
    assert wednesday_day.next is not None
    assert wednesday_day.next.name == "Blake"
    assert wednesday_day.next.starts == at("2026-12-02T20:00")
    night = on_call_now(admin, at("2026-12-03T03:00"), BERLIN)
    assert [p.name for p in night.now] == ["Blake"]
    saturday = on_call_now(admin, at("2026-12-05T03:00"), BERLIN)
    assert [p.name for p in saturday.now] == ["Casey"]
    assert saturday.now[0].until == at("2026-12-07T08:00")
    assert ("sup-A", "oncall_changed", {"supporters": 3}) in unit.audited


def test_overlapping_shifts_are_refused_with_names_and_nothing_is_saved(unit: Unit) -> None:
    admin = unit.ctx("sup-A", admin=True)
    set_on_call(admin, {"sup-A": ("Mon-Fri 08:00-20:00", None)})
    with pytest.raises(InvalidInput) as caught:
        set_on_call(
            admin,
            {"sup-A": ("Mon-Fri 08:00-20:00", None), "sup-B": ("Fri 19:00-Mon 08:00", None)},
        )
    assert "Alex and Blake overlap (first at Fri 19:00)" in caught.value.message
    assert "Nothing was saved" in caught.value.message
    assert [s.supporter_id for s in shifts(admin)] == ["sup-A"]


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("closed", "The on-call shifts of Blake are empty"),
        ("Mon 08:00-08:00", "opens and closes at the same time"),
        ("weekends", "The on-call shifts of Blake cannot be used"),
    ],
)
def test_empty_or_unreadable_shifts_are_refused(unit: Unit, hours: str, message: str) -> None:
    admin = unit.ctx("sup-A", admin=True)
    with pytest.raises(InvalidInput, match=message):
        set_on_call(admin, {"sup-B": (hours, None)})
    assert shifts(admin) == []


def test_blank_shifts_take_a_supporter_off_and_only_admins_edit(unit: Unit) -> None:
    admin = unit.ctx("sup-A", admin=True)
    set_on_call(admin, {"sup-A": ("24/7", None)})
    set_on_call(admin, {"sup-A": ("", None), "sup-B": ("Mon 08:00-12:00", "")})
    assert [(r.name, r.hours) for r in roster_rows(admin)] == [
        ("Alex", ""),
        ("Blake", "Mon 08:00-12:00"),
        ("Casey", ""),
    ]
    with pytest.raises(NotPermitted):
        set_on_call(unit.ctx("sup-B"), {"sup-B": ("24/7", None)})


def test_nobody_on_call(unit: Unit) -> None:
    state = on_call_now(unit.ctx(), at("2026-12-02T03:00"), BERLIN)
    assert state.now == ()
    assert state.next is None
