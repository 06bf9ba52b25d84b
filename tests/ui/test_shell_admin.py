"""Admin paths and edges of the shell: resetting a supporter's passphrase, a new recovery code,
recovering a lost keyring entry, the idle lock over the first-run recovery code, keyboard order,
the demo banner and the `svdesk gui` entry point."""

from __future__ import annotations

import pytest

from svdesk.access.workstation import Workstation
from ui.qt import QtCore, QtWidgets
from ui.runtime import ops
from ui.shell.firstrun import FirstRunPage
from ui.shell.home import HomePage
from ui.shell.main_window import MainWindow
from ui.shell.passphrase_dialogs import NewRecoveryCodeDialog, ResetPassphraseDialog
from ui.shell.problem import ProblemPage
from ui.shell.recovery import KeyringRecoveryDialog
from ui.shell.unlock import UnlockPage

NEW_PASSPHRASE = "yellow harbour evening tide"


@pytest.fixture
def unlocked(qtbot, open_window, store, kit) -> MainWindow:  # type: ignore[no-untyped-def]
    window = open_window(store.home, store.secrets)
    kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    # The unlock's retention purge runs on the worker: let it end, so that a test's own
    # background work (and ops.busy()) is not raced by it.
    qtbot.waitUntil(lambda: window.retention_op is not None and window.retention_op.done)
    return window


def test_admin_resets_another_supporters_passphrase(qtbot, unlocked, kit):  # type: ignore[no-untyped-def]
    dialog = unlocked.open_supporters()
    dialog.list.setCurrentRow(0)  # Alex, oneself
    assert not dialog.reset_button.isEnabled()
    dialog.list.setCurrentRow(1)  # Blake
    qtbot.mouseClick(dialog.reset_button, QtCore.Qt.MouseButton.LeftButton)
    reset = dialog.findChild(ResetPassphraseDialog)
    assert reset is not None
    assert kit.unnamed_controls(reset) == []
    qtbot.keyClicks(reset.passphrase.first, NEW_PASSPHRASE)
    qtbot.keyClicks(reset.passphrase.second, NEW_PASSPHRASE)
    with qtbot.waitSignal(reset.accepted, timeout=10_000):
        qtbot.keyClick(reset.passphrase.second, QtCore.Qt.Key.Key_Return)
    assert "Blake has a new passphrase." in dialog.message.text()

    unlocked.lock()
    kit.unlock_by_keyboard(qtbot, unlocked, kit.OTHER_NAME, NEW_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(unlocked.page, HomePage), timeout=10_000)


def test_new_recovery_code_is_shown_once_and_replaces_the_old(  # type: ignore[no-untyped-def]
    qtbot, unlocked, store, kit
):
    supporters = unlocked.open_supporters()
    qtbot.mouseClick(supporters.recovery_button, QtCore.Qt.MouseButton.LeftButton)
    dialog = supporters.findChild(NewRecoveryCodeDialog)
    assert dialog is not None
    assert kit.unnamed_controls(dialog) == []
    qtbot.keyClick(dialog, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.step is not None, timeout=10_000)
    code = dialog.step.code_label.text()
    assert code != store.recovery_code
    assert not dialog.step.continue_button.isEnabled()
    qtbot.keyClicks(dialog.step.confirm_field, code.split("-")[-1])
    with qtbot.waitSignal(dialog.accepted, timeout=1_000):
        qtbot.keyClick(dialog.step.confirm_field, QtCore.Qt.Key.Key_Return)

    unlocked.lock()
    recovery = unlocked.page.open_recovery()
    qtbot.keyClicks(recovery.code, store.recovery_code)
    qtbot.keyClicks(recovery.passphrase.first, NEW_PASSPHRASE)
    qtbot.keyClicks(recovery.passphrase.second, NEW_PASSPHRASE)
    qtbot.keyClick(recovery.passphrase.second, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=10_000)
    assert "recovery code is not right" in recovery.message.text()
    recovery.code.clear()
    qtbot.keyClicks(recovery.code, code)
    qtbot.keyClick(recovery.passphrase.second, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(unlocked.page, HomePage), timeout=10_000)


