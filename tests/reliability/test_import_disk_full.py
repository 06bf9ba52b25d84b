"""Issue 18, item 4: a coordinator import that filled the disk part-way printed only the error,
no summary of what was kept. Now it stops at that file, prints the summary (with `stopped`)
and exits 3; the bundles before it stay imported, and running the import again goes on."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from svdesk.coordinator import importing
from svdesk.errors import WriteFailed
from tests.fakes import ADMIN_PASSPHRASE, run_cli

PASS = ADMIN_PASSPHRASE + "\n"


def _cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str):  # type: ignore[no-untyped-def]
    return run_cli(monkeypatch, capsys, PASS, *argv, "--passphrase-stdin")


def test_a_disk_full_import_says_what_was_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    coord, unit, usb = tmp_path / "coord", tmp_path / "unit", tmp_path / "usb"
    usb.mkdir()
    for home, role in ((coord, "coordinator"), (unit, "unit")):
        extra = ["--unit", "ED1"] if role == "unit" else []
        code, _, err = run_cli(
            monkeypatch, capsys, PASS, "--home", str(home), "init", "--role", role,
            "--site", "S01", *extra, "--admin", "Alex", "--passphrase-stdin",
            "--passphrase-only",
        )  # fmt: skip
        assert code == 0, err
    card = tmp_path / "card.json"
    assert _cli(monkeypatch, capsys, "--home", str(coord), "coordinator", "card", "--out",
                str(card))[0] == 0  # fmt: skip
    assert _cli(monkeypatch, capsys, "--home", str(unit), "pair", str(card))[0] == 0
    bundles = []
    for _ in range(3):
        code, out, err = _cli(monkeypatch, capsys, "--home", str(unit), "export", "--out", str(usb))
        assert code == 0, err
        bundles.append(json.loads(out)["bundle"])

    real_apply = importing._apply
    calls = {"n": 0}

    def fills_the_disk(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise WriteFailed(
                "The store could not save: No space left on device; nothing of this change was "
                "kept."
            ) from OSError(errno.ENOSPC, "No space left on device")
        real_apply(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importing, "_apply", fills_the_disk)
    code, out, err = _cli(monkeypatch, capsys, "--home", str(coord), "import", "--trust-new",
                          *bundles)  # fmt: skip
    assert code == 3, err
    summary = json.loads(out)  # before the fix: no output at all
    assert [i["sequence"] for i in summary["imported"]] == [1]
    assert summary["stopped"]["file"] == bundles[1]
    assert summary["stopped"]["not_tried"] == [bundles[2]]
    assert "No space left" in summary["stopped"]["message"]
    assert "1 bundle(s) listed as imported are kept" in err

    monkeypatch.setattr(importing, "_apply", real_apply)
    code, out, err = _cli(monkeypatch, capsys, "--home", str(coord), "import", *bundles)
    assert code == 0, err
    again = json.loads(out)
    assert [i["sequence"] for i in again["imported"]] == [2, 3]
    assert [d["sequence"] for d in again["duplicates"]] == [1]
