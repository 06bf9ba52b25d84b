"""Coordinator side: real unit → coordinator round trips, the import ledger, the escalation
queue and the dashboard figures (including their speed over 200,000 encounters)."""

from __future__ import annotations

import json
import random
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_bundle_support import (
    CANARY,
    FakeSession,
    coordinator_session,
    insert_encounter,
    insert_escalation,
    unit_session,
)

from svdesk.coordinator import summaries
from svdesk.coordinator.dashboard import dashboard_figures
from svdesk.coordinator.importing import ImportSummary, import_bundles, import_history, workstations
from svdesk.coordinator.keys import card_bytes, init_coordinator_keys
from svdesk.coordinator.queue import acknowledge, close_escalation, escalation_queue
from svdesk.coordinator.summaries import period_month, refresh_summaries
from svdesk.errors import InvalidInput, Refused
from svdesk.exchange import card, fields
from svdesk.progress import run_to_end
from svdesk.unit import export


def pair_unit(coord: FakeSession, unit: str = "ED1") -> FakeSession:
    session = unit_session(unit=unit)
    export.pair(session, card_bytes(coord))
    return session


def export_now(session: FakeSession, out: Path) -> Path:
    return run_to_end(export.export_bundle(session, out)).path


def import_(coord: FakeSession, *files: Path, trust_new: bool = True) -> ImportSummary:
    return run_to_end(import_bundles(coord, list(files), trust_new=trust_new))


