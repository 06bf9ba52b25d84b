"""Key derivation and sealing: Argon2id, HKDF, key check values, supporter key slots.

Each slot holds an X25519 key pair whose private key is AEAD-wrapped by a key derived from the
passphrase (Argon2id) and the device secret (HKDF); the database key is sealed to each slot's
public key, so an admin can rotate the database key without anyone else's passphrase.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

# cryptography and argon2 load on first use (unlock, create): the unlock screen, which imports this
# module for the keys file, loads neither (tests/ui/test_unlock_imports.py).
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

# Argon2id cost of new slots, and the floor: unlock refuses a slot that names less (it was not
# made by svdesk, or was made weak on purpose), and re-wraps one below KDF_PARAMS (an old cost).
KDF_PARAMS: dict[str, int] = {"time_cost": 3, "memory_kib": 64 * 1024, "parallelism": 1}
KDF_FLOOR: dict[str, int] = {"time_cost": 2, "memory_kib": 19 * 1024, "parallelism": 1}
# The test suite's cheap cost: used only with SVDESK_KDF_PROFILE=test AND the test-only module
# `tests.kdf_profile` importable (a source checkout; neither the wheel nor the frozen program
# ships `tests`), and never in a frozen program.
KDF_PROFILE_ENV = "SVDESK_KDF_PROFILE"
TEST_PROFILE_MODULE = "tests.kdf_profile"


def _profile() -> tuple[dict[str, int], dict[str, int]]:
    """(cost of new slots, floor at unlock)."""
    if os.environ.get(KDF_PROFILE_ENV) == "test" and not getattr(sys, "frozen", False):
        try:
            module = importlib.import_module(TEST_PROFILE_MODULE)
        except ImportError:
            pass
        else:
            return dict(module.KDF_PARAMS), dict(module.KDF_FLOOR)
    return dict(KDF_PARAMS), dict(KDF_FLOOR)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text, validate=True)


def kdf_params() -> dict[str, int]:
    """The Argon2id cost of a new slot."""
    return _profile()[0]


_KDF_NAMES = ("time_cost", "memory_kib", "parallelism")


def kdf_below(params: dict[str, int], reference: dict[str, int]) -> bool:
    """Whether `params` costs less than `reference` in time or memory (or names no cost)."""
    if any(not isinstance(params.get(name), int) for name in _KDF_NAMES):
        return True
    if params["parallelism"] < 1:
        return True
    return params["time_cost"] < reference["time_cost"] or (
        params["memory_kib"] < reference["memory_kib"]
    )


def check_kdf_floor(params: dict[str, int]) -> None:
    """WeakSlot when a slot's cost is below the shipped minimum (checked before deriving)."""
    floor = _profile()[1]
    if kdf_below(params, floor):
        raise WeakSlot(
            f"time_cost {params.get('time_cost')}, memory {params.get('memory_kib')} KiB; "
            f"the minimum is {floor['time_cost']} and {floor['memory_kib']} KiB"
        )


def slot_is_weak(slot: Slot) -> bool:
    """Whether a (usable) slot costs less than new slots do now: re-wrap it after unlock."""
    return kdf_below(slot.kdf, kdf_params())


def argon2id(secret: str, salt: bytes, params: dict[str, int]) -> bytes:
    from argon2.low_level import Type, hash_secret_raw  # noqa: PLC0415

    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=int(params["time_cost"]),
        memory_cost=int(params["memory_kib"]),
        parallelism=int(params["parallelism"]),
        hash_len=32,
        type=Type.ID,
    )


def hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes  # noqa: PLC0415
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF  # noqa: PLC0415

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def check_value(key: bytes, label: str) -> str:
    """A short public value that tells whether `key` is the right one without revealing it."""
    return hmac.new(key, f"svdesk-check:{label}".encode(), hashlib.sha256).hexdigest()[:16]


def device_check(device_secret: bytes, store_id: str) -> str:
    return check_value(device_secret, f"device:{store_id}")


def db_key_check(db_key: bytes, store_id: str) -> str:
    return check_value(db_key, f"db:{store_id}")


class SlotDamaged(Exception):
    """The slot's check value matched but its AEAD data did not decrypt: the sidecar is damaged."""


class WeakSlot(Exception):
    """The slot names key-derivation costs below svdesk's minimum (str: what and the minimum)."""


class WrongSecret(Exception):
    """The passphrase (or recovery code) does not match the slot."""


