"""The record step: the minimal record prefilled from the answers (read-only summary), the record
fields the supporter fills in, and the optional short note under the identifier guard.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from svdesk.content.protocol.model import Option, Question, QuestionType
from svdesk.errors import ValidationError
from svdesk.unit import guard
from svdesk.unit.records import FROM_ANSWERS, time_since_event_code
from ui.qt import QtCore, QtWidgets, Signal
from ui.widgets.escalation_banner import action_label, level_label
from ui.widgets.guarded_note import GuardCheck, GuardedNoteEdit
from ui.widgets.question_widgets import QuestionWidget, make_question_widget

if TYPE_CHECKING:
    from svdesk.content.record_fields import RecordVocabulary
    from svdesk.content.rules import EscalationResult
    from ui.qt import QtGui

# A pause in typing after which the note is written to the draft (at most one burst is lost).
NOTE_SAVE_DELAY_MS = 400


_FIELD_TYPES: dict[str, QuestionType] = {"code": "choice", "code_list": "multi", "integer": "int"}


def record_field_question(
    name: str, vocabulary: RecordVocabulary | None, *, required: bool = False
) -> Question | None:
    """Record field `name` as a question for the question widgets, or None when the vocabulary
    does not know the field."""
    if vocabulary is None:
        return None
    try:
        spec = vocabulary.field(name)
    except ValidationError:
        return None
    return Question(
        id=name,
        type=_FIELD_TYPES[spec.type],
        label=spec.label,
        help=spec.help,
        options=tuple(Option(c.code, c.label) for c in spec.codes),
        min=spec.minimum,
        max=spec.maximum,
        required=required,
    )


def _time_since_event(days: object) -> str | None:
    if not isinstance(days, int) or isinstance(days, bool):
        return None
    return str(time_since_event_code(days))


class RecordPage(QtWidgets.QFrame):
    """Emits `field_changed(name, value)` for each record field (and the note, debounced)."""

    field_changed = Signal(str, object)

    def __init__(
        self,
        *,
        fields: Sequence[str],
        required: Sequence[str],
        vocabulary: RecordVocabulary | None,
        guard_check: GuardCheck,
        roster: Sequence[str] = (),
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recordPage")
        self.setAccessibleName(self.tr("The record"))
        self._vocabulary = vocabulary
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        heading = QtWidgets.QLabel(self.tr("What will be kept (no names, no story)"), self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.summary = QtWidgets.QFrame(self)
        self.summary.setObjectName("recordSummary")
        self.summary.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.summary.setAccessibleName(self.tr("Record summary, filled from your answers"))
        self._summary_form = QtWidgets.QFormLayout(self.summary)
        layout.addWidget(self.summary)

        self.field_widgets: dict[str, QuestionWidget] = {}
        required_set = set(required)
        for name in fields:
            question = record_field_question(name, vocabulary, required=name in required_set)
            if question is None:
                continue
            widget = make_question_widget(question, self)
            widget.value_changed.connect(self.field_changed)
            self.field_widgets[name] = widget
            layout.addWidget(widget)

        note_label = QtWidgets.QLabel(self.tr("Short n&ote (optional, never exported)"), self)
        note_label.setFont(font)
        self.note = GuardedNoteEdit(self, check=guard_check, roster=roster)
        note_label.setBuddy(self.note.editor)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        self._note_timer = QtCore.QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.flush_note)
        self._note_loaded = False
        self._saved_note: str | None = None
        self.note.note_changed.connect(self._on_note)

    def set_values(self, edits: Mapping[str, object]) -> None:
        """Show the record fields saved in the draft so far."""
        for name, widget in self.field_widgets.items():
            widget.set_value(edits.get(name))
        note = edits.get("note")
        self._saved_note = str(note) if note else None
        self._note_loaded = True
        self.note.set_text(str(note or ""))

    def set_summary(
        self,
        answers: Mapping[str, object],
        edits: Mapping[str, object],
        result: EscalationResult | None,
    ) -> None:
        """The read-only part of the record, as it will be built from the answers."""
        while self._summary_form.rowCount():
            self._summary_form.removeRow(0)
        rows: list[tuple[str, str]] = []
        for name, answer_id in FROM_ANSWERS.items():  # record field <- answer id
            rows.append((self._label(name), self._value(name, answers.get(answer_id))))
        rows.insert(
            1,
            (
                self._label("time_since_event"),
                self._value("time_since_event", _time_since_event(answers.get("event.days_since"))),
            ),
        )
        for name in (
            "modality",
            "format",
            "people_reached",
            "role_category",
            "unit_category",
            "activation_source",
            "response_time",
            "interventions",
        ):
            if name in answers:
                rows.append((self._label(name), self._value(name, answers.get(name))))
        if result is not None:
            rows.append((self.tr("Escalation"), level_label(result.level)))
            if result.actions:
                rows.append(
                    (self.tr("Actions"), "; ".join(action_label(a) for a in result.actions))
                )
        for name in ("referral_targets", "referral_accepted", "followup_plan"):
            value = edits.get(name, answers.get(name))
            rows.append((self._label(name), self._value(name, value)))
        for label_text, value_text in rows:
            label = QtWidgets.QLabel(label_text + ":", self.summary)
            value = QtWidgets.QLabel(value_text, self.summary)
            value.setWordWrap(True)
            value.setAccessibleName(f"{label_text}: {value_text}")
            self._summary_form.addRow(label, value)

    def hideEvent(self, event: QtGui.QHideEvent) -> None:
        # Leaving the step, or the window closing on a lock: keep the last words typed.
        self.flush_note()
        super().hideEvent(event)

    def flush_note(self) -> None:
        """Write the note now if it changed and is allowed (never a blocked note)."""
        self._note_timer.stop()
        text = self.note.text().strip() or None
        if text == self._saved_note or self.note.verdict() == "block":
            return
        self._saved_note = text
        self.field_changed.emit("note", text)

    def _on_note(self, _text: str) -> None:
        if self._note_loaded:
            self._note_timer.start()

    def _label(self, name: str) -> str:
        if self._vocabulary is not None:
            try:
                return self._vocabulary.field(name).label
            except ValidationError:
                pass
        return name.replace("_", " ").capitalize()

    def _value(self, name: str, value: object) -> str:
        if value is None or value == []:
            return self.tr("— not given —")
        values = value if isinstance(value, (list, tuple)) else [value]
        labels = []
        for item in values:
            label = str(item)
            if self._vocabulary is not None:
                with contextlib.suppress(ValidationError, KeyError):
                    label = self._vocabulary.label(name, str(item))
            labels.append(label)
        return ", ".join(labels)


# The shortest reason the dialog takes (what a reason says needs a word or two).
REASON_MIN = 3


class OverrideReasonDialog(QtWidgets.QDialog):
    """Asks why a note with warnings is kept (the reason is audit-logged, never exported)."""

    def __init__(self, warning: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overrideReasonDialog")
        self.setWindowTitle(self.tr("Keep the note as it is?"))
        self.setAccessibleName(self.windowTitle())
        layout = QtWidgets.QVBoxLayout(self)
        text = QtWidgets.QLabel(
            warning
            + " "
            + self.tr(
                "If it is not about a person, say why you keep it (for example: "
                "'a medication name, not a person'). The reason is recorded in the audit log."
            ),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        label = QtWidgets.QLabel(self.tr("&Reason:"), self)
        self.reason = QtWidgets.QLineEdit(self)
        self.reason.setAccessibleName(self.tr("Reason for keeping the note"))
        self.reason.setMaxLength(200)
        label.setBuddy(self.reason)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        ok = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Keep note and complete"))
        ok.setAccessibleName(ok.text())
        ok.setEnabled(False)
        cancel = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Go back and edit"))
        cancel.setAccessibleName(cancel.text())
        # Why the button is not available yet, in words (it was disabled without a word).
        self.reason_hint = QtWidgets.QLabel(self)
        self.reason_hint.setObjectName("reasonHint")
        self.reason_hint.setWordWrap(True)
        layout.addWidget(self.reason_hint)
        self._ok = ok
        self.reason.textChanged.connect(self._check_reason)
        self._check_reason("")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def reason_problem(self, text: str) -> str | None:
        """What the core would refuse in this reason (svdesk.unit.cases), said before it does."""
        reason = " ".join(text.split())
        if len(reason) < REASON_MIN:
            return self.tr("Write at least {n} characters to say why the note is safe.").format(
                n=REASON_MIN
            )
        if guard.check(reason).verdict != "ok":
            return self.tr(
                "The reason itself looks identifying (the audit log keeps it): say why the note "
                "is safe without names or numbers."
            )
        return None

    def _check_reason(self, text: str) -> None:
        problem = self.reason_problem(text)
        self._ok.setEnabled(problem is None)
        self.reason_hint.setText(problem or "")
        self.reason.setAccessibleDescription(problem or "")
