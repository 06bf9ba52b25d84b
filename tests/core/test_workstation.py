"""Create, open, unlock, supporters, passphrases, recovery and the unlock delay."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from svdesk.access.passphrase import passphrase_strength
from svdesk.access.recovery import recover_device_secret
from svdesk.access.throttle import UnlockDelayed, unlock_delay_for
from svdesk.access.workstation import Workstation
from svdesk.errors import (
    InvalidInput,
    NotPermitted,
    Refused,
    SecretStoreUnavailable,
    StoreDamaged,
    StoreExists,
    StoreLocked,
    StoreMissing,
    WrongPassphrase,
)
from svdesk.keys import keyfile
from svdesk.storage.db import Store
from svdesk.storage.settings import read_setting, save_setting
from tests.fakes import (
    ADMIN_PASSPHRASE,
    MemorySecrets,
    close_session,
    make_session,
    reopen,
    session_secrets,
)

SAM_PASS = "sam's own passphrase"


def test_created_store_unlocks_again_with_the_admin_passphrase(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    session.db.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, text TEXT)")
    session.db.table("probe").insert({"id": 1, "text": "kept"})
    info = session.workstation.info
    assert (info.role, info.site_code, info.unit_code, info.passphrase_only) == (
        "unit",
        "SITE1",
        "ICU",
        False,
    )
    again = reopen(session)
    assert list(again.db.table("probe").rows) == [{"id": 1, "text": "kept"}]
    assert [s.name for s in again.workstation.supporters()] == ["Alex"]
    close_session(again)


def test_recovery_code_is_crockford_groups(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    code: str = session.recovery_code  # type: ignore[attr-defined]
    groups = code.split("-")
    assert len(groups) == 5
    assert all(len(g) == 4 and set(g) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for g in groups)
    close_session(session)


def test_wrong_passphrase_is_refused_and_counted(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    ws = Workstation.open(home, secrets)
    with pytest.raises(WrongPassphrase, match="passphrase is not right"):
        ws.unlock(sid, "not the passphrase")
    sidecar = json.loads((home / "keys.json").read_text())
    assert sidecar["failures"]["count"] == 1
    ws.close()


def test_create_refuses_when_a_store_exists(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    home = session.workstation.home
    close_session(session)
    before = (home / "svdesk.db").read_bytes()
    with pytest.raises(StoreExists):
        Workstation.create(
            home,
            role="unit",
            site="S",
            unit="U",
            admin_name="Other",
            passphrase="another passphrase",
            secrets=MemorySecrets(),
        )
    assert (home / "svdesk.db").read_bytes() == before


def test_open_of_an_empty_folder_says_no_store(tmp_path: Path) -> None:
    with pytest.raises(StoreMissing, match="svdesk init"):
        Workstation.open(tmp_path, MemorySecrets())


def test_missing_keyring_entry_stops_and_creates_nothing(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    home = session.workstation.home
    close_session(session)
    empty = MemorySecrets()  # same backend name, entry gone (e.g. keyring reset)
    with pytest.raises(SecretStoreUnavailable, match="missing from the system keyring"):
        Workstation.open(home, empty)
    assert empty.values == {}  # never created a new secret over the existing store


def test_broken_keyring_is_reported_as_unavailable(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    home, secrets = session.workstation.home, session_secrets(session)
    close_session(session)
    secrets.failing = True
    with pytest.raises(SecretStoreUnavailable):
        Workstation.open(home, secrets)
    with pytest.raises(SecretStoreUnavailable):
        Workstation.open(home, None)


def test_create_with_broken_keyring_refuses_and_leaves_no_store(tmp_path: Path) -> None:
    secrets = MemorySecrets()
    secrets.failing = True
    with pytest.raises(SecretStoreUnavailable):
        make_session(tmp_path, secrets=secrets)
    assert not Workstation.exists(tmp_path / "home")


def test_changed_keyring_backend_stops_with_a_question(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    home, secrets = session.workstation.home, session_secrets(session)
    close_session(session)
    secrets.backend_name = "keyring.backends.SomethingElse.Keyring"
    with pytest.raises(SecretStoreUnavailable, match="keyring changed"):
        Workstation.open(home, secrets)


def test_different_secret_in_keyring_is_not_overwritten(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    home, secrets = session.workstation.home, session_secrets(session)
    store_id = session.workstation.info.store_id
    close_session(session)
    secrets.values[store_id] = b"\x01" * 32
    with pytest.raises(SecretStoreUnavailable, match="different device secret"):
        Workstation.open(home, secrets)
    assert secrets.values[store_id] == b"\x01" * 32


def test_passphrase_only_mode_is_explicit_and_recorded(tmp_path: Path) -> None:
    with pytest.raises(SecretStoreUnavailable):
        Workstation.create(
            tmp_path / "h",
            role="coordinator",
            site="S",
            unit=None,
            admin_name="Alex",
            passphrase=ADMIN_PASSPHRASE,
            secrets=None,
        )
    session = make_session(tmp_path, passphrase_only=True, role="coordinator")
    home, sid = session.workstation.home, session.supporter.id
    assert session.workstation.info.passphrase_only
    close_session(session)
    assert json.loads((home / "keys.json").read_text())["passphrase_only"] is True
    ws = Workstation.open(home, None)
    assert ws.info.passphrase_only
    close_session(ws.unlock(sid, ADMIN_PASSPHRASE))


def test_second_instance_is_refused_until_the_first_closes(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    home, secrets = session.workstation.home, session_secrets(session)
    with pytest.raises(StoreLocked, match="already running"):
        Workstation.open(home, secrets)
    close_session(session)
    Workstation.open(home, secrets).close()


def test_enrolled_supporter_unlocks_with_own_passphrase(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    sam = session.enrol("Sam", SAM_PASS)
    assert not sam.is_admin
    with pytest.raises(InvalidInput, match="already enrolled"):
        session.enrol("sam", "whatever passphrase")
    home, secrets = session.workstation.home, session_secrets(session)
    close_session(session)
    ws = Workstation.open(home, secrets)
    assert {s.name for s in ws.supporters()} == {"Alex", "Sam"}
    with pytest.raises(WrongPassphrase):
        ws.unlock(sam.id, ADMIN_PASSPHRASE)  # Alex's passphrase is not Sam's
    as_sam = ws.unlock(sam.id, SAM_PASS)
    with pytest.raises(NotPermitted):
        as_sam.enrol("Kim", "kim passphrase")
    with pytest.raises(NotPermitted):
        as_sam.remove_supporter(sam.id)
    close_session(as_sam)


def test_removing_a_supporter_rotates_the_key(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    sam = session.enrol("Sam", SAM_PASS)
    home, secrets = session.workstation.home, session_secrets(session)
    old_sidecar = (home / "keys.json").read_bytes()
    old_key_id = json.loads(old_sidecar)["key_id"]
    session.remove_supporter(sam.id)
    new_sidecar = json.loads((home / "keys.json").read_text())
    assert new_sidecar["key_id"] != old_key_id
    assert new_sidecar["pending_key_id"] is None
    assert [s["name"] for s in new_sidecar["supporters"]] == ["Alex"]
    row = session.db.execute("SELECT removed_at FROM supporters WHERE id = ?", [sam.id]).fetchone()
    assert row[0] is not None
    close_session(session)

    # Sam kept a copy of the old keys file: it unseals the old key, which no longer opens the DB.
    copy = tmp_path / "sam-copy"
    copy.mkdir()
    shutil.copy(home / "svdesk.db", copy / "svdesk.db")
    (copy / "keys.json").write_bytes(old_sidecar)
    ws = Workstation.open(copy, secrets)
    with pytest.raises(StoreDamaged):
        ws.unlock(sam.id, SAM_PASS)
    ws.close()

    # The admin still opens the real store.
    ws = Workstation.open(home, secrets)
    assert [s.name for s in ws.supporters()] == ["Alex"]
    again = ws.unlock(session.supporter.id, ADMIN_PASSPHRASE)
    actions = [r[0] for r in again.db.execute("SELECT action FROM audit ORDER BY seq")]
    assert "remove" in actions
    assert "key_rotated" in actions
    close_session(again)


def test_last_admin_and_self_cannot_be_removed(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    with pytest.raises(Refused, match="last admin"):
        session.remove_supporter(session.supporter.id)
    close_session(session)


def test_other_supporters_still_open_after_a_removal(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    sam = session.enrol("Sam", SAM_PASS)
    kim = session.enrol("Kim", "kim's passphrase", is_admin=True)
    session.remove_supporter(sam.id)
    home, secrets = session.workstation.home, session_secrets(session)
    close_session(session)
    ws = Workstation.open(home, secrets)
    as_kim = ws.unlock(kim.id, "kim's passphrase")
    assert as_kim.supporter.is_admin
    close_session(as_kim)


def test_interrupted_rotation_before_rekey_is_finished_on_next_unlock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make_session(tmp_path)
    sam = session.enrol("Sam", SAM_PASS)
    home, secrets = session.workstation.home, session_secrets(session)

    def crash(self: Store, new_key: bytes) -> None:
        raise KeyboardInterrupt  # stands in for a kill between the sidecar write and the rekey

    with monkeypatch.context() as m:
        m.setattr(Store, "rekey", crash)
        with pytest.raises(KeyboardInterrupt):
            session.remove_supporter(sam.id)
    pending = json.loads((home / "keys.json").read_text())["pending_key_id"]
    assert pending
    close_session(session)
    ws = Workstation.open(home, secrets)
    assert [s.name for s in ws.supporters()] == ["Alex"]
    again = ws.unlock(session.supporter.id, ADMIN_PASSPHRASE)
    sidecar = json.loads((home / "keys.json").read_text())
    assert (sidecar["key_id"], sidecar["pending_key_id"]) == (pending, None)
    assert again.check().ok
    close_session(again)
    close_session(reopen_as_admin(home, secrets, session.supporter.id))


def reopen_as_admin(home: Path, secrets: MemorySecrets, sid: str):  # type: ignore[no-untyped-def]
    return Workstation.open(home, secrets).unlock(sid, ADMIN_PASSPHRASE)


def test_interrupted_rotation_after_rekey_uses_the_new_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make_session(tmp_path)
    sam = session.enrol("Sam", SAM_PASS)
    home, secrets = session.workstation.home, session_secrets(session)
    ws = session.workstation
    real_save = keyfile.write_keyfile
    calls = {"n": 0}

    def save_then_die(home: Path, keys: keyfile.KeyFile) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the write that would drop the old key, after PRAGMA rekey
            raise KeyboardInterrupt
        real_save(home, keys)

    monkeypatch.setattr(keyfile, "write_keyfile", save_then_die)
    with pytest.raises(KeyboardInterrupt):
        session.remove_supporter(sam.id)
    monkeypatch.undo()
    assert json.loads((home / "keys.json").read_text())["pending_key_id"]
    session.store.close()
    ws.close()
    again = reopen_as_admin(home, secrets, session.supporter.id)
    assert json.loads((home / "keys.json").read_text())["pending_key_id"] is None
    assert again.check().ok
    close_session(again)


def test_change_passphrase(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    with pytest.raises(WrongPassphrase):
        session.change_passphrase("not my passphrase", "a new passphrase")
    with pytest.raises(InvalidInput, match="too short"):
        session.change_passphrase(ADMIN_PASSPHRASE, "short")
    session.change_passphrase(ADMIN_PASSPHRASE, "a new passphrase")
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    ws = Workstation.open(home, secrets)
    with pytest.raises(WrongPassphrase):
        ws.unlock(sid, ADMIN_PASSPHRASE)
    again = ws.unlock(sid, "a new passphrase")
    actions = [r[0] for r in again.db.execute("SELECT action FROM audit")]
    assert "passphrase_changed" in actions
    close_session(again)


def test_recovery_code_resets_a_forgotten_passphrase(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    code: str = session.recovery_code  # type: ignore[attr-defined]
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    ws = Workstation.open(home, secrets)
    with pytest.raises(WrongPassphrase, match="recovery code"):
        ws.unlock_with_recovery("0000-0000-0000-0000-0000", sid, "brand new passphrase")
    with pytest.raises(InvalidInput):
        ws.unlock_with_recovery("too short", sid, "brand new passphrase")
    typed = code.lower().replace("-", " ")  # people type it loosely
    recovered = ws.unlock_with_recovery(typed, sid, "brand new passphrase")
    actions = [r[0] for r in recovered.db.execute("SELECT action FROM audit")]
    assert "recovery_used" in actions
    close_session(recovered)
    ws = Workstation.open(home, secrets)
    with pytest.raises(WrongPassphrase):
        ws.unlock(sid, ADMIN_PASSPHRASE)
    close_session(ws.unlock(sid, "brand new passphrase"))


def test_growing_delay_after_failures_is_persisted_and_audited(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    now = [1_000_000.0]
    ws = Workstation.open(home, secrets)
    ws.clock = lambda: now[0]  # type: ignore[method-assign]
    delays = []
    for _ in range(4):
        with pytest.raises(WrongPassphrase):
            ws.unlock(sid, "guess passphrase")
        delays.append(ws.unlock_delay())
        now[0] += delays[-1]
    assert delays == [0.0, 1.0, 2.0, 4.0]
    ws.close()

    ws = Workstation.open(home, secrets)  # the count survives a restart
    ws.clock = lambda: now[0]  # type: ignore[method-assign]
    with pytest.raises(WrongPassphrase):
        ws.unlock(sid, "guess passphrase")
    assert ws.unlock_delay() == 8.0
    with pytest.raises(UnlockDelayed) as info:
        ws.unlock(sid, ADMIN_PASSPHRASE)  # even the right passphrase waits
    assert info.value.seconds == 8.0
    assert isinstance(info.value, Refused)
    now[0] += 8.0
    ok = ws.unlock(sid, ADMIN_PASSPHRASE)
    assert ws.unlock_delay() == 0.0
    failed = ok.db.execute("SELECT count(*) FROM audit WHERE action = 'unlock_failed'").fetchone()
    assert failed[0] == 5
    close_session(ok)


def test_delay_schedule_is_capped() -> None:
    assert [unlock_delay_for(n) for n in range(6)] == [0.0, 0.0, 1.0, 2.0, 4.0, 8.0]
    assert unlock_delay_for(50) == 300.0


def test_lock_forgets_the_key(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    session.lock()
    with pytest.raises(Refused, match="locked"):
        _ = session.db
    session.workstation.close()


def test_settings_round_trip_as_json(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    assert read_setting(session.db, "lock.idle_minutes", 5) == 5
    save_setting(session, "lock.idle_minutes", 10)
    save_setting(session, "lock.idle_minutes", 15)
    save_setting(session, "nested", {"a": [1, 2]})
    again = reopen(session)
    assert read_setting(again.db, "lock.idle_minutes") == 15
    assert read_setting(again.db, "nested") == {"a": [1, 2]}
    close_session(again)


@pytest.mark.parametrize(
    ("passphrase", "low", "high"),
    [
        ("", 0, 0),
        ("abc", 0, 0),
        ("aaaaaaaaaa", 1, 1),
        ("Tr0ub4dor&3x", 2, 3),
        ("correct horse battery staple", 3, 4),
    ],
)
def test_passphrase_strength(passphrase: str, low: int, high: int) -> None:
    score, hint = passphrase_strength(passphrase)
    assert low <= score <= high
    assert hint


def test_replaced_recovery_code_invalidates_the_old_one(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    old_code: str = session.recovery_code  # type: ignore[attr-defined]
    new_code = session.replace_recovery_code()
    assert new_code != old_code
    sam = session.enrol("Sam", SAM_PASS)
    home, secrets = session.workstation.home, session_secrets(session)
    close_session(session)
    ws = Workstation.open(home, secrets)
    with pytest.raises(WrongPassphrase):
        ws.unlock_with_recovery(old_code, sam.id, "another passphrase")
    as_sam = ws.unlock_with_recovery(new_code, sam.id, "another passphrase")
    with pytest.raises(NotPermitted):
        as_sam.replace_recovery_code()
    close_session(as_sam)


def test_lost_keyring_entry_is_recovered_with_the_recovery_code(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    code: str = session.recovery_code  # type: ignore[attr-defined]
    sam = session.enrol("Sam", SAM_PASS)
    session.db.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY)")
    session.db.table("probe").insert({"id": 7})
    home, sid = session.workstation.home, session.supporter.id
    close_session(session)

    fresh = MemorySecrets(backend_name="keyring.backends.NewMachine.Keyring")  # entry gone
    with pytest.raises(SecretStoreUnavailable):
        Workstation.open(home, fresh)
    with pytest.raises(WrongPassphrase):
        recover_device_secret(home, fresh, "0000-0000-0000-0000-0000", sid, "new admin passphrase")
    assert fresh.values == {}  # nothing written on a wrong code
    admin = recover_device_secret(home, fresh, code, sid, "new admin passphrase")
    assert [r["id"] for r in admin.db.table("probe").rows] == [7]
    assert len(fresh.values) == 1
    assert admin.workstation.needs_reset(sam.id)
    close_session(admin)

    ws = Workstation.open(home, fresh)  # the new backend and secret are now the recorded ones
    with pytest.raises(Refused, match="ask an admin to reset"):
        ws.unlock(sam.id, SAM_PASS)
    admin = ws.unlock(sid, "new admin passphrase")
    admin.reset_passphrase(sam.id, "sam's new passphrase")
    actions = [r[0] for r in admin.db.execute("SELECT action FROM audit")]
    assert "device_secret_renewed" in actions
    assert "passphrase_reset" in actions
    close_session(admin)
    ws = Workstation.open(home, fresh)
    close_session(ws.unlock(sam.id, "sam's new passphrase"))


def test_device_secret_recovery_is_refused_when_the_keyring_is_fine(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    code: str = session.recovery_code  # type: ignore[attr-defined]
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    before = dict(secrets.values)
    with pytest.raises(Refused, match="still holds"):
        recover_device_secret(home, secrets, code, sid, "new admin passphrase")
    assert secrets.values == before


def test_interrupted_set_up_is_finished_on_open(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    # as if killed between writing keys.json and moving the new database into place
    (home / "svdesk.db").rename(home / ".svdesk.db.creating")
    ws = Workstation.open(home, secrets)
    close_session(ws.unlock(sid, ADMIN_PASSPHRASE))
    assert (home / "svdesk.db").exists()
