"""Unlock screen: right passphrase → home; wrong → message and a counted-down delay; recovery
code path; nothing of the store's content on screen; problems opening the store explained."""

from __future__ import annotations

from svdesk.access.workstation import Workstation
from ui.qt import QtCore, QtWidgets
from ui.runtime import ops
from ui.shell.home import HomePage
from ui.shell.problem import ProblemPage
from ui.shell.recovery import RecoveryDialog
from ui.shell.unlock import UnlockPage

NEW_PASSPHRASE = "green window seven apples"


class FakeClock:
    """Stands in for `Workstation.clock` so the unlock delay passes without waiting."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_unlock_with_the_right_passphrase_shows_home(qtbot, open_window, store, kit):  # type: ignore[no-untyped-def]
    window = open_window(store.home, store.secrets)
    page = window.page
    assert isinstance(page, UnlockPage)
    names = [page.supporter.itemText(i) for i in range(page.supporter.count())]
    assert names == [kit.ADMIN_NAME, kit.OTHER_NAME]
    kit.unlock_by_keyboard(qtbot, window, kit.OTHER_NAME, kit.OTHER_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    assert window.page.signed_in.text() == f"Signed in as {kit.OTHER_NAME}"
    assert window.windowTitle() == "svdesk"
    # Not an admin: no supporter management.
    assert not window.page.supporters_button.isVisible()


def test_wrong_passphrase_says_so_and_clears_the_field(qtbot, open_window, store, kit):  # type: ignore[no-untyped-def]
    window = open_window(store.home, store.secrets)
    kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, "not my passphrase")
    page = window.page
    qtbot.waitUntil(lambda: not ops.busy(), timeout=10_000)
    assert isinstance(window.page, UnlockPage)
    assert "not right" in page.message.text()
    assert page.message.isVisible()
    assert page.passphrase.text() == ""
    assert page.unlock_button.isEnabled()  # the first failure costs no delay


def test_growing_delay_is_counted_down_and_blocks_unlock(  # type: ignore[no-untyped-def]
    qtbot, open_window, store, kit, monkeypatch
):
    clock = FakeClock()
    monkeypatch.setattr(Workstation, "clock", staticmethod(clock))
    window = open_window(store.home, store.secrets)
    page = window.page
    for _ in range(2):
        kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, "not my passphrase")
        qtbot.waitUntil(lambda: not ops.busy(), timeout=10_000)
    assert "try again in 1 second" in page.message.text()
    assert not page.unlock_button.isEnabled()

    # Enter during the delay does not even try (nothing reaches the core).
    qtbot.keyClicks(page.passphrase, kit.ADMIN_PASSPHRASE)
    qtbot.keyClick(page.passphrase, QtCore.Qt.Key.Key_Return)
    assert not ops.busy()
    assert isinstance(window.page, UnlockPage)

    clock.now += 1.5
    qtbot.waitUntil(page.unlock_button.isEnabled, timeout=5_000)
    assert "try again now" in page.message.text()
    qtbot.keyClick(page.passphrase, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)


def test_third_failure_waits_longer(qtbot, open_window, store, kit, monkeypatch):  # type: ignore[no-untyped-def]
    clock = FakeClock()
    monkeypatch.setattr(Workstation, "clock", staticmethod(clock))
    window = open_window(store.home, store.secrets)
    page = window.page
    for attempt in range(3):
        kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, "not my passphrase")
        qtbot.waitUntil(lambda: not ops.busy(), timeout=10_000)
        if attempt < 2:
            clock.now += 1.01  # let the delay (none, then 1 s) pass
            qtbot.waitUntil(page.unlock_button.isEnabled, timeout=5_000)
    assert "try again in 2 seconds" in page.message.text()
    assert not page.unlock_button.isEnabled()


def test_delay_survives_a_restart(qtbot, open_window, store, kit, monkeypatch):  # type: ignore[no-untyped-def]
    clock = FakeClock()
    monkeypatch.setattr(Workstation, "clock", staticmethod(clock))
    window = open_window(store.home, store.secrets)
    for _ in range(2):
        kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, "not my passphrase")
        qtbot.waitUntil(lambda: not ops.busy(), timeout=10_000)
    window.shutdown()
    again = open_window(store.home, store.secrets)
    assert not again.page.unlock_button.isEnabled()
    assert "wrong passphrases" in again.page.message.text()


def test_unlock_screen_shows_nothing_of_the_content(qtbot, open_window, store, kit):  # type: ignore[no-untyped-def]
    window = open_window(store.home, store.secrets)
    page = window.page
    allowed_widgets = {page.supporter}
    texts = " ".join(kit.label_texts(window))
    for secret_ish in ("SITE1", "ICU", "Signed in", "Follow-ups", "Escalations"):
        assert secret_ish not in texts
    combos = [c for c in window.findChildren(QtWidgets.QComboBox) if c not in allowed_widgets]
    assert combos == []
    assert window.windowTitle() == "svdesk"
    assert kit.unnamed_controls(window) == []


def test_forgot_passphrase_with_recovery_code(qtbot, open_window, store, kit):  # type: ignore[no-untyped-def]
    window = open_window(store.home, store.secrets)
    page = window.page
    page.supporter.setCurrentIndex(page.supporter.findText(kit.OTHER_NAME))
    qtbot.mouseClick(page.forgot_button, QtCore.Qt.MouseButton.LeftButton)
    dialog = page.findChild(RecoveryDialog)
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.supporter.currentText() == kit.OTHER_NAME
    assert kit.unnamed_controls(dialog) == []
    qtbot.keyClicks(dialog.code, store.recovery_code.lower())
    qtbot.keyClicks(dialog.passphrase.first, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.second, NEW_PASSPHRASE)
    qtbot.keyClick(dialog.passphrase.second, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    assert window.page.signed_in.text() == f"Signed in as {kit.OTHER_NAME}"

    window.lock()
    kit.unlock_by_keyboard(qtbot, window, kit.OTHER_NAME, kit.OTHER_PASSPHRASE)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=10_000)
    assert isinstance(window.page, UnlockPage), "the old passphrase no longer opens the store"
    kit.unlock_by_keyboard(qtbot, window, kit.OTHER_NAME, NEW_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)


def test_wrong_recovery_code_is_refused_in_the_dialog(qtbot, open_window, store):  # type: ignore[no-untyped-def]
    window = open_window(store.home, store.secrets)
    dialog = window.page.open_recovery()
    qtbot.keyClicks(dialog.code, "0000-0000-0000-0000-0000")
    qtbot.keyClicks(dialog.passphrase.first, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.second, NEW_PASSPHRASE)
    qtbot.keyClick(dialog.passphrase.second, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=10_000)
    assert dialog.isVisible()
    assert "recovery code is not right" in dialog.message.text()
    qtbot.keyClick(dialog, QtCore.Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert isinstance(window.page, UnlockPage)


def test_passphrase_only_store_shows_its_banner(qtbot, open_window, tmp_path, kit):  # type: ignore[no-untyped-def]
    store = kit.make_store(tmp_path / "home", passphrase_only=True)
    window = open_window(store.home, store.secrets)
    assert isinstance(window.page, UnlockPage)
    assert window.passphrase_only_banner.isVisible()
    assert "Passphrase-only" in window.passphrase_only_banner.text()


def test_store_in_use_is_explained_and_retry_works(qtbot, open_window, store):  # type: ignore[no-untyped-def]
    other = store.workstation()  # another instance holds the data folder
    window = open_window(store.home, store.secrets)
    page = window.page
    assert isinstance(page, ProblemPage)
    assert "already running" in page.message.text()
    other.close()
    qtbot.keyClick(page.retry_button, QtCore.Qt.Key.Key_Space)
    assert isinstance(window.page, UnlockPage)


def test_missing_keyring_entry_is_explained(qtbot, open_window, store):  # type: ignore[no-untyped-def]
    store.secrets.values.clear()
    window = open_window(store.home, store.secrets)
    assert isinstance(window.page, ProblemPage)
    texts = " ".join(label.text() for label in window.findChildren(QtWidgets.QLabel))
    assert "device secret is missing" in texts
