"""Test doubles shared by every area: an in-memory device-secret store, an in-memory OS keyring,
a quick store maker and an in-process runner of the command line.

Importing this module sets `SVDESK_KDF_PROFILE=test` (cheap Argon2) for the test process.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import keyring.backend
import keyring.errors
import pytest

from svdesk.cli import main
from svdesk.errors import SecretStoreUnavailable

os.environ.setdefault("SVDESK_KDF_PROFILE", "test")

from svdesk.access.session import Session
from svdesk.access.workstation import Workstation

ADMIN_NAME = "Alex"
ADMIN_PASSPHRASE = "correct horse battery staple"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An OS keyring in memory, for `keyring.set_keyring`; `locked = True` makes reads fail."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}
        self.locked = False

    def get_password(self, service: str, username: str) -> str | None:
        if self.locked:
            raise keyring.errors.KeyringLocked("the collection is locked")
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *argv: str
) -> tuple[int, str, str]:
    """`svdesk ARGV` in this process with `stdin` as standard input: (exit status, out, err)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


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
    unit: str = "ICU",
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
        unit=unit if role == "unit" else None,
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
