"""`svdesk coordinator card | pair | export | import | report` on real encrypted stores."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from test_bundle_support import CANARY, insert_encounter, insert_escalation

from svdesk.access.workstation import Workstation
from svdesk.cli.common import close_session
from svdesk.keys.keyring import default_secrets
from tests.fakes import ADMIN_PASSPHRASE, MemoryKeyring, run_cli


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str, str]:
    return run_cli(monkeypatch, capsys, ADMIN_PASSPHRASE + "\n", *argv)


def init(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    home: Path,
    role: str,
) -> None:
    unit = ["--unit", "ED1"] if role == "unit" else []
    code, _, err = run(
        monkeypatch, capsys, "--home", str(home), "init", "--role", role, "--site", "S01",
        *unit, "--admin", "Alex", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 0, err


def test_card_pair_export_import_report(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    coord, unit = tmp_path / "coord", tmp_path / "unit"
    init(monkeypatch, capsys, coord, "coordinator")
    init(monkeypatch, capsys, unit, "unit")
    card = tmp_path / "card.json"
    code, out, err = run(
        monkeypatch, capsys, "--home", str(coord), "coordinator", "card", "--out", str(card),
        "--passphrase-stdin",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["fingerprint"] in card.read_text()

    code, out, err = run(
        monkeypatch, capsys, "--home", str(unit), "pair", str(card), "--passphrase-stdin"
    )
    assert code == 0, err
    unit_fingerprint = out.strip()
    assert len(unit_fingerprint.split("-")) == 8

    ws = Workstation.open(unit, default_secrets())
    session = ws.unlock(ws.supporters()[0].id, ADMIN_PASSPHRASE)
    for i in range(12):
        enc = insert_encounter(session.db, case_code=f"K7Q-{i:03d}")
    insert_escalation(session.db, encounter=enc)
    close_session(session)

    bundles = tmp_path / "usb"
    bundles.mkdir()
    code, out, err = run(
        monkeypatch, capsys, "--home", str(unit), "export", "--out", str(bundles),
        "--passphrase-stdin",
    )  # fmt: skip
    assert code == 0, err
    exported = json.loads(out)
    assert exported["sequence"] == 1
    assert exported["records"] == 13
    # The re-identification check (issue 11): 12 encounters alike in unit, role, week, event.
    reid = exported["reidentification"]
    assert (reid["records"], reid["smallest_group"], reid["unique_records"]) == (12, 12, 0)
    assert reid["warning"] == ""
    path = exported["bundle"]
    assert CANARY.encode() not in Path(path).read_bytes()

    code, out, err = run(
        monkeypatch, capsys, "--home", str(coord), "import", path, "--passphrase-stdin"
    )
    assert code == 3
    (rejected,) = json.loads(out)["rejected"]
    assert rejected["reason"] == "unknown_workstation"
    assert rejected["fingerprint"] == unit_fingerprint

    code, out, err = run(
        monkeypatch, capsys, "--home", str(coord), "import", "--trust-new", path,
        "--passphrase-stdin",
    )  # fmt: skip
    assert code == 0, err
    summary = json.loads(out)
    assert set(summary) == {"imported", "duplicates", "rejected", "missing_sequences"}
    assert summary["imported"][0]["records"] == 13
    assert unit_fingerprint in err

    code, out, _ = run(
        monkeypatch, capsys, "--home", str(coord), "import", path, "--passphrase-stdin"
    )
    assert code == 0
    assert json.loads(out)["duplicates"] == [{"file": path, "sequence": 1}]

    for fmt, target in (("csv", "r.csv"), ("xlsx", "r.xlsx"), ("redcap", "redcap")):
        code, out, err = run(
            monkeypatch, capsys, "--home", str(coord), "report", "--format", fmt,
            "--out", str(tmp_path / target), "--from", "2026-W01", "--to", "2026-W52",
            "--passphrase-stdin",
        )  # fmt: skip
        assert code == 0, err
        for written in json.loads(out)["report"]:
            text = Path(written).read_bytes()
            assert CANARY.encode() not in text
            assert b"K7Q-0" not in text

    # --format pdf draws with Qt: tested in tests/ui/test_report_pdf.py (core tests stay Qt-free).

    code, _, err = run(
        monkeypatch, capsys, "--home", str(coord), "report", "--format", "csv",
        "--out", str(tmp_path / "x.csv"), "--from", "2026-13", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 2
    assert "ISO week" in err

    # --language (issue 16): Spanish headings, the same codes; English without it (above).
    code, out, err = run(
        monkeypatch, capsys, "--home", str(coord), "report", "--format", "csv",
        "--out", str(tmp_path / "es.csv"), "--language", "es", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 0, err
    spanish = list(csv.reader((tmp_path / "es.csv").read_text("utf-8-sig").splitlines()))
    english = list(csv.reader((tmp_path / "r.csv").read_text("utf-8-sig").splitlines()))
    assert spanish[0][:4] == ["Tabla", "Categoría", "Código", "Recuento"]
    assert english[0][:4] == ["Table", "Category", "Code", "Count"]
    # after the header and the 4 rows about the report: the codes and counts, as in English
    words = {"suprimido": "suppressed"}
    assert [[r[2], words.get(r[3], r[3])] for r in spanish[5:]] == [r[2:4] for r in english[5:]]
    code, _, err = run(
        monkeypatch, capsys, "--home", str(coord), "report", "--format", "csv",
        "--out", str(tmp_path / "fr.csv"), "--language", "fr", "--passphrase-stdin",
    )  # fmt: skip
    assert code == 2
    assert "choose one of en, es" in err
    assert not (tmp_path / "fr.csv").exists()


def test_export_on_an_unpaired_unit_is_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    init(monkeypatch, capsys, tmp_path / "unit", "unit")
    code, _, err = run(
        monkeypatch, capsys, "--home", str(tmp_path / "unit"), "export", "--out", str(tmp_path),
        "--passphrase-stdin",
    )  # fmt: skip
    assert code == 3
    assert "not paired" in err
