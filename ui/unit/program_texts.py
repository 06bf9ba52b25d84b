"""The unit's program texts (e.g. the confidentiality statement of the Frame step), edited by the
unit admin. Everyone else reads them. Keyboard: Tab moves between the text, "Reset to default"
and the buttons (Tab never inserts a tab in the text); Ctrl+Return saves.
"""

from __future__ import annotations

from svdesk.access.session import Session
from svdesk.content.program_texts import PROGRAM_TEXT_MAX
from svdesk.errors import SvdeskError
from svdesk.unit.context import UnitContext, context_for
from svdesk.unit.program_texts import UnitProgramText, program_texts, set_program_text
from ui.qt import QtGui, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.language import content_language
from ui.widgets.forms import FormMessage, explanation, push_button


class ProgramTextsDialog(QtWidgets.QDialog):
    """One editor per program text, with its title, what it is for and "Reset to default"."""

    #: a text id after it was saved
    text_saved = Signal(str)

    def __init__(
        self,
        session: Session | None,
        parent: QtWidgets.QWidget | None = None,
        *,
        ctx: UnitContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("programTextsDialog")
        self.setWindowTitle(self.tr("Program texts"))
        self.setMinimumWidth(640)
        if ctx is None:
            if session is None:
                raise TypeError("a session or a unit context is needed")
            ctx = context_for(session)
        self._ctx = ctx
        self.can_edit = bool(ctx.is_admin)
        self.texts: dict[str, UnitProgramText] = {
            t.id: t for t in program_texts(ctx, content_language())
        }
        self.editors: dict[str, QtWidgets.QPlainTextEdit] = {}
        self.reset_buttons: dict[str, object] = {}

        layout = QtWidgets.QVBoxLayout(self)
        intro = (
            self.tr(
                "What your program says in its own words. Supporters see these texts in the "
                "conversation. Write what your policy and your local law require; keep it true "
                "to what the app records."
            )
            if self.can_edit
            else self.tr(
                "What your program says in its own words. Only a unit admin can change them; "
                "ask your unit admin."
            )
        )
        layout.addWidget(explanation(intro))
        for text in self.texts.values():
            title = QtWidgets.QLabel(f"<b>{text.title}</b>")
            layout.addWidget(title)
            if text.help:
                layout.addWidget(explanation(text.help))
            editor = QtWidgets.QPlainTextEdit(text.text)
            editor.setObjectName(f"programText:{text.id}")
            editor.setTabChangesFocus(True)
            editor.setReadOnly(not self.can_edit)
            editor.setAccessibleName(text.title)
            editor.setMinimumHeight(220)
            title.setBuddy(editor)
            layout.addWidget(editor)
            self.editors[text.id] = editor
            if self.can_edit:
                reset = push_button(
                    self.tr("&Reset to default"), object_name=f"resetProgramText:{text.id}"
                )
                reset.setAutoDefault(False)
                reset.clicked.connect(lambda _=False, tid=text.id: self.reset(tid))
                layout.addWidget(reset)
                self.reset_buttons[text.id] = reset
        self.message = FormMessage(self)
        layout.addWidget(self.message)
        buttons = (
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
            if self.can_edit
            else QtWidgets.QDialogButtonBox.StandardButton.Close
        )
        self.buttons = QtWidgets.QDialogButtonBox(buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if self.can_edit:
            shortcut = QtGui.QShortcut(QtGui.QKeySequence("Ctrl+Return"), self)
            shortcut.activated.connect(self.save)
        first = next(iter(self.editors.values()), None)
        if first is not None:
            first.setFocus()

    def reset(self, text_id: str) -> None:
        """Put the default wording back in the editor (saved with Save)."""
        self.editors[text_id].setPlainText(self.texts[text_id].default)

    def save(self) -> None:
        if not self.can_edit:
            self.accept()
            return
        try:
            for text_id, editor in self.editors.items():
                wording = editor.toPlainText()
                if len(wording) > PROGRAM_TEXT_MAX:
                    editor.setFocus()
                if wording.strip() == self.texts[text_id].text.strip():
                    continue
                self.texts[text_id] = set_program_text(
                    self._ctx, text_id, wording, content_language()
                )
                self.text_saved.emit(text_id)
        except SvdeskError as exc:
            self.message.show_message(exc.message)
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.accept()
