"""First run: create the store by keyboard, confirm the recovery code, land on home; without a
keyring, passphrase-only mode is offered openly and never chosen silently."""

from __future__ import annotations

import re

from fakes import MemorySecrets

from svdesk.access.workstation import Workstation
from ui.qt import QtCore, QtGui, QtWidgets
from ui.runtime import ops
from ui.shell.firstrun import FirstRunPage, last_group
from ui.shell.home import HomePage

NAME = "Sam R."
PASSPHRASE = "blue kettle morning walk"
CODE_SHAPE = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$")


def fill_form_by_keyboard(qtbot, page: FirstRunPage, passphrase2: str = PASSPHRASE) -> None:  # type: ignore[no-untyped-def]
    form = page.form
    qtbot.keyClicks(form.site, "NORTH")
    qtbot.keyClicks(form.unit, "ICU2")
    qtbot.keyClicks(form.admin_name, NAME)
    qtbot.keyClicks(form.passphrase.first, PASSPHRASE)
    qtbot.keyClicks(form.passphrase.second, passphrase2)


def test_first_run_by_keyboard_then_recovery_code_then_home(qtbot, open_window, tmp_path, kit):  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    window = open_window(home)
    page = window.page
    assert isinstance(page, FirstRunPage)
    assert window.windowTitle() == "svdesk"
    fill_form_by_keyboard(qtbot, page)
    assert "Strength" in page.form.passphrase.strength.text()

    qtbot.keyClick(page.form.passphrase.second, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.recovery is not None, timeout=20_000)
    assert Workstation.exists(home)
    recovery = page.recovery
    assert recovery is not None
    code = recovery.code_label.text()
    assert CODE_SHAPE.match(code), code
    # The passphrase form is gone from the window, not merely hidden.
    assert not any(PASSPHRASE in t for t in kit.label_texts(window))

    # Continue stays disabled until the code was noted; a wrong group does not count.
    assert not recovery.continue_button.isEnabled()
    wrong = "0000" if last_group(code) != "0000" else "1111"
    qtbot.keyClicks(recovery.confirm_field, wrong)
    qtbot.keyClick(recovery.confirm_field, QtCore.Qt.Key.Key_Return)
    assert window.page is page
    assert not recovery.continue_button.isEnabled()
    recovery.confirm_field.clear()
    qtbot.keyClicks(recovery.confirm_field, code.split("-")[-1].lower())
    assert recovery.continue_button.isEnabled()
    qtbot.keyClick(recovery.confirm_field, QtCore.Qt.Key.Key_Return)

    assert isinstance(window.page, HomePage)
    assert window.page.signed_in.text() == f"Signed in as {NAME}"
    assert window.session is not None
    assert window.session.supporter.is_admin
    # Shown once: the code is nowhere on screen any more.
    assert not any(code in t for t in kit.label_texts(window))
    info = window.session.workstation.info
    assert (info.role, info.site_code, info.unit_code, info.passphrase_only) == (
        "unit",
        "NORTH",
        "ICU2",
        False,
    )
    assert not window.passphrase_only_banner.isVisible()


def test_recovery_code_copy_and_written_down(qtbot, open_window, tmp_path):  # type: ignore[no-untyped-def]
    window = open_window(tmp_path / "home")
    page = window.page
    fill_form_by_keyboard(qtbot, page)
    page.form.create_button.click()
    qtbot.waitUntil(lambda: page.recovery is not None, timeout=20_000)
    recovery = page.recovery
    code = recovery.code_label.text()
    qtbot.mouseClick(recovery.copy_button, QtCore.Qt.MouseButton.LeftButton)
    assert QtGui.QGuiApplication.clipboard().text() == code
    qtbot.keyClick(recovery.written_down, QtCore.Qt.Key.Key_Space)
    assert recovery.written_down.isChecked()
    assert recovery.continue_button.isEnabled()
    qtbot.mouseClick(recovery.continue_button, QtCore.Qt.MouseButton.LeftButton)
    assert isinstance(window.page, HomePage)
    # A shared workstation must not keep the code in its clipboard.
    assert QtGui.QGuiApplication.clipboard().text() != code


def test_mismatched_passphrases_are_refused_in_place(qtbot, open_window, tmp_path):  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    window = open_window(home)
    page = window.page
    fill_form_by_keyboard(qtbot, page, passphrase2="blue kettle morning walks")
    qtbot.keyClick(page.form.passphrase.second, QtCore.Qt.Key.Key_Return)
    assert "not the same" in page.form.message.text()
    assert page.form.message.isVisible()
    assert not ops.busy()
    assert not Workstation.exists(home)


def test_short_passphrase_message_comes_from_the_core(qtbot, open_window, tmp_path):  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    window = open_window(home)
    page = window.page
    form = page.form
    qtbot.keyClicks(form.site, "NORTH")
    qtbot.keyClicks(form.unit, "ICU2")
    qtbot.keyClicks(form.admin_name, NAME)
    qtbot.keyClicks(form.passphrase.first, "short")
    assert form.passphrase.strength.text().startswith("Strength: very weak")
    qtbot.keyClicks(form.passphrase.second, "short")
    qtbot.keyClick(form.passphrase.second, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "too short" in form.message.text(), timeout=10_000)
    assert form.create_button.isEnabled()
    assert not Workstation.exists(home)


def test_no_keyring_offers_passphrase_only_mode_never_silently(qtbot, open_window, tmp_path):  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    secrets = MemorySecrets()
    secrets.failing = True
    window = open_window(home, secrets)
    page = window.page
    assert not page.form.keyring_box.isVisible()
    fill_form_by_keyboard(qtbot, page)
    qtbot.keyClick(page.form.passphrase.second, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(page.form.keyring_box.isVisible, timeout=10_000)
    assert "keyring" in page.form.keyring_reason.text()
    assert "not created" in page.form.message.text()
    assert not Workstation.exists(home)

    # Trying again without ticking the box is refused, not downgraded.
    page.form.create_button.click()
    assert "passphrases only" in page.form.message.text()
    assert not ops.busy()
    assert not Workstation.exists(home)

    qtbot.keyClick(page.form.passphrase_only, QtCore.Qt.Key.Key_Space)
    page.form.create_button.click()
    qtbot.waitUntil(lambda: page.recovery is not None, timeout=20_000)
    page.recovery.written_down.setChecked(True)
    page.recovery.continue_button.click()
    assert isinstance(window.page, HomePage)
    assert window.session.workstation.info.passphrase_only
    assert window.passphrase_only_banner.isVisible()
    assert secrets.values == {}


def test_first_run_controls_are_named(qtbot, open_window, tmp_path, kit):  # type: ignore[no-untyped-def]
    window = open_window(tmp_path / "home")
    page = window.page
    assert kit.unnamed_controls(window) == []
    fill_form_by_keyboard(qtbot, page)
    page.form.create_button.click()
    qtbot.waitUntil(lambda: page.recovery is not None, timeout=20_000)
    assert kit.unnamed_controls(window) == []
    assert page.recovery.code_label.accessibleName() == "Recovery code"
    labels = [
        w for w in window.findChildren(QtWidgets.QLabel) if w.buddy() is page.recovery.confirm_field
    ]
    assert labels, "the confirmation field has a label"
