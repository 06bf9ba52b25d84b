"""With no usable keyring, opening a store says the keyring cannot be used, not that it changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import keyring.backend
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import pytest
from keyrings.alt.file import PlaintextKeyring

from svdesk.access.recovery import recover_device_secret
from svdesk.access.workstation import Workstation
from svdesk.errors import SecretStoreUnavailable, WrongPassphrase
from svdesk.keys.keyring import ALLOW_PLAINTEXT_ENV, KeyringSecrets
from svdesk.storage.backup import restore_backup
from tests.fakes import ADMIN_NAME, ADMIN_PASSPHRASE


class DictKeyring(keyring.backend.KeyringBackend):
    """A tiny working keyring: the one the store was made with."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


def _make_store(home: Path) -> tuple[str, str]:
    """A keyring-protected store in `home` (closed); returns (admin id, recovery code)."""
    session, code = Workstation.create(
        home,
        role="unit",
        site="SITE1",
        unit="ICU",
        admin_name=ADMIN_NAME,
        passphrase=ADMIN_PASSPHRASE,
        secrets=KeyringSecrets(DictKeyring()),
    )
    admin = session.supporter.id
    session.lock()
    session.workstation.close()
    return admin, code


def _fail(_tmp: Path, _mp: pytest.MonkeyPatch) -> KeyringSecrets:
    return KeyringSecrets(keyring.backends.fail.Keyring())


def _null(_tmp: Path, _mp: pytest.MonkeyPatch) -> KeyringSecrets:
    return KeyringSecrets(keyring.backends.null.Keyring())


def _empty_chainer(_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> KeyringSecrets:
    # keyring's own filter: no backend qualifies, so the chainer chains nothing
    monkeypatch.setattr(keyring.backend, "_limit", lambda _backend: False)
    chainer = keyring.backends.chainer.ChainerBackend()
    assert list(chainer.backends) == []
    return KeyringSecrets(chainer)


def _plaintext(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> KeyringSecrets:
    monkeypatch.delenv(ALLOW_PLAINTEXT_ENV, raising=False)
    backend = PlaintextKeyring()
    backend.file_path = str(tmp / "keyring_pass.cfg")  # type: ignore[misc]
    return KeyringSecrets(backend)


UNUSABLE: dict[str, tuple[Callable[[Path, pytest.MonkeyPatch], KeyringSecrets], str]] = {
    "fail": (_fail, r"keyring \(keyring\.backends\.fail\.Keyring\) cannot be used"),
    "null": (_null, r"keyring \(keyring\.backends\.null\.Keyring\) cannot be used"),
    "empty-chainer": (_empty_chainer, r"ChainerBackend\) cannot be used"),
    "plaintext": (_plaintext, r"keeps secrets in a plain file"),
}


@pytest.mark.parametrize("kind", sorted(UNUSABLE))
def test_opening_with_an_unusable_keyring_says_it_cannot_be_used_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    home = tmp_path / "home"
    _make_store(home)
    build, expected = UNUSABLE[kind]
    secrets = build(tmp_path, monkeypatch)
    with pytest.raises(SecretStoreUnavailable) as caught:
        Workstation.open(home, secrets)
    message = str(caught.value)
    assert "changed" not in message
    assert "DictKeyring" not in message  # the recorded backend is not the problem
    assert caught.match(expected)
    assert caught.match(r"passphrase-only mode")  # says what to do
    # nothing was left locked: the real keyring opens the store again at once
    with pytest.raises(SecretStoreUnavailable, match="missing"):
        Workstation.open(home, KeyringSecrets(DictKeyring()))


def test_a_different_working_keyring_still_reports_the_change(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _make_store(home)

    class OtherKeyring(DictKeyring):
        pass

    with pytest.raises(SecretStoreUnavailable, match=r"keyring changed \(was .*DictKeyring"):
        Workstation.open(home, KeyringSecrets(OtherKeyring()))


def test_restoring_with_an_unusable_keyring_says_it_cannot_be_used(tmp_path: Path) -> None:
    home = tmp_path / "home"
    session, _code = Workstation.create(
        home,
        role="unit",
        site="SITE1",
        unit="ICU",
        admin_name=ADMIN_NAME,
        passphrase=ADMIN_PASSPHRASE,
        secrets=KeyringSecrets(DictKeyring()),
    )
    backup = session.backup(tmp_path / "out")
    session.lock()
    session.workstation.close()
    with pytest.raises(SecretStoreUnavailable) as caught:
        restore_backup(
            home, backup, KeyringSecrets(keyring.backends.fail.Keyring()), secret=ADMIN_PASSPHRASE
        )
    assert "changed" not in str(caught.value)
    assert caught.match("cannot be used")


def test_recovery_with_an_unusable_keyring_stops_before_asking_for_the_code(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    admin, _code = _make_store(home)
    secrets = KeyringSecrets(keyring.backends.fail.Keyring())
    # Even a wrong code gets the keyring problem: the code cannot help until a keyring works,
    # and the attempt must not count as a failed unlock.
    with pytest.raises(SecretStoreUnavailable, match="cannot be used"):
        recover_device_secret(
            home, secrets, "0000-0000-0000-0000-0000", admin, "a new passphrase here"
        )
    good = KeyringSecrets(DictKeyring())
    with pytest.raises(WrongPassphrase):  # no unlock delay was recorded by the attempt above
        recover_device_secret(
            home, good, "0000-0000-0000-0000-0000", admin, "a new passphrase here"
        )
