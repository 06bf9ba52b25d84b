"""Small form pieces the screens share: labelled rows (label buddy + accessible name), the
passphrase pair with its live strength hint, the message line under a form, the supporter picker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from svdesk.access.passphrase import passphrase_strength
from svdesk.access.store_info import SupporterInfo
from ui.qt import QtCore, QtGui, QtWidgets, Signal


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("forms", text)


def fill_supporters(combo: QtWidgets.QComboBox, supporters: list[SupporterInfo]) -> None:
    """The supporters by name (their ids as item data), for the unlock and recovery forms."""
    combo.clear()
    for info in sorted(supporters, key=lambda s: s.name.casefold()):
        combo.addItem(info.name, info.id)


def plain(text: str) -> str:
    """A label text without its mnemonic ampersand, for accessible names."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":")


def add_row(form: QtWidgets.QFormLayout, text: str, field: QtWidgets.QWidget) -> QtWidgets.QLabel:
    """A form row whose label is the field's buddy and whose text is its accessible name."""
    label = QtWidgets.QLabel(text)
    label.setBuddy(field)
    form.addRow(label, field)
    if not field.accessibleName():
        field.setAccessibleName(plain(text))
    return label


W = TypeVar("W", bound=QtWidgets.QWidget)


def named(widget: W, name: str, description: str = "") -> W:
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def push_button(
    text: str, *, name: str | None = None, object_name: str = ""
) -> QtWidgets.QPushButton:
    button = QtWidgets.QPushButton(text)
    button.setAccessibleName(name or plain(text))
    if object_name:
        button.setObjectName(object_name)
    return button


def page_title(text: str) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setObjectName("pageTitle")
    label.setAccessibleName(plain(text))
    label.setWordWrap(True)
    return label


def explanation(text: str) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    return label


class FormMessage(QtWidgets.QLabel):
    """The line under a form that says what went wrong (read by screen readers when it changes)."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formMessage")
        self.setWordWrap(True)
        self.setAccessibleName(_tr("Message"))
        self.hide()

    def show_message(self, text: str) -> None:
        """A problem (dark red, the default)."""
        self._show(text, "problem")

    def show_success(self, text: str) -> None:
        """Something done: dark green and marked "✓", so that it never reads as a problem (and
        not by colour alone)."""
        self._show(f"✓ {text}" if text else "", "success")

    def show_progress(self, text: str) -> None:
        """Work under way (neutral)."""
        self._show(text, "progress")

    def kind(self) -> str:
        return str(self.property("kind") or "problem")

    def _show(self, text: str, kind: str) -> None:
        # Plain text (a message may quote a name or a file), set with the text rather than when
        # the empty line is made: the unlock screen is painted without Qt's namespace (ui/qt.py).
        self.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        if self.property("kind") != kind:
            self.setProperty("kind", kind)
            self.style().unpolish(self)
            self.style().polish(self)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))
        if text and QtGui.QAccessible.isActive():
            # Screen readers do not watch labels: say the news out loud.
            QtGui.QAccessible.updateAccessibility(QtGui.QAccessibleAnnouncementEvent(self, text))

    def clear_message(self) -> None:
        self.show_message("")


STRENGTH_WORDS = ("very weak", "weak", "fair", "good", "strong")


def strength_text(passphrase: str) -> str:
    if not passphrase:
        return ""
    score, hint = passphrase_strength(passphrase)
    score = max(0, min(4, int(score)))
    word = _tr(STRENGTH_WORDS[score])
    hint = _tr(hint)
    if hint.casefold().startswith(word.casefold()):
        return _tr("Strength: {hint}").format(hint=hint)
    return _tr("Strength: {word}. {hint}").format(word=word, hint=hint).strip()


def password_field(accessible_name: str) -> QtWidgets.QLineEdit:
    field = QtWidgets.QLineEdit()
    # Password mode keeps passphrases out of the clipboard and of input-method learning: Qt sets
    # the hidden-text, sensitive-data and no-prediction input-method hints with it (a test checks).
    field.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    return field


class PassphrasePair(QtCore.QObject):
    """New passphrase twice, with a live strength hint; `value()` is None until both match."""

    changed = Signal()
    submitted = Signal()

    def __init__(
        self,
        form: QtWidgets.QFormLayout,
        first_label: str,
        second_label: str,
        parent: QtCore.QObject,
    ) -> None:
        super().__init__(parent)
        self.first = password_field(plain(first_label))
        self.second = password_field(plain(second_label))
        self.strength = QtWidgets.QLabel()
        self.strength.setObjectName("passphraseStrength")
        self.strength.setWordWrap(True)
        self.strength.setAccessibleName(_tr("Passphrase strength"))
        # Room for two lines from the start: the hint appears while typing without the form
        # jumping or a dialog clipping it.
        self.strength.setMinimumHeight(self.strength.fontMetrics().lineSpacing() * 2 + 4)
        self.strength.setAlignment(
            QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop
        )
        add_row(form, first_label, self.first)
        form.addRow("", self.strength)
        add_row(form, second_label, self.second)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self.first.returnPressed.connect(self.submitted)
        self.second.returnPressed.connect(self.submitted)

    def _update(self) -> None:
        text = strength_text(self.first.text())
        self.strength.setText(text)
        self.first.setAccessibleDescription(text)
        self.changed.emit()

    def problem(self) -> str | None:
        """What is wrong with the pair, in one sentence, or None."""
        if not self.first.text():
            return _tr("Choose a passphrase.")
        if self.first.text() != self.second.text():
            return _tr("The two passphrases are not the same; type them again.")
        return None

    def value(self) -> str | None:
        return None if self.problem() else self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def set_enabled(self, enabled: bool) -> None:
        self.first.setEnabled(enabled)
        self.second.setEnabled(enabled)


ERROR_STYLE = "color: #a00000;"


def field_error(object_name: str) -> QtWidgets.QLabel:
    """A hidden plain-text label under a field, shown with what is wrong with that field."""
    error = QtWidgets.QLabel()
    error.setObjectName(object_name)
    error.setWordWrap(True)
    error.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    error.setStyleSheet(ERROR_STYLE)
    error.hide()
    return error


def editor_buttons(
    dialog: QtWidgets.QDialog, *, can_save: bool, on_save: Callable[[], None]
) -> QtWidgets.QDialogButtonBox:
    """An editor dialog's buttons: Save (the default, Alt+S) and Cancel for someone who may change
    it; only Close for someone who may only read it."""
    if can_save:
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
        save.setText(_tr("&Save"))
        save.setDefault(True)
        buttons.accepted.connect(on_save)
    else:
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    return buttons
