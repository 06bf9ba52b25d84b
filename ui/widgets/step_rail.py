"""The step rail: the conversation's steps, the current one, and which need attention.

Markers are words as well as symbols ("answers missing", "suggested") so that nothing depends on
colour or glyphs alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ui.qt import QtCore, QtGui, QtWidgets, Signal

if TYPE_CHECKING:
    from svdesk.content.protocol.model import ProtocolStep

STEP_ID_ROLE = QtCore.Qt.ItemDataRole.UserRole


class StepRail(QtWidgets.QListWidget):
    """A keyboard-navigable list of steps; emits `step_selected(step_id)` on a move."""

    step_selected = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepRail")
        self.setAccessibleName(self.tr("Conversation steps"))
        self.setAccessibleDescription(
            self.tr("Move freely between the steps; the current step is selected.")
        )
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setMinimumWidth(190)
        self._steps: list[ProtocolStep] = []
        self._missing: set[str] = set()
        self._suggested: set[str] = set()
        self.currentRowChanged.connect(self._on_row)

    def set_steps(self, steps: Sequence[ProtocolStep]) -> None:
        self._steps = list(steps)
        self.blockSignals(True)
        self.clear()
        for step in self._steps:
            item = QtWidgets.QListWidgetItem(self)
            item.setData(STEP_ID_ROLE, step.id)
        self.blockSignals(False)
        self._render()

    def set_markers(self, missing: Iterable[str], suggested: Iterable[str]) -> None:
        """`missing`: step ids with required answers missing; `suggested`: step ids to open."""
        self._missing = set(missing)
        self._suggested = set(suggested)
        self._render()

    def set_current_step(self, step_id: str) -> None:
        for row, step in enumerate(self._steps):
            if step.id == step_id:
                self.blockSignals(True)
                self.setCurrentRow(row)
                self.blockSignals(False)
        self._render()

    def step_text(self, step_id: str) -> str:
        for row, step in enumerate(self._steps):
            if step.id == step_id:
                return self.item(row).text()
        raise KeyError(step_id)

    def _render(self) -> None:
        current = self.currentRow()
        for row, step in enumerate(self._steps):
            item = self.item(row)
            notes = []
            if step.id in self._suggested:
                notes.append("★ " + self.tr("suggested"))
            if step.id in self._missing:
                notes.append("• " + self.tr("answers missing"))
            text = f"{step.number}. {step.title}"
            if notes:
                text += "\n   " + ", ".join(notes)
            item.setText(text)
            font = QtGui.QFont(self.font())
            font.setBold(row == current or step.id in self._suggested)
            item.setFont(font)
            described = text.replace("\n", " ")
            if row == current:
                described += " " + self.tr("(current step)")
            item.setData(QtCore.Qt.ItemDataRole.AccessibleTextRole, described)
            item.setToolTip(described)

    def _on_row(self, row: int) -> None:
        self._render()
        if 0 <= row < len(self._steps):
            self.step_selected.emit(self._steps[row].id)
