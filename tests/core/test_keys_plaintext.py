"""A keyring backend that keeps secrets in a plain file is refused like no keyring at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyrings.alt.file import PlaintextKeyring

import tests.fakes  # noqa: F401  (cheap key derivation)
from svdesk.access.workstation import Workstation
from svdesk.errors import SecretStoreUnavailable
from svdesk.keys.keyring import ALLOW_PLAINTEXT_ENV, KeyringSecrets


def _plaintext_backend(tmp_path: Path) -> PlaintextKeyring:
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[misc]
    return backend


def test_plaintext_file_backend_is_refused_and_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ALLOW_PLAINTEXT_ENV, raising=False)
    secrets = KeyringSecrets(_plaintext_backend(tmp_path))
    with pytest.raises(SecretStoreUnavailable, match=r"plain file.*passphrase-only"):
        secrets.put("store", b"x" * 32)
    with pytest.raises(SecretStoreUnavailable):
        Workstation.create(
            tmp_path / "home",
            role="unit",
            site="S",
            unit="U",
            admin_name="Alex",
            passphrase="correct horse battery staple",
            secrets=secrets,
        )
    assert not (tmp_path / "keyring_pass.cfg").exists()  # nothing was written in clear
    assert not Workstation.exists(tmp_path / "home")


def test_tests_may_opt_in_to_the_file_backend(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ALLOW_PLAINTEXT_ENV, "1")
    secrets = KeyringSecrets(_plaintext_backend(tmp_path))
    secrets.put("store", b"y" * 32)
    assert secrets.get("store") == b"y" * 32
