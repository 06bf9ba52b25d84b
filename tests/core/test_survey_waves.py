"""Issue 14, items 2 and 5: survey waves. The coordinator defines a wave (checked), exports it as a
signed wave file (tampering, another coordinator's key, another format and an ended wave are
refused at the unit), the unit admin imports it and the locked kiosk offers the survey in the
wave's weeks only; at the coordinator responses fall into waves by survey, week and unit, with
per-wave figures, suppression and the change between consecutive waves."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from test_bundle_support import coordinator_session

from svdesk.access.session import Session
from svdesk.access.workstation import Workstation
from svdesk.coordinator import waves
from svdesk.coordinator.keys import card_bytes, coordinator_keys
from svdesk.coordinator.wave_figures import wave_changes, wave_figures
from svdesk.errors import InvalidInput, NotPermitted, Refused
from svdesk.exchange import card, weeks
from svdesk.exchange.wave_file import MAX_WAVE_BYTES, Wave, build_wave_file, read_wave_file
from svdesk.unit import export, kiosk
from svdesk.unit import waves as unit_waves
from tests.fakes import ADMIN_NAME, ADMIN_PASSPHRASE, close_session, make_session, session_secrets

SURVEY = "program_pulse"
TODAY = date(2026, 12, 2)  # 2026-W49
THIS_WEEK = weeks.iso_week(TODAY)


def new_coordinator() -> Any:
    """A coordinator store in memory (a stand-in for a session: typed loosely)."""
    return coordinator_session()


def week(offset: int, today: date = TODAY) -> str:
    return weeks.iso_week(today + timedelta(weeks=offset))


def define(coord: Any, start: str, end: str, **kw: object) -> Wave:
    options: dict[str, Any] = dict(kw)
    return waves.define_wave(
        coord,
        survey_id=str(options.pop("survey_id", SURVEY)),
        start_week=start,
        end_week=end,
        label=str(options.pop("label", f"Wave {start}")),
        **options,
    )


def paired_card(coord: Any) -> card.CoordinatorCard:
    return card.read_card(card_bytes(coord))


# -- the wave file ------------------------------------------------------------------------------
def test_a_wave_file_reads_back_and_refuses_tampering_another_key_format_and_an_ended_wave() -> (
    None
):
    coord = new_coordinator()
    wave = define(coord, week(-1), week(3), units=["ICU", "ED1"], label="Winter")
    data = waves.wave_file_bytes(coord, wave.wave_id)
    mine = paired_card(coord)
    assert read_wave_file(data, coordinator=mine, today=TODAY) == wave
    assert wave.units == ("ED1", "ICU")  # sorted

    raw = json.loads(data)
    for field, value in (("end_week", week(9)), ("units", []), ("revision", 2)):
        changed = json.dumps({**raw, field: value}).encode()
        with pytest.raises(InvalidInput, match="signature does not match"):
            read_wave_file(changed, coordinator=mine, today=TODAY)

    other = new_coordinator()
    with pytest.raises(InvalidInput, match="signed by another coordinator"):
        read_wave_file(data, coordinator=paired_card(other), today=TODAY)
    # Re-signed with another key but claiming to be ours: still another signer.
    forged = build_wave_file(
        coordinator_keys(other),
        Wave(**{**wave.__dict__, "coordinator_id": coordinator_keys(other).coordinator_id}),
    )
    with pytest.raises(InvalidInput, match="another coordinator"):
        read_wave_file(forged, coordinator=mine, today=TODAY)

    with pytest.raises(InvalidInput, match="format 2"):
        read_wave_file(json.dumps({**raw, "format_version": 2}).encode(), coordinator=mine)
    with pytest.raises(InvalidInput, match="does not say it is an svdesk survey wave"):
        read_wave_file(card_bytes(coord), coordinator=mine)
    with pytest.raises(InvalidInput, match="not JSON"):
        read_wave_file(b"\xff\xfe", coordinator=mine)
    with pytest.raises(InvalidInput, match="larger than 16 KiB"):
        read_wave_file(b" " * (MAX_WAVE_BYTES + 1), coordinator=mine)
    with pytest.raises(InvalidInput, match="fields are not those"):
        read_wave_file(json.dumps({**raw, "note": "x"}).encode(), coordinator=mine)

    later = TODAY + timedelta(weeks=4)
    with pytest.raises(InvalidInput, match=rf"ended in week {week(3)}.*nothing was imported"):
        read_wave_file(data, coordinator=mine, today=later)
    assert read_wave_file(data, coordinator=mine, today=later - timedelta(weeks=1)) == wave


def test_the_card_signature_cannot_pass_for_a_wave_signature() -> None:
    """The domain separation: a body signed as a card (or without a domain) is refused."""
    coord = new_coordinator()
    wave = define(coord, week(0), week(2))
    raw = json.loads(waves.wave_file_bytes(coord, wave.wave_id))
    body = {k: v for k, v in raw.items() if k != "signature"}
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.from_private_bytes(coordinator_keys(coord).signing_key)
    for prefix in (b"", b"svdesk-coordinator-card-v1\x00"):
        signed = {**body, "signature": key.sign(prefix + card.canonical_json(body)).hex()}
        with pytest.raises(InvalidInput, match="signature does not match"):
            read_wave_file(json.dumps(signed).encode(), coordinator=paired_card(coord), today=TODAY)


# -- defining waves -----------------------------------------------------------------------------
def test_defining_a_wave_checks_survey_weeks_label_units_and_overlap() -> None:
    coord = new_coordinator()
    first = define(coord, "2026-W40", "2026-W45", units=["ICU"])
    cases: list[tuple[dict[str, object], str]] = [
        (
            {"survey_id": "svest_r"},
            "There is no survey 'svest_r' here; choose one of: program_pulse",
        ),
        ({"survey_version": "9.9.9"}, "not 9.9.9; define the wave for version"),
        ({"start": "2026-W46", "end": "2026-W44"}, "ends in week 2026-W44, before it starts"),
        ({"start": "2026-W54"}, "is not an ISO week"),
        ({"label": "  "}, "Give the wave a label"),
        ({"label": "x" * 81}, "longer than 80 characters"),
        ({"label": "a\nb"}, "line break"),
        ({"units": ["ICU", "bad unit"]}, "'bad unit' is not a unit code"),
        ({"start": "2026-W45", "end": "2026-W47"}, "would overlap “Wave 2026-W40”"),  # all units
        ({"start": "2026-W44", "end": "2026-W47", "units": ["ICU", "ED1"]}, "would overlap"),
    ]
    for change, message in cases:
        kw = {"start": "2026-W46", "end": "2026-W50", **change}
        start, end = str(kw.pop("start")), str(kw.pop("end"))
        with pytest.raises(InvalidInput, match=re.escape(message)):
            define(coord, start, end, **kw)
    assert waves.list_waves(coord) == [first]  # nothing half-saved
    # Another unit in the same weeks, and the weeks after, are fine.
    ed = define(coord, "2026-W42", "2026-W47", units=["ED1"])
    after = define(coord, "2026-W46", "2026-W50", units=["ICU"])
    assert [w.wave_id for w in waves.list_waves(coord)] == [
        first.wave_id,
        ed.wave_id,
        after.wave_id,
    ]
    assert [a for a, _ in coord.audited].count("survey_wave_defined") == 3


def test_ending_a_wave_early_makes_a_new_revision_and_refuses_what_cannot_end() -> None:
    coord = new_coordinator()
    wave = define(coord, week(-2), week(6))
    ended = waves.end_wave(coord, wave.wave_id, today=TODAY)
    assert (ended.end_week, ended.revision) == (THIS_WEEK, 2)
    with pytest.raises(InvalidInput, match="already ends in week"):
        waves.end_wave(coord, wave.wave_id, today=TODAY)
    future = define(coord, week(3), week(5))
    with pytest.raises(InvalidInput, match="cannot end before it starts"):
        waves.end_wave(coord, future.wave_id, today=TODAY)
    with pytest.raises(InvalidInput, match="There is no survey wave"):
        waves.end_wave(coord, "0" * 32, today=TODAY)


def test_export_never_writes_inside_the_data_folder_nor_over_a_file(tmp_path: Path) -> None:
    coord = new_coordinator()
    coord.workstation.home = tmp_path / "store"
    (tmp_path / "store").mkdir()
    wave = define(coord, week(0), week(2))
    out = tmp_path / waves.wave_file_name(wave)
    waves.export_wave_file(coord, wave.wave_id, out)
    assert read_wave_file(out.read_bytes(), coordinator=paired_card(coord), today=TODAY) == wave
    with pytest.raises(Refused, match="already exists"):
        waves.export_wave_file(coord, wave.wave_id, out)
    with pytest.raises(Refused, match="inside the data folder"):
        waves.export_wave_file(coord, wave.wave_id, tmp_path / "store" / "w.svwave")


# -- at the unit --------------------------------------------------------------------------------
@pytest.fixture
def unit(tmp_path: Path) -> Iterator[tuple[Session, Any]]:
    coord = new_coordinator()
    session = make_session(tmp_path)  # unit "ICU"
    yield session, coord
    if not session.locked:
        close_session(session)


def test_the_unit_admin_imports_a_wave_and_the_kiosk_offers_it_in_its_weeks_only(
    unit: tuple[Session, Any],
) -> None:
    session, coord = unit
    today = date.today()
    wave = define(coord, week(-1, today), week(1, today), units=["ICU"], label="Now")
    data = waves.wave_file_bytes(coord, wave.wave_id)
    with pytest.raises(InvalidInput, match="not paired with a coordinator"):
        unit_waves.import_wave(session, data)
    export.pair(session, card_bytes(coord))
    other_unit = define(coord, week(2, today), week(4, today), units=["ED1"])
    with pytest.raises(InvalidInput, match="is for units ED1, and this workstation is unit ICU"):
        unit_waves.import_wave(session, waves.wave_file_bytes(coord, other_unit.wave_id))
    assert kiosk.chosen_survey(session) is None
    imported = unit_waves.import_wave(session, data)
    assert imported.outcome == "added"
    assert kiosk.chosen_survey(session) == SURVEY  # the kiosk offers the wave's survey
    assert unit_waves.import_wave(session, data).outcome == "unchanged"
    home, secrets_, supporter = (
        session.workstation.home,
        session_secrets(session),
        session.supporter.id,
    )
    close_session(session)

    ws = Workstation.open(home, secrets_)
    try:
        station = kiosk.open_kiosk(ws)
        station.submit({"know_reach": 4})  # this week: in the wave
        with pytest.raises(Refused, match=rf"next survey wave runs from week {week(-1, today)}"):
            kiosk.open_kiosk(ws, today=today - timedelta(weeks=3))
        with pytest.raises(Refused, match=rf"last survey wave ended in week {week(1, today)}"):
            station.submit({"know_reach": 4}, today=today + timedelta(weeks=2))
        assert len(list((home / "kiosk-inbox").iterdir())) == 1  # nothing kept outside
        # The coordinator ends the wave early: the newer file replaces the older.
        session = ws.unlock(supporter, ADMIN_PASSPHRASE)
        ended = waves.end_wave(coord, wave.wave_id, today=today - timedelta(weeks=1))
        replaced = unit_waves.import_wave(
            session,
            waves.wave_file_bytes(coord, wave.wave_id),
            today=today - timedelta(weeks=1),
        )
        assert (replaced.outcome, replaced.wave.end_week) == ("replaced", ended.end_week)
        session.lock()
        with pytest.raises(Refused, match="not open this week"):
            kiosk.open_kiosk(ws)
    finally:
        ws.close()


def test_only_an_admin_imports_and_overlapping_or_unshipped_waves_are_refused(
    unit: tuple[Session, Any],
) -> None:
    session, coord = unit
    export.pair(session, card_bytes(coord))
    first = define(coord, week(0, date.today()), week(2, date.today()), units=["ICU"])
    unit_waves.import_wave(session, waves.wave_file_bytes(coord, first.wave_id))
    # A wave the coordinator would refuse (made by hand, signed by the same key) overlapping.
    keys = coordinator_keys(coord)
    overlapping = Wave(**{**first.__dict__, "wave_id": secrets.token_hex(16), "label": "Again"})
    with pytest.raises(InvalidInput, match="overlaps"):
        unit_waves.import_wave(session, build_wave_file(keys, overlapping))
    unshipped = Wave(
        **{**first.__dict__, "wave_id": secrets.token_hex(16), "survey_version": "7.0.0"}
    )
    with pytest.raises(InvalidInput, match="does not ship"):
        unit_waves.import_wave(session, build_wave_file(keys, unshipped))
    assert [w.wave_id for w in unit_waves.unit_waves(session)] == [first.wave_id]
    supporter = session.enrol("Sam", "sam the second supporter phrase", is_admin=False)
    home, sec = session.workstation.home, session_secrets(session)
    close_session(session)
    ws = Workstation.open(home, sec)
    sam = ws.unlock(supporter.id, "sam the second supporter phrase")
    try:
        with pytest.raises(NotPermitted, match="Only a unit admin"):
            unit_waves.import_wave(sam, waves.wave_file_bytes(coord, first.wave_id))
    finally:
        close_session(sam)


# -- at the coordinator: waves' figures ---------------------------------------------------------
def respond(coord: Any, unit: str, week_: str, know: int, n: int) -> None:
    """`n` responses of `unit` in `week_`, the know_how items answered `know` (a little spread)."""
    for i in range(n):
        value = max(1, min(5, know + (i % 3) - 1))
        answers = {"know_reach": value, "know_what_happens": value, "know_out_of_hours": value,
                   "trust_confidential": 4, "trust_not_held_against": 4}  # fmt: skip
        coord.db.execute(
            "INSERT INTO coord_survey_responses (response_id, workstation_id, site_code, "
            "unit_code, survey_id, survey_version, week, answers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [secrets.token_hex(16), "ws-" + unit, "S01", unit, SURVEY, "1.0.0", week_,
             json.dumps(answers)],
        )  # fmt: skip
    coord.db.conn.commit()


def test_responses_fall_into_waves_by_survey_week_and_unit() -> None:
    coord = new_coordinator()
    spring = define(coord, "2026-W10", "2026-W13", label="Spring")
    autumn = define(coord, "2026-W40", "2026-W43", units=["ICU"], label="Autumn")
    listed = waves.list_waves(coord)
    assert waves.wave_of_response(listed, SURVEY, "2026-W10", "ED1") == spring
    assert waves.wave_of_response(listed, SURVEY, "2026-W13", None) == spring
    assert waves.wave_of_response(listed, SURVEY, "2026-W14", "ICU") is None
    assert waves.wave_of_response(listed, SURVEY, "2026-W41", "ICU") == autumn
    assert waves.wave_of_response(listed, SURVEY, "2026-W41", "ED1") is None  # not its unit
    assert waves.wave_of_response(listed, "other", "2026-W41", "ICU") is None

    respond(coord, "ICU", "2026-W11", 3, 12)
    respond(coord, "ICU", "2026-W14", 3, 20)  # between waves: in none
    respond(coord, "ICU", "2026-W41", 4, 12)
    respond(coord, "ED1", "2026-W42", 4, 30)  # not a unit of the autumn wave
    series = wave_figures(coord, SURVEY, threshold=11)
    assert [(f.wave.label, f.responses) for f in series.waves] == [("Spring", 12), ("Autumn", 12)]


def test_a_unit_below_the_threshold_counts_for_no_figure_and_a_small_wave_shows_none() -> None:
    coord = new_coordinator()
    first = define(coord, "2026-W10", "2026-W13", label="First")
    second = define(coord, "2026-W20", "2026-W23", label="Second")
    respond(coord, "ICU", "2026-W11", 2, 15)
    respond(coord, "ED1", "2026-W12", 5, 10)  # below 11: left out of every figure
    respond(coord, "ICU", "2026-W21", 4, 6)
    respond(coord, "ED1", "2026-W22", 4, 4)

    series = wave_figures(coord, SURVEY, threshold=11)
    one, two = series.waves
    assert (one.responses, one.units_withheld, one.shown) == (15, 1, True)
    know = one.subscales[0]
    assert (know.subscale_id, know.n) == ("know_how", 15)
    assert know.mean == pytest.approx(2.0)  # ICU's only: ED1's 5s are not in it
    assert (two.responses, two.units_withheld, two.shown) == (0, 2, False)
    assert all(s.mean is None for s in two.subscales)
    assert [c.difference for c in wave_changes(series, second.wave_id)] == [None, None, None]

    icu = wave_figures(coord, SURVEY, unit="ICU", threshold=11)
    assert [w.responses for w in icu.waves] == [15, 0]
    ed = wave_figures(coord, SURVEY, unit="ED1", threshold=11)
    assert [(w.responses, w.units_withheld) for w in ed.waves] == [(0, 1), (0, 1)]
    assert ed.waves[0].wave.wave_id == first.wave_id
    # With the floor at 5, ED1's first wave shows (and joins the all-units figure).
    low = wave_figures(coord, SURVEY, threshold=5)
    assert [w.responses for w in low.waves] == [25, 6]


def test_the_change_between_waves_is_the_difference_with_welchs_interval_and_a_reading() -> None:
    coord = new_coordinator()
    define(coord, "2026-W10", "2026-W13", label="Before")
    after = define(coord, "2026-W20", "2026-W23", label="After")
    respond(coord, "ICU", "2026-W11", 2, 12)  # know_how values 1, 2, 3 repeated: mean 2
    respond(coord, "ICU", "2026-W21", 4, 15)  # 3, 4, 5 repeated: mean 4
    series = wave_figures(coord, SURVEY, threshold=11)
    know, trust, helped = wave_changes(series, after.wave_id)
    assert know.difference == pytest.approx(2.0)
    # Welch by hand: variances 8/11 and 10/14, df = 23.6 → t(23) = 2.069.
    va, vb = (8 / 11) / 12, (10 / 14) / 15
    assert 23 < (va + vb) ** 2 / (va**2 / 11 + vb**2 / 14) < 24
    half = 2.069 * (va + vb) ** 0.5
    assert know.low == pytest.approx(2 - half)
    assert know.high == pytest.approx(2 + half)
    assert know.reading == "better"
    assert know.meaningful_change == 0.5
    assert trust.difference == pytest.approx(0.0)
    assert trust.reading == "no_clear_change"
    assert helped.difference is None  # nobody answered its items: no mean either side


def test_the_wave_tables_can_link_nothing_to_a_person_a_supporter_or_a_time_of_day(
    unit: tuple[Session, Any],
) -> None:
    session, coord = unit
    export.pair(session, card_bytes(coord))
    wave = define(coord, week(0, date.today()), week(2, date.today()), units=["ICU"])
    unit_waves.import_wave(session, waves.wave_file_bytes(coord, wave.wave_id))
    names = {ADMIN_NAME, session.supporter.id}
    time_of_day = re.compile(r"\d{1,2}:\d{2}|T\d{2}|\d{4}-\d{2}-\d{2}")
    for db, table in ((session.db, "unit_survey_waves"), (coord.db, "coord_survey_waves")):
        columns = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        assert not columns & {
            "supporter_id",
            "created_at",
            "imported_at",
            "response_id",
            "case_code",
        }
        for row in db.execute(f"SELECT * FROM {table}"):
            for value in row:
                text = str(value)
                assert not time_of_day.search(text), (table, text)
                assert not any(name in text for name in names), (table, text)
