"""A canary typed into a note through the real conversation window never leaves the encrypted
store: not in logs, Qt messages, stdout/stderr, temporary files, exports, backups, settings or
configuration, nor in clear inside the database, its WAL or its keys file. The note itself is
kept (read back from the store), so the scan is not vacuous."""

from __future__ import annotations

import logging
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from svdesk.access.session import Session
from svdesk.content.protocol.loader import load_protocol
from svdesk.coordinator.importing import import_bundles
from svdesk.coordinator.keys import card_bytes, init_coordinator_keys
from svdesk.progress import run_to_end
from svdesk.storage.backup import write_backup
from svdesk.unit import drafts, export
from svdesk.unit.context import context_for
from tests.fakes import close_session, make_session

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
from test_conversation_fakes import COMPLETE_INITIAL, fill

from ui.qt import QtCore
from ui.unit.conversation import start_new_conversation
from ui.unit.record_page import OverrideReasonDialog

CANARY = "quokkawhistlecanary"  # letters only: the identifier guard lets it through


def _forms(text: str) -> list[bytes]:
    """The byte forms a leak could take: UTF-8, UTF-16 (Qt, Windows), any case."""
    forms = []
    for variant in {text, text.upper(), text.lower()}:
        forms += [variant.encode("utf-8"), variant.encode("utf-16-le"), variant.encode("utf-16-be")]
    return forms


def scan(root: Path, text: str = CANARY) -> tuple[list[str], int, int]:
    """(files containing the text in any form, files scanned, bytes scanned)."""
    forms = _forms(text)
    hits, files, size = [], 0, 0
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes()
        files += 1
        size += len(data)
        lowered = data.lower()
        if any(f in data or f.lower() in lowered for f in forms):
            hits.append(str(path.relative_to(root)))
    return hits, files, size


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Path]]:
    """Temp dir, home and config dirs inside tmp_path; Python logging at DEBUG into a file."""
    dirs = {n: tmp_path / n for n in ("tmp", "user_home", "config", "cache", "logs", "usb")}
    for d in dirs.values():
        d.mkdir()
    monkeypatch.setenv("TMPDIR", str(dirs["tmp"]))
    monkeypatch.setattr(tempfile, "tempdir", str(dirs["tmp"]))
    monkeypatch.setenv("HOME", str(dirs["user_home"]))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["config"]))
    monkeypatch.setenv("XDG_CACHE_HOME", str(dirs["cache"]))
    handler = logging.FileHandler(dirs["logs"] / "svdesk.log", encoding="utf-8")
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    logging.getLogger("svdesk").debug("canary test: logging to this file")
    yield dirs
    root.removeHandler(handler)
    root.setLevel(level)
    handler.close()


def _complete_with_note(qtbot: Any, session: Session, note: str) -> str:
    ctx = context_for(session)
    window = start_new_conversation(ctx)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    fill(window, COMPLETE_INITIAL)
    window.go_to_step("record")
    page = window._record_page
    assert page is not None
    qtbot.keyClicks(page.note.editor, note)  # typed, key by key, as a user does
    assert page.note.verdict() in ("ok", "warn"), page.note.verdict()
    with qtbot.waitSignal(window.completed, timeout=10_000) as done:
        window.request_complete()
        dialog = window._pending_box
        if isinstance(dialog, OverrideReasonDialog):  # a "warn" verdict asks for a reason
            qtbot.keyClicks(dialog.reason, "not a person")
            qtbot.keyClick(dialog.reason, QtCore.Qt.Key.Key_Return)
    window.close()
    return str(done.args[0].encounter_id)


def test_canary_in_a_note_never_leaves_the_encrypted_store(
    qtbot: Any, tmp_path: Path, sandbox: dict[str, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    unit = make_session(tmp_path, home_name="unit")
    coord = make_session(tmp_path, role="coordinator", home_name="coordinator")
    init_coordinator_keys(coord)
    export.pair(unit, card_bytes(coord))

    encounter_id = _complete_with_note(qtbot, unit, f"{CANARY} seemed calmer by the end")
    # Also a draft left open with the canary in its note (autosaved, not completed).
    ctx = context_for(unit)
    draft = drafts.start_conversation(ctx, load_protocol())
    drafts.save_record_field(ctx, draft.id, "note", f"draft {CANARY}")

    # While the store is open (WAL not yet checkpointed) nothing readable is on disk.
    open_hits, _, _ = scan(tmp_path)
    result = run_to_end(export.export_bundle(unit, sandbox["usb"]))
    backup = write_backup(unit, sandbox["usb"])
    summary = run_to_end(import_bundles(coord, [result.path], trust_new=True))
    assert summary.imported

    # The note is really in the store (the scan below is not vacuous)...
    notes = [row[0] for row in unit.db.execute("SELECT note FROM encounters WHERE note != ''")]
    assert any(CANARY in (n or "") for n in notes), notes
    assert encounter_id
    # The coordinator received the encounter but not a byte of the note (decrypted view).
    tables = [r[0] for r in coord.db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        for row in coord.db.execute(f'SELECT * FROM "{table}"'):
            assert not any(CANARY in str(cell) for cell in row), table
    assert coord.db.execute("SELECT count(*) FROM coord_encounters").fetchone()[0] == 1
    close_session(unit)
    close_session(coord)

    # ...and nowhere else, in any file under the test's folders, once everything is closed.
    hits, files, size = scan(tmp_path)
    out, err = capfd.readouterr()
    print(
        f"canary scan: {files} files, {size:,} bytes under home, temp, config, logs and the "
        f"export folder; hits while open {open_hits}, after close {hits}; bundle "
        f"{result.path.name}, backup {backup.name}"
    )
    assert open_hits == []
    assert hits == []
    assert CANARY not in out + err
    # Positive control: the scanner finds the canary when it is written in clear.
    probe = tmp_path / "control"
    probe.mkdir()
    (probe / "plain.txt").write_text(CANARY.upper(), encoding="utf-16")
    assert scan(probe)[0] == ["plain.txt"]
