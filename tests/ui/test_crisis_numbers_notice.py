"""The crisis-numbers file changed outside svdesk while locked (issue 13, item 8): the next
unlock says so above the page, without blocking the work, and locking removes the notice."""

from __future__ import annotations

from typing import Any

from svdesk.unit.directory import CRISIS_SNAPSHOT_NAME
from ui.qt import QtWidgets
from ui.shell.home import HomePage


def _notices(window: Any) -> list[QtWidgets.QWidget]:
    return [
        w for w in window.findChildren(QtWidgets.QWidget, "crisisNumbersWarning") if w.isVisible()
    ]


def _unlock(qtbot: Any, window: Any, kit: Any) -> None:
    kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)


def test_an_edited_crisis_file_is_reported_at_the_next_unlock(  # type: ignore[no-untyped-def]
    qtbot, open_window, store, kit
):
    window = open_window(store.home, store.secrets)
    _unlock(qtbot, window, kit)  # writes the snapshot and records its hash
    assert _notices(window) == []
    window.lock()
    path = store.home / CRISIS_SNAPSHOT_NAME
    assert path.exists()
    path.write_text('{"version": 1, "numbers": [{"code": "emergency", "label": "Emergency", '
                    '"phone": "555 0199"}]}', "utf-8")  # fmt: skip
    _unlock(qtbot, window, kit)
    qtbot.waitUntil(lambda: len(_notices(window)) == 1, timeout=10_000)
    (notice,) = _notices(window)
    assert "changed outside svdesk" in notice.heading.text()  # type: ignore[attr-defined]
    assert "Tell your unit admin" in notice.text.text()  # type: ignore[attr-defined]
    assert "555 0199" not in path.read_text("utf-8")  # rewritten from the store
    window.lock()
    assert _notices(window) == []
    _unlock(qtbot, window, kit)  # put back: nothing to report any more
    assert _notices(window) == []
