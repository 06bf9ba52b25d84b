"""Key material: the device secret in the OS keyring, supporter key slots and the recovery code.

Each slot holds an X25519 key pair whose private key is AEAD-wrapped by a key derived from the
passphrase (Argon2id) and the device secret (HKDF); the database key is sealed to each slot's
public key, so an admin can rotate the database key without anyone else's passphrase.
The recovery slot is derived from the recovery code alone (100 random bits, kept on paper).

`SVDESK_KDF_PROFILE=test` makes new slots use a cheap Argon2 cost; for the test suite only.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from svdesk.errors import InvalidInput, SecretStoreUnavailable, StoreDamaged, StoreTooNew

# cryptography and argon2 load on first use (unlock, create), and so do hashlib, hmac and secrets
# (OpenSSL's hashes: ~3 ms): the unlock screen of a passphrase-only store needs none of them.
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

SERVICE = "svdesk"

_PLACEHOLDER_BACKENDS = frozenset(
    {"keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"}
)
# Backends that store the secret unencrypted (keyrings.alt, a test dependency of ours).
PLAINTEXT_BACKENDS = frozenset(
    {"keyrings.alt.file.PlaintextKeyring", "keyrings.alt.file_base.Keyring"}
)
# Test-only escape hatch: cross-process tests use keyrings.alt's file backend in a temporary HOME.
ALLOW_PLAINTEXT_ENV = "SVDESK_TEST_ALLOW_PLAINTEXT_KEYRING"
SIDECAR_NAME = "keys.json"
SIDECAR_FORMAT = 1
KDF_PROFILE_ENV = "SVDESK_KDF_PROFILE"

# Argon2id costs. "test" exists only so the suite runs in seconds; never set it elsewhere.
KDF_PROFILES: dict[str, dict[str, int]] = {
    "default": {"time_cost": 3, "memory_kib": 64 * 1024, "parallelism": 1},
    "test": {"time_cost": 1, "memory_kib": 1024, "parallelism": 1},
}

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_GROUPS = 5
RECOVERY_GROUP_LEN = 4  # 20 characters x 5 bits = 100 bits


class DeviceSecrets(Protocol):
    """Where the 32-byte device secret lives; `backend_name` is recorded in the sidecar."""

    backend_name: str

    def get(self, store_id: str) -> bytes | None: ...

    def put(self, store_id: str, secret: bytes) -> None: ...


def _backend_name(backend: Any) -> str:
    cls = type(backend)
    name = f"{cls.__module__}.{cls.__qualname__}"
    inner = getattr(backend, "backends", None)
    if name == "keyring.backends.chainer.ChainerBackend" and inner:
        name = "+".join(f"{type(b).__module__}.{type(b).__qualname__}" for b in inner)
    return name


class KeyringSecrets:
    """The OS keyring through `keyring`; every keyring failure becomes SecretStoreUnavailable."""

    def __init__(self, backend: Any | None = None) -> None:
        if backend is None:
            # imported here: finding the OS keyring loads every backend (~50 ms), and stores in
            # passphrase-only mode never need it
            import keyring  # noqa: PLC0415

            backend = keyring.get_keyring()
        self._backend = backend
        self.backend_name = _backend_name(self._backend)

    def _unavailable(self, exc: BaseException | None) -> SecretStoreUnavailable:
        detail = f" ({exc})" if exc is not None else ""
        return SecretStoreUnavailable(
            f"The system keyring ({self.backend_name}) cannot be used{detail}; unlock or install "
            "a keyring and try again, or ask an admin to choose passphrase-only mode."
        )

    def _check_usable(self) -> None:
        parts = self.backend_name.split("+")
        # keyring's placeholders when nothing usable is installed (e.g. headless Linux)
        if (
            any(part in _PLACEHOLDER_BACKENDS for part in parts)
            or self.backend_name == "keyring.backends.chainer.ChainerBackend"
        ):  # chains nothing
            raise self._unavailable(None)
        # A file "keyring" that keeps the secret in clear next to the store would make a copied
        # home folder enough to open it: refuse it, as we refuse a plaintext store.
        if os.environ.get(ALLOW_PLAINTEXT_ENV) != "1" and any(
            part in PLAINTEXT_BACKENDS for part in parts
        ):
            raise SecretStoreUnavailable(
                f"The keyring backend {self.backend_name} keeps secrets in a plain file, which "
                "does not protect the store; install or unlock the system keyring, or ask an "
                "admin to choose passphrase-only mode."
            )

    def get(self, store_id: str) -> bytes | None:
        self._check_usable()
        try:
            value = self._backend.get_password(SERVICE, store_id)
        except Exception as exc:  # keyring backends raise many unrelated types
            raise self._unavailable(exc) from exc
        if value is None:
            return None
        try:
            secret = base64.b64decode(str(value), validate=True)
        except ValueError as exc:
            raise SecretStoreUnavailable(
                "The keyring entry for this store is not readable; restore it or use the "
                "recovery code."
            ) from exc
        return secret

    def put(self, store_id: str, secret: bytes) -> None:
        self._check_usable()
        try:
            self._backend.set_password(SERVICE, store_id, base64.b64encode(secret).decode("ascii"))
        except Exception as exc:
            raise self._unavailable(exc) from exc


def check_usable(secrets: DeviceSecrets) -> None:
    """SecretStoreUnavailable (saying what to do) when `secrets` is a keyring that can hold no
    secret at all: keyring's placeholders, an empty chainer, a plain-file backend."""
    if isinstance(secrets, KeyringSecrets):
        secrets._check_usable()


