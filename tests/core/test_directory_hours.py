"""Opening hours in the unit directory (issue 15, item 3): parsing, open-now at the boundaries
(midnight spans, a weekend span, both DST change days of Europe/Berlin), saving all-or-nothing,
the migration, and `svdesk directory open-now`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_cases_support import Unit, new_unit

import tests.fakes  # noqa: F401  (cheap key derivation for tests)
from svdesk.access.workstation import Workstation
from svdesk.content.cards import parse_directory
from svdesk.content.hours import hours_state, parse_hours
from svdesk.content.loading import ContentError, parse_toml
from svdesk.content.resources import resource
from svdesk.demo import SIGN_INS, create_demo
from svdesk.errors import InvalidInput, NotPermitted
from svdesk.storage.db import Database
from svdesk.storage.schema import SCHEMA_VERSION, migration_sql
from svdesk.unit import directory
from svdesk.unit.context import context_for
from svdesk.unit.opening import open_now, parse_local
from tests.fakes import ADMIN_PASSPHRASE, MemoryKeyring, run_cli

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def at(text: str, zone: ZoneInfo = BERLIN) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def state(hours: str, when: datetime, zone: ZoneInfo = BERLIN) -> tuple[bool, str | None]:
    parsed = parse_hours(hours)
    assert parsed is not None
    s = hours_state(parsed, when, zone)
    moment = s.until if s.open else s.opens
    return s.open, None if moment is None else moment.isoformat(timespec="minutes")


@pytest.fixture
def unit(tmp_path: Path) -> Unit:
    return new_unit(tmp_path)


# -- parsing ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "open_minutes"),
    [
        ("24/7", 7 * 1440),
        ("closed", 0),
        ("Mon-Fri 08:00-17:00", 5 * 9 * 60),
        ("mon-fri 08:00-17:00; Sat 09:00-12:00", 5 * 9 * 60 + 180),
        ("Mon-Fri 08:00-17:00, Sat 09:00-12:00", 5 * 9 * 60 + 180),
        ("daily 07:00-19:00", 7 * 12 * 60),
        ("07:00-19:00", 7 * 12 * 60),
        ("Mon-Sun 00:00-24:00", 7 * 1440),
        ("Fri 22:00-Mon 06:00", 2 * 1440 + 8 * 60),
        ("Mon-Thu 22:00-06:00", 4 * 8 * 60),
        ("Sat-Mon 10:00-12:00", 3 * 120),  # a day range over the week's end
        ("Mon–Fri 08:00–17:00", 5 * 9 * 60),  # en dashes, as pasted from a web page
    ],
)
def test_hours_parse_to_the_expected_open_minutes(text: str, open_minutes: int) -> None:
    parsed = parse_hours(text)
    assert parsed is not None
    assert sum(parsed.minutes) == open_minutes


def test_empty_hours_are_not_set() -> None:
    assert parse_hours("  ") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Mon-Fry 08:00-17:00", "'Fry' in 'Mon-Fry 08:00-17:00' is not a day"),
        ("Mon-Fri 8-17", "Cannot read 'Mon-Fri 8-17' as opening hours"),
        ("Mon 25:00-26:00", "25:00 in 'Mon 25:00-26:00' is not a time of day"),
        ("Mon 08:61-09:00", "08:61"),
        ("Mon 24:00-06:00", "not a time of day"),  # 24:00 only ends a span
        ("Mon 08:00-08:00", "opens and closes at the same time"),
        ("Fri 22:00-Fri 22:00", "starts and ends at the same moment"),
        ("office hours", "Cannot read 'office hours'"),
    ],
)
def test_hours_that_do_not_parse_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_hours(text)
    assert message in caught.value.message
    assert "Mon-Fri 08:00-17:00" in caught.value.message or "00:00" in caught.value.message


# -- open or closed at the boundaries (Europe/Berlin; 2026-03-29 and 2026-10-25 change DST) --
@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2026-12-02T07:59", (False, "2026-12-02T08:00+01:00")),  # Wednesday, just before
        ("2026-12-02T08:00", (True, "2026-12-02T17:00+01:00")),  # opening minute
        ("2026-12-02T16:59", (True, "2026-12-02T17:00+01:00")),
        ("2026-12-02T17:00", (False, "2026-12-03T08:00+01:00")),  # closing minute: closed
        ("2026-12-04T17:00", (False, "2026-12-07T08:00+01:00")),  # Friday evening → Monday
        ("2026-12-06T03:00", (False, "2026-12-07T08:00+01:00")),  # Sunday night
        # Monday after the spring change: office opens 08:00 CEST, i.e. 06:00 UTC (not 07:00)
        ("2026-03-27T17:30", (False, "2026-03-30T08:00+02:00")),
        # Friday before the autumn change, closes → opens Monday 08:00 CET
        ("2026-10-23T17:30", (False, "2026-10-26T08:00+01:00")),
    ],
)
def test_office_hours_at_their_boundaries(when: str, expected: tuple[bool, str]) -> None:
    assert state("Mon-Fri 08:00-17:00", at(when)) == expected


def test_dst_is_followed_on_the_instant_not_just_the_wall_clock() -> None:
    # 06:30 UTC on Monday 2026-03-30 is 08:30 CEST: open (under CET it would be 07:30, closed).
    monday = datetime(2026, 3, 30, 6, 30, tzinfo=UTC)
    assert state("Mon-Fri 08:00-17:00", monday) == (True, "2026-03-30T17:00+02:00")
    # The Monday before, 06:30 UTC is 07:30 CET: closed.
    before = datetime(2026, 3, 23, 6, 30, tzinfo=UTC)
    assert state("Mon-Fri 08:00-17:00", before) == (False, "2026-03-23T08:00+01:00")


def test_a_span_over_the_spring_change_is_an_hour_shorter() -> None:
    # Sunday 2026-03-29: 02:00 CET jumps to 03:00 CEST. A 01:00-04:00 span lasts two hours.
    opened = parse_hours("Sun 01:00-04:00")
    assert opened is not None
    s = hours_state(opened, at("2026-03-29T01:30"), BERLIN)
    assert s.open
    assert s.until is not None
    assert s.until.isoformat() == "2026-03-29T04:00:00+02:00"
    # 01:30 CET to 04:00 CEST is 1½ real hours (2½ on the wall clock).
    assert (s.until.astimezone(UTC) - s.at.astimezone(UTC)).total_seconds() == 1.5 * 3600


def test_a_span_that_opens_in_the_skipped_hour_opens_when_the_clocks_jump() -> None:
    closed = parse_hours("Sun 02:30-05:00")
    assert closed is not None
    s = hours_state(closed, at("2026-03-29T01:00"), BERLIN)
    assert not s.open
    assert s.opens is not None
    assert s.opens.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_the_weekend_span_over_the_autumn_change() -> None:
    weekend = "Fri 22:00-Mon 06:00"
    assert state(weekend, at("2026-10-23T21:59")) == (False, "2026-10-23T22:00+02:00")
    assert state(weekend, at("2026-10-23T22:00")) == (True, "2026-10-26T06:00+01:00")
    # Sunday 2026-10-25 02:30 happens twice; open either way, closes Monday 06:00 CET.
    assert state(weekend, at("2026-10-25T02:30")) == (True, "2026-10-26T06:00+01:00")
    assert state(weekend, at("2026-10-26T05:59")) == (True, "2026-10-26T06:00+01:00")
    assert state(weekend, at("2026-10-26T06:00")) == (False, "2026-10-30T22:00+01:00")


def test_night_spans_past_midnight() -> None:
    nights = "Mon-Thu 22:00-06:00"
    assert state(nights, at("2026-12-03T23:30")) == (True, "2026-12-04T06:00+01:00")  # Thu
    assert state(nights, at("2026-12-04T03:00")) == (True, "2026-12-04T06:00+01:00")  # Fri am
    assert state(nights, at("2026-12-04T23:00")) == (False, "2026-12-07T22:00+01:00")  # Fri pm
    assert state(nights, at("2026-12-01T00:00")) == (True, "2026-12-01T06:00+01:00")  # Tue 0h


def test_always_and_never() -> None:
    assert state("24/7", at("2026-03-29T02:59")) == (True, None)
    assert state("closed", at("2026-12-02T12:00")) == (False, None)


def test_another_zone_reads_the_same_hours_in_its_own_wall_time() -> None:
    # 2026-03-09: US DST already began on 03-08, Europe's not yet.
    assert state("Mon-Fri 08:00-17:00", at("2026-03-09T08:00", NEW_YORK), NEW_YORK) == (
        True,
        "2026-03-09T17:00-04:00",
    )


# -- the bundled defaults and their validation -----------------------------------------------
def test_the_default_directory_has_office_hours_and_round_the_clock_services() -> None:
    entries = {e.code: e for e in directory.default_directory()}
    for code in ("emergency", "crisis_line", "chaplain"):
        assert entries[code].hours == "24/7"
    for code in ("eap", "psychology"):
        assert entries[code].hours.startswith("Mon-Fri 08:00-")
        assert entries[code].after_hours == "crisis_line"


def _defaults_with(old: str, new: str) -> dict[str, object]:
    text = resource("directory", "default.toml").read_text(encoding="utf-8")
    assert old in text
    return parse_toml(text.replace(old, new, 1), "default.toml")


def test_a_default_file_with_bad_hours_names_the_entry() -> None:
    data = _defaults_with('hours = "Mon-Fri 08:00-17:00"', 'hours = "Mon-Fri 8 to 5"')
    with pytest.raises(ContentError, match=r"entries\[2\]\.hours.*Cannot read"):
        parse_directory(data, "default.toml")


def test_a_default_file_with_an_unknown_after_hours_entry_is_refused() -> None:
    data = _defaults_with('after_hours = "crisis_line"', 'after_hours = "night_nurse"')
    with pytest.raises(ContentError, match=r"after_hours.*unknown entry 'night_nurse'"):
        parse_directory(data, "default.toml")


# -- the store ---------------------------------------------------------------------------------
def test_migration_3_adds_hours_to_a_version_2_directory(tmp_path: Path) -> None:
    assert SCHEMA_VERSION >= 3
    db = Database(str(tmp_path / "old.db"))
    for version in (1, 2):
        db.conn.executescript(migration_sql(version))
    db.conn.execute(
        "INSERT INTO resource_directory (code, label, phone, detail, sort) "
        "VALUES ('eap', 'EAP', '1234', NULL, 2)"
    )
    db.conn.executescript(migration_sql(3))
    row = db.conn.execute(
        "SELECT phone, hours, after_hours FROM resource_directory WHERE code = 'eap'"
    ).fetchone()
    assert tuple(row) == ("1234", None, None)  # NULL: the entry keeps its default hours


def test_saved_hours_replace_the_defaults_and_are_audited(unit: Unit) -> None:
    admin = unit.ctx("admin", admin=True)
    directory.set_directory_entry(admin, "eap", "0800 111")
    saved = directory.set_directory_hours(
        admin, {"eap": ("Mon-Thu 09:00-15:00", "chaplain"), "psychology": ("", None)}
    )
    by_code = {e.code: e for e in saved}
    assert by_code["eap"].hours == "Mon-Thu 09:00-15:00"
    assert by_code["eap"].after_hours == "chaplain"
    assert by_code["eap"].phone == "0800 111"  # the number is kept
    assert by_code["psychology"].hours == ""
    assert by_code["psychology"].after_hours is None
    assert ("admin", "directory_hours_changed", {"codes": ["eap", "psychology"]}) in unit.audited
    # Setting the number again keeps the hours.
    directory.set_directory_entry(admin, "eap", "0800 222")
    assert {e.code: e for e in directory.directory(admin)}["eap"].hours == "Mon-Thu 09:00-15:00"


def test_one_bad_entry_saves_nothing_and_the_message_names_it(unit: Unit) -> None:
    admin = unit.ctx("admin", admin=True)
    with pytest.raises(InvalidInput) as caught:
        directory.set_directory_hours(
            admin,
            {"eap": ("Mon-Fri 09:00-15:00", None), "psychology": ("weekdays 9-5", None)},
        )
    assert "Staff psychology (on call)" in caught.value.message
    assert "Nothing was saved" in caught.value.message
    assert {e.code: e for e in directory.directory(admin)}["eap"].hours == "Mon-Fri 08:00-17:00"


def test_after_hours_must_be_another_known_entry(unit: Unit) -> None:
    admin = unit.ctx("admin", admin=True)
    with pytest.raises(InvalidInput, match="its own after-hours alternative"):
        directory.set_directory_hours(admin, {"eap": ("24/7", "eap")})
    with pytest.raises(InvalidInput, match="not in the directory"):
        directory.set_directory_hours(admin, {"eap": ("24/7", "pizza")})


def test_only_an_admin_changes_the_hours(unit: Unit) -> None:
    with pytest.raises(NotPermitted):
        directory.set_directory_hours(unit.ctx(), {"eap": ("24/7", None)})


def test_open_now_at_three_in_the_morning_lists_only_the_round_the_clock_services(
    unit: Unit,
) -> None:
    ctx = unit.ctx()
    unit.clock.at = at("2026-12-02T03:00").astimezone(UTC)
    result = open_now(ctx, zone=BERLIN)
    assert [e.code for e in result.open] == ["emergency", "crisis_line", "chaplain"]
    closed = {e.code: e for e in result.closed}
    assert set(closed) == {"eap", "psychology", "occupational_health"}
    assert closed["psychology"].opens == at("2026-12-02T08:00")
    alternative = closed["psychology"].after_hours
    assert alternative is not None
    assert alternative.code == "crisis_line"
    assert result.to_json()["at"] == "2026-12-02T03:00+01:00"


def test_open_now_leaves_out_entries_without_hours(unit: Unit) -> None:
    admin = unit.ctx("admin", admin=True)
    directory.set_directory_hours(admin, {"chaplain": ("", None)})
    result = open_now(admin, at("2026-12-02T10:00"), BERLIN)
    assert "chaplain" not in {e.code for e in (*result.open, *result.closed)}
    assert result.not_set == ("chaplain",)


def test_parse_local_refuses_a_bad_time() -> None:
    assert parse_local("2026-12-02T03:00", BERLIN) == at("2026-12-02T03:00")
    with pytest.raises(InvalidInput, match="YYYY-MM-DDTHH:MM"):
        parse_local("tomorrow 3am", BERLIN)


# -- the command line --------------------------------------------------------------------------
def test_cli_open_now_prints_the_contract(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    home = str(tmp_path / "h")
    init = ("init", "--role", "unit", "--site", "S1", "--unit", "ICU", "--admin", "Alex")
    code, _, err = run_cli(
        monkeypatch, capsys, ADMIN_PASSPHRASE + "\n", "--home", home, *init, "--passphrase-stdin"
    )
    assert code == 0, err
    args = ("--home", home, "directory", "open-now", "--passphrase-stdin")
    code, out, err = run_cli(
        monkeypatch, capsys, ADMIN_PASSPHRASE + "\n", *args, "--at", "2026-03-30T07:59"
    )
    assert code == 0, err
    printed = json.loads(out)
    assert set(printed) == {"at", "open", "closed"}
    assert printed["at"] == "2026-03-30T07:59+02:00"
    assert printed["open"][0] == {
        "code": "emergency",
        "label": "Emergency",
        "phone": None,
        "until": None,
    }
    closed = {e["code"]: e for e in printed["closed"]}
    assert closed["eap"] == {
        "code": "eap",
        "label": "Employee assistance programme (EAP)",
        "opens": "2026-03-30T08:00+02:00",
    }
    assert set(closed["psychology"]) == {"code", "label", "opens"}
    assert "occupational_health" not in closed  # opens at 07:30
    code, out, err = run_cli(
        monkeypatch, capsys, ADMIN_PASSPHRASE + "\n", *args, "--at", "2026-03-30T08:00"
    )
    opened = {e["code"]: e for e in json.loads(out)["open"]}
    assert opened["eap"]["until"] == "2026-03-30T17:00+02:00"
    code, out, err = run_cli(
        monkeypatch, capsys, ADMIN_PASSPHRASE + "\n", *args, "--at", "30/03/2026 8am"
    )
    assert code == 2
    assert "YYYY-MM-DDTHH:MM" in err


def test_the_demo_store_has_office_hours_and_round_the_clock_services(tmp_path: Path) -> None:
    home = tmp_path / "demo"
    create_demo(home)
    workstation = Workstation.open(home, None)
    supporter = next(s for s in workstation.supporters() if s.name == SIGN_INS[0][0])
    session = workstation.unlock(supporter.id, SIGN_INS[0][1])
    try:
        ctx = context_for(session)
        night = open_now(ctx, at("2026-12-02T03:00"), BERLIN)
        assert [e.code for e in night.open] == ["emergency", "crisis_line", "chaplain"]
        assert {e.code for e in night.closed} == {"eap", "psychology", "occupational_health"}
        saturday = open_now(ctx, at("2026-12-05T10:00"), BERLIN)
        assert "psychology" in {e.code for e in saturday.open}
        assert "eap" in {e.code for e in saturday.closed}
    finally:
        session.lock()
        workstation.close()
