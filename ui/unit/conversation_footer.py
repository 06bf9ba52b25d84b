"""The conversation's controls: the footer (Back and Next, the "Saved" indicator, Discard and
Complete), the Crisis button of its header, and the confirmation before a draft is discarded."""

from __future__ import annotations

from datetime import datetime

from ui.qt import QtCore, QtWidgets

SAVED_STYLE = "color: #3a6b3a;"
UNSAVED_STYLE = "color: #a00000; font-weight: bold;"


class ConversationFooter(QtWidgets.QWidget):
    """The buttons along the bottom of a conversation; the window connects them."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationFooter")
        self.back_button = QtWidgets.QPushButton(self.tr("← &Back"), self)
        self.back_button.setAccessibleName(self.tr("Previous step"))
        self.back_button.setToolTip(self.tr("Previous step (Alt+Left or Page Up)"))
        self.next_button = QtWidgets.QPushButton(self.tr("&Next →"), self)
        self.next_button.setAccessibleName(self.tr("Next step"))
        self.next_button.setToolTip(self.tr("Next step (Alt+Right or Page Down)"))
        self.saved_label = QtWidgets.QLabel(self)
        self.saved_label.setObjectName("savedIndicator")
        self.saved_label.setAccessibleName(self.tr("Save status"))
        self.saved_label.setStyleSheet(SAVED_STYLE)
        self.discard_button = QtWidgets.QPushButton(self.tr("&Discard draft…"), self)
        self.discard_button.setAccessibleName(self.tr("Discard this draft"))
        self.complete_button = QtWidgets.QPushButton(self.tr("Co&mplete conversation"), self)
        self.complete_button.setObjectName("completeButton")
        self.complete_button.setAccessibleName(
            self.tr("Complete the conversation and save the record")
        )
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.back_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.saved_label, 1)
        layout.addWidget(self.discard_button)
        layout.addWidget(self.complete_button)

    def show_saved(self) -> None:
        """The store acknowledged the last change."""
        self.saved_label.setText(
            "✓ " + self.tr("Saved {time}").format(time=datetime.now().strftime("%H:%M:%S"))
        )
        self.saved_label.setStyleSheet(SAVED_STYLE)
        self.saved_label.setAccessibleDescription(self.saved_label.text())

    def show_unsaved(self) -> None:
        """The last change could not be saved (the window says why)."""
        self.saved_label.setText("✖ " + self.tr("Not saved"))
        self.saved_label.setStyleSheet(UNSAVED_STYLE)
        self.saved_label.setAccessibleDescription(self.saved_label.text())


def crisis_button(parent: QtWidgets.QWidget, key: str) -> QtWidgets.QPushButton:
    """The red Crisis button, always in sight at the top of a conversation (`key` opens it too)."""
    button = QtWidgets.QPushButton(parent.tr("⚠ &Crisis"), parent)
    button.setObjectName("crisisButton")
    button.setAccessibleName(parent.tr("Crisis: what to do now"))
    button.setToolTip(parent.tr("Open the crisis screen ({key})").format(key=key))
    button.setStyleSheet(
        # A border unfocused too: one added only on focus eats into (and clips) the text.
        "QPushButton#crisisButton { background: #8b0000; color: white; font-weight: bold;"
        " padding: 6px 14px; border: 3px solid #8b0000; border-radius: 4px; }"
        "QPushButton#crisisButton:focus { border-color: #f2b632; }"
    )
    button.setMinimumWidth(button.sizeHint().width() + 28)
    # Reachable by Tab, Alt+C and Ctrl+E, but never the default: a click elsewhere, a step
    # change or Enter must not land on it (issue 17, item 6).
    button.setFocusPolicy(QtCore.Qt.FocusPolicy.TabFocus)
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


def discard_confirmation(
    parent: QtWidgets.QWidget,
) -> tuple[QtWidgets.QMessageBox, QtWidgets.QAbstractButton]:
    """ "Discard this draft?" with Keep as the default; returns the box and its Discard button."""
    box = QtWidgets.QMessageBox(parent)
    box.setObjectName("discardConfirm")
    box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
    box.setWindowTitle(parent.tr("Discard this draft?"))
    box.setText(parent.tr("Discard this draft?"))
    box.setInformativeText(
        parent.tr("All answers of this conversation will be deleted. This cannot be undone.")
    )
    discard = box.addButton(
        parent.tr("Discard draft"), QtWidgets.QMessageBox.ButtonRole.DestructiveRole
    )
    keep = box.addButton(parent.tr("Keep it"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
    discard.setObjectName("discardDraft")
    discard.setAccessibleName(discard.text())
    keep.setAccessibleName(keep.text())
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    return box, discard