def default_secrets() -> DeviceSecrets:
    """The OS keyring as found by `keyring` (may raise SecretStoreUnavailable on first use)."""
    try:
        return KeyringSecrets()
    except Exception as exc:
        raise SecretStoreUnavailable(
            f"No system keyring could be loaded ({exc}); install or unlock one, or ask an admin "
            "to choose passphrase-only mode."
        ) from exc


# ---- small encoding helpers ------------------------------------------------------------------
def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text, validate=True)


def kdf_params() -> dict[str, int]:
    profile = os.environ.get(KDF_PROFILE_ENV, "default")
    return dict(KDF_PROFILES.get(profile, KDF_PROFILES["default"]))


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
    import hashlib  # noqa: PLC0415 (see the note at the imports)
    import hmac  # noqa: PLC0415

    return hmac.new(key, f"svdesk-check:{label}".encode(), hashlib.sha256).hexdigest()[:16]


def device_check(device_secret: bytes, store_id: str) -> str:
    return check_value(device_secret, f"device:{store_id}")


def db_key_check(db_key: bytes, store_id: str) -> str:
    return check_value(db_key, f"db:{store_id}")


class SlotDamaged(Exception):
    """The slot's check value matched but its AEAD data did not decrypt: the sidecar is damaged."""


class WrongSecret(Exception):
    """The passphrase (or recovery code) does not match the slot."""


class Slot:
    """One key slot as stored in the sidecar (see `to_json`).

    A plain class rather than a dataclass: slots are read at every start, before the unlock
    screen, and importing `dataclasses` and building the class cost that start ~2.5 ms.
    """

    __slots__ = ("kcv", "kdf", "nonce", "public", "salt", "sealed", "wrapped")
    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __init__(
        self,
        *,
        salt: bytes,
        kdf: dict[str, int],
        kcv: str,
        public: bytes,
        nonce: bytes,
        wrapped: bytes,
        sealed: dict[str, dict[str, str]],
    ) -> None:
        self.salt = salt
        self.kdf = kdf
        self.kcv = kcv
        self.public = public
        self.nonce = nonce
        self.wrapped = wrapped
        self.sealed = sealed

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Slot):
            return NotImplemented
        return self.to_json() == other.to_json()

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
    """The slot's private key; WrongSecret for a wrong passphrase, SlotDamaged for bad data."""
    import hmac  # noqa: PLC0415

    from cryptography.exceptions import InvalidTag  # noqa: PLC0415
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey  # noqa: PLC0415
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415

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


# ---- recovery code ---------------------------------------------------------------------------
def new_recovery_code() -> str:
    import secrets  # noqa: PLC0415

    chars = "".join(secrets.choice(CROCKFORD) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN))
    return "-".join(
        chars[i : i + RECOVERY_GROUP_LEN] for i in range(0, len(chars), RECOVERY_GROUP_LEN)
    )


