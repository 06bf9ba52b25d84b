"""The crisis snapshot: a plain copy of the unit's crisis numbers (code, label, phone only) that
the locked crisis screen can show without the encrypted store."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from test_cases_support import Unit, open_store, protocol

from svdesk.errors import NotPermitted, WriteFailed
from svdesk.storage.schema import SCHEMA_VERSION, migration_sql
from svdesk.unit import crisis_numbers, directory, drafts
from svdesk.unit.context import context_for
from svdesk.unit.directory import CRISIS_SNAPSHOT_NAME, CrisisNumber
from tests.fakes import close_session, make_session

NOTE_CANARY = "Jordan Canary-Smith said the dose was wrong"


@pytest.fixture
def unit(tmp_path: Path) -> Unit:
    """A unit store in a data folder, its file named as the real store's (svdesk.db)."""
    path = tmp_path / "svdesk.db"
    db = open_store(path)
    for version in range(1, SCHEMA_VERSION + 1):
        db.conn.executescript(migration_sql(version))
    return Unit(path, db)


def _saved(home: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((home / CRISIS_SNAPSHOT_NAME).read_text("utf-8"))
    return data


def test_setting_a_number_writes_only_code_label_phone_and_hours_of_numbers_set(
    unit: Unit, tmp_path: Path
) -> None:
    admin = unit.ctx("admin", admin=True)
    assert not (tmp_path / CRISIS_SNAPSHOT_NAME).exists()
    directory.set_directory_entry(admin, "crisis_line", "988", "24/7, ask for the on-call team")
    directory.set_directory_entry(admin, "emergency", " 2222 ", "hospital emergency team")

    data = _saved(tmp_path)
    assert data == {
        "version": 1,
        "numbers": [  # most urgent first, whatever order they were saved in
            # the service's opening hours (the defaults': both around the clock) travel too,
            # for "open now" on the locked screen; the unit's own notes never do
            {"code": "emergency", "label": "Emergency", "phone": "2222", "hours": "24/7"},
            {"code": "crisis_line", "label": "Crisis line", "phone": "988", "hours": "24/7"},
        ],
    }
    text = (tmp_path / CRISIS_SNAPSHOT_NAME).read_text("utf-8")
    assert "ask for the on-call team" not in text
    assert "hospital emergency team" not in text
    assert directory.read_crisis_snapshot(tmp_path) == [
        CrisisNumber("emergency", "Emergency", "2222", hours="24/7"),
        CrisisNumber("crisis_line", "Crisis line", "988", hours="24/7"),
    ]

    directory.set_directory_entry(admin, "emergency", "")  # cleared: gone from the copy too
    assert [n.code for n in directory.read_crisis_snapshot(tmp_path)] == ["crisis_line"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_snapshot_is_private_and_written_atomically(unit: Unit, tmp_path: Path) -> None:
    admin = unit.ctx("admin", admin=True)
    directory.set_directory_entry(admin, "eap", "4455")
    path = tmp_path / CRISIS_SNAPSHOT_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # Rewriting replaces the file (a new inode via rename), never truncates it in place.
    before = path.stat().st_ino
    directory.set_directory_entry(admin, "eap", "4456")
    assert path.stat().st_ino != before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    # A copy someone loosened is rewritten private even when its content is current.
    path.chmod(0o644)
    assert directory.write_crisis_snapshot(tmp_path, directory.directory(admin))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # Unchanged numbers: nothing written.
    assert not directory.write_crisis_snapshot(tmp_path, directory.directory(admin))


def test_a_refused_change_leaves_the_snapshot_alone(unit: Unit, tmp_path: Path) -> None:
    admin = unit.ctx("admin", admin=True)
    directory.set_directory_entry(admin, "emergency", "2222")
    before = (tmp_path / CRISIS_SNAPSHOT_NAME).read_bytes()
    with pytest.raises(NotPermitted):
        directory.set_directory_entry(unit.ctx("sup-B"), "emergency", "9999")
    with pytest.raises(Exception, match="not a phone number"):
        directory.set_directory_entry(admin, "emergency", "call Sam")
    assert (tmp_path / CRISIS_SNAPSHOT_NAME).read_bytes() == before


def test_a_snapshot_that_cannot_be_written_does_not_undo_the_saved_number(
    unit: Unit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, data: bytes) -> None:
        raise WriteFailed("Could not write crisis-numbers.json: disk full.")

    monkeypatch.setattr(crisis_numbers, "atomic_write", refuse)
    admin = unit.ctx("admin", admin=True)
    directory.set_directory_entry(admin, "emergency", "2222")
    assert {e.code: e.phone for e in directory.directory(admin)}["emergency"] == "2222"
    assert directory.read_crisis_snapshot(tmp_path) == []
    with pytest.raises(WriteFailed):  # asked for directly, the failure is reported
        directory.refresh_crisis_snapshot(admin)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe garbage",
        b"[]",
        b'{"version": 2, "numbers": []}',
        b'{"version": 1, "numbers": {"code": "emergency"}}',
        b'{"version": 1}',
        b'{"version": 1, "numbers": ['
        + b'{"code": "x", "label": "y", "phone": "1"},' * 2000
        + b'{"code": "emergency", "label": "Emergency", "phone": "2222"}]}',
    ],
    ids=["empty", "broken", "binary", "list", "newer", "not-a-list", "no-numbers", "huge"],
)
def test_a_damaged_snapshot_reads_as_no_numbers(tmp_path: Path, content: bytes) -> None:
    (tmp_path / CRISIS_SNAPSHOT_NAME).write_bytes(content)
    assert directory.read_crisis_snapshot(tmp_path) == []


