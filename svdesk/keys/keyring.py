"""The device secret: 32 random bytes per store in the OS keyring (through `keyring`).

`KeyringSecrets` refuses keyrings that cannot protect a secret (placeholders, plain files);
`device_secret_for` reads a store's secret and checks it, never creating or replacing one.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from svdesk.errors import SecretStoreUnavailable
from svdesk.keys.crypto import device_check

if TYPE_CHECKING:
    from svdesk.keys.keyfile import KeyFile

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


class DeviceSecrets(Protocol):
    """Where the 32-byte device secret lives; `backend_name` is recorded in keys.json."""

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


def device_secret_for(keys: KeyFile, secrets: DeviceSecrets | None) -> bytes:
    """The store's device secret from `secrets`, checked; never creates or replaces one."""
    recorded = keys.backend
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
    secret = secrets.get(keys.store_id)
    if secret is None:
        raise SecretStoreUnavailable(
            "This store's device secret is missing from the system keyring (was the OS account "
            "or keyring reset?); restore the entry or renew it with the recovery code — svdesk "
            "will not create a new one by itself."
        )
    if keys.device_check != device_check(secret, keys.store_id):
        raise SecretStoreUnavailable(
            "The keyring holds a different device secret for this store; restore the original "
            "keyring entry, or renew it with the recovery code."
        )
    return secret


# ---- the keys file's generation, kept outside the store's folder -----------------------------
def _generation_id(store_id: str, home: Path) -> str:
    """Per data folder: a copy of the store opened elsewhere (the files a restore set aside) is
    not taken for files put back in place."""
    folder = hashlib.sha256(str(home.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"{store_id}.generation.{folder}"


def read_generation(secrets: DeviceSecrets | None, store_id: str, home: Path) -> int | None:
    """The keys-file generation last written in `home` on this computer (None: not known)."""
    if secrets is None:
        return None
    try:
        raw = secrets.get(_generation_id(store_id, home))
        return None if raw is None else int(raw.decode("ascii"))
    except (SecretStoreUnavailable, UnicodeDecodeError, ValueError):
        return None


def write_generation(
    secrets: DeviceSecrets | None, store_id: str, home: Path, generation: int
) -> None:
    """Note `generation` in the keyring (best effort: a lagging copy only weakens the check)."""
    if secrets is None:
        return
    with contextlib.suppress(SecretStoreUnavailable):
        secrets.put(_generation_id(store_id, home), str(generation).encode("ascii"))
