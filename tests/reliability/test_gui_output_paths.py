"""Issue 18, item 1(b), in the GUI: the Reports tab wrote wherever its path field said — the
store itself included. Now a path inside the data folder is refused with the message shown on
the tab, and the store is untouched (the file dialogs ask before replacing other files)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from tests.fakes import close_session, make_session
from ui.coordinator.reports_tab import ReportsTab


def test_the_reports_tab_refuses_to_write_over_the_store(qtbot: Any, tmp_path: Path) -> None:
    coord = make_session(tmp_path, role="coordinator")
    store = coord.workstation.home / "svdesk.db"
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    tab = ReportsTab(coord)
    qtbot.addWidget(tab)
    tab.show()
    tab.format.setCurrentIndex(tab.format.findData("csv"))
    tab.out_path.setText(str(store))
    tab.start_report()
    qtbot.waitUntil(tab.write_button.isEnabled, timeout=20_000)
    assert "inside the data folder" in tab.message.text()
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before
    close_session(coord)
