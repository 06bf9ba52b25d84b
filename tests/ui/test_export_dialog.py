"""The unit's export dialog: folder chooser, clear messages for a full or read-only target and an
unpaired workstation, cancelling, and the export history."""

from __future__ import annotations

import errno
import threading
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session
from test_coordinator_support import (
    coordinator_store,
    idle,
    pair_directly,
    record_conversation,
    unit_store,
)

from svdesk.access.session import Session
from svdesk.errors import WriteFailed
from svdesk.progress import Progress
from svdesk.storage.paths import atomic_write
from svdesk.unit import export
from svdesk.unit.export import ExportResult
from ui.qt import QtCore
from ui.unit.export import ExportDialog


@pytest.fixture
def unit(tmp_path: Path) -> Iterator[Session]:
    unit = unit_store(tmp_path)
    yield unit
    close_session(unit)


@pytest.fixture
def paired(tmp_path: Path, unit: Session) -> Session:
    coord = coordinator_store(tmp_path)
    pair_directly(unit, coord)
    close_session(coord)
    record_conversation(unit)
    return unit


def open_dialog(qtbot: Any, session: Session, folder: Path | None = None) -> ExportDialog:
    dialog = ExportDialog(session, folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.pending.text() != "")
    return dialog


def click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, QtCore.Qt.MouseButton.LeftButton)


def test_an_unpaired_workstation_cannot_export_and_says_why(qtbot: Any, unit: Session) -> None:
    dialog = open_dialog(qtbot, unit)
    assert not dialog.export_button.isEnabled()
    assert "not paired" in dialog.pairing_status.text()
    assert "Coordinator pairing" in dialog.pairing_status.text()
    idle(qtbot)


def test_folder_chosen_in_the_file_dialog_is_used(
    qtbot: Any, tmp_path: Path, paired: Session
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = open_dialog(qtbot, paired)
    chooser = dialog.choose_folder()
    chooser.setDirectory(str(tmp_path))
    chooser.selectFile(str(usb))
    chooser.accept()
    assert Path(dialog.folder.text()) == usb
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        click(qtbot, dialog.export_button)
    assert [p.parent for p in usb.iterdir()] == [usb]
    qtbot.waitUntil(lambda: dialog.history.rowCount() == 1)
    assert "Everything has been exported" in dialog.pending.text()
    # A second export is incremental: a new sequence, listed first.
    record_conversation(paired)
    dialog.refresh()
    qtbot.waitUntil(lambda: "1 record is waiting" in dialog.pending.text())
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as second:
        click(qtbot, dialog.export_button)
    assert second.args[0].sequence == 2
    assert second.args[0].encounters == 1
    qtbot.waitUntil(lambda: dialog.history.rowCount() == 2)
    assert [dialog.history.item(r, 0).text() for r in range(2)] == ["2", "1"]
    idle(qtbot)


@pytest.mark.parametrize(
    ("code", "headline"),
    [
        (errno.ENOSPC, "The drive is full."),
        (errno.EROFS, "This folder or drive is read-only"),
    ],
)
def test_a_full_or_read_only_target_is_explained_and_nothing_is_marked(  # noqa: PLR0917
    qtbot: Any,
    tmp_path: Path,
    paired: Session,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    headline: str,
) -> None:
    def failing_write(path: Path, data: bytes) -> None:
        try:
            raise OSError(code, "injected")
        except OSError as exc:
            raise WriteFailed(
                f"Could not write {path.name} in {path.parent}: injected. Free some space or "
                "choose another folder, then try again; nothing was changed."
            ) from exc

    monkeypatch.setattr(export, "atomic_write", failing_write)
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = open_dialog(qtbot, paired, usb)
    before = export.pending_count(paired)
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(dialog.message.isVisible, timeout=10_000)
    assert dialog.message.text().startswith(headline)
    assert "Nothing was marked as exported" in dialog.message.text()
    assert dialog.export_button.isEnabled()  # can try again with another folder
    assert dialog.folder.isEnabled()
    idle(qtbot)
    assert export.pending_count(paired) == before
    assert export.export_history(paired) == []
    assert list(usb.iterdir()) == []
    monkeypatch.setattr(export, "atomic_write", atomic_write)
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as retried:
        click(qtbot, dialog.export_button)
    # A number is never used twice (issue 18): the failed attempt's is abandoned, and declared.
    assert retried.args[0].sequence == 2
    idle(qtbot)


def test_a_missing_folder_is_explained(qtbot: Any, tmp_path: Path, paired: Session) -> None:
    dialog = open_dialog(qtbot, paired, tmp_path / "not-there")
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(dialog.message.isVisible, timeout=10_000)
    assert "is not a folder" in dialog.message.text()
    idle(qtbot)


def test_cancel_writes_and_marks_nothing(qtbot: Any, tmp_path: Path, paired: Session) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = open_dialog(qtbot, paired, usb)
    gate = threading.Event()
    waiting = threading.Event()

    def gated(session: Session, folder: Path) -> Generator[Progress, None, ExportResult]:
        operation = export.export_bundle(session, folder)
        yield next(operation)
        waiting.set()
        gate.wait(10)  # held until the test has pressed Cancel
        return (yield from operation)

    dialog.export_operation = gated
    before = export.pending_count(paired)
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(dialog.cancel_button.isEnabled)
    qtbot.waitUntil(dialog.progress.isVisible)
    qtbot.waitUntil(waiting.is_set)
    click(qtbot, dialog.cancel_button)
    gate.set()
    qtbot.waitUntil(lambda: "cancelled" in dialog.status.text(), timeout=10_000)
    assert dialog.export_button.isEnabled()
    assert not dialog.progress.isVisible()
    idle(qtbot)
    assert list(usb.iterdir()) == []
    assert export.pending_count(paired) == before
    assert export.export_history(paired) == []


def test_the_last_export_folder_is_offered_next_time(
    qtbot: Any, tmp_path: Path, paired: Session
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    first = open_dialog(qtbot, paired, usb)
    with qtbot.waitSignal(first.exported, timeout=10_000):
        click(qtbot, first.export_button)
    idle(qtbot)
    first.close()
    again = open_dialog(qtbot, paired)
    qtbot.waitUntil(lambda: again.folder.text() == str(usb))
    idle(qtbot)


def test_the_export_says_the_smallest_group_and_warns_about_a_record_alone(
    qtbot: Any, tmp_path: Path, paired: Session
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    record_conversation(paired)
    record_conversation(paired, role_category="pharmacy")
    dialog = open_dialog(qtbot, paired, usb)
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as done:
        click(qtbot, dialog.export_button)
    result = done.args[0]
    idle(qtbot)
    check = result.reidentification
    assert check.smallest_group == 1
    text = dialog.status.text()
    assert f"has {check.smallest_group}." in text
    assert "smallest group of records sharing unit, role, week and kind of event" in text
    assert "the only one of their unit, role, week and kind of event" in text
    assert dialog.status.accessibleName() == text