def count(coord: FakeSession, table: str) -> int:
    return int(coord.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_card_is_stable_and_readable() -> None:
    coord = coordinator_session()
    fp = init_coordinator_keys(coord)
    assert init_coordinator_keys(coord) == fp
    coordinator_card = card.read_card(card_bytes(coord))
    assert coordinator_card.fingerprint == fp


def test_round_trip_unit_to_coordinator(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    enc = insert_encounter(unit.db)
    insert_encounter(unit.db, encounter_type="follow_up")
    insert_escalation(unit.db, encounter=enc)
    path = export_now(unit, tmp_path)
    summary = import_(coord, path)
    ws = unit.workstation.info.store_id
    assert summary.to_json() == {
        "imported": [
            {
                "file": str(path),
                "workstation": ws,
                "sequence": 1,
                "records": 3,
                "fingerprint": export.workstation_fingerprint(unit),
                "new_workstation": True,
            }
        ],
        "duplicates": [],
        "rejected": [],
        "missing_sequences": [],
    }
    assert summary.exit_code == 0
    assert count(coord, "coord_encounters") == 2
    assert count(coord, "coord_escalations") == 1
    stored = json.dumps([dict(r) for r in coord.db.query("SELECT * FROM coord_encounters")])
    assert CANARY not in stored
    assert "2026-11-24" not in stored
    assert [w["fingerprint"] for w in workstations(coord)] == [export.workstation_fingerprint(unit)]
    actions = [a for a, _ in coord.audited]
    assert "workstation_registered" in actions
    assert "import" in actions


def test_unknown_workstation_rejected_with_fingerprint_then_trusted(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    insert_encounter(unit.db)
    path = export_now(unit, tmp_path)
    summary = import_(coord, path, trust_new=False)
    (rejected,) = summary.rejected
    assert rejected["reason"] == "unknown_workstation"
    assert rejected["fingerprint"] == export.workstation_fingerprint(unit)
    assert summary.exit_code == 3
    assert count(coord, "coord_encounters") == 0
    assert count(coord, "workstations") == 0
    assert import_(coord, path, trust_new=True).imported[0]["sequence"] == 1


def test_resend_is_a_duplicate_and_gap_is_reported(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    insert_encounter(unit.db)
    first = export_now(unit, tmp_path)
    insert_encounter(unit.db)
    second = export_now(unit, tmp_path)
    insert_encounter(unit.db)
    third = export_now(unit, tmp_path)
    import_(coord, first)
    summary = import_(coord, first, third)
    ws = unit.workstation.info.store_id
    assert summary.duplicates == [{"file": str(first), "sequence": 1}]
    assert [i["sequence"] for i in summary.imported] == [3]
    assert summary.missing_sequences == [{"workstation": ws, "sequences": [2]}]
    assert summary.exit_code == 0
    # The late bundle fills the gap.
    late = import_(coord, second)
    assert [i["sequence"] for i in late.imported] == [2]
    assert late.missing_sequences == []
    assert count(coord, "coord_encounters") == 3
    assert count(coord, "imports") == 3


def test_rollback_and_foreign_bundles_are_rejected_whole(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    insert_encounter(unit.db)
    first = export_now(unit, tmp_path)
    import_(coord, first)
    # The unit store is restored from an old copy and writes another "number 1".
    unit.db.execute("DELETE FROM exports")
    unit.db.execute("UPDATE encounters SET exported_seq = NULL")
    insert_encounter(unit.db)
    replay = export_now(unit, tmp_path / "..")
    other_coord = coordinator_session()
    stray_unit = pair_unit(other_coord)
    insert_encounter(stray_unit.db)
    stray = export_now(stray_unit, tmp_path)
    junk = tmp_path / "junk.svdbundle"
    junk.write_bytes(b"not a bundle")
    summary = import_(coord, replay, stray, junk, tmp_path / "missing.svdbundle")
    assert [(r["reason"]) for r in summary.rejected] == [
        "sequence_rollback",
        "wrong_recipient",
        "corrupt",
        "corrupt",
    ]
    assert all(r["message"].endswith(".") for r in summary.rejected)
    assert summary.exit_code == 3
    assert count(coord, "coord_encounters") == 1


@pytest.mark.parametrize("step", ["period_month", "write_case_tally", "add_summaries"])
def test_import_is_all_or_nothing_per_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    for _ in range(3):
        insert_encounter(unit.db)
    path = export_now(unit, tmp_path)

    def failing(*args: object) -> None:
        raise RuntimeError("power cut")

    # Before the encounters are written, or after them (the follow-up and dashboard counts).
    monkeypatch.setattr(summaries, step, failing)
    with pytest.raises(RuntimeError):
        import_(coord, path)
    monkeypatch.undo()
    for table in (
        "coord_encounters",
        "imports",
        "workstations",
        "coord_escalations",
        "coord_weekly_counts",
        "coord_case_weekly",
        "coord_supporter_weekly",
    ):
        assert count(coord, table) == 0
    assert import_(coord, path).imported[0]["records"] == 3
    assert dashboard_figures(coord).encounters == 3


def test_import_on_a_unit_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Refused, match="unit store"):
        import_(unit_session(), tmp_path / "x")


def test_oversize_file_is_rejected_without_reading_it(tmp_path: Path) -> None:
    coord = coordinator_session()
    big = tmp_path / "big.svdbundle"
    big.write_bytes(b"age-encryption.org/v1\n" + b"x" * 2048)
    summary = run_to_end(import_bundles(coord, [big], max_bytes=1024))
    assert [r["reason"] for r in summary.rejected] == ["too_large"]


# ---------------------------------------------------------------------------- queue


def test_escalation_queue_acknowledge_and_close(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    enc = insert_encounter(unit.db)
    urgent = insert_escalation(unit.db, encounter=enc, level="tier3_same_day")
    later = insert_escalation(unit.db, level="tier3_2wk", due_at="2026-12-08T10:00:00+00:00")
    import_(coord, export_now(unit, tmp_path))
    now = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # after 2026-W48, inside 2026-W49
    queue = escalation_queue(coord, now)
    assert [q.escalation_id for q in queue] == [urgent["id"], later["id"]]
    first = queue[0]
    assert first.overdue
    assert not queue[1].overdue
    assert first.supporter_id is None  # format 2: the supporter's id stays on the unit
    assert first.case_code == enc["case_code"]
    assert first.unit_code == "ED1"
    assert first.due_week == "2026-W48"
    acknowledge(coord, urgent["id"], now=now)
    acknowledge(coord, urgent["id"], now=now)  # idempotent
    assert escalation_queue(coord, now)[0].acknowledged_by == coord.supporter.id
    with pytest.raises(InvalidInput, match="not an outcome"):
        close_escalation(coord, urgent["id"], "made_up")
    close_escalation(coord, urgent["id"], "referral_made", now=now)
    assert [q.escalation_id for q in escalation_queue(coord, now)] == [later["id"]]
    with pytest.raises(Refused, match="already closed"):
        close_escalation(coord, urgent["id"], "other")
    with pytest.raises(InvalidInput, match="no escalation"):
        acknowledge(coord, str(uuid.uuid4()))
    actions = [a for a, _ in coord.audited]
    assert actions.count("escalation_acknowledged") == 1
    assert "escalation_closed" in actions


@pytest.mark.parametrize(
    ("level", "overdue"),
    [("emergency", True), ("tier3_same_day", True), ("tier3_72h", False), ("tier3_2wk", False)],
)
def test_an_escalation_due_within_a_day_is_overdue_in_its_own_week(
    tmp_path: Path, level: str, overdue: bool
) -> None:
    """Due times leave the unit as ISO weeks: an emergency raised on Monday is due that day,
    not on Sunday, and a bundle takes longer than a day to arrive; the level says it is late."""
    coord = coordinator_session()
    unit = pair_unit(coord)
    esc = insert_escalation(
        unit.db,
        level=level,
        created_at="2026-11-30T08:00:00+00:00",  # Monday of 2026-W49
        due_at="2026-11-30T08:00:00+00:00",
    )
    import_(coord, export_now(unit, tmp_path))
    now = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # Wednesday of the same week
    (queued,) = escalation_queue(coord, now)
    assert queued.due_week == "2026-W49"
    assert (queued.overdue, queued.due_within_a_day) == (overdue, overdue)
    assert dashboard_figures(coord, now=now).escalations_overdue == int(overdue)
    close_escalation(coord, esc["id"], "referral_made", now=now)
    (closed,) = escalation_queue(coord, now, include_closed=True)
    assert not closed.overdue  # a closed escalation is never overdue


def test_unit_status_update_keeps_the_coordinators_handling(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    esc = insert_escalation(unit.db)
    import_(coord, export_now(unit, tmp_path))
    acknowledge(coord, esc["id"])
    unit.db.execute(
        "UPDATE escalations SET status = 'handed_off', updated_at = '2999-01-01T00:00:00+00:00'"
    )
    import_(coord, export_now(unit, tmp_path))
    (q,) = escalation_queue(coord)
    assert q.unit_status == "handed_off"
    assert q.acknowledged_at is not None


# ---------------------------------------------------------------------------- dashboard


def test_dashboard_figures_count_what_was_imported(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    sup = str(uuid.uuid4())
    a = insert_encounter(unit.db, supporter_id=sup, created_at="2026-01-29")  # W05 → January
    insert_encounter(
        unit.db,
        case_code=a["case_code"],
        encounter_type="follow_up",
        followup_plan="none",
        supporter_id=sup,
        created_at="2026-02-05",
    )
    insert_encounter(
        unit.db,
        case_code="ABC-DEF",
        role_category="physician_app",
        response_time="gt_24h",
        format="group_small",
        people_reached=4,
        escalation_level="tier3_72h",
        event_categories=json.dumps(["near_miss", "unexpected_death"]),
        needs_met="partly",
        supporter_own_distress="high",
        created_at="2026-02-26",  # W09: Thursday 26 Feb → February
    )
    import_(coord, export_now(unit, tmp_path))
    f = dashboard_figures(coord)
    assert f.encounters == 3
    assert f.people_reached == 6
    assert f.per_month == {"2026-01": 1, "2026-02": 2}
    assert f.by_role["nurse"] == 2
    assert f.by_role["physician_app"] == 1
    assert f.by_event_category["unexpected_death"] == 3
    assert f.by_event_category["near_miss"] == 1
    assert f.response_le_30min == 2
    assert f.response_le_24h == 2
    assert f.by_format == {
        **{c: 0 for c in ("individual", "group_small", "group_large")},
        "individual": 2,
        "group_small": 1,
    }
    assert f.people_reached_by_format["group_small"] == 4
    assert f.escalation_level["tier3_72h"] == 1
    assert f.escalation_level["tier2"] == 2
    assert f.followup == {"planned": 2, "completed": 1}
    assert f.needs_met["yes"] == 2
    assert f.needs_met["partly"] == 1
    assert f.supporter_distress["high"] == 1
    assert f.supporter_load == []  # no supporter ids travel (format 2, docs/privacy.md)
    assert f.rate(f.response_le_30min) == pytest.approx(2 / 3)
    w = dashboard_figures(coord, period_from="2026-W06", period_to="2026-W09")
    assert w.encounters == 2
    assert dashboard_figures(coord, unit="ICU").encounters == 0
    with pytest.raises(InvalidInput, match="ISO week"):
        dashboard_figures(coord, period_from="2026-13")
    with pytest.raises(InvalidInput, match="after it ends"):
        dashboard_figures(coord, period_from="2026-W10", period_to="2026-W01")


def _fill(coord: FakeSession, n: int) -> None:
    rng = random.Random(7)
    cols = [*fields.ENCOUNTER_FIELD_NAMES, "workstation_id", "import_sequence", "period_month"]
    by_name = {f.name: f for f in fields.ENCOUNTER_FIELDS}
    supporters = [str(uuid.uuid4()) for _ in range(150)]
    rows = []
    for i in range(n):
        week = f"{rng.choice([2025, 2026])}-W{rng.randint(1, 52):02d}"
        rec: dict[str, object] = {}
        for name in fields.ENCOUNTER_FIELD_NAMES:
            f = by_name[name]
            if f.kind == "code":
                rec[name] = rng.choice(f.codes)
            elif f.kind == "code_list":
                rec[name] = json.dumps(rng.sample(f.codes, 1) if f.codes else [])
            elif f.kind == "int":
                rec[name] = rng.randint(1, 8)
            elif f.kind == "bool":
                rec[name] = rng.randint(0, 1)
            else:
                rec[name] = None
        eid = str(uuid.UUID(int=i))
        rec.update(
            encounter_id=eid,
            case_code=f"C{i % 60000}",
            site_code="S01",
            unit_code=f"U{i % 12}",
            supporter_id=rng.choice(supporters),
            created_week=week,
        )
        rows.append(
            [
                *(rec[c] for c in fields.ENCOUNTER_FIELD_NAMES),
                "ws",
                1,
                period_month(week),
            ]
        )
    coord.db.conn.executemany(
        f"INSERT INTO coord_encounters ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
        rows,
    )
    refresh_summaries(coord.db)
    coord.db.conn.commit()
    coord.db.execute("ANALYZE")


def test_dashboard_is_fast_over_200k_encounters() -> None:
    coord = coordinator_session()
    _fill(coord, 200_000)
    timings = []
    for kwargs in ({}, {"period_from": "2026-W01", "period_to": "2026-W26"}, {"unit": "U3"}):
        start = time.perf_counter()
        f = dashboard_figures(coord, **kwargs)  # type: ignore[arg-type]
        timings.append(time.perf_counter() - start)
        assert f.encounters > 0
    print(
        f"\ndashboard_figures over 200,000 encounters: "
        f"{', '.join(f'{t * 1000:.0f} ms' for t in timings)} (all, half year, one unit)"
    )
    # Target 100 ms on a desktop; allow headroom for a loaded 2-core CI box.
    assert min(timings) < 0.5


def test_only_the_confirmed_workstation_is_trusted(tmp_path: Path) -> None:
    coord = coordinator_session()
    first, second = pair_unit(coord, "ED1"), pair_unit(coord, "ICU")
    insert_encounter(first.db)
    insert_encounter(second.db, unit="ICU")
    a = export_now(first, tmp_path)
    b = export_now(second, tmp_path)
    confirmed = export.workstation_fingerprint(first)
    assert confirmed is not None
    summary = run_to_end(import_bundles(coord, [a, b], trusted_fingerprints={confirmed}))
    assert [i["fingerprint"] for i in summary.imported] == [confirmed]
    assert [r["reason"] for r in summary.rejected] == ["unknown_workstation"]
    assert summary.rejected[0]["fingerprint"] == export.workstation_fingerprint(second)


def test_import_history_lists_the_ledger(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    insert_encounter(unit.db)
    path = export_now(unit, tmp_path)
    import_(coord, path)
    (entry,) = import_history(coord)
    assert (entry["unit_code"], entry["sequence"], entry["records"]) == ("ED1", 1, 1)
    assert entry["file_name"] == path.name


def test_restored_unit_renumbers_and_nothing_is_lost(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    insert_encounter(unit.db)
    insert_encounter(unit.db)
    import_(coord, export_now(unit, tmp_path / ""))
    insert_encounter(unit.db)
    import_(coord, export_now(unit, tmp_path))
    # The unit store goes back to a backup taken before the second export.
    unit.db.execute("DELETE FROM exports WHERE sequence = 2")
    unit.db.execute("UPDATE encounters SET exported_seq = NULL WHERE exported_seq = 2")
    insert_encounter(unit.db)
    rejected = import_(coord, export_now(unit, tmp_path)).rejected
    assert [r["reason"] for r in rejected] == ["sequence_rollback"]
    assert "restored from a backup" in rejected[0]["message"]
    assert export.renumber_after_restore(unit, 2) == 3
    summary = import_(coord, export_now(unit, tmp_path))
    assert [i["sequence"] for i in summary.imported] == [3]
    assert summary.missing_sequences == []
    assert count(coord, "coord_encounters") == 4


def test_a_workstation_cannot_overwrite_another_ones_records(tmp_path: Path) -> None:
    coord = coordinator_session()
    honest, rogue = pair_unit(coord, "ED1"), pair_unit(coord, "ICU")
    victim = insert_encounter(honest.db)
    import_(coord, export_now(honest, tmp_path))
    insert_encounter(rogue.db, unit="ICU", encounter_id=victim["encounter_id"], needs_met="no")
    summary = import_(coord, export_now(rogue, tmp_path))
    assert [r["reason"] for r in summary.rejected] == ["corrupt"]
    assert "another workstation" in summary.rejected[0]["message"]
    (row,) = coord.db.execute("SELECT unit_code, needs_met FROM coord_encounters").fetchall()
    assert tuple(row) == ("ED1", "yes")


def test_cancel_finishes_the_announced_bundle_and_stops(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    files = []
    for _ in range(3):
        insert_encounter(unit.db)
        files.append(export_now(unit, tmp_path))
    operation = import_bundles(coord, files, trust_new=True)
    first = next(operation)
    assert first.message == f"Importing {files[0].name}"
    operation.close()
    assert count(coord, "imports") == 1
    rest = import_(coord, *files)
    assert [d["sequence"] for d in rest.duplicates] == [1]
    assert [i["sequence"] for i in rest.imported] == [2, 3]
