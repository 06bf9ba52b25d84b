"""Widgets generated from protocol questions (bool, choice, multi, int, scale).

Absent is never "no": every widget has an explicit "not asked" / "unknown" state whose value is
`None`, and `None` is what the conversation receives when the supporter goes back to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.qt import QtCore, QtGui, QtWidgets, Signal

if TYPE_CHECKING:
    from svdesk.content.protocol.model import Question

# Up to this many options a choice is a row of radio buttons; more go in a combo box.
MAX_RADIO_OPTIONS = 6


class _WheelOnlyWhenFocused(QtCore.QObject):
    """Event filter: a wheel turned over a control that does not have the keyboard focus scrolls
    the page instead of changing (and saving) the answer (issue 17, item 1)."""

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if (
            event.type() == QtCore.QEvent.Type.Wheel
            and isinstance(watched, QtWidgets.QWidget)
            and not watched.hasFocus()
        ):
            event.ignore()  # not accepted: Qt passes it on to the parent (the scroll area)
            return True  # ... and not to the control itself
        return False


class _ArrowsChoose(QtCore.QObject):
    """Event filter on a question's radio buttons: every arrow key chooses — Down and Right the
    next choice, Up and Left the one before — whether the row is laid out across or down (Qt
    only moves to a button lying in the arrow's direction)."""

    def __init__(self, question: RadioQuestion) -> None:
        super().__init__(question)
        self._question = question

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() != QtCore.QEvent.Type.KeyPress or not isinstance(event, QtGui.QKeyEvent):
            return False
        step = {
            QtCore.Qt.Key.Key_Down: 1,
            QtCore.Qt.Key.Key_Right: 1,
            QtCore.Qt.Key.Key_Up: -1,
            QtCore.Qt.Key.Key_Left: -1,
        }.get(QtCore.Qt.Key(event.key()))
        if step is None or event.modifiers() & ~QtCore.Qt.KeyboardModifier.KeypadModifier:
            return False
        buttons = self._question._group.buttons()
        if watched not in buttons:
            return False
        index = buttons.index(watched)
        # From an unanswered question ("Not asked" is checked, the first choice has the focus)
        # Down takes the focused choice's neighbour, as from any other choice.
        target = buttons[max(0, min(len(buttons) - 1, index + step))]
        target.setFocus(QtCore.Qt.FocusReason.TabFocusReason)
        target.setChecked(True)
        return True


def ignore_wheel_unless_focused(control: QtWidgets.QWidget) -> None:
    """Let the wheel change `control` only while it has the focus; Tab or a click gives it
    (StrongFocus: no focus by wheel either)."""
    control.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
    guard = _WheelOnlyWhenFocused(control)
    control.installEventFilter(guard)


class QuestionWidget(QtWidgets.QGroupBox):
    """Base: a titled group holding the controls of one question."""

    value_changed = Signal(str, object)  # question id, new value (None = not asked / unknown)

    def __init__(self, question: Question, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.qid: str = question.id
        self.setObjectName(f"question:{question.id}")
        title = str(question.label)
        if question.required:
            title += " " + self.tr("(required)")
        # The question is a wrapped label, not the group box title: a title never wraps, and a
        # long question would make the whole page wider than the window.
        self.label_text = title
        self.setAccessibleName(title)
        help_text = question.help
        if help_text:
            self.setAccessibleDescription(help_text)
            self.setToolTip(help_text)
        self._layout = QtWidgets.QVBoxLayout(self)
        self._layout.setContentsMargins(8, 6, 8, 4)
        self.question_label = QtWidgets.QLabel(title, self)
        self.question_label.setObjectName("questionLabel")
        self.question_label.setWordWrap(True)
        font = self.question_label.font()
        font.setBold(True)
        self.question_label.setFont(font)
        self._layout.addWidget(self.question_label)
        if help_text:
            help_label = QtWidgets.QLabel(help_text, self)
            help_label.setWordWrap(True)
            help_label.setObjectName("questionHelp")
            help_label.setStyleSheet("color: #4a4a4a;")
            self._layout.addWidget(help_label)
        self._error = QtWidgets.QLabel(self)
        self._error.setObjectName("questionError")
        self._error.setWordWrap(True)
        self._error.setStyleSheet("color: #a00000; font-weight: bold;")
        self._error.hide()
        self._updating = False

    def mark_required(self) -> None:
        """Say "(required)" for a question the record needs although the protocol does not."""
        suffix = " " + self.tr("(required)")
        if not self.label_text.endswith(suffix):
            self.label_text += suffix
            self.question_label.setText(self.label_text)
            self.setAccessibleName(self.label_text)

    def finish_layout(self) -> None:
        self._layout.addWidget(self._error)

    def focus_target(self) -> QtWidgets.QWidget:
        """The control the keyboard starts in when this question is next to answer."""
        return self

    def value(self) -> object:
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        """Show `value` without emitting `value_changed`."""
        self._updating = True
        try:
            self._show_value(value)
        finally:
            self._updating = False

    def _show_value(self, value: object) -> None:
        raise NotImplementedError

    def show_error(self, message: str | None) -> None:
        if message:
            self._error.setText("⚠ " + message)
            self._error.setAccessibleName(message)
            self._error.show()
        else:
            self._error.clear()
            self._error.hide()

    def _emit(self) -> None:
        if not self._updating:
            self.value_changed.emit(self.qid, self.value())


class RadioQuestion(QuestionWidget):
    """A question answered by one radio button of several, one of which means "not asked"."""

    def _build_radios(self, choices: list[tuple[object, str]]) -> None:
        self._group = QtWidgets.QButtonGroup(self)
        self._group.setExclusive(True)
        self._arrows = _ArrowsChoose(self)
        self._values: list[object] = []
        row = QtWidgets.QHBoxLayout()
        row.setSpacing(12)
        vertical = len(choices) > 4 or sum(len(label) for _, label in choices) > 56
        box: QtWidgets.QHBoxLayout | QtWidgets.QVBoxLayout = (
            QtWidgets.QVBoxLayout() if vertical else row
        )
        for index, (value, label) in enumerate(choices):
            radio = QtWidgets.QRadioButton(label, self)
            radio.setAccessibleName(f"{label} — {self.label_text}")
            self._group.addButton(radio, index)
            radio.installEventFilter(self._arrows)
            self._values.append(value)
            box.addWidget(radio)
        if not vertical:
            row.addStretch(1)
        self._layout.addLayout(box)
        self._group.idToggled.connect(self._on_toggled)
        self.finish_layout()

    def focus_target(self) -> QtWidgets.QWidget:
        # Unanswered ("Not asked" is checked): the first real choice, so that Space takes it
        # and the arrows walk the choices in order.
        checked = self._group.checkedButton()
        if checked is None or self.value() is None:
            return self._group.buttons()[0]
        return checked

    def radio(self, value: object) -> QtWidgets.QRadioButton:
        """The radio button that stands for `value` (tests and keyboard focus use it)."""
        button = self._group.button(self._values.index(value))
        assert isinstance(button, QtWidgets.QRadioButton)
        return button

    def _on_toggled(self, _index: int, checked: bool) -> None:
        if checked:
            self._emit()

    def value(self) -> object:
        index = self._group.checkedId()
        return self._values[index] if index >= 0 else None

    def _show_value(self, value: object) -> None:
        index = self._values.index(value) if value in self._values else self._values.index(None)
        button = self._group.button(index)
        if button is not None:
            button.setChecked(True)


class BoolQuestion(RadioQuestion):
    """Yes / No / Not asked. "Not asked" is the absent answer, not "no"."""

    def __init__(self, question: Question, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(question, parent)
        self._build_radios(
            [(True, self.tr("Yes")), (False, self.tr("No")), (None, self.tr("Not asked"))]
        )
        self.set_value(None)


class ChoiceRadioQuestion(RadioQuestion):
    def __init__(self, question: Question, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(question, parent)
        choices: list[tuple[object, str]] = [(o.code, str(o.label)) for o in question.options]
        choices.append((None, self.tr("Not asked")))
        self._build_radios(choices)
        self.set_value(None)


class ChoiceComboQuestion(QuestionWidget):
    def __init__(self, question: Question, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.combo = QtWidgets.QComboBox(self)
        self.combo.setAccessibleName(self.label_text)
        ignore_wheel_unless_focused(self.combo)
        self.combo.addItem(self.tr("— not asked —"), None)
        for option in question.options:
            self.combo.addItem(str(option.label), option.code)
        self._layout.addWidget(self.combo)
        self.combo.currentIndexChanged.connect(lambda _i: self._emit())
        self.finish_layout()

    def focus_target(self) -> QtWidgets.QWidget:
        return self.combo

    def value(self) -> object:
        return self.combo.currentData()

    def _show_value(self, value: object) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))


class MultiQuestion(QuestionWidget):
    """Checkboxes; nothing ticked is sent as `None` (not asked), not as an empty answer."""

    def __init__(self, question: Question, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.boxes: dict[str, QtWidgets.QCheckBox] = {}
        columns = QtWidgets.QHBoxLayout()
        per_column = 8
        column: QtWidgets.QVBoxLayout | None = None
        for index, option in enumerate(question.options):
            if index % per_column == 0:
                column = QtWidgets.QVBoxLayout()
                columns.addLayout(column)
            box = QtWidgets.QCheckBox(str(option.label), self)
            box.setAccessibleName(f"{option.label} — {self.label_text}")
            box.toggled.connect(lambda _c: self._emit())
            self.boxes[option.code] = box
            assert column is not None
            column.addWidget(box)
        for col_index in range(columns.count()):
            item = columns.itemAt(col_index)
            layout = item.layout() if item is not None else None
            if isinstance(layout, QtWidgets.QVBoxLayout):
                layout.addStretch(1)
        self._layout.addLayout(columns)
        self.finish_layout()

    def focus_target(self) -> QtWidgets.QWidget:
        return next(iter(self.boxes.values()), self)

    def value(self) -> object:
        ticked = [code for code, box in self.boxes.items() if box.isChecked()]
        return ticked or None

    def _show_value(self, value: object) -> None:
        chosen = set(value) if isinstance(value, list | tuple) else set()
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)


class NumberQuestion(QuestionWidget):
    """Int or scale: a spin box whose lowest position reads "unknown" (value None)."""

    def __init__(
        self, question: Question, parent: QtWidgets.QWidget | None = None, *, slider: bool = False
    ) -> None:
        super().__init__(question, parent)
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else 9999
        self._low = int(low)
        self.spin = QtWidgets.QSpinBox(self)
        self.spin.setRange(self._low - 1, int(high))
        self.spin.setSpecialValueText(self.tr("unknown"))
        self.spin.setAccessibleName(self.label_text)
        self.spin.setAccessibleDescription(
            self.tr("Lowest position means unknown; range {low} to {high}.").format(
                low=low, high=high
            )
        )
        # Each typed digit is an answer, saved at once: not only when the focus leaves the box.
        self.spin.setKeyboardTracking(True)
        ignore_wheel_unless_focused(self.spin)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.spin)
        self.slider: QtWidgets.QSlider | None = None
        if slider:
            self.slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal, self)
            self.slider.setRange(self._low - 1, int(high))
            self.slider.setAccessibleName(self.label_text + " " + self.tr("(slider)"))
            self.slider.setTickPosition(QtWidgets.QSlider.TickPosition.TicksBelow)
            self.slider.setPageStep(1)
            ignore_wheel_unless_focused(self.slider)
            self.slider.valueChanged.connect(self.spin.setValue)
            self.spin.valueChanged.connect(self.slider.setValue)
            row.addWidget(self.slider, 1)
        else:
            row.addStretch(1)
        self._layout.addLayout(row)
        self.spin.valueChanged.connect(lambda _v: self._emit())
        self.finish_layout()
        self.set_value(None)  # a new spin box would say 0; nothing is known yet

    def focus_target(self) -> QtWidgets.QWidget:
        return self.spin

    def value(self) -> object:
        number = self.spin.value()
        return None if number < self._low else number

    def _show_value(self, value: object) -> None:
        self.spin.setValue(value if isinstance(value, int) else self._low - 1)


def make_question_widget(
    question: Question, parent: QtWidgets.QWidget | None = None
) -> QuestionWidget:
    """The widget for one protocol question, by its type."""
    kind = question.type
    if kind == "bool":
        return BoolQuestion(question, parent)
    if kind == "choice":
        if len(question.options) <= MAX_RADIO_OPTIONS:
            return ChoiceRadioQuestion(question, parent)
        return ChoiceComboQuestion(question, parent)
    if kind == "multi":
        return MultiQuestion(question, parent)
    if kind == "int":
        return NumberQuestion(question, parent)
    if kind == "scale":
        return NumberQuestion(question, parent, slider=True)
    raise ValueError(f"unknown question type {kind!r} for {question.id}")
