"""Attacks on the key derivation: a weakened slot planted in keys.json, the cheap test profile
switched on in the shipped program (issue 13, item 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from svdesk.access.workstation import Workstation
from svdesk.errors import StoreDamaged
from svdesk.keys import crypto
from svdesk.keys.keyfile import KeyFile, keyfile_mac
from tests import kdf_profile
from tests.fakes import (
    ADMIN_PASSPHRASE,
    MemorySecrets,
    close_session,
    make_session,
    session_secrets,
)


def _plant_slot(
    tmp_path: Path, memory_kib: int, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, MemorySecrets, str]:
    """A store whose admin slot was re-made (same passphrase, same key) at `memory_kib`:
    (home, its device secrets, the admin's id)."""
    session = make_session(tmp_path)
    secrets = session_secrets(session)
    store_id, sid, key_id = session.workstation.info.store_id, session.supporter.id, session.key_id
    db_key = session._db_key()
    home = session.workstation.home
    close_session(session)
    cost = {"time_cost": 1, "memory_kib": memory_kib, "parallelism": 1}
    with monkeypatch.context() as patch:
        patch.setattr(kdf_profile, "KDF_PARAMS", cost)
        slot, _ = crypto.new_slot(
            ADMIN_PASSPHRASE, secrets.values[store_id], crypto.slot_aad(store_id, sid)
        )
    assert slot.kdf == cost
    slot.sealed[key_id] = crypto.seal(slot.public, db_key, crypto.seal_aad(store_id, sid, key_id))
    data = json.loads((home / "keys.json").read_text())
    data["supporters"][0]["slot"] = slot.to_json()
    # made by someone holding the database key (an old svdesk, or an insider), so the keys
    # file's MAC is right too: what is tested here is the cost alone
    data["mac"] = keyfile_mac(db_key, KeyFile.from_json(data))
    (home / "keys.json").write_text(json.dumps(data))
    return home, secrets, sid


def test_unlock_refuses_a_slot_planted_below_the_kdf_floor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # below the floor (256 KiB in the test profile), though the passphrase and key are right
    home, secrets, sid = _plant_slot(tmp_path, 64, monkeypatch)
    ws = Workstation.open(home, secrets)
    with pytest.raises(StoreDamaged, match="weaker than svdesk allows") as caught:
        ws.unlock(sid, ADMIN_PASSPHRASE)
    assert "Restore the keys file" in caught.value.message
    # refused before any derivation, and not counted as a wrong passphrase
    assert json.loads((home / "keys.json").read_text())["failures"]["count"] == 0
    ws.close()


def test_a_slot_with_an_old_lower_cost_is_rewrapped_at_unlock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, secrets, sid = _plant_slot(tmp_path, 512, monkeypatch)  # allowed, below new slots
    session = Workstation.open(home, secrets).unlock(sid, ADMIN_PASSPHRASE)
    kdf = json.loads((home / "keys.json").read_text())["supporters"][0]["slot"]["kdf"]
    assert kdf == crypto.kdf_params()
    actions = [r[0] for r in session.db.execute("SELECT action FROM audit ORDER BY seq")]
    assert actions[-1] == "slot_strengthened"
    close_session(session)
    close_session(Workstation.open(home, secrets).unlock(sid, ADMIN_PASSPHRASE))


def test_the_test_profile_is_ignored_by_an_installed_program(tmp_path: Path) -> None:
    # The installed program: svdesk importable, the source checkout (and its tests) not.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["SVDESK_KDF_PROFILE"] = "test"
    probe = "from svdesk.keys import crypto; print(crypto.kdf_params()['memory_kib'])"
    done = subprocess.run(
        [sys.executable, "-I", "-c", probe],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert int(done.stdout) == crypto.KDF_PARAMS["memory_kib"] == 65536


def test_the_test_profile_is_ignored_by_the_frozen_program(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert crypto.kdf_params() == kdf_profile.KDF_PARAMS  # this suite: the cheap cost
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert crypto.kdf_params() == crypto.KDF_PARAMS
    with pytest.raises(crypto.WeakSlot):
        crypto.check_kdf_floor(kdf_profile.KDF_PARAMS)  # a test-cost slot is refused there
