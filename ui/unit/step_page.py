"""One step of the conversation as a page: its title, intent, what to say and avoid, tips, and
its question widgets (the window adds the extras of resources, disposition and record steps)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from ui.qt import QtCore, QtWidgets
from ui.widgets.directory_view import DirectoryView
from ui.widgets.question_widgets import QuestionWidget, make_question_widget

if TYPE_CHECKING:
    from svdesk.content.protocol.model import ProtocolStep
    from svdesk.unit.crisis_numbers import NumberedEntry


def _section(
    title: str, lines: Sequence[str], parent: QtWidgets.QWidget, *, quoted: bool = False
) -> QtWidgets.QLabel:
    """A heading and bullet lines as one label (so a screen reader reads it as one block)."""
    left, right = ("“", "”") if quoted else ("", "")
    items = "".join(f"<li>{left}{escape(line, quote=False)}{right}</li>" for line in lines)
    heading = escape(title, quote=False)
    label = QtWidgets.QLabel(f"<b>{heading}</b><ul style='margin-top:2px'>{items}</ul>", parent)
    label.setTextFormat(QtCore.Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAccessibleName(title)
    label.setAccessibleDescription(" ".join(lines))
    return label


class StepPage(QtWidgets.QWidget):
    """One step: title, intent, phrasings, what to avoid, tips, then its question widgets."""

    def __init__(
        self, step: ProtocolStep, parent: QtWidgets.QWidget | None = None, program_text: str = ""
    ) -> None:
        super().__init__(parent)
        self.step = step
        self.setObjectName(f"step:{step.id}")
        self.question_widgets: dict[str, QuestionWidget] = {}
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        title = QtWidgets.QLabel(f"{step.number}. {step.title}", self)
        title.setObjectName("stepTitle")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.4)
        title.setFont(font)
        title.setWordWrap(True)
        layout.addWidget(title)
        self.intent = QtWidgets.QLabel(str(step.intent), self)
        self.intent.setObjectName("stepIntent")
        self.intent.setWordWrap(True)
        self.intent.setAccessibleName(self.tr("What this step is for"))
        self.intent.setAccessibleDescription(str(step.intent))
        layout.addWidget(self.intent)
        # The program's own statement (e.g. confidentiality and its limits), as the unit admin
        # set it in the settings: what the supporter says in the program's words.
        self.program_text: QtWidgets.QLabel | None = None
        if program_text:
            self.program_text = QtWidgets.QLabel(program_text, self)
            self.program_text.setObjectName("programText")
            self.program_text.setWordWrap(True)
            self.program_text.setTextInteractionFlags(
                QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard
                | QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
            )
            self.program_text.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
            self.program_text.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
            self.program_text.setAccessibleName(self.tr("Your program's statement"))
            self.program_text.setAccessibleDescription(program_text)
            layout.addWidget(self.program_text)
        guidance = QtWidgets.QHBoxLayout()
        if step.phrasings:
            guidance.addWidget(
                _section(self.tr("You could say"), list(step.phrasings), self, quoted=True),
                1,
                QtCore.Qt.AlignmentFlag.AlignTop,
            )
        if step.avoid:
            avoid = _section(self.tr("Avoid saying"), list(step.avoid), self, quoted=True)
            avoid.setObjectName("stepAvoid")
            guidance.addWidget(avoid, 1, QtCore.Qt.AlignmentFlag.AlignTop)
        layout.addLayout(guidance)
        if step.tips:
            layout.addWidget(_section(self.tr("Tips"), list(step.tips), self))
        self.before_questions = QtWidgets.QVBoxLayout()
        layout.addLayout(self.before_questions)
        for question in step.questions:
            widget = make_question_widget(question, self)
            self.question_widgets[str(question.id)] = widget
            layout.addWidget(widget)
        self.extras = QtWidgets.QVBoxLayout()
        layout.addLayout(self.extras)
        layout.addStretch(1)

    def add_directory(self, entries: Sequence[NumberedEntry]) -> None:
        """A resources step's extra: the unit's directory, to hand over."""
        heading = QtWidgets.QLabel(self.tr("The unit's resource directory — hand these over"), self)
        heading.setObjectName("resourcesHeading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.extras.addWidget(heading)
        self.extras.addWidget(DirectoryView(entries, self))
