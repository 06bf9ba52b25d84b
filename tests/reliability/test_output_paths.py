"""Issue 18, item 1(b): `backup --out`, `report --out` and `coordinator card --out` used to
replace whatever they were pointed at — the live store, its keys file, a device node. Now a path
inside the data folder and anything but a regular file are refused, and an existing file is
replaced only with `--force`. (Before the fix every refusal below was exit 0 and a replaced file.)
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from tests.fakes import ADMIN_PASSPHRASE, run_cli

PASS = ADMIN_PASSPHRASE + "\n"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _init(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path, role: str
) -> None:
    unit = ["--unit", "ED1"] if role == "unit" else []
    code, _, err = run_cli(
        monkeypatch, capsys, PASS, "--home", str(home), "init", "--role", role, "--site", "S01",
        *unit, "--admin", "Alex", "--passphrase-stdin", "--passphrase-only",
    )  # fmt: skip
    assert code == 0, err


@pytest.fixture
def coordinator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    home = tmp_path / "coord"
    _init(monkeypatch, capsys, home, "coordinator")
    return home


@pytest.mark.parametrize("target", ["svdesk.db", "keys.json", "backups/x.svbak"])
@pytest.mark.parametrize(
    "command",
    [
        ["backup"],
        ["coordinator", "card"],
        ["report", "--format", "csv"],
    ],
)
def test_outputs_inside_the_data_folder_are_refused_even_with_force(
    coordinator: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    target: str,
    command: list[str],
) -> None:
    (coordinator / "backups").mkdir(exist_ok=True)
    before = {p: _digest(coordinator / p) for p in ("svdesk.db", "keys.json")}
    out = coordinator / target
    code, _, err = run_cli(
        monkeypatch, capsys, PASS, "--home", str(coordinator), *command, "--out", str(out),
        "--force", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 3, err
    assert "inside the data folder" in err
    assert {p: _digest(coordinator / p) for p in before} == before


def test_a_symbolic_link_into_the_data_folder_is_refused(
    coordinator: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    link = tmp_path / "innocent.svbak"
    link.symlink_to(coordinator / "svdesk.db")
    before = _digest(coordinator / "svdesk.db")
    code, _, err = run_cli(
        monkeypatch, capsys, PASS, "--home", str(coordinator), "backup", "--out", str(link),
        "--force", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 3, err
    assert "inside the data folder" in err
    assert _digest(coordinator / "svdesk.db") == before


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")
def test_a_non_regular_file_is_refused(
    coordinator: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run_cli(
        monkeypatch, capsys, PASS, "--home", str(coordinator), "coordinator", "card",
        "--out", str(fifo), "--force", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 3, err
    assert "not a regular file" in err
    assert Path(fifo).is_fifo()


def test_an_existing_file_is_replaced_only_with_force(
    coordinator: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    existing = tmp_path / "precious.csv"
    existing.write_text("someone's spreadsheet\n", encoding="utf-8")
    args = ["--home", str(coordinator), "report", "--format", "csv", "--out", str(existing)]
    code, _, err = run_cli(monkeypatch, capsys, PASS, *args, "--passphrase-stdin")
    assert code == 3, err
    assert "already exists" in err
    assert "--force" in err
    assert existing.read_text(encoding="utf-8") == "someone's spreadsheet\n"
    code, _, err = run_cli(monkeypatch, capsys, PASS, *args, "--force", "--passphrase-stdin")
    assert code == 0, err
    assert existing.read_text(encoding="utf-8") != "someone's spreadsheet\n"


def test_a_backup_to_a_new_file_or_an_outside_folder_still_works(
    coordinator: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    outside = tmp_path / "usb"
    outside.mkdir()
    for out in (outside, outside / "named.svbak"):
        code, _, err = run_cli(
            monkeypatch, capsys, PASS, "--home", str(coordinator), "backup", "--out", str(out),
            "--passphrase-stdin",
        )  # fmt: skip
        assert code == 0, err
    assert (outside / "named.svbak").is_file()
    assert len(list(outside.glob("*.svbak"))) == 2