@dataclass(eq=True, repr=False)
class Slot:
    """One key slot as stored in keys.json (see `to_json`)."""

    salt: bytes
    kdf: dict[str, int]
    kcv: str
    public: bytes
    nonce: bytes
    wrapped: bytes
    sealed: dict[str, dict[str, str]]

    def __repr__(self) -> str:  # the check value and key ids only, no key material
        return f"Slot(kcv={self.kcv!r}, sealed={sorted(self.sealed)!r})"

    def to_json(self) -> dict[str, object]:
        return {
            "salt": b64(self.salt),
            "kdf": dict(self.kdf),
            "kcv": self.kcv,
            "public": b64(self.public),
            "nonce": b64(self.nonce),
            "wrapped": b64(self.wrapped),
            "sealed": {k: dict(v) for k, v in self.sealed.items()},
        }

    @classmethod
    def from_json(cls, data: object) -> Slot:
        """ValueError / KeyError / TypeError when `data` is not a well-formed slot."""
        if not isinstance(data, dict):
            raise ValueError("slot is not an object")
        kdf = data["kdf"]
        sealed = data["sealed"]
        if not isinstance(kdf, dict) or not isinstance(sealed, dict):
            raise ValueError("slot kdf/sealed malformed")
        return cls(
            salt=unb64(data["salt"]),
            kdf={str(k): int(v) for k, v in kdf.items()},
            kcv=str(data["kcv"]),
            public=unb64(data["public"]),
            nonce=unb64(data["nonce"]),
            wrapped=unb64(data["wrapped"]),
            sealed={str(k): {str(a): str(b) for a, b in v.items()} for k, v in sealed.items()},
        )


# The id under which a slot holds the audit key (admins' slots and the recovery slot only);
# every other id in `Slot.sealed` names a database key.
AUDIT_KEY_ID = "audit"


def slot_aad(store_id: str, slot_id: str) -> bytes:
    """What a slot's wrapped private key is bound to (the store and the slot's owner)."""
    return f"{store_id}|{slot_id}".encode()


def seal_aad(store_id: str, slot_id: str, key_id: str) -> bytes:
    """What a database key sealed to a slot is bound to (store, slot owner, key id)."""
    return f"{store_id}|{slot_id}|{key_id}".encode()


def _kek(secret: str, salt: bytes, kdf: dict[str, int], device_secret: bytes, aad: bytes) -> bytes:
    stretched = argon2id(secret, salt, kdf)
    return hkdf(stretched + device_secret, salt, b"svdesk-slot-kek-v1|" + aad)


def new_slot(secret: str, device_secret: bytes, aad: bytes) -> tuple[Slot, X25519PrivateKey]:
    """A fresh slot (new key pair) protected by `secret` (+ `device_secret`); no keys sealed yet."""
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey  # noqa: PLC0415

    private = X25519PrivateKey.generate()
    slot = Slot(salt=b"", kdf={}, kcv="", public=b"", nonce=b"", wrapped=b"", sealed={})
    slot.public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    rewrap(slot, private, secret, device_secret, aad)
    return slot, private


def rewrap(
    slot: Slot, private: X25519PrivateKey, secret: str, device_secret: bytes, aad: bytes
) -> None:
    """Protect the slot's private key with a new `secret` (fresh salt, current KDF cost)."""
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415

    slot.salt = os.urandom(16)
    slot.kdf = kdf_params()
    kek = _kek(secret, slot.salt, slot.kdf, device_secret, aad)
    slot.kcv = check_value(kek, "kek")
    slot.nonce = os.urandom(12)
    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    slot.wrapped = AESGCM(kek).encrypt(slot.nonce, raw, aad)


def open_slot(slot: Slot, secret: str, device_secret: bytes, aad: bytes) -> X25519PrivateKey:
    """The slot's private key; WrongSecret for a wrong passphrase, SlotDamaged for bad data,
    WeakSlot (before any derivation) when the slot's cost is below the floor."""
    from cryptography.exceptions import InvalidTag  # noqa: PLC0415
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey  # noqa: PLC0415
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415

    check_kdf_floor(slot.kdf)
    kek = _kek(secret, slot.salt, slot.kdf, device_secret, aad)
    if not hmac.compare_digest(check_value(kek, "kek"), slot.kcv):
        raise WrongSecret
    try:
        raw = AESGCM(kek).decrypt(slot.nonce, slot.wrapped, aad)
        private = X25519PrivateKey.from_private_bytes(raw)
    except (InvalidTag, ValueError) as exc:
        raise SlotDamaged from exc
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    if public != slot.public:
        raise SlotDamaged
    return private


def seal(public: bytes, db_key: bytes, aad: bytes) -> dict[str, str]:
    """`db_key` encrypted to an X25519 public key (ephemeral ECDH → HKDF → AES-GCM)."""
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey  # noqa: PLC0415
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415

    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    epk = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    key = hkdf(shared, epk + public, b"svdesk-seal-v1|" + aad)
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, db_key, aad)
    return {"epk": b64(epk), "nonce": b64(nonce), "ct": b64(sealed)}


def unseal(private: X25519PrivateKey, sealed: dict[str, str], aad: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag  # noqa: PLC0415
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey  # noqa: PLC0415
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415

    try:
        epk = unb64(sealed["epk"])
        public = private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        shared = private.exchange(X25519PublicKey.from_public_bytes(epk))
        key = hkdf(shared, epk + public, b"svdesk-seal-v1|" + aad)
        return AESGCM(key).decrypt(unb64(sealed["nonce"]), unb64(sealed["ct"]), aad)
    except (InvalidTag, ValueError, KeyError) as exc:
        raise SlotDamaged from exc