def normalise_recovery_code(text: str) -> str:
    """Crockford reading rules: case-free, I/L→1, O→0, dashes and spaces ignored."""
    cleaned = text.upper().translate(str.maketrans("ILO", "110"))
    cleaned = "".join(ch for ch in cleaned if ch not in "- \t")
    if len(cleaned) != RECOVERY_GROUPS * RECOVERY_GROUP_LEN or any(
        ch not in CROCKFORD for ch in cleaned
    ):
        raise InvalidInput(
            "A recovery code has 20 letters and digits in groups of four (e.g. 7KQ2-...); "
            "check what you typed."
        )
    return "-".join(
        cleaned[i : i + RECOVERY_GROUP_LEN] for i in range(0, len(cleaned), RECOVERY_GROUP_LEN)
    )


# ---- sidecar (keys.json) ---------------------------------------------------------------------
def damaged_sidecar(home: Path, detail: str) -> StoreDamaged:
    return StoreDamaged(
        f"The keys file {home / SIDECAR_NAME} is damaged ({detail}); restore a backup."
    )


def read_sidecar(home: Path) -> dict[str, Any]:
    """The validated `keys.json` of `home` (StoreDamaged / StoreTooNew with a plain message)."""
    path = home / SIDECAR_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise StoreDamaged(
            f"The keys file {path} is missing, so the store cannot be unlocked; restore a backup."
        ) from exc
    except IsADirectoryError as exc:
        raise damaged_sidecar(home, "it is a folder") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise damaged_sidecar(home, "not readable") from exc
    if not isinstance(data, dict):
        raise damaged_sidecar(home, "not an object")
    fmt = data.get("format")
    if isinstance(fmt, int) and fmt > SIDECAR_FORMAT:
        raise StoreTooNew(
            "This store's keys file was made by a newer version of svdesk; install that version."
        )
    try:
        if fmt != SIDECAR_FORMAT:
            raise ValueError("format")
        for name in ("store_id", "role", "site_code", "key_id"):
            if not isinstance(data[name], str):
                raise ValueError(name)
        if not isinstance(data["supporters"], list) or not data["supporters"]:
            raise ValueError("supporters")
        for entry in data["supporters"]:
            if not isinstance(entry["id"], str) or not isinstance(entry["name"], str):
                raise ValueError("supporter")
            if entry["slot"] is not None:  # None: needs a reset by an admin
                Slot.from_json(entry["slot"])
        Slot.from_json(data["recovery"])
        if not isinstance(data["key_checks"], dict):
            raise ValueError("key_checks")
        data.setdefault("failures", {"count": 0, "last_at": 0.0, "pending": []})
    except (KeyError, TypeError, ValueError) as exc:
        raise damaged_sidecar(home, f"bad or missing field {exc}") from exc
    return data


def device_secret_for(sidecar: Mapping[str, Any], secrets: DeviceSecrets | None) -> bytes:
    """The store's device secret from `secrets`, checked; never creates or replaces one."""
    recorded = sidecar.get("backend")
    if secrets is None:
        raise SecretStoreUnavailable(
            f"This store needs the system keyring ({recorded}), which is not available; unlock "
            "or install it and try again."
        )
    # A placeholder or refused backend differs from the recorded one too, but "the keyring
    # changed" would send the user to look for another keyring: say it cannot be used.
    check_usable(secrets)
    if recorded and secrets.backend_name != recorded:
        raise SecretStoreUnavailable(
            f"The system keyring changed (was {recorded}, now {secrets.backend_name}); switch "
            "back to the original keyring, or ask IT — svdesk will not create a new secret."
        )
    secret = secrets.get(str(sidecar["store_id"]))
    if secret is None:
        raise SecretStoreUnavailable(
            "This store's device secret is missing from the system keyring (was the OS account "
            "or keyring reset?); restore the entry or renew it with the recovery code — svdesk "
            "will not create a new one by itself."
        )
    if sidecar.get("device_check") != device_check(secret, str(sidecar["store_id"])):
        raise SecretStoreUnavailable(
            "The keyring holds a different device secret for this store; restore the original "
            "keyring entry, or renew it with the recovery code."
        )
    return secret
