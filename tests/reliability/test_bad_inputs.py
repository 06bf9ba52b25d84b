"""Issue 18, item 5: inputs that used to get through or hang. Before the fix: `init --site`
took "S01\\n" (every export then failed); a non-UTF-8 passphrase on standard input gave a
traceback; a name of zero-width spaces was enrolled; importing a FIFO blocked for good;
`guard check` read 10 MB and used 1.3 GB."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from svdesk.access.session import check_name
from svdesk.cli.guard_cmd import MAX_INPUT_CHARS
from svdesk.coordinator.importing import import_bundles
from svdesk.errors import InvalidInput
from svdesk.progress import run_to_end
from tests.fakes import ADMIN_PASSPHRASE, close_session, make_session, run_cli


def test_a_site_code_with_a_final_newline_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(
        monkeypatch, capsys, ADMIN_PASSPHRASE + "\n", "--home", str(tmp_path / "h"), "init",
        "--role", "coordinator", "--site", "S01\n", "--admin", "Alex", "--passphrase-stdin",
        "--passphrase-only",
    )  # fmt: skip
    assert code == 2, err
    assert "site code" in err
    assert not (tmp_path / "h" / "svdesk.db").exists()


def test_a_passphrase_that_is_not_utf8_is_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"caf\xe9 au lait, long enough\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    from svdesk.cli import main

    code = main(
        ["--home", str(tmp_path / "h"), "init", "--role", "coordinator", "--site", "S01",
         "--admin", "Alex", "--passphrase-stdin", "--passphrase-only"]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2, err
    assert "not UTF-8" in err


@pytest.mark.parametrize(
    "name",
    ["\u200b", "\u200b\u200b\u200b", "\ufeff", "Al\u200bex", "\u2060Alex", "Alex\u202e"],
)
def test_invisible_names_are_refused(name: str) -> None:
    with pytest.raises(InvalidInput, match="visible characters"):
        check_name(name)


@pytest.mark.parametrize("name", ["Alex", "Zoë Ngữ", "رامین", "श्री", "क्‍ष"])
def test_real_names_still_pass(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")
def test_importing_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    coord = make_session(tmp_path, role="coordinator")
    fifo = tmp_path / "bundle.svbundle"
    os.mkfifo(fifo)
    result: list[object] = []

    def run() -> None:
        result.append(run_to_end(import_bundles(coord, [fifo], trust_new=True)))

    worker = threading.Thread(target=run, daemon=True)
    start = time.monotonic()
    worker.start()
    worker.join(10)
    if worker.is_alive():  # before the fix: blocked in open() until a writer came
        with open(fifo, "wb"):
            pass
        worker.join(5)
        pytest.fail("importing a FIFO blocked")
    close_session(coord)
    assert time.monotonic() - start < 5
    (summary,) = result
    assert [r["reason"] for r in summary.rejected] == ["corrupt"]  # type: ignore[attr-defined]
    assert "not a regular file" in summary.rejected[0]["message"]  # type: ignore[attr-defined]


def test_guard_check_refuses_a_huge_input_quickly_and_in_little_memory() -> None:
    script = (
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent (pytest,
        # hundreds of MB late in the suite) into the exec'd child; VmHWM is this program's own.
        "import re, sys; from pathlib import Path; from svdesk.cli import main; "
        "code = main(['guard', 'check']); "
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()); "
        "print(hwm.group(1), file=sys.stderr); sys.exit(code)"
    )
    big = ("Patient word " * (10 * 1024 * 1024 // 13)).encode("utf-8")  # ~10 MB
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script], input=big, capture_output=True, timeout=120, check=False
    )
    elapsed = time.monotonic() - start
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert f"longer than {MAX_INPUT_CHARS:,} characters" in err
    peak_mb = int(err.strip().splitlines()[-1]) / 1024  # VmHWM: KiB
    print(f"guard check of 10 MB: refused in {elapsed:.2f} s, peak {peak_mb:.0f} MB")
    assert peak_mb < 300  # before: ~1.3 GB
