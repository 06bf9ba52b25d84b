"""Test doubles shared by every area: an in-memory device-secret store and a quick store maker.

Importing this module sets `SVDESK_KDF_PROFILE=test` (cheap Argon2) for the test process.
"""

from __future__ import annotations

import os
from pathlib import Path

from svdesk.errors import SecretStoreUnavailable

os.environ.setdefault("SVDESK_KDF_PROFILE", "test")

from svdesk.workstation import Session, Workstation

ADMIN_NAME = "Alex"
ADMIN_PASSPHRASE = "correct horse battery staple"


class MemorySecrets:
    """DeviceSecrets in memory. Set `failing = True` to make every call raise like a broken
    keyring, or change `backend_name` to simulate a different keyring."""

    def __init__(self, backend_name: str = "tests.fakes.MemorySecrets") -> None:
        self.backend_name = backend_name
        self.values: dict[str, bytes] = {}
        self.failing = False

    def _fail(self) -> None:
        if self.failing:
            raise SecretStoreUnavailable(
                "The system keyring (test) cannot be used; unlock it and try again."
            )

    def get(self, store_id: str) -> bytes | None:
        self._fail()
        return self.values.get(store_id)

    def put(self, store_id: str, secret: bytes) -> None:
        self._fail()
        self.values[store_id] = secret


def make_session(
    tmp_path: Path,
    *,
    role: str = "unit",
    secrets: MemorySecrets | None = None,
    passphrase_only: bool = False,
    home_name: str = "home",
) -> Session:
    """A fresh unit (or coordinator) store in `tmp_path/home`, unlocked as admin "Alex".

    The device secret lives in `secrets` (a new MemorySecrets unless given): reopen with
    `Workstation.open(home, session_secrets(session))`. Close with `close_session(session)`.
    """
    secrets = secrets if secrets is not None else MemorySecrets()
    session, code = Workstation.create(
        tmp_path / home_name,
        role=role,
        site="SITE1",
        unit="ICU" if role == "unit" else None,
        admin_name=ADMIN_NAME,
        passphrase=ADMIN_PASSPHRASE,
        secrets=None if passphrase_only else secrets,
        passphrase_only=passphrase_only,
    )
    session.recovery_code = code  # type: ignore[attr-defined]  # handy in tests
    session.secrets = secrets  # type: ignore[attr-defined]
    return session


def session_secrets(session: Session) -> MemorySecrets:
    secrets: MemorySecrets = session.secrets  # type: ignore[attr-defined]
    return secrets


def close_session(session: Session) -> None:
    """Lock the session and release the data directory."""
    session.lock()
    session.workstation.close()


def reopen(session: Session, passphrase: str = ADMIN_PASSPHRASE) -> Session:
    """Close `session` and unlock the same store again as the same supporter."""
    home = session.workstation.home
    secrets = session_secrets(session)
    supporter = session.supporter.id
    close_session(session)
    ws = Workstation.open(home, secrets)
    new = ws.unlock(supporter, passphrase)
    new.secrets = secrets  # type: ignore[attr-defined]
    return new
