"""Unit-side export: pairing, incremental bundles, durable marking, clear write failures."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from test_bundle_support import (
    CANARY,
    FakeSession,
    insert_encounter,
    insert_escalation,
    unit_session,
)

from svdesk.errors import InvalidInput, NotPermitted, Refused, WriteFailed
from svdesk.exchange import bundle, card
from svdesk.progress import run_to_end
from svdesk.unit import export

COORD = card.generate_coordinator_keys()
CARD = card.make_card(COORD, site_code="S01")


def paired() -> FakeSession:
    session = unit_session()
    export.pair(session, CARD)
    return session


def open_as_coordinator(path: Path, session: FakeSession, **kw: object) -> bundle.OpenedBundle:
    args: dict[str, object] = {
        "identity": COORD.age_identity,
        "known_workstations": {},
        "last_sequences": {},
        "seen_hashes": set(),
        "trust_new": True,
    }
    args.update(kw)
    return bundle.open_bundle(path.read_bytes(), **args)  # type: ignore[arg-type]


def test_pair_returns_the_workstation_fingerprint_and_keeps_the_key() -> None:
    session = unit_session()
    first = export.pair(session, CARD)
    assert first == export.workstation_fingerprint(session)
    assert export.pair(session, CARD) == first  # re-pairing keeps the workstation's key
    assert (
        "pair",
        {
            "coordinator_id": COORD.coordinator_id,
            "coordinator_fingerprint": COORD.fingerprint,
            "workstation_fingerprint": first,
        },
    ) in session.audited


def test_only_an_admin_can_pair() -> None:
    with pytest.raises(NotPermitted, match="unit admin"):
        export.pair(unit_session(admin=False), CARD)


def test_a_damaged_card_is_refused_and_nothing_is_stored() -> None:
    session = unit_session()
    with pytest.raises(InvalidInput):
        export.pair(session, CARD.replace(b"S01", b"S02"))
    assert export.paired_card(session) is None
    assert export.workstation_fingerprint(session) is None


def test_export_before_pairing_is_refused(tmp_path: Path) -> None:
    session = unit_session()
    insert_encounter(session.db)
    with pytest.raises(Refused, match="not paired"):
        run_to_end(export.export_bundle(session, tmp_path))


def test_export_round_trip_is_incremental(tmp_path: Path) -> None:
    session = paired()
    a = insert_encounter(session.db)
    b = insert_encounter(session.db)
    insert_escalation(session.db, encounter=a)
    progress = []
    gen = export.export_bundle(session, tmp_path)
    while True:
        try:
            progress.append(next(gen))
        except StopIteration as stop:
            first: export.ExportResult = stop.value
            break
    assert [p.done for p in progress] == sorted(p.done for p in progress)
    assert progress[-1].done == progress[-1].total
    assert first.sequence == 1
    assert first.records == 3
    data = first.to_json()
    reid = data.pop("reidentification")
    assert data == {"bundle": str(first.path), "sequence": 1, "records": 3}
    # The export prints its re-identification check (issue 11): two encounters alike.
    assert reid["key"] == ["unit_code", "role_category", "created_week", "event_categories"]
    assert (reid["records"], reid["smallest_group"]) == (2, first.reidentification.smallest_group)
    assert first.path.parent == tmp_path
    assert CANARY.encode() not in first.path.read_bytes()
    if os.name == "posix":
        assert first.path.stat().st_mode & 0o777 == 0o600
    opened = open_as_coordinator(first.path, session)
    assert {e["encounter_id"] for e in opened.encounters} == {a["encounter_id"], b["encounter_id"]}
    assert opened.manifest.workstation_id == session.workstation.info.store_id
    assert opened.fingerprint == export.workstation_fingerprint(session)

    c = insert_encounter(session.db)
    second = run_to_end(export.export_bundle(session, tmp_path))
    assert second.sequence == 2
    opened2 = open_as_coordinator(
        second.path, session, last_sequences={opened.manifest.workstation_id: 1}
    )
    assert [e["encounter_id"] for e in opened2.encounters] == [c["encounter_id"]]
    assert opened2.escalations == []
    assert [h["sequence"] for h in export.export_history(session)] == [2, 1]
    assert "export" in [a for a, _ in session.audited]


def test_changed_escalation_status_is_exported_again(tmp_path: Path) -> None:
    session = paired()
    enc = insert_encounter(session.db)
    esc = insert_escalation(session.db, encounter=enc)
    run_to_end(export.export_bundle(session, tmp_path))
    assert export.pending_count(session) == 0
    session.db.execute(
        "UPDATE escalations SET status = 'closed', outcome = 'referral_made', "
        "updated_at = '2999-01-01T00:00:00+00:00' WHERE id = ?",
        [esc["id"]],
    )
    assert export.pending_count(session) == 1
    result = run_to_end(export.export_bundle(session, tmp_path))
    opened = open_as_coordinator(result.path, session)
    assert [(e["escalation_id"], e["status"], e["outcome"]) for e in opened.escalations] == [
        (esc["id"], "closed", "referral_made")
    ]


def test_read_only_target_fails_clearly_and_marks_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = paired()
    insert_encounter(session.db)

    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(WriteFailed, match=r"Read-only file system.*choose another folder"):
        run_to_end(export.export_bundle(session, tmp_path))
    monkeypatch.undo()
    assert export.pending_count(session) == 1
    assert export.export_history(session) == []  # users see only bundles that exist
    assert [
        (h["sequence"], h["state"]) for h in export.export_history(session, include_abandoned=True)
    ] == [(1, "abandoned")]
    # A number is never used twice (issue 18): the next good export is 2 and declares 1.
    result = run_to_end(export.export_bundle(session, tmp_path))
    assert result.sequence == 2
    assert open_as_coordinator(result.path, session).manifest.abandoned == (1,)


def test_full_disk_fails_clearly_and_marks_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = paired()
    insert_encounter(session.db)

    def full(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(WriteFailed, match="No space left"):
        run_to_end(export.export_bundle(session, tmp_path))
    monkeypatch.undo()
    assert export.pending_count(session) == 1
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_invalid_input(tmp_path: Path) -> None:
    session = paired()
    with pytest.raises(InvalidInput, match="not a folder"):
        run_to_end(export.export_bundle(session, tmp_path / "nope"))


def test_closing_the_generator_cancels_with_nothing_written(tmp_path: Path) -> None:
    session = paired()
    insert_encounter(session.db)
    gen = export.export_bundle(session, tmp_path)
    next(gen)
    next(gen)
    gen.close()
    assert list(tmp_path.iterdir()) == []
    assert export.pending_count(session) == 1
    assert export.export_history(session) == []


def test_large_backlog_is_split_across_bundles(tmp_path: Path) -> None:
    session = paired()
    for _ in range(5):
        insert_encounter(session.db)
    first = run_to_end(export.export_bundle(session, tmp_path, max_encounters=3))
    assert (first.encounters, first.remaining) == (3, 2)
    second = run_to_end(export.export_bundle(session, tmp_path, max_encounters=3))
    assert (second.encounters, second.remaining) == (2, 0)


def test_export_on_a_coordinator_store_is_refused(tmp_path: Path) -> None:
    from test_bundle_support import coordinator_session

    with pytest.raises(Refused, match="coordinator store"):
        run_to_end(export.export_bundle(coordinator_session(), tmp_path))


def test_renumbering_after_a_restore_needs_an_admin_and_skips_numbers(tmp_path: Path) -> None:
    session = paired()
    insert_encounter(session.db)
    run_to_end(export.export_bundle(session, tmp_path))
    session.supporter.is_admin = False
    with pytest.raises(NotPermitted):
        export.renumber_after_restore(session, 7)
    session.supporter.is_admin = True
    assert export.renumber_after_restore(session, 7) == 8
    assert export.pending_count(session) == 1  # everything goes again
    assert run_to_end(export.export_bundle(session, tmp_path)).sequence == 8
