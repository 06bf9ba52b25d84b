"""`svdesk init | check | backup | restore`: output and exit codes (in-process and as a program)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from svdesk.storage.db import connect
from tests.fakes import ADMIN_PASSPHRASE, MemoryKeyring, run_cli

CANARY = "CANARY-cli-9b2e-heron"


run = run_cli


def _init(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path, *extra: str
) -> tuple[int, str, str]:
    return run(
        monkeypatch,
        capsys,
        ADMIN_PASSPHRASE + "\n",
        "--home",
        str(home),
        "init",
        "--role",
        "unit",
        "--site",
        "S1",
        "--unit",
        "ICU",
        "--admin",
        "Alex",
        "--passphrase-stdin",
        *extra,
    )


def test_init_prints_the_recovery_code_once_and_refuses_a_second_time(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    code, out, err = _init(monkeypatch, capsys, tmp_path / "h")
    assert code == 0, err
    printed = json.loads(out)
    assert len(printed["recovery_code"]) == 24
    assert "shown only this once" in err
    assert printed["passphrase_only"] is False
    assert ("svdesk", printed["store_id"]) in memory_keyring.values
    code, out, err = _init(monkeypatch, capsys, tmp_path / "h")
    assert code == 3
    assert "already exists" in err
    assert "recovery_code" not in out


def test_init_usage_errors_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    code, _, err = run(
        monkeypatch,
        capsys,
        "short\n",
        "--home",
        str(tmp_path / "h"),
        "init",
        "--role",
        "unit",
        "--site",
        "S1",
        "--unit",
        "ICU",
        "--admin",
        "Alex",
        "--passphrase-stdin",
    )
    assert code == 2
    assert "too short" in err
    code, _, err = run(
        monkeypatch,
        capsys,
        "",
        "--home",
        str(tmp_path / "h"),
        "init",
        "--role",
        "unit",
        "--site",
        "S1",
        "--admin",
        "Alex",
    )
    assert code == 2
    assert "--passphrase-stdin" in err


def test_init_without_keyring_needs_passphrase_only(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        code, out, err = _init(monkeypatch, capsys, tmp_path / "h")
        assert code == 3
        assert "--passphrase-only" in err
        assert not (tmp_path / "h" / "svdesk.db").exists()
        code, out, err = _init(monkeypatch, capsys, tmp_path / "h", "--passphrase-only")
        assert code == 0, err
        assert json.loads(out)["passphrase_only"] is True
        code, out, err = run(
            monkeypatch,
            capsys,
            ADMIN_PASSPHRASE + "\n",
            "--home",
            str(tmp_path / "h"),
            "check",
            "--passphrase-stdin",
        )
        assert code == 0, err
    finally:
        keyring.set_keyring(previous)


def test_check_backup_restore(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    home = tmp_path / "h"
    assert _init(monkeypatch, capsys, home)[0] == 0
    pw = ADMIN_PASSPHRASE + "\n"
    code, out, err = run(
        monkeypatch, capsys, pw, "--home", str(home), "check", "--passphrase-stdin"
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["ok"] is True
    assert report["figures"]["audit_entries"] >= 2

    code, out, err = run(
        monkeypatch,
        capsys,
        "wrong passphrase\n",
        "--home",
        str(home),
        "check",
        "--passphrase-stdin",
    )
    assert (code, out) == (3, "")
    assert "passphrase is not right" in err

    code, out, err = run(
        monkeypatch,
        capsys,
        pw,
        "--home",
        str(home),
        "check",
        "--supporter",
        "Nobody",
        "--passphrase-stdin",
    )
    assert code == 2
    assert "Nobody" in err

    code, out, err = run(
        monkeypatch,
        capsys,
        pw,
        "--home",
        str(home),
        "backup",
        "--supporter",
        "alex",
        "--passphrase-stdin",
    )
    assert code == 0, err
    backup = Path(json.loads(out)["backup"])
    assert backup.exists()
    code, out, err = run(
        monkeypatch,
        capsys,
        pw,
        "--home",
        str(home),
        "backup",
        "--out",
        str(tmp_path / "mine.svbak"),
        "--passphrase-stdin",
    )
    assert code == 0, err
    assert (tmp_path / "mine.svbak").exists()

    code, out, err = run(
        monkeypatch, capsys, pw, "--home", str(home), "restore", str(backup), "--passphrase-stdin"
    )
    assert code == 0, err
    kept = json.loads(out)["kept"]
    assert kept
    assert (Path(kept) / "svdesk.db").exists()

    junk = tmp_path / "junk.svbak"
    junk.write_bytes(b"junk")
    code, out, err = run(
        monkeypatch, capsys, pw, "--home", str(home), "restore", str(junk), "--passphrase-stdin"
    )
    assert code == 3
    assert "not an svdesk backup" in err
    code, out, err = run(
        monkeypatch,
        capsys,
        pw,
        "--home",
        str(home),
        "restore",
        str(tmp_path / "missing.svbak"),
        "--passphrase-stdin",
    )
    assert code == 2


def test_check_reports_a_tampered_audit_with_exit_3(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    from svdesk.cli.common import close_session, open_session

    home = tmp_path / "h"
    assert _init(monkeypatch, capsys, home)[0] == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(ADMIN_PASSPHRASE + "\n"))
    import argparse

    session = open_session(argparse.Namespace(home=home, supporter=None, passphrase_stdin=True))
    key = session._db_key()
    close_session(session)
    raw = connect(home / "svdesk.db", key)
    raw.execute("DROP TRIGGER audit_no_update")
    raw.execute("UPDATE audit SET action = 'nothing' WHERE seq = 1")
    raw.close()
    code, out, err = run(
        monkeypatch,
        capsys,
        ADMIN_PASSPHRASE + "\n",
        "--home",
        str(home),
        "check",
        "--passphrase-stdin",
    )
    assert code == 3
    assert json.loads(out)["ok"] is False
    assert "entry 1 was altered" in out
    assert "restore a backup" in err


def test_commands_on_a_missing_store_exit_3(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    code, _, err = run(
        monkeypatch, capsys, "x\n", "--home", str(tmp_path), "check", "--passphrase-stdin"
    )
    assert code == 3
    assert "svdesk init" in err


def test_restore_by_a_non_admin_is_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    import argparse

    from svdesk.cli.common import close_session, open_session

    home = tmp_path / "h"
    assert _init(monkeypatch, capsys, home)[0] == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(ADMIN_PASSPHRASE + "\n"))
    session = open_session(argparse.Namespace(home=home, supporter=None, passphrase_stdin=True))
    session.enrol("Sam", "sam's passphrase")
    backup = session.backup()
    close_session(session)
    code, _, err = run(
        monkeypatch,
        capsys,
        "sam's passphrase\n",
        "--home",
        str(home),
        "restore",
        str(backup),
        "--supporter",
        "Sam",
        "--passphrase-stdin",
    )
    assert code == 3
    assert "Only an admin" in err


def test_a_damaged_store_can_be_restored_without_unlocking_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    home = tmp_path / "h"
    pw = ADMIN_PASSPHRASE + "\n"
    assert _init(monkeypatch, capsys, home)[0] == 0
    code, out, err = run(
        monkeypatch, capsys, pw, "--home", str(home), "backup", "--passphrase-stdin"
    )
    assert code == 0, err
    backup = json.loads(out)["backup"]
    (home / "svdesk.db").write_bytes(b"")  # damaged
    code, _, err = run(monkeypatch, capsys, pw, "--home", str(home), "check", "--passphrase-stdin")
    assert code == 3
    assert "restore a backup" in err
    code, out, err = run(
        monkeypatch, capsys, pw, "--home", str(home), "restore", backup, "--passphrase-stdin"
    )
    assert code == 0, err
    assert "cannot be opened" in err
    code, out, err = run(
        monkeypatch, capsys, pw, "--home", str(home), "check", "--passphrase-stdin"
    )
    assert code == 0, err


# ---- as a program, with a real keyring backend (keyrings.alt file) in a temporary HOME -------
def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "home" / ".local" / "share"),
        XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"),
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        SVDESK_TEST_ALLOW_PLAINTEXT_KEYRING="1",
        SVDESK_KDF_PROFILE="test",
    )
    env.pop("SVDESK_HOME", None)
    return env


def _svdesk(tmp_path: Path, stdin: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "svdesk", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )


def test_program_init_check_backup_restore_with_a_file_keyring(tmp_path: Path) -> None:
    home = str(tmp_path / "data")
    pw = ADMIN_PASSPHRASE + "\n"
    result = _svdesk(
        tmp_path,
        pw,
        "--home",
        home,
        "init",
        "--role",
        "coordinator",
        "--site",
        "S1",
        "--admin",
        "Alex",
        "--passphrase-stdin",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["role"] == "coordinator"
    assert (
        _svdesk(
            tmp_path,
            pw,
            "--home",
            home,
            "init",
            "--role",
            "coordinator",
            "--site",
            "S1",
            "--admin",
            "Alex",
            "--passphrase-stdin",
        ).returncode
        == 3
    )
    result = _svdesk(tmp_path, pw, "--home", home, "check", "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    assert (
        _svdesk(
            tmp_path, "bad passphrase\n", "--home", home, "check", "--passphrase-stdin"
        ).returncode
        == 3
    )
    result = _svdesk(tmp_path, pw, "--home", home, "backup", "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    backup = json.loads(result.stdout)["backup"]
    result = _svdesk(tmp_path, pw, "--home", home, "restore", backup, "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    assert _svdesk(tmp_path, pw, "--home", home, "check", "--passphrase-stdin").returncode == 0
    assert _svdesk(tmp_path, "", "--home", home, "check").returncode == 2  # no passphrase


def test_store_made_by_init_is_opaque_to_plain_sqlite3(tmp_path: Path) -> None:
    home = tmp_path / "data"
    pw = ADMIN_PASSPHRASE + "\n"
    result = _svdesk(
        tmp_path,
        pw,
        "--home",
        str(home),
        "init",
        "--role",
        "unit",
        "--site",
        "S1",
        "--unit",
        "ICU",
        "--admin",
        "Alex",
        "--passphrase-stdin",
    )
    assert result.returncode == 0, result.stderr
    save = (
        "import argparse, sys\n"
        "from pathlib import Path\n"
        "from svdesk.cli.common import open_session, close_session\n"
        f"s = open_session(argparse.Namespace(home=Path({str(home)!r}), supporter=None,"
        " passphrase_stdin=True))\n"
        "s.db.execute('CREATE TABLE notes (text TEXT)')\n"
        f"s.db.table('notes').insert({{'text': {CANARY!r}}})\n"
        "close_session(s)\n"
    )
    saved = subprocess.run(
        [sys.executable, "-c", save],
        input=pw,
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert saved.returncode == 0, saved.stderr
    plain = subprocess.run(
        ["sqlite3", str(home / "svdesk.db"), "SELECT * FROM notes;"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert plain.returncode != 0
    assert "not a database" in plain.stderr
    for path in home.rglob("*"):
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes(), path
