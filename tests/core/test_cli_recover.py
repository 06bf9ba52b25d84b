"""`svdesk recover --supporter NAME`: a store whose keyring entry was lost is opened again with the
recovery code and a new passphrase; the others are told they need an admin reset."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import keyring.backends.fail
import pytest

from svdesk.access.workstation import Workstation
from svdesk.cli import main
from svdesk.keys.keyring import KeyringSecrets
from tests.fakes import ADMIN_PASSPHRASE, MemorySecrets, close_session, make_session, run_cli

NEW_PASSPHRASE = "a fresh passphrase after the reset"
SAM_PASSPHRASE = "sam's own long passphrase"


@pytest.fixture
def keyring_now(monkeypatch: pytest.MonkeyPatch) -> MemorySecrets:
    """The OS keyring as the CLI finds it: an empty one, as after an OS account reset."""
    secrets = MemorySecrets()
    monkeypatch.setattr("svdesk.cli.store_cmds.default_secrets", lambda: secrets)
    monkeypatch.setattr("svdesk.cli.common.default_secrets", lambda: secrets)
    return secrets


def _store_with_lost_entry(tmp_path: Path, role: str = "unit") -> tuple[Path, str]:
    """A store with admin Alex and supporter Sam whose keyring entry is gone (its code)."""
    session = make_session(tmp_path, role=role)
    session.enrol("Sam", SAM_PASSPHRASE)
    code: str = session.recovery_code  # type: ignore[attr-defined]
    home = session.workstation.home
    close_session(session)  # the MemorySecrets holding the old secret is dropped: entry lost
    return home, code


run = run_cli


@pytest.mark.parametrize("role", ["unit", "coordinator"])
def test_recover_renews_the_entry_and_says_who_needs_a_reset(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keyring_now: MemorySecrets,
    role: str,
) -> None:
    home, recovery_code = _store_with_lost_entry(tmp_path, role)
    # before: the store does not open (the CLI says the secret is missing)
    code, _, err = run(
        monkeypatch, capsys, ADMIN_PASSPHRASE + "\n", "--home", str(home), "check",
        "--supporter", "Alex", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 3
    assert "missing from the system keyring" in err

    code, out, err = run(
        monkeypatch, capsys, f"{recovery_code.lower()}\n{NEW_PASSPHRASE}\n",
        "--home", str(home), "recover", "--supporter", "alex", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out) == {"recovered": True, "supporter": "Alex", "needs_reset": ["Sam"]}
    assert "Sam cannot sign in until an admin resets their passphrase" in err
    assert len(keyring_now.values) == 1  # a new device secret is in the keyring

    # after: Alex signs in with the new passphrase; Sam's old one no longer works
    code, out, err = run(
        monkeypatch, capsys, NEW_PASSPHRASE + "\n", "--home", str(home), "check",
        "--supporter", "Alex", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["ok"] is True
    code, _, err = run(
        monkeypatch, capsys, SAM_PASSPHRASE + "\n", "--home", str(home), "check",
        "--supporter", "Sam", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 3
    assert "ask an admin to reset it" in err


def test_wrong_recovery_code_changes_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keyring_now: MemorySecrets,
) -> None:
    home, _ = _store_with_lost_entry(tmp_path)
    keys_before = (home / "keys.json").read_bytes()
    code, out, err = run(
        monkeypatch, capsys, f"0000-0000-0000-0000-0000\n{NEW_PASSPHRASE}\n",
        "--home", str(home), "recover", "--supporter", "Alex", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 3
    assert out == ""
    assert "recovery code is not right" in err
    assert keyring_now.values == {}
    failures = json.loads((home / "keys.json").read_text())["failures"]
    assert failures["count"] == 1  # counted like a failed unlock
    assert (
        json.loads(keys_before)["supporters"]
        == json.loads((home / "keys.json").read_text())["supporters"]
    )


def test_missing_input_is_a_usage_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keyring_now: MemorySecrets,
) -> None:
    home, _ = _store_with_lost_entry(tmp_path)
    for stdin in ("", "ABCD-EFGH-JKMN-PQRS-TVWX\n"):  # nothing; the code without a passphrase
        code, _, err = run(
            monkeypatch, capsys, stdin,
            "--home", str(home), "recover", "--supporter", "Alex", "--passphrase-stdin",
        )  # fmt: skip
        assert code == 2
        assert "recovery code and the new passphrase" in err


def test_without_passphrase_stdin_and_no_terminal_says_how(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keyring_now: MemorySecrets,
) -> None:
    home, code_text = _store_with_lost_entry(tmp_path)
    code, _, err = run(
        monkeypatch, capsys, f"{code_text}\n{NEW_PASSPHRASE}\n",
        "--home", str(home), "recover", "--supporter", "Alex",
    )  # fmt: skip
    assert code == 2
    assert "--passphrase-stdin" in err


def test_prompts_without_echo_on_a_terminal(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keyring_now: MemorySecrets,
) -> None:
    home, recovery_code = _store_with_lost_entry(tmp_path)
    tty = io.StringIO("")
    tty.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", tty)
    answers = iter([recovery_code, NEW_PASSPHRASE, NEW_PASSPHRASE])
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    code = main(["--home", str(home), "recover", "--supporter", "Alex"])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert [p.split()[0] for p in prompts] == ["Recovery", "New", "Type"]
    ws = Workstation.open(home, keyring_now)
    close_session(ws.unlock(ws.supporters()[0].id, NEW_PASSPHRASE))


def test_unknown_supporter_and_missing_store(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keyring_now: MemorySecrets,
) -> None:
    home, recovery_code = _store_with_lost_entry(tmp_path)
    stdin = f"{recovery_code}\n{NEW_PASSPHRASE}\n"
    code, _, err = run(
        monkeypatch, capsys, stdin,
        "--home", str(home), "recover", "--supporter", "Kim", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 2
    assert "No supporter called 'Kim'" in err
    code, _, err = run(
        monkeypatch, capsys, stdin,
        "--home", str(tmp_path / "empty"), "recover", "--supporter", "Alex", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 3
    assert "no svdesk store" in err.lower()


def test_refused_while_the_keyring_still_holds_the_secret(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    session = make_session(tmp_path)
    home = session.workstation.home
    code_text: str = session.recovery_code  # type: ignore[attr-defined]
    secrets = session.secrets  # type: ignore[attr-defined]
    close_session(session)
    monkeypatch.setattr("svdesk.cli.store_cmds.default_secrets", lambda: secrets)
    code, _, err = run(
        monkeypatch, capsys, f"{code_text}\n{NEW_PASSPHRASE}\n",
        "--home", str(home), "recover", "--supporter", "Alex", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 3
    assert "still holds" in err


def test_an_unusable_keyring_is_reported_before_the_code_is_asked_for(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home, _ = _store_with_lost_entry(tmp_path)
    broken = KeyringSecrets(keyring.backends.fail.Keyring())
    monkeypatch.setattr("svdesk.cli.store_cmds.default_secrets", lambda: broken)
    code, _, err = run(
        monkeypatch, capsys, "",  # nothing typed yet
        "--home", str(home), "recover", "--supporter", "Alex", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 3
    assert "cannot be used" in err
    assert "passphrase-only mode" in err
