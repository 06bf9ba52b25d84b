"""Device secret through `keyring`, key slots, sealing, recovery codes, KDF profiles."""

from __future__ import annotations

import os
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest

from svdesk.access.workstation import Workstation
from svdesk.errors import InvalidInput, SecretStoreUnavailable
from svdesk.keys import codes, crypto
from svdesk.keys import keyring as keys
from tests import kdf_profile
from tests.fakes import ADMIN_PASSPHRASE, MemoryKeyring


class OtherMemoryKeyring(MemoryKeyring):
    pass


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("prompt dismissed")


def test_keyring_secrets_round_trip_under_the_svdesk_service(
    memory_keyring: MemoryKeyring,
) -> None:
    secrets = keys.default_secrets()
    assert secrets.backend_name.endswith("MemoryKeyring")
    assert secrets.get("store-1") is None
    secrets.put("store-1", b"\x00\x01" * 16)
    assert secrets.get("store-1") == b"\x00\x01" * 16
    assert ("svdesk", "store-1") in memory_keyring.values


def test_keyring_errors_become_secret_store_unavailable() -> None:
    secrets = keys.KeyringSecrets(LockedKeyring())
    with pytest.raises(SecretStoreUnavailable, match="locked"):
        secrets.get("x")
    with pytest.raises(SecretStoreUnavailable, match="dismissed"):
        secrets.put("x", b"1" * 32)


def test_no_keyring_installed_is_unavailable() -> None:
    secrets = keys.KeyringSecrets(keyring.backends.fail.Keyring())
    with pytest.raises(SecretStoreUnavailable, match="passphrase-only"):
        secrets.get("x")


def test_unreadable_keyring_entry_is_reported() -> None:
    backend = MemoryKeyring()
    backend.set_password("svdesk", "x", "%%% not base64")
    with pytest.raises(SecretStoreUnavailable, match="not readable"):
        keys.KeyringSecrets(backend).get("x")


def test_store_through_the_real_keyring_api_and_a_backend_switch(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    session, _ = Workstation.create(
        tmp_path / "h",
        role="unit",
        site="S",
        unit="U",
        admin_name="Alex",
        passphrase=ADMIN_PASSPHRASE,
        secrets=keys.KeyringSecrets(backend),
    )
    sid = session.supporter.id
    session.lock()
    session.workstation.close()
    ws = Workstation.open(tmp_path / "h", keys.KeyringSecrets(backend))
    ws.unlock(sid, ADMIN_PASSPHRASE).lock()
    ws.close()
    other = OtherMemoryKeyring()
    other.values = dict(backend.values)  # even with the same entry, a switch is a question
    with pytest.raises(SecretStoreUnavailable, match="keyring changed"):
        Workstation.open(tmp_path / "h", keys.KeyringSecrets(other))
    backend.locked = True
    with pytest.raises(SecretStoreUnavailable, match="locked"):
        Workstation.open(tmp_path / "h", keys.KeyringSecrets(backend))


def test_slot_tells_wrong_secret_from_damage() -> None:
    aad = b"store|slot"
    slot, private = crypto.new_slot("a good passphrase", b"D" * 32, aad)
    opened = crypto.open_slot(slot, "a good passphrase", b"D" * 32, aad)
    assert opened.private_bytes_raw() == private.private_bytes_raw()
    with pytest.raises(crypto.WrongSecret):
        crypto.open_slot(slot, "a wrong passphrase", b"D" * 32, aad)
    with pytest.raises(crypto.WrongSecret):  # right passphrase, other device
        crypto.open_slot(slot, "a good passphrase", b"E" * 32, aad)
    slot.wrapped = bytes([slot.wrapped[0] ^ 1]) + slot.wrapped[1:]
    with pytest.raises(crypto.SlotDamaged):
        crypto.open_slot(slot, "a good passphrase", b"D" * 32, aad)


def test_sealed_key_opens_only_with_its_private_key_and_context() -> None:
    slot, private = crypto.new_slot("passphrase one", b"", b"a")
    db_key = os.urandom(32)
    sealed = crypto.seal(slot.public, db_key, b"ctx")
    assert crypto.unseal(private, sealed, b"ctx") == db_key
    with pytest.raises(crypto.SlotDamaged):
        crypto.unseal(private, sealed, b"other ctx")
    _, stranger = crypto.new_slot("passphrase two", b"", b"b")
    with pytest.raises(crypto.SlotDamaged):
        crypto.unseal(stranger, sealed, b"ctx")


def test_slot_survives_json_round_trip() -> None:
    slot, _ = crypto.new_slot("passphrase one", b"", b"a")
    slot.sealed["k1"] = crypto.seal(slot.public, b"k" * 32, b"x")
    assert crypto.Slot.from_json(slot.to_json()) == slot


def test_recovery_code_normalisation() -> None:
    code = codes.new_recovery_code()
    assert codes.normalise_recovery_code(code.lower().replace("-", "")) == code
    assert codes.normalise_recovery_code("abcd efgh jkmn pqrs tvwx") == "ABCD-EFGH-JKMN-PQRS-TVWX"
    assert codes.normalise_recovery_code("OIL0-0000-0000-0000-0000") == "0110-0000-0000-0000-0000"
    with pytest.raises(InvalidInput):
        codes.normalise_recovery_code("ABCD-EFGH")
    with pytest.raises(InvalidInput):
        codes.normalise_recovery_code("UUUU-0000-0000-0000-0000")  # U is not Crockford


def test_kdf_profiles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(crypto.KDF_PROFILE_ENV, raising=False)
    assert crypto.kdf_params() == {"time_cost": 3, "memory_kib": 65536, "parallelism": 1}
    monkeypatch.setenv(crypto.KDF_PROFILE_ENV, "test")
    assert crypto.kdf_params()["memory_kib"] < 65536
    # a slot records its own cost, so it keeps opening whatever new slots cost now (as long as
    # it is not below the floor: tests/security/test_kdf_attacks.py)
    slot, _ = crypto.new_slot("passphrase one", b"", b"a")
    monkeypatch.setattr(kdf_profile, "KDF_PARAMS", {**kdf_profile.KDF_PARAMS, "memory_kib": 2048})
    assert crypto.kdf_params()["memory_kib"] == 2048
    crypto.open_slot(slot, "passphrase one", b"", b"a")
