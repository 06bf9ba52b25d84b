"""Issue 18, item 5, in the GUI: a FIFO typed as the coordinator card in the pairing dialog was
opened on the app's one background worker, which then waited for a writer for good — every
later background step (saves of settings, exports, the lock's wait) queued behind it. Now the
card is read through svdesk/storage/inputs.py and the FIFO is refused at once, on the dialog."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from svdesk.access.session import Session
from svdesk.unit import export
from tests.fakes import close_session, make_session
from ui.qt import QtCore
from ui.runtime import ops
from ui.unit.pairing import PairingDialog

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")


@pytest.fixture
def unit(tmp_path: Path) -> Iterator[Session]:
    session = make_session(tmp_path)
    yield session
    close_session(session)


def _release(fifo: Path) -> None:
    """If a reader is stuck in open(), give it a writer (and at once end of file), so that the
    old code's blocked worker ends and the suite goes on; with no reader this does nothing."""
    with contextlib.suppress(OSError):
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def test_a_fifo_as_the_card_is_refused_without_holding_the_worker(
    qtbot: Any, tmp_path: Path, unit: Session
) -> None:
    fifo = tmp_path / "card.json"
    os.mkfifo(fifo)
    dialog = PairingDialog(unit)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    dialog.card_path.setText(str(fifo))
    qtbot.keyClick(dialog.card_path, QtCore.Qt.Key.Key_Return)
    try:
        qtbot.waitUntil(lambda: "named pipe (FIFO)" in dialog.message.text(), timeout=10_000)
        assert not ops.busy()  # the worker is free for what comes next
    finally:
        _release(fifo)
        qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    assert "give the coordinator card file itself" in dialog.message.text()
    assert not dialog.matches.isEnabled()
    assert not dialog.pair_button.isEnabled()
    assert export.paired_card(unit) is None
