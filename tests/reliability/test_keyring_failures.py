"""Every way the OS keyring can fail, through `keyring.set_keyring` and svdesk's KeyringSecrets:
each gives its own clear SecretStoreUnavailable, svdesk never writes a new secret or touches the
store's files, and the store opens again once the keyring is back."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest

from svdesk.access.workstation import Workstation
from svdesk.errors import SecretStoreUnavailable
from svdesk.keys import keyring as keys
from tests.fakes import ADMIN_PASSPHRASE


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-memory OS keyring whose failures are switched on per call kind."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}
        self.get_error: Exception | None = None
        self.set_error: Exception | None = None
        self.writes = 0

    def get_password(self, service: str, username: str) -> str | None:
        if self.get_error is not None:
            raise self.get_error
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.set_error is not None:
            raise self.set_error
        self.writes += 1
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.values[(service, username)]


class AnotherKeyring(MemoryKeyring):
    """Same entries, different backend: what a desktop switch (KWallet → Secret Service) looks
    like to svdesk."""


_PATCHES = pytest.MonkeyPatch()


@pytest.fixture
def os_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
    _PATCHES.undo()


def _create(home: Path) -> str:
    session, _code = Workstation.create(
        home,
        role="unit",
        site="S",
        unit="U",
        admin_name="Alex",
        passphrase=ADMIN_PASSPHRASE,
        secrets=keys.default_secrets(),
    )
    sid = session.supporter.id
    session.lock()
    session.workstation.close()
    return sid


def _files(home: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(home.iterdir())
        if p.is_file() and not p.name.endswith(".lock")
    }


def _entry(backend: MemoryKeyring) -> tuple[str, str]:
    # the device secret (the other entries of the store are its failure count and generation)
    (key,) = [k for k in backend.values if k[0] == keys.SERVICE and "." not in k[1]]
    return key


def _no_backend(backend: MemoryKeyring) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())


def _null_backend(backend: MemoryKeyring) -> None:
    keyring.set_keyring(keyring.backends.null.Keyring())


def _empty_chain(backend: MemoryKeyring) -> None:
    # keyring's own answer when it found nothing usable: a chain of no backends
    _PATCHES.setattr(keyring.backends.chainer.ChainerBackend, "backends", property(lambda _: []))
    keyring.set_keyring(keyring.backends.chainer.ChainerBackend())


def _locked(backend: MemoryKeyring) -> None:
    backend.get_error = keyring.errors.KeyringLocked("the login collection is locked")


def _prompt_dismissed(backend: MemoryKeyring) -> None:
    backend.get_error = keyring.errors.InitError("the unlock prompt was dismissed")


def _raises_on_get(backend: MemoryKeyring) -> None:
    backend.get_error = RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")


def _entry_deleted(backend: MemoryKeyring) -> None:
    backend.delete_password(*_entry(backend))


def _entry_garbled(backend: MemoryKeyring) -> None:
    backend.values[_entry(backend)] = "%% not base64 %%"


def _entry_replaced(backend: MemoryKeyring) -> None:
    backend.values[_entry(backend)] = base64.b64encode(b"\x07" * 32).decode()


def _backend_changed(backend: MemoryKeyring) -> None:
    other = AnotherKeyring()
    other.values = dict(backend.values)  # even holding the same entry: a switch is a question
    keyring.set_keyring(other)


FAILURES: dict[str, Callable[[MemoryKeyring], None]] = {
    "no backend installed": _no_backend,
    "null backend": _null_backend,
    "empty backend chain": _empty_chain,
    "keyring locked": _locked,
    "unlock prompt dismissed": _prompt_dismissed,
    "backend raising on get": _raises_on_get,
    "entry deleted": _entry_deleted,
    "entry garbled": _entry_garbled,
    "entry holds another secret": _entry_replaced,
    "backend changed": _backend_changed,
}


def _open_message(home: Path) -> str:
    try:
        ws = Workstation.open(home, keys.default_secrets())
    except SecretStoreUnavailable as exc:
        return exc.message
    ws.close()
    return "opened"


@pytest.mark.parametrize("failure", list(FAILURES))
def test_keyring_failure_at_open_is_clear_and_harmless(
    tmp_path: Path, os_keyring: MemoryKeyring, failure: str
) -> None:
    home = tmp_path / "h"
    sid = _create(home)
    files_before = _files(home)
    good_values = dict(os_keyring.values)
    writes_before = os_keyring.writes

    FAILURES[failure](os_keyring)
    message = _open_message(home)
    print(f"{failure:28} {message}")
    assert message != "opened"
    # one plain sentence that says what to do, never a traceback or a silent fallback
    assert message.endswith(".")
    assert "Traceback" not in message
    assert any(w in message for w in ("restore", "unlock", "install", "switch back", "ask"))
    # svdesk wrote nothing: no new secret in the keyring, no file of the store changed
    assert os_keyring.writes == writes_before
    assert _files(home) == files_before

    # the keyring comes back as it was: the store opens and unlocks as before
    _PATCHES.undo()
    keyring.set_keyring(os_keyring)
    os_keyring.get_error = None
    os_keyring.values = good_values
    ws = Workstation.open(home, keys.default_secrets())
    ws.unlock(sid, ADMIN_PASSPHRASE).lock()
    ws.close()


def test_every_keyring_failure_has_its_own_message(
    tmp_path: Path, os_keyring: MemoryKeyring
) -> None:
    messages: dict[str, str] = {}
    for i, (failure, apply) in enumerate(FAILURES.items()):
        backend = MemoryKeyring()
        keyring.set_keyring(backend)
        home = tmp_path / str(i)
        _create(home)
        apply(backend)
        messages[failure] = _open_message(home)
    for failure, message in messages.items():
        print(f"{failure:28} {message}")
    # Every failure reads differently, so the user (or IT) can tell what to fix.
    assert len(set(messages.values())) == len(messages)
    # A lost, garbled or replaced entry points to the recovery code; nothing else does.
    for failure in ("entry deleted", "entry garbled", "entry holds another secret"):
        assert "recovery code" in messages[failure]
    assert "locked" in messages["keyring locked"]


def test_backend_raising_on_set_refuses_to_create_a_store(
    tmp_path: Path, os_keyring: MemoryKeyring
) -> None:
    os_keyring.set_error = keyring.errors.PasswordSetError("the keyring refused the entry")
    home = tmp_path / "h"
    with pytest.raises(SecretStoreUnavailable) as caught:
        _create(home)
    print("set fails:", caught.value.message)
    assert "passphrase-only" in caught.value.message
    assert not Workstation.exists(home)  # no half-made store; never a plaintext fallback
    os_keyring.set_error = None
    _create(home)  # and once the keyring works, creating the store works


def test_keyring_that_loses_what_it_was_given_refuses_to_create(
    tmp_path: Path, os_keyring: MemoryKeyring
) -> None:
    class ForgetfulKeyring(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            self.writes += 1  # accepted, never kept (seen with broken Secret Service set-ups)

    keyring.set_keyring(ForgetfulKeyring())
    home = tmp_path / "h"
    with pytest.raises(SecretStoreUnavailable) as caught:
        _create(home)
    print("write not kept:", caught.value.message)
    assert not Workstation.exists(home)


def test_keyring_that_cannot_even_load_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> keyring.backend.KeyringBackend:
        raise keyring.errors.InitError("no D-Bus session bus")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    with pytest.raises(SecretStoreUnavailable, match="passphrase-only") as caught:
        keys.default_secrets()
    print("cannot load:", caught.value.message)


def test_passphrase_only_store_never_touches_a_broken_keyring(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An admin chose passphrase-only mode because the keyring is broken: the GUI must start to
    its unlock screen without loading, asking or waiting for that keyring."""
    from ui.shell.main_window import MainWindow
    from ui.shell.unlock import UnlockPage

    home = tmp_path / "h"
    session, _ = Workstation.create(
        home,
        role="unit",
        site="S",
        unit="U",
        admin_name="Alex",
        passphrase=ADMIN_PASSPHRASE,
        secrets=None,
        passphrase_only=True,
    )
    session.lock()
    session.workstation.close()
    asked: list[str] = []

    def broken() -> keyring.backend.KeyringBackend:
        asked.append("get_keyring")
        raise keyring.errors.InitError("the keyring daemon does not answer")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    window = MainWindow(home)
    qtbot.addWidget(window)
    window.show()
    assert isinstance(window.page, UnlockPage)
    assert asked == []
    window.shutdown()
