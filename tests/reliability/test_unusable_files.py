"""Issue 18, item 4: a data folder that cannot be used gave a traceback (CLI) or "Internal
error" (GUI): a home that is a file, a loop of symbolic links, a file svdesk may not read or
write. Now the open (and init) names the file and what is wrong with it, exit 3. Before the fix
each of these raised a bare OSError (or said "no store here — create one")."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from svdesk.access.workstation import Workstation
from svdesk.errors import Refused
from svdesk.keys import keyfile
from tests.fakes import ADMIN_PASSPHRASE, close_session, make_session, run_cli

INIT = ["init", "--role", "coordinator", "--site", "S01", "--admin", "Alex",
        "--passphrase-stdin", "--passphrase-only"]  # fmt: skip


@pytest.mark.parametrize("command", [["check", "--passphrase-stdin"], INIT])
def test_a_home_that_is_a_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    home = tmp_path / "home"
    home.write_text("not a folder", encoding="utf-8")
    code, _, err = run_cli(
        monkeypatch, capsys, ADMIN_PASSPHRASE + "\n", "--home", str(home), *command
    )
    assert code == 3, err
    assert str(home) in err
    assert "Traceback" not in err
    assert "--home" in err


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
@pytest.mark.parametrize("command", [["check", "--passphrase-stdin"], INIT])
def test_a_home_that_is_a_loop_of_links(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.symlink_to(b)
    b.symlink_to(a)
    code, _, err = run_cli(monkeypatch, capsys, ADMIN_PASSPHRASE + "\n", "--home", str(a), *command)
    assert code == 3, err
    assert "loop of symbolic links" in err
    assert "create one" not in err


def test_a_file_svdesk_may_not_read_is_named_with_the_permission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests run as root in CI, where chmod 000 does not stop a read: the read is made to fail
    as it does for a keys file owned by another user."""
    session = make_session(tmp_path, passphrase_only=True)
    home = session.workstation.home
    close_session(session)
    target = str(home / "keys.json")

    def denied(*args: object, **kwargs: object) -> bytes:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), target)

    monkeypatch.setattr(keyfile.Path, "read_bytes", denied)
    with pytest.raises(Refused) as caught:
        Workstation.open(home, None)
    assert target in caught.value.message
    assert "Permission denied" in caught.value.message
    assert "belongs to the user running svdesk" in caught.value.message
