"""Issue 18, item 5: a command given a FIFO (or a device, or a folder) where it reads a file.
Before the fix `rules eval FIFO` and `protocol check FIFO` blocked for good in open(), waiting
for a writer that never came; `restore FIFO` said "there is no backup file" after asking for the
passphrase. Now each refuses at once, names what the path is and what to give instead.

Each command runs in a child process with a timeout: a command that blocks is killed and the test
fails, instead of hanging the suite."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from svdesk.errors import InvalidInput
from svdesk.storage.inputs import check_regular_file, read_regular_file, read_regular_text

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")

# Far more than a refusal takes (about 0.3 s, mostly Python's start) on a loaded machine.
TIMEOUT_S = 30

# Each command that reads a file a user names, with the path in place of "{path}".
COMMANDS = {
    "rules eval": ["rules", "eval", "{path}"],
    "protocol check": ["protocol", "check", "{path}"],
    "pair": ["pair", "{path}", "--passphrase-stdin"],
    "restore": ["restore", "{path}", "--passphrase-stdin"],
}


def _run(home: Path, argv: list[str], path: Path) -> tuple[int, str, str]:
    args = [a.replace("{path}", str(path)) for a in argv]
    try:
        done = subprocess.run(
            [sys.executable, "-m", "svdesk", "--home", str(home), *args],
            input="a passphrase that is long enough\n",
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
            env={**os.environ, "PYTHONUTF8": "1"},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`svdesk {' '.join(args)}` blocked for {TIMEOUT_S} s on {path}")
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_fifo_is_refused_at_once(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "input"
    os.mkfifo(fifo)
    code, out, err = _run(tmp_path / "home", COMMANDS[command], fifo)
    assert code == 2, err
    assert out == ""
    assert err.startswith("svdesk: ")
    assert err.count("\n") == 1, err  # one sentence, no traceback
    assert "is a named pipe (FIFO), not a regular file" in err
    assert "file itself" in err  # what to give instead
    assert fifo.is_fifo()


def test_rules_eval_points_to_standard_input(tmp_path: Path) -> None:
    fifo = tmp_path / "answers.json"
    os.mkfifo(fifo)
    _code, _out, err = _run(tmp_path / "home", COMMANDS["rules eval"], fifo)
    assert "or - to read standard input" in err


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_link_to_a_fifo_is_refused(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "looks-like-a-file.toml"
    link.symlink_to(fifo)
    code, _out, err = _run(tmp_path / "home", COMMANDS[command], link)
    assert code == 2, err
    assert "named pipe (FIFO)" in err


@pytest.mark.parametrize("command", ["rules eval", "protocol check", "pair"])
def test_an_endless_device_is_refused(tmp_path: Path, command: str) -> None:
    # /dev/zero never ends: read to the end, it would fill the memory.
    code, _out, err = _run(tmp_path / "home", COMMANDS[command], Path("/dev/zero"))
    assert code == 2, err
    assert "/dev/zero is a device, not a regular file" in err


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_folder_is_named_as_a_folder(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    code, _out, err = _run(tmp_path / "home", COMMANDS[command], folder)
    assert code == 2, err
    assert "is a folder, not a regular file" in err


# ---- the shared helper (svdesk/storage/inputs.py) ------------------------------------------


def test_a_regular_file_reads_as_read_text_would(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_bytes(b"a = 1\r\nb = 'x'\rc = 3\n")
    assert read_regular_text(path, what="protocol file", limit=100) == path.read_text("utf-8")
    assert read_regular_file(path, what="protocol file", limit=100) == path.read_bytes()
    check_regular_file(path, what="backup file")  # no error


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 101)
    with pytest.raises(InvalidInput, match="larger than 100 bytes, far too large for a card"):
        read_regular_file(path, what="card", limit=100)


def test_missing_and_unreadable_files_are_left_to_the_caller(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "none", what="card", limit=100)
    check_regular_file(tmp_path / "none", what="backup file")  # the caller says "missing"


def test_reading_a_fifo_in_process_returns_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    errors: list[BaseException] = []

    def read() -> None:
        for call in (read_regular_file, read_regular_text):
            try:
                call(fifo, what="card", limit=100)
            except InvalidInput as exc:
                errors.append(exc)
        try:
            check_regular_file(fifo, what="backup file")
        except InvalidInput as exc:
            errors.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(TIMEOUT_S)
    if reader.is_alive():
        with open(fifo, "wb"):  # a writer lets the blocked open() return, so the thread ends
            pass
        pytest.fail("reading a FIFO blocked")
    assert len(errors) == 3
    assert all("named pipe (FIFO)" in str(e) for e in errors)
