"""The store's settings: one module reads and writes the settings table, as JSON by key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svdesk.storage.settings import (
    delete_setting,
    read_setting,
    save_setting,
    transaction,
    write_setting,
)
from tests.fakes import close_session, make_session, reopen

ROOT = Path(__file__).resolve().parents[2]


def test_values_round_trip_as_json_through_a_reopen(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    assert read_setting(session.db, "export.last_folder") is None
    assert read_setting(session.db, "lock_minutes", 10) == 10
    save_setting(session, "export.last_folder", "D:\\Clé USB")
    save_setting(session, "nested", {"b": [1, 2], "a": None})
    again = reopen(session)
    assert read_setting(again.db, "export.last_folder") == "D:\\Clé USB"
    assert read_setting(again.db, "nested") == {"a": None, "b": [1, 2]}
    stored = again.db.execute("SELECT value FROM settings WHERE key = 'nested'").fetchone()[0]
    assert stored == '{"a": null, "b": [1, 2]}'  # sorted keys: the same value, the same text
    close_session(again)


def test_a_damaged_value_reads_as_the_default(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    with transaction(session):
        session.db.execute("INSERT INTO settings (key, value) VALUES ('lock_minutes', '{oops')")
    assert read_setting(session.db, "lock_minutes", 10) == 10
    close_session(session)


def test_a_write_in_a_failed_transaction_is_not_kept(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    save_setting(session, "retention_days", 180)

    def change_then_fail() -> None:
        with transaction(session):
            write_setting(session.db, "retention_days", 30)
            raise RuntimeError("the audit entry could not be written")

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert read_setting(session.db, "retention_days") == 180
    with transaction(session):
        delete_setting(session.db, "retention_days")
    assert read_setting(session.db, "retention_days", 90) == 90
    close_session(session)


def test_no_other_module_reads_or_writes_the_settings_table() -> None:
    sql = re.compile(r"(FROM|INTO|UPDATE)\s+settings\b", re.IGNORECASE)
    others = [
        str(path.relative_to(ROOT))
        for top in ("svdesk", "ui")
        for path in (ROOT / top).rglob("*.py")
        if path.name != "settings.py" or path.parent.name != "storage"
        if sql.search(path.read_text(encoding="utf-8"))
    ]
    assert others == [], (
        f"use svdesk.storage.settings instead of SQL on the settings table: {others}"
    )