def test_a_missing_snapshot_or_folder_reads_as_no_numbers(tmp_path: Path) -> None:
    assert directory.read_crisis_snapshot(tmp_path) == []
    assert directory.read_crisis_snapshot(tmp_path / "no such folder") == []
    (tmp_path / CRISIS_SNAPSHOT_NAME).mkdir()  # not even a file
    assert directory.read_crisis_snapshot(tmp_path) == []


def test_odd_entries_of_an_edited_snapshot_are_left_out(tmp_path: Path) -> None:
    numbers = [
        {"code": "crisis_line", "label": "Crisis line", "phone": "988"},
        {"code": "notes", "label": "Notes", "phone": "1234"},  # not a directory code
        {"code": "eap", "label": "EAP", "phone": "call Sam on 1234"},  # not a number
        {"code": "chaplain", "label": "", "phone": "1234"},  # no label
        {"code": "psychology", "label": "Psychology", "phone": 5550142},  # not text
        "emergency 2222",
        {"code": "emergency", "label": "  Emergency  team ", "phone": "２２２２"},
    ]
    (tmp_path / CRISIS_SNAPSHOT_NAME).write_text(
        json.dumps({"version": 1, "numbers": numbers}), "utf-8"
    )
    assert directory.read_crisis_snapshot(tmp_path) == [
        CrisisNumber("emergency", "Emergency team", "2222"),
        CrisisNumber("crisis_line", "Crisis line", "988"),
    ]


def test_a_database_outside_a_data_folder_writes_no_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "unit.db"  # not a store's file name: a test or scratch database
    db = open_store(path)
    for version in range(1, SCHEMA_VERSION + 1):
        db.conn.executescript(migration_sql(version))
    admin = Unit(path, db).ctx("admin", admin=True)
    directory.set_directory_entry(admin, "emergency", "2222")
    assert not (tmp_path / CRISIS_SNAPSHOT_NAME).exists()
    assert not directory.refresh_crisis_snapshot(admin).wrote
    assert directory.refresh_crisis_snapshot(admin, tmp_path).wrote  # unless told where
    assert [n.phone for n in directory.read_crisis_snapshot(tmp_path)] == ["2222"]


def test_a_real_store_keeps_its_snapshot_beside_it_and_no_case_data(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    try:
        home = session.workstation.home
        ctx = context_for(session)
        draft = drafts.start_conversation(ctx, protocol())
        drafts.save_record_field(ctx, draft.id, "note", NOTE_CANARY)
        directory.set_directory_entry(ctx, "crisis_line", "988", "ask for Jordan Canary-Smith")
        assert [n.phone for n in directory.read_crisis_snapshot(home)] == ["988"]

        # A store made before the snapshot existed gets one at the next refresh (each unlock).
        (home / CRISIS_SNAPSHOT_NAME).unlink()
        assert directory.refresh_crisis_snapshot(ctx, home).wrote
        assert not directory.refresh_crisis_snapshot(ctx, home).wrote  # unchanged: not rewritten
        text = (home / CRISIS_SNAPSHOT_NAME).read_text("utf-8")
        assert "988" in text
        assert "Canary" not in text
        assert draft.case_code not in text
    finally:
        close_session(session)
