"""The disposition step's panel: the result of the rules with its actions, the unit numbers it
calls for, the referral and follow-up fields, and for an emergency the crisis steps to confirm."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from html import escape
from typing import TYPE_CHECKING

from svdesk.unit.directory import DirectoryEntry
from svdesk.unit.opening import open_now_of
from ui.qt import QtCore, QtWidgets, Signal
from ui.widgets.directory_view import DirectoryView, order_entries
from ui.widgets.escalation_banner import action_label, level_label, level_meaning
from ui.widgets.open_now import OpenNowView
from ui.widgets.question_widgets import QuestionWidget, make_question_widget

if TYPE_CHECKING:
    from svdesk.content.protocol.model import Question
    from svdesk.content.rules import EscalationResult

# Directory codes worth showing at disposition, by what the result asks for.
_DIRECTORY_FOR_LEVEL = {
    "emergency": ("emergency", "crisis_line", "psychology"),
    "tier3_same_day": ("crisis_line", "psychology", "eap"),
    "tier3_72h": ("psychology", "eap", "crisis_line"),
    "tier3_2wk": ("eap", "psychology", "occupational_health"),
    "tier2_intensified": ("eap", "chaplain"),
    "tier2": ("eap", "chaplain"),
}
_DIRECTORY_FOR_ACTION = {
    "crisis_line_info": ("crisis_line",),
    "relieve_from_duty": ("occupational_health",),
    "risk_legal_support": ("risk_legal",),
    "supporter_debrief": ("psychology",),
}

# Record fields the disposition step asks for (unless the protocol asks them as questions).
DISPOSITION_FIELDS = ("referral_targets", "referral_accepted", "followup_plan")


class DispositionPanel(QtWidgets.QFrame):
    """Disposition extras: the result with actions, the relevant unit numbers, the referral
    fields, and for an emergency the confirmations of the crisis steps taken."""

    field_changed = Signal(str, object)
    confirmations_changed = Signal()

    def __init__(
        self,
        directory: Sequence[DirectoryEntry],
        field_questions: Sequence[Question],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dispositionPanel")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Disposition: result and next steps"))
        self._directory = list(directory)
        layout = QtWidgets.QVBoxLayout(self)
        heading = QtWidgets.QLabel(self.tr("Result and what to do"), self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.result_label = QtWidgets.QLabel(self)
        self.result_label.setObjectName("dispositionResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(QtCore.Qt.TextFormat.RichText)
        layout.addWidget(self.result_label)
        numbers = QtWidgets.QLabel(self.tr("Numbers from your unit directory"), self)
        numbers.setFont(font)
        layout.addWidget(numbers)
        self.directory_view = DirectoryView((), self)
        layout.addWidget(self.directory_view)
        # What of those is open now; `now` is the panel's clock (tests set it).
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.open_now_view = OpenNowView(self)
        self.open_now_view.setVisible(False)
        layout.addWidget(self.open_now_view)

        # Emergency confirmations: ticked by the supporter, checked before completing.
        self.emergency_box = QtWidgets.QFrame(self)
        self.emergency_box.setObjectName("emergencyConfirmations")
        self.emergency_box.setStyleSheet(
            "QFrame#emergencyConfirmations { border: 2px solid #8b0000; border-radius: 4px; }"
        )
        box_layout = QtWidgets.QVBoxLayout(self.emergency_box)
        warn = QtWidgets.QLabel(
            "⚠ " + self.tr("Emergency: confirm each crisis step before completing."),
            self.emergency_box,
        )
        warn.setWordWrap(True)
        warn.setStyleSheet("font-weight: bold; color: #8b0000;")
        box_layout.addWidget(warn)
        self.confirm_stay = QtWidgets.QCheckBox(
            self.tr("Someone is staying with the person; they are not left alone"),
            self.emergency_box,
        )
        self.confirm_called = QtWidgets.QCheckBox(
            self.tr("The emergency response / crisis team has been called"), self.emergency_box
        )
        self.confirm_handover = QtWidgets.QCheckBox(self.tr("Handed over to:"), self.emergency_box)
        self.handover_target = QtWidgets.QComboBox(self.emergency_box)
        self.handover_target.addItem(self.tr("— choose —"), None)
        for code, label in (
            ("emergency_response", self.tr("Emergency response team")),
            ("crisis_team", self.tr("Crisis team")),
            ("emergency_department", self.tr("Emergency department")),
            ("psychiatry_on_call", self.tr("Psychiatry / psychology on call")),
            ("security", self.tr("Security")),
            ("other", self.tr("Someone else who stays with them")),
        ):
            self.handover_target.addItem(label, code)
        self.handover_target.setAccessibleName(self.tr("Handed over to whom"))
        for box in (self.confirm_stay, self.confirm_called, self.confirm_handover):
            box.setAccessibleName(box.text())
            box.toggled.connect(lambda _c: self.confirmations_changed.emit())
        self.handover_target.currentIndexChanged.connect(
            lambda _i: self.confirmations_changed.emit()
        )
        box_layout.addWidget(self.confirm_stay)
        box_layout.addWidget(self.confirm_called)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.confirm_handover)
        row.addWidget(self.handover_target, 1)
        box_layout.addLayout(row)
        layout.addWidget(self.emergency_box)
        self.emergency_box.hide()

        self.field_widgets: dict[str, QuestionWidget] = {}
        for question in field_questions:
            widget = make_question_widget(question, self)
            widget.value_changed.connect(self.field_changed)
            self.field_widgets[str(question.id)] = widget
            layout.addWidget(widget)

    def show_result(self, result: EscalationResult) -> None:
        # The reasons are in the banner just above; here: the result and the actions.
        text = f"<b>{_html(level_label(result.level))}</b><br>{_html(level_meaning(result.level))}"
        if result.actions:
            text += (
                "<ul style='margin-top:2px; margin-bottom:0'>"
                + "".join(f"<li>{_html(action_label(a))}</li>" for a in result.actions)
                + "</ul>"
            )
        self.result_label.setText(text)
        self.result_label.setAccessibleName(
            level_label(result.level) + ". " + level_meaning(result.level)
        )
        codes: list[str] = list(_DIRECTORY_FOR_LEVEL.get(result.level, ()))
        for action in result.actions:
            codes.extend(c for c in _DIRECTORY_FOR_ACTION.get(action, ()) if c not in codes)
        known = {e.code for e in self._directory}
        entries = [e for e in order_entries(self._directory, codes) if e.code in codes]
        missing = [c for c in codes if c not in known]
        entries += [
            DirectoryEntry(code=c, label=c.replace("_", " ").capitalize(), phone=None, detail="")
            for c in missing
        ]
        self.directory_view.set_entries(entries)
        self.open_now_view.show_state(open_now_of(self._directory, self.now()), codes, result.level)
        self.emergency_box.setVisible(result.level == "emergency")

    def confirmations_complete(self) -> bool:
        return (
            self.confirm_stay.isChecked()
            and self.confirm_called.isChecked()
            and self.confirm_handover.isChecked()
            and self.handover_target.currentData() is not None
        )

    def set_field_values(self, values: Mapping[str, object]) -> None:
        for fid, widget in self.field_widgets.items():
            widget.set_value(values.get(fid))


def _html(text: str) -> str:
    return escape(text, quote=False)