def test_lost_keyring_entry_is_recovered_with_the_recovery_code(  # type: ignore[no-untyped-def]
    qtbot, open_window, store, kit
):
    store.secrets.values.clear()  # e.g. the OS account's keyring was reset
    window = open_window(store.home, store.secrets)
    page = window.page
    assert isinstance(page, ProblemPage)
    assert page.recovery_button.isVisible()
    qtbot.mouseClick(page.recovery_button, QtCore.Qt.MouseButton.LeftButton)
    dialog = window.findChild(KeyringRecoveryDialog)
    assert dialog is not None
    assert kit.unnamed_controls(dialog) == []
    dialog.supporter.setCurrentIndex(dialog.supporter.findText(kit.ADMIN_NAME))
    qtbot.keyClicks(dialog.code, store.recovery_code)
    qtbot.keyClicks(dialog.passphrase.first, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.second, NEW_PASSPHRASE)
    qtbot.keyClick(dialog.passphrase.second, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    assert store.secrets.values, "a new device secret is in the keyring"

    # Blake needs an admin now; the supporters list says so.
    supporters = window.open_supporters()
    listed = [supporters.list.item(i).text() for i in range(supporters.list.count())]
    assert listed == ["Alex (admin, you)", "Blake (needs a new passphrase)"]


def test_keyring_recovery_is_not_offered_for_other_problems(qtbot, open_window, store):  # type: ignore[no-untyped-def]
    other = store.workstation()
    try:
        window = open_window(store.home, store.secrets)
        assert isinstance(window.page, ProblemPage)
        assert not window.page.recovery_button.isVisible()
    finally:
        other.close()


def test_idle_lock_guards_the_recovery_code_at_first_run(qtbot, open_window, tmp_path):  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    window = open_window(home)
    page = window.page
    form = page.form
    for field, text in (
        (form.site, "NORTH"),
        (form.unit, "ICU2"),
        (form.admin_name, "Sam R."),
        (form.passphrase.first, NEW_PASSPHRASE),
        (form.passphrase.second, NEW_PASSPHRASE),
    ):
        qtbot.keyClicks(field, text)
    qtbot.keyClick(form.passphrase.second, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.recovery is not None, timeout=20_000)
    code = page.recovery.code_label.text()
    assert window.idle_lock.armed
    window.apply_lock_minutes(0.003)
    qtbot.waitUntil(lambda: isinstance(window.page, UnlockPage), timeout=5_000)
    texts = [label.text() for label in window.findChildren(QtWidgets.QLabel)]
    assert not any(code in t for t in texts)
    assert window.findChildren(FirstRunPage) == []
    assert Workstation.exists(home)


def test_first_run_tab_order_follows_the_form(qtbot, open_window, tmp_path):  # type: ignore[no-untyped-def]
    window = open_window(tmp_path / "home")
    form = window.page.form
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is form.site, timeout=2_000)
    order = [form.site]
    for _ in range(4):
        qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key.Key_Tab)
        order.append(QtWidgets.QApplication.focusWidget())
    assert order == [
        form.site,
        form.unit,
        form.admin_name,
        form.passphrase.first,
        form.passphrase.second,
    ]


def test_unlock_tab_order(qtbot, open_window, store):  # type: ignore[no-untyped-def]
    window = open_window(store.home, store.secrets)
    page = window.page
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is page.passphrase, timeout=2_000)
    qtbot.keyClick(page.passphrase, QtCore.Qt.Key.Key_Tab)
    assert QtWidgets.QApplication.focusWidget() is page.unlock_button
    qtbot.keyClick(page.unlock_button, QtCore.Qt.Key.Key_Tab)
    assert QtWidgets.QApplication.focusWidget() is page.forgot_button


def test_demo_banner(qtbot, open_window, store):  # type: ignore[no-untyped-def]
    window = open_window(store.home, store.secrets, demo_banner="Demo store: synthetic data only")
    assert window.demo_banner.isVisible()
    assert window.demo_banner.text() == "Demo store: synthetic data only"
    plain = open_window(store.home.parent / "other", store.secrets)
    assert not plain.demo_banner.isVisible()


def test_no_command_runs_the_gui_on_the_home(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    import ui.runtime.app
    from svdesk_app.main import main

    calls = []

    def run_gui(home, *, demo_banner=None):  # type: ignore[no-untyped-def]
        calls.append((home, demo_banner))
        return 0

    monkeypatch.setattr(ui.runtime.app, "run_gui", run_gui)
    assert main(["--home", str(tmp_path)]) == 0
    assert calls == [(tmp_path, None)]


def test_locking_takes_a_copied_recovery_code_out_of_the_clipboard(qtbot, unlocked):  # type: ignore[no-untyped-def]
    from ui.qt import QtGui

    supporters = unlocked.open_supporters()
    dialog = supporters.open_new_recovery_code()
    qtbot.keyClick(dialog, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.step is not None, timeout=10_000)
    code = dialog.step.code_label.text()
    qtbot.mouseClick(dialog.step.copy_button, QtCore.Qt.MouseButton.LeftButton)
    assert QtGui.QGuiApplication.clipboard().text() == code
    unlocked.lock()
    assert QtGui.QGuiApplication.clipboard().text() != code


def test_locking_before_the_code_is_painted_still_clears_the_clipboard(qtbot, unlocked):  # type: ignore[no-untyped-def]
    # The step joins a shown dialog, so Qt shows it by a queued call; a lock that comes before
    # that call never hides the step itself (the race behind a flaky CI run).
    from ui.qt import QtGui

    supporters = unlocked.open_supporters()
    dialog = supporters.open_new_recovery_code()
    dialog._show_code("ABCD-EFGH-JKMN-PQRS-TVWX")
    assert dialog.step is not None
    assert not dialog.step.isVisible()
    dialog.step.copy_button.click()
    assert QtGui.QGuiApplication.clipboard().text() == "ABCD-EFGH-JKMN-PQRS-TVWX"
    unlocked.lock()
    assert QtGui.QGuiApplication.clipboard().text() == ""


def test_keyring_recovery_is_not_offered_when_no_keyring_can_hold_a_secret(  # type: ignore[no-untyped-def]
    qtbot, open_window, store
):
    from keyring.backends.fail import Keyring as NoKeyring

    from svdesk.keys.keyring import KeyringSecrets

    window = open_window(store.home, KeyringSecrets(NoKeyring()))
    page = window.page
    assert isinstance(page, ProblemPage)
    assert not page.recovery_button.isVisible()
    assert "cannot be used" in " ".join(
        label.text() for label in page.findChildren(QtWidgets.QLabel)
    )
