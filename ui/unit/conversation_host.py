"""The conversation as a window of its own beside the main window, and the note shown when a
conversation is completed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from svdesk.content.record_fields import load_record_vocabulary
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime.language import content_language
from ui.runtime.shortcuts import LOCK_SHORTCUT
from ui.unit.conversation import ConversationWindow
from ui.unit.feedback_code import add_offer_button
from ui.widgets.escalation_banner import level_label

if TYPE_CHECKING:
    from svdesk.access.session import Session
    from svdesk.unit.records import Encounter


class ConversationHost(QtWidgets.QMainWindow):
    """The conversation as a window of its own beside the main window. A QMainWindow so that
    the main window's lock closes it like every other window; its title says nothing about the
    case (a shared screen)."""

    lock_requested = Signal()

    def __init__(
        self, conversation: ConversationWindow, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conversationHost")
        self.setWindowFlag(QtCore.Qt.WindowType.Window, True)
        self.setWindowTitle(self.tr("svdesk — support conversation"))
        self.setAccessibleName(self.windowTitle())
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.conversation = conversation
        conversation.hosted = True
        self.setCentralWidget(conversation)
        lock = QtGui.QAction(self.tr("Lock"), self)
        lock.setShortcut(QtGui.QKeySequence(LOCK_SHORTCUT))
        lock.setShortcutContext(QtCore.Qt.ShortcutContext.WindowShortcut)
        lock.triggered.connect(self.lock_requested)
        self.addAction(lock)
        conversation.completed.connect(lambda _e: self.close())
        conversation.discarded.connect(lambda _d: self.close())
        self.resize(*host_size(self))


#: What the conversation window would like: room for the rail, the step and the cards.
PREFERRED_SIZE = (1280, 860)


def host_size(window: QtWidgets.QWidget) -> tuple[int, int]:
    """`PREFERRED_SIZE`, shrunk to the free area of the screen the window opens on (a 1366×768
    workstation leaves about 1366×730 after its panel): never taller or wider than the screen."""
    screen = window.screen() or QtGui.QGuiApplication.primaryScreen()
    width, height = PREFERRED_SIZE
    if screen is None:
        return width, height
    free = screen.availableGeometry()
    # the title bar and frame are not part of resize(): keep 40 px for them
    return min(width, free.width()), min(height, max(400, free.height() - 40))


def completed_message(
    parent: QtWidgets.QWidget, encounter: Encounter, session: Session | None = None
) -> QtWidgets.QMessageBox:
    """A short, non-blocking confirmation after completion: what was kept and what follows;
    with `session`, a button that offers the colleague a feedback code (ui/unit/feedback_code)."""
    plans = load_record_vocabulary(language=content_language()).field("followup_plan")
    plan = plans.label_of(encounter.followup_plan or "none")
    level = encounter.escalation_level
    box = QtWidgets.QMessageBox(parent)
    box.setObjectName("conversationCompleted")
    box.setIcon(QtWidgets.QMessageBox.Icon.Information)
    box.setWindowTitle(QtCore.QCoreApplication.translate("Conversation", "Conversation completed"))
    box.setText(QtCore.QCoreApplication.translate("Conversation", "The record is saved."))
    info = QtCore.QCoreApplication.translate(
        "Conversation", "Escalation: {level}. {field}: {plan}."
    ).format(level=level_label(level), field=plans.label, plan=plan)
    if level != "tier2":
        info += " " + QtCore.QCoreApplication.translate(
            "Conversation", "It is in the unit's escalation queue."
        )
    box.setInformativeText(info)
    box.setAccessibleName(box.windowTitle())
    box.setAccessibleDescription(info)
    box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    if session is not None:
        box.addButton(QtWidgets.QMessageBox.StandardButton.Ok)
        add_offer_button(box, session)
    box.open()
    return box
