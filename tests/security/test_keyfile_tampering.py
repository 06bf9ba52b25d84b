"""Editing keys.json, a plain file, as someone on the same OS account (issue 13, item 2): roles,
the roster and the audit anchor are authenticated (a MAC under a key derived from the database
key, and the store's own supporters table), so an edit is refused with a clear message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from svdesk.access.workstation import Workstation
from svdesk.errors import NotPermitted, StoreDamaged
from tests.fakes import ADMIN_PASSPHRASE, close_session, make_session, session_secrets

SAM_PASS = "sam's own long passphrase"


def _edit(home: Path, change: Any) -> None:
    path = home / "keys.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def _store_with_sam(tmp_path: Path) -> tuple[Path, Any, str, str]:
    session = make_session(tmp_path)
    sam = session.enrol("Sam", SAM_PASS)
    home, secrets, admin = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    return home, secrets, sam.id, admin


def test_making_oneself_admin_in_keys_json_is_refused(tmp_path: Path) -> None:
    home, secrets, sam, admin = _store_with_sam(tmp_path)
    as_sam = Workstation.open(home, secrets).unlock(sam, SAM_PASS)
    with pytest.raises(NotPermitted):
        as_sam.reset_passphrase(admin, "sam now owns the admin account")
    close_session(as_sam)

    def promote(data: dict[str, Any]) -> None:
        for entry in data["supporters"]:
            entry["is_admin"] = True

    _edit(home, promote)
    ws = Workstation.open(home, secrets)
    with pytest.raises(StoreDamaged, match="changed outside svdesk") as caught:
        ws.unlock(sam, SAM_PASS)
    assert "Restore it from a backup" in caught.value.message
    with pytest.raises(StoreDamaged, match="changed outside svdesk"):
        ws.unlock(admin, ADMIN_PASSPHRASE)  # nobody works on a keys file nobody wrote
    ws.close()


def test_removing_the_keys_files_mac_is_refused(tmp_path: Path) -> None:
    home, secrets, sam, _ = _store_with_sam(tmp_path)

    def promote_and_unsign(data: dict[str, Any]) -> None:
        data["supporters"][1]["is_admin"] = True
        data["mac"] = None

    _edit(home, promote_and_unsign)
    ws = Workstation.open(home, secrets)
    with pytest.raises(StoreDamaged, match="MAC was removed"):
        ws.unlock(sam, SAM_PASS)
    ws.close()


def test_moving_the_audit_anchor_in_keys_json_is_refused(tmp_path: Path) -> None:
    home, secrets, sam, _ = _store_with_sam(tmp_path)

    def move_head(data: dict[str, Any]) -> None:
        data["audit_head"]["seq"] -= 2  # as after deleting the last entries and re-chaining

    _edit(home, move_head)
    ws = Workstation.open(home, secrets)
    with pytest.raises(StoreDamaged, match="changed outside svdesk"):
        ws.unlock(sam, SAM_PASS)
    ws.close()


def test_a_role_differing_from_the_store_is_refused_even_with_a_valid_mac(
    tmp_path: Path,
) -> None:
    # An insider holding the database key can recompute the MAC; the roles still come from
    # the encrypted store, which the keys file must agree with.
    from svdesk.keys.keyfile import KeyFile, keyfile_mac

    session = make_session(tmp_path)
    sam = session.enrol("Sam", SAM_PASS)
    home, secrets, key = session.workstation.home, session_secrets(session), session._db_key()
    close_session(session)

    def promote_and_resign(data: dict[str, Any]) -> None:
        data["supporters"][1]["is_admin"] = True
        data["mac"] = keyfile_mac(key, KeyFile.from_json(data))

    _edit(home, promote_and_resign)
    ws = Workstation.open(home, secrets)
    with pytest.raises(StoreDamaged, match="role differs"):
        ws.unlock(sam.id, SAM_PASS)
    ws.close()
